"""What the query checks read of the models: the one place that knows the object model's classes and attributes.

The checks see an Interface's contents as Members and every schema as a Shape; this module reaches the ModelSet
only through its public attributes and methods (`interfaces`, `contents`, `named`, `ancestors`, `schema`, `resolve`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from .. import model as om
from ..language import DEFAULT
from ..language import dtmi as dtmilib

if TYPE_CHECKING:
    from ..modelset import ModelSet

E = TypeVar("E", bound=om.Element)

# How each primitive schema's values are written in JSON, which is what a query compares.
NUMBERS = frozenset(
    (
        *("double", "float", "integer", "long", "byte", "short"),
        *("unsignedByte", "unsignedShort", "unsignedInteger", "unsignedLong"),
    )
)
STRINGS = frozenset(("string", "date", "dateTime", "time", "duration", "uuid", "bytes"))


@dataclass(frozen=True, slots=True)
class Shape:
    """A schema as a query sees its values: `kind` is "number", "string", "boolean", "enum", "object", "map",
    "array", "component" (an Interface's contents) or "other" (not checked: geospatial and unknown schemas)."""

    kind: str
    term: str = ""  # the schema's name for messages: "double", "Object", "Enum", the component's DTMI
    fields: tuple[str, ...] = ()  # an Object's field names
    values: tuple[tuple[str, object], ...] = ()  # an Enum's (name, value)s
    source: object = field(default=None, compare=False)  # the schema element, or the component's DTMI


@dataclass(frozen=True, slots=True)
class Member:
    """One content of an Interface: `kind` is "Property", "Telemetry", "Command", "Relationship" or "Component"."""

    kind: str
    name: str
    source: om.Content = field(compare=False)


@dataclass(frozen=True, slots=True)
class Models:
    """The Interfaces the twins of a collection may have: `roots`, the ones the query names (or the targets of the
    relationship that leads to them), and `all`, those and every Interface that extends one of them."""

    roots: tuple[str, ...]
    all: frozenset[str]

    def __and__(self, other: Models) -> Models | None:
        """The Interfaces of twins that are both (None: no twin is)."""
        both = self.all & other.all
        roots = tuple(dict.fromkeys(r for r in (*self.roots, *other.roots) if r in both)) or tuple(sorted(both))[:1]
        return Models(roots, both) if both else None

    def __or__(self, other: Models) -> Models:
        return Models(tuple(dict.fromkeys((*self.roots, *other.roots))), self.all | other.all)


class ModelView:
    """The Interfaces of a ModelSet as the query checks need them. What it computes (the Interfaces that extend
    each, the definitions of each name) is kept for the next query over the same, unchanged ModelSet."""

    def __init__(self, models: ModelSet) -> None:
        self.models = models
        self.size = len(models.interfaces)
        self._matching: dict[tuple[str, bool], Models | None] = {}
        self._extending: dict[str, list[str]] | None = None
        self._defined: dict[str, list[tuple[str, om.Content]]] | None = None
        self._relationship_names: frozenset[str] | None = None

    def __bool__(self) -> bool:
        return bool(self.size)

    def ids(self) -> list[str]:
        """The ids of the Interfaces."""
        return list(self.models.interfaces)

    def matching(self, dtmi: str, exact: bool) -> Models | None:
        """The Interfaces whose twins IS_OF_MODEL(dtmi[, exact]) selects: that model, or (not exact) any model with
        the same identifier and at least its version, and the models that extend one of those (reference §3);
        None if there is none."""
        key = (dtmi, exact)
        if key not in self._matching:
            roots = [dtmi] if dtmi in self.models.interfaces else []
            if not exact:
                roots = sorted(candidate for candidate in self.models.interfaces if _selects(dtmi, candidate))
            if exact or not roots:
                found = Models(tuple(roots), frozenset(roots)) if roots else None
            else:
                extending = self.extending()
                found = Models(tuple(roots), frozenset(roots).union(*(extending.get(r, ()) for r in roots)))
            self._matching[key] = found
        return self._matching[key]

    def extending(self) -> dict[str, list[str]]:
        """The Interfaces that extend each Interface, transitively."""
        if self._extending is None:
            self._extending = {}
            for dtmi in self.models.interfaces:
                for ancestor in self.models.ancestors(dtmi):
                    self._extending.setdefault(ancestor, []).append(dtmi)
        return self._extending

    def find(self, models: Models, name: str) -> list[tuple[Member, str]]:
        """Each content named `name` the Interfaces of `models` have (own or inherited), once, with an Interface that
        has it (a root first)."""
        found: dict[int, tuple[Member, str]] = {}
        for root in models.roots:
            inherited = self.models.contents(root).get(name)
            if inherited is not None:
                found.setdefault(id(inherited), (_member(inherited, name), root))
        if self._defined is None:
            self._defined = {}
            for dtmi, interface in self.models.interfaces.items():
                for content, defined_as in self.models.named(interface):
                    self._defined.setdefault(defined_as, []).append((dtmi, content))
        for dtmi, defined in self._defined.get(name, ()):
            if dtmi in models.all:
                found.setdefault(id(defined), (_member(defined, name), dtmi))
        return list(found.values())

    def names(self, models: Models) -> list[str]:
        """Every content name of the Interfaces of `models` (for suggestions)."""
        return sorted({name for dtmi in models.all for name in self.models.contents(dtmi)})

    def relationship_names(self) -> frozenset[str]:
        """The name of every Relationship of every Interface."""
        if self._relationship_names is None:
            self._relationship_names = frozenset(
                name
                for interface in self.models.interfaces.values()
                for content, name in self.models.named(interface)
                if isinstance(content, om.Relationship)
            )
        return self._relationship_names

    def shape(self, member: Member) -> Shape:
        """The Shape of a Property's or Telemetry's schema, or of a Component's Interface."""
        content = member.source
        if isinstance(content, om.Component):
            return Shape("component", "Component", source=om.ref(content.schema))
        return self.schema(content.schema) if isinstance(content, (om.Property, om.Telemetry)) else Shape("other")

    def schema(self, schema: om.Schema | None) -> Shape:
        """The Shape of a schema (a term, an element, or the DTMI of one)."""
        resolved = self.models.schema(schema) if schema is not None else None
        if isinstance(resolved, str):
            if resolved in NUMBERS:
                return Shape("number", resolved)
            if resolved in STRINGS:
                return Shape("string", resolved)
            if resolved == "boolean":
                return Shape("boolean", resolved)
            return Shape("other", resolved)
        if isinstance(resolved, om.ObjectSchema):
            return Shape("object", "Object", tuple(self.fields(resolved)), source=resolved)
        if isinstance(resolved, om.MapSchema):
            return Shape("map", "Map", source=resolved)
        if isinstance(resolved, om.ArraySchema):
            return Shape("array", "Array", source=resolved)
        if isinstance(resolved, om.EnumSchema):
            values = tuple((v.name, v.enum_value) for v in self.elements(resolved.enum_values, om.EnumValue) if v.name)
            return Shape("enum", "Enum", values=values, source=resolved)
        return Shape("other")

    def field(self, shape: Shape, name: str) -> Shape:
        """The Shape of an Object's field `name` (one of shape.fields)."""
        assert isinstance(shape.source, om.ObjectSchema)
        return self.schema(self.fields(shape.source)[name].schema)

    def item(self, shape: Shape) -> Shape:
        """The Shape of a Map's values or of an Array's elements."""
        source = shape.source
        if isinstance(source, om.MapSchema):
            value = self.models.resolve(source.map_value)
            return self.schema(value.schema if isinstance(value, om.MapValue) else None)
        return self.schema(source.element_schema if isinstance(source, om.ArraySchema) else None)

    def relationship(self, member: Member) -> tuple[str, dict[str, om.Schema | None]]:
        """A Relationship's target ("" for any) and its properties' schemas by name."""
        content = member.source
        assert isinstance(content, om.Relationship)
        properties = self.elements(content.properties, om.Property)
        return content.target or "", {p.name: p.schema for p in properties if p.name}

    def fields(self, schema: om.ObjectSchema) -> dict[str, om.Field]:
        """An Object's fields by name."""
        return {f.name: f for f in self.elements(schema.fields, om.Field) if f.name}

    def elements(self, values: Sequence[object], cls: type[E]) -> list[E]:
        """The elements of class `cls` among the values of a plural member, given inline or referred to."""
        return [e for e in map(self.models.resolve, values) if isinstance(e, cls)]


_LAST: list[ModelView] = []


def view(models: ModelSet) -> ModelView:
    """The ModelView of `models`: the last one made, if it was made for this ModelSet as it is now."""
    if _LAST and _LAST[0].models is models and _LAST[0].size == len(models.interfaces):
        return _LAST[0]
    made = ModelView(models)
    _LAST[:] = [made]
    return made


def _member(content: om.Content, name: str) -> Member:
    return Member(content.cls, name, content)


def _selects(dtmi: str, candidate: str) -> bool:
    """Does IS_OF_MODEL('dtmi') select twins of the model `candidate` itself: the same identifier, and a version at
    least as high (a DTMI without a version: only itself)?"""
    base, _, version = dtmi.partition(";")
    if candidate.partition(";")[0] != base:
        return False
    if not version:
        return candidate == dtmi
    wanted, found = dtmilib.version(dtmi), dtmilib.version(candidate)
    return wanted is not None and found is not None and found >= wanted


def dtmi_problem(value: str) -> str | None:
    """Why `value` is not a DTMI (of any DTDL version), or None."""
    if dtmilib.is_dtmi(value):
        return None
    problems = DEFAULT.dtmi.problems(value)
    return problems[0].message if problems else "is not a DTMI"
