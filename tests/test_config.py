"""Tests for [tool.neoha_config] loading, validation, merging and path matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from neoha_config.config import (
    Settings,
    compile_glob,
    find_pyproject,
    load_settings,
    merge,
    parse_selectors,
    path_matches,
)
from neoha_config.diagnostics import Severity
from neoha_config.errors import NeohaConfigError
from neoha_config.profile import Profile


def _write(directory: Path, body: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "pyproject.toml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = [
    ("", Settings()),
    ('select = ["nha3", "NHA004"]', Settings(select=("NHA3", "NHA004"))),
    ('ignore = ["NHA1", "NHA"]', Settings(ignore=("NHA1", "NHA"))),
    ("select = []", Settings(select=())),
    (
        '[tool.neoha_config.per-file-ignores]\n"prod/**/myid" = ["NHA205"]\n"*.cfg" = ["nha2"]',
        Settings(per_file_ignores=(("prod/**/myid", ("NHA205",)), ("*.cfg", ("NHA2",)))),
    ),
    (
        'severity = { NHA004 = "error", NHA1 = "info" }',
        Settings(severity=(("NHA004", Severity.ERROR), ("NHA1", Severity.INFO))),
    ),
    ('zookeeper = "3.8"', Settings(zookeeper=Profile.ZK38)),
    ('zookeeper = "3.3"', Settings(zookeeper=Profile.ZK33)),
    ('exclude = ["legacy", "prod/old/**"]', Settings(exclude=("legacy", "prod/old/**"))),
    ("strict = true", Settings(strict=True)),
    ("logs = false", Settings(logs=False)),
]


@pytest.mark.parametrize(("body", "expected"), GOOD)
def test_good_configs(tmp_path: Path, body: str, expected: Settings) -> None:
    path = _write(tmp_path, f"[project]\nname = 'x'\n\n[tool.neoha_config]\n{body}\n")
    settings = load_settings(tmp_path)
    assert settings.source == path
    assert settings.base == tmp_path
    for name in ("select", "ignore", "per_file_ignores", "severity", "zookeeper", "exclude"):
        assert getattr(settings, name) == getattr(expected, name), name
    assert (settings.strict, settings.logs) == (expected.strict, expected.logs)


BAD = [
    # (table body, key named in the error, words in the message); the key is on line 5
    ('selct = ["NHA004"]', "selct", "did you mean 'select'"),
    ("per_file_ignores = {}", "per_file_ignores", "did you mean 'per-file-ignores'"),
    ('colour = "always"', "colour", "unknown key"),
    ('select = "NHA004"', "select", "expected an array"),
    ('select = ["E501"]', "select", "'E501' is not a rule code"),
    ('ignore = ["NHA0041"]', "ignore", "'NHA0041'"),
    ("ignore = [4]", "ignore", "an integer"),
    ('per-file-ignores = ["x"]', "per-file-ignores", "expected a table"),
    ('per-file-ignores = { "a/*" = "NHA004" }', 'per-file-ignores."a/*"', "expected an array"),
    ('per-file-ignores = { "" = ["NHA004"] }', 'per-file-ignores.""', "invalid glob"),
    ('per-file-ignores = { "a" = ["W1"] }', 'per-file-ignores."a"', "'W1'"),
    ('severity = ["NHA004"]', "severity", "expected a table"),
    ('severity = { NHA004 = "fatal" }', "severity.NHA004", "'fatal'"),
    ("severity = { NHA004 = 1 }", "severity.NHA004", "an integer"),
    ('severity = { X1 = "info" }', "severity.X1", "'X1' is not a rule code"),
    ("zookeeper = 3.3", "zookeeper", "a quoted string"),
    ('zookeeper = "3.5"', "zookeeper", "'3.5'"),
    ('exclude = "legacy"', "exclude", "expected an array of glob"),
    ("exclude = [1]", "exclude", "expected an array of glob"),
    ('strict = "yes"', "strict", "true or false"),
    ("logs = 1", "logs", "true or false"),
]


@pytest.mark.parametrize(("body", "key", "words"), BAD)
def test_bad_configs_name_the_key_and_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, key: str, words: str
) -> None:
    line = 5
    _write(tmp_path, f"[project]\nname = 'x'\n\n[tool.neoha_config]\n{body}\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NeohaConfigError) as info:
        load_settings()
    err = info.value
    assert err.key == key
    assert err.path == "pyproject.toml"
    assert err.line == line
    assert f"[tool.neoha_config] {key}:" in str(err)
    assert words in str(err)
    assert str(err).startswith(f"pyproject.toml:{line}: ")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("[tool.neoha_config\nselect = 1\n", "invalid TOML"),
        ("[tool]\nneoha_config = 1\n", "must be a table"),
        ('tool.neoha_config = "x"\n', "must be a table"),
    ],
)
def test_unreadable_files(tmp_path: Path, body: str, words: str) -> None:
    _write(tmp_path, body)
    with pytest.raises(NeohaConfigError, match=words) as info:
        load_settings(tmp_path)
    assert info.value.path is not None
    assert info.value.path.endswith("pyproject.toml")


def test_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.neoha_config]\nexclude = ['\xff']\n")
    with pytest.raises(NeohaConfigError, match="not UTF-8"):
        load_settings(tmp_path)


def test_inline_and_dotted_tables_are_read(tmp_path: Path) -> None:
    _write(tmp_path, '[tool]\nneoha_config = { strict = true, select = ["NHA1"] }\n')
    assert load_settings(tmp_path).select == ("NHA1",)
    _write(tmp_path, "tool.neoha_config.strict = true\n")
    assert load_settings(tmp_path).strict is True


def test_discovery_walks_up_and_skips_files_without_the_table(tmp_path: Path) -> None:
    top = _write(tmp_path, '[tool.neoha_config]\nselect = ["NHA3"]\n')
    _write(tmp_path / "sub", '[project]\nname = "sub"\ndependencies = ["neoha_config==0.1"]\n')
    _write(tmp_path / "sub" / "other", "[tool.ruff]\nline-length = 99\n")
    start = tmp_path / "sub" / "other" / "deeper"
    start.mkdir()
    assert find_pyproject(start) == top
    settings = load_settings(start)
    assert settings.select == ("NHA3",)
    assert settings.source == top
    assert settings.base == tmp_path


def test_nearest_table_wins(tmp_path: Path) -> None:
    _write(tmp_path, '[tool.neoha_config]\nselect = ["NHA3"]\n')
    near = _write(tmp_path / "sub", '[tool.neoha_config]\nselect = ["NHA1"]\n')
    assert load_settings(tmp_path / "sub").source == near
    assert load_settings(tmp_path / "sub").select == ("NHA1",)


def test_defaults_without_a_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # tmp_path may sit under a directory with a pyproject.toml; look from a fresh root instead.
    monkeypatch.setattr(Path, "parents", property(lambda self: []))
    settings = load_settings(tmp_path)
    assert settings == Settings(base=tmp_path)
    assert find_pyproject(tmp_path) is None


def test_defaults_start_at_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "[tool.neoha_config]\nstrict = true\n")
    (tmp_path / "a").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    assert load_settings().strict is True


# --- globs ----------------------------------------------------------------------------------

GLOBS = [
    # (pattern, display path relative to base, matches)
    ("legacy", "legacy", True),
    ("legacy", "legacy/conf/coord.cfg", True),
    ("legacy", "a/legacy/b", True),
    ("legacy", "legacyx/a", False),
    ("legacy", "a/xlegacy", False),
    ("legacy/", "legacy/x", True),
    ("./legacy", "legacy/x", True),
    ("prod/*/conf/coord.cfg", "prod/db1/conf/coord.cfg", True),
    ("prod/*/conf/coord.cfg", "prod/a/b/conf/coord.cfg", False),
    ("prod/*/conf/coord.cfg", "x/prod/db1/conf/coord.cfg", False),
    ("prod/**/coord.cfg", "prod/coord.cfg", True),
    ("prod/**/coord.cfg", "prod/a/b/coord.cfg", True),
    ("prod/**", "prod/a", True),
    ("prod/**", "prodx/a", False),
    ("**/myid", "myid", True),
    ("**/myid", "a/b/myid", True),
    ("**/myid", "a/b/myidx", False),
    ("*.cfg", "a/coord.cfg", True),
    ("*.cfg", "a/coord.cfgx", False),
    ("/coord.cfg", "coord.cfg", True),
    ("/coord.cfg", "a/coord.cfg", False),
    ("db[12]", "prod/db1/x", True),
    ("db[12]", "prod/db3/x", False),
    ("db[!1]", "prod/db2", True),
    ("db[!1]", "prod/db1", False),
    ("db?", "db1", True),
    ("db?", "db10", False),
    ("a+b (1)", "a+b (1)/x", True),
    ("[", "[", True),
    ("prod/db1", ".", False),
]


@pytest.mark.parametrize(("pattern", "display", "expected"), GLOBS)
def test_path_matches(tmp_path: Path, pattern: str, display: str, expected: bool) -> None:
    assert path_matches(pattern, display, base=tmp_path, cwd=tmp_path) is expected


def test_paths_are_relative_to_cwd_and_globs_to_base(tmp_path: Path) -> None:
    base = tmp_path / "proj"
    cwd = base / "prod"
    assert path_matches("prod/db1", "db1/conf/neo4j.properties", base=base, cwd=cwd)
    assert not path_matches("db1/conf", "db1/conf/x", base=base, cwd=cwd)
    assert path_matches("prod/db1", "../prod/db1/x", base=base, cwd=cwd)
    # Outside base only unanchored patterns match, against the path's components.
    assert path_matches("legacy", "../elsewhere/legacy/x", base=base, cwd=tmp_path / "w")
    assert not path_matches("elsewhere/legacy", "elsewhere/legacy/x", base=base, cwd=tmp_path)


def test_empty_glob_is_rejected() -> None:
    with pytest.raises(ValueError, match="empty"):
        compile_glob(" ./ ")
    assert path_matches("", "a", base=Path("/"), cwd=Path("/")) is False


def test_settings_helpers(tmp_path: Path) -> None:
    settings = Settings(
        exclude=("legacy",),
        per_file_ignores=(("**/myid", ("NHA205",)), ("prod/db1", ("NHA1", "NHA004"))),
        severity=(("NHA1", Severity.INFO), ("NHA104", Severity.WARNING), ("NHA", Severity.ERROR)),
        base=tmp_path,
    )
    assert settings.is_excluded("legacy/db1", cwd=tmp_path)
    assert not settings.is_excluded("prod/db1", cwd=tmp_path)
    assert settings.per_file_ignored("NHA205", "prod/db2/data/coordinator/myid", cwd=tmp_path)
    assert not settings.per_file_ignored("NHA206", "prod/db2/data/coordinator/myid", cwd=tmp_path)
    assert settings.per_file_ignored("NHA105", "prod/db1/conf/neo4j.properties", cwd=tmp_path)
    assert settings.per_file_ignored("NHA004", "prod/db1/conf/neo4j.properties", cwd=tmp_path)
    assert not settings.per_file_ignored("NHA005", "prod/db1/conf/neo4j.properties", cwd=tmp_path)
    assert not settings.per_file_ignored("NHA105", "prod/db2/conf/neo4j.properties", cwd=tmp_path)
    assert settings.severity_for("NHA104", Severity.ERROR) is Severity.WARNING
    assert settings.severity_for("NHA105", Severity.ERROR) is Severity.INFO
    assert settings.severity_for("NHA301", Severity.WARNING) is Severity.ERROR
    assert Settings().severity_for("NHA301", Severity.WARNING) is Severity.WARNING


# --- command line -------------------------------------------------------------------------


def test_merge_select_starts_afresh_and_ignore_adds() -> None:
    configured = Settings(select=("NHA",), ignore=("NHA004",), zookeeper=Profile.ZK33)
    assert merge(configured) == configured
    fresh = merge(configured, select=("NHA004",))
    assert (fresh.select, fresh.ignore) == (("NHA004",), ())
    both = merge(configured, select=("NHA0",), ignore=("NHA005",))
    assert (both.select, both.ignore) == (("NHA0",), ("NHA005",))
    added = merge(configured, ignore=("NHA3",))
    assert (added.select, added.ignore) == (("NHA",), ("NHA004", "NHA3"))
    other = merge(configured, zookeeper=Profile.ZK38, strict=True, logs=False)
    assert (other.zookeeper, other.strict, other.logs) == (Profile.ZK38, True, False)
    assert merge(configured, strict=False).strict is False


def test_parse_selectors() -> None:
    assert parse_selectors(["NHA004,nha3", " NHA1 ", ""], option="--select") == (
        "NHA004",
        "NHA3",
        "NHA1",
    )
    with pytest.raises(NeohaConfigError, match="--ignore: 'E5' is not a rule code") as info:
        parse_selectors(["NHA1,E5"], option="--ignore")
    assert info.value.key == "--ignore"


# --- the search stops at the repository root ------------------------------------------------


@pytest.mark.parametrize("git", ["directory", "file"])
def test_pyproject_above_the_repository_root_is_not_read(tmp_path: Path, git: str) -> None:
    planted = _write(tmp_path, '[tool.neoha_config]\nignore = ["NHA"]\n')
    repo = tmp_path / "repo"
    (repo / "prod" / "db1").mkdir(parents=True)
    if git == "directory":
        (repo / ".git").mkdir()
    else:  # a worktree or submodule: .git is a file pointing elsewhere
        (repo / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")
    assert find_pyproject(repo / "prod" / "db1") is None
    assert load_settings(repo / "prod" / "db1").ignore == ()
    assert load_settings(repo).source is None
    # Outside a repository the walk goes on to the planted file, as before.
    (tmp_path / "elsewhere").mkdir()
    assert find_pyproject(tmp_path / "elsewhere") == planted


def test_pyproject_at_the_repository_root_is_read(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "a" / "b").mkdir(parents=True)
    own = _write(repo, "[tool.neoha_config]\nstrict = true\n")
    assert find_pyproject(repo / "a" / "b") == own
    assert load_settings(repo / "a" / "b").strict is True
