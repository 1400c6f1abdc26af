"""QuantitativeTypes v1 (`dtmi:dtdl:extension:quantitativeTypes;1`), where DTDL v3 keeps its semantic types, unit
types and units (dtdl-v3-rules.md, section 1.21): each semantic type, the unit type its unit must be of, the units
of each unit type. (Its DTMIs, `dtmi:dtdl:extension:quantitativeTypes:v1:...`, are made in extensions.py.)"""

from __future__ import annotations

from .units import semantic_unit_types, units_of

_SEMANTIC = """
Acceleration:AccelerationUnit Angle,Latitude,Longitude:AngleUnit AngularAcceleration:AngularAccelerationUnit
AngularVelocity:AngularVelocityUnit ApparentEnergy:ApparentEnergyUnit ApparentPower:ApparentPowerUnit
Area:AreaUnit Capacitance:CapacitanceUnit Concentration,RelativeDensity,RelativeHumidity:Unitless
Current:CurrentUnit DataRate:DataRateUnit DataSize:DataSizeUnit Density,Humidity:DensityUnit
Distance,Length:LengthUnit ElectricCharge:ChargeUnit Energy:EnergyUnit EnergyRate,Luminosity,Power:PowerUnit
Force,Thrust:ForceUnit Frequency:FrequencyUnit Illuminance:IlluminanceUnit Inductance:InductanceUnit
IonizingRadiationDose:IonizingRadiationDoseUnit Irradiance:IrradianceUnit Luminance:LuminanceUnit
LuminousFlux:LuminousFluxUnit LuminousIntensity:LuminousIntensityUnit MagneticFlux:MagneticFluxUnit
MagneticInduction:MagneticInductionUnit Mass:MassUnit MassFlowRate:MassFlowRateUnit Pressure:PressureUnit
Radioactivity:RadioactivityUnit ReactiveEnergy:ReactiveEnergyUnit ReactivePower:ReactivePowerUnit
Resistance:ResistanceUnit SoundPressure:SoundPressureUnit Temperature:TemperatureUnit TimeSpan:TimeUnit
Torque:TorqueUnit Velocity:VelocityUnit Voltage:VoltageUnit Volume:VolumeUnit
VolumeFlowRate:VolumeFlowRateUnit
"""
_UNITS = """
AccelerationUnit: centimetrePerSecondSquared gForce metrePerSecondSquared
AngleUnit: degreeOfArc minuteOfArc radian secondOfArc turn
AngularAccelerationUnit: radianPerSecondSquared
AngularVelocityUnit: degreePerSecond radianPerSecond revolutionPerMinute revolutionPerSecond
ApparentEnergyUnit: gigavoltAmpereHour kilovoltAmpereHour megavoltAmpereHour voltAmpereHour
ApparentPowerUnit: gigavoltAmpere kilovoltAmpere megavoltAmpere millivoltAmpere voltAmpere
AreaUnit: acre hectare squareCentimetre squareFoot squareInch squareKilometre squareMetre squareMillimetre
CapacitanceUnit: farad microfarad millifarad nanofarad picofarad
Unitless: partsPerBillion partsPerMillion partsPerQuadrillion partsPerTrillion percent unity
CurrentUnit: ampere kiloampere microampere milliampere
DataRateUnit: bitPerSecond bytePerSecond exbibitPerSecond exbibytePerSecond gibibitPerSecond gibibytePerSecond
 kibibitPerSecond kibibytePerSecond mebibitPerSecond mebibytePerSecond tebibitPerSecond tebibytePerSecond
 yobibitPerSecond yobibytePerSecond zebibitPerSecond zebibytePerSecond
DataSizeUnit: bit byte exbibit exbibyte gibibit gibibyte kibibit kibibyte mebibit mebibyte tebibit tebibyte
 yobibit yobibyte zebibit zebibyte
DensityUnit: gramPerCubicMetre kilogramPerCubicMetre microgramPerCubicMetre milligramPerCubicMetre
LengthUnit: astronomicalUnit centimetre foot inch kilometre metre micrometre mile millimetre nanometre
 nauticalMile
ChargeUnit: ampereHour coulomb milliampereHour
EnergyUnit: britishThermalUnit electronvolt gigajoule gigawattHour joule kiloBritishThermalUnit kilojoule
 kilowattHour megaelectronvolt megajoule megawattHour milliwattHour terawattHour wattHour
PowerUnit: britishThermalUnitPerHour gigajoulePerHour gigawatt horsepower joulePerHour joulePerSecond
 kiloBritishThermalUnitPerHour kilojoulePerHour kilojoulePerSecond kilowatt kilowattHourPerYear
 megajoulePerHour megawatt microwatt milliwatt tonOfRefrigeration watt
ForceUnit: newton ounce pound ton
FrequencyUnit: gigahertz hertz kilohertz megahertz millihertz
IlluminanceUnit: footcandle lux
InductanceUnit: henry microhenry millihenry
IonizingRadiationDoseUnit: gray microgray microsievert milligray millisievert sievert
IrradianceUnit: wattPerSquareMetre
LuminanceUnit: candelaPerSquareMetre
LuminousFluxUnit: lumen
LuminousIntensityUnit: candela
MagneticFluxUnit: maxwell weber
MagneticInductionUnit: gauss tesla
MassUnit: gram kilogram massPound microgram milligram slug tonne
MassFlowRateUnit: gramPerHour gramPerSecond kilogramPerHour kilogramPerSecond massPoundPerHour
PressureUnit: bar decapascal hectopascal inchesOfMercury inchesOfWater kilopascal millibar
 millimetresOfMercury pascal poundPerSquareInch
RadioactivityUnit: becquerel gigabecquerel kilobecquerel megabecquerel
ReactiveEnergyUnit: gigavoltAmpereReactiveHour kilovoltAmpereReactiveHour megavoltAmpereReactiveHour
 voltAmpereReactiveHour
ReactivePowerUnit: gigavoltAmpereReactive kilovoltAmpereReactive megavoltAmpereReactive
 millivoltAmpereReactive voltAmpereReactive
ResistanceUnit: kiloohm megaohm milliohm ohm
SoundPressureUnit: bel decibel
TemperatureUnit: degreeCelsius degreeFahrenheit kelvin
TimeUnit: day hour microsecond millisecond minute nanosecond second year
TorqueUnit: newtonMetre
VelocityUnit: centimetrePerSecond kilometrePerHour kilometrePerSecond knot metrePerHour metrePerSecond
 milePerHour milePerSecond
VoltageUnit: kilovolt megavolt microvolt millivolt volt
VolumeUnit: cubicCentimetre cubicFoot cubicInch cubicMetre fluidOunce gallon litre millilitre
VolumeFlowRateUnit: cubicFootPerMinute cubicMetrePerHour cubicMetrePerMinute cubicMetrePerSecond gallonPerHour
 gallonPerMinute litrePerHour litrePerMinute litrePerSecond millilitrePerHour millilitrePerMinute
 millilitrePerSecond
"""
SEMANTIC_UNIT_TYPE = semantic_unit_types(_SEMANTIC)
UNITS_OF = units_of(_UNITS)
UNITS = frozenset(u for units in UNITS_OF.values() for u in units)
PREFIX_ENUMS = ("DecimalPrefix", "BinaryPrefix")
