"""@id: the identifier an element gives itself, and the one made for an inline element without one (from its
parent's id, the member holding it and its name: dtmi:com:ex:Room:_contents:__temp;1)."""

from __future__ import annotations

from .. import codes
from ..diagnostics import clip, show_scalar
from ..language import Language, MemberSpec
from ..model import Element, label
from .state import Ctx, Parse, items

XSD = "http://www.w3.org/2001/XMLSchema#"


def element_id(
    p: Parse, value: object, pointer: str, holder: str, cls: str, generated: str, ctx: Ctx
) -> tuple[str, bool]:
    """(id, explicit?) of an element from its @id `value`; the id it was given, or one made from its place,
    when the @id is unusable."""
    here = pointer + "/@id"
    if not isinstance(value, str) or not value:
        p.report(codes.ID_NOT_STRING, f"@id must be a non-empty string, found {show_scalar(value)}", here, holder)
        return generated or f"{holder}#{pointer}", False
    language = ctx.language
    syntax = language.dtmi
    problems = syntax.problems(value)
    for problem in problems:
        if problem.kind == "length":
            p.report(
                codes.ID_TOO_LONG, f"@id '{clip(value, 63)}' {problem.message}", here, value, parser_id="idTooLong"
            )
        else:
            p.report(
                codes.INVALID_ID,
                f"@id '{clip(value)}' {problem.message} (character {problem.offset + 1} of the @id)",
                here,
                value,
                parser_id="invalidId",
            )
            break
    if problems:
        return value, False
    if cls == "Interface" and len(value) > syntax.max_interface_length:
        p.report(
            codes.ID_TOO_LONG,
            f"Interface @id is {len(value)} characters long; at most {syntax.max_interface_length} are allowed",
            here,
            value,
            parser_id="idTooLongForType",
        )
    if value.startswith(language.reserved_prefixes) or (
        ctx.extensions and any(value.startswith(extension.prefix) for extension in ctx.extensions)
    ):
        p.report(codes.RESERVED_ID, f"@id '{clip(value)}' uses a prefix reserved for the DTDL language", here, value)
    return value, True


def plain_item_id(item: dict, spec: MemberSpec, base: str, version: str, language: Language) -> str:
    """The plain case of `item_id`: the id of an item of a plural member made from its name, a string; else ""."""
    if not spec.plural:
        return ""
    name = written_name(item, language)
    return f"{base}:_{spec.name}:__{name};{version}" if name.__class__ is str and name else ""


def item_id(
    p: Parse, node: Element, spec: MemberSpec, item: dict, pointer: str, base: str, version: str
) -> tuple[str, bool] | None:
    """(the id made for the inline element `item` of member `spec` of `node`, whether its missing name was reported
    already), or None (and a finding) when it cannot be read. The id is made from `base` and `version`, the
    parts of the parent's id, and used where the element has no usable @id of its own."""
    if "@id" not in item and spec.needs_id:
        what = "an Interface" if spec.classes == {"Interface"} else "an element"
        p.report(
            codes.MISSING_ELEMENT_ID,
            f"{what} given inline in '{spec.name}' of {label(node)} needs an @id",
            pointer,
            node,
            parser_id="missingRequiredId",
        )  # whatever the object holds
        return None
    language = node.language
    name = spec.name
    generated = f"{base}:_{name};{version}"
    if spec.plural:
        child_name = _segment(written_name(item, language))
        if _unusable_name(item, child_name, spec, language):
            p.report(
                codes.MISSING_ELEMENT_ID,
                f"item of '{name}' has no @id, and its name {show_scalar(child_name)} is not a string or number",
                pointer,
                node,
                parser_id="dtmiSegPropertyNotStringOrNumber",
            )
            return None
        if isinstance(child_name, str) and child_name:
            generated = f"{base}:_{name}:__{child_name};{version}"
        elif "@id" not in item and not spec.needs_id:
            if child_name is None:
                p.report(
                    codes.MISSING_ELEMENT_ID,
                    f"item of '{name}' has neither @id nor name",
                    pointer,
                    node,
                    parser_id="missingDtmiSegPropertyValue",
                )
            generated = f"{base}:_{name}:__{pointer};{version}"
    return generated, _missing_name(item, spec, language)


def _segment(name: object) -> object:
    """The value of a name as an id segment: the one value of an array of one, the @value of a value object."""
    if isinstance(name, list):
        found = items(name, "")
        name = found[0][0] if len(found) == 1 else name
    if isinstance(name, dict):
        name = _segment_value(name)
    return name


def _segment_value(item: dict) -> object:
    """The value of a name value object as an id segment: None (unusable) without @value, or when it types a
    string as anything but xsd:string."""
    declared = item.get("@type")
    declared = declared[0] if isinstance(declared, list) and len(declared) == 1 else declared
    value = item.get("@value")
    if "@value" not in item or (
        "@type" in item and declared not in ("xsd:string", XSD + "string") and isinstance(value, str)
    ):
        return None
    return value


def _unusable_name(item: dict, child_name: object, spec: MemberSpec, language: Language) -> bool:
    """An item of a plural member without @id whose name cannot make its generated id."""
    written = any(key in item for key in language.id_name_keys)
    return (
        "@id" not in item
        and not spec.needs_id
        and written
        and (isinstance(child_name, bool) or not isinstance(child_name, (str, int, float)))
    )


def _missing_name(item: dict, spec: MemberSpec, language: Language) -> bool:
    """An item of a plural member with neither @id nor name: its missing name was reported already."""
    return (
        spec.plural
        and not spec.needs_id
        and "@id" not in item
        and not any(key in item for key in language.id_name_keys)
    )


def written_name(item: dict, language: Language) -> object:
    """The name an element object gives for the id made for it (None if none): under any of the language's
    spellings for it (DTDL v3 takes a v2 spelling too)."""
    for key in language.id_name_keys:
        if key in item:
            return item[key]
    return None
