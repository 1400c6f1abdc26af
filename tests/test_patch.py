"""patch.py: RFC 6902 well-formedness, service rules against the model, simulation on the twin."""

from __future__ import annotations

import json

import pytest
from test_values import map_schema

from dtdl_lint import codes, lint_patch, lint_twin
from dtdl_lint.model import (
    ArraySchema,
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
from dtdl_lint.patch import apply_operations, check_operations, lint_json_patch

CONTROLLER = "dtmi:com:example:TemperatureController;2"
THERMOSTAT = "dtmi:com:example:Thermostat;1"
ROOM = "dtmi:com:example:Room;1"
ROOM_NEW = "dtmi:com:example:Room;2"


def build_models() -> ModelSet:
    """The IoT Plug and Play temperature controller and a Room with complex properties, built directly."""
    models = ModelSet()
    mode = EnumSchema.of(
        f"{ROOM}:mode",
        value_schema="string",
        enum_values=(
            EnumValue.of(f"{ROOM}:mode:eco", name="eco", enum_value="eco"),
            EnumValue.of(f"{ROOM}:mode:comfort", name="comfort", enum_value="comfort"),
        ),
    )
    settings = ObjectSchema.of(
        f"{ROOM}:settings",
        fields=(
            Field.of(f"{ROOM}:settings:mode", name="mode", schema=mode),
            Field.of(f"{ROOM}:settings:setpoint", name="setpoint", schema="double"),
            Field.of(
                f"{ROOM}:settings:inner",
                name="inner",
                schema=ObjectSchema.of(
                    f"{ROOM}:inner", fields=(Field.of(f"{ROOM}:inner:level", name="level", schema="integer"),)
                ),
            ),
        ),
    )
    interfaces = [
        Interface.of(
            THERMOSTAT,
            contents=(
                Telemetry.of(f"{THERMOSTAT}:temperature", name="temperature", schema="double"),
                Property.of(
                    f"{THERMOSTAT}:targetTemperature", name="targetTemperature", schema="double", writable=True
                ),
                Property.of(f"{THERMOSTAT}:maxTempSinceLastReboot", name="maxTempSinceLastReboot", schema="double"),
            ),
        ),
        Interface.of(
            CONTROLLER,
            contents=(
                Property.of(f"{CONTROLLER}:serialNumber", name="serialNumber", schema="string"),
                Component.of(f"{CONTROLLER}:thermostat1", name="thermostat1", schema=THERMOSTAT),
                Component.of(f"{CONTROLLER}:thermostat2", name="thermostat2", schema=THERMOSTAT),
            ),
        ),
        Interface.of(
            ROOM,
            contents=(
                Property.of(f"{ROOM}:name", name="name", schema="string", writable=True),
                Property.of(f"{ROOM}:settings", name="settings", schema=settings, writable=True),
                Property.of(
                    f"{ROOM}:labels",
                    name="labels",
                    writable=True,
                    schema=map_schema(f"{ROOM}:labels", "k", "v", "string"),
                ),
                Property.of(
                    f"{ROOM}:tags",
                    name="tags",
                    writable=True,
                    schema=ArraySchema.of(f"{ROOM}:tags", element_schema="string"),
                ),
                Property.of(f"{ROOM}:location", name="location", schema="point", writable=True),
                Property.of(
                    f"{ROOM}:deep",
                    name="deep",
                    writable=True,
                    schema=map_schema(f"{ROOM}:deep", "k", "v", f"{ROOM}:deep"),
                ),
                Relationship.of(
                    f"{ROOM}:contains",
                    name="contains",
                    target=THERMOSTAT,
                    properties=(
                        Property.of(f"{ROOM}:contains:since", name="since", schema="date"),
                        Property.of(f"{ROOM}:contains:weight", name="weight", schema="double"),
                    ),
                ),
            ),
        ),
        Interface.of(
            ROOM_NEW, extends=(ROOM,), contents=(Property.of(f"{ROOM_NEW}:area", name="area", schema="double"),)
        ),
    ]
    for interface in interfaces:
        models.interfaces[interface.id] = models.elements[interface.id] = interface
    models.elements[f"{ROOM}:deep"] = interfaces[2].contents[5].schema
    return models


MODELS = build_models()


def codes_of(found) -> list[str]:
    return [d.code for d in found]


def where(found) -> list[tuple[str, str]]:
    return [(d.code, d.pointer) for d in found]


# --- RFC 6902 well-formedness ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "patch, expected",
    [
        ({"op": "add", "path": "/a", "value": 1}, [("DTL501", "")]),
        (["add"], [("DTL502", "/0")]),
        ([{"path": "/a"}], [("DTL503", "/0")]),
        ([{"op": "set", "path": "/a"}], [("DTL503", "/0/op")]),
        ([{"op": 1, "path": "/a"}], [("DTL503", "/0/op")]),
        ([{"op": "add", "path": "/a"}], [("DTL504", "/0")]),
        ([{"op": "move", "path": "/a"}], [("DTL504", "/0")]),
        ([{"op": "remove"}], [("DTL504", "/0")]),
        ([{"op": "remove", "path": "a"}], [("DTL505", "/0/path")]),
        ([{"op": "remove", "path": "/a~2"}], [("DTL505", "/0/path")]),
        ([{"op": "remove", "path": None}], [("DTL505", "/0/path")]),
        ([{"op": "copy", "from": "x", "path": "/a"}], [("DTL505", "/0/from")]),
        ([{"op": "remove", "path": "/a", "value": 1}], [("DTL506", "/0/value")]),
        ([{"op": "add", "path": "/a~1b/~0", "value": None}, {"op": "test", "path": "", "value": {}}], []),
    ],
)
def test_wellformedness(patch, expected) -> None:
    operations, found = check_operations(patch)
    assert where(found) == expected
    errors = {d.pointer.split("/")[1] for d in found if d.severity == "error" and d.pointer}
    assert len(operations) == (len(patch) - len(errors) if isinstance(patch, list) else 0)


def test_wellformed_operations_are_kept_and_bad_ones_dropped() -> None:
    operations, found = check_operations(
        [{"op": "add", "path": "/a", "value": 1}, {"op": "nope", "path": "/a"}, {"op": "remove", "path": "/b"}]
    )
    assert [o.index for o in operations] == [0, 2]
    assert {d.code for d in found} == {"DTL503"}


def test_unknown_member_is_a_warning() -> None:
    assert codes.UNKNOWN_OPERATION_MEMBER.severity == "warning"


def test_duplicate_keys_in_text_are_reported_with_position() -> None:
    text = '[{"op": "add", "op": "remove", "path": "/name", "value": "x"}]'
    found = lint_patch(text, MODELS, model=ROOM)
    duplicate = [d for d in found if d.code == codes.DUPLICATE_KEY.code]
    assert duplicate and duplicate[0].pointer == "/0/op" and duplicate[0].line == 1
    assert duplicate[0].service == "JsonPatchInvalid"


@pytest.mark.parametrize(
    "text, code",
    [
        ("[{", "DTL003"),
        ('[{"op": "add", "path": "/name", "value": NaN}]', "DTL005"),
        (b"\xff[]", "DTL002"),
        ("", "DTL007"),
    ],
)
def test_bad_text_is_a_finding(text, code) -> None:
    found = lint_patch(text, MODELS, model=ROOM)
    assert code in codes_of(found)


# --- application ----------------------------------------------------------------------------------------------


def test_application_does_not_change_the_inputs() -> None:
    twin = {"a": {"b": 1}}
    patch = [
        {"op": "add", "path": "/c", "value": {"d": 1}},
        {"op": "add", "path": "/c/e", "value": 2},
        {"op": "remove", "path": "/a/b"},
    ]
    before = json.dumps([twin, patch])
    result, found = lint_json_patch(patch, twin)
    assert found == [] and result == {"a": {}, "c": {"d": 1, "e": 2}}
    assert json.dumps([twin, patch]) == before


def test_failed_operations_are_skipped_and_reported() -> None:
    operations, _ = check_operations(
        [
            {"op": "replace", "path": "/x", "value": 1},
            {"op": "add", "path": "/y/z", "value": 1},
            {"op": "add", "path": "/w", "value": 2},
        ]
    )
    result, failures = apply_operations({}, operations)
    assert result == {"w": 2}
    assert [(o.index, missing) for o, _, missing in failures] == [(0, True), (1, False)]


# --- service rules, model only --------------------------------------------------------------------------------


def lint(patch, model=ROOM, **kwargs):
    return lint_patch(patch, MODELS, model=model, **kwargs)


def test_guide_examples_are_accepted_for_iothub() -> None:
    for patch in (
        [{"op": "add", "path": "/thermostat1/targetTemperature", "value": 21.8}],
        [{"op": "add", "path": "/thermostat1", "value": {"$metadata": {}, "targetTemperature": 21.8}}],
    ):
        assert lint(patch, CONTROLLER, target="iothub") == []


def test_unsupported_ops() -> None:
    found = lint([{"op": "move", "from": "/name", "path": "/x"}, {"op": "test", "path": "/name", "value": "a"}])
    assert where(found) == [("DTL510", "/0/op"), ("DTL510", "/1/op")]
    assert {d.service for d in found} == {"JsonPatchInvalid"}


@pytest.mark.parametrize("path", ["/nme", "/settings/speed", "/tags/first", "/tags/01", "/name/x", "/thermostat1"])
def test_paths_not_in_the_model(path) -> None:
    found = lint([{"op": "add", "path": path, "value": 1}])
    assert where(found) == [("DTL511", "/0/path")]
    assert found[0].service == "ValidationFailed"


def test_telemetry_is_not_a_twin_member() -> None:
    found = lint([{"op": "add", "path": "/thermostat1/temperature", "value": 1}], CONTROLLER)
    assert where(found) == [("DTL511", "/0/path")] and "Telemetry" in found[0].message


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/$dtId",
        "/$etag",
        "/$metadata/$lastUpdateTime",
        "/$metadata/name/lastUpdateTime",
        "/thermostat1/$metadata/targetTemperature/x",
    ],
)
def test_paths_not_patchable(path) -> None:
    model = CONTROLLER if path.startswith("/thermostat1") else ROOM
    found = lint([{"op": "add", "path": path, "value": "x"}], model)
    assert codes_of(found) == ["DTL512"]


@pytest.mark.parametrize(
    "path, value",
    [
        ("/settings/mode", "eco"),
        ("/settings/inner/level", 3),
        ("/labels/any key", "x"),
        ("/$metadata/name/sourceTime", "2021-11-30T18:47:53.7648958Z"),
        ("/$metadata/name", {"sourceTime": "2021-11-30T18:47:53Z"}),
    ],
)
def test_paths_in_the_model(path, value) -> None:
    assert [d.code for d in lint([{"op": "add", "path": path, "value": value}])] in ([], ["DTL515"])


def test_component_paths() -> None:
    patch = [
        {"op": "add", "path": "/thermostat1/targetTemperature", "value": 1.5},
        {
            "op": "add",
            "path": "/thermostat2/$metadata/targetTemperature/sourceTime",
            "value": "2021-11-30T18:47:53.7648958Z",
        },
        {"op": "add", "path": "/thermostat2", "value": {"targetTemperature": 2, "$metadata": {}}},
    ]
    assert [d for d in lint(patch, CONTROLLER) if d.code != "DTL515"] == []


def test_removing_a_component_or_the_model() -> None:
    found = lint([{"op": "remove", "path": "/thermostat1"}, {"op": "remove", "path": "/$metadata/$model"}], CONTROLLER)
    assert where(found) == [("DTL415", "/0/path"), ("DTL412", "/1/path")]
    # IoT Hub: removing a component clears its desired values
    assert codes_of(lint([{"op": "remove", "path": "/thermostat1"}], CONTROLLER, target="iothub")) == ["DTL515"]


def test_migration_target_must_be_known() -> None:
    found = lint([{"op": "replace", "path": "/$metadata/$model", "value": "dtmi:com:example:Nope;1"}])
    assert where(found) == [("DTL413", "/0/value")]


def test_migration_checks_paths_against_the_new_model() -> None:
    patch = [
        {"op": "replace", "path": "/$metadata/$model", "value": ROOM_NEW},
        {"op": "add", "path": "/area", "value": 12.5},
    ]
    assert [d.code for d in lint(patch) if d.code != "DTL515"] == []
    assert where(lint(patch[1:])) == [("DTL511", "/0/path")]


def test_unknown_model_is_one_warning() -> None:
    assert lint([], model="dtmi:com:example:Nope;1") == [] and lint_patch([], MODELS) == []
    (found,) = lint([{"op": "add", "path": "/name", "value": 1}], model="dtmi:com:example:Nope;1")
    assert (found.code, found.pointer, found.severity.value, found.service) == ("DTL516", "", "warning", "")
    assert found.message.startswith("model dtmi:com:example:Nope;1 is not among the models: ")
    (found,) = lint_patch([{"op": "remove", "path": "/name"}], MODELS)
    assert found.code == "DTL516" and "not known" in found.message


def test_without_a_model_the_model_free_rules_still_apply() -> None:
    patch = [
        {"op": "move", "from": "/a", "path": "/b"},
        {"op": "add", "path": "/$dtId", "value": "x"},
        {"op": "add", "path": "/$metadata/temperature/lastUpdateTime", "value": "2021-11-30T18:47:53Z"},
        {"op": "add", "path": "/$metadata/temperature/sourceTime", "value": "yesterday"},
        {"op": "add", "path": "/thermostat1/$metadata/targetTemperature/sourceTime", "value": "2021-11-30T18:47:53Z"},
        {"op": "replace", "path": "/$metadata/$model", "value": "Room"},
        {"op": "remove", "path": "/$metadata/$model"},
        {"op": "add", "path": "/temperature", "value": "hot"},
        {"op": "add", "path": "/big", "value": "x" * 5000},
        {"op": "add", "path": "", "value": {}},
    ]
    found = lint_patch(patch, MODELS)
    assert where(found) == [
        ("DTL516", ""),
        ("DTL510", "/0/op"),
        ("DTL512", "/1/path"),
        ("DTL512", "/2/path"),
        ("DTL403", "/3/value"),
        ("DTL413", "/5/value"),
        ("DTL412", "/6/path"),
        ("DTL419", "/8/value"),
        ("DTL512", "/9/path"),
    ]
    assert not any(d.code == "DTL515" for d in found)


def test_without_a_model_iothub_value_rules_still_apply() -> None:
    patch = [
        {"op": "add", "path": "/my-prop", "value": 1},
        {"op": "add", "path": "/tags", "value": ["a"]},
        {"op": "add", "path": "/limits", "value": {"max temp": 1}},
        {"op": "add", "path": "/deep", "value": {"a": {"b": {"c": {"d": {"e": {}}}}}}},
        {"op": "add", "path": "/thermostat1", "value": {"$metadata": {"x": 1}, "targetTemperature": 2}},
        {"op": "add", "path": "/thermostat2", "value": {"$metadata": {}, "targetTemperature": 2}},
        {"op": "add", "path": "/$metadata/x/sourceTime", "value": "2021-11-30T18:47:53Z"},
    ]
    found = lint_patch(patch, MODELS, target="iothub")
    assert where(found) == [
        ("DTL516", ""),
        ("DTL420", "/0/path"),
        ("DTL421", "/1/value"),
        ("DTL420", "/2/value/max temp"),
        ("DTL422", "/3/value/a/b/c/d/e"),
        ("DTL416", "/4/value"),
        ("DTL512", "/6/path"),
    ]
    assert {d.service for d in found if d.severity == "error"} == {"ArgumentInvalid"}


# --- IoT Hub --------------------------------------------------------------------------------------------------


def iothub(patch, model=ROOM):
    return where(lint(patch, model, target="iothub", twin=None))


def test_iothub_names() -> None:
    assert iothub([{"op": "add", "path": "/labels/my-label", "value": "x"}]) == [("DTL420", "/0/path")]
    assert ("DTL420", "/0/value/bad key") in iothub([{"op": "add", "path": "/labels", "value": {"bad key": "x"}}])


def test_iothub_arrays() -> None:
    assert iothub([{"op": "add", "path": "/tags", "value": ["a"]}]) == [("DTL421", "/0/value")]
    assert iothub([{"op": "add", "path": "/location", "value": {"type": "Point", "coordinates": [1, 2]}}]) == [
        ("DTL421", "/0/value/coordinates")
    ]
    assert ("DTL421", "/0/value/a") in iothub([{"op": "add", "path": "/deep", "value": {"a": [1]}}])


def test_iothub_depth() -> None:
    five = {"a": {"b": {"c": {"d": {}}}}}
    assert iothub([{"op": "add", "path": "/deep", "value": five}]) == []
    assert iothub([{"op": "add", "path": "/deep", "value": {"x": five}}]) == [("DTL422", "/0/value/x/a/b/c/d")]
    assert iothub([{"op": "add", "path": "/deep/x/y", "value": five}]) == [("DTL422", "/0/value/a/b/c")]
    assert iothub([{"op": "add", "path": "/deep/x", "value": five["a"]}]) == [("DTL515", "/0")]


def test_iothub_component_marker() -> None:
    patch = [
        {"op": "add", "path": "/thermostat1", "value": {"targetTemperature": 21.8}},
        {"op": "replace", "path": "/thermostat2", "value": {"$metadata": {"x": 1}}},
    ]
    found = iothub(patch, CONTROLLER)
    assert found[:2] == [("DTL416", "/0/value"), ("DTL416", "/1/value")]


def test_iothub_not_writable() -> None:
    patch = [
        {"op": "add", "path": "/thermostat1/maxTempSinceLastReboot", "value": 1.0},
        {"op": "add", "path": "/thermostat1", "value": {"$metadata": {}, "maxTempSinceLastReboot": 1.0}},
    ]
    assert iothub(patch, CONTROLLER) == [("DTL514", "/0/path"), ("DTL514", "/1/value/maxTempSinceLastReboot")]


def test_iothub_metadata_not_patchable_and_service() -> None:
    found = lint([{"op": "replace", "path": "/$metadata/$model", "value": ROOM_NEW}], target="iothub")
    assert codes_of(found) == ["DTL512"] and found[0].service == "ArgumentInvalid"


# --- without the twin -----------------------------------------------------------------------------------------


def test_twin_needed_names_the_operations() -> None:
    patch = [
        {"op": "add", "path": "/name", "value": "a"},
        {"op": "replace", "path": "/settings", "value": {}},
        {"op": "add", "path": "/settings/mode", "value": "eco"},
        {"op": "add", "path": "/labels", "value": {}},
        {"op": "add", "path": "/labels/k", "value": "v"},
    ]
    found = lint(patch)
    assert where(found) == [("DTL515", "/1")]
    assert "operation 1 (replace" in found[0].message and "2 (add needs /settings" in found[0].message
    assert "4 " not in found[0].message and found[0].severity == "warning"


def test_no_twin_needed_for_plain_adds() -> None:
    assert lint([{"op": "add", "path": "/name", "value": "a"}]) == []
    assert lint([{"op": "add", "path": "/thermostat1/targetTemperature", "value": 1.0}], CONTROLLER) == []


def test_values_are_checked_against_the_schema_at_the_path() -> None:
    patch = [
        {"op": "add", "path": "/settings/mode", "value": "heating"},
        {"op": "add", "path": "/name", "value": 3},
        {"op": "add", "path": "/$metadata/name/sourceTime", "value": "yesterday"},
        {"op": "add", "path": "/settings", "value": {"inner": {"level": 1.5}, "speed": 1}},
    ]
    assert where(lint(patch)) == [
        ("DTL405", "/0/value"),
        ("DTL401", "/1/value"),
        ("DTL403", "/2/value"),
        ("DTL401", "/3/value/inner/level"),
        ("DTL406", "/3/value/speed"),
    ]


def test_component_values_are_checked() -> None:
    patch = [
        {
            "op": "replace",
            "path": "/thermostat1",
            "value": {"$metadata": {}, "targetTemperature": "hot", "temperature": 1},
        }
    ]
    found = [d for d in lint(patch, CONTROLLER) if d.code != "DTL515"]
    assert where(found) == [("DTL401", "/0/value/targetTemperature"), ("DTL414", "/0/value/temperature")]
    assert found[0].service == "ValidationFailed"


# --- with the twin: simulation --------------------------------------------------------------------------------


def room_twin(model=ROOM, **members) -> dict:
    return {"$dtId": "room1", "$etag": 'W/"1"', "$metadata": {"$model": model}, **members}


def controller_twin() -> dict:
    return {
        "$dtId": "device1",
        "$metadata": {"$model": CONTROLLER},
        "serialNumber": "abc",
        "thermostat1": {"$metadata": {}, "targetTemperature": 20.0},
        "thermostat2": {"$metadata": {}},
    }


def test_simulation_accepts_the_guide_examples() -> None:
    twin = controller_twin()
    for patch in (
        [{"op": "add", "path": "/thermostat1/targetTemperature", "value": 21.8}],
        [{"op": "replace", "path": "/thermostat1/targetTemperature", "value": 21.8}],
        [{"op": "remove", "path": "/thermostat1/targetTemperature"}],
        [{"op": "add", "path": "/thermostat2", "value": {"$metadata": {}, "targetTemperature": 21.8}}],
    ):
        assert lint_patch(patch, MODELS, twin=twin) == [], patch
        assert lint_patch(patch, MODELS, twin=twin, target="iothub") == [], patch


def test_replace_or_remove_of_what_the_twin_lacks() -> None:
    twin = room_twin(name="a")
    patch = [
        {"op": "replace", "path": "/settings", "value": {}},
        {"op": "remove", "path": "/labels"},
        {"op": "add", "path": "/settings/mode", "value": "eco"},
        {"op": "replace", "path": "/name", "value": "b"},
    ]
    found = lint_patch(patch, MODELS, twin=twin)
    assert where(found) == [("DTL513", "/0/path"), ("DTL513", "/1/path"), ("DTL507", "/2/path")]
    assert "use add" in found[0].message and "operation 2 (add /settings/mode)" in found[2].message


def test_simulation_reports_the_resulting_twin_at_the_operation() -> None:
    twin = room_twin(settings={"mode": "eco"})
    patch = [{"op": "add", "path": "/settings/setpoint", "value": "warm"}, {"op": "add", "path": "/name", "value": 1}]
    found = lint_patch(patch, MODELS, twin=twin)
    assert where(found) == [("DTL401", "/0/value"), ("DTL401", "/1/value")]
    assert found[0].message.startswith("operation 0 (add /settings/setpoint)")


def test_migration_with_the_twin() -> None:
    twin = room_twin(ROOM_NEW, name="a", area=12.0)
    back = [{"op": "replace", "path": "/$metadata/$model", "value": ROOM}]
    found = lint_patch(back, MODELS, twin=twin)
    assert where(found) == [("DTL414", "/0/value")] and "/area" in found[0].message
    assert lint_patch([*back, {"op": "remove", "path": "/area"}], MODELS, twin=twin) == []
    forward = [
        {"op": "replace", "path": "/$metadata/$model", "value": ROOM_NEW},
        {"op": "add", "path": "/area", "value": 3.5},
    ]
    assert lint_patch(forward, MODELS, twin=room_twin(name="a")) == []


def test_problems_the_twin_already_had_are_not_the_patch_s() -> None:
    twin = room_twin(name=1)
    assert lint_patch([{"op": "add", "path": "/settings", "value": {"mode": "eco"}}], MODELS, twin=twin) == []


def test_model_is_taken_from_the_twin() -> None:
    found = lint_patch([{"op": "add", "path": "/nope", "value": 1}], MODELS, twin=room_twin())
    assert where(found) == [("DTL511", "/0/path")]


def test_text_patch_and_sources_for_models(tmp_path) -> None:
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "fixtures" / "examples" / "temperature-controller"
    text = '[{"op": "add", "path": "/thermostat1/targetTemperature", "value": "hot"}]'
    found = lint_patch(text, [example], twin=controller_twin())
    assert where(found) == [("DTL401", "/0/value")] and found[0].service == "ValidationFailed"


def test_source_time_of_a_property_set_in_the_same_patch() -> None:
    patch = [
        {"op": "add", "path": "/name", "value": "Kitchen"},
        {"op": "add", "path": "/$metadata/name/sourceTime", "value": "2021-11-30T18:47:53.7648958Z"},
    ]
    assert lint_patch(patch, MODELS, twin=room_twin()) == []
    found = lint_patch(patch[1:], MODELS, twin=room_twin())
    assert where(found) == [("DTL507", "/0/path")] and "/$metadata/name does not exist" in found[0].message


def test_source_time_of_any_property_set() -> None:
    """The service keeps a $metadata entry for every property that is set: its sourceTime can be added or
    replaced, whether or not the twin in hand shows the entry; lastUpdateTime is the service's."""
    twin = room_twin(name="Hall")
    time = "2021-11-30T18:47:53.7648958Z"
    for op in ("add", "replace"):
        assert lint_patch([{"op": op, "path": "/$metadata/name/sourceTime", "value": time}], MODELS, twin=twin) == []
        assert (
            lint_patch(
                [
                    {"op": "replace", "path": "/name", "value": "Kitchen"},
                    {"op": op, "path": "/$metadata/name/sourceTime", "value": time},
                ],
                MODELS,
                twin=twin,
            )
            == []
        )
    patch = [
        {"op": "add", "path": "/settings", "value": {"mode": "eco"}},
        {"op": "replace", "path": "/$metadata/settings/sourceTime", "value": time},
    ]
    assert lint_patch(patch, MODELS, twin=twin) == []
    assert lint(patch) == []  # the property is set earlier in the patch: nothing depends on the twin
    assert where(lint(patch[1:])) == [("DTL515", "/0")]
    found = lint_patch([{"op": "replace", "path": "/$metadata/name/lastUpdateTime", "value": time}], MODELS, twin=twin)
    assert where(found) == [("DTL512", "/0/path")]
    controller = controller_twin()
    assert (
        lint_patch(
            [{"op": "replace", "path": "/thermostat1/$metadata/targetTemperature/sourceTime", "value": time}],
            MODELS,
            twin=controller,
        )
        == []
    )


def test_a_removed_property_takes_its_metadata_along() -> None:
    twin = room_twin(ROOM_NEW, name="a", area=12.0)
    twin["$metadata"]["area"] = {"lastUpdateTime": "2022-12-06T20:00:32.8209188Z"}
    patch = [{"op": "replace", "path": "/$metadata/$model", "value": ROOM}, {"op": "remove", "path": "/area"}]
    assert lint_patch(patch, MODELS, twin=twin) == []


def test_component_endpoint_paths_are_relative_to_the_component() -> None:
    patch = [
        {"op": "replace", "path": "/targetTemperature", "value": 21.8},
        {"op": "replace", "path": "/$metadata/targetTemperature/sourceTime", "value": "2021-11-30T18:47:53Z"},
    ]
    assert lint_patch(patch, MODELS, twin=controller_twin(), component="thermostat1") == []
    assert where(lint_patch(patch[:1], MODELS, model=CONTROLLER, component="thermostat1")) == [("DTL515", "/0")]
    assert (
        lint_patch(
            [{"op": "add", "path": "/targetTemperature", "value": 1.5}],
            MODELS,
            model=CONTROLLER,
            component="thermostat1",
        )
        == []
    )
    found = lint_patch(
        [{"op": "add", "path": "/bogus", "value": 1}, {"op": "add", "path": "/$metadata/$model", "value": ROOM}],
        MODELS,
        model=CONTROLLER,
        component="thermostat1",
    )
    assert where(found) == [("DTL511", "/0/path"), ("DTL512", "/1/path")]
    assert "/thermostat1/bogus" in found[0].message
    assert where(lint_patch(patch, MODELS, model=CONTROLLER, component="thermostat9")) == [("DTL511", "")]
    with pytest.raises(ValueError, match="component"):
        lint_patch(patch, MODELS, model=CONTROLLER, component=3)


CONTAINS = {
    "$relationshipId": "r1",
    "$sourceId": "room1",
    "$targetId": "t1",
    "$relationshipName": "contains",
    "since": "2020-01-01",
}


@pytest.mark.parametrize(
    "patch, expected",
    [
        (
            [{"op": "replace", "path": "/since", "value": "2021-01-01"}, {"op": "add", "path": "/weight", "value": 2}],
            [],
        ),
        ([{"op": "remove", "path": "/since"}], []),
        ([{"op": "replace", "path": "/since", "value": "yesterday"}], [("DTL403", "/0/value")]),
        ([{"op": "add", "path": "/color", "value": "red"}], [("DTL511", "/0/path")]),
        ([{"op": "replace", "path": "/$targetId", "value": "t2"}], [("DTL512", "/0/path")]),
        ([{"op": "replace", "path": "/$relationshipName", "value": "near"}], [("DTL512", "/0/path")]),
        ([{"op": "remove", "path": "/weight"}], [("DTL513", "/0/path")]),
        ([{"op": "add", "path": "", "value": {}}], [("DTL512", "/0/path")]),
    ],
)
def test_relationship_patches(patch, expected) -> None:
    assert where(lint_patch(patch, MODELS, relationship=CONTAINS, twin=room_twin())) == expected
    assert where(lint_patch(patch, MODELS, relationship=CONTAINS, twins={"room1": room_twin()})) == expected


def test_relationship_patch_without_the_source_model() -> None:
    found = lint_patch([{"op": "replace", "path": "/since", "value": "yesterday"}], MODELS, relationship=CONTAINS)
    assert where(found) == [("DTL516", "")]
    found = lint_patch(
        [{"op": "remove", "path": "/weight"}],
        MODELS,
        relationship={**CONTAINS, "$relationshipName": "x"},
        twin=room_twin(),
    )
    assert where(found) == [("DTL516", ""), ("DTL513", "/0/path")] and "not a Relationship of" in found[0].message
    with pytest.raises(ValueError):
        lint_patch([], MODELS, relationship=CONTAINS, target="iothub")


def test_failure_messages_name_places_not_documents() -> None:
    twin = room_twin(name="Hall", labels={"a": "b"})
    found = lint_patch(
        [{"op": "add", "path": "/settings/mode", "value": "eco"}, {"op": "add", "path": "/name/x", "value": 1}],
        MODELS,
        twin=twin,
    )
    assert all("{" not in d.message for d in found)
    assert "/settings does not exist" in found[0].message


# --- properties -----------------------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

KEYS = st.sampled_from(["a", "b", "c"])
TEXT = st.text(max_size=5)
SETPOINT = st.floats(allow_nan=False, allow_infinity=False, width=32)
SETTINGS = st.fixed_dictionaries({}, optional={"mode": st.sampled_from(["eco", "comfort"]), "setpoint": SETPOINT})
LABELS = st.dictionaries(KEYS, TEXT, max_size=3)
TARGETS = [
    ("/name", TEXT),
    ("/settings", SETTINGS),
    ("/settings/mode", st.sampled_from(["eco", "comfort"])),
    ("/settings/setpoint", SETPOINT),
    ("/labels", LABELS),
    ("/labels/a", TEXT),
    ("/labels/b", TEXT),
]


@st.composite
def operations(draw):
    path, values = draw(st.sampled_from(TARGETS))
    op = draw(st.sampled_from(["add", "replace", "remove"]))
    return {"op": op, "path": path} if op == "remove" else {"op": op, "path": path, "value": draw(values)}


TWINS = st.builds(
    lambda members: room_twin(**members),
    st.fixed_dictionaries({}, optional={"name": TEXT, "settings": SETTINGS, "labels": LABELS}),
)
# Invalid operations, each with the code that must report it.
INVALID = [
    ({"op": "move", "from": "/name", "path": "/labels/a"}, {"DTL510"}),
    ({"op": "add", "path": "/nope", "value": 1}, {"DTL511"}),
    ({"op": "add", "path": "/name", "value": 5}, {"DTL401"}),
    ({"op": "add", "path": "name", "value": "x"}, {"DTL505"}),
    ({"op": "replace", "path": "/labels/q", "value": "x"}, {"DTL513", "DTL507"}),  # 507: /labels removed
    ({"op": "add", "path": "/$etag", "value": "x"}, {"DTL512"}),
    ({"op": "add", "path": "/settings", "value": {"mode": "hot"}}, {"DTL405"}),
]


@given(TWINS, st.lists(operations(), max_size=6))
def test_an_accepted_patch_applies_and_leaves_a_valid_twin(twin, patch) -> None:
    import jsonpatch

    assert lint_twin(twin, MODELS) == []
    found = lint_patch(patch, MODELS, twin=twin)
    if not any(d.severity == "error" for d in found):
        result = jsonpatch.apply_patch(twin, patch)
        assert [d for d in lint_twin(result, MODELS) if d.severity == "error"] == []


@given(TWINS, st.lists(operations(), max_size=4), st.sampled_from(INVALID), st.integers(0, 4))
def test_each_invalid_operation_is_reported(twin, patch, invalid, position) -> None:
    bad, expected = invalid
    position = min(position, len(patch))
    patch = [*patch[:position], bad, *patch[position:]]
    found = lint_patch(patch, MODELS, twin={**twin, "labels": {"a": "x"}})
    assert any(
        d.code in expected and (d.pointer == f"/{position}" or d.pointer.startswith(f"/{position}/")) for d in found
    ), (expected, found)


def test_no_models_is_an_empty_model_set_as_for_twins() -> None:
    found = lint_patch([{"op": "add", "path": "/x", "value": 1}], None, model=ROOM)
    assert [d.code for d in found] == [codes.VALUES_NOT_CHECKED.code] and lint_twin({"$dtId": "a"}, None)
