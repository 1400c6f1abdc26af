"""The object model of DTDL: one class per DTDL class, built by the parser (parsing/), used by the model checks
(modelcheck.py), the twin, relationship and patch linters, and the schema export.

Every element knows where it was defined (`source`, `pointer`), its `id` (explicit, or made by the DTDL rules:
dtmi:com:ex:I:_contents:__t;1), the element holding it (`parent`) and the DTDL version it was read as
(`language`). A member is an attribute named as the DTDL member in snake case (elementSchema ->
element_schema). Its value is an inline element, a DTMI (a reference to an element defined elsewhere: see
ModelSet.elements and ModelSet.schema), a term (a standard schema such as "double" or "point", a unit, a
commandType), or a literal; None when the member is absent or its value unusable (a plural member: a sequence,
empty then). Each class declares its members with their defaults, the parser sets those given. `where` maps
each member given to the pointer of its (first) value as written ("" when none of its values was usable), and
`references` lists every reference an element makes, with its member and pointer. (What every element has is
set by one plain __init__, in slots: thousands of elements are made for a large model set, and keyword
arguments, or an __init__ per class, would cost a tenth of the parse.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from .diagnostics import clip
from .language import DEFAULT, Language

E = TypeVar("E", bound="Element")


class Element:
    """What every element has: its id, where it was defined, its co-types and its default-language texts."""

    # what every element has in slots; its members and what the parser notes where it has them in its __dict__
    __slots__ = (
        "__dict__",
        "depth",
        "explicit_id",
        "id",
        "language",
        "parent",
        "partition",
        "pointer",
        "source",
        "where",
    )
    cls = ""  # its DTDL class
    # set by the parser where an element has them
    references: tuple[tuple[str, str, str], ...] = ()  # (member, DTMI, pointer) of each reference it makes
    cotypes: tuple[str, ...] = ()  # co-types as written, beyond the class
    semantic_type = ""  # its semantic type, a term ("" if none)
    adjuncts: tuple[str, ...] = ()  # its extension (IoT Central) types
    informal = False  # has an undefined co-type: open to extra members
    display_name: str | None = None  # default-language texts
    description: str | None = None
    comment: str | None = None

    def __init__(
        self,
        id: str,
        source: str = "",
        pointer: str = "",
        parent: Element | None = None,
        partition: str = "",
        explicit_id: bool = True,
        depth: int = 0,
        language: Language = DEFAULT,
    ) -> None:
        self.id = id
        self.source = source  # the file (or source name) it was defined in
        self.pointer = pointer  # JSON Pointer of its object in that file
        self.parent = parent
        self.partition = partition or id  # @id of the Interface or top-level element whose partition holds it
        self.explicit_id = explicit_id  # its id is its own @id (not made from its place, nor unusable)
        self.depth = depth  # element nesting depth in its document
        self.language = language  # the Language (DTDL version) it was read as
        self.where: dict[str, str] = {}  # member -> pointer of its first value as written

    @classmethod
    def of(cls: type[E], id: str, **members: object) -> E:
        """An element built by hand (tests, tools, standard schemas): Property.of(id, name="temp", schema="double")."""
        element = cls(id)
        for attribute, value in members.items():
            setattr(element, attribute, value)
        return element

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id} at {self.source}#{self.pointer})"


class Named(Element):
    """An element with a name (DTDL's NamedEntity)."""

    name: str | None = None


def label(element: Element) -> str:
    """How a message names an element: its class and name, or its class and @id."""
    name = getattr(element, "name", None)
    return f"{element.cls} '{clip(name)}'" if isinstance(name, str) else f"{element.cls} {clip(element.id)}"


class Interface(Element):
    """An Interface: its own contents, the Interfaces it extends, the schemas it defines (ModelSet.contents gives its
    contents with the inherited ones)."""

    cls = "Interface"
    contents: Sequence[Content | str] = ()
    extends: Sequence[Interface | str] = ()
    schemas: Sequence[ComplexSchema | str] = ()


class Telemetry(Named):
    cls = "Telemetry"
    schema: Schema | None = None
    unit: str | None = None


class Property(Named):
    """A Property of an Interface or of a Relationship."""

    cls = "Property"
    schema: Schema | None = None
    unit: str | None = None
    writable: bool | None = None


class Command(Named):
    cls = "Command"
    command_type: str | None = None
    request: CommandPayload | str | None = None  # (in DTDL v3 a CommandRequest)
    response: CommandPayload | str | None = None  # (in DTDL v3 a CommandResponse)


class CommandPayload(Named):
    """The request or response of a Command."""

    cls = "CommandPayload"
    schema: Schema | None = None


class CommandRequest(CommandPayload):
    """The request of a Command in DTDL v3."""

    cls = "CommandRequest"


class CommandResponse(CommandPayload):
    """The response of a Command in DTDL v3."""

    cls = "CommandResponse"


class Relationship(Named):
    cls = "Relationship"
    max_multiplicity: int | None = None
    min_multiplicity: int | None = None
    properties: Sequence[Property | str] = ()
    target: str | None = None  # the DTMI of the Interface it targets; None: any
    writable: bool | None = None


class Component(Named):
    """A Component of an Interface: the Interface it holds (inline, or its DTMI)."""

    cls = "Component"
    schema: Interface | str | None = None


class ArraySchema(Element):
    cls = "Array"
    element_schema: Schema | None = None


class EnumSchema(Element):
    cls = "Enum"
    enum_values: Sequence[EnumValue | str] = ()
    value_schema: str | None = None  # "integer", "string", or a reference (an invalid model)


class EnumValue(Named):
    cls = "EnumValue"
    enum_value: int | str | None = None


class MapSchema(Element):
    cls = "Map"
    map_key: MapKey | str | None = None
    map_value: MapValue | str | None = None


class MapKey(Named):
    cls = "MapKey"
    schema: str | None = None


class MapValue(Named):
    cls = "MapValue"
    schema: Schema | None = None


class ObjectSchema(Element):
    cls = "Object"
    fields: Sequence[Field | str] = ()


class Field(Named):
    """A field of an Object schema."""

    cls = "Field"
    schema: Schema | None = None


class Unchecked(Element):
    """A top-level element that is not checked: of a DTDL version dtdl-lint does not check (`version`), or with an
    unusable @context (version 0). Known by its id, so that references to it say so rather than 'undefined'."""

    cls = "Interface"
    version = 0


ComplexSchema = ArraySchema | EnumSchema | MapSchema | ObjectSchema
Schema = str | ComplexSchema  # a term, an element, or the DTMI of a complex schema element
Content = Telemetry | Property | Command | Relationship | Component

# DTDL class -> its class here (the parser makes the element of each class it reads)
CLASSES: dict[str, type[Element]] = {
    cls.cls: cls
    for cls in (
        Interface,
        Telemetry,
        Property,
        Command,
        CommandPayload,
        CommandRequest,
        CommandResponse,
        Relationship,
        Component,
        ArraySchema,
        EnumSchema,
        EnumValue,
        MapSchema,
        MapKey,
        MapValue,
        ObjectSchema,
        Field,
    )
}
COMPLEX_SCHEMAS = (ArraySchema, EnumSchema, MapSchema, ObjectSchema)


def inline(values: Sequence[object], cls: type[E]) -> list[E]:
    """The elements of class `cls` given inline among the values of a plural member (not those it refers to)."""
    return [value for value in values if isinstance(value, cls)]


def map_values(schema: MapSchema) -> Schema | None:
    """The schema of the values of a Map (None when its mapValue is not given inline)."""
    return schema.map_value.schema if isinstance(schema.map_value, MapValue) else None


def ref(value: object) -> str:
    """The DTMI (or term) a member value names: an element's id, or the string itself ("" for anything else)."""
    if isinstance(value, Element):
        return value.id
    return value if isinstance(value, str) else ""
