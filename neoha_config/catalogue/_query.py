"""Look-ups over the catalogue: a key's spec, the releases that read it, and what to say."""

from __future__ import annotations

from neoha_config.catalogue import _coord, _database, _server
from neoha_config.catalogue._spec import (
    COORD,
    DATABASE,
    FILES,
    SERVER,
    KeySpec,
    Listener,
    Variant,
    describe_span,
    releases_of,
    span,
)

CATALOGUE: dict[str, tuple[KeySpec, ...]] = {
    DATABASE: _database.KEYS,
    SERVER: _server.KEYS,
    COORD: _coord.KEYS,
}
"""Every key spec, by file role."""

_EXACT: dict[str, dict[str, KeySpec]] = {
    file: {s.key: s for s in specs if s.family is None} for file, specs in CATALOGUE.items()
}
_FAMILIES: dict[str, tuple[KeySpec, ...]] = {
    file: tuple(s for s in specs if s.family is not None) for file, specs in CATALOGUE.items()
}


def _file(file_role: str) -> str:
    file = str(file_role)
    if file not in CATALOGUE:
        raise ValueError(f"{file!r} is not a catalogued file; use one of {', '.join(FILES)}")
    return file


def lookup(file_role: str, key: str) -> KeySpec | None:
    """The spec of ``key`` in the file ``file_role`` (``"neo4j.properties"``,
    ``"neo4j-server.properties"``, ``"coord.cfg"`` or a ``tree.FileRole``), a family's spec
    when the key belongs to one, or None for a key the catalogue does not know.

    Raises ValueError for another file role.
    """
    file = _file(file_role)
    spec = _EXACT[file].get(key)
    if spec is not None:
        return spec
    for family in _FAMILIES[file]:
        if family.matches(key):
            return family
    return None


def keys(file_role: str) -> tuple[KeySpec, ...]:
    """Every spec of one file, in catalogue order."""
    return CATALOGUE[_file(file_role)]


def releases_reading(key: str, file_role: str | None = None) -> tuple[str, ...]:
    """The release lines that read ``key`` (in ``file_role``, or in whichever file knows it)."""
    files = (_file(file_role),) if file_role is not None else FILES
    for file in files:
        spec = lookup(file, key)
        if spec is not None:
            return spec.releases
    return ()


def known(file_role: str, key: str) -> bool:
    """True when the catalogue knows ``key`` in that file (read, inert, plugin or later)."""
    return lookup(file_role, key) is not None


def unverified() -> list[tuple[KeySpec, Variant]]:
    """Every (key, variant) whose facts rest on something weaker than the release's source."""
    return [
        (spec, v)
        for specs in CATALOGUE.values()
        for spec in specs
        for v in spec.variants
        if not v.verified
    ]


def reading_answer(spec: KeySpec, release: str) -> str:
    """What to say of ``spec`` under ``release``: ``"read by 1.3-1.7"``, ``"read from 1.9 on"``,
    ``"read by 1.7 only"``, ``"read by no release (known, inert)"``, ... Never "never reads".

    The answer names releases, so a message can say where the key matters.
    """
    if spec.inert:
        return "known, but read by no release"
    if spec.plugin:
        return "read by a plugin, not by the product itself"
    releases = spec.releases
    every = releases_of(spec.file)
    if not releases:
        return f"read only by releases after {every[-1]}" + (
            f" ({spec.later} on)" if spec.later else ""
        )
    if release in releases:
        return f"read by {describe_span(releases)}"
    later = [r for r in releases if every.index(r) > every.index(release)]
    if later and releases == span(f"{later[0]}-{every[-1]}"):
        surely = [r for r in later if r in spec.verified_releases]
        if surely and surely[0] != later[0]:
            return f"read from {surely[0]} on (possibly from {later[0]})"
        return f"read from {later[0]} on"
    if later:
        return f"not read by {release}; read by {describe_span(releases)}"
    last = releases[-1]
    if releases == span(f"{every[0]}-{last}"):
        return f"read up to {last} only"
    return f"not read by {release}; read by {describe_span(releases)}"


LISTENERS: tuple[Listener, ...] = (
    Listener(
        "online backup",
        DATABASE,
        span("1.3-1.7"),
        "enable_online_backup",
        "enable_online_backup=port=N",
        6362,
        False,
        "true opens port 6362, port=N opens N; unset is off",
    ),
    Listener(
        "online backup",
        DATABASE,
        span("1.8"),
        "online_backup_enabled",
        "online_backup_port",
        6362,
        False,
        "a port alone does not enable it",
    ),
    Listener(
        "online backup",
        DATABASE,
        span("1.9"),
        "online_backup_enabled",
        "online_backup_server",
        6362,
        True,
        "first free port of 6362-6372",
        verified=False,
    ),
    Listener(
        "remote shell",
        DATABASE,
        span("1.3-1.7"),
        "enable_remote_shell",
        "enable_remote_shell=port=N",
        1337,
        False,
        "unset is off",
        verified=False,
    ),
    Listener(
        "remote shell",
        DATABASE,
        span("1.8-1.9"),
        "remote_shell_enabled",
        "remote_shell_port",
        1337,
        False,
        "a port alone does not enable it",
    ),
    Listener(
        "HA server",
        DATABASE,
        span("1.3-1.7"),
        None,
        "ha.server",
        6361,
        True,
        "in HA mode; only the master binds it, on every interface",
    ),
    Listener(
        "HA server",
        DATABASE,
        span("1.8"),
        None,
        "ha.server",
        6361,
        True,
        "in HA mode; master and slaves bind it",
    ),
    Listener(
        "HA server",
        DATABASE,
        span("1.9"),
        None,
        "ha.server",
        6001,
        True,
        "in HA mode; first free port of 6001-6011",
    ),
    Listener(
        "cluster server",
        DATABASE,
        span("1.9"),
        None,
        "ha.cluster_server",
        5001,
        True,
        "in HA mode; first free port of 5001-5099",
    ),
    Listener(
        "HTTP",
        SERVER,
        span("1.3-1.9"),
        None,
        "org.neo4j.server.webserver.port",
        7474,
        True,
        "bound to org.neo4j.server.webserver.address (localhost) from 1.5",
    ),
    Listener(
        "HTTPS",
        SERVER,
        span("1.4"),
        "org.neo4j.server.webserver.https.enabled",
        "org.neo4j.server.webserver.https.port",
        7473,
        False,
        "as 1.5, if 1.4 reads the HTTPS keys (the key catalogue assumes it does)",
        verified=False,
    ),
    Listener(
        "HTTPS",
        SERVER,
        span("1.5-1.9"),
        "org.neo4j.server.webserver.https.enabled",
        "org.neo4j.server.webserver.https.port",
        7473,
        False,
        "the shipped 1.5-1.9 files enable it",
    ),
    Listener(
        "client",
        COORD,
        span("3.3-3.9"),
        None,
        "clientPort",
        None,
        True,
        "on clientPortAddress, else every interface",
    ),
    Listener(
        "AdminServer",
        COORD,
        span("3.5-3.9"),
        "admin.enableServer",
        "admin.serverPort",
        8080,
        True,
        "Jetty on admin.serverAddress (0.0.0.0)",
    ),
)
"""The sockets each release may open, with the keys that switch and place them."""


def listeners(file_role: str, release: str) -> tuple[Listener, ...]:
    """The listeners of one file's process in one release."""
    file = _file(file_role)
    return tuple(x for x in LISTENERS if x.file == file and release in x.releases)


def enabled_by_default(name: str, release: str) -> bool | None:
    """Whether the listener ``name`` is on in ``release`` when its switch is unset; None when
    the release has no such listener."""
    for x in LISTENERS:
        if x.name == name and release in x.releases:
            return x.enabled_by_default
    return None
