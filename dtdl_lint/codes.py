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

# --- DTL5xx: JSON Patch (patch.py) -------------------------------------------------------------------------

# --- DTL9xx: recommendations (warnings) --------------------------------------------------------------------


ALL: dict[str, Code] = {c.code: c for c in list(globals().values()) if isinstance(c, Code)}
