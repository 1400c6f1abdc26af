"""The reserved words of DTDL v2: classes, members, schemas, semantic types, units, and their DTMIs.

Every reserved term has a DTMI synonym; `*_BY_SPELLING` maps both spellings to the term.
"""

from __future__ import annotations

import re

PRIMITIVE_SCHEMAS = frozenset(
    ["boolean", "date", "dateTime", "double", "duration", "float", "integer", "long", "string", "time"]
)
INTEGRAL_RANGES = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}  # the least and the greatest
# The geospatial schemas (GeoJSON geometries), each with the number of arrays around a position in its coordinates.
GEOSPATIAL_NESTING = {
    "point": 0,
    "multiPoint": 1,
    "lineString": 1,
    "multiLineString": 2,
    "polygon": 2,
    "multiPolygon": 3,
}
GEOSPATIAL_SCHEMAS = frozenset(GEOSPATIAL_NESTING)
IOTCENTRAL_SCHEMAS = frozenset(["vector", "geopoint"])

# A DTDL name: of an element (its `name`), and for IoT Hub of every property, component, field and Map key of a twin.
NAME_PATTERN = re.compile(r"[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?")
MAX_NAME_LENGTH = 64


def is_name(text: str) -> bool:
    """Is `text` a DTDL name (NAME_PATTERN, at most MAX_NAME_LENGTH characters)?"""
    return len(text) <= MAX_NAME_LENGTH and NAME_PATTERN.fullmatch(text) is not None


DTDL_CONTEXT = "dtmi:dtdl:context;2"
IOTC_CONTEXT = "dtmi:iotcentral:context;2"

MATERIAL_CLASSES = (
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
ABSTRACT_CLASSES = (
    "Boolean",
    "CommandType",
    "ComplexSchema",
    "Content",
    "Date",
    "DateTime",
    "Double",
    "Duration",
    "Entity",
    "Float",
    "Integer",
    "Long",
    "NamedEntity",
    "NumericSchema",
    "PrimitiveSchema",
    "Schema",
    "SchemaField",
    "SemanticType",
    "SemanticUnit",
    "String",
    "TemporalSchema",
    "Time",
    "Unit",
    "UnitAttribute",
)
SUPPLEMENTAL_ABSTRACT = ("SemanticType", "SemanticUnit")  # abstract supplemental types: never in @type
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
COMMAND_TYPES = ("asynchronous", "synchronous")
UNIT_PREFIXES = (
    "atto",
    "centi",
    "deci",
    "deka",
    "exa",
    "exbi",
    "femto",
    "gibi",
    "giga",
    "hecto",
    "kibi",
    "kilo",
    "mebi",
    "mega",
    "micro",
    "milli",
    "nano",
    "pebi",
    "peta",
    "pico",
    "tebi",
    "tera",
    "yobi",
    "yocto",
    "yotta",
    "zebi",
    "zepto",
    "zetta",
)

# semantic types -> unit type, then unit type -> units (DTDL v2, §1.19 of the rule catalog)
_SEMANTIC = """
Acceleration:AccelerationUnit Angle,Latitude,Longitude:AngleUnit AngularAcceleration:AngularAccelerationUnit
AngularVelocity:AngularVelocityUnit Area:AreaUnit Capacitance:CapacitanceUnit Current:CurrentUnit
DataRate:DataRateUnit DataSize:DataSizeUnit Density,Humidity:DensityUnit Distance,Length:LengthUnit
ElectricCharge:ChargeUnit Energy:EnergyUnit Force,Thrust:ForceUnit Frequency:FrequencyUnit
Illuminance:IlluminanceUnit Inductance:InductanceUnit Luminance:LuminanceUnit Luminosity,Power:PowerUnit
LuminousFlux:LuminousFluxUnit LuminousIntensity:LuminousIntensityUnit MagneticFlux:MagneticFluxUnit
MagneticInduction:MagneticInductionUnit Mass:MassUnit MassFlowRate:MassFlowRateUnit Pressure:PressureUnit
RelativeHumidity:Unitless Resistance:ResistanceUnit SoundPressure:SoundPressureUnit
Temperature:TemperatureUnit TimeSpan:TimeUnit Torque:TorqueUnit Velocity:VelocityUnit Voltage:VoltageUnit
Volume:VolumeUnit VolumeFlowRate:VolumeFlowRateUnit
"""
_UNITS = """
AccelerationUnit: centimetrePerSecondSquared gForce metrePerSecondSquared
AngleUnit: degreeOfArc minuteOfArc radian secondOfArc turn
AngularAccelerationUnit: radianPerSecondSquared
AngularVelocityUnit: degreePerSecond radianPerSecond revolutionPerMinute revolutionPerSecond
AreaUnit: acre hectare squareCentimetre squareFoot squareInch squareKilometre squareMetre squareMillimetre
CapacitanceUnit: farad microfarad millifarad nanofarad picofarad
CurrentUnit: ampere microampere milliampere
DataRateUnit: bitPerSecond bytePerSecond exbibitPerSecond exbibytePerSecond gibibitPerSecond gibibytePerSecond
 kibibitPerSecond kibibytePerSecond mebibitPerSecond mebibytePerSecond tebibitPerSecond tebibytePerSecond
 yobibitPerSecond yobibytePerSecond zebibitPerSecond zebibytePerSecond
DataSizeUnit: bit byte exbibit exbibyte gibibit gibibyte kibibit kibibyte mebibit mebibyte tebibit tebibyte
 yobibit yobibyte zebibit zebibyte
DensityUnit: gramPerCubicMetre kilogramPerCubicMetre
LengthUnit: astronomicalUnit centimetre foot inch kilometre metre micrometre mile millimetre nanometre
 nauticalMile
ChargeUnit: coulomb
EnergyUnit: electronvolt gigajoule joule kilojoule kilowattHour megaelectronvolt megajoule
ForceUnit: newton ounce pound ton
FrequencyUnit: gigahertz hertz kilohertz megahertz
IlluminanceUnit: footcandle lux
InductanceUnit: henry microhenry millihenry
LuminanceUnit: candelaPerSquareMetre
PowerUnit: gigawatt horsepower kilowatt kilowattHourPerYear megawatt microwatt milliwatt watt
LuminousFluxUnit: lumen
LuminousIntensityUnit: candela
MagneticFluxUnit: maxwell weber
MagneticInductionUnit: tesla
MassUnit: gram kilogram microgram milligram slug tonne
MassFlowRateUnit: gramPerHour gramPerSecond kilogramPerHour kilogramPerSecond
PressureUnit: bar inchesOfMercury inchesOfWater kilopascal millibar millimetresOfMercury pascal
 poundPerSquareInch
Unitless: percent unity
ResistanceUnit: kiloohm megaohm milliohm ohm
SoundPressureUnit: bel decibel
TemperatureUnit: degreeCelsius degreeFahrenheit kelvin
TimeUnit: day hour microsecond millisecond minute nanosecond second year
TorqueUnit: newtonMetre
VelocityUnit: centimetrePerSecond kilometrePerHour kilometrePerSecond knot metrePerHour metrePerSecond
 milePerHour milePerSecond
VoltageUnit: kilovolt megavolt microvolt millivolt volt
VolumeUnit: cubicCentimetre cubicFoot cubicInch cubicMetre fluidOunce gallon litre millilitre
VolumeFlowRateUnit: litrePerHour litrePerSecond millilitrePerHour millilitrePerSecond
"""
SEMANTIC_UNIT_TYPE: dict[str, str] = {
    name: unit_type for pair in _SEMANTIC.split() for names, unit_type in [pair.split(":")] for name in names.split(",")
}
UNITS_OF: dict[str, frozenset[str]] = {
    head.strip(): frozenset(body.split())
    for head, body in (chunk.split(":") for chunk in _UNITS.replace("\n ", " ").strip().splitlines())
}
UNITS = frozenset(u for units in UNITS_OF.values() for u in units)
UNIT_TYPES = frozenset(
    [*UNITS_OF, "BinaryPrefix", "BinaryUnit", "DecimalPrefix", "DecimalUnit", "QuantitativeType", "RatioUnit"]
)
NUMERIC_SCHEMAS = frozenset(["double", "float", "integer", "long"])

IOTC_TYPES = ("State", "Event", "Location", "VelocityVector", "AccelerationVector")
IOTC_VECTOR_UNITS = {"VelocityVector": "VelocityUnit", "AccelerationVector": "AccelerationUnit"}


def _spellings(prefix: str, terms) -> dict[str, str]:
    return {**{t: t for t in terms}, **{f"{prefix}{t};2": t for t in terms}}


CLASS_BY_SPELLING = _spellings("dtmi:dtdl:class:", MATERIAL_CLASSES)
ABSTRACT_BY_SPELLING = _spellings("dtmi:dtdl:class:", ABSTRACT_CLASSES)
MEMBER_BY_SPELLING = _spellings("dtmi:dtdl:property:", MEMBERS)
SCHEMA_BY_SPELLING = {
    **_spellings("dtmi:dtdl:instance:Schema:", PRIMITIVE_SCHEMAS),
    **_spellings("dtmi:standard:schema:geospatial:", GEOSPATIAL_SCHEMAS),
}
IOTC_SCHEMA_BY_SPELLING = _spellings("dtmi:iotcentral:schema:", IOTCENTRAL_SCHEMAS)
COMMAND_TYPE_BY_SPELLING = _spellings("dtmi:dtdl:instance:CommandType:", COMMAND_TYPES)
SEMANTIC_BY_SPELLING = _spellings("dtmi:standard:class:", SEMANTIC_UNIT_TYPE)
UNIT_TYPE_BY_SPELLING = _spellings("dtmi:standard:class:", UNIT_TYPES)
UNIT_BY_SPELLING = _spellings("dtmi:standard:unit:", UNITS)
IOTC_TYPE_BY_SPELLING = _spellings("dtmi:iotcentral:class:", IOTC_TYPES)
PREFIX_BY_SPELLING = _spellings("dtmi:standard:unitprefix:", UNIT_PREFIXES)

# Each reserved term -> its DTMI (where a DTMI is expected, a term stands for it)
DTMI_OF_TERM = {
    term: spelling
    for table in (
        CLASS_BY_SPELLING,
        ABSTRACT_BY_SPELLING,
        MEMBER_BY_SPELLING,
        SCHEMA_BY_SPELLING,
        COMMAND_TYPE_BY_SPELLING,
        SEMANTIC_BY_SPELLING,
        UNIT_TYPE_BY_SPELLING,
        UNIT_BY_SPELLING,
        PREFIX_BY_SPELLING,
    )
    for spelling, term in table.items()
    if spelling != term
}

# Every reserved spelling (terms and DTMIs) of the core language.
RESERVED = frozenset().union(
    CLASS_BY_SPELLING,
    ABSTRACT_BY_SPELLING,
    MEMBER_BY_SPELLING,
    SCHEMA_BY_SPELLING,
    COMMAND_TYPE_BY_SPELLING,
    SEMANTIC_BY_SPELLING,
    UNIT_TYPE_BY_SPELLING,
    UNIT_BY_SPELLING,
    PREFIX_BY_SPELLING,
)
RESERVED_PREFIXES = ("dtmi:dtdl:", "dtmi:standard:")
# The standard elements a reserved-prefix DTMI can name (schemas, command types, units, prefixes). Any other
# reserved-prefix DTMI used as a value (a class, a member, a context, a wrong version) names nothing.
STANDARD_ELEMENTS = frozenset(
    s
    for table in (
        SCHEMA_BY_SPELLING,
        IOTC_SCHEMA_BY_SPELLING,
        COMMAND_TYPE_BY_SPELLING,
        UNIT_BY_SPELLING,
        PREFIX_BY_SPELLING,
    )
    for s in table
    if s.startswith("dtmi:")
)
VALUE_PREFIXES = (*RESERVED_PREFIXES, "dtmi:iotcentral:")  # reserved where a value names an element
