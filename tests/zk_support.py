"""Real ZooKeeper for the tests: classpath, the parse oracle, and live loopback ensembles."""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from neoha_config.probe import four_letter_word, parse_srvr
from tests.jvm import require_java, unavailable

# Debian's zookeeper/libzookeeper-java packages. The jar's manifest Class-Path names its own
# dependencies (netty, jackson, jetty, slf4j-api, jute...), so only a logging binding is added.
JAVA_DIR = Path("/usr/share/java")
ZOOKEEPER_JAR = JAVA_DIR / "zookeeper.jar"
SLF4J_NOP = JAVA_DIR / "slf4j-nop.jar"
SLF4J_SIMPLE = JAVA_DIR / "slf4j-simple.jar"
ORACLE_SOURCE = Path(__file__).parent / "java" / "ZkConfigOracle.java"
ORACLE_MARKER = ".zk-oracle-stage"
MAIN_CLASS = "org.apache.zookeeper.server.quorum.QuorumPeerMain"
JVM_FLAGS = ("-Xmx64m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
QUORUM_WAIT = 30.0


def java_tools() -> tuple[str, str]:
    """``(java, javac)`` executables, or skip/fail (see ``tests.jvm``) when no JDK is installed."""
    require_java()
    java, javac = shutil.which("java"), shutil.which("javac")
    assert java is not None
    assert javac is not None
    return java, javac


def zookeeper_classpath(logging: str = "nop") -> str:
    """The classpath that runs ZooKeeper 3.8, logging nowhere (``nop``) or to stderr
    (``simple``); skip/fail when Debian's zookeeper package is absent."""
    binding = SLF4J_SIMPLE if logging == "simple" else SLF4J_NOP
    missing = [str(p) for p in (ZOOKEEPER_JAR, binding) if not p.is_file()]
    if missing:
        unavailable(
            f"ZooKeeper is not installed ({', '.join(missing)} missing; "
            "apt-get install zookeeper libslf4j-java)"
        )
    return os.pathsep.join([str(ZOOKEEPER_JAR), str(binding)])


def compile_oracle(out_dir: Path) -> Path:
    """Compile ``ZkConfigOracle.java`` against the ZooKeeper jar into ``out_dir``; returns it."""
    _, javac = java_tools()
    classpath = zookeeper_classpath()
    out_dir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [javac, "-nowarn", "-cp", classpath, "-d", str(out_dir), str(ORACLE_SOURCE)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"javac failed for {ORACLE_SOURCE.name}:\n{proc.stderr}", pytrace=False)
    return out_dir


def run_oracle(classes: Path, homes: Sequence[Path], stage: Path) -> list[str]:
    """Run ``QuorumPeerConfig.parse`` on each home's ``conf/coord.cfg`` in one JVM.

    Each home is copied into the empty directory ``stage`` (the JVM's working directory) so a
    relative ``dataDir`` resolves as under ``cd HOME``. Returns one verdict per home, in order:
    ``ACCEPT`` or ``REJECT <exception class>: <message>``.
    """
    java, _ = java_tools()
    stage.mkdir(parents=True, exist_ok=True)
    (stage / ORACLE_MARKER).write_bytes(b"")
    classpath = os.pathsep.join([str(classes), zookeeper_classpath()])
    proc = subprocess.run(
        [java, *JVM_FLAGS, "-cp", classpath, "ZkConfigOracle", *(str(h.resolve()) for h in homes)],
        cwd=stage,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    verdicts: dict[int, str] = {}
    for line in proc.stdout.splitlines():
        tag, _, rest = line.partition("\t")
        if tag == "ORACLE":
            index, _, verdict = rest.partition("\t")
            verdicts[int(index)] = verdict
    if proc.returncode != 0 or len(verdicts) != len(homes):
        pytest.fail(
            f"oracle exited {proc.returncode} with {len(verdicts)}/{len(homes)} verdicts:\n"
            f"{proc.stderr[-4000:]}",
            pytrace=False,
        )
    return [verdicts[i] for i in range(len(homes))]


def free_ports(count: int) -> list[int]:
    """``count`` distinct loopback ports that were free a moment ago (bound to port 0)."""
    with ExitStack() as stack:
        socks = [stack.enter_context(closing(socket.socket())) for _ in range(count)]
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]


@dataclass
class ZkServer:
    """One ZooKeeper JVM: its home, client port, the Popen (its pid is the JVM's) and log."""

    sid: int
    home: Path
    client_port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        """The JVM was started and has not exited."""
        return self.process is not None and self.process.poll() is None

    def mode(self, timeout: float = 1.0) -> str | None:
        """The ``Mode:`` this server reports to ``srvr``, or None when it does not serve."""
        try:
            answer = four_letter_word("127.0.0.1", self.client_port, "srvr", timeout)
        except OSError:
            return None
        return parse_srvr(answer)[0]

    def log_tail(self, size: int = 3000) -> str:
        """The end of the server's log, for failure messages."""
        try:
            return self.log.read_bytes()[-size:].decode("latin-1")
        except OSError:
            return ""


def start_server(
    home: Path, client_port: int = 0, sid: int = 0, cfg: str = "conf/coord.cfg"
) -> ZkServer:
    """Start ``QuorumPeerMain cfg`` with ``home`` as working directory (as Neo4j's coordinator
    script does), a small heap, and its log in ``home/zk.log``. The process is the JVM itself."""
    java, _ = java_tools()
    classpath = zookeeper_classpath("simple")
    log = home / "zk.log"
    server = ZkServer(sid=sid, home=home, client_port=client_port, log=log)
    with log.open("wb") as out:
        server.process = subprocess.Popen(  # argv list, no shell: the pid is the JVM's
            [java, *JVM_FLAGS, "-cp", classpath, MAIN_CLASS, cfg],
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return server


def stop_server(server: ZkServer, timeout: float = 10.0) -> None:
    """Stop one server by its own pid: SIGTERM, wait, SIGKILL if it lingers, reap it."""
    proc = server.process
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout)


def kill_server(server: ZkServer) -> None:
    """Kill one server abruptly (SIGKILL) by its own pid and reap it: a crashed member."""
    proc = server.process
    if proc is not None and proc.poll() is None:
        proc.kill()
        proc.wait(10)


def coord_cfg(
    servers: Sequence[tuple[int, int, int]], client_port: int, tick_time: int = 500
) -> str:
    """A 3.8-ready ``coord.cfg`` for loopback ensembles: ``servers`` holds (id, quorum port,
    election port); the AdminServer is off so several JVMs share one host."""
    lines = [
        f"tickTime={tick_time}",
        "initLimit=10",
        "syncLimit=5",
        "dataDir=data/coordinator",
        f"clientPort={client_port}",
        "clientPortAddress=127.0.0.1",
        "admin.enableServer=false",
    ]
    lines += [f"server.{sid}=127.0.0.1:{q}:{e}" for sid, q, e in servers]
    return "\n".join(lines) + "\n"


@dataclass
class Ensemble:
    """A running loopback ensemble: the tree root and one server per coordinator home."""

    root: Path
    servers: list[ZkServer] = field(default_factory=list)

    def modes(self) -> dict[int, str | None]:
        """Each running server's reported mode, by server id."""
        return {s.sid: s.mode() for s in self.servers if s.running}

    def leader(self) -> ZkServer | None:
        """The running server that reports ``leader``, if any."""
        return next((s for s in self.servers if s.running and s.mode() == "leader"), None)

    def logs(self) -> str:
        """Every server's log tail, for failure messages."""
        return "\n".join(f"--- server.{s.sid} ---\n{s.log_tail()}" for s in self.servers)


def free_port_blocks(blocks: int, size: int, attempts: int = 200) -> list[int]:
    """Bases of ``blocks`` runs of ``size`` consecutive loopback ports, all free a moment ago
    (the provisioning plan numbers the k-th coordinator on a host ``base + k``)."""
    rng = random.Random()
    for _ in range(attempts):
        # below the Linux ephemeral range (32768+), so no outgoing connection takes one meanwhile
        bases = [rng.randrange(20000, 32000 - size) for _ in range(blocks)]
        ports = [b + k for b in bases for k in range(size)]
        if len(set(ports)) != len(ports):
            continue
        with ExitStack() as stack:
            try:
                for port in ports:
                    sock = stack.enter_context(closing(socket.socket()))
                    sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        return bases
    raise RuntimeError(f"no {blocks} free blocks of {size} loopback ports found")


def provision_homes(
    root: Path, count: int = 3, tick_time: int = 500
) -> list[tuple[int, Path, int]]:
    """Write one database home and ``count`` coordinator homes under ``root`` with the
    library's own provisioning API (profile 3.8, all on 127.0.0.1, free ports); returns
    (myid, home, client port) per coordinator."""
    from neoha_config.provision import BasePorts, plan, write_plan

    client, quorum, election, ha, web = free_port_blocks(5, count)
    cluster = plan(
        ["127.0.0.1"],
        ["127.0.0.1"] * count,
        profile="3.8",
        base_ports=BasePorts(client=client, quorum=quorum, election=election, ha=ha, web=web),
        tick_time=tick_time,
    )
    write_plan(cluster, root)
    out = []
    for home in cluster.coordinators:
        assert home.myid is not None
        assert home.coord is not None
        assert home.coord.client_port is not None
        out.append((home.myid.value, root / home.name, home.coord.client_port))
    return out


def wait_until(predicate: object, timeout: float, interval: float = 0.1) -> bool:
    """Poll ``predicate()`` until it is true or ``timeout`` seconds pass; returns the last value."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():  # type: ignore[operator]
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


def has_quorum(ensemble: Ensemble) -> bool:
    """One leader and every other running server a follower."""
    modes = list(ensemble.modes().values())
    return modes.count("leader") == 1 and all(m in ("leader", "follower") for m in modes)


@contextmanager
def running_ensemble(root: Path, count: int = 3) -> Iterator[Ensemble]:
    """Provision ``count`` coordinator homes under ``root`` (``provision_homes``), start them,
    wait for quorum and yield the ensemble; afterwards stop every JVM by its own pid (also when
    starting failed) and check that none is left running."""
    ensemble = Ensemble(root=root)
    try:
        for sid, home, port in provision_homes(root, count):
            server = start_server(home, port, sid)
            ensemble.servers.append(server)
        if not wait_until(lambda: has_quorum(ensemble), QUORUM_WAIT, 0.2):
            pytest.fail(
                f"no quorum within {QUORUM_WAIT:g} s: {ensemble.modes()}\n{ensemble.logs()}",
                pytrace=False,
            )
        yield ensemble
    finally:
        for server in ensemble.servers:
            stop_server(server)
        left = [s.process.pid for s in ensemble.servers if s.process and s.process.poll() is None]
        assert not left, f"ZooKeeper JVMs still running: {left}"


def python_module_argv(*args: str) -> list[str]:
    """``python -m neoha_config ARGS`` with the running interpreter."""
    return [sys.executable, "-m", "neoha_config", *args]
