"""language/dtmi.py and the DTMI syntax of DTDL v2: valid identifiers and each way one can be wrong, with the
exact offset."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtdl_lint.language import dtmi
from dtdl_lint.language.v2 import V2

VALID = ["dtmi:com:example:Room;1", "dtmi:a;999999999", "dtmi:a__b:c1;2", "dtmi:A:b_c;10"]


@pytest.mark.parametrize("value", VALID)
def test_valid(value: str) -> None:
    assert V2.dtmi.is_valid(value) and V2.dtmi.problems(value) == []


@pytest.mark.parametrize(
    ("value", "kind", "offset"),
    [
        ("DTMI:com:a;1", "scheme", 0),
        ("urn:com:a;1", "scheme", 0),
        ("com:example:Room;1", "scheme", 0),
        ("dtmi:com:ex-ample;1", "segment", 11),
        ("dtmi:com:1abc;1", "segment", 9),
        ("dtmi:com:abc_;1", "underscore", 12),
        ("dtmi:com:_contents;1", "system", 9),
        ("dtmi:com::a;1", "empty-segment", 9),
        ("dtmi:com:a", "version-missing", 10),
        ("dtmi:com:a;", "version-missing", 11),
        ("dtmi:com:a;0", "version-zero", 11),
        ("dtmi:com:a;01", "version-leading-zero", 11),
        ("dtmi:com:a;1234567890", "version-too-long", 11),
        ("dtmi:com:a;1.2", "version-two-part", 12),
        ("dtmi:com:a;v1", "version-invalid", 11),
        ("dtmi:com:a;1#frag", "fragment", 12),
        ("dtmi:a:" + "b" * 2100 + ";1", "length", 2048),
    ],
)
def test_problem_kind_and_offset(value: str, kind: str, offset: int) -> None:
    found = V2.dtmi.problems(value)
    assert (found[0].kind, found[0].offset) == (kind, offset)
    assert not V2.dtmi.is_valid(value)


def test_general_syntax_accepts_system_ids() -> None:
    assert dtmi.is_dtmi("dtmi:com:ex:I:_contents:__t;1")
    assert not V2.dtmi.is_valid("dtmi:com:ex:I:_contents:__t;1")
    assert dtmi.version("dtmi:com:ex:I;3") == 3 and dtmi.version("dtmi:x") is None


segment = st.from_regex(r"[A-Za-z](?:[A-Za-z0-9_]{0,6}[A-Za-z0-9])?", fullmatch=True)


@given(st.lists(segment, min_size=1, max_size=5), st.integers(1, 999999999))
def test_generated_valid_dtmis_have_no_problem(segments: list[str], version: int) -> None:
    assert V2.dtmi.problems(f"dtmi:{':'.join(segments)};{version}") == []


@given(st.text(max_size=40))
def test_arbitrary_strings_never_raise_and_agree_with_the_regex(value: str) -> None:
    assert (V2.dtmi.problems(value) == []) == V2.dtmi.is_valid(value)
