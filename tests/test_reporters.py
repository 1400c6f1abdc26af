"""The output formats: text, json, sarif (valid SARIF 2.1.0), github annotations."""

from __future__ import annotations

import io
import json
from dataclasses import fields

import pytest

from dtdl_lint import codes, reporters
from dtdl_lint.diagnostics import Diagnostic, Related
from dtdl_lint.run import Result

ERROR = codes.INVALID_ID(
    "@id 'dtmi:a:my-room;1' is not a DTMI",
    file="models/room.json",
    line=3,
    column=3,
    end_line=3,
    end_column=30,
    pointer="/@id",
    dtmi="dtmi:a:my-room;1",
)
SERVICE = codes.UNKNOWN_RECORD(
    "twin 'a,b' says: 100% wrong\nsecond line", file="dir,1/t:1.jsonl", line=7, column=2, service="ValidationFailed"
)
WARNING = Diagnostic("DTL999", codes.W, "a recommendation", file="x.json", line=1, column=1)
RESULT = Result([ERROR, SERVICE, WARNING], checked=3, skipped=1)


def render(name: str, result: Result = RESULT, **how) -> str:
    out = io.StringIO()
    reporters.REPORTERS[name](result, out, **how)
    return out.getvalue()


def test_text() -> None:
    assert render("text").splitlines() == [
        "models/room.json:3:3: DTL111 @id 'dtmi:a:my-room;1' is not a DTMI at /@id",
        "dir,1/t:1.jsonl:7:2: DTL010 twin 'a,b' says: 100% wrong\\nsecond line [ValidationFailed]",
        "x.json:1:1: DTL999 a recommendation",
        "Found 3 problems (2 errors, 1 warning) in 3 files, 1 other JSON file skipped.",
    ]
    assert render("text", Result([], checked=1)) == "All checks passed (1 file).\n"
    assert render("text", quiet=True).count("\n") == 3  # one line per finding
    coloured = render("text", color=True)
    assert "\x1b[31m" in coloured and "\x1b[33m" in coloured  # red error code, yellow warning code


def test_json_has_every_field() -> None:
    data = json.loads(render("json"))
    assert [d["code"] for d in data] == ["DTL111", "DTL010", "DTL999"]
    assert set(data[0]) == {f.name for f in fields(Diagnostic)} - {"related"}  # (written only when there are any)
    assert data[0]["severity"] == "error" and data[0]["pointer"] == "/@id" and data[1]["service"] == "ValidationFailed"
    assert json.loads(render("json", statistics=True))[0] == {"code": "DTL111", "name": "invalid-id", "count": 1}


def test_sarif_is_valid_sarif_2_1_0(shared) -> None:
    import jsonschema

    schema = json.loads((shared / "reference" / "sarif-schema-2.1.0.json").read_text())
    log = json.loads(render("sarif"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    for empty in (Result([]), Result([ERROR.at(line=0, column=0, end_line=0, end_column=0)])):
        jsonschema.validators.validator_for(schema)(schema).validate(json.loads(render("sarif", empty)))


def test_sarif_rules_and_results() -> None:
    run = json.loads(render("sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(codes.ALL)  # one rule per code of the catalog
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "DTL111"
    assert first["level"] == "error"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "models/room.json"},
        "region": {"startLine": 3, "startColumn": 3, "endLine": 3, "endColumn": 30},
    }
    assert first["properties"] == {
        "pointer": "/@id",
        "dtmi": "dtmi:a:my-room;1",
        "parserId": "dtmi:dtdl:parsingError:invalidId",
    }
    assert run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dir%2C1/t%3A1.jsonl"
    assert run["results"][1]["properties"]["service"] == "ValidationFailed"
    help_text = rules[first["ruleIndex"]]["help"]["text"]
    assert codes.INVALID_ID.why in help_text and "dtmi:dtdl:parsingError:invalidId" in help_text
    assert rules[first["ruleIndex"]]["defaultConfiguration"] == {"level": "error"}
    assert "ruleIndex" not in run["results"][2]  # a code outside the catalog has no rule to point at
    assert run["results"][2]["level"] == "warning"


def test_github_annotations_escape_their_data() -> None:
    lines = render("github").splitlines()
    assert lines[0] == (
        "::error file=models/room.json,line=3,col=3,endLine=3,endColumn=30,title=DTL111 invalid-id::"
        "DTL111 @id 'dtmi:a:my-room;1' is not a DTMI at /@id"
    )
    assert lines[1] == (
        "::error file=dir%2C1/t%3A1.jsonl,line=7,col=2,title=DTL010 unknown-record::"
        "DTL010 twin 'a,b' says: 100%25 wrong%0Asecond line [ValidationFailed]"
    )
    assert lines[2].startswith("::warning file=x.json,line=1,col=1,")
    assert len(lines) == 3


@pytest.mark.parametrize("name", sorted(reporters.REPORTERS))
def test_no_findings(name) -> None:
    out = render(name, Result([], checked=2))
    assert out == {"text": "All checks passed (2 files).\n", "json": "[]\n", "github": ""}.get(name, out)


CHANGED = codes.SCHEMA_NARROWED(
    "Property 'temperature' of dtmi:a:Room;2: double became integer",
    file="new/room.json",
    line=6,
    column=5,
    pointer="/contents/0",
    related=(Related("old/room.json", 7, 5, "/contents/0", "previous version"),),
)


def test_related_places_in_every_format(shared) -> None:
    """A diff finding's previous place: in the text after the message, in JSON as `related`, in SARIF as a
    related location (valid SARIF)."""
    import jsonschema

    result = Result([CHANGED], checked=1)
    assert render("text", result).splitlines()[0].endswith("at /contents/0 (previous version: old/room.json:7:5)")
    assert json.loads(render("json", result))[0]["related"] == [
        {"file": "old/room.json", "line": 7, "column": 5, "pointer": "/contents/0", "message": "previous version"}
    ]
    log = json.loads(render("sarif", result))
    schema = json.loads((shared / "reference" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    (related,) = log["runs"][0]["results"][0]["relatedLocations"]
    assert related["physicalLocation"] == {
        "artifactLocation": {"uri": "old/room.json"},
        "region": {"startLine": 7, "startColumn": 5},
    }
    assert related["message"] == {"text": "previous version"}
