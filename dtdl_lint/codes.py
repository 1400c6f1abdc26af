"""THE catalog: every finding code, grouped by family. Codes are never reused or renumbered.

Families: DTL0xx files and JSON; DTL1xx one element or document; DTL2xx across models; DTL3xx model
repository conventions; DTL4xx twins and relationships; DTL5xx JSON Patch; DTL6xx model versions;
DTL7xx Azure Digital Twins queries; DTL8xx Azure Digital Twins import files; DTL9xx recommendations (warnings).
"""

from __future__ import annotations

from .diagnostics import Code, Severity

E = Severity.ERROR
W = Severity.WARNING

# --- DTL0xx: files and JSON -------------------------------------------------------------------------------

FILE_UNREADABLE = Code(
    "DTL001",
    "file-unreadable",
    E,
    "A file or folder found in a folder (or, in the library, named) could not be read.",
    why="A model set with an unreadable file is incomplete; later references into it would fail. A folder that "
    "cannot be read would otherwise leave a check green having checked nothing.",
    example="a file or folder without read permission inside a checked folder",
)
INVALID_ENCODING = Code(
    "DTL002",
    "invalid-encoding",
    E,
    "The file is not valid UTF-8 (a UTF-8 byte order mark is accepted).",
    why="DTDL documents are JSON, which must be UTF-8 when exchanged between systems (RFC 8259).",
    example="a model saved as Latin-1 with an accented displayName",
)
INVALID_JSON = Code(
    "DTL003",
    "invalid-json",
    E,
    "The text is not valid JSON.",
    why="Nothing can be checked in a document that does not parse; the official parser rejects it too.",
    example='{"@id": "dtmi:com:example:Room;1",}',
)
DUPLICATE_KEY = Code(
    "DTL004",
    "duplicate-key",
    E,
    "A JSON object has the same member name twice.",
    why="JSON parsers silently keep one of the values; DTDL requires member names to be unique.",
    example='{"name": "a", "name": "b"}',
    parser_ids=(
        "duplicatePropertyName",
        "repeatedIdProperty",
        "repeatedTypeProperty",
        "repeatedContextProperty",
        "repeatedValueProperty",
        "repeatedLanguageProperty",
        "repeatedGraphProperty",
        "repeatedKeyword",
    ),
)
NON_FINITE_NUMBER = Code(
    "DTL005",
    "non-finite-number",
    E,
    "NaN, Infinity or -Infinity appear as values; JSON has no such tokens.",
    why="Python's json module accepts them, every other JSON parser (and the service) rejects them.",
    example='{"temperature": NaN}',
)
NUMBER_OVERFLOW = Code(
    "DTL006",
    "number-overflow",
    E,
    "A number is too large to be represented as a 64-bit float.",
    why="Such a number becomes infinity, which no DTDL schema accepts.",
    example='{"maxMultiplicity": 1e400}',
)
EMPTY_FILE = Code(
    "DTL007",
    "empty-file",
    E,
    "The file is empty or contains only white space.",
    why="An empty file is not a JSON document; it is usually a truncated write.",
    example="a zero-byte model.json",
)
FILE_TOO_LARGE = Code(
    "DTL008",
    "file-too-large",
    E,
    "The file is larger than the limit for one JSON document (64 MiB).",
    why="No DTDL model or twin comes near this size; reading it whole would exhaust memory. "
    "Use JSON Lines for large batches of twins or patches.",
    example="a 200 MB JSON export passed as a model",
)
NESTING_TOO_DEEP = Code(
    "DTL009",
    "nesting-too-deep",
    E,
    "The JSON nesting is too deep to be processed: beyond what can be read, or "
    "more than 100 levels of arrays and objects in a twin, relationship, patch or value.",
    why="Documents nested thousands of levels deep are never meaningful DTDL and exhaust the parser stack; no "
    "model allows a twin's values to nest more than a few levels.",
    example="[[[[[[ ... ]]]]]] nested 100,000 levels",
)
FILE_SKIPPED = Code(
    "DTL011",
    "file-skipped",
    W,
    "A file found in a folder was not read: it is a named pipe, device or socket, or a "
    "link to a file outside the paths given.",
    why="Reading a pipe or a device can block or never end; and a link in a checked tree should not make "
    "dtdl-lint read (and quote) a file the user did not name. Name the file itself to check it.",
    example="models/shared.json -> /srv/other/shared.json, with `dtdl-lint check models`",
)
UNKNOWN_RECORD = Code(
    "DTL010",
    "unknown-record",
    E,
    "A line of a JSON Lines file is not a twin, relationship, patch or query.",
    why="Each line of a .jsonl/.ndjson file is checked on its own as a twin ($dtId), relationship "
    "($relationshipId, $sourceId, ...), JSON Patch (an array of operations) or query request body "
    '({"query": "SELECT ..."}); a line that is none of them is usually a truncated or misplaced record, and would '
    "be rejected when sent.",
    example='{"$dtId": "room1", "$metadata": {"$model": "dtmi:com:example:Room;1"}}\n{"name": "room2"}',
)

# --- DTL1xx: one element or document (parser.py) ----------------------------------------------------------

NOT_JSON_OBJECT = Code(
    "DTL101",
    "not-json-object",
    E,
    "A DTDL document must be a JSON object or an array of JSON objects.",
    why="Each top-level JSON object is one Interface; scalars and nested arrays define nothing.",
    example='["dtmi:com:example:Room;1"]',
    parser_ids=("notJsonObject",),
)
ID_NOT_STRING = Code(
    "DTL110",
    "id-not-string",
    E,
    "An @id must be a non-empty string.",
    why="@id identifies the element across all documents; only a DTMI string can do that.",
    example='{"@id": 42, "@type": "Interface", "@context": "dtmi:dtdl:context;2"}',
    parser_ids=("idNotString",),
)
INVALID_ID = Code(
    "DTL111",
    "invalid-id",
    E,
    "An @id must be a valid DTMI of the element's DTDL version (dtmi:segment:segment;version; in v3 the version "
    "may be left out or be major.minor).",
    why="Segments start with a letter and hold letters, digits and '_' (not at the end); the version is "
    "1 to 9 digits without a leading zero; no fragment, no segment starting with '_'.",
    example='"@id": "dtmi:com:example:my-room;1"',
    parser_ids=("invalidId", "disallowedIdFragment"),
)
ID_TOO_LONG = Code(
    "DTL112",
    "id-too-long",
    E,
    "An @id is at most 2048 characters, an Interface @id at most 128.",
    why="The service and the official parser refuse longer identifiers.",
    example='an Interface "@id" of 200 characters',
    parser_ids=("idTooLong", "idTooLongForType"),
)
RESERVED_ID = Code(
    "DTL113",
    "reserved-id",
    E,
    "An @id may not start with dtmi:dtdl: or dtmi:standard: (nor dtmi:iotcentral: "
    "when the IoT Central context is active).",
    why="Those prefixes name the language's own elements.",
    example='"@id": "dtmi:dtdl:myInterface;1"',
    parser_ids=("reservedId",),
)
NOT_AN_INTERFACE = Code(
    "DTL102",
    "not-an-interface",
    E,
    "Every top-level element of a document must be an Interface.",
    why="Only Interfaces can stand alone; schemas and contents live inside an Interface.",
    example='{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:com:example:T;1", "@type": "Telemetry"}',
    parser_ids=("typeNotRootable",),
)
MISSING_CONTEXT = Code(
    "DTL103",
    "missing-context",
    E,
    "A top-level element needs an @context whose first value is a DTDL context (dtmi:dtdl:context;3 or ;2).",
    why="Without the DTDL context no term (Interface, name, schema) has a meaning.",
    example='{"@id": "dtmi:com:example:Room;1", "@type": "Interface"}',
    parser_ids=("missingContext", "emptyContext", "missingDtdlContext"),
)
INVALID_CONTEXT = Code(
    "DTL104",
    "invalid-context",
    E,
    "An @context value must be a string or an array of strings, each a "
    "versioned DTMI naming a known context, the DTDL context first.",
    why="DTDL v2 allows no local term definitions, URLs, fragments or minor versions in @context.",
    example='"@context": ["dtmi:dtdl:context;2", {"term": "http://example.com/term"}]',
    parser_ids=(
        "invalidContext",
        "disallowedLocalContext",
        "localContextNotLast",
        "nonDtmiContextSpecifier",
        "invalidContextSpecifier",
        "missingContextVersion",
        "invalidContextSpecifierForVersion",
        "disallowedContextFragment",
        "dtdlContextFollowsAffiliate",
        "unrecognizedContextVersion",
        "invalidContextFragment",
        "misplacedLimitContext",
    ),
)
UNDEFINED_EXTENSION = Code(
    "DTL105",
    "undefined-extension",
    E,
    "An @context names a language extension that is not defined (in DTDL v3 by default, in v2 with "
    "--extensions disallow).",
    why="DTDL v2 knows one extension, dtmi:iotcentral:context;2, and DTDL v3 QuantitativeTypes, Historization, "
    "Annotation, Overriding, MQTT and Requirement; other contexts leave the model incomplete, which DTDL v3 "
    "rejects by default.",
    example='"@context": ["dtmi:dtdl:context;2", "dtmi:com:example:context;1"]',
    parser_ids=("unresolvableContextSpecifier", "unresolvableContextVersion"),
)
UNSUPPORTED_VERSION = Code(
    "DTL106",
    "unsupported-dtdl-version",
    W,
    "The document is of a DTDL version the official parser knows and dtdl-lint does not check (v4).",
    why="One notice per document instead of a cascade of findings that do not apply to it. The summary line counts "
    "such documents even where DTL106 is ignored, and --fail-on DTL106 makes them fail the run.",
    example='{"@context": "dtmi:dtdl:context;4", "@id": "dtmi:com:example:Room;1", "@type": "Interface"}',
)
MIXED_VERSION = Code(
    "DTL107",
    "mixed-dtdl-version",
    E,
    "An element may not define or reference an element of another DTDL version where its own version forbids it.",
    why="A v2 model cannot contain or depend on v3 definitions; a v3 Interface may use v2 elements in some "
    "places only (its contents, extends, Component schemas and complex schemas, not its schemas, Command "
    "payloads, enumValues, fields, mapKey or mapValue).",
    example='a Telemetry with "@context": "dtmi:dtdl:context;3" inside a v2 Interface',
    parser_ids=("disallowedVersionDefinition", "disallowedVersionReference"),
)
GRAPH_KEYWORD = Code(
    "DTL108",
    "graph-keyword",
    E,
    "@graph is not allowed anywhere in a DTDL document.",
    why="DTDL documents are plain element trees, not JSON-LD graphs.",
    example='{"@context": "dtmi:dtdl:context;2", "@graph": [...]}',
    parser_ids=("topLevelGraphDisallowed", "graphDisallowed", "graphNotObject"),
)
MISSING_ELEMENT_ID = Code(
    "DTL109",
    "missing-element-id",
    E,
    "This element needs an @id (top-level and inline Interfaces, entries of "
    "schemas), or a name from which its id is made.",
    why="Interfaces and reusable schemas are referred to by @id; unnamed contents get no identifier.",
    example='"schemas": [{"@type": "Enum", "valueSchema": "integer", "enumValues": [...]}]',
    parser_ids=(
        "missingTopLevelId",
        "missingRequiredId",
        "missingDtmiSegPropertyValue",
        "missingDictKeyPropertyValue",
        "dtmiSegPropertyNotStringOrNumber",
    ),
)
WRONG_TYPE = Code(
    "DTL114",
    "wrong-type",
    E,
    "The element's @type is missing or names a class that is not allowed here.",
    why="Each position takes given classes: contents take Telemetry, Property, Command, Relationship or "
    "Component; schemas take Array, Enum, Map or Object; primitive schemas are lower-case terms.",
    example='"schema": "Double"',
    parser_ids=("badType", "objectCountBelowMin", "propertyCountBelowMin"),
)
MULTIPLE_CLASSES = Code(
    "DTL115",
    "multiple-classes",
    E,
    "An element's @type names more than one class.",
    why="An element is exactly one of Telemetry, Property, Command, ...; co-types may only add semantics.",
    example='"@type": ["Telemetry", "Property"]',
    parser_ids=("multipleMaterialTypes",),
)
INVALID_COTYPE = Code(
    "DTL116",
    "invalid-cotype",
    E,
    "A co-type in @type is a malformed DTMI, or a DTDL term or DTMI that means nothing for this element.",
    why="Only semantic types and extension types may accompany the class; other reserved terms are errors.",
    example='"@type": ["Telemetry", "displayName"]',
    parser_ids=(
        "typeIrrelevantDtmiOrTerm",
        "typeInvalidDtmi",
        "abstractSupplementalType",
        "typeNotDtmiNorTerm",
        "typeUndefinedTerm",
    ),
)
COTYPE_NOT_ALLOWED = Code(
    "DTL117",
    "cotype-not-allowed",
    E,
    "This co-type cannot be used on this class (semantic and IoT "
    "Central types only on Property and Telemetry; DTDL v3 extension types never in v2).",
    why="The co-type adds members (such as unit) that the class does not have.",
    example='"@type": ["Command", "Temperature"]',
    parser_ids=("invalidCotype", "invalidCotypeVersion"),
)
CONFLICTING_SEMANTIC_TYPES = Code(
    "DTL118",
    "conflicting-semantic-types",
    E,
    "An element has more than one semantic type.",
    why="Each semantic type brings its own unit; two of them conflict.",
    example='"@type": ["Telemetry", "Temperature", "Pressure"]',
    parser_ids=("conflictingSupplementalTypes",),
)
MEMBER_NOT_ALLOWED = Code(
    "DTL120",
    "member-not-allowed",
    E,
    "A member is not allowed on this element's class.",
    why="Unknown members are only tolerated on elements with an undefined co-type; a typo here is "
    "otherwise silently meaningless.",
    example='a Telemetry with "writable": true',
    parser_ids=(
        "noTypeThatAllows",
        "inferredTypeDoesNotAllow",
        "propertyIrrelevantDtmiOrTerm",
        "propertyInvalidDtmi",
        "propertyNotDtmiNorTerm",
        "propertyUndefinedTerm",
    ),
)
MISSING_MEMBER = Code(
    "DTL121",
    "missing-member",
    E,
    "A required member is missing or empty.",
    why="Telemetry and Property need name and schema, Enum needs enumValues and valueSchema, and so on.",
    example='{"@type": "Telemetry", "name": "temp"}',
    parser_ids=(
        "missingLiteralProperty",
        "missingObjectProperty",
        "missingSupplementalObjectProperty",
        "missingSupplementalLiteralProperty",
        "missingSupplementalIdentifierProperty",
        "objectCountBelowMin",
        "stringCountBelowMin",
        "literalCountBelowMin",
    ),
)
TOO_MANY_VALUES = Code(
    "DTL122",
    "too-many-values",
    E,
    "A member that takes one value has several.",
    why="name, schema, unit, writable and the like are singular.",
    example='"schema": ["double", "float"]',
    parser_ids=(
        "objectMultipleValues",
        "stringMultipleValues",
        "booleanMultipleValues",
        "integerMultipleValues",
        "literalMultipleValues",
        "identifierMultipleValues",
    ),
)
DUPLICATE_MEMBER = Code(
    "DTL123",
    "duplicate-member",
    E,
    "A member is given both as a term and as its DTMI.",
    why='"name" and "dtmi:dtdl:property:name;2" are the same member; only one may be given.',
    example='{"name": "a", "dtmi:dtdl:property:name;2": "b"}',
    parser_ids=("duplicatePropertyName",),
)
INVALID_LITERAL = Code(
    "DTL124",
    "invalid-literal",
    E,
    "A string, integer or boolean member has a value of the wrong kind, or a malformed value object.",
    why="writable is a boolean, maxMultiplicity an integer, comment a string; a value object needs @value "
    "of that kind and no @id, @context or @graph.",
    example='"writable": "true"',
    parser_ids=(
        "stringNotString",
        "stringObjectNoValue",
        "stringValueNotString",
        "stringTypeNotString",
        "integerNotInteger",
        "integerObjectNoValue",
        "integerValueNotInteger",
        "integerTypeNotInteger",
        "booleanNotBoolean",
        "booleanObjectNoValue",
        "booleanValueNotBoolean",
        "booleanTypeNotBoolean",
        "literalNotValid",
        "literalObjectNoValue",
        "literalTypeNotSingular",
        "valueObjectInvalidProp",
        "valueObjectId",
        "valueObjectContext",
        "valueObjectGraph",
        "valueObjectLanguage",
        "valueObjectKeyword",
        "propertyValueNull",
    ),
)
INVALID_ELEMENT_NAME = Code(
    "DTL125",
    "invalid-element-name",
    E,
    "A name must be 1 to 64 characters (DTDL v3: 512): a letter, then letters, digits or '_', not ending with '_'.",
    why="Names become identifiers in twins, APIs and generated code.",
    example='"name": "target-temperature"',
    parser_ids=("stringInvalid", "stringTooLong"),
)
STRING_TOO_LONG = Code(
    "DTL126",
    "string-too-long",
    E,
    "displayName is at most 64 characters (DTDL v3: 512), description and comment at most 512 (per language).",
    why="The official parser and the services refuse longer texts.",
    example="a description of 600 characters",
    parser_ids=("langStringValueTooLong", "stringTooLong"),
)
INVALID_LOCALIZED_STRING = Code(
    "DTL127",
    "invalid-localized-string",
    E,
    "displayName and description take a string, a language map "
    '{"en": "..."} or an array of strings and {"@value", "@language"} objects.',
    why="Language tags are case-sensitive (en, de-DE); each language, the default one included, at most once.",
    example='"displayName": {"EN": "Room"}',
    parser_ids=(
        "langStringNotLangString",
        "langStringElementNotStringOrObject",
        "langStringElementNoValue",
        "langStringElementValueNotString",
        "langStringElementCodeNotString",
        "langStringElementInvalidCode",
        "langStringElementInvalidProp",
        "langStringElementId",
        "langStringElementContext",
        "langStringElementGraph",
        "langStringElementCodeNotUnique",
        "langStringInvalidCode",
        "langMapObjKeyword",
        "langTagValueInLangMap",
        "langStringValueNotString",
        "langStringCodeNotUnique",
        "langStringElementType",
        "langStringElementKeyword",
    ),
)
INVALID_REFERENCE = Code(
    "DTL128",
    "invalid-reference",
    E,
    "Where an element is expected, the value must be an inline element object, a DTMI, or (for schemas) a schema term.",
    why='Numbers, unknown words and {"@id": ...} objects are not references; ids under dtmi:dtdl:, '
    "dtmi:standard: and dtmi:iotcentral: are never user definitions.",
    example='"schema": "int"',
    parser_ids=(
        "badDtmiOrTerm",
        "refNotStringOrObject",
        "refObjectNotAllowed",
        "idReference",
        "undefinedReservedId",
        "idRefBadDtmiOrTerm",
    ),
)
INVALID_TARGET = Code(
    "DTL129",
    "invalid-target",
    E,
    "A Relationship target must be one Interface DTMI.",
    why="target names the Interface of the twins the relationship may point to.",
    example='"target": "https://example.com/Room"',
    parser_ids=(
        "identifierNotString",
        "identifierNotDtmi",
        "identifierInvalid",
        "identifierTooLong",
        "identifierMultipleValues",
    ),
)
VALUE_NOT_ALLOWED = Code(
    "DTL130",
    "value-not-allowed",
    E,
    "The value is not one of those allowed: Enum valueSchema integer or "
    "string, MapKey schema string, commandType synchronous or asynchronous.",
    why="These members take a fixed set of terms.",
    example='"valueSchema": "double"',
    parser_ids=("incorrectPropertyValue",),
)
MULTIPLICITY_OUT_OF_RANGE = Code(
    "DTL131",
    "multiplicity-out-of-range",
    E,
    "maxMultiplicity is 1 to 500 (in DTDL v3 at least 1); minMultiplicity must be 0.",
    why="DTDL fixes these bounds.",
    example='"minMultiplicity": 1',
    parser_ids=("valueBelowRange", "valueAboveRange", "valueNotExact"),
)
ENUM_VALUE_TYPE = Code(
    "DTL132",
    "enum-value-type",
    E,
    "An enumValue must match the Enum's valueSchema (an integer or a string).",
    why="Twin values of the Enum are checked against these literals.",
    example='"valueSchema": "integer", "enumValues": [{"name": "on", "enumValue": "1"}]',
    parser_ids=("nonConformantDatatype",),
)
SCHEMA_NOT_FOR_COTYPE = Code(
    "DTL133",
    "schema-not-for-cotype",
    E,
    "The schema does not suit the co-type: a semantic type needs "
    "double, float, integer or long; IoT Central State an Enum, Event a number or string, Location a "
    "geospatial schema, VelocityVector/AccelerationVector the vector schema.",
    why="Units and co-type semantics only apply to the schemas the co-type is defined for.",
    example='"@type": ["Telemetry", "Temperature"], "schema": "string"',
    parser_ids=("notRequiredType", "notRequiredValue"),
)
INVALID_UNIT = Code(
    "DTL134",
    "invalid-unit",
    E,
    "unit must be one unit of the semantic type's unit type.",
    why="A Temperature is in degreeCelsius, degreeFahrenheit or kelvin, not in metre.",
    example='"@type": ["Property", "Area"], "unit": "farad"',
    parser_ids=("notRequiredType", "wrongParent", "badDtmiOrTerm", "refNotStringOrObject", "badType"),
)
TOO_MANY_ITEMS = Code(
    "DTL135",
    "too-many-items",
    E,
    "A collection is too long: Enum enumValues 1-100, Object fields 1-30, Relationship properties at most 300.",
    why="DTDL v2 limits the size of these collections (DTDL v3 does not).",
    example="an Object with 31 fields",
    parser_ids=("objectCountAboveMax",),
)
DUPLICATE_NAME = Code(
    "DTL136",
    "duplicate-name",
    E,
    "Names must be unique among an Interface's contents, an Object's fields, "
    "an Enum's enumValues and a Relationship's properties; enumValues unique in an Enum.",
    why="Names are the keys of twin documents, commands and telemetry messages.",
    example='two Telemetry named "temp" in one Interface',
    parser_ids=("nonUniquePropertyValue",),
)

# --- DTL2xx: across models (modelcheck.py) -----------------------------------------------------------------

UNRESOLVED_REFERENCE = Code(
    "DTL201",
    "unresolved-reference",
    E,
    "A DTMI used as extends, component schema, schema or contents is defined in none of the models given.",
    why="The model set is incomplete: the official parser refuses it until every dependency resolves. "
    "Pass the defining files too, or --models / --repo.",
    example='"extends": "dtmi:com:example:Base;1" with no file defining it',
)
DUPLICATE_DEFINITION = Code(
    "DTL202",
    "duplicate-definition",
    E,
    "Two elements have the same @id.",
    why="An @id names exactly one element across all the documents of a model set.",
    example="two files both defining dtmi:com:example:Room;1",
    parser_ids=("duplicateDefinition",),
)
WRONG_REFERENCE_TYPE = Code(
    "DTL203",
    "wrong-reference-type",
    E,
    "A DTMI reference resolves to an element of a class not allowed there.",
    why="extends and component schemas take Interfaces, schema references take Array, Enum, Map or Object.",
    example='"extends": "dtmi:com:example:SomeEnum;1"',
    parser_ids=("badType", "propertyCountBelowMin"),
)
CROSS_PARTITION_REFERENCE = Code(
    "DTL204",
    "cross-partition-reference",
    E,
    "A reference may only point to an Interface, a top-level element, or an element of the same Interface.",
    why="An Interface's schemas are private to it: extending or nested Interfaces cannot reuse them.",
    example="a Telemetry of Interface B using an Enum from Interface A's schemas",
    parser_ids=("crossPartitionReference",),
)
INHERITED_NAME_CONFLICT = Code(
    "DTL205",
    "inherited-name-conflict",
    E,
    "A content name is also used by an inherited content (through extends).",
    why="An Interface and everything it extends share one namespace of content names.",
    example='Room extends Space; both declare a Property "area"',
    parser_ids=("nonUniqueImportedPropertyValue",),
)
EXTENDS_CYCLE = Code(
    "DTL206",
    "extends-cycle",
    E,
    "An Interface extends itself, directly or through other Interfaces.",
    why="Inheritance must be acyclic.",
    example="A extends B, B extends A",
    parser_ids=("recursiveStructureNarrow",),
)
EXTENDS_TOO_DEEP = Code(
    "DTL207",
    "extends-too-deep",
    E,
    "An extends chain is longer than 10.",
    why="DTDL v2 and v3 limit the inheritance depth to 10.",
    example="a chain of 12 Interfaces, each extending the next",
    parser_ids=("excessiveDepthNarrow",),
)
TOO_MANY_EXTENDS = Code(
    "DTL208",
    "too-many-extends",
    E,
    "An Interface extends more than 2 Interfaces directly (DTDL v3: more than 1,024 in its extends hierarchy, "
    "counted per path).",
    why="DTDL v2 allows at most two direct bases; DTDL v3 bounds the hierarchy instead.",
    example='"extends": ["dtmi:a:A;1", "dtmi:a:B;1", "dtmi:a:C;1"]',
    parser_ids=("objectCountAboveMax", "excessiveCount"),
)
TOO_MANY_CONTENTS = Code(
    "DTL209",
    "too-many-contents",
    E,
    "An Interface has more than 300 contents, inherited ones included (DTDL v3: more than 100,000 elements in its "
    "hierarchy, everything below its contents counted per path).",
    why="DTDL v2 limits an Interface to 300 contents; DTDL v3 bounds the whole hierarchy instead.",
    example="an Interface with 250 Properties extending one with 60",
    parser_ids=("objectCountAboveMax", "excessiveCount"),
)
NESTED_COMPONENT = Code(
    "DTL210",
    "nested-component",
    E,
    "The Interface used as a Component schema contains a Component (its own or inherited).",
    why="DTDL v2 and v3 allow only one level of components.",
    example="Room has Component thermostat whose Interface has Component sensor",
    parser_ids=("excludedType",),
)
COMPONENT_CYCLE = Code(
    "DTL211",
    "component-cycle",
    E,
    "An Interface contains itself through Component schemas.",
    why="An element may have no path to itself.",
    example="Interface A with a Component whose schema is A",
    parser_ids=("excludedType",),
)
SCHEMA_TOO_DEEP = Code(
    "DTL212",
    "schema-too-deep",
    E,
    "A complex schema nests more than 5 levels (geospatial schemas count their own levels).",
    why="DTDL v2 and v3 limit complex-schema depth to 5.",
    example="six Arrays nested in each other",
    parser_ids=("excessiveDepthWide",),
)
RECURSIVE_SCHEMA = Code(
    "DTL213",
    "recursive-schema",
    E,
    "A complex schema contains itself.",
    why="Recursive schemas are not allowed in DTDL v2 and v3.",
    example="an Object whose field has the Object itself as schema",
    parser_ids=("recursiveStructureWide",),
)
ARRAY_IN_PROPERTY = Code(
    "DTL214",
    "array-in-property",
    E,
    "A DTDL v2 Property's schema contains an Array or a geospatial schema.",
    why="Properties are synchronised state; DTDL v2 forbids Arrays anywhere in them (DTDL v3 allows them).",
    example="a Property whose Object schema has a field of Array schema",
    parser_ids=("excludedType",),
)

# --- DTL3xx: model repository conventions (repository.py) ------------------------------------------------
# The IoT Plug and Play layout (dtmi/com/example/thermostat-1.json), as `dmr-client validate --strict` and the
# public repository's pull request rules check it (../shared/reference/model-repository.md).

MISPLACED_MODEL = Code(
    "DTL301",
    "misplaced-model",
    E,
    "A repository file is not at the path its model's DTMI gives (lower case, ':' as '/', ';' as '-').",
    why="Resolvers fetch a model from the path its DTMI gives, exactly: a model anywhere else cannot be found, "
    "and `dmr-client validate --strict` rejects it.",
    example="dtmi/com/Example/thermostat-1.json holding dtmi:com:example:Thermostat;1",
)
SEVERAL_MODELS_IN_FILE = Code(
    "DTL302",
    "several-models-in-file",
    E,
    "A repository file holds an array instead of one model (a single JSON object).",
    why="A repository keeps one model per file, named after it; strict validation requires a single root object.",
    example='[{"@id": "dtmi:com:example:Room;1", ...}, {"@id": "dtmi:com:example:Lamp;1", ...}]',
)
ID_OUTSIDE_MODEL = Code(
    "DTL303",
    "id-outside-model",
    E,
    "An inline element's @id is not under its model's DTMI.",
    why="A model owns the ids under its own DTMI only (dtmi:com:example:Room;1 may define "
    "dtmi:com:example:Room:sensor;1); `dmr-client validate --strict` rejects others.",
    example='an Object schema "@id": "dtmi:com:other:Point;1" inside dtmi:com:example:Room;1',
)
RESERVED_WORD_IN_ID = Code(
    "DTL304",
    "reserved-word-in-id",
    W,
    "An @id contains Azure or Microsoft (in any case).",
    why="The repository's rules reserve these words; earlier strict validation rejected them, reviewers still may.",
    example='"@id": "dtmi:com:example:AzureSensor;1"',
)
MISSING_DEPENDENCY = Code(
    "DTL305",
    "missing-dependency",
    E,
    "A model refers to a DTMI that the repository does not hold where its DTMI says.",
    why="A model is published with the models its references lead to; a resolver finds each at the path its DTMI "
    "gives, or the model cannot be used.",
    example='"extends": "dtmi:com:example:Base;1" with no dtmi/com/example/base-1.json in the repository',
)
STALE_EXPANDED = Code(
    "DTL306",
    "stale-expanded",
    E,
    "A .expanded.json file is not the array of its model and the models of its dependency closure.",
    why="Resolvers read the expanded file instead of the model when it exists: one that differs from the models "
    "serves another model than the repository holds.",
    example="dtmi/com/example/room-1.expanded.json without the model Room extends",
)

# --- DTL4xx: twins and relationships (twin.py, values.py) --------------------------------------------------
# `service` is what Azure Digital Twins answers; with --target iothub every finding is ArgumentInvalid.

WRONG_VALUE_TYPE = Code(
    "DTL401",
    "wrong-value-type",
    E,
    "A value has the wrong JSON type for its DTDL schema.",
    why="The service checks every value against its schema: a double is a JSON number, an integer an integer "
    'literal (1.0 is not one), a boolean true or false (not "true"), a Map or Object a JSON object; '
    "null conforms to no schema.",
    example='{"Temperature": "21.5"} where Temperature has schema double',
    service="ValidationFailed",
)
VALUE_OUT_OF_RANGE = Code(
    "DTL402",
    "value-out-of-range",
    E,
    "A number is outside the range of its schema.",
    why="integer is 32-bit and long 64-bit signed; float must stay finite in IEEE binary32 and double in binary64.",
    example='{"count": 3000000000} where count has schema integer',
    service="ValidationFailed",
)
INVALID_DATE_TIME = Code(
    "DTL403",
    "invalid-date-time",
    E,
    "A date, time or dateTime value is not RFC 3339 or not a real date or time.",
    why="date is YYYY-MM-DD (a real Gregorian date, year 0001-9999), time is hh:mm:ss[.f] with a mandatory "
    "offset, dateTime both joined by an upper-case T; no leap second, no 24:00.",
    example='{"installedOn": "1965-02-29"}',
    service="ValidationFailed",
)
INVALID_DURATION = Code(
    "DTL404",
    "invalid-duration",
    E,
    "A duration value is not an ISO 8601 duration.",
    why="A duration is P, then years, months (or weeks) and days, then T and hours, minutes, seconds, in "
    "that order, with at least one component and a fraction only on the last one (grammars/duration.lark).",
    example='{"interval": "PT"}',
    service="ValidationFailed",
)
ENUM_VALUE_NOT_LISTED = Code(
    "DTL405",
    "enum-value-not-listed",
    E,
    "A value of an Enum schema is none of its enumValues.",
    why="An Enum value is sent as one of the listed enumValue literals, never as the EnumValue's name; an Enum "
    "without enumValues (DTDL v3 allows one) accepts no value.",
    example='{"mode": "heating"} where the Enum lists the values 1 and 2',
    service="ValidationFailed",
)
UNKNOWN_OBJECT_FIELD = Code(
    "DTL406",
    "unknown-object-field",
    E,
    "A value of an Object schema has a member that is not one of its fields.",
    why="Object fields are optional, but members that are not declared fields are rejected; an Object without "
    "fields (DTDL v3 allows one) accepts only {}.",
    example='{"address": {"street": "Main St", "zip": "1000"}} where the Object has no field zip',
    service="ValidationFailed",
)
NOT_AN_OBJECT = Code(
    "DTL410",
    "not-an-object",
    E,
    "A twin or relationship must be a JSON object.",
    why="The service takes one twin or relationship per request, as a JSON object.",
    example='[{"$dtId": "room1"}] sent as one twin',
    service="InvalidArgument",
)
MISSING_ID = Code(
    "DTL411",
    "missing-id",
    E,
    "A relationship needs $targetId and $relationshipName; every id given in a body "
    "($dtId, $relationshipId, $sourceId, $targetId) is a non-empty string (or null where the URL names it).",
    why="The request URL names the twin, or the relationship and its source twin (PUT /digitaltwins/{id}, "
    "PUT /digitaltwins/{src}/relationships/{id}), so those ids may be left out of the body; what the "
    "relationship connects to and which Relationship of the model it is can only come from the body.",
    example='{"$sourceId": "room1", "$relationshipName": "contains"} (no $targetId)',
    service="InvalidArgument",
)
MISSING_MODEL = Code(
    "DTL412",
    "missing-model",
    E,
    "A twin needs a $metadata object with $model, the DTMI of its model.",
    why="Azure Digital Twins validates a twin against the model named by $metadata.$model; it is required "
    "when a twin is created.",
    example='{"$dtId": "room1", "Temperature": 21}',
    service="ValidationFailed",
)
UNKNOWN_MODEL = Code(
    "DTL413",
    "unknown-model",
    E,
    "$metadata.$model names a model that is not among the models.",
    why="The service accepts twins only of uploaded models; check the DTMI and its version, and that the "
    "model file is given with --models.",
    example='"$metadata": {"$model": "dtmi:com:example:Room;2"} when only Room;1 exists',
    service="ValidationFailed",
)
UNKNOWN_PROPERTY = Code(
    "DTL414",
    "unknown-property",
    E,
    "A twin or relationship member is not a Property (or Component) of its model.",
    why="Only Properties of the model, including inherited ones, and its Components can be set on a twin; "
    "Telemetry, Commands and Relationships are not stored as twin members. A relationship carries only "
    "the properties its Relationship declares.",
    example='{"Temprature": 21} where the model has Temperature',
    service="ValidationFailed",
)
MISSING_COMPONENT = Code(
    "DTL415",
    "missing-component",
    E,
    "A Component of the model is missing from the twin.",
    why='Azure Digital Twins requires every component when a twin is created; an empty one is {"$metadata": {}}.',
    example='a TemperatureController twin without "thermostat1"',
    service="ValidationFailed",
)
INVALID_COMPONENT = Code(
    "DTL416",
    "invalid-component",
    E,
    "A component value must be a JSON object with its own $metadata object.",
    why="The $metadata member marks a component (IoT Plug and Play recognises components by it) and holds "
    "the metadata of the component's properties.",
    example='"thermostat1": {"targetTemperature": 21}',
    service="ValidationFailed",
)
UNKNOWN_METADATA = Code(
    "DTL417",
    "unknown-metadata",
    E,
    "A $metadata entry names no Property of the model.",
    why="Per-property metadata (sourceTime, lastUpdateTime, ...) exists only for the model's properties.",
    example='"$metadata": {"$model": "...", "Temprature": {"sourceTime": "..."}}',
    service="ValidationFailed",
)
INVALID_METADATA = Code(
    "DTL418",
    "invalid-metadata",
    E,
    "A property's $metadata entry must be an object whose times are RFC 3339 dateTimes.",
    why="The service reads sourceTime and lastUpdateTime as dateTime values.",
    example='"$metadata": {"$model": "...", "Temperature": {"sourceTime": "yesterday"}}',
    service="ValidationFailed",
)
TOO_LARGE = Code(
    "DTL419",
    "too-large",
    E,
    "A twin or relationship body is larger than 32 KB, or a string value larger than 4 KB (UTF-8).",
    why="These are service limits of Azure Digital Twins (and of IoT Hub device twins).",
    example="a twin with a 5,000-character description property",
    service="InvalidArgument",
)
INVALID_NAME = Code(
    "DTL420",
    "invalid-name",
    E,
    "IoT Hub: names of properties, components, Map keys and Object fields must be DTDL names.",
    why="IoT Plug and Play digital twins accept only names of 1-64 letters, digits and underscores, starting "
    "with a letter and not ending with an underscore.",
    example='"thermostat1": {"$metadata": {}, "limits": {"max-temp": 30}} with a Map of limits',
    service="ArgumentInvalid",
)
ARRAY_NOT_ALLOWED = Code(
    "DTL421",
    "array-not-allowed",
    E,
    "IoT Hub: array values are not allowed in a digital twin.",
    why="IoT Plug and Play supports Enum, Map and Object among complex values, never Array.",
    example='{"readings": [1, 2, 3]}',
    service="ArgumentInvalid",
)
VALUE_TOO_DEEP = Code(
    "DTL422",
    "value-too-deep",
    E,
    "IoT Hub: a complex value is nested more than 5 levels deep.",
    why="IoT Plug and Play limits complex property values to 5 levels of objects.",
    example='{"a": {"b": {"c": {"d": {"e": {"f": 1}}}}}}',
    service="ArgumentInvalid",
)
UNKNOWN_RELATIONSHIP = Code(
    "DTL430",
    "unknown-relationship",
    E,
    "$relationshipName is not a Relationship of the source twin's model.",
    why="A relationship must be declared by the source twin's model or an Interface it extends.",
    example='{"$relationshipName": "contain", ...} where Room declares contains',
    service="InvalidRelationship",
)
ID_IGNORED = Code(
    "DTL423",
    "id-ignored",
    W,
    "An id in the body ($dtId, $relationshipId, $sourceId) differs from the one in the "
    "request URL, which the service uses instead.",
    why="On PUT the service takes the twin (or relationship and source twin) from the URL and ignores the body's "
    "id: a body that names another twin is usually one copied from another request.",
    example='PUT /digitaltwins/room2 with {"$dtId": "room1", ...} (lint_twin(body, models, twin_id="room2"))',
)
RELATIONSHIP_TARGET_MISMATCH = Code(
    "DTL431",
    "relationship-target-mismatch",
    E,
    "The target twin's model is not the Relationship's target Interface nor extends it.",
    why='Azure Digital Twins answers "Twin relationship does not align with the model".',
    example="a Room 'contains' relationship to a Moon twin where contains targets Floor",
    service="InvalidRelationship",
)
SELF_RELATIONSHIP = Code(
    "DTL432",
    "self-relationship",
    E,
    "A relationship connects a twin to itself.",
    why="Azure Digital Twins refuses relationships whose $sourceId equals $targetId.",
    example='{"$sourceId": "room1", "$targetId": "room1", ...}',
    service="OperationNotAllowed",
)
UNKNOWN_TWIN = Code(
    "DTL433",
    "unknown-twin",
    W,
    "A relationship's source or target twin is not among the given twins.",
    why="If the twin does not exist in the instance either, the service answers DigitalTwinNotFound for a "
    "missing source and TargetTwinNotFound for a missing target; a warning, as it may exist there.",
    example='{"$sourceId": "room9", ...} when no twin room9 exists',
    service="DigitalTwinNotFound",
)
MAX_MULTIPLICITY_EXCEEDED = Code(
    "DTL434",
    "max-multiplicity-exceeded",
    W,
    "A twin has more relationships of one name than the Relationship's maxMultiplicity.",
    why="The model says so, but Azure Digital Twins does not enforce multiplicities: a warning.",
    example="three 'hasMoon' relationships from one planet where maxMultiplicity is 2",
)
DUPLICATE_RELATIONSHIP_ID = Code(
    "DTL435",
    "duplicate-relationship-id",
    E,
    "Two relationships of the same source twin have the same $relationshipId.",
    why="A relationship id is unique per source twin; the service answers RelationshipAlreadyExists, or the "
    "second replaces the first.",
    example='two relationships "r1" from room1 in one file',
    service="RelationshipAlreadyExists",
)

# --- DTL44x: twins of DTDL v3 models (twin.py) ---------------------------------------------------------------

IOTHUB_DTDL_VERSION = Code(
    "DTL440",
    "iothub-dtdl-version",
    W,
    "IoT Hub: the twin's model is of a DTDL version (v3) that IoT Plug and Play does not document.",
    why="IoT Plug and Play's digital twin documentation describes DTDL v2 models only (no Arrays in properties, "
    "names of at most 64 characters); whether IoT Hub accepts twins and patches of DTDL v3 models is not "
    "established. The twin is checked by the IoT Hub rules all the same.",
    example="dtdl-lint check --target iothub twin.json, where the twin's $model is a DTDL v3 Interface",
)
MISSING_REQUIRED_FIELD = Code(
    "DTL441",
    "missing-required-field",
    W,
    "A value of an Object lacks a field the model co-types Required (the Requirement extension).",
    why="The Requirement extension says a Required field is present in every value of its Object. The official "
    "parser's check of values does not enforce it, and whether Azure Digital Twins (which does not list the "
    "extension) or IoT Hub do is not documented: a warning.",
    example='{"address": {"city": "Oslo"}} where the Object\'s field street is ["Field", "Required"]',
)

# --- DTL5xx: JSON Patch (patch.py) -------------------------------------------------------------------------

PATCH_NOT_ARRAY = Code(
    "DTL501",
    "patch-not-array",
    E,
    "A JSON Patch document must be a JSON array of operation objects.",
    why="RFC 6902 section 3; a single operation object not wrapped in an array is the usual mistake.",
    example='{"op": "add", "path": "/temperature", "value": 21}',
    service="JsonPatchInvalid",
)
OPERATION_NOT_OBJECT = Code(
    "DTL502",
    "operation-not-object",
    E,
    "Each item of a JSON Patch array must be an operation object.",
    why="RFC 6902 section 3: the array holds objects with op, path and (for some ops) value or from.",
    example='["add", "/temperature", 21]',
    service="JsonPatchInvalid",
)
INVALID_OP = Code(
    "DTL503",
    "invalid-op",
    E,
    "An operation's op is missing, not a string, or not one of add, remove, replace, move, copy, test.",
    why="RFC 6902 section 4: any other op makes the whole patch invalid.",
    example='[{"op": "set", "path": "/temperature", "value": 21}]',
    service="JsonPatchInvalid",
)
MISSING_OPERATION_MEMBER = Code(
    "DTL504",
    "missing-operation-member",
    E,
    "An operation lacks a member its op requires: path always, value for "
    "add, replace and test, from for move and copy.",
    why="RFC 6902 section 4; note that a value of null is present, a missing value is not.",
    example='[{"op": "replace", "path": "/temperature"}]',
    service="JsonPatchInvalid",
)
INVALID_POINTER = Code(
    "DTL505",
    "invalid-pointer",
    E,
    "path or from is not a string holding a valid JSON Pointer (RFC 6901).",
    why="A pointer is empty or starts with '/', and '~' only appears as '~0' or '~1'.",
    example='[{"op": "remove", "path": "temperature"}]',
    service="JsonPatchInvalid",
)
UNKNOWN_OPERATION_MEMBER = Code(
    "DTL506",
    "unknown-operation-member",
    W,
    "An operation has a member its op does not define.",
    why="RFC 6902 says such members are ignored, so they are usually a mistake: a value on a remove, a typo "
    "such as 'vaule' next to a misspelt member name.",
    example='[{"op": "remove", "path": "/temperature", "value": 21}]',
)
PATCH_DOES_NOT_APPLY = Code(
    "DTL507",
    "patch-does-not-apply",
    E,
    "An operation cannot be applied to the current twin (a missing parent, an index out of range, a failed test).",
    why="The service applies the patch atomically: one operation that cannot be applied rejects all of them.",
    example='[{"op": "add", "path": "/settings/mode", "value": "eco"}] on a twin without "settings"',
    service="JsonPatchInvalid",
)
UNSUPPORTED_OP = Code(
    "DTL510",
    "unsupported-op",
    E,
    "Azure Digital Twins and IoT Hub accept only add, replace and remove.",
    why="PATCH /digitaltwins/{id} rejects move, copy and test operations.",
    example='[{"op": "move", "from": "/a", "path": "/b"}]',
    service="JsonPatchInvalid",
)
PATH_NOT_IN_MODEL = Code(
    "DTL511",
    "path-not-in-model",
    E,
    "An operation's path does not lead to a property, a component, a "
    "component's property, a field of an Object property or an entry of a Map property of the twin's model.",
    why="The service validates every member of the patched twin against the model; unknown members, "
    "Telemetry, Commands, Relationships and single array items cannot be set.",
    example='[{"op": "add", "path": "/temprature", "value": 21}]',
    service="ValidationFailed",
)
PATH_NOT_PATCHABLE = Code(
    "DTL512",
    "path-not-patchable",
    E,
    "An operation targets a member the service maintains itself ($dtId, "
    "$etag, $metadata other than $model and sourceTime entries), a relationship's ids, target or name, or the "
    "whole twin.",
    why="Only property values, components, $metadata/$model and per-property sourceTime can be patched; a "
    "relationship patch changes only the relationship's properties.",
    example='[{"op": "replace", "path": "/$metadata/temperature/lastUpdateTime", "value": "2024-01-01T00:00:00Z"}]',
    service="JsonPatchInvalid",
)
MISSING_ON_TWIN = Code(
    "DTL513",
    "missing-on-twin",
    E,
    "replace or remove of a property, field or entry the current twin does not have.",
    why="JSON Patch replace and remove need an existing target; to set a property for the first time use add.",
    example='[{"op": "replace", "path": "/temperature", "value": 21}] on a twin without "temperature"',
    service="JsonPatchInvalid",
)
IOTHUB_NOT_WRITABLE = Code(
    "DTL514",
    "iothub-not-writable",
    E,
    "IoT Hub: add or replace of a property that is not writable.",
    why="A patch sets desired values, and only writable properties have one; the device reports the others.",
    example='[{"op": "add", "path": "/serialNumber", "value": "x"}] where serialNumber is read-only',
    service="ArgumentInvalid",
)
TWIN_NEEDED = Code(
    "DTL515",
    "twin-needed",
    W,
    "Some operations could only be checked against the model: their outcome "
    "depends on the current twin, which was not given.",
    why="replace and remove need an existing target, add below a property needs its parent, and a model "
    "migration needs every existing property to fit the new model; pass the twin (--twin FILE) to simulate.",
    example='[{"op": "replace", "path": "/temperature", "value": 21}] without --twin',
)
VALUES_NOT_CHECKED = Code(
    "DTL516",
    "values-not-checked",
    W,
    "The model of the patched twin is not known: only the checks that need no "
    "model were made (RFC 6902, operations, paths of $ members and $metadata, sourceTime values).",
    why="Values and property paths are checked against the twin's model; name it with --model, --twin FILE, "
    "per-file-models in the configuration, or model=/twin= in the library (with its models or --repo).",
    example='[{"op": "add", "path": "/temperature", "value": "hot"}] checked without a model',
)

# --- DTL52x: JSON Patch of DTDL v3 models (patch.py) ---------------------------------------------------------

ARRAY_ITEM_PATH = Code(
    "DTL520",
    "array-item-path",
    W,
    "A patch path goes into an item of an Array property (/tags/0, /tags/-): Azure Digital Twins does not "
    "document such paths.",
    why="DTDL v3 allows Arrays in Properties. Azure Digital Twins documents patches of properties, of components' "
    "properties and of an Object's fields, which set, replace or remove a whole value; whether it accepts the "
    "RFC 6902 paths of single array items is not documented (IoT Hub device twins do not: arrays are replaced "
    "whole). The item is checked as RFC 6902 and the element schema say; to be sure, replace the whole array.",
    example='[{"op": "add", "path": "/tags/-", "value": "north"}] where tags is an Array of string',
)

# --- DTL6xx: model versions (diff.py) ---------------------------------------------------------------------

UNVERSIONED_CHANGE = Code(
    "DTL601",
    "unversioned-change",
    E,
    "A model's content changed but its DTMI did not (descriptions, displayName and comment included).",
    why="A model is immutable once uploaded: Azure Digital Twins refuses any model whose @id it already has "
    "(409 ModelAlreadyExists, and the whole batch with it). Give the changed model a greater version.",
    example="dtmi:com:example:Room;1 with a Property added, still dtmi:com:example:Room;1",
    service="ModelAlreadyExists",
)
CONTENT_REMOVED = Code(
    "DTL602",
    "content-removed",
    E,
    "A content of the previous version of a model (inherited ones included) is gone or has another class.",
    why="Twins that hold a removed Property no longer conform to the new version, queries naming it return "
    "nothing without an error, and relationships or components by that name are lost. A rename is a removal "
    "and an addition.",
    example='Room;1 has Property "humidity", Room;2 does not',
    service="ValidationFailed",
)
SCHEMA_NARROWED = Code(
    "DTL603",
    "schema-narrowed",
    E,
    "A schema changed so that a value of the previous version may not conform to the new one.",
    why="Twins holding such a value fail the migration to the new version (replace /$metadata/$model) until "
    "the value is changed in the same patch: double -> integer, an Enum value removed, an Object field removed "
    "or retyped, a Map's values narrowed.",
    example='"schema": "double" in Room;1, "schema": "integer" in Room;2',
    service="ValidationFailed",
)
SCHEMA_WIDENED = Code(
    "DTL604",
    "schema-widened",
    W,
    "A schema changed so that every value of the previous version still conforms (compatible).",
    why="Twins migrate without changes, but code and queries reading the values may meet new ones "
    "(integer -> double, an Enum value or Object field added).",
    example='"schema": "integer" in Room;1, "schema": "double" in Room;2',
)
WRITABLE_CHANGED = Code(
    "DTL605",
    "writable-changed",
    W,
    "A Property or Relationship changed whether it is writable.",
    why="Writers of the property (devices, apps, IoT Plug and Play desired properties) depend on it.",
    example='"writable": true in Room;1, absent in Room;2',
)
COMPONENT_ADDED = Code(
    "DTL606",
    "component-added",
    E,
    "The new version of a model has a Component its previous version lacked.",
    why="Every component of a twin's model must be present on the twin: existing twins lack it and migrate only "
    'with a patch that also adds it ({"op": "add", "path": "/<component>", "value": {"$metadata": {}}}).',
    example='Room;2 adds Component "thermostat"',
    service="ValidationFailed",
)
RELATIONSHIP_NARROWED = Code(
    "DTL607",
    "relationship-narrowed",
    E,
    "A Relationship's target narrowed (to a model other than the old target, a base of it or a later version of "
    "it) or its maxMultiplicity shrank.",
    why="Existing relationships of that name may point at twins the new target does not allow, or be more than "
    "the new maximum.",
    example='"target": "dtmi:com:example:Floor;1" in Room;1, "target": "dtmi:com:example:Wing;1" in Room;2',
    service="ValidationFailed",
)
BASE_REMOVED = Code(
    "DTL608",
    "base-removed",
    E,
    "The new version of a model no longer extends an Interface its previous version extended.",
    why="Its inherited contents go with it, and IS_OF_MODEL(base) no longer finds the twins of the new version.",
    example='"extends": ["dtmi:com:example:Space;1"] in Room;1, no extends in Room;2',
)
CONTENT_ADDED = Code(
    "DTL609",
    "content-added",
    W,
    "The new version of a model adds a Property, Telemetry, Command or Relationship (compatible).",
    why="Additive changes keep every existing twin conforming; reported so that a review sees the whole change.",
    example='Room;2 adds Property "occupancy"',
)
MODEL_REMOVED_IN_USE = Code(
    "DTL610",
    "model-removed-in-use",
    E,
    "A model of the previous set is gone while a model of the new set still extends it or uses it.",
    why="A model can be deleted only once no other model extends it or uses it as a component "
    "(409 ModelReferencesNotDeleted), and models that name it (extends, a Component's schema, a Relationship's "
    "target) upload only where it is: a new set without it is incomplete.",
    example="Room;1 removed while Office;1 still extends it",
    service="ModelReferencesNotDeleted",
)
TWIN_NOT_MIGRATABLE = Code(
    "DTL611",
    "twin-not-migratable",
    E,
    "A twin on a previous version of a model does not conform to the new version, even with the components "
    "it lacks added.",
    why="replace /$metadata/$model succeeds only if the patched twin conforms to the new model; the patch must "
    "also change the values that no longer conform.",
    example='a twin of Room;1 with "humidity": 40, migrated to Room;2 that has no humidity',
    service="ValidationFailed",
)
MINOR_NOT_ADDITIVE = Code(
    "DTL612",
    "minor-not-additive",
    E,
    "A minor version of a model (DTDL v3: the same major version, a greater minor) breaks its previous version.",
    why="DTDL v3 recommends that when only the minor version is increased the changes are strictly additive, so "
    "that a reader can trust 1.2 to take every twin of 1.1; this one has a breaking finding (removed contents, a "
    "narrowed schema, a new component...). Give it a new major version, or make the change additive.",
    example='dtmi:com:example:Room;1.2 without the Property "humidity" of dtmi:com:example:Room;1.1',
)

# --- DTL7xx: Azure Digital Twins queries (query/) -----------------------------------------------------------
# Errors are what the service rejects (400 SqlQueryError); warnings are what it runs and answers with nothing
# (names and values the models do not have) or what it documents as unreliable.

SQL_QUERY_ERROR = "SqlQueryError"  # the error the service answers a query it cannot run

QUERY_SYNTAX = Code(
    "DTL701",
    "query-syntax",
    E,
    "The query does not parse: a word or character stands where the query language expects another.",
    why="The service rejects the query (SqlQueryError, 'SQL query parse failed') only when it runs, after the "
    "request is made; the finding says where and what was expected.",
    example="SELECT * FROM DIGITIALTWINS",
    service=SQL_QUERY_ERROR,
)
QUERY_UNESCAPED_NAME = Code(
    "DTL702",
    "query-unescaped-name",
    E,
    "A reserved word, or a map key that starts with a digit, is used as a name without [[...]].",
    why="The 37 reserved words (SELECT, GROUP, COUNT, IS_DEFINED, ...) and keys like 1st are names only when "
    "written [[Group]] or T.map.[[1st]]; otherwise the query does not parse.",
    example="SELECT * FROM DIGITALTWINS WHERE Group = 'BravoTeam'",
    service=SQL_QUERY_ERROR,
)
QUERY_UNSUPPORTED = Code(
    "DTL703",
    "query-unsupported",
    E,
    "The query uses what the language does not have: a subquery, GROUP BY or ORDER BY, an aggregate other "
    "than COUNT(), array indexing, a parameter.",
    why="The query language is a small subset of SQL; these constructs are documented as unsupported or are "
    "reserved words only.",
    example="SELECT * FROM (SELECT * FROM DIGITALTWINS T WHERE T.x = 1)",
    service=SQL_QUERY_ERROR,
)
QUERY_TOO_LONG = Code(
    "DTL704",
    "query-too-long",
    E,
    "The query is longer than 8,000 characters.",
    why="The service limits a query to 8,000 characters (adjustable on request); a longer one is rejected.",
    example="a query with an IN list of thousands of twin ids",
    service=SQL_QUERY_ERROR,
)
QUERY_TOO_MANY_CONDITIONS = Code(
    "DTL705",
    "query-too-many-conditions",
    E,
    "The query has more than 50 AND / OR operators.",
    why="The service limits a query to 50 AND / OR expressions (adjustable on request).",
    example="WHERE T.a = 1 AND T.b = 2 AND ... (51 times)",
    service=SQL_QUERY_ERROR,
)
QUERY_IN_TOO_LONG = Code(
    "DTL706",
    "query-in-too-long",
    E,
    "An IN or NIN list has more than 100 values.",
    why="The operators reference sets the limit of an IN / NIN set at 100 values; the service limits page at 50.",
    example="WHERE T.$dtId IN ['t1', 't2', ..., 't101']",
    service=SQL_QUERY_ERROR,
)
QUERY_IN_OVER_LIMIT = Code(
    "DTL707",
    "query-in-over-limit",
    W,
    "An IN or NIN list has more than 50 values (and at most 100).",
    why="The service limits page says 50 items in an IN / NOT IN list, the operators page 100: such a list may be "
    "rejected; split the query.",
    example="WHERE T.$dtId IN ['t1', 't2', ..., 't51']",
)
QUERY_TOO_MANY_JOINS = Code(
    "DTL708",
    "query-too-many-joins",
    E,
    "The query has more than 5 JOINs.",
    why="JOINs have a depth limit of five (adjustable on request).",
    example="six JOIN ... RELATED clauses in one query",
    service=SQL_QUERY_ERROR,
)
QUERY_DTID_FILTER_MISSING = Code(
    "DTL709",
    "query-dtid-filter-missing",
    E,
    "A query with JOIN or MATCH does not filter any twin by $dtId in its WHERE clause.",
    why="Queries with a JOIN must filter by some twin's $dtId, and a MATCH must give the $dtId of at least one "
    "of its twins: the traversal starts from known twins.",
    example="SELECT T, CT FROM DIGITALTWINS T JOIN CT RELATED T.contains",
    service=SQL_QUERY_ERROR,
)
QUERY_SELECT_STAR = Code(
    "DTL710",
    "query-select-star",
    E,
    "SELECT * with a JOIN or a MATCH.",
    why="SELECT * is valid only without JOIN; with MATCH the service answers 'mismatched input' (reported "
    "2022-11). Project the collections instead: SELECT T, CT.",
    example="SELECT * FROM DIGITALTWINS T JOIN CT RELATED T.contains WHERE T.$dtId = 'ABC'",
    service=SQL_QUERY_ERROR,
)
QUERY_RELATIONSHIPS_JOIN = Code(
    "DTL711",
    "query-relationships-join",
    E,
    "FROM RELATIONSHIPS with a JOIN or a MATCH.",
    why="FROM RELATIONSHIPS cannot be combined with JOIN; relationships are traversed from FROM DIGITALTWINS.",
    example="SELECT R FROM RELATIONSHIPS R JOIN T RELATED R.contains",
    service=SQL_QUERY_ERROR,
)
QUERY_MATCH_INVALID = Code(
    "DTL712",
    "query-match-invalid",
    E,
    "A MATCH the service does not take: more than one MATCH, an arrow with both heads, a hop count that is 0, "
    "missing or without an end, more than 10 hops in all, relationship names without their ':'.",
    why="A query has one MATCH of at most 10 hops; a hop range needs an ending limit (*..n, *m..n); a filter "
    "of relationship names starts with a colon ([:contains|has]).",
    example="MATCH (a)-[:contains*2..]->(b)",
    service=SQL_QUERY_ERROR,
)
QUERY_MATCH_VARIABLE_HOPS = Code(
    "DTL713",
    "query-match-variable-hops",
    E,
    "A MATCH relationship variable on a relationship of more than one hop.",
    why="A variable can be given to a relationship only when it is a single hop ([r:contains] or [r:contains*1]).",
    example="MATCH (a)-[r:contains*2]->(b)",
    service=SQL_QUERY_ERROR,
)
QUERY_DTID_NOT_ON_START = Code(
    "DTL714",
    "query-dtid-not-on-start",
    W,
    "A MATCH filters by $dtId only twins other than the one its traversal starts from.",
    why="MATCH queries that filter by $dtId a twin other than the starting twin may show empty results; filter "
    "the starting twin, or use JOIN.",
    example="MATCH (Room)-[]->(Factory) WHERE Factory.$dtId = 'ABC'",
)
QUERY_MATCH_VARIABLE_IS_RELATIONSHIP = Code(
    "DTL715",
    "query-match-variable-is-relationship",
    W,
    "A MATCH relationship is written [name] without a colon, name is a relationship name of the models, and the "
    "query uses no variable of that name.",
    why="Without the colon, [contains] names a variable and matches any relationship; [:contains] is the filter "
    "by relationship name.",
    example="MATCH (a)-[contains]->(b)",
)
QUERY_MATCH_TWIN_REPEATED = Code(
    "DTL716",
    "query-match-twin-repeated",
    W,
    "A MATCH pattern names the same twin twice.",
    why="MATCH queries that traverse the same twin multiple times may unexpectedly remove this twin from results.",
    example="MATCH (a)-[:feeds]->(b)-[:feeds]->(a)",
)
QUERY_FUNCTION_UNKNOWN = Code(
    "DTL717",
    "query-function-unknown",
    E,
    "A function the query language does not have.",
    why="The functions are ARRAY_CONTAINS, CONTAINS, STARTSWITH, ENDSWITH, IS_DEFINED, IS_NULL, IS_BOOL, "
    "IS_NUMBER, IS_STRING, IS_OBJECT, IS_PRIMITIVE and IS_OF_MODEL; there is no LOWER, UPPER or arithmetic.",
    example="WHERE STARTS_WITH(T.$dtId, 'room')",
    service=SQL_QUERY_ERROR,
)
QUERY_FUNCTION_ARGUMENTS = Code(
    "DTL718",
    "query-function-arguments",
    E,
    "A function, COUNT() or TOP() is given the wrong number or kind of arguments.",
    why="Each function takes fixed arguments (IS_OF_MODEL: [collection,] 'dtmi' [, exact]; CONTAINS: property, "
    "string; ARRAY_CONTAINS: an array property of a twin, a value); COUNT() takes none and TOP() a positive "
    "integer.",
    example="WHERE IS_OF_MODEL('dtmi:example:Room;1', T)",
    service=SQL_QUERY_ERROR,
)
QUERY_COLLECTION_UNKNOWN = Code(
    "DTL719",
    "query-collection-unknown",
    W,
    "A name stands where a collection of the query is expected, but no FROM, JOIN or MATCH declares it (or "
    "declares it in another case).",
    why="With several collections every path starts with one of them; whether aliases are case-insensitive is "
    "not documented (two documented examples differ in case), so a name that differs only in case may find "
    "nothing.",
    example="SELECT B FROM DIGITALTWINS MATCH (Building)-[]->(B) WHERE building.$dtId = 'b1'",
)
QUERY_PROPERTY_UNKNOWN = Code(
    "DTL720",
    "query-property-unknown",
    W,
    "A path names a property, component, field or system property the twin's (or relationship's) model does not "
    "have, or names a Telemetry, Command or Relationship as a property.",
    why="Query names are case-sensitive and a name that does not exist is not an error: the query silently "
    "returns nothing. Names are checked where the query says which model a twin has (IS_OF_MODEL, "
    "$metadata.$model, a JOIN's relationship target).",
    example="WHERE IS_OF_MODEL(T, 'dtmi:example:Room;1') AND T.temperature > 20 (the property is Temperature)",
)
QUERY_RELATIONSHIP_UNKNOWN = Code(
    "DTL721",
    "query-relationship-unknown",
    W,
    "A JOIN or MATCH names a relationship that the source twin's model does not have.",
    why="A JOIN has no OUTER form: a relationship name the source model does not define matches no row, and the "
    "query returns nothing.",
    example="JOIN F RELATED B.Contains (the model's relationship is contains)",
)
QUERY_MODEL_UNKNOWN = Code(
    "DTL722",
    "query-model-unknown",
    W,
    "IS_OF_MODEL or $metadata.$model names a model that is not among the models.",
    why="Model ids are case-sensitive; a twin of a model that does not exist is never found.",
    example="WHERE IS_OF_MODEL('dtmi:example:room;1') where the model is dtmi:example:Room;1",
)
QUERY_MODEL_INVALID = Code(
    "DTL723",
    "query-model-invalid",
    W,
    "IS_OF_MODEL or $metadata.$model names a string that is not a valid DTMI.",
    why="No model has such an id, so no twin is found.",
    example="IS_OF_MODEL(LightBulb, 'dtmi:contoso:com:lightbulb ;1')",
)
QUERY_VALUE_MISMATCH = Code(
    "DTL724",
    "query-value-mismatch",
    W,
    "A comparison, IN list or function compares a property with what its schema never holds: a string with a "
    "number, a value its Enum does not list, a string function on a number, ARRAY_CONTAINS on what is not an "
    "array of primitive values.",
    why="Comparing values of different types is never true, so the condition silently filters every twin out.",
    example="WHERE IS_OF_MODEL(T, 'dtmi:example:Room;1') AND T.temperature = '20'",
)
QUERY_MODEL_AMBIGUOUS = Code(
    "DTL725",
    "query-model-ambiguous",
    W,
    "IS_OF_MODEL without a collection in a query with more than one twin collection.",
    why="With a JOIN or MATCH, IS_OF_MODEL should name the collection it tests: IS_OF_MODEL(LightPanel, '...').",
    example="SELECT T FROM DIGITALTWINS T JOIN C RELATED T.contains WHERE T.$dtId = 'a' AND IS_OF_MODEL('dtmi:x;1')",
)

# --- DTL8xx: Azure Digital Twins import files (importfile.py; adt-import.md) ----------------------------------

IMPORT_HEADER_MISSING = Code(
    "DTL801",
    "import-header-missing",
    E,
    'An import file must start with the line {"Section": "Header"}.',
    why="The import job reads the Header section first; a file that starts otherwise is not in its format, and the "
    "job fails before it imports anything.",
    example='{"Section": "Models"} as the first line',
)
UNKNOWN_SECTION = Code(
    "DTL802",
    "unknown-section",
    E,
    'A section marker {"Section": ...} names no section of an import file: Header, Models, Twins or Relationships.',
    why="The job knows these four sections, spelled so; the lines of any other are not imported (they are checked "
    "as the section named most like it, if any).",
    example='{"Section": "twins"}',
)
SECTION_OUT_OF_ORDER = Code(
    "DTL803",
    "section-out-of-order",
    E,
    "A section of an import file is repeated, or comes after one it must precede (Header, Models, Twins, "
    "Relationships).",
    why='"Any sections that are present must follow that order": models before the twins that use them, twins '
    "before their relationships.",
    example='{"Section": "Twins"} after {"Section": "Relationships"}',
)
HEADER_INCOMPLETE = Code(
    "DTL804",
    "header-incomplete",
    W,
    "The Header section lacks its one object, or the object lacks fileVersion, author or organization, or has a "
    "fileVersion other than 1.0.0.",
    why="Every documented import file has exactly one header object with these three fields and fileVersion "
    '"1.0.0"; which of them the job requires is not documented, hence a warning.',
    example='{"Section": "Header"} followed by {"author": "contoso"}',
)
NOT_ONE_OBJECT_PER_LINE = Code(
    "DTL805",
    "not-one-object-per-line",
    E,
    "A line of an import file must hold one whole JSON object: not an array or other value, nor part of an object "
    "written over several lines.",
    why="The file is NDJSON: the job reads each line as one model, twin or relationship object. A pretty-printed "
    "model is many lines, none of them JSON.",
    example='a model written over 20 lines, or [{"@id": ...}, {"@id": ...}] on a Models line',
)
IMPORT_ID_MISSING = Code(
    "DTL806",
    "import-id-missing",
    E,
    "A twin line needs $dtId; a relationship line needs $dtId (its source twin) and $relationshipId, each a "
    "non-empty string.",
    why="An import line carries the ids a request URL carries for the ordinary APIs. A relationship line names its "
    "source twin $dtId, not $sourceId; without it the job fails with UnsupportedFileFormat.",
    example='{"$sourceId": "room1", "$relationshipId": "r1", "$targetId": "floor1", "$relationshipName": "isPartOf"}',
)
DUPLICATE_TWIN_ID = Code(
    "DTL807",
    "duplicate-twin-id",
    E,
    "Two twin lines of an import file have the same $dtId.",
    why="A twin id is unique in an instance: one of the two twins is lost, or the job fails on the second.",
    example='{"$dtId": "room1", ...} on two lines of the Twins section',
)
MODEL_NOT_IN_FILE = Code(
    "DTL808",
    "model-not-in-file",
    W,
    "A twin's model is not in the file's Models section, and the instance's models were not given: the instance "
    "must hold it.",
    why="Twins may use models already in the instance; if it does not hold this one, the job fails on this twin. "
    "Given the instance's models (--models, --repo), a model found nowhere is an error (DTL413) and the twin is "
    "checked against the one found.",
    example='{"$dtId": "room1", "$metadata": {"$model": "dtmi:com:example:Room;1"}} with no Models section',
)
UNDECLARED_RELATIONSHIP_PROPERTY = Code(
    "DTL809",
    "undeclared-relationship-property",
    W,
    "A relationship line has a property its Relationship does not declare (names are case-sensitive).",
    why="The relationship API rejects it (DTL414); whether the import job does is unverified: Microsoft's own "
    "sample file has relationshipProperty1 where the model declares relationshipproperty1, and its import is "
    "expected to succeed.",
    example='"relationshipProperty1": "x" where the Relationship declares relationshipproperty1',
)
IMPORT_LIMIT_EXCEEDED = Code(
    "DTL810",
    "import-limit-exceeded",
    E,
    "An import job takes at most 10,000 models, 2,000,000 twins and 10,000,000 relationships, models of at most "
    "1 MB, and at most 50,000 relationships from or to one twin.",
    why="These limits of Azure Digital Twins cannot be adjusted for an import job; the job stops at the first line "
    "beyond them, after hours of work, leaving what it wrote.",
    example="a Relationships section of 10,000,001 lines",
)

# --- DTL9xx: recommendations (warnings) --------------------------------------------------------------------

PREFER_TERM = Code(
    "DTL901",
    "prefer-term",
    W,
    "A DTDL DTMI is used where its term would do (class, member name, schema, unit).",
    why='"name" reads better than "dtmi:dtdl:property:name;2"; the DTDL spec recommends terms.',
    example='"dtmi:dtdl:property:schema;2": "double"',
)
REDUNDANT_TYPE = Code(
    "DTL902",
    "redundant-type",
    W,
    "@type repeats a class or semantic type (or gives both its term and DTMI).",
    why="Repetition adds nothing and hides mistakes.",
    example='"@type": ["Telemetry", "dtmi:dtdl:class:Telemetry;2"]',
)
DEPRECATED_COMMAND_TYPE = Code(
    "DTL903",
    "deprecated-command-type",
    W,
    "commandType is deprecated.",
    why="Both values mean the same; the member is deprecated in DTDL v2 and v3 (DTDL.v3.md no longer lists it).",
    example='"commandType": "synchronous"',
)
EXTRA_KEYWORD = Code(
    "DTL904",
    "extra-keyword",
    W,
    "An element carries a JSON-LD keyword other than @context, @id and @type.",
    why="DTDL v2 tolerates them, DTDL v3 rejects them.",
    example='"@language": "en"',
)
VALUE_OBJECT_HYGIENE = Code(
    "DTL905",
    "value-object-style",
    W,
    "A value object should have @type (or @language) and nothing but @value and @type (or @language).",
    why="The DTDL spec recommends this shape; anything else is easy to misread.",
    example='"writable": {"@value": true}',
)
CONTEXT_HYGIENE = Code(
    "DTL906",
    "context-style",
    W,
    "@context should list each value once, the DTDL context once and first.",
    why="Repeated or reordered contexts are confusing and some tools reject them.",
    example='"@context": ["dtmi:iotcentral:context;2", "dtmi:dtdl:context;2"]',
)


# --- DTDL v3 (DTL140-DTL169, DTL220-DTL239, DTL910-DTL919) -----------------------------------------------------

MISSING_COTYPE = Code(
    "DTL140",
    "missing-cotype",
    E,
    "An extension co-type needs another co-type beside it (an Override is a ValueAnnotation; MQTT's Cacheable "
    "is Idempotent).",
    why="The co-type is defined as a refinement of the other; without it the element means nothing.",
    example='"@type": ["Property", "Override"] without "ValueAnnotation"',
    parser_ids=("missingCocotype",),
)
KEYWORD_NOT_ALLOWED = Code(
    "DTL141",
    "keyword-not-allowed",
    E,
    "A DTDL v3 element carries a JSON-LD keyword other than @context, @id and @type.",
    why="DTDL v3 restricts the keywords an element may use; the official parser rejects @language, @value, @index "
    "and the like on an element.",
    example='a Telemetry with "@language": "en"',
    parser_ids=("keywordDisallowed", "topLevelKeywordDisallowed"),
)

INVALID_EXTENSION_VALUE = Code(
    "DTL142",
    "invalid-extension-value",
    E,
    "A member an extension co-type adds has a value not of the form it takes (an MQTT topic, a duration).",
    why="The extension defines the form; the official parser rejects the model otherwise.",
    example='"commandTopic": "sample//command"',
    parser_ids=("stringInvalid", "durationInvalid"),
)

INTERFACE_TOO_LARGE = Code(
    "DTL143",
    "interface-too-large",
    E,
    "The JSON text of a DTDL v3 Interface is longer than 1 MiB (1,048,576 characters as .NET counts them, UTF-16 "
    "code units; an Interface nested in it counts as its quoted @id).",
    why="DTDL v3 limits each Interface to 1 MiB; the official parser refuses a longer one.",
    example="an Interface with thousands of long descriptions",
    parser_ids=("partitionTooLarge",),
)

INVALID_ANNOTATION = Code(
    "DTL220",
    "invalid-annotation",
    E,
    "A ValueAnnotation (Annotation extension) annotates a content that is not a Property or Telemetry, or that is "
    "itself an annotation.",
    why="An annotation describes the value of a sibling Property or Telemetry of the same Interface.",
    example='a Property co-typed ValueAnnotation with "annotates" naming a Command',
    parser_ids=("notSiblingRequiredType", "disallowedType"),
)
INVALID_OVERRIDE = Code(
    "DTL221",
    "invalid-override",
    E,
    "An Override (Overriding extension) overrides a member its sibling has no co-type for, or a core member, or "
    "with a schema that is not the overridden member's (a Temperature's unit needs TemperatureUnit), or a second "
    "Override does the same in one Interface.",
    why="An Override gives a twin its own value for an extension member of the annotated content.",
    example='"overrides": "unit" on a Property whose schema is VelocityUnit, annotating a Temperature',
    parser_ids=(
        "matchingPropertyNotSupplemental",
        "noMatchingSupplementalProperty",
        "siblingPropertyMismatch",
        "multipleReference",
    ),
)


ALL: dict[str, Code] = {c.code: c for c in list(globals().values()) if isinstance(c, Code)}
