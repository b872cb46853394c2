"""ZooKeeper 3.8 itself as the oracle for ``check --zookeeper 3.8`` on coordinator configs.

Every case under ``tests/data/zk_corpus/<name>/`` is a small home (``conf/coord.cfg``, maybe
``data/coordinator/myid``) with ``expect.json``: what the real ``QuorumPeerConfig.parse``
answered, and, where ``check`` deliberately disagrees, why (see docs/zookeeper-oracle.md).
All cases are parsed by one JVM; the two rules only a starting server shows (NHA206, NHA210)
start real servers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from neoha_config.cli import main
from tests.zk_support import (
    ZkServer,
    compile_oracle,
    coord_cfg,
    free_ports,
    run_oracle,
    start_server,
    stop_server,
    wait_until,
)

pytestmark = [pytest.mark.java, pytest.mark.zookeeper]

CORPUS = Path(__file__).parent / "data" / "zk_corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expect.json").is_file())
START_WAIT = 30.0

# One or more corpus cases per coordinator rule that ZooKeeper 3.8 enforces at parse time.
RULE_CASES = [
    ("NHA201", "missing-datadir"),
    ("NHA201", "ticktime-zero"),
    ("NHA201", "ticktime-with-unit"),
    ("NHA202", "server-port-not-integer"),
    ("NHA202", "server-port-out-of-range"),
    ("NHA202", "server-id-not-integer"),
    ("NHA202", "server-unknown-type"),
    ("NHA202", "server-five-parts"),
    ("NHA203", "initlimit-missing"),
    ("NHA203", "synclimit-zero"),
    ("NHA203", "initlimit-not-integer"),
    ("NHA204", "myid-missing"),
    ("NHA205", "myid-trailing-space"),
    ("NHA205", "myid-leading-space"),
    ("NHA205", "myid-empty"),
    ("NHA205", "myid-letters"),
    ("NHA205", "myid-bad-standalone"),
    ("NHA207", "quorum-port-equals-election-port"),
    ("NHA207", "server-two-parts"),
    ("NHA209", "session-min-above-max"),
    ("NHA209", "session-min-only-above-default-max"),
    ("NHA211", "observers-without-participants"),
    ("NHA211", "observer-without-quorum"),
    ("NHA211", "peertype-unknown"),
]


def expect(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / name / "expect.json").read_text())
    return data


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each corpus case's verdict from the real QuorumPeerConfig.parse, one JVM for all."""
    classes = compile_oracle(tmp_path_factory.mktemp("oracle-classes"))
    stage = tmp_path_factory.mktemp("oracle-stage")
    answers = run_oracle(classes, [CORPUS / name for name in CASES], stage)
    return dict(zip(CASES, answers, strict=True))


def check_json(path: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """``check --zookeeper 3.8 --format json PATH``: its diagnostics."""
    capsys.readouterr()
    code = main(["check", "--zookeeper", "3.8", "--format", "json", str(path)])
    out, err = capsys.readouterr()
    assert code in (0, 1), f"check exited {code}: {err}"
    diagnostics: list[dict[str, Any]] = json.loads(out)["diagnostics"]
    return diagnostics


def error_codes(diagnostics: list[dict[str, Any]]) -> set[str]:
    return {d["code"] for d in diagnostics if d["severity"] == "error"}


def write_home(root: Path, cfg: str, myid: str | None) -> Path:
    (root / "conf").mkdir(parents=True)
    (root / "conf" / "coord.cfg").write_text(cfg)
    (root / "data" / "coordinator").mkdir(parents=True)
    if myid is not None:
        (root / "data" / "coordinator" / "myid").write_text(myid)
    return root


# --- the corpus stays true to the real engine ---


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    kinds = [expect(name)["engine"] for name in CASES]
    assert kinds.count("accept") >= 15
    assert kinds.count("reject") >= 15


@pytest.mark.parametrize("name", CASES)
def test_engine_verdict_matches_corpus(name: str, verdicts: dict[str, str]) -> None:
    wanted = expect(name)
    verdict = verdicts[name]
    if wanted["engine"] == "accept":
        assert verdict == "ACCEPT"
    else:
        assert verdict.startswith("REJECT ")
        assert verdict == f"REJECT {wanted['message']}"


# --- check agrees with the engine, except where documented ---


@pytest.mark.parametrize("name", CASES)
def test_check_errors_iff_engine_rejects(
    name: str, verdicts: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    wanted = expect(name)
    errors = error_codes(check_json(CORPUS / name, capsys))
    if "deliberate" in wanted:
        # check calls an error what ZooKeeper's parser accepts; the difference is named
        assert verdicts[name] == "ACCEPT"
        assert set(wanted["codes"]) <= errors, (wanted["deliberate"], errors)
    elif verdicts[name] == "ACCEPT":
        assert errors == set(), f"ZooKeeper accepts {name}; check reported {sorted(errors)}"
    else:
        assert errors, f"ZooKeeper rejects {name} ({verdicts[name]}); check found no error"


def test_deliberate_differences_are_documented() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "zookeeper-oracle.md").read_text()
    deliberate = [name for name in CASES if "deliberate" in expect(name)]
    assert deliberate
    for name in deliberate:
        assert f"`{name}`" in doc, f"{name} is a deliberate difference missing from the doc"


# --- per rule: the engine rejects, and check reports that code ---


@pytest.mark.parametrize(("code", "name"), RULE_CASES)
def test_engine_rejects_rule_case(code: str, name: str, verdicts: dict[str, str]) -> None:
    assert verdicts[name].startswith("REJECT "), (code, verdicts[name])


@pytest.mark.parametrize(("code", "name"), RULE_CASES)
def test_check_reports_rule_case(code: str, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert code in error_codes(check_json(CORPUS / name, capsys))


def test_every_enforced_rule_has_a_case() -> None:
    covered = {code for code, _ in RULE_CASES} | {"NHA206", "NHA210"}
    enforced = {"NHA201", "NHA202", "NHA203", "NHA204", "NHA205", "NHA206", "NHA207"}
    enforced |= {"NHA209", "NHA210", "NHA211"}
    assert enforced <= covered


# --- rules only a starting server shows ---


def three_server_block() -> list[tuple[int, int, int]]:
    ports = free_ports(6)
    return [(sid, ports[2 * sid - 2], ports[2 * sid - 1]) for sid in (1, 2, 3)]


@pytest.fixture
def started() -> Any:
    servers: list[ZkServer] = []
    yield servers
    for server in servers:
        stop_server(server)
    assert not [s for s in servers if s.running]


def test_nha206_myid_not_in_peer_list(
    tmp_path: Path, started: list[ZkServer], capsys: pytest.CaptureFixture[str]
) -> None:
    (client,) = free_ports(1)
    home = write_home(tmp_path / "zk4", coord_cfg(three_server_block(), client), "4\n")
    server = start_server(home, client, 4)
    started.append(server)
    assert server.process is not None
    assert wait_until(lambda: not server.running, START_WAIT), "server did not exit"
    assert server.process.returncode == 1
    assert "My id 4 not in the peer list" in server.log.read_text("latin-1")

    assert "NHA206" in error_codes(check_json(home, capsys))


def test_nha210_shared_host_port_fails_at_bind(
    tmp_path: Path,
    started: list[ZkServer],
    verdicts: dict[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    # ZooKeeper's parser accepts two server.N lines on one host:port ...
    assert verdicts["shared-host-port"] == "ACCEPT"
    block = three_server_block()
    block[1] = (2, block[0][1], block[0][2])  # server.2 takes server.1's quorum/election ports
    clients = free_ports(2)
    homes = [
        write_home(tmp_path / f"zk{sid}", coord_cfg(block, clients[sid - 1]), f"{sid}\n")
        for sid in (1, 2)
    ]
    first = start_server(homes[0], clients[0], 1)
    started.append(first)
    # ... the first server binds its election port ...
    bound = b"is accepting connections now, my election bind port"
    assert wait_until(lambda: bound in first.log.read_bytes(), START_WAIT), first.log_tail()
    # ... and the second, whose address is the same, cannot bind it and exits.
    second = start_server(homes[1], clients[1], 2)
    started.append(second)
    assert second.process is not None
    assert wait_until(lambda: not second.running, START_WAIT), second.log_tail()
    assert second.process.returncode == 14
    log = second.log.read_text("latin-1")
    assert "java.net.BindException: Address already in use" in log
    assert first.running

    assert "NHA210" in error_codes(check_json(tmp_path, capsys))
