"""DTDL v3 as data: `V3`, its classes and members (CommandRequest and CommandResponse, Arrays and geospatial schemas
in Properties, Enums and Objects that may be empty, 512-character names), its reserved terms (each also spelled as a
DTMI ending ";3"), its identifiers (versionless and major.minor DTMIs), limits and the extensions it knows
(dtdl-v3-rules.md: what differs from v2)."""

from __future__ import annotations

import re

from .. import codes
from . import (
    GEOSPATIAL_NESTING,
    NAME_PATTERN,
    NUMERIC_SCHEMAS,
    PRIMITIVE_SCHEMAS,
    Language,
    Limits,
    MemberSpec,
    Phases,
    members,
    spellings,
)
from . import quantitative as qt
from .dtmi import SEGMENT, DtmiSyntax
from .extensions import V3_EXTENSIONS
from .v2 import COMMAND_TYPES, INTERFACE, PHASES, PRIMITIVE_CLASSES, V2, classes

MATERIAL_CLASSES = (
    "Interface",
    "Telemetry",
    "Property",
    "Command",
    "CommandRequest",
    "CommandResponse",
    "Relationship",
    "Component",
    "Array",
    "Enum",
    "EnumValue",
    "Map",
    "MapKey",
    "MapValue",
    "Object",
    "Field",
)
ABSTRACT_CLASSES = (
    *PRIMITIVE_CLASSES,
    "AdjunctType",
    "Alias",
    "CommandPayload",
    "CommandType",
    "ComplexSchema",
    "Content",
    "Entity",
    "LatentType",
    "NamedEntity",
    "NamedLatentType",
    "NumericSchema",
    "PrimitiveSchema",
    "Schema",
    "SchemaField",
    "SemanticType",
    "SemanticUnit",
    "TemporalSchema",
    "Unit",
    "UnitAttribute",
)
MEMBERS = (
    "aliasFor",
    "commandType",
    "comment",
    "contents",
    "description",
    "displayName",
    "elementSchema",
    "enumValue",
    "enumValues",
    "exponent",
    "extends",
    "fields",
    "languageMajorVersion",
    "mapKey",
    "mapValue",
    "maxMultiplicity",
    "minMultiplicity",
    "name",
    "properties",
    "request",
    "response",
    "schema",
    "schemas",
    "symbol",
    "target",
    "valueSchema",
    "writable",
)
META = ("DtdlExtension", "metamodel", "model")

TERMS = {
    "class": spellings("dtmi:dtdl:class:", MATERIAL_CLASSES, ";3"),
    "abstract class": spellings("dtmi:dtdl:class:", ABSTRACT_CLASSES, ";3"),
    "member": spellings("dtmi:dtdl:property:", MEMBERS, ";3"),  # (unit: in QuantitativeTypes)
    "meta": spellings("dtmi:dtdl:meta:", META, ";3"),
    # the ;2 DTMIs of the standard schemas are understood too (the official parser accepts them)
    "primitive schema": {
        **spellings("dtmi:dtdl:instance:Schema:", sorted(PRIMITIVE_SCHEMAS), ";2"),
        **spellings("dtmi:dtdl:instance:Schema:", sorted(PRIMITIVE_SCHEMAS), ";3"),
    },
    "geospatial schema": {
        **spellings("dtmi:standard:schema:geospatial:", GEOSPATIAL_NESTING, ";2"),
        **spellings("dtmi:standard:schema:geospatial:", GEOSPATIAL_NESTING, ";3"),
    },
    "command type": spellings("dtmi:dtdl:instance:CommandType:", COMMAND_TYPES, ";3"),
    "semantic type": {},  # in QuantitativeTypes (extensions.py)
    "unit type": {},
    "unit": {},  # in QuantitativeTypes
    "unit prefix": {},
}
_SCHEMAS = {**TERMS["primitive schema"], **TERMS["geospatial schema"]}

MAX_NAME_LENGTH = 512
CLASSES = classes(
    name=MemberSpec("name", required=True, max_length=MAX_NAME_LENGTH),
    schemas=_SCHEMAS,
    command_types=TERMS["command type"],
    payloads=("CommandRequest", "CommandResponse"),
    counts={},  # no per-set counts
)

V3 = Language(
    version=3,
    context="dtmi:dtdl:context;3",
    # version optional, one or two parts, no system segments, no fragment
    dtmi=DtmiSyntax(
        "DTDL v3",
        re.compile(rf"dtmi:{SEGMENT}(?::{SEGMENT})*(?:;[1-9][0-9]{{0,8}}(?:\.[1-9][0-9]{{0,5}})?)?"),
        versionless=True,
        minor=True,
    ),
    classes=CLASSES,
    top_level=INTERFACE,
    common=members(
        displayName=MemberSpec("langstring", max_length=512),
        description=MemberSpec("langstring", max_length=512),
        comment=MemberSpec("string", max_length=512),
    ),
    terms=TERMS,
    abstract_supplemental=frozenset(["AdjunctType", "SemanticType", "SemanticUnit"]),
    semantic_unit_type=qt.SEMANTIC_UNIT_TYPE,
    units_of=qt.UNITS_OF,
    numeric_schemas=NUMERIC_SCHEMAS,
    semantic_type_classes=frozenset(
        ["CommandRequest", "CommandResponse", "Field", "MapValue", "Property", "Telemetry"]
    ),
    unit=MemberSpec("unit", required=True).named("unit"),
    extensions=V3_EXTENSIONS,
    reserved_prefixes=("dtmi:dtdl:", "dtmi:standard:"),
    name_pattern=NAME_PATTERN,
    limits=Limits(
        contents=0, extends_depth=10, schema_depth=5, hierarchy=100_000, extends_total=1024, interface_text=2**20
    ),
    phases=Phases(
        {**PHASES.of_code, codes.INVALID_ANNOTATION.code: 4, codes.INVALID_OVERRIDE.code: 4}, PHASES.of_parser_id
    ),
    standard_depths={term: nesting + 2 for term, nesting in GEOSPATIAL_NESTING.items()},
    primitive_classes=PRIMITIVE_CLASSES,
    complex_schema_paths={"Array": ("element_schema",), "Map": ("map_value", "schema"), "Object": ("fields", "schema")},
    property_arrays=True,
    undefined_extensions=False,
    closed=True,
    restricted_keywords=True,
    other_versions=frozenset([2]),
    wrong_unit_id="wrongParent",
    unusable_id_stops=True,
    other_name_keys=("dtmi:dtdl:property:name;2",),
    # the class DTMIs and standard elements of DTDL v2 are known, and none fits where v3 takes a class or element
    foreign_classes={
        spelling: f"{term} of DTDL v2"
        for table in (V2.terms["class"], V2.terms["abstract class"])
        for spelling, term in table.items()
        if spelling.startswith("dtmi:")
    },
    foreign_elements=V2.standard_elements,
    misplaced_contexts=("dtmi:dtdl:limits:",),
    same_version_members=frozenset(["schemas", "request", "response", "enumValues", "fields", "mapKey", "mapValue"]),
)
