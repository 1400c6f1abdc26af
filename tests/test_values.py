"""values.py: JSON values against DTDL schemas (rules section 2), the service profiles, and lint_value."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtdl_lint import codes, lint_value
from dtdl_lint.language import INTEGRAL_RANGES, is_name
from dtdl_lint.model import ArraySchema, EnumSchema, EnumValue, Field, MapKey, MapSchema, MapValue, ObjectSchema, Schema
from dtdl_lint.modelset import ModelSet
from dtdl_lint.values import DURATION, conformer, iter_errors


def map_schema(id: str, key: str, value: str, schema: Schema) -> MapSchema:
    """A Map built by hand: its id, the names of its key and value, the schema of its values."""
    return MapSchema.of(id, map_key=MapKey.of("", name=key), map_value=MapValue.of("", name=value, schema=schema))


# --- strategies shared with test_schema_export.py -----------------------------------------------------------

PRIMITIVES = ["boolean", "date", "dateTime", "double", "duration", "float", "integer", "long", "string", "time"]
NAMES = st.from_regex(r"[a-z][a-zA-Z0-9]{0,6}", fullmatch=True)


def enums() -> st.SearchStrategy[EnumSchema]:
    ints = st.lists(st.integers(-(2**31), 2**31 - 1), min_size=1, max_size=3, unique=True)
    strs = st.lists(st.text(max_size=5), min_size=1, max_size=3, unique=True)
    return st.one_of(ints.map(lambda vs: ("integer", vs)), strs.map(lambda vs: ("string", vs))).map(
        lambda pair: EnumSchema.of(
            "dtmi:test:enum;1",
            value_schema=pair[0],
            enum_values=tuple(EnumValue.of("", name=f"v{i}", enum_value=v) for i, v in enumerate(pair[1])),
        )
    )


def objects(children: st.SearchStrategy) -> st.SearchStrategy[ObjectSchema]:
    fields = st.dictionaries(NAMES, children, min_size=1, max_size=3)
    return fields.map(
        lambda fs: ObjectSchema.of(
            "dtmi:test:object;1", fields=tuple(Field.of("", name=name, schema=schema) for name, schema in fs.items())
        )
    )


EMPTY_ENUM = EnumSchema.of("dtmi:test:empty;1", value_schema="string")  # DTDL v3: no enumValues, no value
EMPTY_OBJECT = ObjectSchema.of("dtmi:test:nothing;1")  # DTDL v3: no fields, only {}
REQUIRING = ObjectSchema.of(  # the Requirement extension (DTDL v3): "need" must be present
    "dtmi:test:requiring;1",
    fields=(
        Field.of("", name="need", schema="integer", adjuncts=("Required",)),
        Field.of("", name="may", schema="string"),
    ),
)


def schemas(arrays: bool = True, v3: bool = False) -> st.SearchStrategy:
    """DTDL schemas: primitive terms, geospatial terms, Enum, Map, Object and (optionally) Array elements, and
    (optionally) what DTDL v3 adds: an Enum and an Object without values or fields, a unit type of
    QuantitativeTypes, an Object with a Required field."""
    leaves = st.one_of(
        st.sampled_from(PRIMITIVES),
        enums(),
        st.sampled_from(["point", "vector"]) if arrays else st.sampled_from(["vector", "geopoint"]),
        *([st.sampled_from([EMPTY_ENUM, EMPTY_OBJECT, "TemperatureUnit", REQUIRING])] if v3 else []),
    )

    def extend(children):
        branches = [
            objects(children),
            children.map(lambda s: map_schema("dtmi:test:map;1", "k", "v", s)),
        ]
        if arrays:
            branches.append(children.map(lambda s: ArraySchema.of("dtmi:test:array;1", element_schema=s)))
        return st.one_of(*branches)

    return st.recursive(leaves, extend, max_leaves=6)


def _offset() -> st.SearchStrategy[str]:
    return st.one_of(
        st.just("Z"),
        st.builds(
            lambda sign, h, m: f"{sign}{h:02}:{m:02}", st.sampled_from("+-"), st.integers(0, 23), st.integers(0, 59)
        ),
    )


def _time() -> st.SearchStrategy[str]:
    fraction = st.one_of(st.just(""), st.from_regex(r"\.[0-9]{1,7}", fullmatch=True))
    return st.builds(lambda t, f, o: t.strftime("%H:%M:%S") + f + o, st.times(), fraction, _offset())


def durations() -> st.SearchStrategy[str]:
    """Valid ISO 8601 durations as DTDL accepts them."""
    n = st.integers(0, 999).map(str)

    def build(date, time, fraction):
        parts = [f"{v}{u}" for v, u in date if v is not None]
        times = [f"{v}{u}" for v, u in time if v is not None]
        if not parts and not times:
            parts = ["0D"]
        text = "P" + "".join(parts) + ("T" + "".join(times) if times else "")
        return text[:-1] + fraction + text[-1] if fraction else text

    date = st.one_of(
        st.tuples(
            st.tuples(st.none() | n, st.just("Y")),
            st.tuples(st.none() | n, st.just("M")),
            st.tuples(st.none() | n, st.just("D")),
        ),
        st.tuples(st.tuples(st.none() | n, st.just("W")), st.tuples(st.none() | n, st.just("D"))),
    )
    time = st.tuples(
        st.tuples(st.none() | n, st.just("H")),
        st.tuples(st.none() | n, st.just("M")),
        st.tuples(st.none() | n, st.just("S")),
    )
    return st.builds(build, date, time, st.sampled_from(["", ".5", ".001"]))


PRIMITIVE_VALUES = {
    "boolean": st.booleans(),
    "integer": st.integers(-(2**31), 2**31 - 1),
    "long": st.integers(-(2**63), 2**63 - 1),
    "double": st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-(2**70), 2**70)),
    "float": st.floats(width=32, allow_nan=False, allow_infinity=False),
    "string": st.text(max_size=20),
    "date": st.dates().map(lambda d: d.isoformat()),
    "time": _time(),
    "dateTime": st.builds(lambda d, t: d.isoformat() + "T" + t, st.dates(), _time()),
    "duration": durations(),
}


def values_for(schema) -> st.SearchStrategy:
    """Values that conform to `schema`."""
    from dtdl_lint.values import STANDARD

    if isinstance(schema, str):
        if schema in STANDARD:
            return values_for(STANDARD[schema])
        return PRIMITIVE_VALUES[schema]
    if isinstance(schema, EnumSchema):
        return st.sampled_from([v.enum_value for v in schema.enum_values]) if schema.enum_values else st.nothing()
    if isinstance(schema, ArraySchema):
        items = values_for(schema.element_schema)
        return st.just([]) if items.is_empty else st.lists(items, max_size=3)
    if isinstance(schema, MapSchema):
        items = values_for(schema.map_value.schema)
        return st.just({}) if items.is_empty else st.dictionaries(NAMES, items, max_size=3)
    fields = {f.name: values_for(f.schema) for f in schema.fields if not f.adjuncts}
    required = {f.name: values_for(f.schema) for f in schema.fields if f.adjuncts}
    return st.fixed_dictionaries(required, optional={name: s for name, s in fields.items() if not s.is_empty})


def json_values() -> st.SearchStrategy:
    """Arbitrary JSON values, with strings close to the temporal formats."""
    near = st.text(alphabet="0123456789-:.TZPYMWDHS+", max_size=25)
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=8),
        near,
    )
    return st.recursive(leaves, lambda c: st.lists(c, max_size=3) | st.dictionaries(NAMES, c, max_size=3), max_leaves=8)


# --- primitive schemas -------------------------------------------------------------------------------------


def verdict(value, schema, models=None, profile=None) -> list[str]:
    return [d.code for d in iter_errors(value, schema, models, "", profile)]


@pytest.mark.parametrize(
    "value, schema, code",
    [
        (True, "boolean", None),
        ("true", "boolean", "DTL401"),
        (1, "boolean", "DTL401"),
        (None, "boolean", "DTL401"),
        (2**31 - 1, "integer", None),
        (-(2**31), "integer", None),
        (2**31, "integer", "DTL402"),
        (1.0, "integer", "DTL401"),
        (True, "integer", "DTL401"),
        ("1", "integer", "DTL401"),
        (2**63 - 1, "long", None),
        (-(2**63) - 1, "long", "DTL402"),
        (1e3, "long", "DTL401"),
        (3.402823e38, "float", None),
        (3.402824e38, "float", "DTL402"),
        (-3.402824e38, "float", "DTL402"),
        (7, "float", None),
        (1.7976931348623157e308, "double", None),
        (10**400, "double", "DTL402"),
        (float("inf"), "double", "DTL402"),
        (float("nan"), "double", "DTL402"),
        (False, "double", "DTL401"),
        ("", "string", None),
        (3, "string", "DTL401"),
        ("1964-02-29", "date", None),
        ("2000-02-29", "date", None),
        ("1900-02-29", "date", "DTL403"),
        ("1965-04-31", "date", "DTL403"),
        ("0000-01-01", "date", "DTL403"),
        ("1965-01", "date", "DTL403"),
        ("19650101", "date", "DTL403"),
        ("1965-13-01", "date", "DTL403"),
        ("06:00:00+11:45", "time", None),
        ("23:59:59.123456789Z", "time", None),
        ("06:00Z", "time", "DTL403"),
        ("24:00:00Z", "time", "DTL403"),
        ("06:00:00+11", "time", "DTL403"),
        ("12:00:60Z", "time", "DTL403"),
        ("06:00:00+24:00", "time", "DTL403"),
        ("06:00:00", "time", "DTL403"),
        ("1980-01-01T06:00:00-00:00", "dateTime", None),
        ("1980-01-01T06:00:00", "dateTime", "DTL403"),
        ("1980-01-01t06:00:00Z", "dateTime", "DTL403"),
        ("1980-02-30T06:00:00Z", "dateTime", "DTL403"),
        ("P2W4DT8H", "duration", None),
        ("PT0.001S", "duration", None),
        ("P0D", "duration", None),
        ("P", "duration", "DTL404"),
        ("P3Y6M4DT", "duration", "DTL404"),
        ("PT.001S", "duration", "DTL404"),
        ("P6M3Y", "duration", "DTL404"),
        ("P3Y2W", "duration", "DTL404"),
        ("P1.5DT1H", "duration", "DTL404"),
        ("P1D\n", "duration", "DTL404"),
        (5, "duration", "DTL401"),
    ],
)
def test_primitive(value, schema, code) -> None:
    assert verdict(value, schema) == ([code] if code else [])


def test_primitive_schema_dtmi_is_the_term() -> None:
    assert verdict(1.5, "dtmi:dtdl:instance:Schema:integer;2") == ["DTL401"]
    assert verdict(1, "dtmi:dtdl:instance:Schema:integer;2") == []


def test_messages_name_value_and_reason() -> None:
    (found,) = lint_value(3000000000, "integer")
    assert found.message == "3000000000 is out of range for integer (-2147483648 to 2147483647)"
    (found,) = lint_value("1965-02-29", "date")
    assert found.message == '"1965-02-29" is not a valid date: day is out of range for month'
    (found,) = lint_value("P3Y6M4DT", "duration")
    assert (
        found.message == '"P3Y6M4DT" is not an ISO 8601 duration: it ends early; expected hours or minutes or seconds'
    )
    (found,) = lint_value("P3Y2W", "duration")
    assert 'unexpected "2W" at character 4' in found.message


@given(durations())
def test_generated_durations_are_valid(text: str) -> None:
    assert DURATION.fullmatch(text), text
    assert verdict(text, "duration") == []


@given(st.text(alphabet="P0123456789.YMWDTHS", max_size=12))
def test_duration_regex_and_grammar_agree(text: str) -> None:
    from dtdl_lint.grammar import parser

    try:
        parser("duration.lark").parse(text)
        accepted = True
    except Exception:  # lark's parse errors
        accepted = False
    assert accepted == bool(DURATION.fullmatch(text)), text


@given(st.sampled_from(PRIMITIVES).flatmap(lambda s: st.tuples(st.just(s), PRIMITIVE_VALUES[s])))
def test_generated_primitive_values_conform(pair) -> None:
    schema, value = pair
    assert verdict(value, schema) == [], (schema, value)


@given(schemas().flatmap(lambda s: st.tuples(st.just(s), values_for(s))))
def test_generated_complex_values_conform(pair) -> None:
    schema, value = pair
    assert list(iter_errors(value, schema, ModelSet())) == []


@given(schemas(), json_values())
def test_arbitrary_json_never_crashes(schema, value) -> None:
    for profile in (None, "adt", "iothub"):
        for found in iter_errors(value, schema, ModelSet(), "", profile):
            assert found.code.startswith("DTL4") and found.message


# --- values.conformer: the compiled shortcut of twin.py, which must never hide a finding ------------------


def near_values(schema) -> st.SearchStrategy:
    """Values that conform, arbitrary JSON, and strings about the length where the size limit starts."""
    long = st.integers(1000, 1100).map(lambda n: "\u00e9" * n) | st.integers(1020, 1030).map(lambda n: "1" * n)
    return st.one_of(
        values_for(schema), json_values(), long, st.lists(long, max_size=1), st.dictionaries(NAMES, long, max_size=1)
    )


@given(schemas(v3=True).flatmap(lambda s: st.tuples(st.just(s), near_values(s))))
def test_conformer_is_true_only_of_values_without_findings(pair) -> None:
    schema, value = pair
    if conformer(schema, ModelSet())(value):
        assert list(iter_errors(value, schema, ModelSet(), "", "adt")) == []


@given(schemas(v3=True).flatmap(lambda s: st.tuples(st.just(s), values_for(s))))
def test_conformer_takes_the_common_case(pair) -> None:
    schema, value = pair
    assert conformer(schema, ModelSet())(value)


# Each primitive term's fast path (values.PRIMITIVES[term].plain, which plainly_conforms and conformer use) beside
# its check: true of a value only where the check, and the "adt" limit on strings (4096 bytes), find nothing.
BOUNDARIES = [
    *(bound + step for low_high in INTEGRAL_RANGES.values() for bound in low_high for step in (-1, 0, 1)),
    *(sign * number for sign in (1, -1) for number in (2**1000, 2**1024, 10**309, 3.4028235e38, 3.4028236e38)),
    *(float(text) for text in ("inf", "-inf", "nan", "1.7976931348623157e308")),
    *(
        character * count
        for character, size in (("1", 4096), ("\u00e9", 2048), ("\U0001f600", 1024))
        for count in (size, size + 1)
    ),
    "1" * 1024,
    "1" * 1025,
]
NEAR_PRIMITIVES = st.one_of(json_values(), st.integers(), st.floats(), st.sampled_from(BOUNDARIES))


def test_the_primitive_terms_are_the_language_s() -> None:
    from dtdl_lint.jsonschema_export import PRIMITIVES as EXPORTED
    from dtdl_lint.language import PRIMITIVE_SCHEMAS
    from dtdl_lint.values import PRIMITIVES as CHECKED

    assert set(CHECKED) == set(EXPORTED) == PRIMITIVE_SCHEMAS == set(PRIMITIVES)


def plain_holds_to_check(term: str, value: object) -> bool:
    from dtdl_lint.values import PRIMITIVES as CHECKED

    if not CHECKED[term].plain(value):
        return False
    assert CHECKED[term].check(value, term) is None, (term, value)
    assert verdict(value, term, profile="adt") == [], (term, value)
    return True


@pytest.mark.parametrize("term", PRIMITIVES)
def test_the_plain_predicate_of_a_primitive_holds_to_its_check_at_the_boundaries(term) -> None:
    plain = [value for value in BOUNDARIES if plain_holds_to_check(term, value)]
    assert plain or term in ("boolean", "date", "time", "dateTime", "duration")  # (the boundaries: numbers, strings)


@pytest.mark.parametrize("term", PRIMITIVES)
@given(value=NEAR_PRIMITIVES)
def test_the_plain_predicate_of_a_primitive_holds_to_its_check(term, value) -> None:
    plain_holds_to_check(term, value)


@given(st.sampled_from(PRIMITIVES).flatmap(lambda s: st.tuples(st.just(s), PRIMITIVE_VALUES[s])))
def test_the_plain_predicate_of_a_primitive_takes_the_common_case(pair) -> None:
    from dtdl_lint.values import PRIMITIVES as CHECKED

    term, value = pair
    assert CHECKED[term].plain(value), (term, value)


@given(schemas().flatmap(lambda s: st.tuples(st.just(s), near_values(s))), st.sampled_from([None, "adt", "iothub"]))
def test_plainly_conforms_only_where_iter_errors_finds_nothing(pair, profile) -> None:
    from dtdl_lint.values import plainly_conforms

    schema, value = pair
    if plainly_conforms(value, schema, profile):
        assert list(iter_errors(value, schema, ModelSet(), "", profile)) == []


@pytest.mark.parametrize(
    "value, plain",
    [
        ("2024-02-29T10:00:00Z", True),
        ("2023-02-29T10:00:00Z", False),
        ("2024-05-01T24:00:00Z", False),
        ("0000-01-01T00:00:00Z", False),
        ("2024-05-01T10:00:00.5+23:59", True),
        ("2024-05-01T10:00:00+24:00", False),
        ("2024-05-01T10:00:00." + "1" * 1100 + "Z", False),  # valid, but long: iter_errors decides
    ],
)
def test_conformer_of_date_times(value, plain) -> None:
    assert conformer("dateTime", None)(value) == plain
    assert not plain or verdict(value, "dateTime", profile="adt") == []


def test_conformer_of_a_reference_cycle_leaves_it_to_iter_errors() -> None:
    models = ModelSet()
    models.elements["dtmi:test:Loop;1"] = map_schema("dtmi:test:Loop;1", "k", "v", "dtmi:test:Loop;1")
    assert not conformer("dtmi:test:Loop;1", models)({"a": {}})
    assert conformer("dtmi:test:Loop;1", models)({})


# --- complex schemas ---------------------------------------------------------------------------------------


def _models() -> ModelSet:
    models = ModelSet()
    mode = EnumSchema.of(
        "dtmi:test:Mode;1",
        value_schema="integer",
        enum_values=(
            EnumValue.of("dtmi:test:Mode:_enumValues:__off;1", name="off", enum_value=0),
            EnumValue.of("dtmi:test:Mode:_enumValues:__heat;1", name="heat", enum_value=1),
        ),
    )
    limits = map_schema("dtmi:test:Limits;1", "name", "limit", "double")
    address = ObjectSchema.of(
        "dtmi:test:Address;1",
        fields=(
            Field.of("dtmi:test:Address:_fields:__street;1", name="street", schema="string"),
            Field.of("dtmi:test:Address:_fields:__mode;1", name="mode", schema="dtmi:test:Mode;1"),
            Field.of("dtmi:test:Address:_fields:__limits;1", name="limits", schema=limits),
        ),
    )
    readings = ArraySchema.of("dtmi:test:Readings;1", element_schema=address)
    for element in (mode, limits, address, readings):
        models.elements[element.id] = element
    return models


MODELS = _models()


@pytest.mark.parametrize(
    "value, schema, expected",
    [
        (1, "dtmi:test:Mode;1", []),
        ("heat", "dtmi:test:Mode;1", [("DTL401", "")]),
        (2, "dtmi:test:Mode;1", [("DTL405", "")]),
        (1.0, "dtmi:test:Mode;1", [("DTL401", "")]),
        ({"a": 1, "b": "x", "c": None}, "dtmi:test:Limits;1", [("DTL401", "/b"), ("DTL401", "/c")]),
        ([], "dtmi:test:Limits;1", [("DTL401", "")]),
        ({}, "dtmi:test:Address;1", []),
        (
            {"street": "Main", "zip": "1000", "mode": 5},
            "dtmi:test:Address;1",
            [("DTL406", "/zip"), ("DTL405", "/mode")],
        ),
        ([{"limits": {"a/b": True}}, 3], "dtmi:test:Readings;1", [("DTL401", "/0/limits/a~1b"), ("DTL401", "/1")]),
        ({"type": "Point", "coordinates": [1, 2.5]}, "point", []),
        ({"type": "LineString", "coordinates": [1, 2.5]}, "point", [("DTL405", "/type")]),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, "1"]]]}, "polygon", [("DTL401", "/coordinates/0/1/1")]),
        ({"type": "MultiPolygon", "coordinates": [[[[0, 0]]]]}, "dtmi:standard:schema:geospatial:multiPolygon;2", []),
        ({"x": 1, "y": 2, "z": 3, "w": 4}, "vector", [("DTL406", "/w")]),
        ({"lat": 47.6, "lon": -122.3, "alt": "high"}, "dtmi:iotcentral:schema:geopoint;2", [("DTL401", "/alt")]),
    ],
)
def test_complex(value, schema, expected) -> None:
    assert [(d.code, d.pointer) for d in iter_errors(value, schema, MODELS)] == expected


def test_dtmi_is_the_innermost_element() -> None:
    (found,) = iter_errors(
        {"mode": 7}, "dtmi:test:Address;1", MODELS, "/home", dtmi="dtmi:test:Room:_contents:__home;1"
    )
    assert (found.pointer, found.dtmi) == ("/home/mode", "dtmi:test:Mode;1")
    (found,) = iter_errors({"street": 7}, "dtmi:test:Address;1", MODELS)
    assert found.dtmi == "dtmi:test:Address:_fields:__street;1"


def test_unresolved_reference_is_left_to_the_model_checks() -> None:
    assert verdict({"x": 1}, "dtmi:test:Missing;1", MODELS) == []


# --- service profiles --------------------------------------------------------------------------------------


def test_iothub_rejects_arrays_names_and_depth() -> None:
    assert verdict({"limits": {"max-temp": 1}}, "dtmi:test:Address;1", MODELS, "iothub") == ["DTL420"]
    assert verdict({"limits": {"max-temp": 1}}, "dtmi:test:Address;1", MODELS, "adt") == []
    assert verdict([{}], "dtmi:test:Readings;1", MODELS, "iothub") == ["DTL421"]
    nested = map_schema("", "k", "v", "double")
    for _ in range(5):
        nested = map_schema("", "k", "v", nested)
    five = {"a": {"b": {"c": {"d": {}}}}}
    assert verdict(five, nested, None, "iothub") == []
    found = list(iter_errors({"a": five}, nested, None, "/p", "iothub"))
    assert [(d.code, d.pointer, d.service) for d in found] == [("DTL422", "/p/a/a/b/c/d", "ArgumentInvalid")]


def test_long_strings_are_a_service_limit() -> None:
    assert verdict("é" * 2048, "string", profile="adt") == []
    assert verdict("é" * 2049, "string", profile="adt") == ["DTL419"]
    assert verdict("é" * 2049, "string") == []


# --- lint_value ---------------------------------------------------------------------------------------------


def test_lint_value_text_that_is_not_json_is_a_finding() -> None:
    assert [d.code for d in lint_value("{ 23 ]", "boolean", text=True)] == [codes.INVALID_JSON.code]
    assert [d.code for d in lint_value("", "boolean", text=True)] == [codes.EMPTY_FILE.code]
    assert [d.code for d in lint_value(b"NaN", "double")] == [codes.NON_FINITE_NUMBER.code]
    assert [d.code for d in lint_value('{"a": 1, "a": "x"}', "dtmi:test:Limits;1", MODELS, text=True)] == [
        "DTL004",
        "DTL401",
    ]
    assert lint_value(b'"1980-01-01"', "date") == []


def test_lint_value_str_is_a_string_value_unless_text() -> None:
    """A Python str is the string value itself; JSON text comes as bytes or with text=True."""
    assert lint_value("hot", "string") == []
    assert lint_value("21.5", "string") == []
    assert [d.code for d in lint_value("21.5", "double")] == ["DTL401"]
    assert lint_value("21.5", "double", text=True) == []
    assert lint_value(b"21.5", "double") == lint_value(b"21.5", "double", text=True) == []
    assert [d.code for d in lint_value("hot", "string", text=True)] == [codes.INVALID_JSON.code]
    assert lint_value("1980-01-01", "date") == []


def test_lint_value_takes_parsed_values() -> None:
    assert lint_value(1, "integer") == []
    assert [d.pointer for d in lint_value({"street": 1}, "dtmi:test:Address;1", MODELS)] == ["/street"]


@pytest.mark.parametrize("schema", ["int", "Double", "dtmi:dtdl:instance:Schema:int;2", "dtmi:test:Nothing;1"])
def test_lint_value_unknown_schema_raises(schema) -> None:
    with pytest.raises(ValueError, match="schema"):
        lint_value("1", schema, MODELS)


# --- the official parser's instance cases ------------------------------------------------------------------


def _instance_cases(shared, version: int):
    for line in (shared / "conformance" / f"dtdl-v{version}-cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        for instance in (case.get("extra") or {}).get("instances") or []:
            yield case, instance


@pytest.mark.parametrize(("version", "least"), [(2, 250), (3, 40)])
def test_instance_cases_of_primitive_schemas(shared, version, least) -> None:
    """Every instance case whose subject is a primitive schema DTMI (no model needed)."""
    checked = 0
    for _, instance in _instance_cases(shared, version):
        if instance["subject"].startswith("dtmi:dtdl:instance:Schema:"):
            assert (lint_value(instance["submit"], instance["subject"], text=True) == []) == instance["conforms"], (
                instance
            )
            checked += 1
    assert checked > least


@pytest.mark.parametrize("version", [2, 3])
def test_instance_cases_with_their_models(shared, version) -> None:
    """Every instance case, against the models of its case loaded by the parser (DTDL v3 checks values as v2 does,
    dtdl-v3-rules.md section 2)."""
    from dtdl_lint import load_models

    checked = 0
    for case, instance in _instance_cases(shared, version):
        models = load_models({f"{i}.json": text for i, text in enumerate(case["modelsText"])})
        if instance.get("throws"):
            with pytest.raises(ValueError):
                lint_value(instance["submit"], instance["subject"], models, text=True)
        else:
            verdict_ok = lint_value(instance["submit"], instance["subject"], models, text=True) == []
            assert verdict_ok == instance["conforms"], (case["id"], instance)
        checked += 1
    assert checked > 100


def test_dtdl_names() -> None:
    assert all(is_name(n) for n in ("a", "a1", "a_b", "A" * 64)) and not any(
        is_name(n) for n in ("", "1a", "a_", "_a", "a-b", "A" * 65, "a\n", *string.punctuation)
    )


@given(NAMES)
def test_names_strategy_gives_dtdl_names(name: str) -> None:
    assert is_name(name)
