"""Benchmark: the figures of the hook's performance targets, side by side in one run.

Run from the repository root after ``pip install -e '.[test]'`` (the peers, yamllint and
check-jsonschema, come with the test extra): ``python benchmarks/bench.py`` (``--help`` for
options). Every command is run in interleaved rounds (noise hits all alike) and every figure is
a median. The floors are ``python -c pass`` and ``python -c "import pydantic"``; the peers are
yamllint and check-jsonschema, each on one small file, as a pre-commit hook runs them.
Checks of directories are measured twice: answered by the node cache (which an earlier run of
the same command filled: an unchanged tree, as in a pre-commit run over all files or a CI job
that keeps the cache) and without it (``--no-cache``: every node read and checked).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOOK_TARGET = "examples/cluster"
NAMED_FILE = "cluster-00042/db1/conf/neo4j.properties"

# The targets of the issue "a fast hook".
HOOK_OVER_PASS_MAX = 6.0
HOOK_OVER_YAMLLINT_MAX = 1.0
NODES_PER_S_MIN = 6000
NAMED_WARM_MAX_S = 1.0
SCALING_MAX = 10.5
RSS_MAX_MIB = 100


class Sample:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one child process."""

    __slots__ = ("cpu", "rss", "wall")

    def __init__(self, wall: float, cpu: float, rss: int) -> None:
        self.wall, self.cpu, self.rss = wall, cpu, rss


def _run(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[Sample, int]:
    """Run ``argv``; returns its Sample and exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return Sample(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss), (
        os.waitstatus_to_exitcode(status)
    )


def _child_env(pycache: Path) -> dict[str, str]:
    """The environment of every measured process: bytecode is cached, as it is for an installed
    package, but in a private directory (nothing is written into the source tree)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("GITHUB_ACTIONS", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def generate(out: Path, nodes: int) -> int:
    """Write about ``nodes`` nodes as clusters of 3 database nodes and 3 coordinators, each
    cluster on hosts of its own. One cluster is written by the provisioning API; the others are
    copies of it with their own host and cluster names (writing them one by one through the API
    syncs every file and takes minutes at 100,000 nodes). Returns the node count written."""
    from neoha_config.provision import plan, write_plan

    with tempfile.TemporaryDirectory(prefix="neoha-template-") as tmp:
        template = Path(tmp, "c")
        write_plan(
            plan(
                ["c0-db1", "c0-db2", "c0-db3"],
                ["c0-zk1", "c0-zk2", "c0-zk3"],
                cluster_name="cluster-0",
            ),
            template,
        )
        files = {
            p.relative_to(template).as_posix(): p.read_text(encoding="latin-1")
            for p in sorted(template.rglob("*"))
            if p.is_file()
        }
    clusters = max(1, nodes // 6)
    for k in range(clusters):
        base = out / f"cluster-{k:05d}"
        for rel, text in files.items():
            path = base / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            content = text.replace("cluster-0", f"cluster-{k}").replace("c0-", f"c{k}-")
            path.write_text(content, encoding="latin-1")
    return clusters * 6


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    which = shutil.which(name)
    if which is None:
        raise SystemExit(f"{name} is not installed: pip install -e '.[test]'")
    return which


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print the table; returns 1 when a measured command failed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11, help="runs of each start-up command")
    parser.add_argument("--large", type=int, default=10000, help="nodes in the large tree")
    parser.add_argument("--large-runs", type=int, default=5, help="runs on the large tree")
    parser.add_argument("--huge", type=int, default=100000, help="nodes in the huge tree")
    parser.add_argument("--huge-runs", type=int, default=3, help="runs on the huge tree")
    parser.add_argument("--json", metavar="FILE", help="also write the medians to FILE")
    parser.add_argument(
        "--module",
        action="store_true",
        help="run the hook as `python -m neoha_config` instead of the console script",
    )
    args = parser.parse_args(argv)

    py = sys.executable
    hook = [py, "-m", "neoha_config"] if args.module else [_tool("neoha-config")]
    launcher = "python -m neoha_config" if args.module else "neoha-config"
    with tempfile.TemporaryDirectory(prefix="neoha-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = _child_env(tmp / "pycache")
        print("generating trees ...", file=sys.stderr)
        n_large = generate(tmp / "large", args.large)
        n_huge = generate(tmp / "huge", args.huge)
        schema = tmp / "schema.json"
        schema.write_text(json.dumps({"type": "object", "required": ["name"]}), encoding="utf-8")
        small_yaml = tmp / "hooks.yaml"
        small_yaml.write_text("---\n- id: neoha-config\n  name: neoha-config\n", encoding="utf-8")
        instance = tmp / "instance.json"
        instance.write_text(json.dumps({"name": "neo4j"}), encoding="utf-8")
        json_check = ["check", "-q", "--no-logs", "--format", "json", "."]
        cold_check = ["check", "-q", "--no-cache", "--no-logs", "--format", "json", "."]
        # name: (cwd, argv, runs)
        commands: dict[str, tuple[Path, list[str], int]] = {
            "pass": (ROOT, [py, "-c", "pass"], args.runs),
            "pydantic": (ROOT, [py, "-c", "import pydantic"], args.runs),
            "hook": (ROOT, [*hook, "check", "-q", HOOK_TARGET], args.runs),
            "hook-cold": (ROOT, [*hook, "check", "-q", "--no-cache", HOOK_TARGET], args.runs),
            "yamllint": (ROOT, [_tool("yamllint"), str(small_yaml)], args.runs),
            "jsonschema": (
                ROOT,
                [_tool("check-jsonschema"), "--schemafile", str(schema), str(instance)],
                args.runs,
            ),
            "named": (tmp / "large", [*hook, "check", "-q", NAMED_FILE], args.runs),
            "large": (tmp / "large", [*hook, *json_check], args.large_runs),
            "large-cold": (tmp / "large", [*hook, *cold_check], args.large_runs),
            "huge": (tmp / "huge", [*hook, *json_check], args.huge_runs),
            "huge-cold": (tmp / "huge", [*hook, *cold_check], args.huge_runs),
        }
        # Each command keeps its own node cache, out of the trees and the sources.
        envs = {k: {**env, "NEOHA_CACHE_DIR": str(tmp / "cache" / k)} for k in commands}
        samples: dict[str, list[Sample]] = {k: [] for k in commands}
        # A file modified in the last two seconds is never cached (a checkout is older).
        time.sleep(2.1)
        # Warm the file cache, write the bytecode and fill the node caches.
        for name, (cwd, argv_, _) in commands.items():
            _run(argv_, cwd, envs[name])
        rounds = max(runs for _, _, runs in commands.values())
        for i in range(rounds):
            print(f"round {i + 1}/{rounds} ...", file=sys.stderr)
            for name, (cwd, argv_, runs) in commands.items():
                if i >= runs:
                    continue
                sample, code = _run(argv_, cwd, envs[name])
                if code != 0:
                    print(f"{name} failed with exit {code}: {' '.join(argv_)}", file=sys.stderr)
                    return 1
                samples[name].append(sample)

    wall = {k: statistics.median(s.wall for s in v) for k, v in samples.items()}
    cpu = {k: statistics.median(s.cpu for s in v) for k, v in samples.items()}
    rss = {k: statistics.median(s.rss for s in v) / 1024 for k, v in samples.items()}
    over_pass = wall["hook"] / wall["pass"]
    over_yamllint = wall["hook"] / wall["yamllint"]
    rate = n_large / wall["large"]
    rate_cold = n_large / wall["large-cold"]
    scaling = wall["huge"] / wall["large"]
    scaling_cold = wall["huge-cold"] / wall["large-cold"]
    per_node_kib = (rss["large"] - rss["hook"]) * 1024 / n_large
    per_node_cold_kib = (rss["large-cold"] - rss["hook-cold"]) * 1024 / n_large

    def ms(key: str) -> str:
        return f"{wall[key] * 1000:.0f} ms"

    print(
        f"neoha_config benchmark: {args.runs} interleaved runs of each start-up command, "
        f"{args.large_runs} at {n_large} nodes, {args.huge_runs} at {n_huge} nodes; medians"
    )
    print(
        f"machine: {_cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}; bytecode cached"
    )
    print()
    print("| figure | measured (wall) | CPU | target | |")
    print("|---|---|---|---|---|")
    rows = [
        ("floor: `python -c pass`", ms("pass"), cpu["pass"], "", ""),
        ("floor: `python -c 'import pydantic'`", ms("pydantic"), cpu["pydantic"], "", ""),
        ("peer: yamllint on one small file", ms("yamllint"), cpu["yamllint"], "", ""),
        ("peer: check-jsonschema on one small file", ms("jsonschema"), cpu["jsonschema"], "", ""),
        (f"hook: `{launcher} check -q {HOOK_TARGET}`", ms("hook"), cpu["hook"], "", ""),
        (
            "hook / `python -c pass`",
            f"{over_pass:.1f}",
            cpu["hook"] / cpu["pass"],
            f"<= {HOOK_OVER_PASS_MAX:.0f}",
            _mark(over_pass <= HOOK_OVER_PASS_MAX),
        ),
        (
            "hook / yamllint on one small file",
            f"{over_yamllint:.2f}",
            cpu["hook"] / cpu["yamllint"],
            f"<= {HOOK_OVER_YAMLLINT_MAX:.1f}",
            _mark(over_yamllint <= HOOK_OVER_YAMLLINT_MAX),
        ),
        (
            "hook / check-jsonschema on one small file",
            f"{wall['hook'] / wall['jsonschema']:.2f}",
            cpu["hook"] / cpu["jsonschema"],
            "",
            "",
        ),
        (
            "hook / `import pydantic`",
            f"{wall['hook'] / wall['pydantic']:.2f}",
            cpu["hook"] / cpu["pydantic"],
            "",
            "",
        ),
        ("hook without the cache (`--no-cache`)", ms("hook-cold"), cpu["hook-cold"], "", ""),
        (
            "hook without the cache / `python -c pass`",
            f"{wall['hook-cold'] / wall['pass']:.1f}",
            cpu["hook-cold"] / cpu["pass"],
            f"<= {HOOK_OVER_PASS_MAX:.0f}",
            _mark(wall["hook-cold"] / wall["pass"] <= HOOK_OVER_PASS_MAX),
        ),
        (
            f"nodes/s at {n_large} nodes (`--format json`), unchanged tree, warm cache",
            f"{rate:,.0f} ({wall['large']:.2f} s)",
            cpu["large"],
            f">= {NODES_PER_S_MIN:,}",
            _mark(rate >= NODES_PER_S_MIN),
        ),
        (
            f"nodes/s at {n_large} nodes (`--format json`), without the cache",
            f"{rate_cold:,.0f} ({wall['large-cold']:.2f} s)",
            cpu["large-cold"],
            f">= {NODES_PER_S_MIN:,}",
            _mark(rate_cold >= NODES_PER_S_MIN),
        ),
        (
            f"one named file in a {n_large}-node repository, warm cache",
            f"{wall['named']:.2f} s",
            cpu["named"],
            f"<= {NAMED_WARM_MAX_S:.1f} s",
            _mark(wall["named"] <= NAMED_WARM_MAX_S),
        ),
        (
            f"t({n_huge}) / t({n_large}), warm cache",
            f"{scaling:.2f} ({wall['huge']:.1f} s)",
            cpu["huge"] / cpu["large"],
            f"<= {SCALING_MAX}",
            _mark(scaling <= SCALING_MAX),
        ),
        (
            f"t({n_huge}) / t({n_large}), without the cache",
            f"{scaling_cold:.2f} ({wall['huge-cold']:.1f} s)",
            cpu["huge-cold"] / cpu["large-cold"],
            f"<= {SCALING_MAX}",
            _mark(scaling_cold <= SCALING_MAX),
        ),
        (
            f"peak RSS at {n_large} nodes, warm cache",
            f"{rss['large']:.0f} MiB",
            None,
            f"<= {RSS_MAX_MIB} MiB",
            _mark(rss["large"] <= RSS_MAX_MIB),
        ),
        (
            f"peak RSS at {n_large} nodes, without the cache",
            f"{rss['large-cold']:.0f} MiB",
            None,
            f"<= {RSS_MAX_MIB} MiB",
            _mark(rss["large-cold"] <= RSS_MAX_MIB),
        ),
        (
            "memory per node (RSS over the hook's), warm cache / without",
            f"{per_node_kib:.1f} / {per_node_cold_kib:.1f} KiB",
            None,
            "",
            "",
        ),
        (
            f"peak RSS at {n_huge} nodes, warm cache / without",
            f"{rss['huge']:.0f} / {rss['huge-cold']:.0f} MiB",
            None,
            "",
            "",
        ),
    ]
    for label, value, cpu_value, target, mark in rows:
        if cpu_value is None:
            shown_cpu = ""
        elif label.startswith(("hook /", "hook without the cache /", "t(")):
            shown_cpu = f"{cpu_value:.2f}"
        else:
            shown_cpu = f"{cpu_value * 1000:.0f} ms" if cpu_value < 1 else f"{cpu_value:.2f} s"
        print(f"| {label} | {value} | {shown_cpu} | {target} | {mark} |")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"wall": wall, "cpu": cpu, "rss_mib": rss, "nodes": [n_large, n_huge]}),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
