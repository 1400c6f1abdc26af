"""A string where an element is expected: a standard schema term, or a DTMI that refers to an element (resolved
later, in modelcheck), or neither."""

from __future__ import annotations

from .. import codes
from ..diagnostics import clip
from ..language import MemberSpec
from ..language.dtmi import is_dtmi
from ..model import Element
from .state import Ctx, Parse, choice


def plain_reference(spec: MemberSpec, value: object, element: Element, here: str) -> bool:
    """The plain case of an element-valued member (see elements.read_elements) as `reference` reads it: a DTMI
    outside the language's reserved prefixes, which refers to an element of the models (or to none: modelcheck says
    so)."""
    if type(value) is not str or not value.startswith("dtmi:") or value.startswith(element.language.value_prefixes):
        return False
    if not is_dtmi(value):
        return False
    setattr(element, spec.attribute, [value] if spec.plural else value)
    element.where[spec.name] = here
    element.references += ((spec.name, value, here),)
    return True


def plain_schema(spec: MemberSpec, value: object, element: Element, here: str) -> bool:
    """The plain case of a schema member: a standard schema written as its term, or a plain reference."""
    if type(value) is str and element.language.schema_by_spelling.get(value) == value:
        setattr(element, spec.attribute, value)
        element.where[spec.name] = here
        return True
    return plain_reference(spec, value, element, here)


def reference(p: Parse, node: Element, spec: MemberSpec, item: str, pointer: str, ctx: Ctx) -> str | None:
    """A schema term or a DTMI reference as written in an element-valued member; None (and a finding) if it is
    neither."""
    if spec.kind == "schema":
        term = ctx.language.schema_by_spelling.get(item) or ctx.extension_schema(item)
        if term is not None:
            if item != term:
                p.report(codes.PREFER_TERM, f"write the schema as \"{term}\" rather than '{clip(item)}'", pointer, node)
            return term
    if value_problem(p, node, spec, item, pointer, ctx):
        return None
    return item


def value_problem(p: Parse, node: Element, spec: MemberSpec, item: str, pointer: str, ctx: Ctx) -> bool:
    """Report a string that does not name an element of the expected classes: a term or standard element of
    another class (badType), a reserved-prefix DTMI that names nothing (undefinedReservedId), or neither a
    term nor a DTMI (badDtmiOrTerm). False for a user DTMI: a reference, resolved later."""
    language = ctx.language
    name = spec.name
    if not item.startswith("dtmi:"):
        if not (
            item in language.reserved
            or any(item in extension.types or item in extension.schemas for extension in ctx.extensions)
        ):
            message = f"'{name}' value '{clip(item)}' is neither a DTMI nor a DTDL term"
            p.report(codes.INVALID_REFERENCE, message, pointer, node, parser_id="badDtmiOrTerm")
            return True
    elif not is_dtmi(item):
        message = f"'{name}' value '{clip(item)}' is not a valid DTMI"
        p.report(codes.INVALID_REFERENCE, message, pointer, node, parser_id="badDtmiOrTerm")
        return True
    elif item not in language.standard_elements and item not in language.foreign_elements:
        if not item.startswith(language.value_prefixes):
            return False
        message = f"'{clip(item)}' uses a reserved prefix but names no DTDL element"
        p.report(codes.INVALID_REFERENCE, message, pointer, node, parser_id="undefinedReservedId")
        return True
    expected = choice(spec.classes, schema=spec.kind == "schema")
    message = f"'{clip(item)}' cannot be used as '{name}' of a {node.cls}; expected {expected}"
    p.report(codes.WRONG_TYPE, message, pointer, node, parser_id="badType")  # a term or standard element, elsewhere
    return True
