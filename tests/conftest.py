"""What every test shares: the check's cache goes to a directory of the test's own."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from neoha_config.check import CACHE_DIR_VARIABLE

_COUNT = itertools.count()


@pytest.fixture(scope="session")
def _cache_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("neoha-cache")


@pytest.fixture(autouse=True)
def _cache_out_of_the_sources(_cache_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checks run in case directories and examples of this repository: their cache goes to
    a directory of each test's own (``$NEOHA_CACHE_DIR``, made only when written), not into
    the sources. Tests of the cache itself remove the variable (``tests/test_cache.py``)."""
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(_cache_root / str(next(_COUNT))))
