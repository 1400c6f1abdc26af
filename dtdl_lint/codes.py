"""THE catalog: every finding code, grouped by family. Codes are never reused or renumbered.

Families: DTL0xx files and JSON; DTL1xx one element or document; DTL2xx across models; DTL3xx model
repository conventions; DTL4xx twins and relationships; DTL5xx JSON Patch; DTL6xx model versions;
DTL9xx recommendations (warnings).
"""

from __future__ import annotations

from .diagnostics import Code, Severity

E = Severity.ERROR
W = Severity.WARNING

# --- DTL0xx: files and JSON -------------------------------------------------------------------------------

FILE_UNREADABLE = Code(
    "DTL001", "file-unreadable", E, "A file found in a folder could not be read.",
    why="A model set with an unreadable file is incomplete; later references into it would fail.",
    example="a file without read permission inside a checked folder",
)
INVALID_ENCODING = Code(
    "DTL002", "invalid-encoding", E, "The file is not valid UTF-8 (a UTF-8 byte order mark is accepted).",
    why="DTDL documents are JSON, which must be UTF-8 when exchanged between systems (RFC 8259).",
    example="a model saved as Latin-1 with an accented displayName",
)
INVALID_JSON = Code(
    "DTL003", "invalid-json", E, "The text is not valid JSON.",
    why="Nothing can be checked in a document that does not parse; the official parser rejects it too.",
    example='{"@id": "dtmi:com:example:Room;1",}',
)
DUPLICATE_KEY = Code(
    "DTL004", "duplicate-key", E, "A JSON object has the same member name twice.",
    why="JSON parsers silently keep one of the values; DTDL requires member names to be unique.",
    example='{"name": "a", "name": "b"}',
    parser_ids=("duplicatePropertyName", "repeatedIdProperty", "repeatedTypeProperty",
                "repeatedContextProperty", "repeatedValueProperty", "repeatedLanguageProperty",
                "repeatedGraphProperty", "repeatedKeyword"),
)
NON_FINITE_NUMBER = Code(
    "DTL005", "non-finite-number", E, "NaN, Infinity or -Infinity appear as values; JSON has no such tokens.",
    why="Python's json module accepts them, every other JSON parser (and the service) rejects them.",
    example='{"temperature": NaN}',
)
NUMBER_OVERFLOW = Code(
    "DTL006", "number-overflow", E, "A number is too large to be represented as a 64-bit float.",
    why="Such a number becomes infinity, which no DTDL schema accepts.",
    example='{"maxMultiplicity": 1e400}',
)
EMPTY_FILE = Code(
    "DTL007", "empty-file", E, "The file is empty or contains only white space.",
    why="An empty file is not a JSON document; it is usually a truncated write.",
    example="a zero-byte model.json",
)
FILE_TOO_LARGE = Code(
    "DTL008", "file-too-large", E, "The file is larger than the limit for one JSON document (64 MiB).",
    why="No DTDL model or twin comes near this size; reading it whole would exhaust memory. "
        "Use JSON Lines for large batches of twins or patches.",
    example="a 200 MB JSON export passed as a model",
)
NESTING_TOO_DEEP = Code(
    "DTL009", "nesting-too-deep", E, "The JSON nesting is too deep to be processed.",
    why="Documents nested thousands of levels deep are never meaningful DTDL and exhaust the parser stack.",
    example="[[[[[[ ... ]]]]]] nested 100,000 levels",
)
UNKNOWN_RECORD = Code(
    "DTL010", "unknown-record", E, "A line of a JSON Lines file is not a twin, relationship or patch.",
    why="Each line of a .jsonl/.ndjson file is checked on its own as a twin ($dtId), relationship "
        "($relationshipId, $sourceId, ...) or JSON Patch (an array of operations); a line that is none of "
        "them is usually a truncated or misplaced record, and would be rejected when sent.",
    example='{"$dtId": "room1", "$metadata": {"$model": "dtmi:com:example:Room;1"}}\n{"name": "room2"}',
)

# --- DTL1xx: one element or document (parser.py) ----------------------------------------------------------

NOT_JSON_OBJECT = Code(
    "DTL101", "not-json-object", E, "A DTDL document must be a JSON object or an array of JSON objects.",
    why="Each top-level JSON object is one Interface; scalars and nested arrays define nothing.",
    example='["dtmi:com:example:Room;1"]',
    parser_ids=("notJsonObject",),
)
ID_NOT_STRING = Code(
    "DTL110", "id-not-string", E, "An @id must be a non-empty string.",
    why="@id identifies the element across all documents; only a DTMI string can do that.",
    example='{"@id": 42, "@type": "Interface", "@context": "dtmi:dtdl:context;2"}',
    parser_ids=("idNotString",),
)
INVALID_ID = Code(
    "DTL111", "invalid-id", E, "An @id must be a valid DTDL v2 DTMI (dtmi:segment:segment;version).",
    why="Segments start with a letter and hold letters, digits and '_' (not at the end); the version is "
        "1 to 9 digits without a leading zero; no fragment, no segment starting with '_'.",
    example='"@id": "dtmi:com:example:my-room;1"',
    parser_ids=("invalidId", "disallowedIdFragment"),
)
ID_TOO_LONG = Code(
    "DTL112", "id-too-long", E, "An @id is at most 2048 characters, an Interface @id at most 128.",
    why="The service and the official parser refuse longer identifiers.",
    example='an Interface "@id" of 200 characters',
    parser_ids=("idTooLong", "idTooLongForType"),
)
RESERVED_ID = Code(
    "DTL113", "reserved-id", E, "An @id may not start with dtmi:dtdl: or dtmi:standard: (nor dtmi:iotcentral: "
    "when the IoT Central context is active).",
    why="Those prefixes name the language's own elements.",
    example='"@id": "dtmi:dtdl:myInterface;1"',
    parser_ids=("reservedId",),
)

# --- DTL2xx: across models (modelcheck.py) -----------------------------------------------------------------

# --- DTL4xx: twins and relationships (twin.py, values.py) --------------------------------------------------
# `service` is what Azure Digital Twins answers; with --target iothub every finding is ArgumentInvalid.

WRONG_VALUE_TYPE = Code(
    "DTL401", "wrong-value-type", E, "A value has the wrong JSON type for its DTDL schema.",
    why="The service checks every value against its schema: a double is a JSON number, an integer an integer "
        "literal (1.0 is not one), a boolean true or false (not \"true\"), a Map or Object a JSON object; "
        "null conforms to no schema.",
    example='{"Temperature": "21.5"} where Temperature has schema double',
    service="ValidationFailed",
)
VALUE_OUT_OF_RANGE = Code(
    "DTL402", "value-out-of-range", E, "A number is outside the range of its schema.",
    why="integer is 32-bit and long 64-bit signed; float must stay finite in IEEE binary32 and double in "
        "binary64.",
    example='{"count": 3000000000} where count has schema integer',
    service="ValidationFailed",
)
INVALID_DATE_TIME = Code(
    "DTL403", "invalid-date-time", E, "A date, time or dateTime value is not RFC 3339 or not a real date or time.",
    why="date is YYYY-MM-DD (a real Gregorian date, year 0001-9999), time is hh:mm:ss[.f] with a mandatory "
        "offset, dateTime both joined by an upper-case T; no leap second, no 24:00.",
    example='{"installedOn": "1965-02-29"}',
    service="ValidationFailed",
)
INVALID_DURATION = Code(
    "DTL404", "invalid-duration", E, "A duration value is not an ISO 8601 duration.",
    why="A duration is P, then years, months (or weeks) and days, then T and hours, minutes, seconds, in "
        "that order, with at least one component and a fraction only on the last one (grammars/duration.lark).",
    example='{"interval": "PT"}',
    service="ValidationFailed",
)
ENUM_VALUE_NOT_LISTED = Code(
    "DTL405", "enum-value-not-listed", E, "A value of an Enum schema is none of its enumValues.",
    why="An Enum value is sent as one of the listed enumValue literals, never as the EnumValue's name.",
    example='{"mode": "heating"} where the Enum lists the values 1 and 2',
    service="ValidationFailed",
)
UNKNOWN_OBJECT_FIELD = Code(
    "DTL406", "unknown-object-field", E, "A value of an Object schema has a member that is not one of its fields.",
    why="Object fields are optional in DTDL v2, but members that are not declared fields are rejected.",
    example='{"address": {"street": "Main St", "zip": "1000"}} where the Object has no field zip',
    service="ValidationFailed",
)
NOT_AN_OBJECT = Code(
    "DTL410", "not-an-object", E, "A twin or relationship must be a JSON object.",
    why="The service takes one twin or relationship per request, as a JSON object.",
    example='[{"$dtId": "room1"}] sent as one twin',
    service="InvalidArgument",
)
MISSING_ID = Code(
    "DTL411", "missing-id", E, "A twin needs a $dtId; a relationship needs $relationshipId, $sourceId, $targetId and "
    "$relationshipName; all non-empty strings.",
    why="They identify the twin or relationship and the twins it connects.",
    example='{"$metadata": {"$model": "dtmi:com:example:Room;1"}}',
    service="InvalidArgument",
)
MISSING_MODEL = Code(
    "DTL412", "missing-model", E, "A twin needs a $metadata object with $model, the DTMI of its model.",
    why="Azure Digital Twins validates a twin against the model named by $metadata.$model; it is required "
        "when a twin is created.",
    example='{"$dtId": "room1", "Temperature": 21}',
    service="ValidationFailed",
)
UNKNOWN_MODEL = Code(
    "DTL413", "unknown-model", E, "$metadata.$model names a model that is not among the models.",
    why="The service accepts twins only of uploaded models; check the DTMI and its version, and that the "
        "model file is given with --models.",
    example='"$metadata": {"$model": "dtmi:com:example:Room;2"} when only Room;1 exists',
    service="ValidationFailed",
)
UNKNOWN_PROPERTY = Code(
    "DTL414", "unknown-property", E, "A twin or relationship member is not a Property (or Component) of its model.",
    why="Only Properties of the model, including inherited ones, and its Components can be set on a twin; "
        "Telemetry, Commands and Relationships are not stored as twin members. A relationship carries only "
        "the properties its Relationship declares.",
    example='{"Temprature": 21} where the model has Temperature',
    service="ValidationFailed",
)
MISSING_COMPONENT = Code(
    "DTL415", "missing-component", E, "A Component of the model is missing from the twin.",
    why="Azure Digital Twins requires every component when a twin is created; an empty one is "
        '{"$metadata": {}}.',
    example='a TemperatureController twin without "thermostat1"',
    service="ValidationFailed",
)
INVALID_COMPONENT = Code(
    "DTL416", "invalid-component", E, "A component value must be a JSON object with its own $metadata object.",
    why="The $metadata member marks a component (IoT Plug and Play recognises components by it) and holds "
        "the metadata of the component's properties.",
    example='"thermostat1": {"targetTemperature": 21}',
    service="ValidationFailed",
)
UNKNOWN_METADATA = Code(
    "DTL417", "unknown-metadata", E, "A $metadata entry names no Property of the model.",
    why="Per-property metadata (sourceTime, lastUpdateTime, ...) exists only for the model's properties.",
    example='"$metadata": {"$model": "...", "Temprature": {"sourceTime": "..."}}',
    service="ValidationFailed",
)
INVALID_METADATA = Code(
    "DTL418", "invalid-metadata", E, "A property's $metadata entry must be an object whose times are RFC 3339 "
    "dateTimes.",
    why="The service reads sourceTime and lastUpdateTime as dateTime values.",
    example='"$metadata": {"$model": "...", "Temperature": {"sourceTime": "yesterday"}}',
    service="ValidationFailed",
)
TOO_LARGE = Code(
    "DTL419", "too-large", E, "A twin or relationship body is larger than 32 KB, or a string value larger than "
    "4 KB (UTF-8).",
    why="These are service limits of Azure Digital Twins (and of IoT Hub device twins).",
    example="a twin with a 5,000-character description property",
    service="InvalidArgument",
)
INVALID_NAME = Code(
    "DTL420", "invalid-name", E, "IoT Hub: names of properties, components, Map keys and Object fields must be "
    "DTDL names.",
    why="IoT Plug and Play digital twins accept only names of 1-64 letters, digits and underscores, starting "
        "with a letter and not ending with an underscore.",
    example='"thermostat1": {"$metadata": {}, "limits": {"max-temp": 30}} with a Map of limits',
    service="ArgumentInvalid",
)
ARRAY_NOT_ALLOWED = Code(
    "DTL421", "array-not-allowed", E, "IoT Hub: array values are not allowed in a digital twin.",
    why="IoT Plug and Play supports Enum, Map and Object among complex values, never Array.",
    example='{"readings": [1, 2, 3]}',
    service="ArgumentInvalid",
)
VALUE_TOO_DEEP = Code(
    "DTL422", "value-too-deep", E, "IoT Hub: a complex value is nested more than 5 levels deep.",
    why="IoT Plug and Play limits complex property values to 5 levels of objects.",
    example='{"a": {"b": {"c": {"d": {"e": {"f": 1}}}}}}',
    service="ArgumentInvalid",
)
UNKNOWN_RELATIONSHIP = Code(
    "DTL430", "unknown-relationship", E, "$relationshipName is not a Relationship of the source twin's model.",
    why="A relationship must be declared by the source twin's model or an Interface it extends.",
    example='{"$relationshipName": "contain", ...} where Room declares contains',
    service="InvalidRelationship",
)
RELATIONSHIP_TARGET_MISMATCH = Code(
    "DTL431", "relationship-target-mismatch", E, "The target twin's model is not the Relationship's target "
    "Interface nor extends it.",
    why="Azure Digital Twins answers \"Twin relationship does not align with the model\".",
    example="a Room 'contains' relationship to a Moon twin where contains targets Floor",
    service="InvalidRelationship",
)
SELF_RELATIONSHIP = Code(
    "DTL432", "self-relationship", E, "A relationship connects a twin to itself.",
    why="Azure Digital Twins refuses relationships whose $sourceId equals $targetId.",
    example='{"$sourceId": "room1", "$targetId": "room1", ...}',
    service="OperationNotAllowed",
)
UNKNOWN_TWIN = Code(
    "DTL433", "unknown-twin", E, "A relationship's source or target twin is not among the given twins.",
    why="The service answers DigitalTwinNotFound for a missing source and TargetTwinNotFound for a missing "
        "target.",
    example='{"$sourceId": "room9", ...} when no twin room9 exists',
    service="DigitalTwinNotFound",
)
MAX_MULTIPLICITY_EXCEEDED = Code(
    "DTL434", "max-multiplicity-exceeded", W, "A twin has more relationships of one name than the Relationship's "
    "maxMultiplicity.",
    why="The model says so, but Azure Digital Twins does not enforce multiplicities: a warning.",
    example="three 'hasMoon' relationships from one planet where maxMultiplicity is 2",
)
DUPLICATE_RELATIONSHIP_ID = Code(
    "DTL435", "duplicate-relationship-id", E, "Two relationships of the same source twin have the same "
    "$relationshipId.",
    why="A relationship id is unique per source twin; the service answers RelationshipAlreadyExists, or the "
        "second replaces the first.",
    example='two relationships "r1" from room1 in one file',
    service="RelationshipAlreadyExists",
)

# --- DTL5xx: JSON Patch (patch.py) -------------------------------------------------------------------------

# --- DTL9xx: recommendations (warnings) --------------------------------------------------------------------


ALL: dict[str, Code] = {c.code: c for c in list(globals().values()) if isinstance(c, Code)}
