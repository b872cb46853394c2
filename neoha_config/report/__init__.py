"""Output formats for check results: text, JSON, GitHub annotations, SARIF."""
