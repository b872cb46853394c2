"""The picture as a Mermaid flowchart (renders in GitHub Markdown and job summaries)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from neoha_config.picture import FINDING, INERT

if TYPE_CHECKING:
    from neoha_config.picture import Mark, Picture, PictureNode

RED = "fill:#fde2e2,stroke:#c62828,stroke-width:2px,color:#7f1d1d"
GREY = "fill:#eeeeee,stroke:#9e9e9e,color:#757575,stroke-dasharray:4 3"
DANGLING = "fill:#fff8e1,stroke:#f9a825,stroke-dasharray:4 3"


def escape(text: str) -> str:
    """Text for a double-quoted Mermaid label: entity codes for the characters Mermaid reads
    (``#``, ``"``, ``<``, ``>``, ``&``) and no line breaks."""
    out = text.replace("#", "#35;").replace('"', "#quot;").replace("&", "#amp;")
    out = out.replace("<", "#lt;").replace(">", "#gt;")
    return " ".join(out.split())


def _label(lines: list[str], mark: Mark) -> str:
    shown = [escape(line) for line in lines]
    if mark.red_codes:
        shown.append(escape(" ".join(mark.red_codes)))
    return "<br/>".join(shown)


def _node_lines(node: PictureNode) -> list[str]:
    return [node.name, *node.lines]


def render(picture: Picture) -> str:
    """The Mermaid source (``flowchart LR``), newline-terminated, without the code fence.

    Nodes are grouped in one subgraph per ensemble and HA cluster; a node, group or edge with an
    error or warning is red and shows its codes, an inert one grey.
    """
    ids = {n.uid: f"n{i}" for i, n in enumerate(picture.nodes)}
    lines = ["flowchart LR"]
    grouped: set[str] = set()
    for i, group in enumerate(picture.groups):
        lines.append(f'  subgraph g{i}["{_label([group.label], group)}"]')
        for uid in group.members:
            node = picture.node(uid)
            grouped.add(uid)
            lines.append(f'    {ids[uid]}["{_label(_node_lines(node), node)}"]')
        lines.append("  end")
    for node in picture.nodes:
        if node.uid not in grouped:
            lines.append(f'  {ids[node.uid]}(["{_label(_node_lines(node), node)}"])')
    for edge in picture.edges:
        text = _label([edge.label], edge)
        lines.append(f'  {ids[edge.source]} -->|"{text}"| {ids[edge.target]}')
    lines += [f"  classDef finding {RED}", f"  classDef inert {GREY}"]
    lines.append(f"  classDef dangling {DANGLING}")
    for state in (FINDING, INERT):
        chosen = [ids[n.uid] for n in picture.nodes if n.state == state]
        if chosen:
            lines.append(f"  class {','.join(chosen)} {state}")
    dangling = [ids[n.uid] for n in picture.nodes if n.kind == "endpoint" and n.state != FINDING]
    if dangling:
        lines.append(f"  class {','.join(dangling)} dangling")
    for i, group in enumerate(picture.groups):
        if group.state == FINDING:
            lines.append(f"  style g{i} stroke:#c62828,stroke-width:2px")
    red_edges = [str(i) for i, e in enumerate(picture.edges) if e.state == FINDING]
    if red_edges:
        lines.append(f"  linkStyle {','.join(red_edges)} stroke:#c62828,stroke-width:2px")
    return "\n".join(lines) + "\n"
