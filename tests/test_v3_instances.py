"""Twins, relationships and patches of DTDL v3 models: Array properties (whole values, and patch paths into their
items, which Azure Digital Twins does not document: DTL520), values of the new schemas, the JSON Schema export."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_patch import MODELS, ROOM, THERMOSTAT, where
from test_schema_export import _twin_case, accepts
from test_values import EMPTY_ENUM, EMPTY_OBJECT, REQUIRING, json_values, schemas, values_for

from dtdl_lint import lint_patch, lint_relationship, lint_twin, lint_value, load_models
from dtdl_lint.jsonschema_export import twin_schema, value_schema
from dtdl_lint.language import LANGUAGES
from dtdl_lint.modelset import ModelSet
from dtdl_lint.values import iter_errors

TWIN = {
    "$dtId": "room1",
    "$metadata": {"$model": ROOM},
    "tags": ["north", "quiet"],
    "location": {"type": "Point", "coordinates": [4.9, 52.4]},
}


def lint(patch, **keywords):
    return lint_patch(patch, MODELS, model=ROOM, **keywords)


# --- JSON Patch on an Array property ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "operation",
    [
        {"op": "add", "path": "/tags", "value": ["a", "b"]},
        {"op": "replace", "path": "/tags", "value": []},
        {"op": "remove", "path": "/tags"},
    ],
)
def test_whole_array_operations_are_plain_property_operations(operation) -> None:
    assert lint([operation], twin=TWIN) == []


@pytest.mark.parametrize(
    ("operation", "expected"),
    [
        ({"op": "add", "path": "/tags/-", "value": "east"}, ["north", "quiet", "east"]),
        ({"op": "add", "path": "/tags/0", "value": "east"}, ["east", "north", "quiet"]),
        ({"op": "replace", "path": "/tags/1", "value": "loud"}, ["north", "loud"]),
        ({"op": "remove", "path": "/tags/0"}, ["quiet"]),
    ],
)
def test_item_paths_are_a_warning_and_are_simulated(operation, expected) -> None:
    found = lint([operation], twin=TWIN)
    assert where(found) == [("DTL520", "/0/path")]
    assert found[0].severity == "warning" and "property 'tags' is an Array" in found[0].message
    from dtdl_lint.patch import apply_operations, check_operations

    result, failures = apply_operations(TWIN, check_operations([operation])[0])
    assert failures == [] and result["tags"] == expected  # what the warning leaves to the simulation


def test_an_item_value_is_checked_against_the_element_schema() -> None:
    found = lint([{"op": "add", "path": "/tags/-", "value": 7}], twin=TWIN)
    assert where(found) == [("DTL520", "/0/path"), ("DTL401", "/0/value")]
    found = lint([{"op": "replace", "path": "/location/coordinates/0", "value": "east"}], twin=TWIN)
    assert where(found) == [("DTL520", "/0/path"), ("DTL401", "/0/value")]


@pytest.mark.parametrize(
    ("operation", "code"),
    [
        ({"op": "replace", "path": "/tags/-", "value": "x"}, "DTL507"),  # '-' is never an existing item
        ({"op": "remove", "path": "/tags/-"}, "DTL507"),
        ({"op": "add", "path": "/location/coordinates/-/x", "value": 1}, "DTL507"),
        ({"op": "add", "path": "/tags/first", "value": "x"}, "DTL511"),
        ({"op": "add", "path": "/tags/00", "value": "x"}, "DTL511"),
    ],
)
def test_tokens_that_name_no_item(operation, code) -> None:
    assert where(lint([operation], twin=TWIN)) == [(code, "/0/path")]


def test_an_item_the_twin_lacks_does_not_apply() -> None:
    found = lint([{"op": "replace", "path": "/tags/5", "value": "x"}], twin=TWIN)
    assert where(found) == [("DTL520", "/0/path"), ("DTL507", "/0/path")]
    assert '"5" is not an index of the array at /tags (length 2)' in found[1].message


def test_without_the_twin_an_item_path_needs_it() -> None:
    found = lint([{"op": "add", "path": "/tags/-", "value": "x"}])
    assert where(found) == [("DTL515", "/0"), ("DTL520", "/0/path")]


def test_iothub_takes_no_array_item_paths() -> None:
    found = lint([{"op": "add", "path": "/tags/0", "value": "x"}], target="iothub")
    assert where(found) == [("DTL421", "/0/path")]


def test_relationship_properties_may_be_arrays() -> None:
    from dtdl_lint.model import ArraySchema, Property

    contains = MODELS.contents(ROOM)["contains"]
    shelves = Property.of(f"{ROOM}:contains:shelves", name="shelves", schema=ArraySchema.of("", element_schema="long"))
    contains.properties = (*contains.properties, shelves)
    try:
        twins = {"room1": TWIN, "t1": {"$dtId": "t1", "$metadata": {"$model": THERMOSTAT}}}
        rel = {"$relationshipId": "r1", "$sourceId": "room1", "$targetId": "t1", "$relationshipName": "contains"}
        assert lint_relationship({**rel, "shelves": [1, 2]}, MODELS, twins=twins) == []
        assert where(lint_relationship({**rel, "shelves": [1, None]}, MODELS, twins=twins)) == [
            ("DTL401", "/shelves/1")
        ]
        current = {**rel, "shelves": [1]}
        found = lint_patch(
            [{"op": "add", "path": "/shelves/-", "value": 2.5}], MODELS, relationship=current, twins=twins
        )
        assert where(found) == [("DTL520", "/0/path"), ("DTL401", "/0/value")]
    finally:
        contains.properties = contains.properties[:-1]


# --- values of the schemas DTDL v3 adds to Properties, and their JSON Schema -------------------------------------


def test_empty_enum_and_object() -> None:
    found = list(iter_errors("eco", EMPTY_ENUM, None))
    assert [d.code for d in found] == ["DTL405"] and found[0].message.endswith(
        "it has no enumValues, so no value conforms to it"
    )
    assert list(iter_errors({}, EMPTY_OBJECT, None)) == []
    assert [d.code for d in iter_errors({"a": 1}, EMPTY_OBJECT, None)] == ["DTL406"]
    assert value_schema(None, EMPTY_ENUM) is False
    assert value_schema(None, EMPTY_OBJECT) == {"type": "object", "properties": {}, "additionalProperties": False}


def test_standard_schema_dtmis_of_each_version_checked() -> None:
    for version in LANGUAGES:
        assert lint_value(1.5, f"dtmi:dtdl:instance:Schema:double;{version}") == []
        assert [d.code for d in lint_value("x", f"dtmi:dtdl:instance:Schema:double;{version}")] == ["DTL401"]
        point = f"dtmi:standard:schema:geospatial:point;{version}"
        assert lint_value({"type": "Point", "coordinates": [1, 2]}, point) == []
        assert [d.pointer for d in lint_value({"type": "Point", "coordinates": [1, None]}, point)] == ["/coordinates/1"]
    with pytest.raises(ValueError, match="neither a DTDL schema term"):
        lint_value(1.5, "dtmi:dtdl:instance:Schema:double;4")


@given(schemas(v3=True).flatmap(lambda s: st.tuples(st.just(s), st.one_of(values_for(s), json_values()))))
def test_value_schemas_of_v3_schemas_agree_with_values(pair) -> None:
    schema, value = pair
    models = ModelSet()
    assert accepts(value_schema(models, schema), value) == (list(iter_errors(value, schema, models)) == []), value


@given(schemas(v3=True).flatmap(_twin_case))
def test_twin_schema_agrees_with_lint_twin_on_array_properties(case) -> None:
    models, twin = case
    assert accepts(twin_schema(models, "dtmi:test:Thing;1"), twin) == (lint_twin(twin, models) == []), twin


# --- models of DTDL v3 named by twins and patches -----------------------------------------------------------------

V3_TAGS = {"@type": "Array", "elementSchema": "string"}
V3_MODELS = {
    "room.json": json.dumps(
        {
            "@context": "dtmi:dtdl:context;3",
            "@id": "dtmi:com:example:Room",
            "@type": "Interface",
            "contents": [{"@type": "Property", "name": "tags", "writable": True, "schema": V3_TAGS}],
        }
    ),
    "hall.json": json.dumps(
        {
            "@context": "dtmi:dtdl:context;3",
            "@id": "dtmi:com:example:Hall;1.2",
            "@type": "Interface",
            "extends": "dtmi:com:example:Room",
        }
    ),
}


def test_versionless_and_major_minor_models_of_twins_and_patches() -> None:
    models = load_models(V3_MODELS)
    assert models.diagnostics == []
    room = {"$dtId": "r1", "$metadata": {"$model": "dtmi:com:example:Room"}, "tags": ["a"]}
    assert lint_twin(room, models) == []
    migrate = [{"op": "replace", "path": "/$metadata/$model", "value": "dtmi:com:example:Hall;1.2"}]
    assert lint_patch(migrate, models, twin=room) == []
    unknown = [{"op": "replace", "path": "/$metadata/$model", "value": "dtmi:com:example:Hall"}]
    found = lint_patch(unknown, models, twin=room)
    assert where(found) == [("DTL413", "/0/value")]
    assert "it has dtmi:com:example:Hall;1.2 (quote a DTMI in a shell" in found[0].message


def test_iothub_warns_that_dtdl_v3_models_are_not_documented() -> None:
    models = load_models(V3_MODELS)
    room = {"$dtId": "r1", "$metadata": {"$model": "dtmi:com:example:Room"}}
    found = lint_twin(room, models, target="iothub")
    assert where(found) == [("DTL440", "/$metadata/$model")] and found[0].service == ""
    found = lint_patch([{"op": "add", "path": "/tags", "value": ["a"]}], models, twin=room, target="iothub")
    assert where(found) == [("DTL440", ""), ("DTL421", "/0/value")]
    assert lint_twin(room, models) == []  # Azure Digital Twins documents DTDL v3
    assert lint_twin({"$dtId": "t1", "$metadata": {"$model": THERMOSTAT}}, MODELS, target="iothub") == []


def test_required_fields() -> None:
    assert list(iter_errors({"need": 1}, REQUIRING, None)) == []
    found = list(iter_errors({"may": "x"}, REQUIRING, None, "/box"))
    assert [(d.code, d.pointer, d.severity) for d in found] == [("DTL441", "/box", "warning")]
    assert 'marks field "need" Required' in found[0].message
    assert value_schema(None, REQUIRING)["required"] == ["need"]


def test_twins_of_every_interface_of_the_v3_ontology(shared) -> None:
    """RealEstateCore v3 (../shared/corpora): a twin of each Interface with its components is valid, for lint_twin
    as for its exported JSON Schema, and a member no model declares is not."""
    import jsonschema

    models = load_models([shared / "corpora" / "opendigitaltwins-building-v3"])
    assert len(models.interfaces) > 700 and models.diagnostics == []
    jsonschema.Draft202012Validator.check_schema(twin_schema(models, "dtmi:digitaltwins:rec_3_3:core:Room;1"))
    for dtmi in models.interfaces:
        twin = {"$metadata": {"$model": dtmi}, **{c.name: {"$metadata": {}} for c in models.components(dtmi)}}
        schema = twin_schema(models, dtmi)
        assert lint_twin(twin, models) == [] and accepts(schema, twin), dtmi
        stray = {**twin, "noSuchProperty": 1}
        assert [d.code for d in lint_twin(stray, models)] == ["DTL414"] and not accepts(schema, stray), dtmi


def test_a_missing_required_field_is_a_warning_for_either_service() -> None:
    mailbox = {
        "@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:requirement;1"],
        "@id": "dtmi:com:example:Mailbox;1",
        "@type": "Interface",
        "contents": [
            {
                "@type": "Property",
                "name": "address",
                "writable": True,
                "schema": {
                    "@type": "Object",
                    "fields": [{"@type": ["Field", "Required"], "name": "street", "schema": "string"}],
                },
            }
        ],
    }
    models = load_models({"mailbox.json": json.dumps(mailbox)})
    assert models.diagnostics == []
    twin = {"$dtId": "b1", "$metadata": {"$model": "dtmi:com:example:Mailbox;1"}, "address": {}}
    for target in ("adt", "iothub"):
        found = [d for d in lint_twin(twin, models, target=target) if d.code == "DTL441"]
        assert [(d.pointer, d.severity, d.service) for d in found] == [("/address", "warning", "")]
        assert found[0].message.startswith("Object ")  # not in the words of a rejection
