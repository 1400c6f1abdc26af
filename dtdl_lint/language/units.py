"""Semantic types, unit types and units: data shared by the DTDL v2 core language and, in DTDL v3, its
QuantitativeTypes extension (the same terms, spelled with another version).

`SEMANTIC_UNIT_TYPE` maps each semantic type to the unit type its unit must be of, `UNITS_OF` each unit type
to its units (DTDL v2, section 1.19 of the rule catalog).
"""

from __future__ import annotations

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


def semantic_unit_types(text: str) -> dict[str, str]:
    """Each semantic type of a table `Type1,Type2:UnitType ...` -> its unit type."""
    return {
        name: unit_type for pair in text.split() for names, unit_type in [pair.split(":")] for name in names.split(",")
    }


def units_of(text: str) -> dict[str, frozenset[str]]:
    """Each unit type of a table of lines `UnitType: unit unit ...` (a line that starts with a space goes on) -> its
    units."""
    return {
        head.strip(): frozenset(body.split())
        for head, body in (chunk.split(":") for chunk in text.replace("\n ", " ").strip().splitlines())
    }


SEMANTIC_UNIT_TYPE = semantic_unit_types(_SEMANTIC)
UNITS_OF = units_of(_UNITS)
UNITS = frozenset(u for units in UNITS_OF.values() for u in units)
UNIT_TYPES = frozenset(
    [*UNITS_OF, "BinaryPrefix", "BinaryUnit", "DecimalPrefix", "DecimalUnit", "QuantitativeType", "RatioUnit"]
)
