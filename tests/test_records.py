"""``neoha_config.records.dataclass`` behaves as the standard library's dataclass does."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any, ClassVar

import pytest

from neoha_config import records


@records.dataclass(frozen=True, slots=True)
class Pickled:
    """A frozen record at module level, which pickle can name."""

    a: int
    b: str


def _pair(**options: Any) -> tuple[type[Any], type[Any]]:
    made = []
    for make, fld in (
        (records.dataclass, records.field),
        (dataclasses.dataclass, dataclasses.field),
    ):

        @make(slots=True, **options)
        class Point:
            x: int
            y: str = "a"
            tags: list[str] = fld(default_factory=list)
            hidden: int = fld(default=0, repr=False, compare=False)
            LIMIT: ClassVar[int] = 3

        made.append(Point)
    return made[0], made[1]


@pytest.mark.parametrize("frozen", [False, True])
def test_same_behaviour_as_dataclasses(frozen: bool) -> None:
    ours, theirs = _pair(frozen=frozen, order=True) if frozen else _pair()
    for cls in (ours, theirs):
        a, b = cls(1), cls(1, "a", [], 5)
        assert (a.x, a.y, a.tags, a.hidden) == (1, "a", [], 0)
        assert a == b  # hidden is not compared
        assert cls(x=2, y="b").y == "b"
        assert not hasattr(a, "__dict__")
        assert cls.LIMIT == 3
        with pytest.raises(TypeError):
            cls()
        with pytest.raises(TypeError):
            cls(1, x=2)
        with pytest.raises(TypeError):
            cls(1, nope=2)
    assert repr(ours(1, "b")).endswith("Point(x=1, y='b', tags=[])")
    assert repr(ours(1, "b")).split("(", 1)[1] == repr(theirs(1, "b")).split("(", 1)[1]
    if frozen:
        with pytest.raises(AttributeError):
            ours(1).x = 2
        for cls in (ours, theirs):  # a list field makes both unhashable
            with pytest.raises(TypeError):
                hash(cls(1))
        assert ours(1) < ours(2)
        assert pickle.loads(pickle.dumps(Pickled(3, "c"))) == Pickled(3, "c")
    else:
        assert ours.__hash__ is None
        point = ours(1)
        point.x = 5
        assert point.x == 5
    assert copy.deepcopy(ours(4)) == ours(4)


def test_replace_post_init_inheritance_and_init_false() -> None:
    @records.dataclass(frozen=True, slots=True)
    class Base:
        a: int
        total: int = records.field(init=False, default=0)

        def __post_init__(self) -> None:
            object.__setattr__(self, "total", self.a * 2)

    @records.dataclass(frozen=True, slots=True)
    class Child(Base):
        b: str = "x"

    child = Child(3, "y")
    assert (child.a, child.b, child.total) == (3, "y", 6)
    assert [f.name for f in records.fields(Child)] == ["a", "total", "b"]
    again = records.replace(child, a=5)
    assert (again.a, again.b, again.total) == (5, "y", 10)
    assert child != again
    assert isinstance(child, Base)
    assert hash(child) == hash(Child(3, "y"))


def test_arguments_bind_as_dataclasses_bind_them() -> None:
    ours, theirs = _pair()
    for cls in (ours, theirs):
        first, second = cls(1), cls(1)
        assert first.tags is not second.tags  # a factory makes one value per instance
        mixed = cls(7, tags=["t"], hidden=2)
        assert (mixed.x, mixed.y, mixed.tags, mixed.hidden) == (7, "a", ["t"], 2)
        by_name = cls(hidden=1, y="z", x=3)
        assert (by_name.x, by_name.y, by_name.tags, by_name.hidden) == (3, "z", [], 1)
        with pytest.raises(TypeError):
            cls(1, "a", [], 0, 9)
        with pytest.raises(TypeError):
            cls(y="b")
