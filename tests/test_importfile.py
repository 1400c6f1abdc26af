"""Azure Digital Twins import files (dtdl_lint/importfile.py): the library call against the command line, the
worker processes against checking in one process, the remembered clean relationships against lint_relationship,
the job's limits, reading, and Microsoft's own sample file (read from ../shared, never copied)."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from dtdl_lint import Diagnostic, api, codes, importfile, lint_import, source, workers
from dtdl_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "examples" / "import-file" / "building.ndjson"
MODELS = ROOT / "fixtures" / "import" / "_models"
CASES = ROOT / "fixtures" / "import"


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def section(lines: list[str], name: str) -> list[str]:
    """The lines of a section of an import file (without its marker)."""
    start = lines.index(json.dumps({"Section": name})) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith('{"Section"')), len(lines))
    return [line for line in lines[start:end] if line]


def findings(found) -> list[tuple]:
    return [(d.code, d.line, d.column, d.pointer, d.message) for d in found]


def check(text: str, jobs: int = 1, **keywords) -> list[Diagnostic]:
    return list(lint_import(text.encode(), jobs=jobs, name="import.ndjson", **keywords))


def import_text(models: list[str], twins: list[str], relationships: list[str]) -> str:
    header = ['{"Section": "Header"}', '{"fileVersion": "1.0.0", "author": "a", "organization": "o"}']
    parts = [*header, '{"Section": "Models"}', *models, '{"Section": "Twins"}', *twins]
    return "\n".join([*parts, '{"Section": "Relationships"}', *relationships]) + "\n"


EXAMPLE_LINES = lines_of(EXAMPLE)
EXAMPLE_MODELS = section(EXAMPLE_LINES, "Models")


# --- the library and the command line ---


def cli(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["check", "--output-format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("case", sorted(p.parent.name for p in CASES.glob("*/import.ndjson")))
def test_library_finds_what_the_command_line_finds(case, monkeypatch) -> None:
    folder = CASES / case
    monkeypatch.chdir(folder)
    arguments = json.loads((folder / "args.json").read_text()) if (folder / "args.json").exists() else []
    given = {"models": [arguments[1]]} if arguments[:1] == ["--models"] else {}
    twins = {}  # the command line takes the twins of the other files as the instance's
    if (folder / "existing-twins.jsonl").exists():
        for line in (folder / "existing-twins.jsonl").read_text().splitlines():
            twins[json.loads(line)["$dtId"]] = json.loads(line)
    inputs = sorted(p.name for p in folder.iterdir() if p.name not in ("expected.json", "args.json"))
    expected = [
        (d["code"], d["line"], d["column"], d["pointer"], d["message"])
        for d in cli(*arguments, *inputs)
        if d["file"] == "import.ndjson"
    ]
    assert findings(lint_import("import.ndjson", twins=twins, **given)) == expected
    text = (folder / "import.ndjson").read_text()
    assert findings(lint_import(text.splitlines(), twins=twins, name="import.ndjson", **given)) == expected
    assert findings(lint_import(io.BytesIO(text.encode()), twins=twins, name="import.ndjson", **given)) == expected


def test_valid_file_has_no_finding_and_is_found_by_its_first_line(tmp_path) -> None:
    assert list(lint_import(EXAMPLE)) == []
    renamed = tmp_path / "import.txt"  # any name: the first line says what it is
    renamed.write_bytes(EXAMPLE.read_bytes().replace(b'"level":1', b'"level":"one"'))
    found = cli(str(renamed))
    assert [(d["code"], d["pointer"]) for d in found] == [("DTL401", "/level")]
    standard_input = CliRunner().invoke(main, ["check", "--output-format", "json", "-"], input=renamed.read_bytes())
    assert [(d["code"], d["line"], d["file"]) for d in json.loads(standard_input.stdout)] == [
        ("DTL401", found[0]["line"], "<stdin>")
    ]


def test_too_large_json_file_that_is_an_import_file_is_streamed(tmp_path, monkeypatch) -> None:
    """A .json import file larger than one document may be is still read, line by line (found by its first line)."""
    monkeypatch.setattr(source, "MAX_BYTES", 1024)
    path = tmp_path / "import.json"
    path.write_text(EXAMPLE.read_text())
    assert path.stat().st_size > 1024
    assert cli(str(path)) == []


def test_json_import_file_with_a_line_not_utf8_is_checked_line_by_line(tmp_path) -> None:
    """A .json file that cannot be decoded whole is still an import file by its first line: the bad line is a
    finding on its line, the others are checked."""
    path = tmp_path / "import.json"
    lines = EXAMPLE.read_bytes().replace(b'"level":1', b'"level":"one"').split(b"\n")
    path.write_bytes(b"\n".join([*lines[:-2], b'{"$dtId": "\xff"}', *lines[-2:]]))
    found = cli(str(path))
    assert [(d["code"], d["line"]) for d in found] == [("DTL401", 10), ("DTL002", len(lines) - 1)]


def test_items_of_several_lines_are_numbered_as_the_file() -> None:
    text = "\n".join(EXAMPLE_LINES).replace('"level":1', '"level":"one"')
    expected = findings(check(text))
    assert [line for _, line, *_ in expected] == [
        text.splitlines().index(next(t for t in text.splitlines() if '"one"' in t)) + 1
    ]
    items = ["\n".join(text.splitlines()[:9]) + "\n", "\n".join(text.splitlines()[9:])]
    assert findings(lint_import(items, name="import.ndjson")) == expected


def test_unreadable_path_is_a_finding(tmp_path) -> None:
    found = list(lint_import(tmp_path / "missing.ndjson"))
    assert [d.code for d in found] == ["DTL001"]
    assert [d.code for d in lint_import(tmp_path)] == ["DTL001"]  # a folder


@pytest.mark.parametrize("jobs", [0, -1, 1.5, "2"])
def test_jobs_must_be_a_positive_integer(jobs) -> None:
    with pytest.raises(ValueError, match="jobs"):
        lint_import(EXAMPLE, jobs=jobs)


def test_line_over_the_size_limit_is_reported_and_skipped(monkeypatch) -> None:
    monkeypatch.setattr(source, "MAX_BYTES", 300)
    long_twin = json.dumps({"$dtId": "long", "$metadata": {"$model": "dtmi:example:Sensor;1"}, "unit": "x" * 400})
    found = check(import_text([], [long_twin, "{}"], []), models=[str(MODELS)])
    assert [(d.code, d.line) for d in found] == [("DTL008", 5), ("DTL412", 6), ("DTL806", 6)]


def test_existing_twins_and_models_stand_for_the_instance() -> None:
    relationship = '{"$dtId":"room9","$relationshipId":"r","$targetId":"floor9","$relationshipName":"isPartOf"}'
    text = import_text([], [], [relationship])
    assert [d.code for d in check(text)] == ["DTL433", "DTL433"]  # neither twin is known
    twins = {"room9": {"$metadata": {"$model": "dtmi:example:Room;1"}}, "floor9": {"$metadata": {"$model": "x:y"}}}
    assert check(text, twins=twins) == []  # the models are not known: nothing to check them against
    found = check(text, twins=twins, models=[str(MODELS)])
    assert [d.code for d in found] == ["DTL431"]
    twin = '{"$dtId":"lamp","$metadata":{"$model":"dtmi:example:Lamp;1"}}'
    assert [d.code for d in check(import_text([], [twin], []))] == ["DTL808"]
    assert [d.code for d in check(import_text([], [twin], []), models=[str(MODELS)])] == ["DTL413"]
    models = api.load_models([str(MODELS)])
    assert [d.code for d in check(import_text([], [twin], []), models=models)] == ["DTL413"]


def test_models_of_the_run_stand_for_the_instance(monkeypatch) -> None:
    """On the command line the run's model set is the instance's: models given with --models or checked beside the
    file; in the library, a ModelSet is used with its own repository, and a second one is a mistake."""
    monkeypatch.chdir(CASES)
    alone = [d["code"] for d in cli("model-not-in-file/import.ndjson")]
    assert alone == ["DTL808"]  # (the Room twin is not checked: its model is not known)
    assert [d["code"] for d in cli("--models", "_models", "model-not-in-file/import.ndjson")] == ["DTL401"]
    assert [d["code"] for d in cli("_models", "model-not-in-file/import.ndjson")] == ["DTL401"]
    with pytest.raises(ValueError, match="repo"):
        lint_import(EXAMPLE, models=api.load_models([str(MODELS)]), repo=str(MODELS))


# --- worker processes ---


def mixed_file(twins: int) -> str:
    """A file of many lines, with findings across lines and within them, spread over many batches."""
    twin_lines = []
    for i in range(twins):
        model = ("Floor", "Room", "Sensor")[i % 3]
        twin = {"$dtId": f"t{i % (twins - 5)}", "$metadata": {"$model": f"dtmi:example:{model};1"}}
        if model == "Room":
            twin["thermostat"] = {"$metadata": {}}
            twin["temperature"] = "warm" if i % 50 == 1 else 20.5
        twin_lines.append(json.dumps(twin))
    relationship_lines = []
    for i in range(2 * twins):
        source, target = 1 + 3 * (i % 40), 3 * (i % 30) + (i % 2)
        name = "isPartOf" if i % 7 else "hasSensor"
        relationship_lines.append(
            json.dumps(
                {
                    "$dtId": f"t{source}",
                    "$relationshipId": f"r{i % 500}",
                    "$targetId": f"t{target}",
                    "$relationshipName": name,
                }
            )
        )
    return import_text(EXAMPLE_MODELS, twin_lines, relationship_lines)


def test_workers_find_what_one_process_finds(monkeypatch) -> None:
    monkeypatch.setattr(importfile, "BATCH", 1000)  # many batches of a small file
    text = mixed_file(600)
    alone = findings(check(text, jobs=1))
    assert len({code for code, *_ in alone}) >= 5  # findings within lines and across them
    assert findings(check(text, jobs=3)) == alone
    blocks = list(source.read_blocks(io.BytesIO(text.encode()), size=4096))
    assert findings(importfile.ImportFile("import.ndjson", jobs=2).check(blocks)) == alone


def test_workers_end_with_the_check(monkeypatch) -> None:
    monkeypatch.setattr(importfile, "BATCH", 1000)
    found = iter(lint_import(mixed_file(600).encode(), jobs=2))
    next(found)  # the workers are running
    found.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left, not even one to reap


def test_an_error_in_a_worker_is_raised_in_the_caller(monkeypatch) -> None:
    monkeypatch.setattr(importfile, "BATCH", 1000)

    def broken(self, kind, batch):
        if os.getpid() != parent:
            raise KeyError("bug")
        return real(self, kind, batch)

    parent, real = os.getpid(), importfile.ImportFile.check_batch
    monkeypatch.setattr(importfile.ImportFile, "check_batch", broken)
    with pytest.raises(RuntimeError, match="in a worker process: KeyError"):
        list(lint_import(mixed_file(600).encode(), jobs=2))


def test_usable_jobs() -> None:
    assert workers.usable(3) == (3 if hasattr(os, "fork") else 1)
    assert workers.usable(None) >= 1


# --- plain relationships whose shape was found clean are not checked again ---

plain_relationships = st.lists(
    st.tuples(
        st.sampled_from(["floor1", "room1", "sensor1", "room2", "nobody", ""]),
        st.sampled_from(["r1", "r2", ""]),
        st.sampled_from(["floor1", "room1", "sensor1", "room2", "nobody"]),
        st.sampled_from(["isPartOf", "hasSensor", "contains", ""]),
        st.sampled_from([None, 5, "x"]),
    ),
    max_size=12,
)


@given(plain_relationships)
def test_remembered_clean_shapes_find_what_lint_relationship_finds(relationships) -> None:
    lines = []
    for source_id, relationship_id, target, name, extra in relationships:
        line = {"$dtId": source_id, "$relationshipId": relationship_id, "$targetId": target, "$relationshipName": name}
        if extra is not None:
            line["extra" if isinstance(extra, str) else "$relationshipId"] = extra
        lines.append(json.dumps(line))
    twins = [
        '{"$dtId":"floor1","$metadata":{"$model":"dtmi:example:Floor;1"}}',
        '{"$dtId":"room1","$metadata":{"$model":"dtmi:example:Room;1"},"thermostat":{"$metadata":{}}}',
        '{"$dtId":"room2","$metadata":{"$model":"dtmi:example:Room;1"},"thermostat":{"$metadata":{}}}',
        '{"$dtId":"sensor1","$metadata":{"$model":"dtmi:example:Sensor;1"}}',
    ]
    text = import_text(EXAMPLE_MODELS, twins, lines)
    remembered = importfile.ImportFile("import.ndjson")
    fresh = importfile.ImportFile("import.ndjson")
    fresh.clean = _Forgetful()
    blocks = list(importfile._numbered([text.encode()]))
    assert findings(remembered.check(blocks)) == findings(fresh.check(blocks))


class _Forgetful(set):
    """A set of clean shapes that keeps none: every line is checked."""

    def add(self, item) -> None:
        pass


# --- the job's limits ---


def test_limits(monkeypatch) -> None:
    for name in ("MAX_MODELS", "MAX_TWINS", "MAX_RELATIONSHIPS", "MAX_PER_TWIN"):
        monkeypatch.setattr(importfile, name, 2)
    monkeypatch.setattr(importfile, "MAX_MODEL_BYTES", 250)
    space, floor, sensor = (m for m in EXAMPLE_MODELS if re.search(r"example:(Space|Floor|Sensor);", m[:40]))
    assert len(space) > 250 > max(len(floor), len(sensor))
    twins = [
        json.dumps({"$dtId": twin, "$metadata": {"$model": f"dtmi:example:{model};1"}})
        for twin, model in (("floor1", "Floor"), ("sensor1", "Sensor"), ("floor2", "Floor"))
    ]
    relationship = '{"$dtId":"floor2","$relationshipId":"%s","$targetId":"floor1","$relationshipName":"isPartOf"}'
    text = import_text([space, floor, sensor], twins, [relationship % i for i in range(4)])
    assert [(d.code, d.line, d.pointer, d.message) for d in check(text)] == [
        ("DTL810", 4, "", f"the model is {len(space)} bytes; a model may be at most 1 MB (250)"),
        ("DTL810", 6, "", "model 3: an import job takes 2 at most"),
        ("DTL810", 10, "", "twin 3: an import job takes 2 at most"),
        ("DTL810", 14, "", "relationship 3: an import job takes 2 at most"),
        ("DTL810", 14, "/$dtId", 'relationship 3 from twin "floor2"; a twin has at most 2 relationships from it'),
        ("DTL810", 14, "/$targetId", 'relationship 3 to twin "floor1"; a twin has at most 2 relationships to it'),
    ]


def test_model_over_one_megabyte() -> None:
    model = {
        "@id": "dtmi:example:Big;1",
        "@type": "Interface",
        "@context": "dtmi:dtdl:context;2",
        "description": {"en": "x" * 1_100_000},
    }
    found = check(import_text([json.dumps(model)], [], []))
    assert [(d.code, d.line) for d in found] == [("DTL810", 4), ("DTL126", 4)]
    assert "a model may be at most 1 MB" in next(d.message for d in found if d.code == "DTL810")


# --- reading ---


@given(
    st.lists(st.sampled_from([b"", b"x", b"xx" * 10, b"y" * 49, b"z" * 50, b"w" * 51, b"v" * 120]), max_size=30),
    st.booleans(),
    st.integers(1, 50),
)
def test_blocks_hold_the_lines_read_lines_gives(lines, newline_at_end, size) -> None:
    data = b"\n".join(lines) + (b"\n" if newline_at_end else b"")
    limit = source.MAX_BYTES
    try:
        source.MAX_BYTES = 50
        expected = list(source.read_lines(io.BytesIO(data)))
        blocks = list(source.read_blocks(io.BytesIO(data), size=size))
    finally:
        source.MAX_BYTES = limit
    got = []
    for number, block in blocks:
        if block is None:
            got.append((number, None))
            continue
        pieces = block.split(b"\n")
        ends = block.endswith(b"\n")
        if ends:
            pieces.pop()
        got += [(number + i, p + b"\n" if ends or i < len(pieces) - 1 else p) for i, p in enumerate(pieces)]
    assert got == expected


def test_object_over_several_lines_is_one_finding_and_other_bad_lines_are_each_reported() -> None:
    pretty = json.dumps(json.loads(EXAMPLE_MODELS[-1]), indent=2).splitlines()
    text = import_text([*EXAMPLE_MODELS[:-1], *pretty], ["{", "[1,", "2]", "}"], [])
    found = [(d.code, d.line, d.end_line) for d in check(text)]
    first = 4 + len(EXAMPLE_MODELS) - 1
    twins = first + len(pretty) + 1
    assert found == [
        ("DTL805", first, first + len(pretty) - 1),
        ("DTL003", twins, twins),
        ("DTL805", twins + 1, twins + 2),  # an array over two lines
        ("DTL003", twins + 3, twins + 3),
    ]


# --- Microsoft's sample file, in the reference (not copied into the project) ---


def microsoft_sample(shared: Path) -> str:
    """The documentation's sample import file, as adt-import.md section 4 shows it (line numbers removed)."""
    text = (shared / "reference" / "adt-import.md").read_text(encoding="utf-8")
    example = text[text.index("## 4. Annotated example") :]
    block = example.split("```")[1].split("\n", 1)[1]
    return "".join(re.sub(r"^\s*\d+ ", "", line) + "\n" for line in block.splitlines() if line.strip())


def test_microsoft_sample_file(shared, tmp_path) -> None:
    """Its relationship properties differ from the model's in case: DTL809 warnings, and nothing else."""
    path = tmp_path / "sample.ndjson"
    path.write_text(microsoft_sample(shared))
    expected = json.loads((CASES / "microsoft-sample.json").read_text())
    found = [
        {"code": d["code"], "line": d["line"], "col": d["column"], "pointer": d["pointer"]} for d in cli(str(path))
    ]
    assert found == expected
    assert all(d.severity == codes.Severity.WARNING for d in lint_import(path))


# --- hostile input ---

hostile_lines = st.sampled_from(
    [
        '{"Section": "Header"}',
        '{"Section": "Models"}',
        '{"Section": "Twins"}',
        '{"Section": "Relationships"}',
        '{"Section": 7}',
        '{"Section": "twin"}',
        '{"\\u0053ection": "Twins"}',
        "",
        "   ",
        "{",
        "}",
        "[",
        "]",
        "null",
        '"x"',
        "{}",
        "[]",
        "NaN",
        '{"a": 1, "a": 2}',
        '{"$dtId": "t1", "$dtId": "t2"}',
        "[" * 2000 + "]" * 2000,
        '{"$dtId": "' + "x" * 50_000 + '"}',
        '{"$dtId": "t1", "$metadata": {"$model": "dtmi:example:Room;1"}, "thermostat": {"$metadata": {}}}',
        '{"$dtId": "t2", "$metadata": {"$model": "dtmi:example:Floor;1"}, "level": 1e400}',
        '{"$dtId": "t1", "$relationshipId": "r", "$targetId": "t2", "$relationshipName": "isPartOf"}',
        '{"$dtId": "t2", "$relationshipId": "r", "$targetId": "t9", "$relationshipName": "hasSensor", "x": [[[]]]}',
        '{"$sourceId": "t1", "$relationshipId": 5, "$targetId": null}',
        *EXAMPLE_MODELS,
    ]
)


@given(st.lists(hostile_lines | st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=25))
def test_hostile_files_give_findings_never_exceptions(lines) -> None:
    raw = b"\n".join(line.encode() if isinstance(line, str) else line for line in lines)
    found = list(lint_import(raw))
    assert all(isinstance(d, Diagnostic) and d.code in codes.ALL for d in found)
    assert all(1 <= d.line <= max(len(lines), 1) and len(d.message) < 5000 for d in found)
    assert [d.line for d in found] == sorted(d.line for d in found)  # in the order of lines
