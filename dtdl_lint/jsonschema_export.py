"""The JSON Schema (2020-12) of a twin of a model, so that editors and other tools can validate twins too.

`twin_schema(models, dtmi)` describes an Azure Digital Twins twin of the Interface `dtmi` (its properties,
inherited ones included, and its components); `value_schema(models, schema)` the values of one DTDL
schema. The formats of date, time, dateTime and duration are exact regular expressions (calendar included),
so no format checker is needed. Differences from values.py and twin.py, by construction of JSON Schema:
it has one number type, so an integral float such as 1.0 passes as an integer; the service's size limits
(4 KB strings, 32 KB bodies) are not expressed.
"""

from __future__ import annotations

import sys

from .language import INTEGRAL_RANGES
from .model import (
    ArraySchema,
    Component,
    EnumSchema,
    EnumValue,
    Field,
    MapSchema,
    Property,
    Schema,
    inline,
    map_values,
    ref,
)
from .modelset import ModelSet
from .source import MAX_DEPTH
from .values import DURATION, required_fields, resolve

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_YEAR = r"(?!0000)[0-9]{4}"
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_DAY = r"(?!0000)(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29"
_DATE = rf"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_DAY})"
_HOURS = r"(?:[01][0-9]|2[0-3])"
_TIME = rf"{_HOURS}:[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?(?:Z|[+-]{_HOURS}:[0-5][0-9])"


def _pattern(body: str) -> dict:
    # `$(?!\n)`: the end of the string both in ECMA 262 and in Python's re (whose `$` also matches before a
    # final newline)
    return {"type": "string", "pattern": rf"^(?:{body})$(?!\n)"}


_FLOAT_LIMIT = 2**128 - 2**103  # the smallest magnitude that rounds to infinity in IEEE binary32
PRIMITIVES: dict[str, dict] = {
    "boolean": {"type": "boolean"},
    **{term: {"type": "integer", "minimum": low, "maximum": high} for term, (low, high) in INTEGRAL_RANGES.items()},
    "double": {"type": "number", "minimum": -sys.float_info.max, "maximum": sys.float_info.max},
    "float": {"type": "number", "exclusiveMinimum": -_FLOAT_LIMIT, "exclusiveMaximum": _FLOAT_LIMIT},
    "string": {"type": "string"},
    "date": _pattern(_DATE),
    "time": _pattern(_TIME),
    "dateTime": _pattern(f"{_DATE}T{_TIME}"),
    "duration": _pattern(DURATION.pattern),
}
_DATE_TIME = {"$ref": "#/$defs/dateTime"}  # twin_schema puts the pattern in $defs once
_METADATA_TIME = {"anyOf": [_DATE_TIME, {"type": "null"}]}  # a metadata time: null is one not set
_UNKNOWN_COMPONENT = {"type": "object", "properties": {"$metadata": {"type": "object"}}, "required": ["$metadata"]}
_PROPERTY_METADATA = {"type": "object", "properties": {"sourceTime": _METADATA_TIME, "lastUpdateTime": _METADATA_TIME}}


def value_schema(models: ModelSet | None, schema: Schema) -> dict | bool:
    """The JSON Schema of the values of `schema` (a term, a DTMI or a schema element; None: no models)."""
    if resolve(schema, models) is None:
        raise ValueError(f"{schema!r} is neither a DTDL schema term nor the @id of a schema in the models")
    return _value(models, schema, ())


def _value(models: ModelSet | None, schema: Schema | None, stack: tuple[int, ...]) -> dict | bool:
    resolved = resolve(schema, models)
    if resolved is None:
        return True  # an unresolved reference: anything goes, as in values.py
    if isinstance(resolved, str):
        return dict(PRIMITIVES[resolved])
    if id(resolved) in stack or len(stack) >= MAX_DEPTH:  # a cycle of references, or a chain longer than any value
        return True  # lint_value checks (MAX_DEPTH levels), in an invalid model
    stack = (*stack, id(resolved))
    if isinstance(resolved, EnumSchema):
        if not inline(resolved.enum_values, EnumValue):
            return False  # an Enum without enumValues (DTDL v3): no value conforms
        values = {"enum": [v.enum_value for v in inline(resolved.enum_values, EnumValue)]}
        usable = resolved.value_schema in ("integer", "string")  # (else the model has a finding)
        return {"type": resolved.value_schema, **values} if usable else values
    if isinstance(resolved, ArraySchema):
        return {"type": "array", "items": _value(models, resolved.element_schema, stack)}
    if isinstance(resolved, MapSchema):
        return {"type": "object", "additionalProperties": _value(models, map_values(resolved), stack)}
    return {
        "type": "object",
        "properties": {f.name or "": _value(models, f.schema, stack) for f in inline(resolved.fields, Field)},
        "additionalProperties": False,
        **({"required": required} if (required := required_fields(resolved)) else {}),
    }


def twin_schema(models: ModelSet, dtmi: str) -> dict:
    """The JSON Schema of an Azure Digital Twins twin of the Interface `dtmi` as a request body ($dtId optional,
    as lint_twin has it); ValueError if unknown."""
    if dtmi not in models.interfaces:
        raise ValueError(f"{dtmi} is not an Interface of the models")
    schema = {
        "$schema": DIALECT,
        "title": f"Twin of {dtmi}",
        **_members(models, dtmi, (dtmi,)),
        "$defs": {"dateTime": PRIMITIVES["dateTime"]},
    }
    # the body of PUT /digitaltwins/{id}: the URL names the twin, so $dtId may be left out or null
    schema["properties"] = {
        "$dtId": {"type": ["string", "null"], "minLength": 1},
        "$etag": True,
        **schema["properties"],
    }
    return schema


def _members(models: ModelSet, dtmi: str, within: tuple[str, ...]) -> dict:
    """The object schema of a twin or of a component of Interface `dtmi`; `within` are the Interfaces of the twin and
    of the components that hold this one (a component of one of them again, or below MAX_DEPTH of them, in an
    invalid model, is left open)."""
    root = len(within) == 1
    properties: dict = {}
    metadata: dict = {"$model": {"const": dtmi} if root else True, "$lastUpdateTime": _METADATA_TIME}
    components = []
    for name, content in models.contents(dtmi).items():
        if isinstance(content, Property):
            properties[name] = _value(models, content.schema, ())
            metadata[name] = _PROPERTY_METADATA
        elif isinstance(content, Component):
            components.append(name)
            interface = ref(content.schema)
            known = interface in models.interfaces and interface not in within and len(within) < MAX_DEPTH
            properties[name] = _members(models, interface, (*within, interface)) if known else _UNKNOWN_COMPONENT
    meta = {"type": "object", "properties": metadata, "additionalProperties": False}
    if root:
        meta["required"] = ["$model"]
    return {
        "type": "object",
        "properties": {"$metadata": meta, **properties},
        "required": ["$metadata", *components],
        "additionalProperties": False,
    }
