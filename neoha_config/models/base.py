"""The base of every file model: lenient loading from properties, locations, emission."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar, cast

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError

from neoha_config.diagnostics import Location
from neoha_config.models.plain import to_text
from neoha_config.models.shapes import Shape, ValueIssue, locations_of

if TYPE_CHECKING:
    from neoha_config.properties import Document

__all__ = [
    "SettingsModel",
    "ValueIssue",
    "locations_of",
    "model_from_document",
    "model_to_document",
    "to_text",
]


def _clean_message(err: Mapping[str, Any]) -> str:
    msg = str(err.get("msg", "invalid value"))
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            return msg[len(prefix) :]
    return msg


class SettingsModel(BaseModel):
    """A file's settings: typed fields named by their property keys (aliases), unknown keys kept.

    Values of unknown keys stay strings in ``model_extra`` so they can be reported and written
    back. ``location(key)`` gives where a key was read from, when the model came from a file.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        validate_assignment=True,
        use_enum_values=False,
        # Validators are built on first use: a clean check fills models with ``model_construct``
        # (see ``_from_strings``) and never needs them.
        defer_build=True,
    )

    # A default, not ``default_factory=dict``: pydantic copies an empty default cheaply, but
    # inspects a factory's signature on every instance (a third of a model's build time).
    _locations: dict[str, Location] = PrivateAttr(default={})

    # The plain description of the typed keys (``models.shapes``), which the fast path reads.
    _shape: ClassVar[Shape | None] = None

    @classmethod
    def _key_for_error(cls, loc: tuple[int | str, ...]) -> str:
        """The property key an error location points at (the field's alias)."""
        head = loc[0] if loc else ""
        field = cls.model_fields.get(str(head))
        if field is not None and field.alias:
            return field.alias
        return str(head)

    @classmethod
    def from_properties(
        cls,
        items: Mapping[str, str],
        locations: Mapping[str, Location] | None = None,
    ) -> tuple[Self, list[ValueIssue]]:
        """Build the model from a file's key/value pairs, leaving out values that are invalid.

        Returns the model and one ValueIssue per rejected key; never raises on values. Keys
        are property keys: a key spelled like a field's Python name is an unknown key.
        """
        model = cls._from_strings(items)
        if model is not None:
            if locations:
                model._locations = dict(locations)
            return model, []
        data: dict[str, Any] = dict(items)
        issues: list[ValueIssue] = []
        for _ in range(len(data) + 2):
            try:
                model = cls.model_validate(data, by_alias=True, by_name=False)
            except ValidationError as exc:
                bad: set[str] = set()
                for err in exc.errors():
                    key = cls._key_for_error(tuple(err.get("loc", ())))
                    raw = items.get(key)
                    where = locations.get(key) if locations else None
                    issues.append(
                        ValueIssue(key, "" if raw is None else raw, _clean_message(err), where)
                    )
                    bad.add(key)
                removable = {k for k in bad if k in data}
                if not removable:  # a model-level error with no single key to blame
                    break
                for key in removable:
                    del data[key]
                continue
            if locations:
                model._locations = dict(locations)
            return model, issues
        return cls.model_validate({}), issues

    @classmethod
    def _from_strings(cls, items: Mapping[str, str]) -> Self | None:
        """The model built by the library's own value parsers, without running pydantic, or
        None when a value does not parse and pydantic must decide (the shape's converters are
        the ones the model's validators use)."""
        if cls._shape is None:
            return None
        converted = cls._shape.convert(items)
        if converted is None:
            return None
        return cls._construct(*converted)

    @classmethod
    def _construct(cls, values: dict[str, Any], extras: dict[str, str]) -> Self:
        """A model of already-valid field ``values`` and unknown keys ``extras``: what
        ``model_construct`` builds, made directly when that was shown to be the same."""
        recipe = _RECIPES.get(cls)
        if recipe is None:
            recipe = _RECIPES[cls] = _Recipe.of(cls)
        fields = recipe.fields(values)
        fields_set = {*values, *extras}
        if recipe.direct:
            model = cls.__new__(cls)
            _set = object.__setattr__
            _set(model, "__dict__", fields)
            _set(model, "__pydantic_fields_set__", fields_set)
            _set(model, "__pydantic_extra__", dict(extras))
            _set(model, "__pydantic_private__", recipe.private())
            return model
        model = cast("Self", cls.model_construct(_fields_set=fields_set, **fields))
        model.__pydantic_extra__ = dict(extras)
        return model

    def location(self, key: str) -> Location | None:
        """Where ``key`` was read from, or None for a model built in code."""
        # Read the private slot directly: ``self._locations`` goes through pydantic's
        # ``__getattr__``, which rules calling this per key and node made a hot spot.
        private = self.__pydantic_private__
        locations = private.get("_locations") if private else None
        return locations.get(key) if locations else None

    def to_properties(self) -> dict[str, str]:
        """The settings as property key/value strings: every field that is set, then extras."""
        out: dict[str, str] = {}
        for name, field in type(self).model_fields.items():
            if name not in self.model_fields_set:
                continue
            value = getattr(self, name)
            if value is None:
                continue
            out.update(self._emit_field(field.alias or name, value))
        for key, value in (self.model_extra or {}).items():
            out[key] = str(value)
        return out

    def _emit_field(self, key: str, value: Any) -> dict[str, str]:
        return {key: to_text(value)}


M = TypeVar("M", bound=SettingsModel)


@dataclass(slots=True)
class _Recipe:
    """How to build a model of one class without validation (``SettingsModel._construct``).

    Every field is passed, so that no per-field default lookup is needed. ``direct`` says
    whether setting pydantic's four instance slots by hand gives exactly what
    ``model_construct`` gives: checked once per class on this pydantic, else not used.
    """

    defaults: dict[str, Any]
    factories: list[tuple[str, Any]]
    private_defaults: dict[str, Any]
    direct: bool = False

    @classmethod
    def of(cls, model: type[SettingsModel]) -> _Recipe:
        defaults: dict[str, Any] = {}
        factories: list[tuple[str, Any]] = []
        for name, field in model.model_fields.items():
            if field.default_factory is not None:
                factories.append((name, field.default_factory))
            else:
                defaults[name] = field.default
        private = {
            name: attr.default for name, attr in (model.__private_attributes__ or {}).items()
        }
        recipe = cls(defaults, factories, private)
        probe = model.model_construct(_fields_set=set(), **recipe.fields({}))
        made = model.__new__(model)
        for slot, value in (
            ("__dict__", recipe.fields({})),
            ("__pydantic_fields_set__", set()),
            ("__pydantic_extra__", {}),
            ("__pydantic_private__", recipe.private()),
        ):
            object.__setattr__(made, slot, value)
        recipe.direct = (
            all(
                getattr(made, slot, None) == getattr(probe, slot, None)
                for slot in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__")
            )
            and made.__pydantic_private__ == probe.__pydantic_private__
        )
        return recipe

    def fields(self, values: dict[str, Any]) -> dict[str, Any]:
        out = dict(self.defaults)
        for name, factory in self.factories:
            out[name] = factory()
        out.update(values)
        return out

    def private(self) -> dict[str, Any]:
        # Fresh containers per instance, as pydantic deep-copies private defaults.
        return {
            k: (v.copy() if isinstance(v, dict | list | set) else v)
            for k, v in self.private_defaults.items()
        }


_RECIPES: dict[type[SettingsModel], _Recipe] = {}


def model_from_document(
    cls: type[M], document: Document, path: str = ""
) -> tuple[M, list[ValueIssue]]:
    """Build ``cls`` from a parsed properties document, with every value's location.

    Returns the model and the values its types rejected; never raises on values.
    """
    return cls.from_properties(document.to_dict(), locations_of(document, path))


def model_to_document(model: SettingsModel, base: Document | None = None) -> Document:
    """Write ``model``'s settings into ``base`` (changed lines only) or into a new document.

    Keys of ``base`` that the model does not set are kept as they are, comments and layout too.
    """
    from neoha_config.properties import parse

    document = base if base is not None else parse("")
    for key, value in model.to_properties().items():
        document.set(key, value)
    return document
