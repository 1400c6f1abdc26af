"""DTDL v3 models: the v3 table (language/v3.py), its extensions and limits, and v2 and v3 in one model set."""

from __future__ import annotations

import json

from dtdl_lint import codes, lint_models, load_models
from dtdl_lint.model import ArraySchema, CommandRequest, ObjectSchema

V3 = "dtmi:dtdl:context;3"
QT = "dtmi:dtdl:extension:quantitativeTypes;1"


def interface(dtmi: str, context: object = V3, **members: object) -> dict:
    return {"@context": context, "@id": dtmi, "@type": "Interface", **members}


def lint(*documents: dict, **keywords: str) -> list[tuple[str, str]]:
    """(code, parser id) of each error, the documents given as one file each."""
    found = lint_models({f"d{i}.json": json.dumps(d) for i, d in enumerate(documents)}, **keywords)
    return [(d.code, d.parser_id.rpartition(":")[2]) for d in found if d.severity == "error"]


def test_v3_elements_are_read_into_the_object_model() -> None:
    room = interface(
        "dtmi:com:example:Room",  # versionless
        contents=[
            {"@type": "Property", "name": "tags", "schema": {"@type": "Array", "elementSchema": "string"}},
            {"@type": "Property", "name": "where", "schema": "point"},
            {"@type": "Command", "name": "open", "request": {"name": "how", "schema": "string"}},
            {"@type": "Property", "name": "nothing", "schema": {"@type": "Object"}},
        ],
    )
    models = load_models({"room.json": json.dumps(room)})
    assert not models.diagnostics
    contents = {c.name: c for c in models.elements["dtmi:com:example:Room"].contents}
    assert isinstance(contents["tags"].schema, ArraySchema)
    assert contents["where"].schema == "point"
    assert isinstance(contents["open"].request, CommandRequest)
    assert isinstance(contents["nothing"].schema, ObjectSchema) and contents["nothing"].schema.fields == ()


def test_v3_identifiers_and_names() -> None:
    assert lint(interface("dtmi:com:example:Room;3.14")) == []
    assert lint(interface("dtmi:com:example:Room;3.0")) == [(codes.INVALID_ID.code, "invalidId")]
    long_name = "n" + "a" * 511  # 512 characters: v3 allows them, v2 does not
    assert (
        lint(
            interface("dtmi:com:example:Room", contents=[{"@type": "Telemetry", "name": long_name, "schema": "double"}])
        )
        == []
    )
    v2 = interface("dtmi:com:example:Room;1", "dtmi:dtdl:context;2")
    v2["contents"] = [{"@type": "Telemetry", "name": long_name, "schema": "double"}]
    assert [code for code, _ in lint(v2)] == [codes.INVALID_ELEMENT_NAME.code]


def test_v3_is_a_closed_world_unless_an_extension_is_undefined() -> None:
    telemetry = {"@type": ["Telemetry", "Velocity"], "name": "speed", "schema": "double", "unit": "metrePerSecond"}
    assert lint(interface("dtmi:ex:A", contents=[telemetry])) == [(codes.INVALID_COTYPE.code, "typeUndefinedTerm")]
    assert lint(interface("dtmi:ex:A", [V3, QT], contents=[telemetry])) == []
    branded = {"@type": ["Property", "Commercial"], "name": "p", "schema": "string", "brand": "x"}
    undefined = [V3, "dtmi:com:example:ext;1"]
    assert lint(interface("dtmi:ex:A", undefined, contents=[branded])) == [
        (codes.UNDEFINED_EXTENSION.code, "unresolvableContextSpecifier")
    ]  # v3 refuses an undefined extension by default ...
    assert lint(interface("dtmi:ex:A", undefined, contents=[branded]), extensions="allow") == []  # ... not if allowed
    iri = {"@type": "Property", "name": "p", "schema": "string", "http://example.com/x": 1}
    assert lint(interface("dtmi:ex:A", contents=[iri])) == [(codes.MEMBER_NOT_ALLOWED.code, "propertyNotDtmiNorTerm")]


def test_quantitative_types_need_a_unit_of_their_own_type() -> None:
    telemetry = {"@type": ["Telemetry", "Temperature"], "name": "t", "schema": "double", "unit": "metre"}
    assert lint(interface("dtmi:ex:A", [V3, QT], contents=[telemetry])) == [(codes.INVALID_UNIT.code, "wrongParent")]
    del telemetry["unit"]
    assert lint(interface("dtmi:ex:A", [V3, QT], contents=[telemetry])) == [
        (codes.MISSING_MEMBER.code, "missingSupplementalObjectProperty")
    ]


def test_v2_and_v3_in_one_set() -> None:
    base = interface(
        "dtmi:ex:Base;1", "dtmi:dtdl:context;2", contents=[{"@type": "Property", "name": "a", "schema": "double"}]
    )
    assert lint(base, interface("dtmi:ex:Room", extends="dtmi:ex:Base;1")) == []
    assert lint(
        interface("dtmi:ex:Base"), interface("dtmi:ex:Room;1", "dtmi:dtdl:context;2", extends="dtmi:ex:Base")
    ) == [(codes.MIXED_VERSION.code, "disallowedVersionReference")]
    nested_v2 = {"@context": "dtmi:dtdl:context;2", "@type": "Property", "name": "b", "schema": "double"}
    assert lint(interface("dtmi:ex:Room", contents=[nested_v2])) == []
    nested_v2 = {"@context": "dtmi:dtdl:context;2", "@type": "Array", "@id": "dtmi:ex:Arr;1", "elementSchema": "double"}
    assert lint(interface("dtmi:ex:Room", schemas=[nested_v2])) == [
        (codes.MIXED_VERSION.code, "disallowedVersionDefinition")
    ]


def test_hierarchy_limits_count_per_path() -> None:
    # D is reached through 513 paths: 513 + 513 Interfaces extended, more than 1,024
    middle = [interface(f"dtmi:ex:M{i}", extends="dtmi:ex:D") for i in range(513)]
    top = interface("dtmi:ex:A", extends=[m["@id"] for m in middle])
    assert lint(top, *middle, interface("dtmi:ex:D")) == [(codes.TOO_MANY_EXTENDS.code, "excessiveCount")]
    # a Telemetry of a double counts 2, so 4 x 12,500 (each Interface in a file under 1 MiB) fill the 100,000 elements
    # of a hierarchy; the Interfaces extended count theirs
    parts = [
        interface(
            f"dtmi:ex:P{p}",
            contents=[{"@type": "Telemetry", "name": f"t{p}x{i}", "schema": "double"} for i in range(12_500)],
        )
        for p in range(4)
    ]
    full = interface("dtmi:ex:A", extends=[part["@id"] for part in parts])
    assert lint(full, *parts) == []
    one_more = {**full, "contents": [{"@type": "Telemetry", "name": "u", "schema": "double"}]}
    assert lint(one_more, *parts) == [(codes.TOO_MANY_CONTENTS.code, "excessiveCount")]


def test_an_interface_is_at_most_1_mib_of_text() -> None:
    room = interface("dtmi:ex:Big", description="")
    room["description"] = "x" * (2**20 - len(json.dumps(room)) + 1)
    found = lint(room)
    assert (codes.INTERFACE_TOO_LARGE.code, "partitionTooLarge") in found
    room["description"] = room["description"][:-1]
    assert (codes.INTERFACE_TOO_LARGE.code, "partitionTooLarge") not in lint(room)


def test_extension_co_types_fit_by_the_version_that_defines_them() -> None:
    def field(context: str) -> dict:
        required = {"@type": ["Property", "Required"], "name": "p", "schema": "double"}
        return interface("dtmi:ex:A", [V3, context], contents=[required])

    # Requirement v1's Required fits a Field only; v2's a Property too
    assert lint(field("dtmi:dtdl:extension:requirement;1")) == [(codes.COTYPE_NOT_ALLOWED.code, "invalidCotype")]
    assert lint(field("dtmi:dtdl:extension:requirement;2")) == []
    # QuantitativeTypes v2 is DTDL v4's: known, and its semantic types do not fit a v3 element
    temperature = {"@type": ["Telemetry", "Temperature"], "name": "t", "schema": "double", "unit": "kelvin"}
    qt2 = interface("dtmi:ex:A", [V3, "dtmi:dtdl:extension:quantitativeTypes;2"], contents=[temperature])
    assert lint(qt2) == [(codes.COTYPE_NOT_ALLOWED.code, "invalidCotypeVersion")]


def test_extension_members_are_terms_only_where_the_context_is() -> None:
    mqtt = interface("dtmi:ex:A", V3, payloadFormat="Json")
    mqtt["@type"] = ["Interface", "dtmi:dtdl:extension:mqtt:v1:Mqtt"]  # the co-type by its DTMI, no context
    assert sorted(lint(mqtt)) == [
        (codes.MEMBER_NOT_ALLOWED.code, "propertyUndefinedTerm"),
        (codes.MISSING_MEMBER.code, "missingSupplementalLiteralProperty"),
    ]
    mqtt = {**mqtt, "dtmi:dtdl:extension:mqtt:v1:Mqtt:payloadFormat": "Json"}
    del mqtt["payloadFormat"]
    assert lint(mqtt) == []
    assert lint({**mqtt, "@context": [V3, "dtmi:dtdl:extension:mqtt;1"], "telemetryTopic": "a//b"}) == [
        (codes.INVALID_EXTENSION_VALUE.code, "stringInvalid")
    ]


def test_a_v2_property_in_a_v3_interface_keeps_the_v2_rules() -> None:
    array = {"@type": "Array", "elementSchema": "double"}
    v2_property = {"@context": "dtmi:dtdl:context;2", "@type": "Property", "name": "p", "schema": array}
    assert lint(interface("dtmi:ex:A;1", contents=[v2_property])) == [(codes.ARRAY_IN_PROPERTY.code, "excludedType")]
    v2_object = {"@context": "dtmi:dtdl:context;2", "@type": "Object", "fields": [{"name": "f", "schema": array}]}
    v3_property = {"@type": "Property", "name": "p", "schema": v2_object}
    assert lint(interface("dtmi:ex:A;1", contents=[v3_property])) == []


def test_v2_semantic_type_dtmis_are_a_version_off() -> None:
    """QT307: a DTDL v2 semantic type by its DTMI is known to a v3 element, and does not fit it."""
    property = {"@type": ["Property", "dtmi:standard:class:Temperature;2"], "name": "t", "schema": "double"}
    assert lint(interface("dtmi:ex:A", contents=[property])) == [
        (codes.COTYPE_NOT_ALLOWED.code, "invalidCotypeVersion")
    ]
    relationship = {"@type": ["Relationship", "dtmi:standard:class:Temperature;2"], "name": "r"}
    assert lint(interface("dtmi:ex:A", contents=[relationship])) == [(codes.COTYPE_NOT_ALLOWED.code, "invalidCotype")]


def test_an_unusable_top_level_id_is_all_that_is_said() -> None:
    """The official parser makes the ids within an element from its @id: with an unusable one it reads no further."""
    nameless = {"@type": "Telemetry", "schema": "double"}
    assert lint(interface("dtmi:a:_b;1", contents=[nameless])) == [(codes.INVALID_ID.code, "invalidId")]
    assert lint(interface("dtmi:a:b;1", contents=[nameless])) == [
        (codes.MISSING_ELEMENT_ID.code, "missingDtmiSegPropertyValue")
    ]
