"""The IoT Central extension of DTDL v2 (`dtmi:iotcentral:context;2`): its co-types, the vector and geopoint
schemas, and what its co-types require of the Property or Telemetry they are given to."""

from __future__ import annotations

from . import GEOSPATIAL_SCHEMAS, NUMERIC_SCHEMAS, Extension, SchemaRule, spellings

_VECTOR = SchemaRule("notRequiredValue", "schema vector", terms=frozenset(["vector"]), absent=False)

IOT_CENTRAL: Extension = Extension(
    label="IoT Central",
    context="dtmi:iotcentral:context;2",
    prefix="dtmi:iotcentral:",
    types=spellings(
        "dtmi:iotcentral:class:", ("State", "Event", "Location", "VelocityVector", "AccelerationVector"), ";2"
    ),
    schemas=spellings("dtmi:iotcentral:schema:", ("vector", "geopoint"), ";2"),
    cotype_classes=frozenset(["Property", "Telemetry"]),
    unit_types={"VelocityVector": "VelocityUnit", "AccelerationVector": "AccelerationUnit"},
    schema_rules={
        "State": SchemaRule("notRequiredType", "an Enum schema", classes=frozenset(["Enum"])),
        "Event": SchemaRule("notRequiredType", "a numeric or string schema", terms=NUMERIC_SCHEMAS | {"string"}),
        "Location": SchemaRule(
            "notRequiredValue",
            "a geospatial schema or geopoint",
            terms=frozenset([*GEOSPATIAL_SCHEMAS, "geopoint"]),
            absent=False,
        ),
        "VelocityVector": _VECTOR,
        "AccelerationVector": _VECTOR,
    },
    schema_depths={"vector": 1, "geopoint": 1},
    before_dtdl=True,
)
