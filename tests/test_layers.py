"""The package's import graph runs one way: no module imports a module of a layer above it.

Imports under ``if TYPE_CHECKING:`` are annotations only and do not count; the package itself
(``from neoha_config import topology``) names the submodule it imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "neoha_config"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("records", "lazy"),
    ("errors", "diagnostics", "profile", "version", "result", "names", "hosts"),
    ("properties", "atomic", "reading", "globs", "commons", "places"),
    ("catalogue", "models"),
    ("tree",),
    ("discovery", "logs", "layout", "cache"),
    ("topology", "ports", "facts", "release", "cluster19", "liveness"),
    ("suppress", "context", "registry"),
    ("rules",),
    ("config", "check", "cached", "provision", "probe", "docs", "fix", "inventory", "picture"),
    ("report", "render", "schema"),
    ("commands", "cli", "__main__", "__init__"),
)
"""Bottom first: files and values, then the loader, the topology, the rules, the checks and
the commands. A module may import its own layer and those below."""


def _layer(top: str) -> int:
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    raise AssertionError(f"neoha_config.{top} is in no layer: add it to LAYERS")


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def _imports(tree: ast.AST) -> list[tuple[str, int]]:
    """The neoha_config modules a file imports at run time, with their lines."""
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for branch in node.orelse:
                visit(branch)
            return
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "neoha_config":
                found.extend((f"neoha_config.{a.name}", node.lineno) for a in node.names)
            elif node.module.startswith("neoha_config."):
                found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found.extend(
                (a.name, node.lineno) for a in node.names if a.name.startswith("neoha_config.")
            )
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _top(module_path: Path) -> str:
    rel = module_path.relative_to(PACKAGE).with_suffix("")
    return rel.parts[0]


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_no_import_runs_upward(path: Path) -> None:
    here = _layer(_top(path))
    upward = [
        f"line {line}: {module} (layer {_layer(module.split('.')[1])})"
        for module, line in _imports(ast.parse(path.read_text(encoding="utf-8")))
        if _layer(module.split(".")[1]) > here
    ]
    assert upward == [], f"{path.relative_to(PACKAGE)} (layer {here}) imports upward"


def test_every_module_has_a_layer() -> None:
    for path in MODULES:
        _layer(_top(path))


def test_files_stay_small() -> None:
    """A file well over 400 lines says in its first line why it is one file."""
    long = []
    for path in MODULES:
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > 480 and "one file" not in lines[0]:
            long.append(f"{path.relative_to(PACKAGE)}: {len(lines)} lines")
    assert long == []
