"""The language extensions DTDL v3 knows (dtdl-v3-rules.md, sections 1.20-1.26): QuantitativeTypes v1 (its semantic
types, with the unit types as Enum schemas), Historization, Annotation, Overriding, MQTT and Requirement, in the
versions the official parser knows. Each is an `Extension`: the co-types it defines (term or versionless DTMI
`dtmi:dtdl:extension:<name>:v<N>:<Type>`), the classes each may be given to, the members each adds
(`...:<Type>:<member>`), the co-type each requires beside it."""

from __future__ import annotations

import re
from collections.abc import Mapping

from . import DURATION, Extension, MemberSpec, SchemaRule, spellings
from . import quantitative as qt
from .iotcentral import IOT_CENTRAL
from .units import SEMANTIC_UNIT_TYPE as V2_SEMANTIC_UNIT_TYPE

EXTENSION_PREFIX = "dtmi:dtdl:extension:"
_OBJECT = SchemaRule("notRequiredType", "an Object schema", classes=frozenset(["Object"]))


def _quantitative(version: int) -> Extension:
    """QuantitativeTypes of a version: v1 is DTDL v3's; v2 and v3 are DTDL v4's, known to a v3 element (their
    co-types do not fit it; their tables are taken as v1's)."""
    prefix = f"{EXTENSION_PREFIX}quantitativeTypes:v{version}:"
    return Extension(
        label=f"QuantitativeTypes v{version}",
        context=f"{EXTENSION_PREFIX}quantitativeTypes;{version}",
        prefix=prefix,
        types=spellings(f"{prefix}class:", qt.SEMANTIC_UNIT_TYPE, ""),
        schemas=spellings(f"{prefix}enum:", [*qt.UNITS_OF, *qt.PREFIX_ENUMS], ""),
        cotype_classes=frozenset(["CommandRequest", "CommandResponse", "Field", "MapValue", "Property", "Telemetry"]),
        unit_types=qt.SEMANTIC_UNIT_TYPE,
        schema_rules={},
        schema_depths=dict.fromkeys([*qt.UNITS_OF, *qt.PREFIX_ENUMS], 1),
        versions=frozenset([3 if version == 1 else 4]),
        semantic=version == 1,
        units=spellings(f"{prefix}unit:", sorted(qt.UNITS), ""),
        unit_member={"unit": "unit", f"{prefix}property:unit": "unit"},
    )


QUANTITATIVE_TYPES = _quantitative(1)


def feature(
    name: str,
    version: int,
    label: str,
    types: Mapping[str, frozenset[str]],
    members: Mapping[str, Mapping[str, MemberSpec]] | None = None,
    *,
    cocotypes: Mapping[str, str] | None = None,
    schema_rules: Mapping[str, SchemaRule] | None = None,
) -> Extension:
    """A feature extension `dtmi:dtdl:extension:<name>;<version>`: its co-types (-> the classes each may be given
    to) and the members each adds."""
    prefix = f"{EXTENSION_PREFIX}{name}:v{version}:"
    return Extension(
        label=f"{label} v{version}",
        context=f"{EXTENSION_PREFIX}{name};{version}",
        prefix=prefix,
        types=spellings(prefix, types, ""),
        schemas={},
        cotype_classes=frozenset(),
        unit_types={},
        schema_rules=schema_rules or {},
        schema_depths={},
        type_classes=types,
        members={
            cotype: {
                **{member: spec.named(member) for member, spec in added.items()},
                **{f"{prefix}{cotype}:{member}": spec.named(member) for member, spec in added.items()},
            }
            for cotype, added in (members or {}).items()
        },
        cocotypes=cocotypes,
        versions=frozenset([3]),
    )


_CONTENT_VALUES = frozenset(["Property", "Telemetry"])
NO_LIMIT = 2**31  # the strings an extension adds have no length limit of their own
_REQUIRED_STRING = MemberSpec("string", required=True, max_length=NO_LIMIT)


# An MQTT topic (dtdl-v3-rules.md, R-TOPIC): labels of printable characters or {placeholders}, the first not
# starting with '$'; a service group id is one label
_LABEL = r"[!$-*,-.0-z|~]+"
_PLACEHOLDER = r"\{(?:[A-Za-z]+:)?[A-Za-z]+\}"
TOPIC = re.compile(rf"(?:[!%-*,-.0-z|~][!$-*,-.0-z|~]*|{_PLACEHOLDER})(?:/(?:{_LABEL}|{_PLACEHOLDER}))*")
_TOPIC = MemberSpec("pattern", pattern=TOPIC, refused_id="stringInvalid", max_length=NO_LIMIT)
_GROUP = MemberSpec("pattern", pattern=re.compile(_LABEL), refused_id="stringInvalid", max_length=NO_LIMIT)


def _mqtt(version: int) -> Extension:
    types = {
        "Mqtt": frozenset(["Interface"]),
        "Idempotent": frozenset(["Command"]),
        "Cacheable": frozenset(["Command"]),
        "Indexed": frozenset(["EnumValue", "Field", "Telemetry", *(["Property"] if version >= 4 else [])]),
    }
    if version >= 2:
        types["Transparent"] = frozenset(["CommandRequest", "CommandResponse"])
    topics = {"telemetryTopic": _TOPIC, "commandTopic": _TOPIC}
    if version >= 2:
        topics.update(telemServiceGroupId=_GROUP, cmdServiceGroupId=_GROUP)
    if version >= 4:
        topics.update(propertyTopic=_TOPIC)
    return feature(
        "mqtt",
        version,
        "MQTT",
        types,
        {
            "Mqtt": {"payloadFormat": _REQUIRED_STRING, **topics},
            "Cacheable": {
                "ttl": MemberSpec(
                    "duration", required=True, pattern=DURATION, refused_id="durationInvalid", max_length=NO_LIMIT
                )
            },
            "Indexed": {"index": MemberSpec("integer", required=True, minimum=1)},
        },
        cocotypes={"Cacheable": "Idempotent"},
        schema_rules={"Transparent": _OBJECT} if version >= 2 else {},
    )


def _annotation(version: int) -> Extension:
    return feature(
        "annotation",
        version,
        "Annotation",
        {"ValueAnnotation": _CONTENT_VALUES},
        {"ValueAnnotation": {"annotates": _REQUIRED_STRING}},
    )


def _overriding(version: int) -> Extension:
    return feature(
        "overriding",
        version,
        "Overriding",
        {"Override": frozenset(["Property"])},
        {"Override": {"overrides": MemberSpec("term", required=True, max_length=NO_LIMIT)}},
        cocotypes={"Override": "ValueAnnotation"},  # (of the Annotation extension)
    )


# DTDL v2's semantic types, by their DTMIs (dtmi:standard:class:Temperature;2): known to a v3 element, fitting
# only a v2 one (QT307); they have no context of their own in v3 (their terms are v1's of QuantitativeTypes)
V2_SEMANTIC_TYPES = Extension(
    label="DTDL v2 semantic",
    context="dtmi:dtdl:context;2",
    prefix="dtmi:standard:class:",
    types={f"dtmi:standard:class:{t};2": t for t in V2_SEMANTIC_UNIT_TYPE},
    schemas={},
    cotype_classes=frozenset(["Property", "Telemetry"]),
    unit_types=V2_SEMANTIC_UNIT_TYPE,
    schema_rules={},
    schema_depths={},
)

V3_EXTENSIONS: tuple[Extension, ...] = (
    QUANTITATIVE_TYPES,
    _quantitative(2),
    _quantitative(3),
    IOT_CENTRAL,  # known, and its co-types fit DTDL v2 elements only
    V2_SEMANTIC_TYPES,
    *(feature("historization", v, "Historization", {"Historized": _CONTENT_VALUES}) for v in (1, 2)),
    *(_annotation(v) for v in (1, 2)),
    *(_overriding(v) for v in (1, 2)),
    *(_mqtt(v) for v in (1, 2, 3, 4)),
    feature("requirement", 1, "Requirement", {"Required": frozenset(["Field"])}),
    feature("requirement", 2, "Requirement", {"Required": frozenset(["Field", "Property"])}),
)
