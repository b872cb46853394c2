"""Renderers of a cluster picture: Mermaid, Graphviz DOT, and a self-contained HTML page."""
