"""Parsing documents into the object model, and the API around it: spellings, versions, extension modes,
--models and --repo resolution, unresolved references, parser ids and locations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dtdl_lint import codes, lint_models, load_models
from dtdl_lint.loading import repo_path
from dtdl_lint.model import ArraySchema, Component, EnumSchema, Property, Telemetry

CONTEXT = "dtmi:dtdl:context;2"


def interface(dtmi: str, **members) -> dict:
    return {"@context": CONTEXT, "@id": dtmi, "@type": "Interface", **members}


def texts(**documents: dict) -> dict[str, str]:
    return {f"{name}.json": json.dumps(doc, indent=2) for name, doc in documents.items()}


def error_codes(found) -> list[str]:
    return [d.code for d in found if d.severity == "error"]


def test_object_model_of_an_interface() -> None:
    room = interface(
        "dtmi:com:example:Room;1",
        extends="dtmi:com:example:Space;1",
        contents=[
            {
                "@type": ["Telemetry", "Temperature"],
                "name": "temp",
                "schema": "double",
                "unit": "degreeCelsius",
                "displayName": {"en": "Temperature"},
            },
            {
                "@type": "Property",
                "name": "mode",
                "writable": True,
                "schema": {"@type": "Enum", "valueSchema": "string", "enumValues": [{"name": "eco", "enumValue": "e"}]},
            },
            {"@type": "Component", "name": "hvac", "schema": "dtmi:com:example:Space;1"},
        ],
        schemas=[{"@id": "dtmi:com:example:Readings;1", "@type": "Array", "elementSchema": "double"}],
    )
    models = load_models(texts(room=room, space=interface("dtmi:com:example:Space;1")))
    assert not models.diagnostics
    built = models.interfaces["dtmi:com:example:Room;1"]
    assert built.extends == ["dtmi:com:example:Space;1"] and built.where["extends"] == "/extends"
    temp, mode, hvac = built.contents
    assert isinstance(temp, Telemetry) and (temp.semantic_type, temp.unit, temp.display_name) == (
        "Temperature",
        "degreeCelsius",
        "Temperature",
    )
    assert temp.id == "dtmi:com:example:Room:_contents:__temp;1"
    assert isinstance(mode, Property) and mode.writable and isinstance(mode.schema, EnumSchema)
    assert mode.schema.enum_values[0].enum_value == "e" and mode.schema.enum_values[0].parent is mode.schema
    assert isinstance(hvac, Component) and hvac.schema == "dtmi:com:example:Space;1"
    assert isinstance(built.schemas[0], ArraySchema)
    assert isinstance(models.schema("dtmi:com:example:Readings;1"), ArraySchema)
    assert set(models.contents("dtmi:com:example:Room;1")) == {"temp", "mode", "hvac"}


def test_dtmi_spellings_are_accepted_everywhere() -> None:
    room = {
        "@context": CONTEXT,
        "@id": "dtmi:com:example:Room;1",
        "@type": "dtmi:dtdl:class:Interface;2",
        "dtmi:dtdl:property:contents;2": [
            {
                "@type": ["dtmi:dtdl:class:Property;2", "dtmi:standard:class:Temperature;2"],
                "dtmi:dtdl:property:name;2": "temp",
                "dtmi:dtdl:property:schema;2": "dtmi:dtdl:instance:Schema:double;2",
                "dtmi:dtdl:property:unit;2": "dtmi:standard:unit:kelvin;2",
            }
        ],
    }
    found = lint_models(texts(room=room))
    assert not error_codes(found)
    assert {d.code for d in found} == {codes.PREFER_TERM.code}
    prop = load_models(texts(room=room)).interfaces["dtmi:com:example:Room;1"].contents[0]
    assert (prop.name, prop.schema, prop.unit, prop.semantic_type) == ("temp", "double", "kelvin", "Temperature")


def test_dtdl_v4_is_one_notice_per_document() -> None:
    v4 = {
        "@context": "dtmi:dtdl:context;4",
        "@id": "dtmi:com:example:Room;1",
        "@type": "Interface",
        "contents": [{"@type": "Property", "name": "x", "schema": {"@type": "Array", "elementSchema": "double"}}],
    }
    found = lint_models(texts(room=v4))
    assert [(d.code, d.severity) for d in found] == [(codes.UNSUPPORTED_VERSION.code, "warning")]
    user = interface("dtmi:com:example:User;1", extends="dtmi:com:example:Room;1")
    found = lint_models(texts(room=v4, user=user))
    assert codes.MIXED_VERSION.code in error_codes(found)
    assert codes.UNRESOLVED_REFERENCE.code not in error_codes(found)


def test_dtdl_v3_is_checked() -> None:
    v3 = {
        "@context": "dtmi:dtdl:context;3",
        "@id": "dtmi:com:example:Room",
        "@type": "Interface",
        "contents": [{"@type": "Property", "name": "x", "schema": {"@type": "Array", "elementSchema": "double"}}],
    }
    assert lint_models(texts(room=v3)) == []
    assert error_codes(lint_models(texts(room={**v3, "@type": "Interfac"}))) == [codes.NOT_AN_INTERFACE.code]
    user = interface("dtmi:com:example:User;1", extends="dtmi:com:example:Room")
    assert codes.MIXED_VERSION.code in error_codes(lint_models(texts(room=v3, user=user)))


def test_extension_modes() -> None:
    room = {
        **interface("dtmi:com:example:Room;1"),
        "@context": [CONTEXT, "dtmi:com:example:ext;1"],
        "contents": [{"@type": ["Telemetry", "dtmi:com:example:Tag;1"], "name": "t", "schema": "double"}],
    }
    assert not error_codes(lint_models(texts(room=room)))
    assert error_codes(lint_models(texts(room=room), extensions="disallow")) == [codes.UNDEFINED_EXTENSION.code]


def test_iot_central_extension() -> None:
    central = {
        **interface("dtmi:com:example:Tracker;1"),
        "@context": [CONTEXT, "dtmi:iotcentral:context;2"],
        "contents": [
            {"@type": ["Telemetry", "Location"], "name": "pos", "schema": "geopoint"},
            {"@type": ["Telemetry", "VelocityVector"], "name": "v", "schema": "vector"},
            {"@type": ["Telemetry", "Event"], "name": "e", "schema": "double"},
        ],
    }
    assert not error_codes(lint_models(texts(tracker=central), extensions="disallow"))
    plain = {**central, "@context": CONTEXT}
    assert codes.INVALID_REFERENCE.code in error_codes(lint_models(texts(tracker=plain)))


def test_every_error_has_a_parser_id_and_a_location() -> None:
    room = interface(
        "dtmi:com:example:Room;1",
        contents=[
            {"@type": "Telemetry", "name": "a-b", "schema": "int", "writable": 3},
            {"@type": "Relationship", "name": "r", "maxMultiplicity": 0, "target": "nope"},
        ],
    )
    found = lint_models(texts(room=room))
    assert len(error_codes(found)) == 5
    for d in found:
        assert d.parser_id.startswith("dtmi:dtdl:parsingError:")
        assert d.line > 1 and d.column > 0 and d.pointer.startswith("/contents/")
        assert d.dtmi.startswith("dtmi:com:example:Room:_contents:__")


def test_unresolved_reference_once_per_missing_dtmi_and_file() -> None:
    room = interface(
        "dtmi:com:example:Room;1",
        extends="dtmi:com:example:Missing;1",
        contents=[
            {"@type": "Component", "name": "c", "schema": "dtmi:com:example:Missing;1"},
            {"@type": "Telemetry", "name": "t", "schema": "dtmi:com:example:Other;1"},
        ],
    )
    hall = interface("dtmi:com:example:Hall;1", extends="dtmi:com:example:Missing;1")
    found = [d for d in lint_models(texts(room=room, hall=hall)) if d.code == codes.UNRESOLVED_REFERENCE.code]
    assert sorted((d.file, d.message.split()[0]) for d in found) == [
        ("hall.json", "dtmi:com:example:Missing;1"),
        ("room.json", "dtmi:com:example:Missing;1"),
        ("room.json", "dtmi:com:example:Other;1"),
    ]
    room_missing = next(d for d in found if d.file == "room.json" and "Missing" in d.message)
    assert "'extends' of dtmi:com:example:Room;1" in room_missing.message and "'schema'" in room_missing.message


def test_models_resolve_but_are_not_reported() -> None:
    base = interface("dtmi:com:example:Base;1", contents=[{"@type": "Telemetry", "name": "x-y", "schema": "double"}])
    room = interface("dtmi:com:example:Room;1", extends="dtmi:com:example:Base;1")
    assert lint_models(texts(room=room), models=texts(base=base)) == []
    assert error_codes(lint_models(texts(room=room, base=base))) == [codes.INVALID_ELEMENT_NAME.code]


def test_repository_resolution_is_transitive_and_quiet(tmp_path: Path) -> None:
    assert repo_path(tmp_path, "dtmi:com:Example:Thermostat;1") == tmp_path / "dtmi/com/example/thermostat-1.json"
    docs = {
        "dtmi:com:example:Thermostat;1": interface(
            "dtmi:com:example:Thermostat;1", extends="dtmi:com:example:Device;2"
        ),
        "dtmi:com:example:Device;2": interface(
            "dtmi:com:example:Device;2",
            contents=[{"@type": "Property", "name": "serial", "schema": "string", "junk": 1}],
        ),
    }
    for dtmi, doc in docs.items():
        path = repo_path(tmp_path, dtmi)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc))
    room = interface(
        "dtmi:com:example:Room;1",
        contents=[
            {"@type": "Component", "name": "thermostat", "schema": "dtmi:com:example:Thermostat;1"},
            {"@type": "Component", "name": "lamp", "schema": "dtmi:com:example:Lamp;1"},
        ],
    )
    found = lint_models(texts(room=room), repo=tmp_path)
    assert [(d.code, d.message.split()[0]) for d in found] == [
        (codes.MISSING_DEPENDENCY.code, "dtmi:com:example:Lamp;1")
    ]
    models = load_models(texts(room=room), repo=tmp_path)
    assert models.is_a("dtmi:com:example:Thermostat;1", "dtmi:com:example:Device;2")


def test_folders_and_mappings_give_the_same_findings(tmp_path: Path) -> None:
    room = interface("dtmi:com:example:Room;1", contents=[{"@type": "Telemetry", "name": "t"}])
    (tmp_path / "room.json").write_text(json.dumps(room, indent=2))
    from_folder = lint_models([tmp_path])
    from_mapping = lint_models({str(tmp_path / "room.json"): json.dumps(room, indent=2)})
    assert from_folder == from_mapping and len(from_folder) == 1


def telemetry(**members) -> dict:
    return {"@type": "Telemetry", "name": "t", "schema": "double", **members}


def enum_property(value_schema: str, value: object) -> dict:
    return {
        "@type": "Property",
        "name": "e",
        "schema": {"@type": "Enum", "valueSchema": value_schema, "enumValues": [{"name": "a", "enumValue": value}]},
    }


IFACE = "dtmi:ex:I;1"
IOTC = "dtmi:iotcentral:context;2"
EXT = "dtmi:com:ex:ext;1"
# (why, documents, the official parser's error ids): each rule checked with the official parser on these inputs
PARSER_RULES = [
    (
        "nested arrays of member values are flattened",
        interface(
            IFACE,
            displayName=[["x"]],
            comment=[["c"]],
            contents=[[{"@type": "Telemetry", "name": [["t"]], "schema": [["double"]]}]],
            extends=[[]],
        ),
        set(),
    ),
    (
        "flattened values are then checked",
        interface(IFACE, displayName=[["x"], ["y"]]),
        {"langStringElementCodeNotUnique"},
    ),
    (
        "integral floats are integers",
        interface(
            IFACE,
            contents=[
                {"@type": "Relationship", "name": "r", "maxMultiplicity": 5.0, "minMultiplicity": {"@value": 0.0}},
                enum_property("integer", 1.0),
            ],
        ),
        set(),
    ),
    (
        "an integral float keeps its value",
        interface(IFACE, contents=[{"@type": "Relationship", "name": "r", "minMultiplicity": 1.0}]),
        {"valueNotExact"},
    ),
    (
        "a number that is not an int32 is the wrong datatype",
        interface(IFACE, contents=[enum_property("integer", 1.5)]),
        {"nonConformantDatatype"},
    ),
    (
        "a boolean enumValue is the wrong datatype",
        interface(IFACE, contents=[enum_property("integer", True)]),
        {"nonConformantDatatype"},
    ),
    ("an empty enumValue", interface(IFACE, contents=[enum_property("integer", [])]), {"literalCountBelowMin"}),
    (
        "the last DTDL context decides the version",
        {
            **interface(
                IFACE,
                contents=[{"@type": "Property", "name": "a", "schema": {"@type": "Array", "elementSchema": "double"}}],
            ),
            "@context": [CONTEXT, "dtmi:dtdl:context;3"],
        },
        set(),
    ),
    (
        "an earlier DTDL v3 context is ignored",
        interface(IFACE, contents=[telemetry(**{"@context": ["dtmi:dtdl:context;3", CONTEXT]})]),
        set(),
    ),
    (
        "a DTDL context after an affiliate",
        {**interface(IFACE), "@context": [CONTEXT, IOTC, CONTEXT]},
        {"dtdlContextFollowsAffiliate"},
    ),
    ("the IoT Central context may come first", {**interface(IFACE), "@context": [IOTC, CONTEXT]}, set()),
    (
        "a top-level @context must start with the DTDL context",
        {**interface(IFACE), "@context": [{"en": "x"}, CONTEXT]},
        {"missingDtdlContext"},
    ),
    (
        "a local context that is not last",
        interface(IFACE, contents=[telemetry(**{"@context": [{"a": "b"}, CONTEXT]})]),
        {"localContextNotLast"},
    ),
    ("a DTDL context with a fragment", {**interface(IFACE), "@context": CONTEXT + "#x"}, {"invalidContextFragment"}),
    (
        "an extension context with a fragment",
        {**interface(IFACE), "@context": [CONTEXT, "dtmi:com:ex;1#x"]},
        {"invalidContextSpecifier"},
    ),
    (
        "an extension context without version",
        {**interface(IFACE), "@context": [CONTEXT, "dtmi:com:ex"]},
        {"invalidContextSpecifierForVersion"},
    ),
    (
        "IoT Central DTMIs need no IoT Central context",
        interface(
            IFACE,
            contents=[
                telemetry(schema="dtmi:iotcentral:schema:vector;2"),
                telemetry(**{"@type": ["Telemetry", "dtmi:iotcentral:class:Event;2"], "name": "e"}),
            ],
        ),
        set(),
    ),
    (
        "a Location with a schema outside its set",
        interface(
            IFACE,
            contents=[
                telemetry(
                    **{
                        "@type": ["Property", "dtmi:iotcentral:class:Location;2"],
                        "schema": "dtmi:iotcentral:schema:vector;2",
                    }
                )
            ],
        ),
        {"notRequiredValue"},
    ),
    (
        "a term as Relationship target",
        interface(IFACE, contents=[{"@type": "Relationship", "name": "r", "target": "Interface"}]),
        set(),
    ),
    (
        "an object with an empty @value array is no element",
        interface(IFACE, contents=[telemetry(**{"@value": []})]),
        {"refNotStringOrObject"},
    ),
    (
        "an empty unit",
        interface(IFACE, contents=[telemetry(**{"@type": ["Telemetry", "Temperature"], "unit": []})]),
        {"objectCountBelowMin"},
    ),
    (
        "a unit that is no term",
        interface(IFACE, contents=[telemetry(**{"@type": ["Telemetry", "Temperature"], "unit": "Foobar"})]),
        {"badDtmiOrTerm"},
    ),
    (
        "a class co-type is a misfit, also under an undefined extension",
        {**interface(IFACE, contents=[telemetry(**{"@type": ["Telemetry", "Double"]})]), "@context": [CONTEXT, EXT]},
        {"badType"},
    ),
    (
        "an abstract class co-type is a misfit",
        interface(IFACE, contents=[telemetry(**{"@type": ["Telemetry", "Content"]})]),
        {"badType"},
    ),
    (
        "a misfit class comes before several classes",
        interface(IFACE, contents=[telemetry(**{"@type": ["Telemetry", "Property", "TemperatureUnit"]})]),
        {"badType"},
    ),
    (
        "at the top level a concrete class is one more class",
        {**interface(IFACE), "@type": ["Interface", "Double"]},
        {"multipleMaterialTypes"},
    ),
    (
        "an abstract supplemental type",
        interface(IFACE, contents=[telemetry(**{"@type": ["Telemetry", "SemanticUnit"]})]),
        {"abstractSupplementalType"},
    ),
    (
        "a class DTMI of another version is no class",
        interface(IFACE, contents=[telemetry(**{"@type": "dtmi:dtdl:class:Telemetry;1"})]),
        {"typeIrrelevantDtmiOrTerm"},
    ),
    (
        "an inline Interface needs an @id, whatever it holds",
        interface(IFACE, extends=telemetry()),
        {"missingRequiredId"},
    ),
    (
        "a Component of its own Interface",
        interface(IFACE, contents=[{"@type": "Component", "name": "c", "schema": IFACE}]),
        {"excludedType"},
    ),
    (
        "a language-tagged value where a map is expected",
        interface(IFACE, displayName={"@value": "x", "@language": "en"}),
        {"langTagValueInLangMap"},
    ),
    (
        "the name of an item without @id makes its id",
        interface(IFACE, contents=[telemetry(name=["a", "a"])]),
        {"dtmiSegPropertyNotStringOrNumber"},
    ),
    (
        "a semantic type on the wrong class: only the co-type",
        interface(IFACE, contents=[{"@type": ["Relationship", "Distance"], "name": "r", "unit": "metre"}]),
        {"invalidCotype"},
    ),
    (
        "maxMultiplicity outside its range",
        interface(IFACE, contents=[{"@type": "Relationship", "name": "r", "maxMultiplicity": 501}]),
        {"valueAboveRange"},
    ),
    ("@graph that is no object", interface(IFACE, contents=[telemetry(**{"@graph": "x"})]), {"graphNotObject"}),
    (
        "an object where a term is expected needs an @id",
        interface(IFACE, contents=[{"@type": "Command", "name": "c", "commandType": {}}]),
        {"missingRequiredId"},
    ),
    (
        "a term or standard element of another class",
        interface(
            IFACE,
            contents=[
                enum_property("asynchronous", 1),
                telemetry(schema="kelvin"),
                {"@type": "Command", "name": "c", "commandType": "dtmi:dtdl:instance:Schema:double;2"},
            ],
        ),
        {"badType"},
    ),
    (
        "a reserved-prefix DTMI that names no element",
        interface(
            IFACE,
            contents=[
                enum_property("dtmi:dtdl:instance:Schema:integer;1", 1),
                {"@type": "Component", "name": "c", "schema": "dtmi:dtdl:class:Interface;2"},
            ],
        ),
        {"undefinedReservedId"},
    ),
    (
        "a primitive schema an Enum cannot take",
        interface(IFACE, contents=[enum_property("double", 1)]),
        {"incorrectPropertyValue"},
    ),
    (
        "an unusable co-type stops the checks of its element and below",
        interface(
            IFACE,
            contents=[
                telemetry(
                    **{
                        "@type": ["Telemetry", "kelvin"],
                        "name": "1bad",
                        "foo": 1,
                        "schema": {"@type": "Object", "fields": [{"name": "1x", "schema": "double"}]},
                    }
                ),
                telemetry(**{"@type": ["Telemetry", "dtmi:foo//bar"], "displayName": 5}),
            ],
        ),
        {"typeIrrelevantDtmiOrTerm", "typeInvalidDtmi"},
    ),
    (
        "an unusable co-type comes before no class or several classes",
        interface(
            IFACE,
            contents=[
                telemetry(**{"@type": ["Telemetry", "Property", "SemanticType"]}),
                telemetry(**{"@type": ["SemanticType"]}),
            ],
        ),
        {"abstractSupplementalType"},
    ),
    (
        "an item of schemas without @id",
        interface(IFACE, schemas=[{"@type": "Relationship", "name": "r"}]),
        {"missingRequiredId"},
    ),
    (
        "a name value object that types its string otherwise, or has no @value, makes no id",
        interface(
            IFACE,
            contents=[telemetry(name={"@value": "a", "@type": "xsd:integer"}), telemetry(name={"@type": "xsd:string"})],
        ),
        {"dtmiSegPropertyNotStringOrNumber"},
    ),
    (
        "an empty or non-string @language comes first",
        interface(IFACE, displayName=[{"@language": ""}], description=[{"@value": 1, "@language": 5, "x": 1}]),
        {"langStringElementCodeNotString"},
    ),
    (
        "a @value that is no string comes before extra keys",
        interface(IFACE, displayName=[{"@value": 1, "@language": "en", "x": 1}]),
        {"langStringElementValueNotString"},
    ),
    (
        "a member given in both spellings: no co-type constraints on its element",
        interface(
            IFACE,
            contents=[
                {
                    "@type": ["Telemetry", "Temperature"],
                    "name": "t",
                    "unit": "metre",
                    "dtmi:dtdl:property:unit;2": "kelvin",
                    "schema": "string",
                }
            ],
        ),
        {"duplicatePropertyName"},
    ),
    (
        "a semantic type and an IoT Central vector type both add a unit",
        {
            **interface(
                IFACE,
                contents=[
                    {"@type": ["Telemetry", "VelocityVector", "Mass"], "name": "s", "schema": "float", "unit": "slug"}
                ],
            ),
            "@context": [CONTEXT, IOTC],
        },
        {"conflictingSupplementalTypes"},
    ),
    (
        "a DTMI given twice in extends is one value",
        [
            interface(IFACE, extends=["dtmi:ex:A;1", "dtmi:ex:B;1", "dtmi:ex:A;1"]),
            interface("dtmi:ex:A;1"),
            interface("dtmi:ex:B;1"),
        ],
        set(),
    ),
]


@pytest.mark.parametrize("why, documents, expected", PARSER_RULES, ids=[r[0] for r in PARSER_RULES])
def test_parser_rules(why: str, documents, expected: set[str]) -> None:
    documents = documents if isinstance(documents, list) else [documents]
    found = lint_models({f"doc{i}.json": json.dumps(d) for i, d in enumerate(documents)})
    assert {d.parser_id.rpartition(":")[2] for d in found if d.severity == "error"} == expected


BAD_NAME = interface("dtmi:ex:B;1", contents=[telemetry(name="1bad")])  # an element error (phase 2)
# (why, documents, the official parser's error ids): it stops after the first phase that has errors
PHASES = [
    (
        "ids made from names come before element errors",
        [interface(IFACE, contents=[telemetry(name=None)], foo=1), BAD_NAME],
        {"dtmiSegPropertyNotStringOrNumber"},
    ),
    ("a broken @id hides element errors", [{**interface(IFACE), "@id": 5}, BAD_NAME], {"idNotString"}),
    (
        "a top-level element that is no Interface hides references to it and element errors",
        [
            interface(IFACE, schemas=["dtmi:ex:S;1"]),
            {"@context": CONTEXT, "@id": "dtmi:ex:S;1", "@type": "Array", "elementSchema": "double"},
            BAD_NAME,
        ],
        {"typeNotRootable"},
    ),
    (
        "element errors hide unresolved references",
        [interface(IFACE, extends="dtmi:ex:Nope;1"), BAD_NAME],
        {"stringInvalid"},
    ),
    ("element errors hide model-wide checks", [interface(IFACE, extends=[IFACE]), BAD_NAME], {"stringInvalid"}),
    (
        "duplicate names are element errors",
        [interface(IFACE, contents=[telemetry(), telemetry()]), interface("dtmi:ex:U;1", extends="dtmi:ex:Nope;1")],
        {"nonUniquePropertyValue"},
    ),
    (
        "unresolved references hide model-wide checks",
        [
            interface(
                IFACE,
                contents=[{"@type": "Property", "name": "p", "schema": {"@type": "Array", "elementSchema": "double"}}],
            ),
            interface("dtmi:ex:U;1", extends="dtmi:ex:Nope;1"),
        ],
        {"ResolutionException"},
    ),
    (
        "a reference across partitions comes before model-wide checks",
        [
            interface(
                IFACE,
                extends="dtmi:ex:P;1",
                contents=[
                    {"@type": "Property", "name": "p", "schema": "dtmi:ex:S;1"},
                    {"@type": "Property", "name": "q", "schema": {"@type": "Array", "elementSchema": "double"}},
                ],
            ),
            interface("dtmi:ex:P;1", schemas=[{"@id": "dtmi:ex:S;1", "@type": "Array", "elementSchema": "double"}]),
        ],
        {"crossPartitionReference"},
    ),
    ("model-wide checks when all else is right", [interface(IFACE, extends=[IFACE])], {"recursiveStructureNarrow"}),
]


@pytest.mark.parametrize("why, documents, expected", PHASES, ids=[r[0] for r in PHASES])
def test_the_first_phase_with_errors_is_reported(why: str, documents, expected: set[str]) -> None:
    found = lint_models({f"doc{i}.json": json.dumps(d) for i, d in enumerate(documents)})
    assert {
        "ResolutionException" if d.code == codes.UNRESOLVED_REFERENCE.code else d.parser_id.rpartition(":")[2]
        for d in found
        if d.severity == "error"
    } == expected


def test_a_broken_model_given_to_resolve_hides_nothing() -> None:
    found = lint_models(
        texts(a=interface(IFACE, extends="dtmi:ex:M;1", contents=[telemetry(name="1bad")])),
        models=texts(m={**interface("dtmi:ex:M;1"), "@id": 5}),
    )
    assert error_codes(found) == [codes.INVALID_ELEMENT_NAME.code]


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    """The collector is paused while models load (loading.paused_gc), then left on or off as the caller had it,
    also when loading raises."""
    import gc

    from dtdl_lint.loading import paused_gc

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        seen = []
        with paused_gc():
            seen.append(gc.isenabled())
            lint_models(texts(a=interface("dtmi:ex:A;1")))
            seen.append(gc.isenabled())
        assert seen == [False, False] and gc.isenabled() is enabled
        lint_models(texts(a=interface("dtmi:ex:A;1")))
        load_models(texts(a=interface("dtmi:ex:A;1")))
        assert gc.isenabled() is enabled
        with pytest.raises(TypeError):
            lint_models(42)  # type: ignore[arg-type]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_the_library_searches_folders_as_the_command_line_does(tmp_path: Path) -> None:
    """lint_models([folder]) reads what `dtdl-lint check folder` reads: hidden folders, node_modules and
    virtual environments are skipped, and a file found there that cannot be read is a DTL001 finding."""
    from dtdl_lint.loading import walk
    from dtdl_lint.run import Options, run

    good = interface("dtmi:ex:A;1")
    bad = interface("dtmi:ex:B;1", contents=[{"@type": "Property", "name": "1x", "schema": "double"}])
    for place in ("a.json", "sub/b.json", ".git/c.json", "node_modules/d.json", "env/e.json"):
        (tmp_path / place).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / place).write_text(json.dumps(bad if place != "a.json" else good))
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    found = lint_models([tmp_path])
    assert [(Path(d.file).name, d.code) for d in found] == [("b.json", codes.INVALID_ELEMENT_NAME.code)]
    assert found == run(Options(paths=[str(tmp_path)])).diagnostics

    (tmp_path / "gone.json").symlink_to(tmp_path / "missing.json")
    assert list(walk(tmp_path)) == [str(tmp_path / name) for name in ("a.json", "gone.json", "sub/b.json")]
    found = lint_models([tmp_path])  # (a document that cannot be read holds back the element findings)
    assert [(Path(d.file).name, d.code) for d in found] == [("gone.json", codes.FILE_UNREADABLE.code)]
    assert found == run(Options(paths=[str(tmp_path)])).diagnostics
