"""jsonschema_export.py: the exported JSON Schema and values.py / twin.py agree on generated values and twins.

JSON Schema has one number type (1.0 is an integer there); DTDL requires an integer literal. The checks use
a 2020-12 validator whose "integer" is a Python int, i.e. JSON Schema under DTDL's data model.
"""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_twin import CONTROLLER, MODELS, MOON, MOON_TWIN, THERMOSTAT, build, controller_twin
from test_values import PRIMITIVE_VALUES, PRIMITIVES, json_values, schemas, values_for

from dtdl_lint import lint_twin
from dtdl_lint.jsonschema_export import twin_schema, value_schema
from dtdl_lint.model import Component, Interface, Property
from dtdl_lint.modelset import ModelSet
from dtdl_lint.values import iter_errors

Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _, v: type(v) is int),
)


def accepts(schema: dict, instance: object) -> bool:
    return Validator(schema).is_valid(instance)


def test_schemas_are_valid_2020_12_schemas() -> None:
    for dtmi in (MOON, CONTROLLER, THERMOSTAT):
        schema = twin_schema(MODELS, dtmi)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_twin_schema_of_the_guides() -> None:
    schema = twin_schema(MODELS, CONTROLLER)
    assert schema["required"] == ["$metadata", "thermostat1", "thermostat2", "deviceInformation"]
    assert accepts(schema, controller_twin())
    body = {k: v for k, v in controller_twin().items() if k != "$dtId"}  # PUT /digitaltwins/{id}: the URL's id
    assert accepts(schema, body) and accepts(schema, {**body, "$dtId": None})
    assert not accepts(schema, {**body, "$dtId": ""}) and not accepts(schema, {**body, "$dtId": 1})
    times = {"$model": CONTROLLER, "$lastUpdateTime": None, "serialNumber": {"sourceTime": None}}
    assert accepts(schema, {**body, "$metadata": times}) and lint_twin({**body, "$metadata": times}, MODELS) == []
    times["serialNumber"] = {"sourceTime": "now"}
    assert not accepts(schema, {**body, "$metadata": times}) and lint_twin({**body, "$metadata": times}, MODELS)
    assert not accepts(schema, controller_twin(thermostat1={"targetTemperature": 1.0}))
    assert accepts(twin_schema(MODELS, MOON), MOON_TWIN)
    assert not accepts(twin_schema(MODELS, MOON), {**MOON_TWIN, "brightness": 1.0})
    assert not accepts(twin_schema(MODELS, MOON), {**MOON_TWIN, "$metadata": {"$model": CONTROLLER}})


def test_unknown_model_or_schema_raises() -> None:
    with pytest.raises(ValueError, match="not an Interface"):
        twin_schema(MODELS, "dtmi:example:Nothing;1")
    with pytest.raises(ValueError, match="schema"):
        value_schema(MODELS, "int")


@pytest.mark.parametrize(
    "term, value, ok",
    [
        ("date", "2000-02-29", True),
        ("date", "1900-02-29", False),
        ("date", "0000-02-29", False),
        ("date", "2024-04-31", False),
        ("date", "2024-04-30\n", False),
        ("time", "23:59:59.5+23:59", True),
        ("time", "24:00:00Z", False),
        ("dateTime", "1980-01-01T06:00:00-00:00", True),
        ("duration", "P1.5Y", True),
        ("duration", "P1.5YT1H", False),
        ("float", 3.402824e38, False),
        ("float", 3.402823e38, True),
        ("double", 10**400, False),
        ("long", 2**63, False),
        ("integer", 1.0, False),
    ],
)
def test_primitive_formats(term, value, ok) -> None:
    assert accepts(value_schema(None, term), value) == ok
    assert (list(iter_errors(value, term, None)) == []) == ok


def _near_misses(term: str) -> st.SearchStrategy:
    """Strings made by changing one character of a valid value."""

    def mutate(text: str, index: int, char: str) -> str:
        index %= max(len(text), 1)
        return text[:index] + char + text[index + 1 :]

    return st.builds(mutate, PRIMITIVE_VALUES[term], st.integers(0, 40), st.sampled_from("0123456789:-.TZPYMDHS+\n"))


@given(
    st.sampled_from(["date", "time", "dateTime", "duration"]).flatmap(
        lambda term: st.tuples(st.just(term), st.one_of(PRIMITIVE_VALUES[term], _near_misses(term)))
    )
)
def test_temporal_patterns_agree_with_values(pair) -> None:
    term, value = pair
    assert accepts(value_schema(None, term), value) == (list(iter_errors(value, term, None)) == []), value


@given(st.sampled_from(PRIMITIVES), json_values())
def test_primitive_schemas_agree_on_any_json(term, value) -> None:
    assert accepts(value_schema(None, term), value) == (list(iter_errors(value, term, None)) == []), value


@given(schemas().flatmap(lambda s: st.tuples(st.just(s), st.one_of(values_for(s), json_values()))))
def test_value_schemas_agree_with_values(pair) -> None:
    schema, value = pair
    models = ModelSet()
    assert accepts(value_schema(models, schema), value) == (list(iter_errors(value, schema, models)) == []), value


def _twin_case(schema):
    """A model with one property of `schema` and a component with another, and a twin (valid or not)."""
    models = build(
        Interface.of(
            "dtmi:test:Part;1", contents=(Property.of("dtmi:test:Part:_contents:__q;1", name="q", schema=schema),)
        ),
        Interface.of(
            "dtmi:test:Thing;1",
            contents=(
                Property.of("dtmi:test:Thing:_contents:__p;1", name="p", schema=schema),
                Component.of("dtmi:test:Thing:_contents:__part;1", name="part", schema="dtmi:test:Part;1"),
            ),
        ),
    )
    member = st.one_of(values_for(schema), json_values())
    twin = st.fixed_dictionaries(
        {
            "$metadata": st.just({"$model": "dtmi:test:Thing;1"}),
            "part": st.fixed_dictionaries({"$metadata": st.just({})}, optional={"q": member}),
        },
        optional={"$dtId": st.sampled_from(["t1", "", None, 7]), "p": member, "x": member},
    )
    return st.tuples(st.just(models), twin)


@given(schemas(arrays=False).flatmap(_twin_case))
def test_twin_schema_agrees_with_lint_twin(case) -> None:
    models, twin = case
    schema = twin_schema(models, "dtmi:test:Thing;1")
    assert accepts(schema, twin) == (lint_twin(twin, models) == []), twin
