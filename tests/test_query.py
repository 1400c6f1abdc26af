"""Azure Digital Twins queries: the documented examples' verdicts, the grammar, the service's limits, the names and
values checked against models, the library call and the command line (../shared/reference/adt-query-language.md)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from dtdl_lint import cli, lint_query, load_models
from dtdl_lint.query.syntax import parse

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "fixtures" / "queries"
MODELS = QUERIES / "_models"
VERDICTS = {"documented-valid": "valid", "documented-warning": "warning", "documented-invalid": "invalid"}
DOCUMENTED = sorted((folder, path) for folder in VERDICTS for path in (QUERIES / folder).glob("*.adtquery"))


@pytest.fixture(scope="module")
def models():
    return load_models([MODELS])


def codes(found) -> list[str]:
    return [d.code for d in found]


def room(*contents: dict, id: str = "dtmi:example:Room;1", extends: str | None = None) -> str:
    model = {"@context": "dtmi:dtdl:context;2", "@id": id, "@type": "Interface", "contents": list(contents)}
    if extends:
        model["extends"] = extends
    return json.dumps(model)


def prop(name: str, schema: object = "double") -> dict:
    return {"@type": "Property", "name": name, "schema": schema}


# --- the documented examples ---


@pytest.mark.parametrize(("folder", "path"), DOCUMENTED, ids=lambda value: getattr(value, "stem", value))
def test_documented_example_gets_its_verdict(folder: str, path: Path, models) -> None:
    found = lint_query(path.read_text(encoding="utf-8"), models)
    verdict = VERDICTS[folder]
    errors = [d for d in found if d.severity == "error"]
    if verdict == "valid":
        assert found == []
    elif verdict == "warning":
        assert found and not errors
    else:
        assert errors and all(d.service == "SqlQueryError" for d in errors)


def test_every_documented_example_has_a_case(shared: Path) -> None:
    """Each example of the reference's §6 (E1 ... E93) is a file of fixtures/queries/documented-*, named after it."""
    reference = (shared / "reference" / "adt-query-language.md").read_text(encoding="utf-8")
    documented = {int(number) for number in re.findall(r"^\| E(\d+) \|", reference, re.MULTILINE)}
    assert len(documented) == 93
    cased = {int(path.stem[1:3]) for _, path in DOCUMENTED}
    assert documented == cased


# --- the grammar ---


@pytest.mark.parametrize(
    "query",
    [
        "select t from digitaltwins t where t.$dtId = 'a'",  # keywords in any case
        "SeLeCt T FrOm DigitalTwins T WhErE T.x iN [1, 2] aNd NoT T.y = TRUE",
        "SELECT T FROM DIGITALTWINS T JOIN join RELATED T.contains WHERE T.$dtId = 'a' AND join.match = 1",
        "SELECT T FROM DIGITALTWINS T WHERE T.selected = 1 AND T.fromage = 'brie'",  # keywords inside names
        "SELECT Room FROM DIGITALTWINS Room WHERE Room. Temperature > 72",  # a space after the dot
        "SELECT T FROM DIGITALTWINS T WHERE T.x = -1.5e3 OR (T.y != 'a' AND NOT T.z < 2)",
        "SELECT T FROM DIGITALTWINS T\nWHERE T.x NOT IN ['a']\n  AND T.y NIN [1]",
        "SELECT T.[[Group]] AS [[Order]] FROM DIGITALTWINS T WHERE T.map.[[1st]] = 'x'",
        "SELECT TOP(3) T FROM DIGITALTWINS T",
    ],
)
def test_the_language_parses(query: str) -> None:
    assert lint_query(query, None) == []


def test_a_string_escapes_its_quote() -> None:
    (literal,) = [n for n in parse(r"SELECT * FROM DIGITALTWINS WHERE Name = 'D\'Souza'").conditions()][2:]
    assert literal.value == "D'Souza"


@pytest.mark.parametrize(
    ("query", "code", "line", "column", "message"),
    [
        ("foo", "DTL701", 1, 1, "unexpected 'foo': expected SELECT"),
        (
            "SELECT *\nFROM DIGITALTWINS T\nWHERE T.x = ",
            "DTL701",
            3,
            12,
            "the query ends after '=': expected a name or a value",
        ),
        ("SELECT * FROM DIGITALTWINS T WHERE T.x = 1 ANDT.y = 2", "DTL701", 1, 44, "unexpected 'ANDT'"),
        ("SELECT * FROM DIGITIALTWINS", "DTL701", 1, 15, "did you mean DIGITALTWINS?"),
        ("SELECT * FROM DIGITALTWINS T WHERE T.name = 'D'Souza'", "DTL701", 1, 48, r"written \'"),
        ("SELECT * FROM DIGITALTWINS T WHERE T.name = 'open", "DTL701", 1, 45, "is not closed"),
        ("SELECT * FROM DIGITALTWINS T WHERE T.x = 1;", "DTL701", 1, 43, "unexpected character ';'"),
        ("SELECT count FROM DIGITALTWINS", "DTL701", 1, 14, "written [[count]]"),
        ("SELECT * FROM DIGITALTWINS T WHERE T.Group = 'a'", "DTL702", 1, 38, "GROUP is a reserved word"),
        ("SELECT * FROM DIGITALTWINS T WHERE T.map.2nd = 'a'", "DTL702", 1, 42, "[[2nd]]"),
        ("SELECT * FROM (SELECT * FROM DIGITALTWINS)", "DTL703", 1, 15, "subqueries are not supported"),
        ("SELECT T FROM DIGITALTWINS T GROUP BY T.x", "DTL703", 1, 30, "GROUP BY is not supported"),
        ("SELECT SUM(T.x) FROM DIGITALTWINS T", "DTL703", 1, 8, "SUM() is not supported"),
        ("SELECT T FROM DIGITALTWINS T WHERE T.a[1] = 2", "DTL703", 1, 39, "array indexing"),
        ("SELECT T FROM DIGITALTWINS T WHERE T.$dtId = @twin", "DTL703", 1, 46, "no parameters"),
    ],
)
def test_a_syntax_error_says_where_and_what_was_expected(query, code, line, column, message) -> None:
    (found,) = lint_query(query, None)
    assert (found.code, found.line, found.column, found.service) == (code, line, column, "SqlQueryError")
    assert message in found.message
    assert not re.search(r"\b(NAME|LPAR|RPAR|COMPARE|OPEN|DOTS|\$END|STRING|NUMBER)\b", found.message)


def test_every_unexpected_token_is_said_in_words() -> None:
    """Cut a long valid query after each of its tokens: every message names what was expected, in words."""
    query = (
        "SELECT A.x AS y, B FROM DIGITALTWINS A JOIN B RELATED A.has R MATCH (A)-[r:has|is*1..2]->(B) "
        "WHERE A.$dtId IN ['a', 'b'] AND NOT (B.x >= 1 OR IS_DEFINED(B.y))"
    )
    for end in range(1, len(query)):
        if query[end - 1] != " " and query[end] == " ":
            for found in lint_query(query[:end], None):
                if found.code == "DTL701":
                    assert "expected" in found.message
                    assert not re.search(r"\b[A-Z]+_[A-Z_]+\b|\$END|\bLPAR\b|\bNAME\b", found.message), found.message


# --- the service's rules ---


def _and(count: int) -> str:
    return "SELECT T FROM DIGITALTWINS T WHERE " + " AND ".join(f"T.p{i} = {i}" for i in range(count + 1))


def _in(count: int) -> str:
    return "SELECT T FROM DIGITALTWINS T WHERE T.$dtId IN [" + ", ".join(f"'t{i}'" for i in range(count)) + "]"


def _joins(count: int) -> str:
    names = [f"T{i}" for i in range(count + 1)]
    joins = " ".join(f"JOIN {b} RELATED {a}.has" for a, b in pairwise(names))
    return f"SELECT {names[-1]} FROM DIGITALTWINS T0 {joins} WHERE T0.$dtId = 'a'"


def _hops(*counts: int) -> str:
    arrows = "".join(f"-[*{count}]->(n{i})" for i, count in enumerate(counts))
    return f"SELECT a FROM DIGITALTWINS MATCH (a){arrows} WHERE a.$dtId = 'x'"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (_and(50), []),
        (_and(51), ["DTL705"]),
        (_in(50), []),
        (_in(51), ["DTL707"]),
        (_in(100), ["DTL707"]),
        (_in(101), ["DTL706"]),
        (_joins(5), []),
        (_joins(6), ["DTL708"]),
        (_hops(4, 6), []),
        (_hops(4, 6, 1), ["DTL712"]),
        ("SELECT T FROM DIGITALTWINS T WHERE T.name = '" + "x" * (8000 - 46) + "'", []),
        ("SELECT T FROM DIGITALTWINS T WHERE T.name = '" + "x" * (8001 - 46) + "'", ["DTL704"]),
        ("SELECT a FROM DIGITALTWINS MATCH (a)-[r*1]->(b) WHERE a.$dtId = 'x'", []),
        ("SELECT a FROM DIGITALTWINS MATCH (a)-[r*0..1]->(b) WHERE a.$dtId = 'x'", []),
        ("SELECT a FROM DIGITALTWINS MATCH (a)-[r*..2]->(b) WHERE a.$dtId = 'x'", ["DTL713"]),
        ("SELECT a FROM DIGITALTWINS MATCH (a)-[*]->(b) WHERE a.$dtId = 'x'", ["DTL712"]),
        ("SELECT a FROM DIGITALTWINS MATCH (a)-[*1.5]->(b) WHERE a.$dtId = 'x'", ["DTL712"]),
        ("SELECT a, b FROM DIGITALTWINS MATCH (a)<-[]-(b) WHERE b.$dtId = 'x'", []),
        ("SELECT a, b FROM DIGITALTWINS MATCH (a)<-[]-(b) WHERE a.$dtId = 'x'", ["DTL714"]),
        ("SELECT a, b FROM DIGITALTWINS MATCH (a)-[]-(b) WHERE b.$dtId = 'x'", []),
        ("SELECT T, C FROM DIGITALTWINS T JOIN C RELATED T.has WHERE C.$dtId = 'x'", []),
        ("SELECT T, C FROM DIGITALTWINS T JOIN C RELATED T.has WHERE T.$dtId != 'x'", ["DTL709"]),
        ("SELECT T, C FROM DIGITALTWINS T JOIN C RELATED T.has WHERE T.$dtId NIN ['x']", ["DTL709"]),
        ("SELECT T FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:a:b;1', EXACT)", []),
        ("SELECT T FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:a:b;1', [[exact]])", ["DTL718"]),
        ("SELECT T FROM DIGITALTWINS T WHERE IS_OF_MODEL()", ["DTL718"]),
        ("SELECT T FROM DIGITALTWINS T WHERE IS_OF_MODEL('not a dtmi')", ["DTL723"]),
        ("SELECT T FROM DIGITALTWINS T WHERE T.$metadata.$model = 'dtmi:a:b-c;1'", ["DTL723"]),
        ("SELECT T FROM DIGITALTWINS T WHERE IS_OF_MODEL(X, 'dtmi:a:b;1')", ["DTL719"]),
        ("SELECT T FROM DIGITALTWINS T WHERE is_defined(T.x) AND StartsWith(T.$dtId, 'a')", []),
        ("SELECT T FROM DIGITALTWINS T WHERE ARRAY_CONTAINS(T.x, null)", ["DTL718"]),
        ("SELECT TOP(0) FROM DIGITALTWINS", ["DTL718"]),
        ("SELECT T FROM DIGITALTWINS T WHERE T.x = " + "7" * 5000, []),  # more digits than int() takes
    ],
)
def test_the_service_rules(query: str, expected: list[str]) -> None:
    assert codes(lint_query(query, None)) == expected


def test_a_huge_query_is_reported_too_long_and_not_read() -> None:
    query = "SELECT T FROM DIGITALTWINS T WHERE " + " OR ".join(["T.x = 1"] * 100_000)
    (found,) = lint_query(query, None)
    assert (found.code, found.line, found.column) == ("DTL704", 1, 8001)


# --- names and values against the models ---

BUILDING = room(
    prop("Temperature"),
    prop("mode", {"@type": "Enum", "valueSchema": "integer", "enumValues": [{"name": "low", "enumValue": 1}]}),
    prop(
        "tags",
        {"@type": "Map", "mapKey": {"name": "k", "schema": "string"}, "mapValue": {"name": "v", "schema": "integer"}},
    ),
    {
        "@type": "Relationship",
        "name": "contains",
        "target": "dtmi:example:Sensor;1",
        "properties": [prop("since", "dateTime")],
    },
    {"@type": "Component", "name": "hvac", "schema": "dtmi:example:Hvac;1"},
)
SENSOR = room(prop("reading"), id="dtmi:example:Sensor;1")
HVAC = room(prop("setpoint"), id="dtmi:example:Hvac;1")
LAB = room(prop("hazard", "string"), id="dtmi:example:Lab;1", extends="dtmi:example:Room;1")
ROOM_2 = room(prop("Temperature"), prop("co2"), id="dtmi:example:Room;2")
SOURCES = {"room.json": BUILDING, "sensor.json": SENSOR, "hvac.json": HVAC, "lab.json": LAB, "room2.json": ROOM_2}


@pytest.fixture(scope="module")
def building():
    return load_models(SOURCES)


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("{room} AND T.Temperature > 20", []),
        ("{room} AND T.temperature > 20", ["DTL720"]),
        ("{room} AND T.hazard = 'x'", []),  # a Lab extends Room: the twin may be one
        ("IS_OF_MODEL(T, 'dtmi:example:Room;1', exact) AND T.hazard = 'x'", ["DTL720"]),
        ("{room} AND T.co2 = 1", []),  # Room;2 is selected too (versions >= 1)
        ("IS_OF_MODEL(T, 'dtmi:example:Room;3')", ["DTL722"]),
        ("IS_OF_MODEL(T, 'dtmi:example:room;1')", ["DTL722"]),
        ("T.$metadata.$model = 'dtmi:example:Room;1' AND T.hazard = 'x'", ["DTL720"]),  # exactly that model
        ("{room} OR T.temprature = 1", []),  # under OR: the model is not known
        ("{room} AND T.mode = 1 AND T.mode IN [1, 'low']", ["DTL724"]),
        ("{room} AND T.tags.anything = 2 AND T.tags.other = '2'", ["DTL724"]),
        ("{room} AND T.hvac.setpoint > 1 AND T.hvac.$metadata.setpoint.sourceTime > '2024'", []),
        ("{room} AND T.hvac.setPoint > 1", ["DTL720"]),
        ("{room} AND T.$metadata.Temperature.lastUpdateTime > '2024'", []),
        ("{room} AND T.$metadata.Temperature.updated > '2024'", ["DTL720"]),
        ("{room} AND T.$metadata.$lastUpdateTime > '2024' AND T.$etag = 'x'", []),
        ("{room} AND T.Temperature.value = 1", ["DTL720"]),
        ("{room} AND CONTAINS(T.Temperature, '1')", ["DTL724"]),
        ("{room} AND ARRAY_CONTAINS(T.Temperature, 1)", ["DTL724"]),
        ("T.$dtid = 'x'", ["DTL720"]),  # system names are known without a model
    ],
)
def test_names_and_values_against_the_models(where: str, expected: list[str], building) -> None:
    where = where.format(room="IS_OF_MODEL(T, 'dtmi:example:Room;1')")
    assert codes(lint_query(f"SELECT T FROM DIGITALTWINS T WHERE {where}", building)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{join} AND S.reading = 1 AND E.since > '2024'", []),
        ("{join} AND S.Reading = 1", ["DTL720"]),
        ("{join} AND E.Since > '2024'", ["DTL720"]),
        ("{join} AND E.$targetId = 'b'", []),
        (
            "SELECT S FROM DIGITALTWINS R JOIN S RELATED R.contain WHERE R.$dtId = 'a' AND {room} AND S.x = 1",
            ["DTL721"],
        ),
        ("SELECT S FROM DIGITALTWINS R JOIN S RELATED R.Temperature WHERE R.$dtId = 'a' AND {room}", ["DTL721"]),
        ("{match} (R)-[e:contains]->(S) WHERE R.$dtId = 'a' AND {room} AND S.readin = 1 AND e.since > 'x'", ["DTL720"]),
        ("{match} (S)<-[:contains]-(R) WHERE R.$dtId = 'a' AND {room} AND S.readin = 1", ["DTL720"]),
        ("{match} (R)-[:contains*2]->(S) WHERE R.$dtId = 'a' AND {room} AND S.readin = 1", []),
        ("{match} (R)-[:contain]->(S) WHERE R.$dtId = 'a' AND {room}", ["DTL721"]),
        ("{match} (R)-[contains]->(S) WHERE R.$dtId = 'a'", ["DTL715"]),
        ("SELECT R, S, contains FROM DIGITALTWINS MATCH (R)-[contains]->(S) WHERE R.$dtId = 'a'", []),
        ("{joined} AND IS_OF_MODEL('dtmi:example:Room;1')", ["DTL725"]),
        ("{joined} AND ARRAY_CONTAINS(R.contains.since, 1)", ["DTL718"]),
        ("{joined} AND R.contains.since = 1", ["DTL720"]),
    ],
)
def test_relationships_lead_to_models(query: str, expected: list[str], building) -> None:
    room = "IS_OF_MODEL(R, 'dtmi:example:Room;1', exact)"
    query = query.format(
        room=room,
        join=f"SELECT S FROM DIGITALTWINS R JOIN S RELATED R.contains E WHERE R.$dtId = 'a' AND {room}",
        match="SELECT R, S FROM DIGITALTWINS MATCH",
        joined="SELECT R FROM DIGITALTWINS R JOIN S RELATED R.contains WHERE R.$dtId = 'a'",
    )
    assert codes(lint_query(query, building)) == expected


def test_a_case_mistake_is_said_with_the_name_meant(building) -> None:
    query = "SELECT T FROM DIGITALTWINS T\nWHERE IS_OF_MODEL(T, 'dtmi:example:Room;1') AND T.temperature > 20"
    (found,) = lint_query(query, building)
    assert (found.code, found.severity, found.line, found.column, found.end_column) == ("DTL720", "warning", 2, 51, 62)
    assert found.message == (
        "'temperature' is not a property of dtmi:example:Room;1 or dtmi:example:Room;2 (nor of the model that extends "
        "them): the query finds nothing; did you mean 'Temperature'? (names are case-sensitive)"
    )
    assert (found.file, found.pointer, found.service) == ("", "", "")


def test_an_enum_value_is_shown_as_the_query_writes_it() -> None:
    owner = {"@type": "Enum", "valueSchema": "string", "enumValues": [{"name": "dsouza", "enumValue": "D'Souza"}]}
    models = {"room.json": room(prop("owner", owner))}
    query = "SELECT T FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:example:Room;1') AND T.owner = 'dsouza'"
    (found,) = lint_query(query, models)
    assert found.code == "DTL724" and "'dsouza' is the name of the value 'D\\'Souza', which twins hold" in found.message
    assert lint_query(query.replace("'dsouza'", "'D\\'Souza'"), models) == []


def test_without_models_only_the_language_is_checked() -> None:
    query = "SELECT T FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:example:Room;1') AND T.temperature > 20"
    assert lint_query(query, None) == lint_query(query, {}) == []


def test_models_as_sources_or_a_model_set_or_a_repository(tmp_path: Path, building) -> None:
    query = "SELECT T FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:example:Sensor;1') AND T.readng = 1"
    assert codes(lint_query(query, SOURCES)) == codes(lint_query(query, building)) == ["DTL720"]
    (tmp_path / "dtmi" / "example").mkdir(parents=True)
    (tmp_path / "dtmi" / "example" / "sensor-1.json").write_text(SENSOR)
    repository = load_models([], repo=str(tmp_path))
    assert codes(lint_query(query, repository)) == ["DTL720"]  # loaded from the repository as the query names it


@given(st.one_of(st.text(max_size=300), st.binary(max_size=50), st.integers(), st.none(), st.lists(st.text())))
def test_no_input_raises(query) -> None:
    for found in lint_query(query, SOURCES):
        assert found.code.startswith("DTL7") and found.line >= 1 and found.column >= 1
        if isinstance(query, str):
            assert found.line <= query.count("\n") + 1


SNIPPETS = [
    "SELECT", "FROM", "WHERE", "DIGITALTWINS", "RELATIONSHIPS", "T", "T.x", "T.$dtId", "JOIN", "RELATED", "MATCH",
    "(a)", "-[", "]->", "<-[", "]-", "*2..3", ":contains", "AND", "OR", "NOT", "IN", "[", "]", "(", ")", ",", "=",
    "'a'", "1", "IS_OF_MODEL(T, 'dtmi:example:Room;1')", "COUNT()", "TOP(2)", "*", "[[Group]]", "@p", "'open",
]  # fmt: skip


@given(st.lists(st.sampled_from(SNIPPETS), max_size=25))
def test_token_soup_gets_findings_not_exceptions(parts: list[str]) -> None:
    query = " ".join(parts)
    for found in lint_query(query, SOURCES):
        assert found.code.startswith("DTL7") and 1 <= found.column <= len(query) + 1


# --- files and the command line ---


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli.main, list(args), input=stdin)


def test_query_command_takes_text_a_file_or_standard_input(tmp_path: Path) -> None:
    text = "SELECT T FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:example:Building;1') AND T.Name = 'HQ'"
    given = invoke("query", "--models", str(MODELS), text)
    assert given.exit_code == 0  # a warning
    assert given.stdout.startswith("<query>:1:84: DTL720 'Name' is not a property of dtmi:example:Building;1")
    (tmp_path / "hq.adtquery").write_text("\n" + text + "\n")
    from_file = invoke("query", "--models", str(MODELS), "--fail-on", "warning", str(tmp_path / "hq.adtquery"))
    assert from_file.exit_code == 1
    assert from_file.stdout.startswith(f"{tmp_path / 'hq.adtquery'}:2:84: DTL720 ")
    piped = invoke("query", "--models", str(MODELS), "--output-format", "json", "--stdin-filename", "q", stdin=text)
    (finding,) = json.loads(piped.stdout)
    assert (finding["file"], finding["line"], finding["column"], finding["code"]) == ("q", 1, 84, "DTL720")
    assert invoke("query", "--ignore", "DTL7", "foo").exit_code == 0
    broken = invoke("query", "--output-format", "sarif", "foo")
    assert broken.exit_code == 1
    (result,) = json.loads(broken.stdout)["runs"][0]["results"]
    assert result["ruleId"] == "DTL701" and result["properties"]["service"] == "SqlQueryError"
    annotated = invoke("query", "--output-format", "github", "foo").stdout
    assert annotated.startswith("::error file=<query>,line=1,col=1,endLine=1,endColumn=4,title=DTL701 query-syntax::")
    assert invoke("query", str(tmp_path / "missing.adtquery")).exit_code == 2
    (tmp_path / "latin.adtquery").write_bytes(b"SELECT T FROM DIGITALTWINS T WHERE T.name = 'caf\xe9'")
    named = [
        invoke(command, "--output-format", "json", str(tmp_path / "latin.adtquery")) for command in ("query", "check")
    ]
    assert [json.loads(result.stdout)[0]["code"] for result in named] == ["DTL002", "DTL002"]  # read alike


def test_check_reads_query_files_and_request_bodies(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rooms.adtquery").write_text("SELECT * FROM DIGITALTWINS T JOIN C RELATED T.has\n")
    body = "SELECT T FROM DIGITALTWINS T WHERE T.caf\\u00e9 = 1 AND T.\\ud83d\\ude00x = \\\"y\\\" AND T.$dtid = 'a'"
    (tmp_path / "queries.jsonl").write_text('{"name": "not a query"}\n{"query": "' + body + '"}\n')
    result = invoke("check", "--output-format", "json", ".")
    found = [(d["file"], d["line"], d["column"], d["code"], d["pointer"]) for d in json.loads(result.stdout)]
    assert found == [
        ("rooms.adtquery", 1, 8, "DTL710", ""),
        ("rooms.adtquery", 1, 30, "DTL709", ""),
        ("queries.jsonl", 1, 1, "DTL010", ""),
        ("queries.jsonl", 2, 1 + len('{"query": "SELECT T FROM DIGITALTWINS T WHERE T.caf'), "DTL701", "/query"),
    ]
    line = '{"query": "' + body.replace("caf\\u00e9", "cafe") + '"}'
    (tmp_path / "queries.jsonl").write_text(line + "\n")
    (finding,) = json.loads(invoke("check", "--output-format", "json", "queries.jsonl").stdout)
    assert finding["column"] == 1 + line.index("\\ud83d")  # a surrogate pair is one character of the query


def test_check_without_query_files_does_not_import_the_query_grammar() -> None:
    program = (
        "import sys\nfrom dtdl_lint import cli\n"
        "try:\n    cli.main(['check', '-q', '--models', sys.argv[2], sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print('lark' in sys.modules)"
    )
    case = ROOT / "fixtures" / "twins" / "id-ignored"
    run = subprocess.run(
        [sys.executable, "-c", program, str(case), str(case.parent / "_models")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert run.stdout.strip().splitlines()[-1] == "False"
