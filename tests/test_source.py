"""source.py: decoding, JSON anomalies and the pointer -> line:column index."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtdl_lint import source
from dtdl_lint.diagnostics import join_pointer


@pytest.mark.parametrize(
    ("raw", "code", "line", "column"),
    [
        (b'{"a": 1,}', "DTL003", 1, 9),
        (b"", "DTL007", 1, 1),
        (b" \n\t ", "DTL007", 1, 1),
        (b"hello", "DTL003", 1, 1),
        (b'{"a": "\xff"}', "DTL002", 1, 8),
        (b'{\n"a":\n"\xc3"}', "DTL002", 3, 2),
        (b"\xff\xfe{\x00}\x00", "DTL002", 1, 1),
        (b'{"a": 1, "a": 2}', "DTL004", 1, 10),
        (b'{"a": [1, NaN]}', "DTL005", 1, 11),
        (b'{"a": -Infinity}', "DTL005", 1, 7),
        (b'{"a": 1e400}', "DTL006", 1, 7),
        (b"[" * 20000 + b"]" * 20000, "DTL009", 1, 1),
        (b"1" * 5000, "DTL006", 1, 1),
    ],
)
def test_bad_input_is_a_finding(raw: bytes, code: str, line: int, column: int) -> None:
    src = source.load("f.json", raw)
    assert [(d.code, d.line, d.column) for d in src.diagnostics][:1] == [(code, line, column)]
    assert all(d.file == "f.json" for d in src.diagnostics)


def test_utf8_bom_is_accepted() -> None:
    src = source.load("f.json", b'\xef\xbb\xbf{"a": 1}')
    assert src.ok and src.data == {"a": 1} and not src.diagnostics


def test_integers_and_floats_stay_distinct() -> None:
    data = source.load("f.json", b'{"i": 1, "f": 1.0, "e": 1e2, "b": true}').data
    assert [type(data[k]) for k in "ifeb"] == [int, float, float, bool]


def test_duplicate_key_keeps_parsing_but_says_where() -> None:
    src = source.load("f.json", b'{\n  "x": {"k": 1,\n        "k": 2}\n}')
    assert src.ok
    (finding,) = src.diagnostics
    assert (finding.pointer, finding.line, finding.column) == ("/x/k", 3, 9)


def test_file_too_large(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(source, "MAX_BYTES", 10)
    path = tmp_path / "big.json"
    path.write_text('{"a": "more than ten bytes"}')
    (finding,) = source.read_file(path).diagnostics
    assert finding.code == "DTL008" and "JSON Lines" in finding.message


def test_member_span_starts_at_key_and_item_span_at_value() -> None:
    positions = source.Positions('{\n  "a": [10,\n    {"b~/c": null}]\n}')
    assert positions.span("") == (1, 1, 4, 2)
    assert positions.span("/a")[:2] == (2, 3)
    assert positions.span("/a/0")[:2] == (2, 9)
    assert positions.span("/a/1/b~0~1c")[:2] == (3, 6)
    assert positions.span("/a/1/missing")[:2] == (3, 5)  # nearest located ancestor


def _pointers(value, pointer=""):
    yield pointer
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _pointers(item, join_pointer(pointer, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _pointers(item, join_pointer(pointer, index))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=25,
)


@given(json_values, st.sampled_from([None, 2]))
def test_position_index_covers_every_pointer(value, indent) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    positions = source.Positions(text)
    lines = text.split("\n")
    for pointer in _pointers(value):
        assert pointer in positions.spans
        line, column, _, _ = positions.spans[pointer]
        assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1])


def _lark_spans(text: str) -> dict[str, tuple[int, int, int, int]]:
    """The spans of every pointer read from grammars/json.lark: the reference the tokenizer must agree with."""
    from lark import Tree

    from dtdl_lint.grammar import parser

    def span(node) -> tuple[int, int, int, int]:
        meta = node if not isinstance(node, Tree) else node.meta
        return (meta.line, meta.column, meta.end_line, meta.end_column)

    spans: dict[str, tuple[int, int, int, int]] = {}
    nodes = [(parser("json.lark", propagate_positions=True, keep_all_tokens=True).parse(text), "", None)]
    while nodes:
        node, pointer, member = nodes.pop(0)
        spans.setdefault(pointer, member or span(node))
        children = [c for c in node.children if isinstance(c, Tree)] if isinstance(node, Tree) else []
        if node.data == "object":
            for pair in children:
                key, value = pair.children[0], pair.children[-1]
                whole = (*span(key)[:2], *span(value)[2:])
                nodes.append((value, join_pointer(pointer, json.loads(key.children[0])), whole))
        elif node.data == "array":
            nodes.extend((item, join_pointer(pointer, index), None) for index, item in enumerate(children))
    return spans


json_texts = st.builds(
    lambda value, indent, separators: json.dumps(value, indent=indent, ensure_ascii=False, separators=separators),
    json_values,
    st.sampled_from([None, 1, "\t"]),
    st.sampled_from([None, (",", ":"), (" ,\r\n", " :  ")]),
)


@given(json_texts)
def test_positions_agree_with_the_json_grammar(text) -> None:
    assert source.Positions(text).spans == _lark_spans(text)


@pytest.mark.parametrize("text", ["[1,]", '{"a" 1}', "[1 2]", "[1}", '{"a": 1} x', '{"a": [1, 2}'])
def test_positions_of_text_that_is_not_json_are_empty(text) -> None:
    assert source.Positions(text).spans == {}


@given(json_texts, st.data())
def test_positions_along_wanted_pointers_are_the_same(text, data) -> None:
    full = source.Positions(text)
    pointers = sorted(full.spans)
    wanted = [*data.draw(st.lists(st.sampled_from(pointers), max_size=3)), "/missing", pointers[-1] + "/0/x"]
    along = source.Positions(text, wanted)
    assert all(along.span(pointer) == full.span(pointer) for pointer in wanted)
    assert len(along.spans) <= len(full.spans)
