"""The picture as one self-contained HTML page: an inline SVG drawn here and a findings table."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from neoha_config.picture import FINDING, INERT

if TYPE_CHECKING:
    from neoha_config.diagnostics import Diagnostic
    from neoha_config.picture import Picture, PictureNode

NODE_W = 230
LINE_H = 16
PAD = 14
TITLE_H = 26
GAP = 24
MARGIN = 20
COLUMN_GAP = 220

_FILL = {FINDING: "#fde2e2", INERT: "#eeeeee"}
_STROKE = {FINDING: "#c62828", INERT: "#9e9e9e"}
_TEXT = {FINDING: "#7f1d1d", INERT: "#757575"}

STYLE = """
body { font-family: system-ui, sans-serif; margin: 24px; color: #212121; }
h1 { font-size: 20px; }
table { border-collapse: collapse; margin-top: 16px; max-width: 100%; }
th, td { border: 1px solid #cfd8dc; padding: 4px 8px; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #eceff1; }
td.error { color: #c62828; font-weight: bold; }
td.warning { color: #e65100; font-weight: bold; }
code { font-size: 12px; }
svg text { font-family: system-ui, sans-serif; }
""".strip()


@dataclass(slots=True)
class _Box:
    x: float
    y: float
    w: float
    h: float


CODES_A_LINE = 3


def _code_lines(codes: list[str]) -> list[str]:
    return [" ".join(codes[i : i + CODES_A_LINE]) for i in range(0, len(codes), CODES_A_LINE)]


def _node_height(node: PictureNode) -> float:
    rows = 1 + len(node.lines) + len(_code_lines(node.red_codes))
    return rows * LINE_H + 12


def _layout(picture: Picture) -> tuple[dict[str, _Box], list[tuple[str, str, _Box]], float, float]:
    """Boxes of nodes and groups: ensembles (and endpoints outside the tree) in the left column,
    HA clusters in the right one, each group's nodes stacked."""
    grouped = {uid for g in picture.groups for uid in g.members}
    columns: list[list[tuple[str, str, list[str], list[PictureNode]]]] = [[], []]
    for group in picture.groups:
        side = 0 if group.kind == "ensemble" else 1
        members = [picture.node(uid) for uid in group.members]
        columns[side].append((group.uid, group.label, group.red_codes, members))
    loose = [n for n in picture.nodes if n.uid not in grouped]
    if loose:
        columns[0].append(("", "not in the tree", [], loose))
    nodes: dict[str, _Box] = {}
    groups: list[tuple[str, str, _Box]] = []
    height = 0.0
    for position, stack in enumerate(columns):
        x = MARGIN + position * (NODE_W + 2 * PAD + COLUMN_GAP)
        y = float(MARGIN)
        for uid, _label, codes, members in stack:
            top = y
            y += TITLE_H + LINE_H * len(_code_lines(codes))
            for node in members:
                h = _node_height(node)
                nodes[node.uid] = _Box(x + PAD, y, NODE_W, h)
                y += h + 10
            y += PAD - 10
            groups.append((uid, _label, _Box(x, top, NODE_W + 2 * PAD, y - top)))
            y += GAP
        height = max(height, y)
    width = MARGIN * 2 + 2 * (NODE_W + 2 * PAD) + COLUMN_GAP
    return nodes, groups, width, max(height, 120.0)


def _svg(picture: Picture) -> str:
    boxes, groups, width, height = _layout(picture)
    by_uid = {g.uid: g for g in picture.groups}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="cluster picture">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="context-stroke"/></marker></defs>',
    ]
    for uid, label, box in groups:
        group = by_uid.get(uid)
        state = group.state if group is not None else ""
        stroke = "#c62828" if state == FINDING else "#90a4ae"
        dash = ' stroke-dasharray="5 4"' if not uid else ""
        codes = "".join(
            f'<text x="{box.x + 10}" y="{box.y + 34 + r * LINE_H}" font-size="12" '
            f'font-weight="bold" fill="#c62828">{escape(line)}</text>'
            for r, line in enumerate(_code_lines(group.red_codes if group is not None else []))
        )
        out.append(
            f'<g class="group" data-state="{escape(state or "dangling")}">'
            f"<title>{escape(label)}</title>"
            f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" rx="8" '
            f'fill="#f7f9fa" stroke="{stroke}" stroke-width="1.5"{dash}/>'
            f'<text x="{box.x + 10}" y="{box.y + 18}" font-size="13" font-weight="bold" '
            f'fill="#37474f">{escape(_clip(label, 34))}</text>{codes}</g>'
        )
    for i, edge in enumerate(picture.edges):
        src, dst = boxes.get(edge.source), boxes.get(edge.target)
        if src is None or dst is None:
            continue
        x1, y1 = src.x, src.y + src.h / 2
        x2, y2 = dst.x + dst.w, dst.y + dst.h / 2
        mid = (x1 + x2) / 2
        red = edge.state == FINDING
        color = "#c62828" if red else "#78909c"
        text = edge.label + (" " + " ".join(edge.red_codes) if red else "")
        lx, ly = x1 - 8, y1 - 4 - 11 * (i % 3)
        out.append(
            f'<g class="edge" data-state="{edge.state}" data-source="{escape(edge.source)}" '
            f'data-target="{escape(edge.target)}"><title>{escape(text)}</title>'
            f'<path d="M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}" fill="none" '
            f'stroke="{color}" stroke-width="{2.5 if red else 1.2}" marker-end="url(#arrow)"/>'
            f'<text x="{lx}" y="{ly}" font-size="10" text-anchor="end" fill="{color}">'
            f"{escape(text)}</text></g>"
        )
    for node in picture.nodes:
        box = boxes[node.uid]
        state = node.state
        fill = _FILL.get(state, "#fff8e1" if node.kind == "endpoint" else "#ffffff")
        stroke = _STROKE.get(state, "#f9a825" if node.kind == "endpoint" else "#546e7a")
        color = _TEXT.get(state, "#212121")
        dash = ' stroke-dasharray="4 3"' if state == INERT or node.kind == "endpoint" else ""
        rows = [(node.name, "bold"), *((line, "normal") for line in node.lines)]
        rows += [(line, "bold") for line in _code_lines(node.red_codes)]
        texts = "".join(
            f'<text x="{box.x + 8}" y="{box.y + 16 + r * LINE_H}" font-size="12" '
            f'font-weight="{weight}" fill="{color}">{escape(_clip(line, 36))}</text>'
            for r, (line, weight) in enumerate(rows)
        )
        out.append(
            f'<g class="node" data-kind="{escape(node.kind)}" data-state="{state}" '
            f'data-uid="{escape(node.uid)}"><title>{escape(node.path or node.name)}</title>'
            f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" rx="5" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{2 if state == FINDING else 1.2}"'
            f"{dash}/>{texts}</g>"
        )
    out.append("</svg>")
    return "\n".join(out)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _row(diag: Diagnostic) -> str:
    related = "<br>".join(f"<code>{escape(str(r))}</code>" for r in diag.related)
    group = f" [{escape(diag.group)}]" if diag.group else ""
    return (
        f'<tr><td><code>{escape(diag.code)}</code></td><td class="{escape(diag.severity.value)}">'
        f"{escape(diag.severity.value)}</td><td><code>{escape(str(diag.location))}</code></td>"
        f"<td>{escape(diag.node or '')}</td><td>{escape(diag.message)}{group}</td>"
        f"<td>{related}</td></tr>"
    )


def render(picture: Picture, *, title: str = "neoha-config") -> str:
    """A whole HTML page: the picture as inline SVG, a legend and the findings table.

    Every text from the configuration is escaped; the page loads nothing from anywhere.
    """
    rows = "\n".join(_row(d) for d in picture.findings)
    table = (
        '<table class="findings"><thead><tr><th>code</th><th>severity</th><th>location</th>'
        f"<th>node</th><th>message</th><th>related</th></tr></thead><tbody>\n{rows}\n"
        "</tbody></table>"
        if picture.findings
        else '<p class="findings">No findings.</p>'
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>\n"
        f"<h1>{escape(title)}</h1>\n"
        "<p>Coordinators by ensemble (left), database nodes by HA cluster (right); arrows are "
        "coordinator-list entries. Red: an error or warning, with its code. Grey: a component "
        "that does not run.</p>\n"
        f"{_svg(picture)}\n<h2>Findings</h2>\n{table}\n</body></html>\n"
    )
