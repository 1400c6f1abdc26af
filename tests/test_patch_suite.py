"""The JSON Patch test suite (RFC 6902) in ../shared/conformance/json-patch-tests/, run as data.

A record with `error` must give an error finding (from the RFC 6902 layer or from application); a record with
`expected` must give no error and apply to exactly that document. `disabled` records are skipped with the
suite's own reason. There is no known gap: jsonpatch's one bug the suite shows (a root add on an array
document raises TypeError) is worked around in patch.apply_operations.
"""

from __future__ import annotations

import json

import pytest
from conftest import SHARED

from dtdl_lint.patch import lint_json_patch

SUITE = SHARED / "conformance" / "json-patch-tests"
FILES = ("tests.json", "spec_tests.json")


def records() -> list:
    found = []
    for name in FILES:
        path = SUITE / name
        if not path.is_file():
            found.append(pytest.param(name, -1, None, id=f"{name}-absent"))
            continue
        for index, record in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            found.append(pytest.param(name, index, record, id=f"{name}-{index}"))
    return found


@pytest.mark.parametrize("name, index, record", records())
def test_json_patch_suite(shared, name, index, record) -> None:
    if record is None:
        pytest.skip(f"{SUITE / name} is absent")
    if record.get("disabled"):
        pytest.skip(f"disabled in the suite: {record.get('comment') or record.get('error') or 'no reason given'}")
    before = json.dumps(record, sort_keys=True)
    result, found = lint_json_patch(record["patch"], record["doc"])
    errors = [d for d in found if d.severity == "error"]
    if "error" in record:
        assert errors, f"not reported: {record['error']}"
    else:
        assert errors == [] and result == record["expected"]
    assert json.dumps(record, sort_keys=True) == before, "the patch or the document was changed"


def test_duplicate_op_member_is_caught_in_the_text() -> None:
    """The suite's disabled 'duplicate ops' records cannot be expressed as parsed JSON; as text they are
    reported (DTL004)."""
    from dtdl_lint import lint_patch
    from dtdl_lint.modelset import ModelSet

    found = lint_patch('[{"op": "move", "path": "/baz", "value": "qux", "op": "remove"}]', ModelSet())
    assert [d.code for d in found if d.code == "DTL004"] == ["DTL004"]
