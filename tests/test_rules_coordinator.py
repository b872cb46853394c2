"""Tests of the coordinator rules (NHA201-NHA213) on loaded nodes, under both profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.layout import load_node
from neoha_config.models.coord import myid_first_line
from neoha_config.models.coordfacts import CoordFacts, CoordView
from neoha_config.profile import Profile
from neoha_config.properties import parse
from neoha_config.registry import DOC_PARTS
from neoha_config.rules import RULES
from neoha_config.rules import by_code as rules
from neoha_config.tree import FileRole, Node, SourceFile
from tests.rules_support import findings

Z33, Z38 = Profile.ZK33, Profile.ZK38
CODES = [f"NHA2{n:02d}" for n in range(1, 16)]
HEAD = "tickTime=2000\ndataDir=data/coordinator\nclientPort=2181\ninitLimit=5\nsyncLimit=2\n"
LINES3 = (
    "server.1=localhost:2888:3888\nserver.2=localhost:2889:3889\nserver.3=localhost:2890:3890\n"
)
BASE = HEAD + LINES3  # lines 1-5 settings, 6-8 server lines
ALONE = "tickTime=2000\ndataDir=data/coordinator\nclientPort=2181\n"
CFG = "zk/conf/coord.cfg"
MYID = "zk/data/coordinator/myid"  # <dataDir>/myid, where ZooKeeper reads it
MYID_ELSEWHERE = "zk/myid"  # found by the loader, but not read by ZooKeeper (relative dataDir)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path


def make_node(root: Path, cfg: str, myid: bytes | None = b"1\n", *, preferred: bool = True) -> Node:
    """A coordinator home ``zk`` under ``root``, written to disk and read by the loader."""
    home = root / "zk"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "coord.cfg").write_bytes(cfg.encode("latin-1"))
    if myid is not None:
        place = home / "data" / "coordinator" / "myid" if preferred else home / "myid"
        place.parent.mkdir(parents=True, exist_ok=True)
        place.write_bytes(myid)
    return load_node(home, name="zk", layout="home", cwd=root, include_logs=False)


def run(
    root: Path,
    cfg: str,
    myid: bytes | None = b"1\n",
    profile: Profile = Z33,
    *,
    preferred: bool = True,
    codes: tuple[str, ...] = ("NHA2",),
) -> list[Diagnostic]:
    return findings(make_node(root, cfg, myid, preferred=preferred), codes=codes, profile=profile)


def swap(old: str, new: str, text: str = BASE) -> str:
    assert old in text
    return text.replace(old, new)


@pytest.mark.parametrize("profile", [Z33, Z38])
def test_clean_ensemble_member_has_no_findings(root: Path, profile: Profile) -> None:
    assert run(root, BASE, profile=profile) == []


# (id, coord.cfg, myid, profile, code, severity, path, line, message fragment)
FIRES = [
    ("no-datadir", swap("dataDir=data/coordinator\n", ""), b"1\n", Z33, "NHA201", "error", CFG,
     1, "dataDir is not set"),
    ("no-clientport-33", swap("clientPort=2181\n", ""), b"1\n", Z33, "NHA201", "error", CFG, 1,
     "clientPort is not set"),
    ("no-clientport-38", swap("clientPort=2181\n", ""), b"1\n", Z38, "NHA201", "warning", CFG,
     1, "starts without a client port"),
    ("clientportaddress-38", swap("clientPort=2181\n", "clientPortAddress=127.0.0.1\n"), b"1\n",
     Z38, "NHA201", "error", CFG, 3, "clientPortAddress is set but clientPort is not set"),
    ("tick-zero", swap("tickTime=2000", "tickTime=0"), b"1\n", Z33, "NHA201", "error", CFG, 1,
     "tickTime is not set"),
    ("tick-text", swap("tickTime=2000", "tickTime=2s"), b"1\n", Z38, "NHA201", "error", CFG, 1,
     'For input string: "2s"'),
    ("tick-negative", swap("tickTime=2000", "tickTime=-5"), b"1\n", Z38, "NHA201", "error", CFG,
     1, "negative"),
    ("server-id-text", BASE + "server.x=localhost:2891:3891\n", b"1\n", Z33, "NHA202", "error",
     CFG, 9, "'x' is not an integer"),
    ("server-port-text", swap("localhost:2890:3890", "localhost:abc:3890"), b"1\n", Z38,
     "NHA202", "error", CFG, 8, "not an integer"),
    ("server-peer-type", swap("localhost:2890:3890", "localhost:2890:3890:voter"), b"1\n", Z33,
     "NHA202", "error", CFG, 8, "unknown peer type 'voter'"),
    ("server-five-parts", swap("localhost:2890:3890", "localhost:2890:3890:observer:x"), b"1\n",
     Z38, "NHA202", "error", CFG, 8, "does not have the form"),
    ("server-bad-host", swap("localhost:2890:3890", "bad host:2890:3890"), b"1\n", Z33,
     "NHA202", "error", CFG, 8, "valid host"),
    ("server-ipv6-33", swap("localhost:2890:3890", "[::1]:2890:3890"), b"1\n", Z33, "NHA202",
     "error", CFG, 8, 'NumberFormatException: For input string: ""'),
    ("server-ipv6-full-33", swap("localhost:2890:3890", "[1:2:3:4:5:6:7:8]:2890:3890"), b"1\n",
     Z33, "NHA202", "error", CFG, 8, "goes on without the line"),
    ("server-clientport-33", swap("localhost:2890:3890", "localhost:2890:3890;2183"), b"1\n",
     Z33, "NHA202", "error", CFG, 8, ";clientPort"),
    ("init-missing", swap("initLimit=5\n", ""), b"1\n", Z33, "NHA203", "error", CFG, 1,
     "initLimit is not set"),
    ("sync-zero", swap("syncLimit=2", "syncLimit=0"), b"1\n", Z38, "NHA203", "error", CFG, 5,
     "syncLimit is not set"),
    ("init-negative", swap("initLimit=5", "initLimit=-1"), b"1\n", Z33, "NHA203", "error", CFG,
     4, "negative"),
    ("init-text-standalone", ALONE + "initLimit=x\n", None, Z33, "NHA203", "error", CFG, 4,
     "even without a quorum"),
    ("no-myid", BASE, None, Z33, "NHA204", "error", CFG, 1,
     "data/coordinator/myid file is missing"),
    ("no-myid-38", BASE, None, Z38, "NHA204", "error", CFG, 1, "stops with: myid file is missing"),
    ("myid-elsewhere", BASE, b"1\n", Z33, "NHA204", "warning", MYID_ELSEWHERE, 1,
     "where ZooKeeper will not read it"),
    ("myid-leading-blank", BASE, b" 1\n", Z33, "NHA205", "error", MYID, 1,
     "serverid  1 is not a number"),
    ("myid-empty", BASE, b"", Z38, "NHA205", "error", MYID, 1, "serverid null is not a number"),
    ("myid-two-numbers", BASE, b"1 2\n", Z33, "NHA205", "error", MYID, 1, "'1 2'"),
    ("myid-bad-standalone-33", ALONE, b"x\n", Z33, "NHA205", "warning", MYID, 1,
     "3.5+ read it always"),
    ("myid-bad-standalone-38", ALONE, b"x\n", Z38, "NHA205", "error", MYID, 1,
     "serverid x is not a number"),
    ("myid-not-listed", BASE, b"4\n", Z33, "NHA206", "error", MYID, 1,
     "My id 4 not in the peer list"),
    ("myid-zero-based", BASE, b"0\n", Z38, "NHA206", "error", MYID, 1, "(1, 2, 3)"),
    ("two-part-33", swap("localhost:2890:3890", "localhost:2890"), b"1\n", Z33, "NHA207",
     "error", CFG, 8, "Missing election port for server: 3"),
    ("two-part-38", swap("localhost:2890:3890", "localhost:2890"), b"1\n", Z38, "NHA207",
     "error", CFG, 8, "does not have the form server_config"),
    ("two-part-alone-38", ALONE + "server.1=localhost:2888\n", None, Z38, "NHA207", "error",
     CFG, 4, "ZooKeeper 3.8 stops"),
    ("same-ports-33", swap("localhost:2890:3890", "localhost:2890:2890"), b"1\n", Z33, "NHA207",
     "error", CFG, 8, "quorum port equals election port (ZooKeeper 3.3 does not check"),
    ("same-ports-38", swap("localhost:2890:3890", "localhost:2890:2890"), b"1\n", Z38, "NHA207",
     "error", CFG, 8, "Client and election port must be different!"),
    ("one-line", ALONE + "server.1=localhost:2888:3888\n", b"1\n", Z33, "NHA208", "warning", CFG,
     4, "only one server specified (ignoring)"),
    ("two-lines", HEAD + "server.1=a:2888:3888\nserver.2=b:2888:3888\n", b"1\n", Z38, "NHA208",
     "warning", CFG, 6, "No server failure will be tolerated"),
    ("four-lines", BASE + "server.4=localhost:2891:3891\n", b"1\n", Z33, "NHA208", "warning",
     CFG, 6, "consider an odd number"),
    ("min-only-33", BASE + "minSessionTimeout=5000\n", b"1\n", Z33, "NHA209", "error", CFG, 9,
     "compares the raw values"),
    ("min-above-default-max-38", BASE + "minSessionTimeout=50000\n", b"1\n", Z38, "NHA209",
     "error", CFG, 9, "maxSessionTimeout = unset (40000)"),
    ("max-below-default-min-38", BASE + "maxSessionTimeout=1000\n", b"1\n", Z38, "NHA209",
     "error", CFG, 9, "minSessionTimeout = unset (4000)"),
    ("min-above-max", BASE + "minSessionTimeout=9000\nmaxSessionTimeout=6000\n", b"1\n", Z33,
     "NHA209", "error", CFG, 9, "9000 is larger than maxSessionTimeout = 6000"),
    ("shared-quorum-port", swap("localhost:2890:3890", "localhost:2888:3890"), b"1\n", Z33,
     "NHA210", "error", CFG, 8, "uses localhost:2888, as does server.1"),
    ("shared-loopback-spelling", swap("localhost:2890:3890", "127.0.0.1:2890:3889"), b"1\n", Z38,
     "NHA210", "error", CFG, 8, "as does server.2"),
    ("observers-only", ALONE + "server.1=a:2888:3888:observer\n", b"1\n", Z38, "NHA211", "error",
     CFG, 4, "Observers w/o participants"),
    ("observer-one-participant-33",
     ALONE + "server.1=a:2888:3888\nserver.2=b:2888:3888:observer\n", b"1\n", Z33, "NHA211",
     "error", CFG, 5, "Observers w/o quorum"),
    ("observer-one-participant-38",
     ALONE + "server.1=a:2888:3888\nserver.2=b:2888:3888:observer\n", b"1\n", Z38, "NHA211",
     "error", CFG, 5, "Observers w/o quorum"),
    ("peer-type-bad", BASE + "peerType=follower\n", b"1\n", Z33, "NHA211", "error", CFG, 9,
     "Unrecognised peertype: follower"),
    ("trailing-blank-33", swap("localhost:2888:3888", "localhost:2888:3888    "), b"1\n", Z33,
     "NHA212", "info", CFG, 6, "3.3/3.4 trim it"),
    ("trailing-blank-38", swap("localhost:2888:3888", "localhost:2888:3888    "), b"1\n", Z38,
     "NHA212", "error", CFG, 6, "ZooKeeper 3.8 rejects the line"),
    ("election-alg-0-38", BASE + "electionAlg=0\n", b"1\n", Z38, "NHA213", "error", CFG, 9,
     "Invalid electionAlg value. Only 3 is supported."),
    ("election-alg-9-33", BASE + "electionAlg=9\n", b"1\n", Z33, "NHA213", "error", CFG, 9,
     "never elects a leader"),
    ("election-alg-9-33-standalone", ALONE + "electionAlg=9\n", None, Z33, "NHA213", "warning",
     CFG, 4, "a standalone server holds no election"),
    ("client-port-zero-33", swap("clientPort=2181", "clientPort=0"), b"1\n", Z33, "NHA213",
     "error", CFG, 3, "clientPort is not set"),
    ("client-port-zero-38", swap("clientPort=2181", "clientPort=0"), b"1\n", Z38, "NHA213",
     "warning", CFG, 3, "reads 0 as unset"),
    ("server-inner-blank-33", swap("localhost:2890:3890", "localhost: 2890:3890"), b"1\n", Z33,
     "NHA202", "error", CFG, 8, 'For input string: " 2890"'),
    ("server-blank-before-colon-33", swap("localhost:2890:3890", "localhost:2890 :3890"), b"1\n",
     Z33, "NHA202", "error", CFG, 8, 'For input string: "2890 "'),
    ("server-five-parts-33", swap("localhost:2890:3890", "localhost:2890:3890:observer:x"),
     b"1\n", Z33, "NHA202", "error", CFG, 8, "goes on without the line"),
    ("strict-bool-38", BASE + "standaloneEnabled=no\n", b"1\n", Z38, "NHA213", "error", CFG, 9,
     "Invalid option no for standaloneEnabled. Choose 'true' or 'false.'"),
    ("strict-bool-33", BASE + "reconfigEnabled=no\n", b"1\n", Z33, "NHA213", "info", CFG, 9,
     "ZooKeeper 3.3 does not read reconfigEnabled"),
    ("unmodelled-bool-38", BASE + "syncEnabled=yes\n", b"1\n", Z38, "NHA213", "error", CFG, 9,
     "Invalid option yes for syncEnabled"),
    ("int-text", BASE + "maxClientCnxns=60 conns\n", b"1\n", Z33, "NHA213", "error", CFG, 9,
     'For input string: "60 conns"'),
    ("client-port-range", swap("clientPort=2181", "clientPort=70000"), b"1\n", Z38, "NHA213",
     "error", CFG, 3, "port out of range:70000"),
    ("newer-int-38", BASE + "autopurge.purgeInterval=1h\n", b"1\n", Z38, "NHA213", "error", CFG,
     9, "autopurge.purgeInterval"),
    ("weight-text", BASE + "weight.1=heavy\n", b"1\n", Z33, "NHA213", "error", CFG, 9,
     "weight.1 = 'heavy'"),
    ("standalone-disabled-no-participants-38", ALONE + "standaloneEnabled=false\n", None, Z38,
     "NHA213", "error", CFG, 4, "number of participants should be >0"),
    ("lenient-bool-38", BASE + "admin.enableServer=no\n", b"1\n", Z38, "NHA213", "warning", CFG,
     9, "reads it as false"),
]  # fmt: skip


@pytest.mark.parametrize("row", [pytest.param(row, id=row[0]) for row in FIRES])
def test_rule_fires(root: Path, row: tuple[object, ...]) -> None:
    name, cfg, myid, profile, code, severity, path, line, fragment = row
    assert isinstance(cfg, str)
    assert myid is None or isinstance(myid, bytes)
    assert isinstance(profile, Profile)
    preferred = "elsewhere" not in str(name)
    found = run(root, cfg, myid, profile, preferred=preferred)
    hits = [d for d in found if d.code == code]
    assert hits, f"{code} not reported: {found}"
    hit = next((d for d in hits if str(fragment) in d.message), None)
    assert hit is not None, [d.message for d in hits]
    assert hit.severity == Severity(str(severity))
    assert (hit.location.path, hit.location.line, hit.location.column) == (path, line, 1)
    assert hit.node == "zk"


@pytest.mark.parametrize("row", [pytest.param(row, id=row[0]) for row in FIRES])
def test_rule_fires_alone(root: Path, row: tuple[object, ...]) -> None:
    """Each rule finds what it finds with every NHA2xx rule: no rule needs another to run."""
    name, cfg, myid, profile, code = row[:5]
    assert isinstance(cfg, str)
    assert myid is None or isinstance(myid, bytes)
    assert isinstance(profile, Profile)
    node = make_node(root, cfg, myid, preferred="elsewhere" not in str(name))
    together = [d for d in findings(node, codes=("NHA2",), profile=profile) if d.code == code]
    assert together
    assert findings(node, codes=(str(code),), profile=profile) == together


# (id, coord.cfg, myid, profile, code that must not appear)
NEAR_MISSES = [
    ("tick-unset", swap("tickTime=2000\n", ""), b"1\n", Z33, "NHA201"),
    ("tick-padded", swap("tickTime=2000", "tickTime=2000  "), b"1\n", Z38, "NHA201"),
    ("no-clientport-secure-38", swap("clientPort=2181", "secureClientPort=2281"), b"1\n", Z38,
     "NHA201"),
    ("ipv6-38", swap("localhost:2890:3890", "[::1]:2890:3890"), b"1\n", Z38, "NHA202"),
    ("clientport-suffix-38", swap("localhost:2890:3890", "localhost:2890:3890;2183"), b"1\n",
     Z38, "NHA202"),
    ("observer-any-case", BASE + "server.4=localhost:2891:3891:OBSERVER\n", b"1\n", Z33,
     "NHA202"),
    ("two-part-is-nha207-38", swap("localhost:2890:3890", "localhost:2890"), b"1\n", Z38,
     "NHA202"),
    ("trailing-colon-33", swap("localhost:2890:3890", "localhost:2890:3890:"), b"1\n", Z33,
     "NHA202"),
    ("empty-host-33", swap("localhost:2890:3890", ":2890:3890"), b"1\n", Z33, "NHA202"),
    ("trailing-colons-observer-33", BASE + "server.4=localhost:2891:3891:observer::\n", b"1\n",
     Z33, "NHA202"),
    ("standalone-no-limits", ALONE, None, Z33, "NHA203"),
    ("one-line-no-limits", ALONE + "server.1=localhost:2888:3888\n", None, Z38, "NHA203"),
    ("standalone-no-myid", ALONE + "server.1=localhost:2888:3888\n", None, Z33, "NHA204"),
    ("myid-crlf", BASE, b"2\r\n", Z38, "NHA205"),
    ("myid-second-line-ignored", BASE, b"3\nnotes\n", Z33, "NHA205"),
    ("myid-listed", BASE, b"3\n", Z33, "NHA206"),
    ("myid-standalone-unlisted", ALONE + "server.1=localhost:2888:3888\n", b"9\n", Z38, "NHA206"),
    ("udp-election-33", HEAD + "electionAlg=0\nserver.1=a:2888\nserver.2=b:2888\nserver.3=c:2888\n",
     b"1\n", Z33, "NHA207"),
    ("two-part-alone-33", ALONE + "server.1=localhost:2888\n", None, Z33, "NHA207"),
    ("three-lines", BASE, b"1\n", Z38, "NHA208"),
    ("five-lines", BASE + "server.4=localhost:2891:3891\nserver.5=localhost:2892:3892\n", b"1\n",
     Z33, "NHA208"),
    ("observer-not-counted", BASE + "server.4=localhost:2891:3891:observer\n", b"1\n", Z33,
     "NHA208"),
    ("min-only-38", BASE + "minSessionTimeout=5000\n", b"1\n", Z38, "NHA209"),
    ("min-below-max", BASE + "minSessionTimeout=4000\nmaxSessionTimeout=40000\n", b"1\n", Z33,
     "NHA209"),
    ("same-ports-other-hosts", HEAD + "server.1=a:2888:3888\nserver.2=b:2888:3888\n"
     "server.3=c:2888:3888\n", b"1\n", Z38, "NHA210"),
    ("peer-type-upper", BASE + "peerType=OBSERVER\n", b"1\n", Z33, "NHA211"),
    ("observers-with-quorum", BASE + "server.4=localhost:2891:3891:observer\n", b"1\n", Z38,
     "NHA211"),
    ("no-trailing-blank", BASE, b"1\n", Z38, "NHA212"),
    ("trailing-blank-other-key", swap("clientPort=2181", "clientPort=2181   "), b"1\n", Z38,
     "NHA212"),
    ("standalone-disabled-no-participants-33", ALONE + "standaloneEnabled=false\n", None, Z33,
     "NHA213"),
    ("standalone-disabled-one-participant-38",
     HEAD + "standaloneEnabled=false\nserver.1=localhost:2888:3888\n", b"1\n", Z38, "NHA213"),
    ("election-alg-0-33", BASE + "electionAlg=0\n", b"1\n", Z33, "NHA213"),
    ("election-alg-3-38", BASE + "electionAlg=3\n", b"1\n", Z38, "NHA213"),
    ("bool-upper-38", BASE + "standaloneEnabled=TRUE\n", b"1\n", Z38, "NHA213"),
    ("newer-int-33", BASE + "autopurge.purgeInterval=1h\n", b"1\n", Z33, "NHA213"),
    ("padded-int", BASE + "maxClientCnxns=60 \n", b"1\n", Z33, "NHA213"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("cfg", "myid", "profile", "code"), [pytest.param(*row[1:], id=row[0]) for row in NEAR_MISSES]
)
def test_rule_stays_silent(
    root: Path, cfg: str, myid: bytes | None, profile: Profile, code: str
) -> None:
    found = [d for d in run(root, cfg, myid, profile) if d.code == code]
    assert not found, found


def test_two_part_line_under_38_is_reported_once(root: Path) -> None:
    found = run(root, swap("localhost:2890:3890", "localhost:2890"), profile=Z38)
    assert [d.code for d in found] == ["NHA207"]


def test_duplicate_server_key_uses_winning_line(root: Path) -> None:
    cfg = BASE + "server.3=localhost:2888:3888\n"  # the winner collides with server.1
    found = [d for d in run(root, cfg) if d.code == "NHA210"]
    assert [(d.location.line, [r.line for r in d.related]) for d in found] == [(9, [6])]


def test_myid_elsewhere_points_at_datadir(root: Path) -> None:
    found = [d for d in run(root, BASE, preferred=False) if d.code == "NHA204"]
    assert len(found) == 1
    assert (found[0].location.path, found[0].severity) == (MYID_ELSEWHERE, Severity.WARNING)
    assert [(r.path, r.line) for r in found[0].related] == [(CFG, 2)]


def test_bad_myid_elsewhere_is_a_warning(root: Path) -> None:
    found = [d for d in run(root, BASE, b"x\n", preferred=False) if d.code == "NHA205"]
    assert [(d.severity, d.location.path) for d in found] == [(Severity.WARNING, MYID_ELSEWHERE)]
    assert "does not read it here" in found[0].message


def test_standalone_disabled_makes_one_participant_a_quorum_in_38(root: Path) -> None:
    cfg = ALONE + "standaloneEnabled=false\nserver.1=localhost:2888:3888\n"
    node = make_node(root, cfg, None)
    codes = {d.code for d in findings(node, codes=("NHA2",), profile=Z38)}
    assert {"NHA203", "NHA204"} <= codes
    assert "NHA203" not in {d.code for d in findings(node, codes=("NHA2",), profile=Z33)}


def test_own_line_client_port_replaces_client_port_in_38(root: Path) -> None:
    cfg = swap("clientPort=2181\n", "", swap("localhost:2888:3888", "localhost:2888:3888;2181"))
    assert [d for d in run(root, cfg, profile=Z38) if d.code == "NHA201"] == []
    found = [d for d in run(root / "two", cfg, b"2\n", Z38) if d.code == "NHA201"]
    assert [d.severity for d in found] == [Severity.WARNING]  # server.2 has no ;clientPort


def test_node_without_coord_file_is_silent() -> None:
    node = Node(name="db", path=Path("db"), display="db", layout="home")
    assert findings(node, codes=("NHA2",), profile=Z38) == []


def test_unreadable_myid_is_left_to_nha001(root: Path) -> None:
    node = make_node(root, BASE, None)
    node.files[FileRole.MYID] = SourceFile(
        role=FileRole.MYID, path=Path(MYID), display=MYID, error="it is a FIFO"
    )
    codes = {d.code for d in findings(node, codes=("NHA2",), profile=Z33)}
    assert not codes & {"NHA204", "NHA205", "NHA206"}


@pytest.mark.parametrize(
    ("data", "first"),
    [
        (b"", None),
        (b"\n", ""),
        (b"1\n", "1"),
        (b" 1 \r\n2\n", " 1 "),
        (b"3\rnotes", "3"),
        (b"4\x0c\n", "4\x0c"),  # a form feed is no line end for readLine
        (b"\xe9\n", "\xe9"),  # ISO-8859-1
    ],
)
def test_myid_first_line_is_what_zookeeper_reads(data: bytes, first: str | None) -> None:
    assert myid_first_line(data) == first


def test_loader_keeps_myid_first_line_once(root: Path) -> None:
    node = make_node(root, BASE, b" 7\nrest\n")
    assert (node.myid, node.myid_line) == (None, " 7")
    good = make_node(root / "good", BASE, b"7\r\n")
    assert good.myid is not None
    assert (good.myid.value, good.myid_line) == (7, "7")


def test_coord_view_reads_keys_by_release() -> None:
    facts = CoordFacts.read(parse(b"clientPort=2181\n"), CFG)
    old, new = CoordView(facts, Z33), CoordView(facts, Z38)
    keys = ("clientPort", "autopurge.purgeInterval", "standaloneEnabled", "weight.1", "no.such")
    assert [old.reads(k) for k in keys] == [True, False, False, True, False]
    assert [new.reads(k) for k in keys] == [True, True, True, True, False]


def test_server_entries_are_read_once_with_their_facts() -> None:
    text = b"server.1=a:2888:3888  \nserver.x=b:1:2\nserver.2=[::1]:1:2\nserver.3=c:0:1\n"
    servers = CoordFacts.read(parse(text), CFG).servers
    assert [(s.id, s.padded(), s.modern_only(), s.line is not None) for s in servers] == [
        (1, True, False, True),
        (None, False, False, False),
        (2, False, True, True),
        (3, False, False, False),
    ]
    assert "out of range" in str(servers[3].error)


def test_every_coordinator_rule_is_in_the_table() -> None:
    assert [r.code for r in RULES if r.code.startswith("NHA2")] == CODES


@pytest.mark.parametrize("code", CODES)
def test_rule_is_documented(code: str) -> None:
    rule = rules()[code]
    assert rule.summary
    places = [rule.doc.find(part) for part in DOC_PARTS]
    assert all(p >= 0 for p in places), f"{code} doc lacks a part: {places}"
    assert places == sorted(places), f"{code} doc parts out of order"
