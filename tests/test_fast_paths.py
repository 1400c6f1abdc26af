"""The parser's plain cases, each held to the full reading it restates: on generated input a plain case either
declines or concludes exactly what the full path concludes, findings (none) included."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtdl_lint.language import INT32, MemberSpec
from dtdl_lint.language.v2 import V2
from dtdl_lint.model import CLASSES, Element
from dtdl_lint.modelset import ModelSet
from dtdl_lint.parsing import _PLAIN_CONTEXTS, PLAIN, READERS, _top_context
from dtdl_lint.parsing.ids import item_id, plain_item_id
from dtdl_lint.parsing.state import PLAIN as PLAIN_CONTEXT
from dtdl_lint.parsing.state import Parse
from dtdl_lint.parsing.types import element_class, plain_class

CTX = PLAIN_CONTEXT[2]
OWNER = "dtmi:com:example:Room;1"

# Members of every kind that has a plain case, as the classes of DTDL v2 have them
SPECS: list[MemberSpec] = [
    V2.classes["Telemetry"].members["name"],
    V2.classes["Property"].members["writable"],
    V2.classes["Relationship"].members["maxMultiplicity"],
    V2.classes["Relationship"].members["minMultiplicity"],
    V2.classes["EnumValue"].members["enumValue"],
    V2.common["displayName"],
    V2.common["description"],
    V2.common["comment"],
]
REFERRING_SPECS: list[MemberSpec] = [
    V2.classes["Telemetry"].members["schema"],
    V2.classes["Interface"].members["extends"],
    V2.classes["Interface"].members["contents"],
    V2.classes["Component"].members["schema"],
]
OWNER_OF = {id(spec): cls for cls, table in V2.classes.items() for spec in table.members.values()}

segments = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,4}", fullmatch=True)
dtmis = st.builds(
    lambda prefix, parts, version: f"{prefix}{':'.join(parts)}{version}",
    st.sampled_from(["dtmi:", "dtmi:dtdl:", "dtmi:standard:", "dtmi:iotcentral:", "dtmi:com:", "DTMI:", "dtmi::"]),
    st.lists(st.one_of(segments, st.sampled_from(["", "_a", "a_", "1a", "a-b"])), min_size=1, max_size=3),
    st.sampled_from([";1", ";2", ";0", ";1.2", "", "#x", ";12345678901"]),
)
terms = st.sampled_from(sorted({*V2.reserved, "vector", "geopoint", "State", "nothing"}))
texts = st.one_of(
    st.text(alphabet=string.ascii_letters + string.digits + "_", max_size=70),
    st.text(max_size=10),
    st.text(alphabet="ab", min_size=60, max_size=70),
    st.text(alphabet="a", min_size=500, max_size=520),
    st.sampled_from(
        ["", "_x", "x_", "1x", "é", "temp", "a" * 64, "a" * 65, "a" * 512, "a" * 513, "😀" * 33, "😀" * 257]
    ),
    st.integers(min_value=60, max_value=70).map(lambda n: "x" * n),
)
tags = st.sampled_from(["en", "de-DE", "zh-Hans-CN", "EN", "e", "@value", "@language", "x-y"])
scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-5, max_value=505),
    st.integers(min_value=INT32[0] - 2, max_value=INT32[1] + 2),
    st.floats(allow_nan=False),
    st.none(),
)
values = st.one_of(
    texts,
    dtmis,
    terms,
    scalars,
    st.dictionaries(tags, st.one_of(texts, scalars), max_size=2),
    st.dictionaries(st.sampled_from(["@value", "@type", "@language", "@id"]), st.one_of(texts, scalars), max_size=2),
    st.lists(st.one_of(texts, dtmis, scalars), max_size=2),
)


def node(cls: str) -> Element:
    return CLASSES[cls](OWNER, "a.json", "", None, OWNER, True, 0, V2)


def parse() -> Parse:
    return Parse("a.json", ModelSet(), False, READERS, PLAIN)


def kept(element: Element, spec: MemberSpec) -> tuple:
    return getattr(element, spec.attribute), element.where, element.references


@pytest.mark.parametrize("spec", [*SPECS, *REFERRING_SPECS], ids=lambda spec: f"{spec.name}")
@given(value=values)
def test_each_plain_case_of_a_member_concludes_what_its_reader_concludes(spec: MemberSpec, value: object) -> None:
    cls = OWNER_OF.get(id(spec), "Telemetry")
    plain = node(cls)
    if not PLAIN[spec.kind](spec, value, plain, "/x"):
        assert kept(plain, spec) == kept(node(cls), spec)  # (declining, it keeps nothing)
        return
    p, element = parse(), node(cls)
    READERS[spec.kind](p, element, spec, value, "/x", CTX)
    assert p.models.diagnostics == []
    assert kept(element, spec) == kept(plain, spec)


POSITIONS = [
    V2.top_level,
    V2.classes["Interface"].members["contents"].classes,
    V2.classes["Telemetry"].members["schema"].classes,
    V2.classes["Enum"].members["enumValues"].classes,
    V2.classes["Map"].members["mapKey"].classes,
]
type_values = st.one_of(
    st.sampled_from([*V2.classes, "Boolean", "Temperature", "dtmi:dtdl:class:Property;2", "Unit", "x"]),
    st.lists(st.sampled_from(["Property", "Temperature", "Telemetry", "State"]), max_size=3),
    st.none(),
    st.integers(),
)


@given(st.sampled_from(POSITIONS), type_values)
def test_the_plain_case_of_a_class_concludes_what_the_types_conclude(allowed: frozenset[str], raw: object) -> None:
    cls = plain_class(raw, allowed)
    if not cls:
        return
    p = parse()
    top = allowed == V2.top_level
    parent = None if top else node("Interface")
    assert element_class(p, {"@type": raw}, raw, "/x", parent, "contents", allowed, CTX, top) == (cls, False, [])
    assert p.models.diagnostics == []


names = st.one_of(
    texts, scalars, st.lists(st.one_of(texts, scalars), max_size=2), st.fixed_dictionaries({"@value": texts})
)
items = st.builds(
    lambda name_key, name, with_id, extra: {
        **({name_key: name} if name_key else {}),
        **({"@id": "dtmi:com:example:X;1"} if with_id else {}),
        **extra,
    },
    st.sampled_from(["name", "dtmi:dtdl:property:name;2", ""]),
    names,
    st.booleans(),
    st.dictionaries(st.sampled_from(["@type", "schema"]), st.just("double"), max_size=2),
)
ITEM_SPECS = [
    V2.classes["Interface"].members["contents"],
    V2.classes["Interface"].members["schemas"],
    V2.classes["Interface"].members["extends"],
    V2.classes["Object"].members["fields"],
    V2.classes["Telemetry"].members["schema"],
    V2.classes["Component"].members["schema"],
]


@given(st.sampled_from(ITEM_SPECS), items)
def test_the_plain_case_of_an_item_id_concludes_what_the_id_rules_conclude(spec: MemberSpec, item: dict) -> None:
    if "@id" not in item and spec.needs_id:
        return  # (the plain case is only asked where an @id is not required)
    made = plain_item_id(item, spec, "dtmi:com:example:Room", "1", V2)
    if not made:
        return
    p = parse()
    assert item_id(p, node("Interface"), spec, item, "/x", "dtmi:com:example:Room", "1") == (made, False)
    assert p.models.diagnostics == []


contexts = st.one_of(
    st.sampled_from(["dtmi:dtdl:context;2", "dtmi:dtdl:context;3", "dtmi:iotcentral:context;2", "dtmi:x;1", ""]),
    st.lists(st.sampled_from(["dtmi:dtdl:context;2", "dtmi:iotcentral:context;2"]), max_size=2),
)


@given(contexts)
def test_the_plain_case_of_a_top_level_context_concludes_what_the_context_rules_conclude(context: object) -> None:
    plain = _PLAIN_CONTEXTS.get(context) if isinstance(context, str) else None
    if plain is None:
        return
    p = parse()
    found = _top_context(p, {"@context": context}, context, "")
    assert found is not None and (found.language, found.extensions, found.undefined) == (
        plain.language,
        frozenset(),
        False,
    )
    assert p.models.diagnostics == []
