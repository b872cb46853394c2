"""The rules, one module per scope; importing a module registers its rules."""
