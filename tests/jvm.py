"""Compile and run small Java programs at test time (oracles for properties and ZooKeeper)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest

JAVA_SOURCES = Path(__file__).parent / "java"


def require_real() -> bool:
    """True under ``NEOHA_REQUIRE_REAL=1``: missing real components fail tests, not skip them."""
    return os.environ.get("NEOHA_REQUIRE_REAL") == "1"


def unavailable(reason: str) -> NoReturn:
    """Skip the running test with ``reason``, or fail it when real components are required.

    Raises pytest's skip or fail outcome; never returns.
    """
    if require_real():
        pytest.fail(f"NEOHA_REQUIRE_REAL=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def java_missing() -> str | None:
    """Why Java cannot be used here (``javac``/``java`` not on PATH), or None when it can."""
    missing = [tool for tool in ("javac", "java") if shutil.which(tool) is None]
    if missing:
        return f"{' and '.join(missing)} not found on PATH (install a JDK, e.g. openjdk-17-jdk)"
    return None


def require_java() -> None:
    """Skip (or, under ``NEOHA_REQUIRE_REAL=1``, fail) the running test when no JDK is found."""
    reason = java_missing()
    if reason is not None:
        unavailable(reason)


def compile_java(
    src_dir: str | Path, out_dir: str | Path, classpath: Sequence[str | Path] = ()
) -> Path:
    """Compile every ``*.java`` under ``src_dir`` into ``out_dir`` and return ``out_dir``.

    ``classpath`` lists extra jars or directories (e.g. ``/usr/share/java/zookeeper.jar``).
    Raises ``RuntimeError`` with javac's output when compilation fails; skips or fails the
    running test (see ``require_java``) when no JDK is found.
    """
    require_java()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sources = sorted(str(p) for p in Path(src_dir).rglob("*.java"))
    if not sources:
        raise RuntimeError(f"no .java files under {src_dir}")
    cmd = ["javac", "-encoding", "UTF-8", "-nowarn", "-d", str(out)]
    if classpath:
        cmd += ["-cp", os.pathsep.join(str(p) for p in classpath)]
    proc = subprocess.run([*cmd, *sources], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"javac failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return out


def run_java(
    main_class: str,
    classpath: Sequence[str | Path],
    args: Sequence[str | Path] = (),
    *,
    timeout: float = 120.0,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``main_class`` on ``classpath`` with ``args``; returns the finished process.

    Output is captured as text. Raises ``RuntimeError`` with stderr when the JVM exits non-zero,
    and ``subprocess.TimeoutExpired`` after ``timeout`` seconds.
    """
    require_java()
    cp = os.pathsep.join(str(p) for p in classpath)
    proc = subprocess.run(
        # Small, fast-starting JVM: these programs are short batch oracles.
        ["java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", cp, main_class, *map(str, args)],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"java {main_class} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


@contextmanager
def line_server(classpath: Sequence[Path], main_class: str) -> Iterator[Callable[[bytes], str]]:
    """One long-lived JVM running ``main_class -``: each call sends one hex-encoded input line
    and returns the answer line. The JVM is stopped by its own pid when the block ends."""
    cp = ":".join(str(p) for p in classpath)
    proc = subprocess.Popen(
        ["java", "-XX:TieredStopAtLevel=1", "-cp", cp, main_class, "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    stdin, stdout = proc.stdin, proc.stdout
    assert stdin is not None
    assert stdout is not None

    def ask(data: bytes) -> str:
        stdin.write(data.hex() + "\n")
        stdin.flush()
        line = stdout.readline()
        assert line, "the oracle JVM exited"
        return line

    try:
        yield ask
    finally:
        stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
