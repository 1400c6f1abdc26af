"""twin.py: twins (Azure Digital Twins and IoT Hub profiles) and relationships against their models.

The models are built from the dataclasses of model.py (the contract with the parser): the Moon and Planet
of the Azure Digital Twins "manage twins" guide, and the TemperatureController of IoT Plug and Play.
"""

from __future__ import annotations

import json
import marshal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_values import map_schema

from dtdl_lint import lint_patch, lint_relationship, lint_twin, load_models
from dtdl_lint.loading import repo_path
from dtdl_lint.model import (
    Command,
    Component,
    EnumSchema,
    EnumValue,
    Field,
    Interface,
    ObjectSchema,
    Property,
    Relationship,
    Telemetry,
)
from dtdl_lint.modelset import ModelSet
from dtdl_lint.twin import _plainly_valid, _TwinChecker


def prop(owner: str, name: str, schema, **extra) -> Property:
    return Property.of(f"{owner[:-2]}:_contents:__{name};{owner[-1]}", name=name, schema=schema, **extra)


def build(*interfaces: Interface) -> ModelSet:
    models = ModelSet()
    for interface in interfaces:
        models.interfaces[interface.id] = interface
        models.elements[interface.id] = interface
        for content in interface.contents:
            models.elements[content.id] = content
        for schema in interface.schemas:
            models.elements[schema.id] = schema
    return models


CELESTIAL = "dtmi:example:CelestialBody;1"
MOON = "dtmi:example:Moon;1"
PLANET = "dtmi:example:Planet;1"
THERMOSTAT = "dtmi:com:example:Thermostat;1"
CONTROLLER = "dtmi:com:example:TemperatureController;2"
DEVICE_INFO = "dtmi:azure:DeviceManagement:DeviceInformation;1"
LIMITS = map_schema("dtmi:com:example:Thermostat:limits;1", "name", "limit", "double")
MODE = EnumSchema.of(
    "dtmi:com:example:Thermostat:mode;1",
    value_schema="string",
    enum_values=(
        EnumValue.of("dtmi:com:example:Thermostat:mode:_enumValues:__off;1", name="off", enum_value="off"),
        EnumValue.of("dtmi:com:example:Thermostat:mode:_enumValues:__heat;1", name="heat", enum_value="heat"),
    ),
)

MODELS = build(
    Interface.of(CELESTIAL, contents=(prop(CELESTIAL, "name", "string"), prop(CELESTIAL, "mass", "double"))),
    Interface.of(
        MOON,
        extends=(CELESTIAL,),
        contents=(
            prop(MOON, "radius", "double"),
            Telemetry.of("dtmi:example:Moon:_contents:__brightness;1", name="brightness", schema="double"),
        ),
    ),
    Interface.of(
        PLANET,
        extends=(CELESTIAL,),
        contents=(
            Relationship.of(
                "dtmi:example:Planet:_contents:__satellites;1",
                name="satellites",
                target=CELESTIAL,
                max_multiplicity=2,
                properties=(prop("dtmi:example:Planet:satellites;1", "discovered", "date"),),
            ),
            Relationship.of("dtmi:example:Planet:_contents:__orbits;1", name="orbits", target=PLANET),
            Relationship.of("dtmi:example:Planet:_contents:__near;1", name="near"),
        ),
    ),
    Interface.of(
        THERMOSTAT,
        schemas=(LIMITS, MODE),
        contents=(
            prop(THERMOSTAT, "targetTemperature", "double", writable=True),
            prop(THERMOSTAT, "maxTempSinceLastReboot", "double"),
            prop(THERMOSTAT, "limits", LIMITS.id, writable=True),
            prop(THERMOSTAT, "mode", MODE.id, writable=True),
            prop(
                THERMOSTAT,
                "location",
                ObjectSchema.of(
                    "dtmi:com:example:Thermostat:_contents:__location:_schema;1",
                    fields=(Field.of("", name="room", schema="string"),),
                ),
            ),
            Telemetry.of("dtmi:com:example:Thermostat:_contents:__temperature;1", name="temperature", schema="double"),
            Command.of("dtmi:com:example:Thermostat:_contents:__getMaxMinReport;1", name="getMaxMinReport"),
        ),
    ),
    Interface.of(DEVICE_INFO, contents=(prop(DEVICE_INFO, "manufacturer", "string"),)),
    Interface.of(
        CONTROLLER,
        contents=(
            prop(CONTROLLER, "serialNumber", "string"),
            Component.of(
                "dtmi:com:example:TemperatureController:_contents:__thermostat1;2",
                name="thermostat1",
                schema=THERMOSTAT,
            ),
            Component.of(
                "dtmi:com:example:TemperatureController:_contents:__thermostat2;2",
                name="thermostat2",
                schema=THERMOSTAT,
            ),
            Component.of(
                "dtmi:com:example:TemperatureController:_contents:__deviceInformation;2",
                name="deviceInformation",
                schema=DEVICE_INFO,
            ),
        ),
    ),
)

MOON_TWIN = {
    "$dtId": "myMoon-001",
    "$etag": 'W/"e59ce8f5-03c0-4356-aea9-249ecbdc07f9"',
    "radius": 1737.1,
    "mass": 0.0734,
    "$metadata": {
        "$model": MOON,
        "radius": {"lastUpdateTime": "2022-12-06T20:00:32.8209188Z"},
        "mass": {"lastUpdateTime": "2022-12-06T20:00:32.8209188Z", "sourceTime": "2022-12-06T19:00:00Z"},
    },
}


def controller_twin(**members) -> dict:
    twin = {
        "$dtId": "controller1",
        "$metadata": {"$model": CONTROLLER},
        "serialNumber": "SN-1",
        "thermostat1": {"$metadata": {}, "targetTemperature": 21.5},
        "thermostat2": {"$metadata": {}},
        "deviceInformation": {"$metadata": {}},
    }
    twin.update(members)
    return twin


def codes_at(found) -> list[tuple[str, str]]:
    return [(d.code, d.pointer) for d in found]


# --- Azure Digital Twins -----------------------------------------------------------------------------------


def test_valid_twins_of_the_guides() -> None:
    assert lint_twin(MOON_TWIN, MODELS) == []
    assert lint_twin(controller_twin(), MODELS) == []
    assert lint_twin(json.dumps(MOON_TWIN), MODELS) == []
    assert lint_twin(controller_twin(), MODELS, target="iothub") == []


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"radius": "big"}, [("DTL401", "/radius")]),
        ({"radius": None}, [("DTL401", "/radius")]),
        ({"Radius": 1.0}, [("DTL414", "/Radius")]),
        ({"brightness": 0.5}, [("DTL414", "/brightness")]),
        ({"$version": 3}, [("DTL414", "/$version")]),
        ({"$dtId": ""}, [("DTL411", "/$dtId")]),
        ({"$metadata": {"$model": "dtmi:example:Moon;2"}}, [("DTL413", "/$metadata/$model")]),
        ({"$metadata": {"$model": 7}}, [("DTL412", "/$metadata/$model")]),
        ({"$metadata": {}}, [("DTL412", "/$metadata")]),
        ({"$metadata": "x"}, [("DTL412", "/$metadata")]),
        ({"$metadata": {"$model": MOON, "density": {}}}, [("DTL417", "/$metadata/density")]),
        ({"$metadata": {"$model": MOON, "mass": {"sourceTime": "now"}}}, [("DTL418", "/$metadata/mass/sourceTime")]),
        ({"$metadata": {"$model": MOON, "mass": 3}}, [("DTL418", "/$metadata/mass")]),
        ({"$metadata": {"$model": MOON, "$lastUpdateTime": None, "mass": {"sourceTime": None}}}, []),
        ({"name": "x" * 5000}, [("DTL419", "/name")]),
    ],
)
def test_moon_twin_findings(change, expected) -> None:
    assert codes_at(lint_twin({**MOON_TWIN, **change}, MODELS)) == expected


def test_missing_model_and_not_an_object() -> None:
    assert codes_at(lint_twin({"radius": 1}, MODELS)) == [("DTL412", "")]
    assert codes_at(lint_twin([MOON_TWIN], MODELS)) == [("DTL410", "")]


def test_the_id_comes_from_the_url() -> None:
    """RT-ADT-01: on PUT /digitaltwins/{id} the body's $dtId is ignored for the URL's; the .NET SDK sends null."""
    body = {k: v for k, v in MOON_TWIN.items() if k not in ("$dtId", "$etag")}
    assert lint_twin(body, MODELS) == []
    assert lint_twin({**body, "$dtId": None}, MODELS, twin_id="myMoon-001") == []
    assert lint_twin(MOON_TWIN, MODELS, twin_id="myMoon-001") == []
    (found,) = lint_twin(MOON_TWIN, MODELS, twin_id="moon2")
    assert (found.code, found.pointer, found.severity.value, found.service) == ("DTL423", "/$dtId", "warning", "")
    assert "'moon2'" not in found.message and '"moon2"' in found.message and "ignores the body's" in found.message
    assert codes_at(lint_twin({**body, "$dtId": 7}, MODELS, twin_id="m")) == [("DTL411", "/$dtId")]
    assert codes_at(lint_twin(json.dumps({**body, "$dtId": None}), MODELS)) == []


def test_messages_read_like_the_service() -> None:
    (found,) = lint_twin({**MOON_TWIN, "radius": "big"}, MODELS)
    assert found.message == 'Invalid twin specified: "big" is not a double: expected a JSON number'
    assert (found.service, found.dtmi) == ("ValidationFailed", "dtmi:example:Moon:_contents:__radius;1")
    (found,) = lint_twin({**MOON_TWIN, "radus": 1.0}, MODELS)
    assert found.message == f"Invalid twin specified: 'radus' is not a property of {MOON}; did you mean 'radius'?"
    (found,) = lint_twin({**MOON_TWIN, "brightness": 1.0}, MODELS)
    assert "'brightness' is a Telemetry of dtmi:example:Moon;1, not a property" in found.message


def test_components() -> None:
    twin = controller_twin()
    del twin["thermostat2"]
    (found,) = lint_twin(twin, MODELS)
    assert (found.code, found.pointer, found.dtmi) == ("DTL415", "", MODELS.contents(CONTROLLER)["thermostat2"].id)
    assert "missing component 'thermostat2'" in found.message
    found = lint_twin(controller_twin(thermostat1={"targetTemperature": "hot", "temperature": 1}), MODELS)
    assert codes_at(found) == [
        ("DTL416", "/thermostat1"),
        ("DTL401", "/thermostat1/targetTemperature"),
        ("DTL414", "/thermostat1/temperature"),
    ]
    assert codes_at(lint_twin(controller_twin(thermostat1=5), MODELS)) == [("DTL416", "/thermostat1")]
    found = lint_twin(
        controller_twin(
            thermostat2={"$metadata": {"limits": {}, "serialNumber": {}}, "limits": {"min": 1}, "mode": "cool"}
        ),
        MODELS,
    )
    assert codes_at(found) == [("DTL405", "/thermostat2/mode"), ("DTL417", "/thermostat2/$metadata/serialNumber")]
    found = lint_twin(controller_twin(**{"$metadata": {"$model": CONTROLLER, "thermostat1": {}}}), MODELS)
    assert codes_at(found) == [("DTL417", "/$metadata/thermostat1")]


def test_twin_text_goes_through_the_json_reader() -> None:
    found = lint_twin('{"$dtId": "m", "$dtId": "n", "$metadata": {"$model": "dtmi:example:Moon;1"}}', MODELS)
    assert [(d.code, d.service) for d in found] == [("DTL004", "InvalidArgument")]
    assert [d.code for d in lint_twin('{"radius": NaN}', MODELS)] == ["DTL005"]
    assert [d.code for d in lint_twin("{", MODELS)] == ["DTL003"]


def test_body_size_limit() -> None:
    twin = {**MOON_TWIN, "name": "x" * 4000}
    assert lint_twin(twin, MODELS) == []
    big = controller_twin(thermostat1={"$metadata": {}, "limits": {f"k{i}": 1.5 for i in range(3000)}})
    assert codes_at(lint_twin(big, MODELS)) == [("DTL419", "")]
    assert codes_at(lint_twin(json.dumps(MOON_TWIN, indent=40 * 1024), MODELS)) == [("DTL419", "")]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30,
)


@given(json_values)
def test_size_bound_of_the_body_limit(value) -> None:
    """twin._size skips serialising a value whose marshal (version 2) form is at most a sixth of the limit."""
    size = len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass"))
    assert size <= 6 * len(marshal.dumps(value, 2))


# lint_twin decides that a twin is valid for ADT with compiled predicates (twin._plainly_valid) before the checker
# looks: generated edits of valid twins, the shortcut taken only where the checker finds nothing.
_MEMBERS = [
    "$dtId",
    "$etag",
    "$metadata",
    "$x",
    "name",
    "mass",
    "radius",
    "brightness",
    "serialNumber",
    "thermostat1",
    "thermostat2",
    "deviceInformation",
    "bogus",
]
_COMPONENT_MEMBERS = [
    "$metadata",
    "$etag",
    "targetTemperature",
    "limits",
    "mode",
    "location",
    "temperature",
    "manufacturer",
    "x",
]
_METADATA = [
    "$model",
    "$lastUpdateTime",
    "radius",
    "mass",
    "name",
    "serialNumber",
    "thermostat1",
    "limits",
    "temperature",
    "bogus",
    "$x",
]
_TIMES = st.sampled_from(["2022-12-06T20:00:32.82Z", "2024-02-30T00:00:00Z", "2024-02-29T00:00:00+01:00", "x"])
_GOOD = st.sampled_from(
    [
        1.5,
        7,
        "s",
        "off",
        "on",
        {},
        {"a": 1.5},
        {"room": "r"},
        {"$metadata": {}},
        {"$metadata": {}, "targetTemperature": 2.5},
        MOON,
        CONTROLLER,
        "",
        None,
    ]
)
_ENTRIES = st.one_of(
    _TIMES,
    st.dictionaries(
        st.sampled_from(["lastUpdateTime", "sourceTime", "$lastUpdateTime", "ackCode"]), _TIMES | st.none(), max_size=2
    ),
    _GOOD,
)


@st.composite
def edited_twins(draw) -> dict:
    twin = json.loads(json.dumps(draw(st.sampled_from([MOON_TWIN, controller_twin(), {**MOON_TWIN, "name": "m"}]))))
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.sampled_from(["twin", "component", "metadata", "component metadata"]))
        target = twin
        if where.startswith("component"):
            target = twin.get(draw(st.sampled_from(["thermostat1", "thermostat2", "deviceInformation"])))
        if where.endswith("metadata") and isinstance(target, dict):
            target = target.get("$metadata")
        if not isinstance(target, dict):
            continue
        names = _METADATA if where.endswith("metadata") else _MEMBERS if where == "twin" else _COMPONENT_MEMBERS
        name = draw(st.sampled_from(names))
        if draw(st.booleans()) and name in target:
            del target[name]
        else:
            target[name] = draw(_ENTRIES if where.endswith("metadata") else _GOOD | json_values)
    return twin


@given(edited_twins())
def test_valid_twin_shortcut_never_hides_a_finding(twin) -> None:
    if _plainly_valid(twin, MODELS):
        assert _TwinChecker(MODELS, "adt").twin(twin) == []


def test_valid_twin_shortcut_on_every_single_edit() -> None:
    """Each member of a valid twin, of its components and of their metadata deleted or replaced: the shortcut
    is taken exactly where the checker finds nothing."""
    deleted = object()
    for valid in (MOON_TWIN, controller_twin()):
        assert _plainly_valid(valid, MODELS)
        containers = [[]] + [[name] for name, value in valid.items() if isinstance(value, dict)]
        containers += [[*path, "$metadata"] for path in containers[1:] if path != ["$metadata"]]
        for path in containers:
            for name in [*_lookup(valid, path), "bogus", "$lastUpdateTime", "temperature"]:
                for value in (
                    deleted,
                    None,
                    1.5,
                    7,
                    "s",
                    {},
                    {"lastUpdateTime": "x"},
                    {"sourceTime": None},
                    {"$metadata": {}},
                ):
                    twin = json.loads(json.dumps(valid))
                    container = _lookup(twin, path)
                    if value is deleted:
                        container.pop(name, None)
                    else:
                        container[name] = value
                    assert _plainly_valid(twin, MODELS) == (_TwinChecker(MODELS, "adt").twin(twin) == []), (path, name)


def _lookup(value: dict, path: list[str]) -> dict:
    for name in path:
        value = value[name]
    return value


def test_unknown_target_is_a_programmer_error() -> None:
    with pytest.raises(ValueError, match="target"):
        lint_twin(MOON_TWIN, MODELS, target="aws")


# --- IoT Hub (Plug and Play) -------------------------------------------------------------------------------


def test_iothub_rules() -> None:
    twin = controller_twin(thermostat1={"$metadata": {}, "limits": {"max-temp": 30.0}}, **{"serial-number": "x"})
    found = lint_twin(twin, MODELS, target="iothub")
    assert codes_at(found) == [
        ("DTL420", "/thermostat1/limits/max-temp"),
        ("DTL420", "/serial-number"),
        ("DTL414", "/serial-number"),
    ]
    assert {d.service for d in found} == {"ArgumentInvalid"}
    assert found[0].message == (
        "'thermostat1' exists within the device twin and is not digital twin conformant "
        'property: Map key "max-temp" is not a DTDL name'
    )
    assert codes_at(lint_twin(controller_twin(thermostat1={"limits": {}}), MODELS, target="iothub")) == [
        ("DTL416", "/thermostat1")
    ]


def test_iothub_needs_no_model_and_no_components() -> None:
    assert lint_twin({"$dtId": "device1", "$metadata": {}, "anything": [1]}, MODELS, target="iothub") == []
    twin = controller_twin()
    del twin["thermostat2"]
    assert lint_twin(twin, MODELS, target="iothub") == []


def test_iothub_checks_desired_values_in_metadata() -> None:
    twin = controller_twin(thermostat1={"$metadata": {"targetTemperature": {"desiredValue": "x", "desiredVersion": 2}}})
    assert codes_at(lint_twin(twin, MODELS, target="iothub")) == [
        ("DTL401", "/thermostat1/$metadata/targetTemperature/desiredValue")
    ]


# --- relationships -----------------------------------------------------------------------------------------

TWINS = {
    "earth": {"$dtId": "earth", "$metadata": {"$model": PLANET}},
    "mars": {"$dtId": "mars", "$metadata": {"$model": PLANET}},
    "moon": {"$dtId": "moon", "$metadata": {"$model": MOON}},
}


def rel(name="satellites", source="earth", target="moon", rel_id="r1", **properties) -> dict:
    return {
        "$relationshipId": rel_id,
        "$sourceId": source,
        "$targetId": target,
        "$relationshipName": name,
        **properties,
    }


@pytest.mark.parametrize(
    "relationship, expected",
    [
        (rel(discovered="1610-01-07"), []),
        (rel("near", target="mars"), []),
        (rel("satelites"), [("DTL430", "/$relationshipName")]),
        (rel("orbits"), [("DTL431", "/$targetId")]),
        (rel(discovered="1610"), [("DTL403", "/discovered")]),
        (rel(size=3), [("DTL414", "/size")]),
        (rel(source="earth", target="earth", name="near"), [("DTL432", "/$targetId")]),
        (rel(target="phobos"), [("DTL433", "/$targetId")]),
        (
            {"$relationshipId": "r1", "$sourceId": "earth", "$relationshipName": ""},
            [("DTL411", ""), ("DTL411", "/$relationshipName")],
        ),
        ({"$sourceId": "earth", "$targetId": None, "$relationshipName": "near"}, [("DTL411", "/$targetId")]),
        (
            {"$relationshipId": 5, "$sourceId": "earth", "$targetId": "moon", "$relationshipName": "near"},
            [("DTL411", "/$relationshipId")],
        ),
        ("not a relationship", [("DTL003", "")]),
        (3, [("DTL410", "")]),
    ],
)
def test_relationship(relationship, expected) -> None:
    assert codes_at(lint_relationship(relationship, MODELS, twins=TWINS)) == expected


def test_relationship_services_and_messages() -> None:
    (found,) = lint_relationship(rel("orbits"), MODELS, twins=TWINS)
    assert found.service == "InvalidRelationship"
    assert found.message.startswith(
        "Twin relationship does not align with the model: 'orbits' of "
        f"{PLANET} targets {PLANET}, but twin 'moon' is a {MOON}"
    )
    (found,) = lint_relationship(rel("satelites"), MODELS, twins=TWINS)
    assert found.message == f"'satelites' is not a relationship of {PLANET}; did you mean 'satellites'?"
    (found,) = lint_relationship(rel(source="pluto"), MODELS, twins=TWINS)
    assert (found.service, found.severity.value) == ("DigitalTwinNotFound", "warning")


def test_relationship_ids_come_from_the_url() -> None:
    """PUT /digitaltwins/{src}/relationships/{id}: the body needs only $targetId and $relationshipName."""
    body = {"$targetId": "moon", "$relationshipName": "satellites", "discovered": "1610-01-07"}
    assert lint_relationship(body, MODELS) == []
    assert lint_relationship(body, MODELS, source_id="earth", relationship_id="r1", twins=TWINS) == []
    nulls = {**body, "$relationshipId": None, "$sourceId": None, "$etag": None}
    assert lint_relationship(nulls, MODELS, source_id="earth", relationship_id="r1", twins=TWINS) == []
    # the URL's source decides which model the relationship is checked against
    assert codes_at(
        lint_relationship({**body, "$relationshipName": "satelites"}, MODELS, source_id="earth", twins=TWINS)
    ) == [("DTL430", "/$relationshipName")]
    found = lint_relationship(
        {**body, "$sourceId": "mars", "$relationshipId": "r2"},
        MODELS,
        source_id="earth",
        relationship_id="r1",
        twins=TWINS,
    )
    assert codes_at(found) == [("DTL423", "/$relationshipId"), ("DTL423", "/$sourceId")]
    assert {d.severity.value for d in found} == {"warning"}


def test_duplicates_are_counted_by_the_url_ids() -> None:
    seen: dict = {}
    body = {"$targetId": "moon", "$relationshipName": "near"}
    assert lint_relationship(body, MODELS, source_id="earth", relationship_id="r1", twins=TWINS, seen=seen) == []
    assert codes_at(
        lint_relationship(body, MODELS, source_id="earth", relationship_id="r1", twins=TWINS, seen=seen)
    ) == [("DTL435", "/$relationshipId")]
    assert lint_relationship(body, MODELS, twins=TWINS, seen=seen) == []  # no source, no id: nothing to count


def test_relationship_target_may_extend_the_declared_target() -> None:
    assert lint_relationship(rel(target="mars"), MODELS, twins=TWINS) == []  # a Planet is a CelestialBody


def test_relationship_without_twins_checks_only_its_shape() -> None:
    assert lint_relationship(rel("no such name", size=1), MODELS) == []
    assert codes_at(lint_relationship(rel(source="x", target="x"), MODELS)) == [("DTL432", "/$targetId")]


def test_multiplicity_and_duplicate_ids_across_calls() -> None:
    seen: dict = {}
    found = [lint_relationship(rel(rel_id=i), MODELS, twins=TWINS, seen=seen) for i in ("a", "b", "c", "b")]
    assert [codes_at(f) for f in found] == [
        [],
        [],
        [("DTL434", "/$relationshipName")],
        [("DTL435", "/$relationshipId")],
    ]
    assert lint_relationship(rel(rel_id="a", source="mars"), MODELS, twins=TWINS, seen=seen) == []


# --- models from a repository, and models that could not be loaded ----------------------------------------------

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def repo(tmp_path) -> Path:
    """The temperature controller's and the guides' models in a model repository (dtmi/com/example/...)."""
    for file in [
        *(FIXTURES / "examples" / "temperature-controller").glob("*.json"),
        *(FIXTURES / "twins" / "_models").glob("*.json"),
    ]:
        path = repo_path(tmp_path / "repo", json.loads(file.read_text())["@id"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(file.read_text())
    return tmp_path / "repo"


def test_models_of_twins_relationships_and_patches_come_from_the_repository(repo) -> None:
    models = load_models([], repo=repo)
    assert models.interfaces == {}
    twin = {
        "$metadata": {"$model": CONTROLLER},
        "serialNumber": "SN-1",
        "thermostat1": {"$metadata": {}},
        "thermostat2": {"$metadata": {}},
        "deviceInformation": {"$metadata": {}, "manufacturer": "Contoso"},
    }
    assert lint_twin(twin, models) == []
    assert set(models.interfaces) == {CONTROLLER, THERMOSTAT, DEVICE_INFO}  # the model and its dependencies
    assert codes_at(lint_twin({**twin, "serialNumber": 1}, models)) == [("DTL401", "/serialNumber")]
    del twin["thermostat2"]
    assert codes_at(lint_twin(twin, models)) == [("DTL415", "")]
    patch = [{"op": "add", "path": "/targetTemperature", "value": "hot"}]
    assert codes_at(lint_patch(patch, load_models([], repo=repo), model=THERMOSTAT)) == [("DTL401", "/0/value")]
    twins = {"earth": {"$metadata": {"$model": PLANET}}, "moon": {"$metadata": {"$model": MOON}}}
    found = lint_relationship(
        {"$targetId": "moon", "$relationshipName": "satelites"},
        load_models([], repo=repo),
        source_id="earth",
        twins=twins,
    )
    assert codes_at(found) == [("DTL430", "/$relationshipName")]


def test_what_is_not_in_the_repository_is_unknown(repo) -> None:
    models = load_models([], repo=repo)
    for model in ("dtmi:com:example:Nope;1", "dtmi:com:example:Thermostat", "dtmi:..:..:x;1", "../x.json"):
        assert codes_at(lint_twin({"$metadata": {"$model": model}}, models)) == [("DTL413", "/$metadata/$model")]
    assert models.interfaces == {} and models.tried == {"dtmi:com:example:Nope;1"}


def test_a_model_that_could_not_be_loaded_is_named(tmp_path) -> None:
    broken = tmp_path / "moon.json"
    broken.write_text(
        '{\n  "@context": "dtmi:dtdl:context;2",\n  "@id": "dtmi:example:Moon;1",\n  "@type": "Interface",\n}\n'
    )
    models = load_models([], models=[broken])
    (found,) = lint_twin(MOON_TWIN, models)
    assert (found.code, found.pointer) == ("DTL413", "/$metadata/$model")
    assert found.message == (
        f"Invalid twin specified: model {MOON} is defined in {broken}, which has errors: DTL003 at 5:1"
    )
    (found,) = lint_twin({**MOON_TWIN, "$metadata": {"$model": PLANET}}, models)
    assert found.message.endswith(
        f"model {PLANET} is not among the models; 1 model file could not be read: {broken} (DTL003 at 5:1)"
    )
    v4 = tmp_path / "v4.json"
    v4.write_text(json.dumps({"@context": "dtmi:dtdl:context;4", "@id": MOON, "@type": "Interface"}))
    (found,) = lint_twin(MOON_TWIN, load_models([], models=[v4]))
    assert found.message.endswith(f"model {MOON} is defined in {v4}, which dtdl-lint does not load: DTL106 at 1:2")
