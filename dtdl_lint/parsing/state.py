"""What every reader of the parser shares: the parse of one source (where its findings go, the readers of member
kinds), the parsed element (`Node`), the active context of an element (`Ctx`), and how messages name values,
elements and classes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..diagnostics import Code, clip, json_kind, quote
from ..language import LANGUAGES, Extension, Language, MemberSpec
from ..modelset import ModelSet


class Node:
    """One DTDL element as parsed: its class, id, place, and its member values.

    `members` maps a canonical member name to a list of (value, pointer) where value is a Node (inline
    element), a DTMI string (reference) or a term (primitive schema, unit, choice), or a literal. (A plain
    class: about 2,000 are made for a model set like the building ontology, and a dataclass's keyword
    matching was a tenth of the parse.)
    """

    __slots__ = (
        "adjuncts",
        "cls",
        "cotypes",
        "depth",
        "explicit_id",
        "id",
        "informal",
        "language",
        "members",
        "parent",
        "partition",
        "pointer",
        "semantic",
        "source",
    )

    def __init__(
        self,
        id: str,
        cls: str,
        source: str,
        pointer: str,
        parent: Node | None,
        partition: str,
        explicit_id: bool,
        depth: int,
        language: Language,
    ) -> None:
        self.id = id
        self.cls = cls
        self.source = source
        self.pointer = pointer
        self.parent = parent
        self.partition = partition  # @id of the Interface or top-level element whose partition holds it
        self.explicit_id = explicit_id
        self.depth = depth  # element nesting depth in its document
        self.language = language  # the DTDL version it is checked as
        self.members: dict[str, list] = {}
        self.semantic = ""  # semantic type term
        self.adjuncts: tuple[str, ...] = ()  # extension (IoT Central) types
        self.cotypes: tuple[str, ...] = ()  # every co-type as written, beyond the class
        self.informal = False  # has an undefined co-type: open to extra members

    def __repr__(self) -> str:
        return f"Node({self.cls} {self.id} at {self.source}#{self.pointer})"

    def first(self, member: str) -> Any:
        values = self.members.get(member)
        return values[0][0] if values else None


class Ctx:
    """The active context of an element: its language (DTDL version) and which extensions are in scope."""

    __slots__ = ("extensions", "language", "layering", "undefined", "v3ext")

    def __init__(
        self,
        language: Language,
        extensions: frozenset[Extension] = frozenset(),
        undefined: bool = False,
        v3ext: bool = False,
        layering: bool = False,
    ) -> None:
        self.language = language
        self.extensions = extensions
        self.undefined = undefined  # an undefined extension context is active
        self.v3ext = v3ext  # a later version's feature extension context is active (its types never fit)
        self.layering = layering  # the layering extension: partial definitions under fragment ids (invalid in v2)

    def extension_type(self, spelling: str) -> str | None:
        """The extension co-type `spelling` names here: an extension's DTMIs are understood anywhere, its terms only
        where its context is active."""
        for extension in self.language.extensions:
            term = extension.types.get(spelling)
            if term is not None and (extension in self.extensions or spelling.startswith("dtmi:")):
                return term
        return None

    def extension_schema(self, spelling: str) -> str | None:
        """The extension schema `spelling` names here (as extension_type)."""
        for extension in self.language.extensions:
            term = extension.schemas.get(spelling)
            if term is not None and (extension in self.extensions or spelling.startswith("dtmi:")):
                return term
        return None


PLAIN = {version: Ctx(language) for version, language in LANGUAGES.items()}  # each version, no extension in scope

# A reader of one member kind: (parse, element, spec, value as written, its pointer, context)
Reader = Callable[["Parse", Node, MemberSpec, object, str, Ctx], object]
DECLINE = object()  # what a plain case gives when it does not apply (see Parse.plain)
PlainCase = Callable[[MemberSpec, object, Language], object]


class Parse:
    """The parse of one source: its name, where its findings go, whether undefined extensions are errors, and the
    member readers: `readers` maps a member kind to its reader, `plain` to its plain case (a function that gives
    the value the reader would keep for a value that needs no finding, or DECLINE)."""

    __slots__ = ("file", "models", "plain", "readers", "strict")

    def __init__(
        self,
        file: str,
        models: ModelSet,
        strict: bool,
        readers: dict[str, Reader],
        plain: dict[str, PlainCase],
    ) -> None:
        self.file = file
        self.models = models
        self.strict = strict
        self.readers = readers
        self.plain = plain

    def report(
        self, code: Code, message: str, pointer: str, node: Node | str | None = None, parser_id: str | None = None
    ) -> None:
        where = node.id if isinstance(node, Node) else (node or "")
        self.models.diagnostics.append(code(message, file=self.file, pointer=pointer, dtmi=where, parser_id=parser_id))


def items(value: object, pointer: str) -> list[tuple[object, str]]:
    """The values of a member with their pointers. Member values are read as JSON-LD: nested arrays are
    flattened (`[["x"]]` is `["x"]`, `[[]]` is `[]`)."""
    if not isinstance(value, list):
        return [(value, pointer)]
    found: list[tuple[object, str]] = []
    for index, item in enumerate(value):
        if isinstance(item, list):
            found.extend(items(item, f"{pointer}/{index}"))
        else:
            found.append((item, f"{pointer}/{index}"))
    return found


def empty_value(obj: dict) -> bool:
    """An object with an empty array (nested or not) as @value: JSON-LD reads it as a value, not an element."""
    return isinstance(obj.get("@value"), list) and not items(obj["@value"], "")


def explicit_id(obj: dict) -> str:
    value = obj.get("@id")
    return value if isinstance(value, str) else ""


def label(node: Node) -> str:
    """How a message names an element: its class and name, or its class and @id."""
    name = node.first("name")
    return f"{node.cls} '{clip(name)}'" if isinstance(name, str) else f"{node.cls} {clip(node.id)}"


def show(value: object) -> str:
    """How a message shows a value as written."""
    if isinstance(value, (dict, list)):
        return json_kind(value)
    return "null" if value is None else quote(value)


def either(classes: frozenset[str]) -> str:
    """Classes or terms for a message: "Property or Telemetry"."""
    return " or ".join(sorted(classes))


def choice(classes: frozenset[str], schema: bool = False) -> str:
    """The classes a position takes, for a message: "Array, Enum, Map or Object"."""
    names = sorted(classes)
    text = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return f"a primitive schema term or {text}" if schema else text
