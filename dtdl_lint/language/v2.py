"""DTDL v2 as data: `V2`, its classes and members, reserved terms (each also spelled as a DTMI ending ";2"),
standard schemas, semantic types and units, limits, identifiers and the phases of the official parser
(dtdl-v2-rules.md)."""

from __future__ import annotations

import re

from .. import codes
from . import (
    GEOSPATIAL_NESTING,
    MAX_NAME_LENGTH,
    NAME_PATTERN,
    NUMERIC_SCHEMAS,
    PRIMITIVE_SCHEMAS,
    ClassSpec,
    Language,
    Limits,
    MemberSpec,
    Phases,
    members,
    spellings,
)
from .dtmi import SEGMENT, DtmiSyntax
from .iotcentral import IOT_CENTRAL
from .units import SEMANTIC_UNIT_TYPE, UNIT_PREFIXES, UNIT_TYPES, UNITS, UNITS_OF

MATERIAL_CLASSES: tuple[str, ...] = (
    "Interface",
    "Telemetry",
    "Property",
    "Command",
    "CommandPayload",
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
PRIMITIVE_CLASSES: tuple[str, ...] = (
    "Boolean",
    "Date",
    "DateTime",
    "Double",
    "Duration",
    "Float",
    "Integer",
    "Long",
    "String",
    "Time",
)
ABSTRACT_CLASSES = (
    *sorted(
        [
            *PRIMITIVE_CLASSES,
            "CommandType",
            "ComplexSchema",
            "Content",
            "Entity",
            "NamedEntity",
            "NumericSchema",
            "PrimitiveSchema",
            "Schema",
            "SchemaField",
            "SemanticType",
            "SemanticUnit",
            "TemporalSchema",
            "Unit",
            "UnitAttribute",
        ]
    ),
)
MEMBERS = (
    "baseUnit",
    "bottomUnit",
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
    "prefix",
    "properties",
    "request",
    "response",
    "schema",
    "schemas",
    "symbol",
    "target",
    "topUnit",
    "unit",
    "valueSchema",
    "writable",
)
COMMAND_TYPES: tuple[str, ...] = ("asynchronous", "synchronous")

TERMS = {
    "class": spellings("dtmi:dtdl:class:", MATERIAL_CLASSES, ";2"),
    "abstract class": spellings("dtmi:dtdl:class:", ABSTRACT_CLASSES, ";2"),
    "member": spellings("dtmi:dtdl:property:", MEMBERS, ";2"),
    "primitive schema": spellings("dtmi:dtdl:instance:Schema:", sorted(PRIMITIVE_SCHEMAS), ";2"),
    "geospatial schema": spellings("dtmi:standard:schema:geospatial:", GEOSPATIAL_NESTING, ";2"),
    "command type": spellings("dtmi:dtdl:instance:CommandType:", COMMAND_TYPES, ";2"),
    "semantic type": spellings("dtmi:standard:class:", SEMANTIC_UNIT_TYPE, ";2"),
    "unit type": spellings("dtmi:standard:class:", UNIT_TYPES, ";2"),
    "unit": spellings("dtmi:standard:unit:", UNITS, ";2"),
    "unit prefix": spellings("dtmi:standard:unitprefix:", UNIT_PREFIXES, ";2"),
}
_SCHEMAS = {**TERMS["primitive schema"], **TERMS["geospatial schema"]}

CONTENT: frozenset[str] = frozenset(["Command", "Component", "Property", "Relationship", "Telemetry"])
COMPLEX: frozenset[str] = frozenset(["Array", "Enum", "Map", "Object"])
INTERFACE: frozenset[str] = frozenset(["Interface"])
_NAME = MemberSpec("name", required=True, max_length=MAX_NAME_LENGTH)
_SCHEMA = MemberSpec("schema", required=True, classes=COMPLEX)
_PAYLOAD = MemberSpec("element", classes=frozenset(["CommandPayload"]))

CLASSES = {
    spec.name: spec
    for spec in (
        ClassSpec(
            "Interface",
            members(
                contents=MemberSpec("element", True, classes=CONTENT),
                extends=MemberSpec("element", True, classes=INTERFACE, max_count=2, needs_id=True),
                schemas=MemberSpec("element", True, classes=COMPLEX, needs_id=True),
            ),
        ),
        ClassSpec("Telemetry", members(name=_NAME, schema=_SCHEMA)),
        ClassSpec("Property", members(name=_NAME, schema=_SCHEMA, writable=MemberSpec("boolean"))),
        ClassSpec(
            "Command",
            members(
                name=_NAME,
                commandType=MemberSpec(
                    "choice",
                    classes=frozenset(COMMAND_TYPES),
                    spellings=TERMS["command type"],
                    deprecated=True,
                ),
                request=_PAYLOAD,
                response=_PAYLOAD,
            ),
        ),
        ClassSpec("CommandPayload", members(name=_NAME, schema=_SCHEMA), type_optional=True),
        ClassSpec(
            "Relationship",
            members(
                name=_NAME,
                maxMultiplicity=MemberSpec("integer", minimum=1, maximum=500),
                minMultiplicity=MemberSpec("integer", exactly=0),
                properties=MemberSpec("element", True, classes=frozenset(["Property"]), max_count=300),
                target=MemberSpec("identifier"),
                writable=MemberSpec("boolean"),
            ),
            unique_names="properties",
        ),
        ClassSpec(
            "Component",
            members(name=_NAME, schema=MemberSpec("element", required=True, classes=INTERFACE, needs_id=True)),
        ),
        ClassSpec("Array", members(elementSchema=_SCHEMA)),
        ClassSpec(
            "Enum",
            members(
                enumValues=MemberSpec("element", True, True, frozenset(["EnumValue"]), max_count=100, min_count=1),
                valueSchema=MemberSpec(
                    "choice",
                    required=True,
                    classes=frozenset(["integer", "string"]),
                    spellings=_SCHEMAS,
                    refused=PRIMITIVE_SCHEMAS - {"integer", "string"},
                    refused_id="incorrectPropertyValue",
                ),
            ),
            unique_names="enumValues",
        ),
        ClassSpec("EnumValue", members(name=_NAME, enumValue=MemberSpec("literal", required=True)), type_optional=True),
        ClassSpec(
            "Map",
            members(
                mapKey=MemberSpec("element", required=True, classes=frozenset(["MapKey"])),
                mapValue=MemberSpec("element", required=True, classes=frozenset(["MapValue"])),
            ),
        ),
        ClassSpec(
            "MapKey",
            members(
                name=_NAME,
                schema=MemberSpec(
                    "choice",
                    required=True,
                    classes=frozenset(["string"]),
                    spellings=_SCHEMAS,
                    refused=frozenset(_SCHEMAS.values()) - {"string"},
                    refused_id="badType",
                ),
            ),
            type_optional=True,
        ),
        ClassSpec("MapValue", members(name=_NAME, schema=_SCHEMA), type_optional=True),
        ClassSpec(
            "Object",
            members(fields=MemberSpec("element", True, True, frozenset(["Field"]), max_count=30, min_count=1)),
            unique_names="fields",
        ),
        ClassSpec("Field", members(name=_NAME, schema=_SCHEMA), type_optional=True),
    )
}

# The official parser's phases (it stops after the first one that found errors, in any document):
#   1. documents as JSON-LD: JSON, @context, @id, top-level @type (typeNotRootable), required @ids (the ids of
#      items are made from their names);
#   2. elements: classes, members, literals, names, local uniqueness, duplicate definitions;
#   3. references: unresolved DTMIs (a ResolutionException), only when 1-2 found nothing; then references
#      across partitions (3.5);
#   4. the model as a whole: extends (count, depth, cycles), Components, schema depth and cycles, Arrays in
#      Properties, inherited names, classes, versions and partitions of referenced elements (and our own nesting
#      limit, which stands for the parser's depth checks).
_DOCUMENT_IDS = (
    "notJsonObject",
    "invalidContext",
    "disallowedLocalContext",
    "localContextNotLast",
    "nonDtmiContextSpecifier",
    "invalidContextSpecifier",
    "missingContextVersion",
    "invalidContextSpecifierForVersion",
    "disallowedContextFragment",
    "invalidContextFragment",
    "misplacedLimitContext",
    "topLevelKeywordDisallowed",
    "dtdlContextFollowsAffiliate",
    "unrecognizedContextVersion",
    "missingContext",
    "emptyContext",
    "missingDtdlContext",
    "unresolvableContextSpecifier",
    "unresolvableContextVersion",
    "idNotString",
    "invalidId",
    "disallowedIdFragment",
    "idTooLong",
    "reservedId",
    "typeNotRootable",
    "missingTopLevelId",
    "topLevelGraphDisallowed",
    "missingRequiredId",
    "graphNotObject",
    "dtmiSegPropertyNotStringOrNumber",
    "missingDtmiSegPropertyValue",
)
PHASES: Phases = Phases(
    of_code={
        codes.UNRESOLVED_REFERENCE.code: 3,
        codes.MISSING_DEPENDENCY.code: 3,
        codes.CROSS_PARTITION_REFERENCE.code: 3.5,  # found while resolving, before any model-wide check
        **{
            code.code: 4
            for code in (
                codes.NESTING_TOO_DEEP,
                codes.TOO_MANY_EXTENDS,
                codes.EXTENDS_CYCLE,
                codes.EXTENDS_TOO_DEEP,
                codes.TOO_MANY_CONTENTS,
                codes.NESTED_COMPONENT,
                codes.COMPONENT_CYCLE,
                codes.SCHEMA_TOO_DEEP,
                codes.RECURSIVE_SCHEMA,
                codes.ARRAY_IN_PROPERTY,
                codes.INHERITED_NAME_CONFLICT,
                codes.WRONG_REFERENCE_TYPE,
            )
        },
    },
    of_parser_id={
        **dict.fromkeys(_DOCUMENT_IDS, 1),
        "disallowedVersionReference": 3.5,
    },
)

V2: Language = Language(
    version=2,
    context="dtmi:dtdl:context;2",
    # version required, one part, no system segments, no fragment
    dtmi=DtmiSyntax("DTDL v2", re.compile(rf"dtmi:{SEGMENT}(?::{SEGMENT})*;[1-9][0-9]{{0,8}}")),
    classes=CLASSES,
    top_level=INTERFACE,
    common=members(
        displayName=MemberSpec("langstring", max_length=64),
        description=MemberSpec("langstring", max_length=512),
        comment=MemberSpec("string", max_length=512),
    ),
    terms=TERMS,
    abstract_supplemental=frozenset(["SemanticType", "SemanticUnit"]),
    semantic_unit_type=SEMANTIC_UNIT_TYPE,
    units_of=UNITS_OF,
    numeric_schemas=NUMERIC_SCHEMAS,
    semantic_type_classes=frozenset(["Property", "Telemetry"]),
    unit=MemberSpec("unit", required=True).named("unit"),
    extensions=(IOT_CENTRAL,),
    reserved_prefixes=("dtmi:dtdl:", "dtmi:standard:"),
    name_pattern=NAME_PATTERN,
    limits=Limits(contents=300, extends_depth=10, schema_depth=5),
    phases=PHASES,
    # a geospatial schema is an Object whose coordinates nest arrays around a position (itself an array)
    standard_depths={term: nesting + 2 for term, nesting in GEOSPATIAL_NESTING.items()},
    primitive_classes=PRIMITIVE_CLASSES,
    # DTDL v3's feature extensions and limits are known to the v2 parser, and never fit a v2 element
    feature_contexts=("dtmi:dtdl:extension:", "dtmi:dtdl:limits:"),
    feature_versions=frozenset("123"),
    layering_context="dtmi:dtdl:extension:layering",
    feature_label="a DTDL v3 extension",
    feature_cotype_classes=frozenset(["Telemetry", "Property", "CommandPayload", "Field", "MapValue"]),
    complex_schema_paths={"Array": ("element_schema",), "Map": ("map_value", "schema"), "Object": ("fields", "schema")},
)
