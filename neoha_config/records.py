"""Slotted record classes for the check path, made without generating code.

``dataclasses.dataclass`` writes each class's ``__init__``, ``__repr__`` and ``__eq__`` as source
text and compiles it, and importing it imports ``inspect``: on the check hook, where some forty
classes are made at start-up, that was a third of the run. ``dataclass`` here makes the same
kind of class (slots, optional ``frozen`` and ``order``, ``field(default=, default_factory=,
init=, repr=, compare=, hash=)``, ``__post_init__``, inheritance) from shared methods that read
the class's field table, so defining a class costs about what a plain class costs. A class
made in great numbers (a properties line, a location) may write its own ``__init__``, which is
kept, as ``dataclasses`` keeps one. Instances
behave as the standard library's do; ``replace`` is ``dataclasses.replace``. Type checkers see
the standard decorator (``dataclass_transform``).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from typing import TYPE_CHECKING, Any, TypeVar, overload

__all__ = ["MISSING", "FrozenInstanceError", "dataclass", "field", "fields", "replace"]

T = TypeVar("T")

MISSING: Any = object()
"""The default of a field that has none."""
_MISSING = MISSING


class FrozenInstanceError(AttributeError):
    """An assignment to a field of a frozen record."""


class Field:
    """One field of a record: its name, default, and which methods it takes part in."""

    __slots__ = ("compare", "default", "default_factory", "hash", "init", "name", "repr")

    def __init__(
        self,
        *,
        default: Any = _MISSING,
        default_factory: Any = _MISSING,
        init: bool = True,
        repr: bool = True,
        compare: bool = True,
        hash: bool | None = None,
    ) -> None:
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare
        self.hash = compare if hash is None else hash


if TYPE_CHECKING:
    from dataclasses import dataclass, field, fields, replace
else:

    def field(**options: Any) -> Any:
        """A field with options (``default``, ``default_factory``, ``init``, ``repr``,
        ``compare``, ``hash``), as ``dataclasses.field``."""
        return Field(**options)

    @overload
    def dataclass(cls: type[T]) -> type[T]: ...

    @overload
    def dataclass(
        *, frozen: bool = False, slots: bool = True, order: bool = False, eq: bool = True
    ) -> Callable[[type[T]], type[T]]: ...

    def dataclass(
        cls: type[T] | None = None,
        *,
        frozen: bool = False,
        slots: bool = True,
        order: bool = False,
        eq: bool = True,
    ) -> Any:
        """Make ``cls`` a slotted record; the options are those of ``dataclasses.dataclass``
        (``slots`` is accepted and always true)."""

        def wrap(klass: type[T]) -> type[T]:
            return _make(klass, frozen=frozen, order=order, eq=eq)

        return wrap if cls is None else wrap(cls)

    def fields(obj: Any) -> tuple[Field, ...]:
        """The fields of a record class or instance, in order."""
        found: tuple[Field, ...] = obj.__record_fields__
        return found

    def replace(obj: T, **changes: Any) -> T:
        """A copy of ``obj`` with ``changes``, made through ``__init__``, as
        ``dataclasses.replace``."""
        kwargs = {f.name: getattr(obj, f.name) for f in obj.__record_fields__ if f.init}
        kwargs.update(changes)
        made: T = type(obj)(**kwargs)
        return made


def _is_classvar(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar", "Final", "typing.Final")) or (
        "ClassVar[" in text and text.split("[", 1)[0].endswith("ClassVar")
    )


def _make(cls: type[T], *, frozen: bool, order: bool, eq: bool) -> type[T]:
    inherited: list[Field] = []
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, "__record_fields__", ()):
            inherited = [g for g in inherited if g.name != f.name] + [f]
    own: list[Field] = []
    namespace = dict(cls.__dict__)
    for name, annotation in namespace.get("__annotations__", {}).items():
        if _is_classvar(annotation):
            continue
        value = namespace.pop(name, _MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name = name
        own.append(f)
    table = tuple([g for g in inherited if g.name not in {f.name for f in own}] + own)
    base_slots = {s for base in cls.__mro__[1:] for s in getattr(base, "__slots__", ())}
    namespace["__slots__"] = tuple(f.name for f in own if f.name not in base_slots)
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    namespace["__record_fields__"] = table
    namespace["__match_args__"] = tuple(f.name for f in table if f.init)
    if "__init__" not in cls.__dict__:  # a class's own __init__ is kept, as dataclasses do
        namespace["__init__"] = _init(table, "__post_init__" in dir(cls))
    namespace.setdefault("__repr__", _repr)
    if eq:
        namespace.setdefault("__eq__", _eq)
        if frozen:
            namespace["__hash__"] = _hash
        elif "__hash__" not in cls.__dict__:
            namespace["__hash__"] = None
    if order:
        for name, op in (("__lt__", _lt), ("__le__", _le), ("__gt__", _gt), ("__ge__", _ge)):
            namespace[name] = op
    if frozen:
        namespace["__setattr__"] = _frozen_setattr
        namespace["__delattr__"] = _frozen_delattr
        namespace["__getstate__"] = _getstate
        namespace["__setstate__"] = _setstate
    meta: Any = type(cls)
    made: type[T] = meta(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    return made


def _init(table: tuple[Field, ...], post_init: bool) -> Callable[..., None]:
    given = [f for f in table if f.init]
    names = tuple(f.name for f in given)
    positions = {name: i for i, name in enumerate(names)}
    count = len(names)
    # Each init field's plain default, or _MISSING when it has none (or a factory instead).
    defaults = [f.default for f in given]
    factories = tuple(
        (i, f.default_factory)
        for i, f in enumerate(given)
        if f.default is _MISSING and f.default_factory is not _MISSING
    )
    required = tuple(
        i for i, f in enumerate(given) if f.default is _MISSING and f.default_factory is _MISSING
    )
    later = tuple((f.name, f.default, f.default_factory) for f in table if not f.init)
    plain = not later and not post_init
    setter = object.__setattr__

    def finish(self: Any) -> None:
        """The fields ``__init__`` does not take, then ``__post_init__``."""
        for name, default, factory in later:
            if default is not _MISSING:
                setter(self, name, default)
            elif factory is not _MISSING:
                setter(self, name, factory())
        if post_init:
            self.__post_init__()

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        values: tuple[Any, ...] | list[Any] = args
        if kwargs or len(args) != count:
            given_count = len(args)
            if given_count > count:
                raise TypeError(
                    f"{type(self).__name__}() takes {count} arguments, {given_count} given"
                )
            values = defaults.copy()
            if given_count:
                values[:given_count] = args
            for key, value in kwargs.items():
                index = positions.get(key)
                if index is None:
                    raise TypeError(f"{type(self).__name__}() got an unexpected argument {key!r}")
                if index < given_count:
                    raise TypeError(f"{type(self).__name__}() got multiple values for {key!r}")
                values[index] = value
            for index, factory in factories:
                if values[index] is _MISSING:
                    values[index] = factory()
            for index in required:
                if values[index] is _MISSING:
                    raise TypeError(f"{type(self).__name__}() missing argument {names[index]!r}")
        # The fields are set by one loop in C (``setter`` returns None: ``any`` runs them all).
        any(map(setter, repeat(self), names, values))
        if not plain:
            finish(self)

    return __init__


def _repr(self: Any) -> str:
    shown = ", ".join(
        f"{f.name}={getattr(self, f.name, None)!r}" for f in self.__record_fields__ if f.repr
    )
    return f"{type(self).__qualname__}({shown})"


def _key(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, f.name) for f in self.__record_fields__ if f.compare)


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _key(self) == _key(other)


def _hash(self: Any) -> int:
    return hash(tuple(getattr(self, f.name) for f in self.__record_fields__ if f.hash))


def _compared(op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    def compare(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return op(_key(self), _key(other))

    return compare


_lt = _compared(lambda a, b: a < b)
_le = _compared(lambda a, b: a <= b)
_gt = _compared(lambda a, b: a > b)
_ge = _compared(lambda a, b: a >= b)


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, f.name) for f in self.__record_fields__)


def _setstate(self: Any, state: tuple[Any, ...]) -> None:
    for f, value in zip(self.__record_fields__, state, strict=True):
        object.__setattr__(self, f.name, value)
