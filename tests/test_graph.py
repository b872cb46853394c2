"""The cluster picture: the model, Mermaid, DOT through real Graphviz, HTML in real Chromium."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from neoha_config import inventory, picture
from neoha_config.check import CheckOptions, check_paths
from neoha_config.cli import main
from neoha_config.layout import load_tree
from neoha_config.render import dot, html, mermaid
from tests.jvm import unavailable

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "examples" / "broken"
CLUSTER = ROOT / "examples" / "cluster"


def picture_of(path: Path, monkeypatch: pytest.MonkeyPatch) -> picture.Picture:
    monkeypatch.chdir(path.parent)
    tree = load_tree([path.name], include_logs=False)
    return picture.build(inventory.build(tree), check_paths([path.name], CheckOptions()))


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> picture.Picture:
    return picture_of(BROKEN, monkeypatch)


def test_broken_picture_groups_nodes_and_marks_findings(broken: picture.Picture) -> None:
    assert [(g.kind, len(g.members)) for g in broken.groups] == [("ensemble", 3), ("cluster", 3)]
    coord3 = broken.node("broken/coord3#coordinator")
    assert coord3.state == picture.FINDING
    assert "NHA206" in coord3.red_codes  # its myid is not among the server.N ids
    db2 = broken.node("broken/db2#database")
    assert "NHA301" in db2.red_codes
    # The one entry that names a quorum port is the red edge, and only it carries NHA303.
    red = [e for e in broken.edges if e.state == picture.FINDING]
    assert [(e.source, e.label, e.red_codes) for e in red] == [
        ("broken/db1#database", "neo4j-manager-03:2888", ["NHA303"])
    ]
    assert broken.node(red[0].target).kind == "endpoint"


def test_clean_cluster_has_no_red(monkeypatch: pytest.MonkeyPatch) -> None:
    pic = picture_of(CLUSTER, monkeypatch)
    assert pic.nodes
    assert {n.state for n in pic.nodes} == {picture.OK}
    assert {e.state for e in pic.edges} == {picture.OK}
    assert len(pic.edges) == 9  # three databases, three coordinators each
    assert all(pic.node(e.target).kind == "coordinator" for e in pic.edges)
    assert "class " not in mermaid.render(pic)


def test_inert_member_is_grey(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CLUSTER.parent)
    inv = inventory.build(load_tree(["cluster"], include_logs=False))
    inv.ensembles[0].members[0].live = False
    pic = picture.build(inv)
    node = pic.node(inv.ensembles[0].members[0].uid)
    assert node.state == picture.INERT
    assert re.search(r"^  class n0 inert$", mermaid.render(pic), re.MULTILINE)
    inert_lines = [line for line in dot.render(pic).splitlines() if "dashed" in line]
    assert len(inert_lines) == 1
    assert inert_lines[0].lstrip().startswith(f'"{node.uid}"')
    assert 'data-state="inert"' in html.render(pic)


def test_mermaid_of_broken(broken: picture.Picture) -> None:
    text = mermaid.render(broken)
    assert text.startswith("flowchart LR\n")
    assert text.count("subgraph ") == 2
    assert '-->|"neo4j-manager-03:2888<br/>NHA303"|' in text
    assert re.search(r"^  linkStyle 2 stroke:#c62828", text, re.MULTILINE)


def test_labels_are_escaped() -> None:
    node = picture.PictureNode(uid="x", name='a"b<script>#1&', path="p", kind="database")
    pic = picture.Picture(groups=[], nodes=[node], edges=[])
    assert "a#quot;b#lt;script#gt;#35;1#amp;" in mermaid.render(pic)
    assert '"a\\"b<script>#1&"' in dot.render(pic)
    page = html.render(pic)
    assert "<script>" not in page
    assert "a&quot;b&lt;script&gt;#1&amp;" in page


def test_graph_command_writes_each_format(tmp_path: Path) -> None:
    for fmt in ("mermaid", "dot", "html"):
        out = tmp_path / f"picture.{fmt}"
        assert main(["graph", str(BROKEN), "--format", fmt, "--output-file", str(out)]) == 0
        assert "coord3" in out.read_text(encoding="utf-8")


def test_graph_command_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["graph", str(tmp_path / "nowhere")]) == 2


# --- real renderers ---------------------------------------------------------------------------


def test_dot_renders_with_graphviz(broken: picture.Picture, tmp_path: Path) -> None:
    exe = shutil.which("dot")
    if exe is None:
        unavailable("Graphviz's dot is not installed (Debian package graphviz)")
    source = tmp_path / "broken.dot"
    source.write_text(dot.render(broken), encoding="utf-8")
    done = subprocess.run(
        [exe, "-Tsvg", str(source)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr, done.stderr
    assert "Error" not in done.stderr, done.stderr
    titles = set(re.findall(r"<title>(.*?)</title>", done.stdout))
    for name in ("coord1", "coord2", "coord3"):
        assert f"broken/{name}#coordinator" in titles
    for name in ("db1", "db2", "db3"):
        assert f"broken/{name}#database" in titles
    assert {"cluster_0", "cluster_1"} <= titles
    assert "broken/db1#database&#45;&gt;endpoint:neo4j&#45;manager&#45;03:2888" in titles
    assert done.stdout.count('class="edge"') == len(broken.edges)


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered rows of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks += body
        pos += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", header[:10])
    assert depth == 8, depth
    assert color in (2, 6), color
    step = 3 if color == 2 else 4
    raw = zlib.decompress(chunks)
    stride = width * step
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            a = line[i - step] if i >= step else 0
            b, c = prev[i], prev[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line[j] for j in range(0, stride, step)))  # red channel only
        prev = line
    return width, height, rows


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        exe = shutil.which(name)
        if exe is not None:
            return exe
    unavailable("Chromium is not installed (Debian package chromium)")
    raise AssertionError  # unreachable: unavailable() skips or fails


def _run_chromium(exe: str, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [exe, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={home}", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
    )


def test_html_page_draws_in_chromium(broken: picture.Picture, tmp_path: Path) -> None:
    exe = _chromium()
    page = tmp_path / "broken.html"
    page.write_text(html.render(broken, title="examples/broken"), encoding="utf-8")
    shot = tmp_path / "shot.png"
    done = _run_chromium(
        exe, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri(), home=tmp_path
    )
    assert shot.is_file(), done.stderr
    width, height, red = _png_pixels(shot.read_bytes())
    assert (width, height) == (1200, 900)
    # The finding boxes are drawn: the light red fill (#fde2e2) covers a real area.
    light_red = sum(1 for row in red[::4] for value in row[::4] if value == 0xFD)
    assert light_red > 500, light_red

    dom = _run_chromium(exe, "--dump-dom", page.as_uri(), home=tmp_path)
    assert dom.returncode == 0, dom.stderr
    nodes = re.findall(r'<g class="node" data-kind="(\w+)" data-state="(\w+)"', dom.stdout)
    assert len(nodes) == len(broken.nodes) == 8
    assert nodes.count(("coordinator", "finding")) == 2  # coord1 has only a note (NHA212)
    assert len(re.findall(r'<g class="edge"', dom.stdout)) == len(broken.edges)
    assert len(re.findall(r'<g class="group"', dom.stdout)) == 3  # two groups, one outside
    assert "<title>broken/coord3</title>" in dom.stdout
    assert dom.stdout.count("<tr>") == len(broken.findings) + 1


def test_standalone_coordinator_without_myid_is_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One directory, both roles; the coordinator has no myid (standalone), so only the port
    # map knows where it listens: the coordinator-list entry still points at it.
    node = tmp_path / "n1"
    node.mkdir()
    (node / "coord.cfg").write_text(
        "tickTime=2000\ndataDir=data\nclientPort=2181\nserver.1=localhost:2888:3888\n",
        encoding="latin-1",
    )
    (node / "neo4j.properties").write_text(
        "ha.server_id=1\nha.coordinators=127.0.0.1:2181\nha.server=localhost:6001\n",
        encoding="latin-1",
    )
    monkeypatch.chdir(tmp_path)
    pic = picture.build(inventory.build(load_tree(["."], include_logs=False)))
    (edge,) = pic.edges
    assert (edge.source, edge.target) == ("n1#database", "n1#coordinator")
    assert [n.kind for n in pic.nodes] == ["coordinator", "database"]
