"""Properties of model validation: generated valid models give no error, each mutation of a catalog gives
its code, arbitrary JSON never raises, and hostile model sets (cycles, depth, many files) stay findings."""

from __future__ import annotations

import copy
import json
import sys

from hypothesis import given
from hypothesis import strategies as st

from dtdl_lint import codes, lint_models

CONTEXT = "dtmi:dtdl:context;2"
PRIMITIVES = ["boolean", "date", "dateTime", "double", "duration", "float", "integer", "long", "string", "time"]
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
names = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from(LETTERS),
    st.text(LETTERS + "0123456789_", max_size=12).map(lambda t: t.rstrip("_")),
)


def schemas(allow_array: bool, depth: int = 3):
    """Schemas nesting at most `depth` complex levels; no Array (nor geospatial) when not allowed."""
    leaves = st.sampled_from(PRIMITIVES + (["point", "lineString"] if allow_array and depth >= 3 else []))
    if depth == 0:
        return leaves
    inner = schemas(allow_array, depth - 1)
    enum = st.builds(
        lambda vs: {
            "@type": "Enum",
            "valueSchema": "integer",
            "enumValues": [{"name": n, "enumValue": i} for i, n in enumerate(vs)],
        },
        st.lists(names, min_size=1, max_size=4, unique=True),
    )
    obj = st.builds(
        lambda fs: {"@type": "Object", "fields": [{"name": n, "schema": s} for n, s in fs]},
        st.lists(st.tuples(names, inner), min_size=1, max_size=3, unique_by=lambda f: f[0]),
    )
    mapping = st.builds(
        lambda k, v, s: {
            "@type": "Map",
            "mapKey": {"name": k, "schema": "string"},
            "mapValue": {"name": v, "schema": s},
        },
        names,
        names,
        inner,
    )
    options = [leaves, enum, obj, mapping]
    if allow_array:
        options.append(st.builds(lambda s: {"@type": "Array", "elementSchema": s}, inner))
    return st.one_of(*options)


ANY_SCHEMA = schemas(True)
PROPERTY_SCHEMA = schemas(False)


def content(name: str, kind: str, draw) -> dict:
    if kind == "Telemetry":
        return {"@type": "Telemetry", "name": name, "schema": draw(ANY_SCHEMA)}
    if kind == "Property":
        return {"@type": "Property", "name": name, "schema": draw(PROPERTY_SCHEMA), "writable": draw(st.booleans())}
    if kind == "Command":
        return {"@type": "Command", "name": name, "request": {"name": "req", "schema": draw(ANY_SCHEMA)}}
    return {
        "@type": "Relationship",
        "name": name,
        "maxMultiplicity": draw(st.integers(1, 500)),
        "target": "dtmi:com:example:Base;1",
    }


@st.composite
def model_sets(draw) -> dict[str, dict]:
    """A valid set: Base, Device (extends Base, has a Component of Part), Part."""
    all_names = draw(st.lists(names, min_size=3, max_size=12, unique=True))
    kinds = ["Telemetry", "Property", "Command", "Relationship"]
    contents = [content(n, draw(st.sampled_from(kinds)), draw) for n in all_names]
    split = len(contents) // 2
    base = {"@context": CONTEXT, "@id": "dtmi:com:example:Base;1", "@type": "Interface", "contents": contents[:split]}
    part = {
        "@context": CONTEXT,
        "@id": "dtmi:com:example:Part;1",
        "@type": "Interface",
        "contents": [{"@type": "Telemetry", "name": "level", "schema": "double"}],
    }
    device = {
        "@context": CONTEXT,
        "@id": "dtmi:com:example:Device;1",
        "@type": "Interface",
        "extends": "dtmi:com:example:Base;1",
        "displayName": {"en": "Device", "de": "Gerät"},
        "contents": [*contents[split:], {"@type": "Component", "name": "part_c", "schema": "dtmi:com:example:Part;1"}],
    }
    return {"base.json": base, "device.json": device, "part.json": part}


def lint(documents: dict[str, object], **options):
    return lint_models({name: json.dumps(doc, indent=2) for name, doc in documents.items()}, **options)


def errors(found) -> set[str]:
    return {d.code for d in found if d.severity == "error"}


@given(model_sets())
def test_valid_models_give_no_error(documents) -> None:
    found = lint(documents)
    assert not errors(found), [f"{d.code} {d.message}" for d in found]


def _device(docs):
    return docs["device.json"]


MUTATIONS = {
    "duplicate names": (
        codes.DUPLICATE_NAME,
        lambda d: _device(d)["contents"].append(copy.deepcopy(_device(d)["contents"][-1])),
    ),
    "name of 65 characters": (
        codes.INVALID_ELEMENT_NAME,
        lambda d: _device(d)["contents"].append({"@type": "Telemetry", "name": "n" * 65, "schema": "double"}),
    ),
    "hyphen in a name": (
        codes.INVALID_ELEMENT_NAME,
        lambda d: _device(d)["contents"].append({"@type": "Telemetry", "name": "a-b", "schema": "double"}),
    ),
    "Array inside a Property": (
        codes.ARRAY_IN_PROPERTY,
        lambda d: _device(d)["contents"].append(
            {
                "@type": "Property",
                "name": "zz",
                "schema": {
                    "@type": "Map",
                    "mapKey": {"name": "k", "schema": "string"},
                    "mapValue": {"name": "v", "schema": {"@type": "Array", "elementSchema": "double"}},
                },
            }
        ),
    ),
    "component inside a component's interface": (
        codes.NESTED_COMPONENT,
        lambda d: d["part.json"]["contents"].append(
            {"@type": "Component", "name": "inner", "schema": "dtmi:com:example:Base;1"}
        ),
    ),
    "extends cycle": (
        codes.EXTENDS_CYCLE,
        lambda d: d["base.json"].__setitem__("extends", "dtmi:com:example:Device;1"),
    ),
    "depth 6": (
        codes.SCHEMA_TOO_DEEP,
        lambda d: _device(d)["contents"].append({"@type": "Telemetry", "name": "deep", "schema": _nested_arrays(6)}),
    ),
    "Map key not a string": (
        codes.VALUE_NOT_ALLOWED,
        lambda d: _device(d)["contents"].append(
            {
                "@type": "Telemetry",
                "name": "zz",
                "schema": {
                    "@type": "Map",
                    "mapKey": {"name": "k", "schema": "integer"},
                    "mapValue": {"name": "v", "schema": "double"},
                },
            }
        ),
    ),
    "missing @context": (codes.MISSING_CONTEXT, lambda d: d["part.json"].pop("@context")),
    "missing schema": (codes.MISSING_MEMBER, lambda d: d["part.json"]["contents"][0].pop("schema")),
    "writable on Telemetry": (
        codes.MEMBER_NOT_ALLOWED,
        lambda d: d["part.json"]["contents"][0].__setitem__("writable", True),
    ),
    "invalid @id": (codes.INVALID_ID, lambda d: d["part.json"].__setitem__("@id", "dtmi:com:example:Part")),
    "unresolved component": (codes.UNRESOLVED_REFERENCE, lambda d: d.pop("part.json")),
    "duplicate definition": (
        codes.DUPLICATE_DEFINITION,
        lambda d: d.__setitem__("copy.json", copy.deepcopy(d["part.json"])),
    ),
    "minMultiplicity 1": (
        codes.MULTIPLICITY_OUT_OF_RANGE,
        lambda d: _device(d)["contents"].append({"@type": "Relationship", "name": "zz", "minMultiplicity": 1}),
    ),
    "unit without semantic type": (
        codes.MEMBER_NOT_ALLOWED,
        lambda d: d["part.json"]["contents"][0].__setitem__("unit", "metre"),
    ),
    "semantic type without unit": (
        codes.MISSING_MEMBER,
        lambda d: d["part.json"]["contents"][0].__setitem__("@type", ["Telemetry", "Length"]),
    ),
    "three extends": (
        codes.TOO_MANY_EXTENDS,
        lambda d: (
            d.__setitem__("x.json", {"@context": CONTEXT, "@id": "dtmi:com:example:X;1", "@type": "Interface"}),
            _device(d).__setitem__(
                "extends", ["dtmi:com:example:Base;1", "dtmi:com:example:Part;1", "dtmi:com:example:X;1"]
            ),
        ),
    ),
    "top-level Telemetry": (codes.NOT_AN_INTERFACE, lambda d: d["part.json"].__setitem__("@type", "Telemetry")),
    "dtmi spelling twice": (
        codes.DUPLICATE_MEMBER,
        lambda d: d["part.json"]["contents"][0].__setitem__("dtmi:dtdl:property:schema;2", "float"),
    ),
}


def _nested_arrays(depth: int):
    schema: object = "double"
    for _ in range(depth):
        schema = {"@type": "Array", "elementSchema": schema}
    return schema


@given(model_sets(), st.sampled_from(sorted(MUTATIONS)))
def test_each_mutation_gives_its_code(documents, mutation: str) -> None:
    code, mutate = MUTATIONS[mutation]
    mutate(documents)
    found = lint(documents)
    assert code.code in errors(found), (mutation, [f"{d.code} {d.message}" for d in found])
    assert all(d.parser_id or d.code == codes.UNRESOLVED_REFERENCE.code for d in found if d.severity == "error")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(["Interface", "Telemetry", "double", "dtmi:a:b;1", "name", "@id", CONTEXT, "Array"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "@context",
                    "@id",
                    "@type",
                    "name",
                    "schema",
                    "contents",
                    "extends",
                    "fields",
                    "elementSchema",
                    "enumValues",
                    "mapKey",
                    "mapValue",
                    "unit",
                    "displayName",
                    "target",
                    "writable",
                    "dtmi:dtdl:property:name;2",
                    "x",
                ]
            )
            | st.text(max_size=5),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)


@given(json_values)
def test_arbitrary_json_never_raises(value) -> None:
    found = lint({"a.json": value})
    assert all(d.code.startswith("DTL") for d in found)


@given(json_values)
def test_arbitrary_members_of_an_interface_never_raise(value) -> None:
    document = {
        "@context": CONTEXT,
        "@id": "dtmi:com:example:I;1",
        "@type": "Interface",
        "contents": [value, {"@type": "Property", "name": "p", "schema": value}],
        "schemas": value,
    }
    found = lint({"a.json": document}, extensions="disallow")
    assert all(d.code.startswith("DTL") for d in found)


def test_cycles_through_extends_and_components_are_findings() -> None:
    documents = {
        "a.json": {
            "@context": CONTEXT,
            "@id": "dtmi:x:A;1",
            "@type": "Interface",
            "extends": ["dtmi:x:A;1"],
            "contents": [{"@type": "Component", "name": "b", "schema": "dtmi:x:B;1"}],
        },
        "b.json": {
            "@context": CONTEXT,
            "@id": "dtmi:x:B;1",
            "@type": "Interface",
            "extends": "dtmi:x:C;1",
            "contents": [{"@type": "Component", "name": "a", "schema": "dtmi:x:A;1"}],
        },
        "c.json": {
            "@context": CONTEXT,
            "@id": "dtmi:x:C;1",
            "@type": "Interface",
            "extends": "dtmi:x:B;1",
            "schemas": [{"@id": "dtmi:x:S;1", "@type": "Array", "elementSchema": "dtmi:x:S;1"}],
        },
    }
    found = errors(lint(documents))
    assert {codes.EXTENDS_CYCLE.code, codes.RECURSIVE_SCHEMA.code} <= found
    assert found & {codes.NESTED_COMPONENT.code, codes.COMPONENT_CYCLE.code}


def test_deeply_nested_schemas_and_huge_documents_are_findings() -> None:
    deep = {
        "@context": CONTEXT,
        "@id": "dtmi:x:Deep;1",
        "@type": "Interface",
        "contents": [{"@type": "Telemetry", "name": "t", "schema": _nested_arrays(400)}],
    }
    assert codes.SCHEMA_TOO_DEEP.code in errors(lint({"deep.json": deep}))
    text = "[" * 100000 + "]" * 100000
    assert lint_models({"nested.json": text})  # a finding, not a RecursionError
    wide = {
        "@context": CONTEXT,
        "@id": "dtmi:x:Wide;1",
        "@type": "Interface",
        "contents": [{"@type": "Telemetry", "name": f"t{i}", "schema": "double"} for i in range(5000)],
    }
    assert codes.TOO_MANY_CONTENTS.code in errors(lint({"wide.json": wide}))


def extends_chain(length: int) -> dict:
    """`length` Interfaces, each extending the next and adding a Property, in a file each."""
    documents = {
        f"i{i}.json": {
            "@context": CONTEXT,
            "@id": f"dtmi:x:I{i};1",
            "@type": "Interface",
            "extends": f"dtmi:x:I{i + 1};1",
            "contents": [{"@type": "Property", "name": f"p{i}", "schema": "string"}],
        }
        for i in range(length)
    }
    documents[f"i{length}.json"] = {"@context": CONTEXT, "@id": f"dtmi:x:I{length};1", "@type": "Interface"}
    return documents


def steps(call) -> int:
    """The Python lines, calls and returns executed by `call()`: the work it does, which no load can change."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        return trace

    sys.settrace(trace)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def test_long_extends_chain_and_thousands_of_files() -> None:
    found = lint(extends_chain(2000))
    assert codes.EXTENDS_TOO_DEEP.code in errors(found)
    assert codes.TOO_MANY_CONTENTS.code in errors(found)
    # the work grows with the chain as the chain does (each Interface's inherited contents are worked out once,
    # from its base's): four times the chain, about four times the steps, where walking every ancestor's
    # contents for each Interface would take sixteen
    short, long = (extends_chain(n) for n in (250, 1000))
    assert steps(lambda: lint(long)) < 8 * steps(lambda: lint(short))


def test_self_references() -> None:
    documents = {
        "a.json": {
            "@context": CONTEXT,
            "@id": "dtmi:x:A;1",
            "@type": "Interface",
            "contents": [
                "dtmi:x:A;1",
                {"@type": "Component", "name": "me", "schema": "dtmi:x:A;1"},
                {"@type": "Relationship", "name": "r", "target": "dtmi:x:A;1"},
            ],
            "schemas": [{"@id": "dtmi:x:O;1", "@type": "Object", "fields": [{"name": "f", "schema": "dtmi:x:O;1"}]}],
        }
    }
    found = errors(lint(documents))
    assert codes.WRONG_REFERENCE_TYPE.code in found and codes.RECURSIVE_SCHEMA.code in found
