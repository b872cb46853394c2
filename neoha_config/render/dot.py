"""The picture as Graphviz DOT: one cluster subgraph per ensemble and HA cluster."""

from __future__ import annotations

from typing import TYPE_CHECKING

from neoha_config.picture import FINDING, INERT

if TYPE_CHECKING:
    from neoha_config.picture import Mark, Picture, PictureNode

_STYLE = {
    FINDING: 'color="#c62828", fillcolor="#fde2e2", fontcolor="#7f1d1d", penwidth=2',
    INERT: 'color="#9e9e9e", fillcolor="#eeeeee", fontcolor="#757575", style="filled,dashed"',
}


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as ``\\n``."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{body}"'


def _label(lines: list[str], mark: Mark) -> str:
    shown = list(lines)
    if mark.red_codes:
        shown.append(" ".join(mark.red_codes))
    return quote("\n".join(shown))


def _node(node: PictureNode, indent: str) -> str:
    shape = "ellipse" if node.kind == "endpoint" else "box"
    attrs = [f"label={_label([node.name, *node.lines], node)}", f"shape={shape}"]
    style = _STYLE.get(node.state)
    if style:
        attrs.append(style)
    elif node.kind == "endpoint":
        attrs.append('style="filled,dashed", fillcolor="#fff8e1"')
    if node.path:
        attrs.append(f"tooltip={quote(node.path)}")
    return f"{indent}{quote(node.uid)} [{', '.join(attrs)}];"


def render(picture: Picture) -> str:
    """The DOT source of ``picture`` (``digraph neoha``), newline-terminated.

    Node identifiers are the member uids (``path#role``), so ``dot -Tsvg`` titles each node
    with its directory and role. Red marks errors and warnings, grey dashed inert components.
    """
    lines = [
        "digraph neoha {",
        "  rankdir=RL;",
        '  node [style=filled, fillcolor="#ffffff", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    grouped: set[str] = set()
    for i, group in enumerate(picture.groups):
        lines.append(f"  subgraph cluster_{i} {{")
        lines.append(f"    label={_label([group.label], group)};")
        color = "#c62828" if group.state == FINDING else "#607d8b"
        lines.append(f'    color="{color}";')
        for uid in group.members:
            grouped.add(uid)
            lines.append(_node(picture.node(uid), "    "))
        lines.append("  }")
    lines += [_node(n, "  ") for n in picture.nodes if n.uid not in grouped]
    for edge in picture.edges:
        attrs = [f"label={_label([edge.label], edge)}"]
        if edge.state == FINDING:
            attrs.append('color="#c62828", fontcolor="#c62828", penwidth=2')
        lines.append(f"  {quote(edge.source)} -> {quote(edge.target)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
