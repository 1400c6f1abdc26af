"""DTDL v2 as data: `V2`, its classes and members, reserved terms (each also spelled as a DTMI ending ";2"),
standard schemas, semantic types and units, limits, identifiers and the phases of the official parser
(dtdl-v2-rules.md)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

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


def classes(
    *,
    name: MemberSpec,
    schemas: Mapping[str, str],
    command_types: Mapping[str, str],
    payloads: tuple[str, str],
    counts: Mapping[str, Mapping[str, Any]],
) -> dict[str, ClassSpec]:
    """The classes of DTDL v2 and v3, built afresh for a version (a Language fills in its ClassSpecs): its `name`
    member, the spellings of its standard schemas and command types, the classes of a Command's request and
    response, and its bounds of a member (`counts`: member -> MemberSpec's keywords; v3 has none)."""
    schema = MemberSpec("schema", required=True, classes=COMPLEX)
    request, response = payloads
    return {
        spec.name: spec
        for spec in (
            ClassSpec(
                "Interface",
                members(
                    contents=MemberSpec("element", True, classes=CONTENT),
                    extends=MemberSpec("element", True, classes=INTERFACE, needs_id=True, **counts.get("extends", {})),
                    schemas=MemberSpec("element", True, classes=COMPLEX, needs_id=True),
                ),
            ),
            ClassSpec("Telemetry", members(name=name, schema=schema)),
            ClassSpec("Property", members(name=name, schema=schema, writable=MemberSpec("boolean"))),
            ClassSpec(
                "Command",
                members(
                    name=name,
                    commandType=MemberSpec(
                        "choice", classes=frozenset(COMMAND_TYPES), spellings=command_types, deprecated=True
                    ),
                    request=MemberSpec("element", classes=frozenset([request])),
                    response=MemberSpec("element", classes=frozenset([response])),
                ),
            ),
            *(
                ClassSpec(payload, members(name=name, schema=schema), type_optional=True)
                for payload in dict.fromkeys(payloads)
            ),
            ClassSpec(
                "Relationship",
                members(
                    name=name,
                    maxMultiplicity=MemberSpec("integer", minimum=1, **counts.get("maxMultiplicity", {})),
                    minMultiplicity=MemberSpec("integer", exactly=0),
                    properties=MemberSpec(
                        "element", True, classes=frozenset(["Property"]), **counts.get("properties", {})
                    ),
                    target=MemberSpec("identifier"),
                    writable=MemberSpec("boolean"),
                ),
                unique_names="properties",
            ),
            ClassSpec(
                "Component",
                members(name=name, schema=MemberSpec("element", required=True, classes=INTERFACE, needs_id=True)),
            ),
            ClassSpec("Array", members(elementSchema=schema)),
            ClassSpec(
                "Enum",
                members(
                    enumValues=MemberSpec(
                        "element", True, classes=frozenset(["EnumValue"]), **counts.get("enumValues", {})
                    ),
                    valueSchema=MemberSpec(
                        "choice",
                        required=True,
                        classes=frozenset(["integer", "string"]),
                        spellings=schemas,
                        refused=PRIMITIVE_SCHEMAS - {"integer", "string"},
                        refused_id="incorrectPropertyValue",
                    ),
                ),
                unique_names="enumValues",
            ),
            ClassSpec(
                "EnumValue", members(name=name, enumValue=MemberSpec("literal", required=True)), type_optional=True
            ),
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
                    name=name,
                    schema=MemberSpec(
                        "choice",
                        required=True,
                        classes=frozenset(["string"]),
                        spellings=schemas,
                        refused=frozenset(schemas.values()) - {"string"},
                        refused_id="badType",
                    ),
                ),
                type_optional=True,
            ),
            ClassSpec("MapValue", members(name=name, schema=schema), type_optional=True),
            ClassSpec(
                "Object",
                members(fields=MemberSpec("element", True, classes=frozenset(["Field"]), **counts.get("fields", {}))),
                unique_names="fields",
            ),
            ClassSpec("Field", members(name=name, schema=schema), type_optional=True),
        )
    }


CLASSES = classes(
    name=MemberSpec("name", required=True, max_length=MAX_NAME_LENGTH),
    schemas=_SCHEMAS,
    command_types=TERMS["command type"],
    payloads=("CommandPayload", "CommandPayload"),
    counts={
        "extends": {"max_count": 2},
        "maxMultiplicity": {"maximum": 500},
        "properties": {"max_count": 300},
        "enumValues": {"required": True, "max_count": 100, "min_count": 1},
        "fields": {"required": True, "max_count": 30, "min_count": 1},
    },
)

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
