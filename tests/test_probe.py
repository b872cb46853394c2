"""Tests for neoha_config.probe and the probe subcommand, against fake loopback servers."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from neoha_config.cli import main
from neoha_config.commands.probe import render_text, targets_for
from neoha_config.probe import (
    NOT_SERVING,
    EnsembleTargets,
    Member,
    Target,
    format_endpoint,
    has_quorum,
    parse_srvr,
    probe,
)
from tests.zk_support import free_ports


def srvr_answer(mode: str) -> bytes:
    return (
        "Zookeeper version: 3.8.0-abc, built on 2024-12-29 17:54 UTC\n"
        "Latency min/avg/max: 0/0.0/0\nReceived: 1\nSent: 0\nConnections: 1\n"
        f"Outstanding: 0\nZxid: 0x0\nMode: {mode}\nNode count: 5\n"
    ).encode()


class FakeServer:
    """A loopback TCP server that answers each connection with a canned reply (or hangs)."""

    def __init__(self, reply: bytes | None, delay: float = 0.0) -> None:
        self.reply = reply
        self.delay = delay
        self.requests: list[bytes] = []
        self.concurrent = 0
        self.max_concurrent = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port: int = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with self._lock:
            self.concurrent += 1
            self.max_concurrent = max(self.max_concurrent, self.concurrent)
        try:
            conn.settimeout(5)
            self.requests.append(conn.recv(4))
            if self.reply is None:  # hang: never answer, never close, until stopped
                self._stop.wait(10)
                return
            time.sleep(self.delay)
            conn.sendall(self.reply)
        except OSError:
            pass
        finally:
            conn.close()
            with self._lock:
                self.concurrent -= 1

    def close(self) -> None:
        self._stop.set()
        self.sock.close()
        self.thread.join(2)


@pytest.fixture
def fakes() -> Iterator[list[FakeServer]]:
    servers: list[FakeServer] = []
    yield servers
    for s in servers:
        s.close()


def fake(fakes: list[FakeServer], reply: bytes | None, delay: float = 0.0) -> FakeServer:
    server = FakeServer(reply, delay)
    fakes.append(server)
    return server


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (srvr_answer("leader").decode(), ("leader", None)),
        (srvr_answer("follower").decode(), ("follower", None)),
        (srvr_answer("observer").decode(), ("observer", None)),
        (srvr_answer("standalone").decode(), ("standalone", None)),
        ("Mode: leader\r\n", ("leader", None)),
        ("Mode:follower", ("follower", None)),
        (NOT_SERVING + "\n", (None, NOT_SERVING)),
        ("", (None, "empty answer to srvr")),
        ("   \n", (None, "empty answer to srvr")),
        (
            "srvr is not executed because it is not in the whitelist.\n",
            (
                None,
                "unexpected answer to srvr: "
                "srvr is not executed because it is not in the whitelist.",
            ),
        ),
        ("imok", (None, "unexpected answer to srvr: imok")),
        ("Mode: read-only\n", (None, "unknown mode 'read-only'")),
        (
            "Zookeeper version: 3.8.0\nModes: leader\n",
            (None, "unexpected answer to srvr: Zookeeper version: 3.8.0"),
        ),
    ],
)
def test_parse_srvr(answer: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_srvr(answer) == expected


def m(mode: str | None, participant: bool = True, mid: int = 1) -> Member:
    return Member(mid, f"127.0.0.1:{2180 + mid}", mode, None if mode else "down", participant)


@pytest.mark.parametrize(
    ("modes", "participants", "expected"),
    [
        (["leader", "follower", "follower"], 3, True),
        (["leader", "follower", None], 3, True),
        (["leader", None, None], 3, False),
        (["follower", "follower", "follower"], 3, False),  # no leader seen
        ([None, None, None], 3, False),
        (["leader", "follower"], 3, True),  # third member not in the tree, 2 of 3 serve
        (["leader"], 3, False),
        (["leader", "follower"], 4, False),  # 2 of 4 is not a majority
        (["leader", "follower", "follower"], 4, True),
        (["standalone"], 1, True),
        (["standalone"], 0, True),
        ([None], 1, False),
        (["leader"], 1, True),  # standaloneEnabled=false: a quorum of one
    ],
)
def test_has_quorum(modes: list[str | None], participants: int, expected: bool) -> None:
    members = [m(mode, mid=i + 1) for i, mode in enumerate(modes)]
    assert has_quorum(members, participants) is expected


def test_observers_never_count_towards_the_majority() -> None:
    members = [m("leader", mid=1), m("observer", False, 2), m("observer", False, 3)]
    assert has_quorum(members, 3) is False
    # an observer that (wrongly) reports follower is still not a voter
    assert has_quorum([m("leader", mid=1), m("follower", False, 2)], 3) is False


@pytest.mark.parametrize(
    ("host", "port", "expected"),
    [
        ("127.0.0.1", 2181, "127.0.0.1:2181"),
        ("::1", 2181, "[::1]:2181"),
        ("[::1]", 2181, "[::1]:2181"),
        ("zk-1.example.org", 2182, "zk-1.example.org:2182"),
        ("", 2181, "?:2181"),
        ("127.0.0.1", 0, "127.0.0.1:?"),
    ],
)
def test_format_endpoint(host: str, port: int, expected: str) -> None:
    assert format_endpoint(host, port) == expected


def test_probe_healthy_ensemble(fakes: list[FakeServer]) -> None:
    servers = [fake(fakes, srvr_answer(mode)) for mode in ("follower", "leader", "follower")]
    ens = EnsembleTargets([Target(i + 1, "127.0.0.1", s.port) for i, s in enumerate(servers)])
    report = probe([ens], timeout=2.0)
    assert report.healthy
    assert report.to_json() == {
        "ensembles": [
            {
                "quorum": True,
                "split_brain": False,
                "members": [
                    {
                        "id": 1,
                        "endpoint": f"127.0.0.1:{servers[0].port}",
                        "mode": "follower",
                        "error": None,
                    },
                    {
                        "id": 2,
                        "endpoint": f"127.0.0.1:{servers[1].port}",
                        "mode": "leader",
                        "error": None,
                    },
                    {
                        "id": 3,
                        "endpoint": f"127.0.0.1:{servers[2].port}",
                        "mode": "follower",
                        "error": None,
                    },
                ],
            }
        ]
    }
    # one connection per member, and the command sent is srvr, not ruok
    assert [s.requests for s in servers] == [[b"srvr"], [b"srvr"], [b"srvr"]]
    assert all(s.max_concurrent == 1 for s in servers)


def test_probe_reports_refused_member_and_keeps_quorum(fakes: list[FakeServer]) -> None:
    leader, follower = fake(fakes, srvr_answer("leader")), fake(fakes, srvr_answer("follower"))
    (dead_port,) = free_ports(1)  # nothing listens there any more
    ens = EnsembleTargets(
        [
            Target(1, "127.0.0.1", leader.port),
            Target(2, "127.0.0.1", follower.port),
            Target(3, "127.0.0.1", dead_port),
        ]
    )
    report = probe([ens], timeout=2.0)
    assert not report.healthy
    (result,) = report.ensembles
    assert result.quorum is True
    assert result.members[2].mode is None
    assert result.members[2].error == "connection refused"


def test_probe_not_serving_member_means_no_quorum(fakes: list[FakeServer]) -> None:
    lone = fake(fakes, (NOT_SERVING + "\n").encode())
    (dead1, dead2) = free_ports(2)
    ens = EnsembleTargets(
        [
            Target(1, "127.0.0.1", dead1),
            Target(2, "127.0.0.1", lone.port),
            Target(3, "127.0.0.1", dead2),
        ]
    )
    (result,) = probe([ens], timeout=2.0).ensembles
    assert result.quorum is False
    assert result.members[1].mode is None
    assert result.members[1].error == NOT_SERVING


def test_probe_timeout_is_bounded(fakes: list[FakeServer]) -> None:
    hang = fake(fakes, None)
    started = time.monotonic()
    (result,) = probe([EnsembleTargets([Target(1, "127.0.0.1", hang.port)])], timeout=0.5).ensembles
    elapsed = time.monotonic() - started
    assert result.members[0].mode is None
    assert result.members[0].error is not None
    assert "timed out" in result.members[0].error
    assert elapsed < 2.0


def test_probe_members_concurrently(fakes: list[FakeServer]) -> None:
    slow = [fake(fakes, srvr_answer("follower"), delay=0.4) for _ in range(4)]
    slow.append(fake(fakes, srvr_answer("leader"), delay=0.4))
    ens = EnsembleTargets([Target(i, "127.0.0.1", s.port) for i, s in enumerate(slow, start=1)])
    started = time.monotonic()
    report = probe([ens], timeout=3.0)
    assert report.healthy
    assert time.monotonic() - started < 1.5  # serial would take 2 s


def test_probe_target_with_problem_makes_no_connection(fakes: list[FakeServer]) -> None:
    leader = fake(fakes, srvr_answer("leader"))
    ens = EnsembleTargets(
        [Target(1, "127.0.0.1", leader.port, problem="clientPort not set")], participants=1
    )
    (result,) = probe([ens]).ensembles
    assert result.members[0].error == "clientPort not set"
    assert leader.requests == []


def test_probe_keeps_ensembles_apart(fakes: list[FakeServer]) -> None:
    a = fake(fakes, srvr_answer("standalone"))
    b = fake(fakes, (NOT_SERVING + "\n").encode())
    report = probe(
        [
            EnsembleTargets([Target(1, "127.0.0.1", a.port)], label="ensemble a"),
            EnsembleTargets([Target(1, "127.0.0.1", b.port)], participants=3, label="ensemble b"),
        ]
    )
    assert [e.quorum for e in report.ensembles] == [True, False]
    assert [e.members[0].mode for e in report.ensembles] == ["standalone", None]
    text = render_text(report)
    assert f"ensemble a: server.1 127.0.0.1:{a.port} standalone" in text
    assert "ensemble a: quorum holds" in text
    assert f"ensemble b: server.1 127.0.0.1:{b.port} not serving ({NOT_SERVING})" in text
    assert "ensemble b: NO quorum" in text


def test_probe_nothing() -> None:
    assert probe([]).to_json() == {"ensembles": []}


# --- building targets from loaded coordinators (duck-typed nodes, no loader needed) ---


def line(sid: int, host: str, peer_type: str = "participant") -> Any:
    return SimpleNamespace(
        id=sid, host=host, quorum_port=2888, election_port=3888, peer_type=peer_type
    )


def coord_node(
    myid: int | None,
    servers: dict[int, Any],
    client_port: int | None = 2181,
    client_port_address: str | None = None,
    name: str = "zk",
) -> Any:
    coord = SimpleNamespace(
        servers=servers, client_port=client_port, client_port_address=client_port_address
    )
    return SimpleNamespace(
        name=name,
        display=name,
        coord=coord,
        myid=None if myid is None else SimpleNamespace(value=myid),
    )


SERVERS = {1: line(1, "10.0.0.1"), 2: line(2, "10.0.0.2"), 3: line(3, "10.0.0.3", "observer")}


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (coord_node(1, SERVERS), Target(1, "10.0.0.1", 2181, True)),
        (coord_node(2, SERVERS, 2182), Target(2, "10.0.0.2", 2182, True)),
        (coord_node(3, SERVERS), Target(3, "10.0.0.3", 2181, False)),
        (coord_node(1, SERVERS, 2181, "127.0.0.1"), Target(1, "127.0.0.1", 2181, True)),
        (coord_node(1, SERVERS, 2181, "0.0.0.0"), Target(1, "10.0.0.1", 2181, True)),
        (coord_node(None, {5: line(5, "::1")}), Target(5, "::1", 2181, True)),
        (
            coord_node(1, SERVERS, None),
            Target(1, "10.0.0.1", 0, True, "zk: clientPort not set"),
        ),
        (
            coord_node(4, SERVERS),
            Target(4, "", 2181, True, "zk: host unknown (no server.4)"),
        ),
    ],
)
def test_targets_for_one_node(node: Any, expected: Target) -> None:
    ens = targets_for([node], "ensemble x")
    assert ens.members == [expected]
    assert ens.label == "ensemble x"


def test_targets_for_counts_voters_across_coordinators() -> None:
    other = dict(SERVERS)
    other[4] = line(4, "10.0.0.4")
    ens = targets_for([coord_node(1, SERVERS), coord_node(2, other)], "e")
    assert ens.participants == 3  # ids 1, 2, 4; 3 is an observer
    assert [t.id for t in ens.members] == [1, 2]


# --- the subcommand's usage errors (no network) ---


def test_cli_probe_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["probe", str(tmp_path / "absent")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["probe"], ["probe", ".", "--format", "xml"], ["probe", ".", "--timeout", "soon"]],
)
def test_cli_probe_usage_errors(argv: list[str]) -> None:
    assert main(argv) == 2


def test_cli_probe_rejects_non_positive_timeout(tmp_path: Path) -> None:
    assert main(["probe", str(tmp_path), "--timeout", "0"]) == 2


def test_cli_probe_no_coordinator(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "db1"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.properties").write_text("ha.server_id=1\n")
    assert main(["probe", str(tmp_path)]) == 2
    assert "no coordinator found" in capsys.readouterr().err


def test_cli_probe_json_against_fake_servers(
    tmp_path: Path, fakes: list[FakeServer], capsys: pytest.CaptureFixture[str]
) -> None:
    servers = [fake(fakes, srvr_answer(mode)) for mode in ("leader", "follower", "follower")]
    quorum = free_ports(6)
    block = "".join(
        f"server.{i}=127.0.0.1:{quorum[2 * i - 2]}:{quorum[2 * i - 1]}\n" for i in (1, 2, 3)
    )
    for i, s in enumerate(servers, start=1):
        home = tmp_path / f"zk{i}"
        (home / "conf").mkdir(parents=True)
        (home / "data" / "coordinator").mkdir(parents=True)
        (home / "conf" / "coord.cfg").write_text(
            f"tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=data/coordinator\n"
            f"clientPort={s.port}\n{block}"
        )
        (home / "data" / "coordinator" / "myid").write_text(f"{i}\n")
    assert main(["probe", str(tmp_path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (ens,) = report["ensembles"]
    assert ens["quorum"] is True
    assert sorted((mm["id"], mm["endpoint"], mm["mode"]) for mm in ens["members"]) == [
        (1, f"127.0.0.1:{servers[0].port}", "leader"),
        (2, f"127.0.0.1:{servers[1].port}", "follower"),
        (3, f"127.0.0.1:{servers[2].port}", "follower"),
    ]


# --- hostile peers and bad input ---------------------------------------------------------------


def ensemble_tree(root: Path, ports: list[int], extra: str = "") -> Path:
    """One coordinator home per fake server, all in one ensemble; ``extra`` ends each coord.cfg."""
    quorum = free_ports(2 * len(ports))
    block = "".join(
        f"server.{i}=127.0.0.1:{quorum[2 * i - 2]}:{quorum[2 * i - 1]}\n"
        for i in range(1, len(ports) + 1)
    )
    for i, port in enumerate(ports, start=1):
        home = root / f"zk{i}"
        (home / "conf").mkdir(parents=True)
        (home / "data" / "coordinator").mkdir(parents=True)
        (home / "conf" / "coord.cfg").write_text(
            f"tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=data/coordinator\n"
            f"clientPort={port}\n{block}{extra}"
        )
        (home / "data" / "coordinator" / "myid").write_text(f"{i}\n")
    return root


HOSTILE = [
    b"\x1b]0;owned\x07\x1b[2J\r\nnot a srvr answer\x9b31m\n",
    b"Mode: leader\x1b[8m\n",
    b"\x00\x01\x02",
]


@pytest.mark.parametrize("reply", HOSTILE)
def test_text_report_escapes_what_a_server_sent(
    tmp_path: Path,
    fakes: list[FakeServer],
    capsys: pytest.CaptureFixture[str],
    reply: bytes,
) -> None:
    server = fake(fakes, reply)
    ensemble_tree(tmp_path, [server.port])
    assert main(["probe", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.isprintable() or set(out) - set("".join(ch for ch in out if ch.isprintable())) == {
        "\n"
    }
    for raw in ("\x1b", "\x07", "\x9b", "\x00", "\r"):
        assert raw not in out
    assert "not serving" in out


def test_json_report_escapes_what_a_server_sent(
    tmp_path: Path, fakes: list[FakeServer], capsys: pytest.CaptureFixture[str]
) -> None:
    server = fake(fakes, HOSTILE[0])
    ensemble_tree(tmp_path, [server.port])
    assert main(["probe", str(tmp_path), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\x07" not in out
    (member,) = json.loads(out)["ensembles"][0]["members"]
    assert member["error"].startswith("unexpected answer to srvr: \x1b]0;owned\x07")


def test_two_leaders_are_a_split_brain(
    tmp_path: Path, fakes: list[FakeServer], capsys: pytest.CaptureFixture[str]
) -> None:
    servers = [fake(fakes, srvr_answer(mode)) for mode in ("leader", "follower", "leader")]
    ensemble_tree(tmp_path, [s.port for s in servers])
    assert main(["probe", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "SPLIT BRAIN: 2 members answer Mode: leader (server.1, server.3)" in out
    assert "NO quorum (3 of 3 members serving)" in out
    assert main(["probe", str(tmp_path), "--format", "json"]) == 1
    (ens,) = json.loads(capsys.readouterr().out)["ensembles"]
    assert ens["split_brain"] is True
    assert ens["quorum"] is False


def test_split_brain_is_never_a_quorum() -> None:
    assert has_quorum([m("leader", mid=1), m("leader", mid=2), m("follower", mid=3)], 3) is False
    assert has_quorum([m("leader", mid=1), m("follower", mid=2), m("follower", mid=3)], 3) is True


@pytest.mark.parametrize(
    "address", ["a..b", "x" * 64 + ".example", ".leading", "trailing.."], ids=repr
)
def test_bad_dns_label_in_client_port_address_is_a_member_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    ensemble_tree(tmp_path, free_ports(1), extra=f"clientPortAddress={address}\n")
    assert main(["probe", str(tmp_path), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert "internal error" not in captured.err
    (member,) = json.loads(captured.out)["ensembles"][0]["members"]
    assert member["mode"] is None
    assert member["error"] == "invalid host name: a DNS label is empty or longer than 63 characters"


@pytest.mark.parametrize("timeout", ["inf", "-inf", "nan", "-1", "0", "1e300", "3601", "soon"])
def test_cli_timeout_must_be_finite_and_positive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], timeout: str
) -> None:
    assert main(["probe", str(tmp_path), f"--timeout={timeout}"]) == 2
    err = capsys.readouterr().err
    assert "--timeout" in err
    assert "expected seconds above 0 and at most 3600" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), -1.0, 0, 1e300, True])
def test_api_timeout_must_be_finite_and_positive(timeout: float) -> None:
    target = EnsembleTargets([Target(1, "127.0.0.1", 1)])
    with pytest.raises(ValueError, match="timeout must be a number of seconds"):
        probe([target], timeout=timeout)


@pytest.mark.parametrize(
    ("host", "port", "error"),
    [
        ("127.0.0.1", 70000, "invalid endpoint: "),
        ("127.0.0.1", -5, "invalid endpoint: "),
        ("a" * 64, 2181, "invalid host name: a DNS label is empty"),
    ],
)
def test_members_that_cannot_be_asked_are_errors_not_crashes(
    host: str, port: int, error: str
) -> None:
    report = probe([EnsembleTargets([Target(1, host, port)])], timeout=0.5)
    (member,) = report.ensembles[0].members
    assert member.mode is None
    assert member.error is not None
    assert member.error.startswith(error)
