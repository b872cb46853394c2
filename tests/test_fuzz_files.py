"""No file content makes ``check`` crash or stall: random bytes in any file role exit 0 or 1."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neoha_config.cli import main

# Where each role lives in a NEO4J_HOME; the other files stay valid so every rule runs.
ROLES = {
    "server": "conf/neo4j-server.properties",
    "database": "conf/neo4j.properties",
    "coord": "conf/coord.cfg",
    "myid": "data/coordinator/myid",
    "misnamed": "conf/neo-server.properties",
}
BASE = {
    "conf/neo4j-server.properties": (
        b"org.neo4j.server.database.mode=HA\n"
        b"org.neo4j.server.db.tuning.properties=conf/neo4j.properties\n"
    ),
    "conf/neo4j.properties": (
        b"ha.server_id=1\nha.server=h1:6001\nha.coordinators=h1:2181,h2:2181,h3:2181\n"
    ),
    "conf/coord.cfg": (
        b"tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=data/coordinator\n"
        b"clientPort=2181\nserver.1=h1:2888:3888\nserver.2=h2:2888:3888\nserver.3=h3:2888:3888\n"
    ),
    "data/coordinator/myid": b"1\n",
}

# Bytes that matter to the parsers more often than uniform noise would produce them.
TOKENS = [
    b"\\",
    b"\\u",
    b"\\u00",
    b"=",
    b":",
    b" ",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b"#",
    b"!",
    b"\xef\xbb\xbf",
    b"\xc3\xa9",
    b"\xff",
    b"ha.server_id",
    b"ha.coordinators",
    b"server.",
    b"server.1",
    b"dataDir",
    b"clientPort",
    b"tickTime",
    b"org.neo4j.server.database.mode",
    b"org.neo4j.server.db.tuning.properties",
    b"ha",
    b"HA",
    b"single",
    b"1",
    b"0",
    b"-1",
    b"65536",
    b"99999999999999999999",
    b"h1:2181",
    b"h1:2888:3888",
    b"observer",
    b",",
    b"conf/neo4j.properties",
    b"../",
    b"/",
    b"# neoha: ignore[NHA004]",
    b"ha.pull_interval",
    b"10s",
    b"ms",
    b"myid",
    b"\x00",
    b"dataDir=",
    b"org.neo4j.server.database.location=",
]
CONTENT = st.one_of(
    st.binary(max_size=400),
    st.lists(st.sampled_from(TOKENS), max_size=60).map(b"".join),
)


@pytest.mark.parametrize("role", sorted(ROLES))
def test_random_file_never_crashes(role: str, capsys: pytest.CaptureFixture[str]) -> None:
    # The deadline is a bound against pathological inputs (catastrophic regex backtracking, a
    # parser loop), not a speed target: an example checks a node of four or five files twice
    # in about 20 ms, and hypothesis re-runs an example that overruns before it fails.
    @settings(
        max_examples=100,
        deadline=timedelta(seconds=2),
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(data=CONTENT)
    def one(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp) / "node"
            for rel, content in {**BASE, ROLES[role]: data}.items():
                path = home / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
            for fmt in ("text", "json"):
                code = main(["check", "--no-logs", "--format", fmt, str(home)])
                _, err = capsys.readouterr()
                assert code in (0, 1), err

    one()
