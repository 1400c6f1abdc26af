"""The readers of members whose values are literals or terms: name, string, boolean, integer, literal (an
enumValue), identifier (a target DTMI), choice (one of a few terms), unit, langstring (displayName,
description). Each reader keeps the value it reads in its element (`state.keep`) and reports what is wrong;
beside the readers, their plain cases (see Parse.plain), each held to its reader by tests/test_fast_paths.py."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import codes
from ..diagnostics import clip, join_pointer, show, show_scalar
from ..language import INT32, MemberSpec
from ..model import Element
from ..source import utf16_length
from .ids import XSD
from .references import value_problem
from .state import Ctx, Parse, items, keep
from .types import unit_type

LANGUAGE_TAG = re.compile(r"[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?")  # BCP 47, as DTDL takes it
# The parser ids of a literal member with no value, and with several, by kind
# the literal datatype of the kinds that are strings (the parser's ids name it: stringNotString, durationNotString)
LITERAL_OF_KIND = {"name": "string", "string": "string", "pattern": "string", "term": "string"}
JSON_TYPE = {"duration": "string"}  # the JSON type of a literal datatype, where it is not the datatype itself
_BELOW_MIN = {"choice": "objectCountBelowMin", "unit": "objectCountBelowMin", "literal": "literalCountBelowMin"}
_MULTIPLE = {
    "name": "string",
    "string": "string",
    "boolean": "boolean",
    "integer": "integer",
    "literal": "literal",
    "identifier": "identifier",
}


@lru_cache(maxsize=256)
def is_language_tag(tag: str) -> bool:
    """A BCP 47 tag of the shape DTDL accepts (en, de-DE, zh-Hans-CN); a model uses a few, again and again."""
    return LANGUAGE_TAG.fullmatch(tag) is not None


# --- the plain cases: each keeps the value the reader would keep, for a value that needs no finding (True), or
# declines (False) --------------------------------------------------------------------------------------------


def plain_name(spec: MemberSpec, value: object, element: Element, here: str) -> bool:
    if type(value) is str and len(value) <= spec.max_length and element.language.name_pattern.fullmatch(value):
        setattr(element, spec.attribute, value)
        element.where[spec.name] = here
        return True
    return False


def plain_string(spec: MemberSpec, value: object, element: Element, here: str) -> bool:
    if type(value) is str and len(value) <= spec.max_length and value.isascii():
        setattr(element, spec.attribute, value)
        element.where[spec.name] = here
        return True
    return False


def plain_langstring(spec: MemberSpec, value: object, element: Element, here: str) -> bool:
    """A short ASCII string, or a language map of one such text."""
    if type(value) is dict and len(value) == 1:
        ((tag, value),) = value.items()
        if not is_language_tag(tag):
            return False
    return plain_string(spec, value, element, here)


def plain_boolean(spec: MemberSpec, value: object, element: Element, here: str) -> bool:
    if type(value) is bool:
        setattr(element, spec.attribute, value)
        element.where[spec.name] = here
        return True
    return False


def plain_integer(spec: MemberSpec, value: object, element: Element, here: str) -> bool:
    if type(value) is not int or not INT32[0] <= value <= INT32[1]:
        return False
    if spec.exactly is not None and value != spec.exactly:
        return False
    if (spec.minimum is not None and value < spec.minimum) or (spec.maximum is not None and value > spec.maximum):
        return False
    setattr(element, spec.attribute, value)
    element.where[spec.name] = here
    return True


def plain_literal(spec: MemberSpec, value: object, element: Element, here: str) -> bool:
    if type(value) is str or type(value) is int:
        setattr(element, spec.attribute, value)
        element.where[spec.name] = here
        return True
    return False


# --- the readers ------------------------------------------------------------------------------------------------


def single(p: Parse, node: Element, spec: MemberSpec, value: object, pointer: str) -> tuple[object, str] | None:
    """The one value of a member that takes one, with its pointer; None (and a finding) if it has none or several."""
    found = items(value, pointer) if isinstance(value, list) else [(value, pointer)]
    if len(found) == 1:
        return found[0]
    if not found:
        if spec.required:
            p.report(
                codes.MISSING_MEMBER,
                f"{node.cls} has an empty '{spec.name}'",
                pointer,
                node,
                parser_id=_BELOW_MIN.get(spec.kind, "stringCountBelowMin"),
            )
        return None
    p.report(
        codes.TOO_MANY_VALUES,
        f"'{spec.name}' takes one value, found {len(found)}",
        pointer,
        node,
        parser_id=f"{_MULTIPLE.get(spec.kind, 'object')}MultipleValues",
    )
    return None


def read_literal(p: Parse, node: Element, spec: MemberSpec, value: object, pointer: str, ctx: Ctx) -> object:
    """A boolean, or an enumValue (a string or an integer, of the datatype of its Enum: see members.enum_values);
    the value kept, or None (and a finding)."""
    found = single(p, node, spec, value, pointer)
    if found is None:
        return None
    item, here = found
    literal = _literal(p, node, spec, item, here)
    if literal is not None:
        keep(node, spec, literal, here)
    return literal


def read_name(p: Parse, node: Element, spec: MemberSpec, value: object, pointer: str, ctx: Ctx) -> None:
    name = read_literal(p, node, spec, value, pointer, ctx)
    if not isinstance(name, str):
        return
    here = node.where[spec.name]
    length = utf16_length(name)
    if length > spec.max_length:
        p.report(
            codes.INVALID_ELEMENT_NAME,
            f"name '{clip(name, 43)}' is {length} characters long; at most {spec.max_length} are allowed",
            here,
            node,
            parser_id="stringTooLong",
        )
    elif not node.language.name_pattern.fullmatch(name):
        p.report(
            codes.INVALID_ELEMENT_NAME,
            f"name '{clip(name)}' must start with a letter and hold only letters, digits and '_' (not at the end)",
            here,
            node,
            parser_id="stringInvalid",
        )


def read_string(p: Parse, node: Element, spec: MemberSpec, value: object, pointer: str, ctx: Ctx) -> None:
    text = read_literal(p, node, spec, value, pointer, ctx)
    if isinstance(text, str) and utf16_length(text) > spec.max_length:
        p.report(
            codes.STRING_TOO_LONG,
            f"'{spec.name}' is {utf16_length(text)} characters long; at most {spec.max_length} are allowed",
            node.where[spec.name],
            node,
            parser_id="stringTooLong",
        )


def read_pattern(p: Parse, node: Element, spec: MemberSpec, value: object, pointer: str, ctx: Ctx) -> None:
    """A string of the form its member's pattern gives (an MQTT topic; a duration, of kind "duration"):
    `refused_id` is the parser's id for another."""
    text = read_literal(p, node, spec, value, pointer, ctx)
    if isinstance(text, str) and spec.pattern is not None and not spec.pattern.fullmatch(text):
        p.report(
            codes.INVALID_EXTENSION_VALUE,
            f"'{spec.name}' {show_scalar(text)} is not of the form {spec.name} takes",
            node.where[spec.name],
            node,
            parser_id=spec.refused_id,
        )


def read_integer(p: Parse, node: Element, spec: MemberSpec, value: object, pointer: str, ctx: Ctx) -> None:
    """An integer, in the member's range (maxMultiplicity) or its one allowed value (minMultiplicity)."""
    number = read_literal(p, node, spec, value, pointer, ctx)
    if not isinstance(number, int):
        return
    here = node.where[spec.name]
    if spec.exactly is not None and number != spec.exactly:
        p.report(
            codes.MULTIPLICITY_OUT_OF_RANGE,
            f"{spec.name} is {number}; {node.language.label} requires {spec.exactly}",
            here,
            node,
            parser_id="valueNotExact",
        )
    elif (spec.minimum is not None and number < spec.minimum) or (spec.maximum is not None and number > spec.maximum):
        p.report(
            codes.MULTIPLICITY_OUT_OF_RANGE,
            f"{spec.name} is {number}; it must be "
            + (f"at least {spec.minimum}" if spec.maximum is None else f"{spec.minimum} to {spec.maximum}"),
            here,
            node,
            parser_id=(
                ("valueBelowMin" if spec.maximum is None else "valueBelowRange")
                if spec.minimum is not None and number < spec.minimum
                else "valueAboveRange"
            ),
        )


def _literal(p: Parse, node: Element, spec: MemberSpec, item: object, pointer: str) -> object:
    """The value of a representational string, integer, boolean or (enumValue) literal; None if bad."""
    kind = spec.kind
    prefix = LITERAL_OF_KIND.get(kind, kind)
    if isinstance(item, dict):
        return _value_object(p, node, spec, prefix, item, pointer)
    value = _integral(item)
    if not is_kind(value, prefix):
        p.report(
            codes.INVALID_LITERAL,
            f"'{spec.name}' must be {_article(prefix)}, found {show_scalar(value)}",
            pointer,
            node,
            parser_id="literalNotValid"
            if kind == "literal"
            else f"{prefix}Not{JSON_TYPE.get(prefix, prefix).capitalize()}",
        )
        return None
    return value


def _value_object(p: Parse, node: Element, spec: MemberSpec, prefix: str, item: dict, pointer: str) -> object:
    """The value of a literal given as a JSON-LD value object ({"@value": ..., "@type": "xsd:..."}); None if bad."""
    name, kind = spec.name, spec.kind
    problem = _value_object_problem(item, node.language.restricted_keywords)
    if problem:
        p.report(codes.INVALID_LITERAL, f"value object of '{name}' {problem[1]}", pointer, node, parser_id=problem[0])
        return None
    if "@value" not in item:
        p.report(
            codes.INVALID_LITERAL,
            f"value object of '{name}' has no @value",
            pointer,
            node,
            parser_id=f"{prefix}ObjectNoValue",
        )
        return None
    value = _integral(item["@value"])
    declared = item.get("@type")
    if isinstance(declared, list):
        if len(declared) != 1:
            p.report(
                codes.INVALID_LITERAL,
                f"@type of the value object of '{name}' must be one string",
                pointer,
                node,
                parser_id="literalTypeNotSingular",
            )
            return None
        declared = declared[0]
    if "@type" not in item:
        p.report(codes.VALUE_OBJECT_HYGIENE, f"value object of '{name}' has no @type", pointer, node)
    elif kind == "literal":
        expected = (
            "integer"
            if declared in ("xsd:integer", XSD + "integer")
            else ("string" if declared in ("xsd:string", XSD + "string") else "")
        )
        if not expected or not is_kind(value, expected):
            p.report(
                codes.INVALID_LITERAL,
                f"value object of '{name}' has @type {show(declared)} and @value {show_scalar(value)}",
                pointer,
                node,
                parser_id="literalNotValid",
            )
            return None
    elif declared not in (f"xsd:{prefix}", XSD + prefix):
        p.report(
            codes.INVALID_LITERAL,
            f"@type of the value object of '{name}' must be xsd:{prefix}, found {show(declared)}",
            pointer,
            node,
            parser_id=f"{prefix}TypeNotString" if prefix == "string" else f"{prefix}TypeNot{prefix.capitalize()}",
        )
        return None
    if set(item) - {"@value", "@type"}:
        p.report(
            codes.VALUE_OBJECT_HYGIENE, f"value object of '{name}' should hold only @value and @type", pointer, node
        )
    if not is_kind(value, prefix):
        p.report(
            codes.INVALID_LITERAL,
            f"@value of '{name}' must be a {prefix}, found {show_scalar(value)}",
            join_pointer(pointer, "@value"),
            node,
            parser_id="literalNotValid" if kind == "literal" else f"{prefix}ValueNot{prefix.capitalize()}",
        )
        return None
    return value


def read_identifier(p: Parse, node: Element, spec: MemberSpec, value: object, pointer: str, ctx: Ctx) -> None:
    """A DTMI (a Relationship's target); a DTDL term stands for its DTMI."""
    found = single(p, node, spec, value, pointer)
    if found is None:
        return
    item, here = found
    name, language = spec.name, node.language
    if not isinstance(item, str):
        p.report(
            codes.INVALID_TARGET,
            f"'{name}' must be a DTMI string, found {show_scalar(item)}",
            here,
            node,
            parser_id="identifierNotString",
        )
    elif item in language.dtmi_of_term:
        keep(node, spec, language.dtmi_of_term[item], here)
    elif not item.startswith("dtmi:"):
        p.report(
            codes.INVALID_TARGET,
            f"'{name}' must be a DTMI, found '{clip(item)}'",
            here,
            node,
            parser_id="identifierNotDtmi",
        )
    elif len(item) > language.dtmi.max_length:
        p.report(
            codes.INVALID_TARGET,
            f"'{name}' is longer than {language.dtmi.max_length} characters",
            here,
            node,
            parser_id="identifierTooLong",
        )
    elif not language.dtmi.is_valid(item):
        p.report(
            codes.INVALID_TARGET,
            f"'{name}' value '{clip(item)}' is not a valid DTMI",
            here,
            node,
            parser_id="identifierNotDtmi",
        )
    else:
        keep(node, spec, item, here)


def read_choice(p: Parse, node: Element, spec: MemberSpec, value: object, pointer: str, ctx: Ctx) -> None:
    """One of the terms `spec.classes` (commandType, valueSchema, a MapKey's schema), or a reference."""
    found = single(p, node, spec, value, pointer)
    if found is None:
        return
    item, here = found
    name = spec.name
    allowed = " or ".join(sorted(spec.classes))
    if isinstance(item, dict) and (not item or set(item) == {"@id"} or "@id" not in item):
        problem = (
            ("idReference", '{"@id": ...} is not a reference; write the term')
            if "@id" in item
            else ("missingRequiredId", "an element here cannot be inline, it needs an @id")
        )
        p.report(
            codes.INVALID_REFERENCE if "@id" in item else codes.MISSING_ELEMENT_ID,
            f"'{name}' must be {allowed}: {problem[1]}",
            here,
            node,
            parser_id=problem[0],
        )
        return
    if not isinstance(item, str):
        p.report(
            codes.VALUE_NOT_ALLOWED if isinstance(item, dict) else codes.INVALID_REFERENCE,
            f"'{name}' must be {allowed}, found {show_scalar(item)}",
            here,
            node,
            parser_id="badType" if isinstance(item, dict) else "refNotStringOrObject",
        )
        return
    term = spec.spellings.get(item) if spec.spellings is not None else None
    if term in spec.classes:
        keep(node, spec, term, here)
        if item != term:
            p.report(codes.PREFER_TERM, f"write \"{term}\" rather than '{clip(item)}'", here, node)
        if spec.deprecated:
            p.report(codes.DEPRECATED_COMMAND_TYPE, f"{name} is deprecated; remove it", here, node)
    elif term in spec.refused:  # a term of the kind, but not one allowed here
        p.report(
            codes.VALUE_NOT_ALLOWED,
            f"'{name}' must be {allowed}, found '{clip(item)}'",
            here,
            node,
            parser_id=spec.refused_id,
        )
    elif not value_problem(p, node, spec, item, here, ctx):
        keep(node, spec, item, here)  # a reference: resolved (and found of the wrong class) later
        node.references += ((name, item, here),)


def read_unit(p: Parse, node: Element, spec: MemberSpec, value: object, pointer: str, ctx: Ctx) -> None:
    """A unit (of the unit type its element's semantic type requires: see types.cotype_constraints)."""
    found = single(p, node, spec, value, pointer)
    if found is None:
        return
    item, here = found
    language = node.language
    unit = language.spelled("unit", item) or ctx.extension_unit(item)
    if unit is None:
        parser_id = (
            "badType"
            if isinstance(item, dict)
            else "refNotStringOrObject"
            if not isinstance(item, str)
            else language.wrong_unit_id
            if item in language.reserved or item.startswith("dtmi:")
            else "badDtmiOrTerm"
        )
        p.report(
            codes.INVALID_UNIT,
            f'unit must be a unit term such as "{min(language.units_of[unit_type(node)])}", found {show_scalar(item)}',
            here,
            node,
            parser_id=parser_id,
        )
        return
    keep(node, spec, unit, here)
    if item != unit:
        p.report(codes.PREFER_TERM, f"write the unit as \"{unit}\" rather than '{clip(str(item))}'", here, node)


def read_langstring(p: Parse, node: Element, spec: MemberSpec, value: object, pointer: str, ctx: Ctx) -> None:
    """displayName and description: a string, a language map, or an array of strings and tagged objects."""
    name = spec.name
    if isinstance(value, str):
        texts = [(value, pointer)]
    elif isinstance(value, dict) and "@value" in value and "@language" in value:
        p.report(
            codes.INVALID_LOCALIZED_STRING,
            f"'{name}' is a language-tagged value object; give a language "
            'map ({"en": "..."}) or put the object in an array',
            pointer,
            node,
            parser_id="langTagValueInLangMap",
        )
        return
    elif isinstance(value, dict):
        texts = _language_map(p, node, name, value, pointer)
    elif isinstance(value, list):
        texts = _language_array(p, node, name, value, pointer)
    else:
        p.report(
            codes.INVALID_LOCALIZED_STRING,
            f"'{name}' must be a string, a language map or an array, found {show_scalar(value)}",
            pointer,
            node,
            parser_id="langStringElementNotStringOrObject",
        )
        return
    for text, here in texts:
        if utf16_length(text) > spec.max_length:
            p.report(
                codes.STRING_TOO_LONG,
                f"'{name}' is {utf16_length(text)} characters long; at most {spec.max_length} are allowed",
                here,
                node,
                parser_id="langStringValueTooLong",
            )
    if texts:
        keep(node, spec, texts[0][0], pointer)


def _language_map(p: Parse, node: Element, name: str, value: dict, pointer: str) -> list[tuple[str, str]]:
    """The texts of a language map ({"en": "...", "de": "..."}) with their pointers."""
    texts = []
    for tag, text in value.items():
        here = f"{pointer}/{tag}" if "~" not in tag and "/" not in tag else join_pointer(pointer, tag)
        if tag.startswith("@"):
            p.report(
                codes.INVALID_LOCALIZED_STRING,
                f"'{name}' language map may not hold {clip(tag)}; use language tags as keys",
                here,
                node,
                parser_id="langMapObjKeyword",
            )
        elif not is_language_tag(tag):
            p.report(
                codes.INVALID_LOCALIZED_STRING,
                f"'{clip(tag)}' in '{name}' is not a language tag (such as en or de-DE)",
                here,
                node,
                parser_id="langStringInvalidCode",
            )
        elif not isinstance(text, str):
            p.report(
                codes.INVALID_LOCALIZED_STRING,
                f"'{name}' text for {clip(tag)} must be a string, found {show_scalar(text)}",
                here,
                node,
                parser_id="langStringValueNotString",
            )
        else:
            texts.append((text, here))
    return texts


def _language_array(p: Parse, node: Element, name: str, value: list, pointer: str) -> list[tuple[str, str]]:
    """The texts of an array of strings (English) and {"@value", "@language"} objects, with their pointers."""
    texts = []
    languages: set[str] = set()
    for item, here in items(value, pointer):
        if isinstance(item, str):
            text, language = item, "en"
        elif isinstance(item, dict):
            found = _language_object(p, node, name, item, here)
            if found is None:
                continue
            text, language = found
            here = join_pointer(here, "@value")
        else:
            p.report(
                codes.INVALID_LOCALIZED_STRING,
                f'\'{name}\' items must be strings or {{"@value", "@language"}} objects, found {show_scalar(item)}',
                here,
                node,
                parser_id="langStringElementNotStringOrObject",
            )
            continue
        if language in languages:
            p.report(
                codes.INVALID_LOCALIZED_STRING,
                f"'{name}' gives language {clip(language)} twice (a string without language counts as en)",
                here,
                node,
                parser_id="langStringElementCodeNotUnique",
            )
        languages.add(language)
        texts.append((text, here))
    return texts


def _language_object(p: Parse, node: Element, name: str, item: dict, pointer: str) -> tuple[str, str] | None:
    """(text, language) of a {"@value", "@language"} object of a localized string; None (and a finding) if bad."""
    for key, parser_id in (
        ("@id", "langStringElementId"),
        ("@context", "langStringElementContext"),
        ("@graph", "langStringElementGraph"),
    ):
        if key in item:
            p.report(
                codes.INVALID_LOCALIZED_STRING,
                f"'{name}' item may not hold {key}",
                join_pointer(pointer, key),
                node,
                parser_id=parser_id,
            )
            return None
    keywords = [k for k in item if k not in ("@value", "@language")] if node.language.restricted_keywords else []
    if keywords and keywords[0].startswith("@"):
        p.report(
            codes.INVALID_LOCALIZED_STRING,
            f"'{name}' item may only hold @value and @language, found '{clip(keywords[0])}'",
            join_pointer(pointer, keywords[0]),
            node,
            parser_id="langStringElementType" if keywords[0] == "@type" else "langStringElementKeyword",
        )
        return None
    language = item.get("@language", "en")
    if not isinstance(language, str) or not language:
        p.report(
            codes.INVALID_LOCALIZED_STRING,
            f"@language of a '{name}' item must be a non-empty string",
            join_pointer(pointer, "@language"),
            node,
            parser_id="langStringElementCodeNotString",
        )
        return None
    if not isinstance(item.get("@value", ""), str):
        p.report(
            codes.INVALID_LOCALIZED_STRING,
            f"@value of a '{name}' item must be a string",
            join_pointer(pointer, "@value"),
            node,
            parser_id="langStringElementValueNotString",
        )
        return None
    extra = [k for k in item if not k.startswith("@")]
    if extra:
        p.report(
            codes.INVALID_LOCALIZED_STRING,
            f"'{name}' item may only hold @value and @language, found '{clip(extra[0])}'",
            join_pointer(pointer, extra[0]),
            node,
            parser_id="langStringElementInvalidProp",
        )
        return None
    if "@value" not in item:
        p.report(
            codes.INVALID_LOCALIZED_STRING,
            f"'{name}' item has no @value",
            pointer,
            node,
            parser_id="langStringElementNoValue",
        )
        return None
    if not is_language_tag(language):
        p.report(
            codes.INVALID_LOCALIZED_STRING,
            f"@language '{clip(language)}' is not a language tag (such as en or de-DE)",
            join_pointer(pointer, "@language"),
            node,
            parser_id="langStringElementInvalidCode",
        )
        return None
    if "@language" not in item or set(item) - {"@value", "@language"}:
        p.report(codes.VALUE_OBJECT_HYGIENE, f"'{name}' items should hold exactly @value and @language", pointer, node)
    return item["@value"], language


def _value_object_problem(item: dict, restricted: bool) -> tuple[str, str] | None:
    for key, parser_id in (
        ("@id", "valueObjectId"),
        ("@context", "valueObjectContext"),
        ("@graph", "valueObjectGraph"),
    ):
        if key in item:
            return parser_id, f"may not hold {key}"
    extra = [k for k in item if not k.startswith("@")]
    if extra:
        return "valueObjectInvalidProp", f"may only hold @value and @type, found '{clip(extra[0])}'"
    keywords = [k for k in item if k not in ("@value", "@type")] if restricted else []
    if keywords:
        parser_id = "valueObjectLanguage" if keywords[0] == "@language" else "valueObjectKeyword"
        return parser_id, f"may only hold @value and @type, found '{clip(keywords[0])}'"
    return None


def is_kind(value: object, kind: str) -> bool:
    """Is `value` a literal of this kind (string, boolean, integer; literal: any string or number)?"""
    if kind in ("string", "duration"):
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return type(value) is int and INT32[0] <= value <= INT32[1]
    return isinstance(value, (str, int, float))  # literal: its datatype is checked against the Enum's valueSchema


def _integral(value: object) -> object:
    """A JSON number is read as a number, not as a token: 5.0 and 5e0 are the integer 5."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _article(kind: str) -> str:
    return {"integer": "an integer", "literal": "an integer or a string"}.get(kind, f"a {kind}")
