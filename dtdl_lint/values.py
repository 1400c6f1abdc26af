"""Does a JSON value conform to a DTDL schema? (dtdl-v2-rules.md section 2; DTDL v3 checks values alike,
dtdl-v3-rules.md section 2, and adds Arrays and geospatial schemas to Properties, Enums without values, Objects
without fields and the unit types of QuantitativeTypes as Enums)

`iter_errors(value, schema, models, pointer, profile)` yields a Diagnostic per problem, with a JSON Pointer
into the value; twin.py and patch.py build on it. `profile` adds the service rules on values: "adt" (Azure
Digital Twins: strings at most 4 KB) or "iothub" (IoT Plug and Play: also no arrays, at most 5 levels of
objects, Map keys must be DTDL names); None checks DTDL conformance only, like the official parser.
Values are what json.loads gives (int for integer literals, float otherwise); nothing is copied.
"""

from __future__ import annotations

import datetime
import math
import re
import struct
from collections.abc import Callable, Iterator
from typing import NamedTuple

from . import codes
from .diagnostics import QUOTED, Code, Diagnostic, clip, join_pointer, listing, show
from .grammar import parser
from .language import DURATION, GEOSPATIAL_NESTING, INTEGRAL_RANGES, LANGUAGES, PRIMITIVE_SCHEMAS, is_name, quantitative
from .language.extensions import QUANTITATIVE_TYPES
from .model import ArraySchema, EnumSchema, EnumValue, Field, MapSchema, ObjectSchema, Schema, inline, map_values
from .modelset import ModelSet
from .services import IOTHUB_ANSWER, MAX_IOTHUB_DEPTH, MAX_STRING_BYTES
from .source import MAX_DEPTH, load, too_deep

PRIMITIVE_PREFIX = "dtmi:dtdl:instance:Schema:"
REQUIRED = "Required"  # the co-type of the Requirement extension that makes a field of an Object required

# RFC 3339 shapes of the primitive temporal schemas (rules section 2); ranges are checked in code.
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:Z|[+-]([0-9]{2}):([0-9]{2}))")
_DATE_TIME = re.compile(rf"{_DATE.pattern}T{_TIME.pattern}")


def _standard_object(dtmi: str, fields: dict[str, Schema]) -> ObjectSchema:
    base, _, version = dtmi.partition(";")
    return ObjectSchema.of(
        dtmi,
        fields=[
            Field.of(f"{base}:_fields:__{name};{version}", name=name, schema=schema) for name, schema in fields.items()
        ],
    )


def _geometry(term: str, coordinates: Schema) -> ObjectSchema:
    dtmi = f"dtmi:standard:schema:geospatial:{term};2"
    kind = term[0].upper() + term[1:]
    return _standard_object(
        dtmi,
        {
            "type": EnumSchema.of(
                dtmi[:-2] + ":_fields:__type:_schema;2",
                value_schema="string",
                enum_values=[
                    EnumValue.of(
                        dtmi[:-2] + f":_fields:__type:_schema:_enumValues:__{kind};2", name=kind, enum_value=kind
                    )
                ],
            ),
            "coordinates": coordinates,
        },
    )


def _array(schema: Schema, levels: int) -> Schema:
    for _ in range(levels):
        schema = ArraySchema.of("", element_schema=schema)
    return schema


def _unit_type(unit_type: str, units: frozenset[str]) -> EnumSchema:
    """A unit type of QuantitativeTypes as the Enum schema it is in DTDL v3: its values are the unit terms."""
    return EnumSchema.of(
        f"{QUANTITATIVE_TYPES.prefix}enum:{unit_type}",
        value_schema="string",
        enum_values=[EnumValue.of(f"{QUANTITATIVE_TYPES.prefix}unit:{u}", name=u, enum_value=u) for u in sorted(units)],
    )


# The standard schemas: GeoJSON geometries, the IoT Central vector and geopoint, the unit types of QuantitativeTypes.
_POSITION = _array("double", 1)
STANDARD: dict[str, ObjectSchema | EnumSchema] = {
    **{term: _geometry(term, _array(_POSITION, levels)) for term, levels in GEOSPATIAL_NESTING.items()},
    "vector": _standard_object("dtmi:iotcentral:schema:vector;2", {"x": "double", "y": "double", "z": "double"}),
    "geopoint": _standard_object(
        "dtmi:iotcentral:schema:geopoint;2", {"lat": "double", "lon": "double", "alt": "double"}
    ),
}
STANDARD.update((unit_type, _unit_type(unit_type, units)) for unit_type, units in quantitative.UNITS_OF.items())
STANDARD.update({schema.id: schema for schema in list(STANDARD.values())})
STANDARD.update(  # the geospatial schemas' DTMIs in each DTDL version checked
    (f"dtmi:standard:schema:geospatial:{term};{version}", STANDARD[term])
    for term in GEOSPATIAL_NESTING
    for version in LANGUAGES
)


def resolve(schema: Schema | None, models: ModelSet | None) -> Schema | None:
    """A primitive term, or a complex schema element; None if `schema` names neither."""
    if not isinstance(schema, str):
        return schema
    if schema in PRIMITIVE_SCHEMAS:
        return schema
    standard = STANDARD.get(schema)
    if standard is not None:
        return standard
    if schema.startswith(PRIMITIVE_PREFIX):
        term, _, version = schema[len(PRIMITIVE_PREFIX) :].partition(";")
        return term if term in PRIMITIVE_SCHEMAS and version.isdigit() and int(version) in LANGUAGES else None
    return models.schema(schema) if models is not None and schema.startswith("dtmi:") else None


def iter_errors(
    value: object,
    schema: Schema | None,
    models: ModelSet | None,
    pointer: str = "",
    profile: str | None = None,
    dtmi: str = "",
    depth: int = 0,
) -> Iterator[Diagnostic]:
    """The ways `value` (at `pointer`) does not conform to `schema`. `dtmi` names the element the value
    belongs to (a Property, Field...); `depth` counts the objects around the value (IoT Hub's limit)."""
    service = IOTHUB_ANSWER if profile == "iothub" else ""

    def error(code: Code, message: str, at: str = pointer) -> Diagnostic:
        return code(message, pointer=at, dtmi=dtmi, service=service)

    if profile == "iothub":
        if isinstance(value, list):
            yield error(
                codes.ARRAY_NOT_ALLOWED, f"array value {show(value)}: IoT Plug and Play digital twins take no arrays"
            )
            return
        if isinstance(value, dict) and depth >= MAX_IOTHUB_DEPTH:
            yield error(
                codes.VALUE_TOO_DEEP,
                f"object nested {depth + 1} levels deep; IoT Plug and Play allows at most {MAX_IOTHUB_DEPTH}",
            )
            return
    if profile and isinstance(value, str) and len(value) > MAX_STRING_BYTES // 4:
        size = len(value.encode("utf-8", "surrogatepass"))
        if size > MAX_STRING_BYTES:
            yield error(codes.TOO_LARGE, f"string value of {size} bytes; at most {MAX_STRING_BYTES} are allowed")
    resolved = resolve(schema, models)
    if resolved is None:  # an unresolved reference: the model findings say so
        return
    if isinstance(resolved, str):
        problem = check_primitive(value, resolved)
        if problem is not None:
            yield error(*problem)
        return
    dtmi = resolved.id or dtmi
    if isinstance(resolved, EnumSchema):
        problem = check_primitive(value, resolved.value_schema or "")
        if problem is not None:
            yield error(*problem)
        elif not any(
            value == v.enum_value and type(value) is type(v.enum_value) for v in inline(resolved.enum_values, EnumValue)
        ):
            listed = listing(f"{show(v.enum_value)} ({v.name or ''})" for v in inline(resolved.enum_values, EnumValue))
            expected = f"expected one of {listed}" if listed else "it has no enumValues, so no value conforms to it"
            yield error(
                codes.ENUM_VALUE_NOT_LISTED, f"{show(value)} is not a value of Enum {clip(resolved.id)}: {expected}"
            )
    elif isinstance(resolved, ArraySchema):
        if not isinstance(value, list):
            yield error(codes.WRONG_VALUE_TYPE, f"{show(value)} is not an Array: expected a JSON array")
            return
        for index, item in enumerate(value):
            yield from iter_errors(
                item, resolved.element_schema, models, join_pointer(pointer, index), profile, dtmi, depth
            )
    elif not isinstance(value, dict):
        kind = "Map" if isinstance(resolved, MapSchema) else "Object"
        yield error(
            codes.WRONG_VALUE_TYPE, f"{show(value)} is not a{'n' * (kind == 'Object')} {kind}: expected a JSON object"
        )
    elif isinstance(resolved, MapSchema):
        yield from _map_errors(value, resolved, models, pointer, profile, dtmi, depth)
    else:
        yield from _object_errors(value, resolved, models, pointer, profile, dtmi, depth)


def required_fields(schema: ObjectSchema) -> list[str]:
    """The names of the fields of `schema` co-typed Required (the Requirement extension, DTDL v3)."""
    return [f.name or "" for f in inline(schema.fields, Field) if REQUIRED in f.adjuncts]


def _map_errors(
    value: dict, schema: MapSchema, models: ModelSet | None, pointer: str, profile: str | None, dtmi: str, depth: int
) -> Iterator[Diagnostic]:
    """iter_errors of the entries of a Map value."""
    value_schema = map_values(schema)
    for key, item in value.items():
        if profile == "iothub" and not is_name(key):
            yield codes.INVALID_NAME(
                f"Map key {show(key, QUOTED)} is not a DTDL name",
                pointer=join_pointer(pointer, key),
                dtmi=dtmi,
                service=IOTHUB_ANSWER,
            )
        if not plainly_conforms(item, value_schema, profile):
            yield from iter_errors(item, value_schema, models, join_pointer(pointer, key), profile, dtmi, depth + 1)


def _object_errors(
    value: dict, schema: ObjectSchema, models: ModelSet | None, pointer: str, profile: str | None, dtmi: str, depth: int
) -> Iterator[Diagnostic]:
    """iter_errors of the members of an Object value (and of those its Required fields lack)."""
    fields = {f.name or "": f for f in inline(schema.fields, Field)}
    for name in required_fields(schema):
        if name not in value:
            yield codes.MISSING_REQUIRED_FIELD(
                f"Object {clip(schema.id or dtmi)} marks field {show(name, QUOTED)} Required, and this value lacks it",
                pointer=pointer,
                dtmi=fields[name].id or dtmi,
            )
    for key, item in value.items():
        found = fields.get(key)
        if found is None:
            yield codes.UNKNOWN_OBJECT_FIELD(
                f"{show(key, QUOTED)} is not a field of Object {clip(schema.id or dtmi)} (fields: "
                f"{listing(fields) or 'none'})",
                pointer=join_pointer(pointer, key),
                dtmi=dtmi,
                service=IOTHUB_ANSWER if profile == "iothub" else "",
            )
        elif not plainly_conforms(item, found.schema, profile):
            yield from iter_errors(
                item, found.schema, models, join_pointer(pointer, key), profile, found.id or dtmi, depth + 1
            )


# --- the fast path of iter_errors: predicates true of a value only where iter_errors finds nothing ---------


def plainly_conforms(value: object, schema: Schema | None, profile: str | None) -> bool:
    """True when `schema` is a primitive term and `value` passes iter_errors' checks for it: the common case,
    decided without a pointer or a generator. False means only that iter_errors must decide (and explain)."""
    plain = _PLAIN.get(schema) if schema.__class__ is str else None
    return plain is not None and profile != "iothub" and plain(value)


def conformer(schema: Schema | None, models: ModelSet | None) -> Callable[[object], bool]:
    """A predicate that is true of a value only if iter_errors(value, schema, models, profile="adt") yields
    nothing; false means only that iter_errors must decide (always, for `undecided`: an unresolved or recursive
    reference). Compiled once per schema: twin.py keeps them per Interface."""
    return _conformer(schema, models, set())


def undecided(value: object) -> bool:
    """The predicate of what iter_errors must decide."""
    return False


def _conformer(schema: Schema | None, models: ModelSet | None, open_ids: set[str]) -> Callable[[object], bool]:
    resolved = resolve(schema, models)
    if resolved is None or resolved.__class__ is str:
        return _PLAIN.get(resolved, undecided)  # type: ignore[arg-type]
    reference = schema if schema.__class__ is str else ""  # only references can make a cycle, or a long chain
    if reference in open_ids or len(open_ids) >= MAX_DEPTH:  # (an invalid model: no value checked is that deep)
        return undecided
    if reference:
        open_ids.add(reference)
    try:
        if isinstance(resolved, EnumSchema):
            listed = {
                (type(v.enum_value), v.enum_value)
                for v in inline(resolved.enum_values, EnumValue)
                if type(v.enum_value) in (str, int)
            }
            plain = _PLAIN.get(resolved.value_schema or "", undecided)
            return lambda value: plain(value) and (value.__class__, value) in listed
        if isinstance(resolved, ArraySchema):
            item = _conformer(resolved.element_schema, models, open_ids)
            return lambda value: value.__class__ is list and all(map(item, value))
        if isinstance(resolved, MapSchema):
            item = _conformer(map_values(resolved), models, open_ids)
            return lambda value: value.__class__ is dict and all(map(item, value.values()))
        if not isinstance(resolved, ObjectSchema):
            return undecided
        fields = {f.name or "": _conformer(f.schema, models, open_ids) for f in inline(resolved.fields, Field)}
        required = frozenset(required_fields(resolved))
        return lambda value: (
            value.__class__ is dict
            and all(fields.get(key, undecided)(item) for key, item in value.items())
            and value.keys() >= required
        )
    finally:
        open_ids.discard(reference)


# --- the primitive schemas: each term's check, and beside it its fast path ------------------------------------


def check_primitive(value: object, term: str) -> tuple[Code, str] | None:
    """(code, message) if `value` is not a value of the primitive schema `term`, else None (also for a term that
    is none: an Enum whose valueSchema is unusable)."""
    primitive = PRIMITIVES.get(term)
    return None if primitive is None else primitive.check(value, term)


class Primitive(NamedTuple):
    """A primitive schema's rule: `check(value, term)`, which says what is wrong with a value (code, message) or
    gives None, and its fast path `plain(value)`, true of a value only where the check and the "adt" profile's
    limit on strings find nothing (tests/test_values.py holds each to its check)."""

    check: Callable[[object, str], tuple[Code, str] | None]
    plain: Callable[[object], bool]


def _string(value: object, term: str) -> tuple[Code, str] | None:
    return None if value.__class__ is str else _wrong(value, "string", "a JSON string")


def _boolean(value: object, term: str) -> tuple[Code, str] | None:
    return None if value.__class__ is bool else _wrong(value, "boolean", "true or false")


def _integral(value: object, term: str) -> tuple[Code, str] | None:
    kind = type(value)
    if kind is not int:
        return _wrong(value, term, "an integer literal" if kind is float else "a JSON number")
    low, high = INTEGRAL_RANGES[term]
    if not low <= value <= high:  # type: ignore[operator]
        return codes.VALUE_OUT_OF_RANGE, f"{show(value)} is out of range for {term} ({low} to {high})"
    return None


def _plain_integral(term: str) -> Callable[[object], bool]:
    low, high = INTEGRAL_RANGES[term]
    return lambda value: value.__class__ is int and low <= value <= high


def _floating(value: object, term: str) -> tuple[Code, str] | None:
    kind = type(value)
    if kind is not int and kind is not float:
        return _wrong(value, term, "a JSON number")
    try:
        number = float(value)  # type: ignore[arg-type]
        if math.isfinite(number) and term == "float":
            struct.pack("<f", number)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        bits = 32 if term == "float" else 64
        return (
            codes.VALUE_OUT_OF_RANGE,
            f"{show(value)} is out of range for {term} (not finite as an IEEE {bits}-bit float)",
        )
    return None


def _plain_double(value: object) -> bool:
    # a finite float (inf - inf and nan - nan are nan), or an integer far from float's overflow at 2**1024
    return (value.__class__ is float and value - value == 0.0) or (
        value.__class__ is int and -(2**1000) < value < 2**1000
    )


def _textual(value: object, term: str) -> tuple[Code, str] | None:
    if type(value) is not str:
        return _wrong(value, term, "a JSON string")
    if term == "duration":
        return None if DURATION.fullmatch(value) else (codes.INVALID_DURATION, explain_duration(value))
    problem = _temporal(value, term)
    return None if problem is None else (codes.INVALID_DATE_TIME, f"{show(value)} is not a valid {term}: {problem}")


_LONGEST = MAX_STRING_BYTES // 4  # characters: a longer string may exceed the limit in UTF-8


def _plain_text(term: str) -> Callable[[object], bool]:
    return lambda value: value.__class__ is str and len(value) <= _LONGEST and _textual(value, term) is None


# A dateTime that plainly is one (a day up to the 28th) skips the date arithmetic.
_PLAIN_DATE_TIME = re.compile(
    r"(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(?:\.[0-9]+)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
)


def _plain_date_time(value: object) -> bool:
    return (
        value.__class__ is str
        and len(value) <= _LONGEST
        and (_PLAIN_DATE_TIME.fullmatch(value) is not None or _textual(value, "dateTime") is None)
    )


PRIMITIVES: dict[str, Primitive] = {
    "string": Primitive(_string, lambda value: value.__class__ is str and len(value) <= _LONGEST),
    "boolean": Primitive(_boolean, lambda value: value.__class__ is bool),
    "integer": Primitive(_integral, _plain_integral("integer")),
    "long": Primitive(_integral, _plain_integral("long")),
    "double": Primitive(_floating, _plain_double),
    "float": Primitive(_floating, lambda value: value.__class__ in (float, int) and _floating(value, "float") is None),
    "date": Primitive(_textual, _plain_text("date")),
    "time": Primitive(_textual, _plain_text("time")),
    "dateTime": Primitive(_textual, _plain_date_time),
    "duration": Primitive(_textual, _plain_text("duration")),
}
_PLAIN = {term: primitive.plain for term, primitive in PRIMITIVES.items()}  # (one lookup a value on the fast path)


def _wrong(value: object, term: str, expected: str) -> tuple[Code, str]:
    return codes.WRONG_VALUE_TYPE, f"{show(value)} is not a{'n' * (term[0] in 'aeiou')} {term}: expected {expected}"


_FORMATS = {
    "date": "YYYY-MM-DD",
    "time": "hh:mm:ss[.fff] and an offset (Z or +hh:mm)",
    "dateTime": "YYYY-MM-DDThh:mm:ss[.fff] and an offset (Z or +hh:mm)",
}


def _temporal(text: str, term: str) -> str | None:
    """Why `text` is not an RFC 3339 date, time or dateTime (term), or None."""
    shape = {"date": _DATE, "time": _TIME, "dateTime": _DATE_TIME}[term].fullmatch(text)
    if shape is None:
        return f"expected {_FORMATS[term]}"
    parts = shape.groups()
    if term != "time":
        try:
            datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError as error:
            return str(error)
    if term != "date":
        hour, minute, second, offset_hours, offset_minutes = parts[-5:]
        if int(hour) > 23 or int(minute) > 59 or int(second) > 59:
            return f"time {hour}:{minute}:{second} is out of range (00:00:00 to 23:59:59)"
        if offset_hours is not None and (int(offset_hours) > 23 or int(offset_minutes) > 59):
            return f"offset {offset_hours}:{offset_minutes} is out of range"
    return None


_DURATION_PARTS = {
    "YEARS": "years",
    "MONTHS": "months",
    "WEEKS": "weeks",
    "DAYS": "days",
    "HOURS": "hours",
    "MINUTES": "minutes",
    "SECONDS": "seconds",
    "T": "T",
    "P": "P",
    "$END": "the end",
}


def explain_duration(text: str) -> str:
    """Why `text` is not a duration, from grammars/duration.lark (only called for rejected strings)."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken  # only here: lark (~20 ms)

    prefix = f"{show(text)} is not an ISO 8601 duration"
    try:
        parser("duration.lark").parse(text)
    except UnexpectedToken as error:
        wanted = sorted({_DURATION_PARTS.get(t.removeprefix("FRACTIONAL_"), t) for t in error.expected})
        if error.token.type == "$END":
            return f"{prefix}: it ends early; expected {' or '.join(wanted)}"
        return (
            f"{prefix}: unexpected {show(error.token.value, QUOTED)} at character {error.column}; "
            f"expected {' or '.join(wanted)}"
        )
    except UnexpectedCharacters as error:
        return f"{prefix}: unexpected {show(text[error.pos_in_stream or 0])} at character {error.column}"
    except UnexpectedEOF:
        return f"{prefix}: it ends early"
    else:  # the grammar accepts what the regex rejects: a bug, caught by tests/test_values.py
        return f"{prefix} (grammar and regex disagree)"
    return prefix


def check_value(value: object, schema: str, models: ModelSet | None, *, text: bool = False) -> list[Diagnostic]:
    """The findings about `value` for `schema` (api.lint_value); ValueError if `schema` names no schema."""
    if resolve(schema, models) is None:
        raise ValueError(f"{schema!r} is neither a DTDL schema term nor the @id of a schema in the models")
    found: list[Diagnostic] = []
    if isinstance(value, bytes) or (text and isinstance(value, str)):
        src = load("", value)
        found.extend(src.diagnostics)
        if not src.ok:
            return found
        value = src.data
    deep = too_deep(value, "the value")
    found.extend(iter_errors(value, schema, models) if deep is None else [deep])
    return found
