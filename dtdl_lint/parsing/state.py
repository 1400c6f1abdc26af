"""What every reader of the parser shares: the parse of one source (where its findings go, the readers of member
kinds), the active context of an element (`Ctx`), keeping a member's value, and how messages name values and
classes."""

from __future__ import annotations

from collections.abc import Callable

from ..diagnostics import Code
from ..language import LANGUAGES, Extension, Language, MemberSpec
from ..model import Element
from ..modelset import ModelSet


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
        """The extension co-type `spelling` names here."""
        found = self.extension_cotype(spelling)
        return found[0] if found is not None else None

    def extension_cotype(self, spelling: str) -> tuple[str, Extension] | None:
        """(the extension co-type `spelling` names here, the extension of the version that defines it)."""
        for extension in self.language.extensions:
            term = extension.types.get(spelling)
            if term is not None and (extension in self.extensions or spelling.startswith("dtmi:")):
                return term, extension
        return None

    def extension_schema(self, spelling: str) -> str | None:
        """The extension schema `spelling` names here."""
        return self._through_extensions("schemas", spelling)

    def extension_unit(self, spelling: object) -> str | None:
        """The unit `spelling` names through an extension here (QuantitativeTypes)."""
        return self._through_extensions("units", spelling) if isinstance(spelling, str) else None

    def member_name(self, spelling: str) -> str | None:
        """The member `spelling` names: a member of the language, or the unit an extension adds."""
        return self.language.terms["member"].get(spelling) or self._through_extensions("unit_member", spelling)

    def _through_extensions(self, table: str, spelling: str) -> str | None:
        """What `spelling` names in the `table` of an extension (types, schemas...): an extension's DTMIs are
        understood anywhere, its terms only where its context is active."""
        for extension in self.language.extensions:
            term = getattr(extension, table).get(spelling)
            if term is not None and (extension in self.extensions or spelling.startswith("dtmi:")):
                return term
        return None

    def is_term(self, spelling: str) -> bool:
        """Is `spelling` a term of the language or of an extension active here?"""
        return spelling in self.language.reserved or any(spelling in extension.terms for extension in self.extensions)


PLAIN = {version: Ctx(language) for version, language in LANGUAGES.items()}  # each version, no extension in scope

# A reader of one member kind: (parse, element, spec, value as written, its pointer, context)
Reader = Callable[["Parse", Element, MemberSpec, object, str, Ctx], object]
# The plain case of a member kind: (spec, value as written, element, its pointer) -> whether it kept the value
PlainCase = Callable[[MemberSpec, object, Element, str], bool]


class Parse:
    """The parse of one source: its name, where its findings go, whether undefined extensions are errors, and the
    member readers: `readers` maps a member kind to its reader, `plain` to its plain case (a function that keeps the
    value as the reader would, for a value that needs no finding, else declines)."""

    __slots__ = ("extensions", "file", "models", "plain", "readers")

    def __init__(
        self,
        file: str,
        models: ModelSet,
        extensions: str,
        readers: dict[str, Reader],
        plain: dict[str, PlainCase],
    ) -> None:
        self.file = file
        self.models = models
        self.extensions = extensions  # allow, disallow, or version: what each DTDL version does by default
        self.readers = readers
        self.plain = plain

    def refuses_undefined(self, language: Language) -> bool:
        """Is an undefined extension context an error in an element of `language`?"""
        if self.extensions == "version":
            return not language.undefined_extensions
        return self.extensions == "disallow"

    def report(
        self, code: Code, message: str, pointer: str, node: Element | str | None = None, parser_id: str | None = None
    ) -> None:
        where = node.id if isinstance(node, Element) else (node or "")
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


def keep(element: Element, spec: MemberSpec, value: object, pointer: str) -> None:
    """Keep the value of a member in its element, with the pointer of the value as written."""
    setattr(element, spec.attribute, value)
    element.where[spec.name] = pointer


def either(classes: frozenset[str]) -> str:
    """Classes or terms for a message: "Property or Telemetry"."""
    return " or ".join(sorted(classes))


def choice(classes: frozenset[str], schema: bool = False) -> str:
    """The classes a position takes, for a message: "Array, Enum, Map or Object"."""
    names = sorted(classes)
    text = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return f"a primitive schema term or {text}" if schema else text
