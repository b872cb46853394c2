"""A real three-node ZooKeeper 3.8 ensemble on loopback, watched by ``probe``.

The ensemble is one module-scoped fixture. The tests run in file order: the healthy checks
first, then ``test_probe_follows_failures`` kills members and must stay last.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from neoha_config.cli import main
from neoha_config.probe import NOT_SERVING, EnsembleTargets, Target, probe
from tests.zk_support import (
    Ensemble,
    kill_server,
    python_module_argv,
    running_ensemble,
    wait_until,
)

pytestmark = [pytest.mark.java, pytest.mark.zookeeper, pytest.mark.slow]

FAILOVER_WAIT = 20.0


@pytest.fixture(scope="module")
def ensemble(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ensemble]:
    with running_ensemble(tmp_path_factory.mktemp("ensemble")) as ens:
        yield ens


def probe_json(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["probe", str(root), "--format", "json", "--timeout", "2"])
    out, err = capsys.readouterr()
    assert code in (0, 1), f"probe exited {code}: {err}"
    return code, json.loads(out)


def by_id(report: dict[str, Any]) -> dict[int, dict[str, Any]]:
    (ens,) = report["ensembles"]
    return {m["id"]: m for m in ens["members"]}


def test_probe_api_sees_leader_and_followers(ensemble: Ensemble) -> None:
    targets = EnsembleTargets([Target(s.sid, "127.0.0.1", s.client_port) for s in ensemble.servers])
    report = probe([targets], timeout=2.0)
    assert report.healthy, report.to_json()
    modes = sorted(m.mode or "" for m in report.ensembles[0].members)
    assert modes == ["follower", "follower", "leader"]


def test_cli_probe_healthy_json(ensemble: Ensemble, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = probe_json(ensemble.root, capsys)
    assert code == 0, report
    assert report["ensembles"][0]["quorum"] is True
    members = by_id(report)
    assert sorted(members) == [1, 2, 3]
    assert sorted(m["mode"] for m in members.values()) == ["follower", "follower", "leader"]
    for server in ensemble.servers:
        assert members[server.sid]["endpoint"] == f"127.0.0.1:{server.client_port}"
        assert members[server.sid]["error"] is None


def test_cli_probe_healthy_text_subprocess(ensemble: Ensemble) -> None:
    proc = subprocess.run(
        python_module_argv("probe", str(ensemble.root)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    leader = ensemble.leader()
    assert leader is not None
    assert any(
        line.endswith(f"server.{leader.sid} 127.0.0.1:{leader.client_port} leader")
        for line in lines
    ), proc.stdout
    assert sum(line.endswith(" follower") for line in lines) == 2
    assert "quorum holds" in lines[-1]


def test_probe_follows_failures(ensemble: Ensemble, capsys: pytest.CaptureFixture[str]) -> None:
    # 1. kill the leader: the two others elect a new one; one member down, quorum still holds
    first = ensemble.leader()
    assert first is not None
    kill_server(first)
    assert wait_until(lambda: ensemble.leader() is not None, FAILOVER_WAIT), ensemble.logs()
    code, report = probe_json(ensemble.root, capsys)
    assert code == 1
    assert report["ensembles"][0]["quorum"] is True
    members = by_id(report)
    assert members[first.sid]["mode"] is None
    assert members[first.sid]["error"] == "connection refused"
    alive = sorted(members[s.sid]["mode"] for s in ensemble.servers if s is not first)
    assert alive == ["follower", "leader"]

    # 2. kill the new leader: the last member stops serving, no quorum
    second = ensemble.leader()
    assert second is not None
    kill_server(second)
    (last,) = [s for s in ensemble.servers if s.running]
    assert wait_until(lambda: last.mode() is None, FAILOVER_WAIT), ensemble.logs()
    code, report = probe_json(ensemble.root, capsys)
    assert code == 1
    assert report["ensembles"][0]["quorum"] is False
    members = by_id(report)
    assert members[last.sid]["mode"] is None
    assert members[last.sid]["error"] == NOT_SERVING
    for dead in (first, second):
        assert members[dead.sid]["error"] == "connection refused"
