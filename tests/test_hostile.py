"""Hostile and broken input (issue 12): every entry point gives findings or a one-line usage error, never a
traceback or a hang, in time and memory that grow linearly with the input, and never passes what it did not
check. One test (or a few) per defect found by the trial; tests/test_fuzz.py throws arbitrary input at the same
entry points."""

from __future__ import annotations

import json

import pytest

from dtdl_lint import codes, lint_models, lint_patch, lint_twin, lint_value, load_models

ENUM_MODEL = "dtmi:example:Lamp;1"


def lamp(value_schema: object) -> str:
    """A model whose Enum has the given valueSchema (a typo, a number, null, an undefined DTMI...)."""
    return json.dumps(
        {
            "@context": "dtmi:dtdl:context;2",
            "@id": ENUM_MODEL,
            "@type": "Interface",
            "contents": [
                {
                    "@type": "Property",
                    "name": "mode",
                    "writable": True,
                    "schema": {
                        "@type": "Enum",
                        "valueSchema": value_schema,
                        "enumValues": [{"name": "on", "enumValue": "on"}, {"name": "off", "enumValue": "off"}],
                    },
                },
                {"@type": "Property", "name": "level", "schema": "double"},
            ],
        }
    )


# --- 2. a model with errors still lets its valid parts be used, and never crashes a check ---


@pytest.mark.parametrize("value_schema", ["strng", 5, None, "dtmi:example:Nothing;1", "double", [], {}])
def test_an_enum_with_a_broken_value_schema_still_checks_twins_patches_and_values(value_schema) -> None:
    models = load_models({"lamp.json": lamp(value_schema)})
    assert any(d.severity == "error" for d in models.diagnostics)  # the model's own finding is there
    twin = {"$dtId": "lamp1", "$metadata": {"$model": ENUM_MODEL}, "mode": "on", "level": "high"}
    assert [(d.code, d.pointer) for d in lint_twin(twin, models)] == [("DTL401", "/level")]
    wrong = lint_twin({**twin, "mode": "dim", "level": 1.0}, models)
    assert [(d.code, d.pointer) for d in wrong] == [("DTL405", "/mode")]
    patch = [{"op": "replace", "path": "/mode", "value": "dim"}, {"op": "add", "path": "/level", "value": 2}]
    assert [d.code for d in lint_patch(patch, models, model=ENUM_MODEL) if d.severity == "error"] == ["DTL405"]
    enum = f"{ENUM_MODEL[:-2]}:_contents:__mode:_schema;1"
    assert [d.code for d in lint_value("dim", enum, models)] == ["DTL405"]
    assert lint_value(b'"off"', enum, models) == []
    from dtdl_lint.jsonschema_export import value_schema

    assert value_schema(models, enum) == {"enum": ["on", "off"]}  # no "type" made of the typo


def test_a_broken_enum_is_reported_by_the_command_line(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from dtdl_lint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "lamp.json").write_text(lamp("strng"))
    (tmp_path / "twin.json").write_text(json.dumps({"$dtId": "l", "$metadata": {"$model": ENUM_MODEL}, "mode": "x"}))
    result = CliRunner().invoke(main, ["check", "lamp.json", "twin.json"])
    assert result.exit_code == 1, result.output
    assert "lamp.json:" in result.stdout and " DTL128 " in result.stdout
    assert "twin.json:1:" in result.stdout and " DTL405 " in result.stdout


# --- 3. a long @id is not analysed character by character ---


def test_a_megabyte_id_gets_its_length_finding_without_the_dtmi_grammar(monkeypatch) -> None:
    import dtdl_lint.grammar

    parsed = []
    real = dtdl_lint.grammar.parser

    def spy(name, **options):
        grammar = real(name, **options)

        class Spy:
            def parse(self, text):
                parsed.append(len(text))
                return grammar.parse(text)

        return Spy()

    monkeypatch.setattr(dtdl_lint.grammar, "parser", spy)
    for long_id in ("dtmi:" + "a:" * 500_000 + "b;1", "dtmi:" + "x" * 1_000_000 + "-;1"):
        found = lint_models(
            {"a.json": json.dumps({"@context": "dtmi:dtdl:context;2", "@id": long_id, "@type": "Interface"})}
        )
        assert [d.code for d in found] == ["DTL112"]
        assert len(found[0].message) < 200
    assert all(size <= 2048 for size in parsed)


def test_a_version_of_thousands_of_digits_is_a_finding() -> None:
    from dtdl_lint.language.v2 import V2

    assert [p.kind for p in V2.dtmi.problems("dtmi:a;" + "7" * 2000)] == ["version-too-long"]
    assert [p.kind for p in V2.dtmi.problems("dtmi:a;" + "0" * 2000)] == ["version-zero"]
    found = lint_models(
        {"a.json": json.dumps({"@context": "dtmi:dtdl:context;2", "@id": "dtmi:a;" + "1" * 5000, "@type": "Interface"})}
    )
    assert [d.code for d in found] == ["DTL112"]


# --- 4. placing many findings on lines is one pass over the text ---


class CountedText(str):
    """A text that counts the characters its count and rfind methods look at."""

    scanned = 0

    def count(self, sub, start=0, end=None):
        CountedText.scanned += (len(self) if end is None else end) - start
        return super().count(sub, start, end)

    def rfind(self, sub, start=0, end=None):
        CountedText.scanned += (len(self) if end is None else end) - start
        return super().rfind(sub, start, end)


@pytest.mark.parametrize("indent", [None, 1])
def test_many_findings_are_placed_in_one_pass(indent) -> None:
    from dtdl_lint import source
    from dtdl_lint.diagnostics import Diagnostic

    document = {f"k{i}": [i, {"x": i}] for i in range(3000)}
    text = CountedText(json.dumps(document, indent=indent))
    wanted = [Diagnostic("DTL401", codes.E, "m", pointer=f"/k{i}/1/x") for i in range(0, 3000, 2)]
    CountedText.scanned = 0
    placed = source.locate(text, wanted)
    assert CountedText.scanned <= 2 * len(text)
    assert all(d.line and d.column for d in placed)
    every = source.Positions(str(text)).spans  # (indexed otherwise: by the offsets of all lines)
    assert [(d.line, d.column, d.end_line, d.end_column) for d in placed] == [every[d.pointer] for d in wanted]


# --- 6. "did you mean" never compares a name that cannot be close ---


def test_suggestions_skip_names_too_long_to_be_close(monkeypatch) -> None:
    import difflib

    compared = []
    real = difflib.get_close_matches

    def spy(word, possibilities, *args, **kwargs):
        compared.append(len(word))
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", spy)
    models = load_models({"lamp.json": lamp("string")})
    twin = {"$dtId": "l", "$metadata": {"$model": ENUM_MODEL}, "levle": 1.0}
    assert "did you mean 'level'?" in lint_twin(twin, models)[0].message
    huge = {"$dtId": "l", "$metadata": {"$model": ENUM_MODEL}, "x" * 3_000_000: 1}
    found = lint_twin(huge, models)
    assert [d.code for d in found] == ["DTL414", "DTL419"] and "did you mean" not in found[0].message
    patch = [{"op": "add", "path": "/" + "y" * 3_000_000, "value": 1}]
    assert {d.code for d in lint_patch(patch, models, twin={**twin, "levle": None} | {"levle": 1.0})} >= {"DTL511"}
    assert max(compared) < 100


def test_a_path_of_megabytes_is_checked_in_memory_of_its_size() -> None:
    import tracemalloc

    from dtdl_lint.patch import check_operations

    for path in ("/" + "x" * (1 << 22), "/a" * (1 << 20)):
        tracemalloc.start()
        try:
            operations, found = check_operations([{"op": "add", "path": path, "value": 1}])
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert len(operations) == 1 and found == []
        assert peak < 16 * len(path)  # (the pointer's regular expression took 30 or 150 bytes a character)
    assert [d.code for d in check_operations([{"op": "add", "path": "/a~2b", "value": 1}])[1]] == ["DTL505"]


# --- 10. a finding quotes a bounded part of its input ---

HUGE = "h" * 200_000


def hostile_models() -> dict[str, str]:
    """Models with a huge string where names, ids, keys, references, co-types, contexts and values go."""

    def interface(i: int, **members) -> dict:
        return {"@context": "dtmi:dtdl:context;2", "@id": f"dtmi:example:I{i};1", "@type": "Interface", **members}

    documents = [
        {"@context": "dtmi:dtdl:context;2", "@id": "dtmi:" + HUGE + ";1", "@type": "Interface"},
        {"@context": "dtmi:dtdl:context;2", "@id": "dtmi:" + HUGE + "-;1", "@type": "Interface"},
        {"@context": ["dtmi:dtdl:context;2", "dtmi:" + HUGE], "@id": "dtmi:example:C;1", "@type": "Interface"},
        interface(1, contents=[{"@type": "Property", "name": HUGE, "schema": "double"}]),
        interface(2, contents=[{"@type": "Property", "name": "p", "schema": HUGE}]),
        interface(3, contents=[{"@type": "Property", "name": "p", "schema": "dtmi:" + HUGE + ";1"}]),
        interface(4, contents=[{"@type": ["Property", "dtmi:" + HUGE + "-x"], "name": "p", "schema": "double"}]),
        interface(5, contents=[{"@type": "Property", "name": "p", "schema": "double", HUGE: 1}]),
        interface(6, extends=["dtmi:a" + HUGE + ";1"]),
        interface(7, displayName={HUGE: "x"}, description=HUGE),
        interface(8, contents=[{"@type": "Relationship", "name": "r", "target": "dtmi:" + HUGE}]),
        interface(
            9,
            schemas=[
                {
                    "@id": "dtmi:example:E;1",
                    "@type": "Enum",
                    "valueSchema": "string",
                    "enumValues": [
                        {"name": "a", "enumValue": 7},
                        {"name": "b", "enumValue": HUGE},
                        {"name": "c", "enumValue": HUGE},
                    ],
                }
            ],
        ),
        interface(10, contents=[{"@type": "Property", "name": "p", "schema": "double", "unit": HUGE}]),
        {"@context": "dtmi:dtdl:context;2", "@id": "dtmi:example:D;1", "@type": HUGE},
    ]
    return {f"m{i}.json": json.dumps(document) for i, document in enumerate(documents)}


def test_messages_about_models_quote_a_bounded_part_of_the_input() -> None:
    documents = hostile_models()
    found = [d for name, text in documents.items() for d in lint_models({name: text})]  # (one phase each)
    assert {d.file for d in found if d.severity == "error"} == set(documents)
    assert max(len(d.message) for d in found) < 600


def test_messages_about_twins_and_patches_quote_a_bounded_part_of_the_input() -> None:
    models = load_models({"lamp.json": lamp("string")})
    twins = [
        {"$dtId": HUGE, "$metadata": {"$model": "dtmi:" + HUGE + ";1"}},
        {"$dtId": "l", "$metadata": {"$model": ENUM_MODEL, HUGE: {}}, HUGE: 1, "mode": HUGE},
        {"$dtId": "l", "$metadata": {"$model": ENUM_MODEL}, "level": {HUGE: [HUGE]}},
    ]
    found = [d for twin in twins for d in lint_twin(twin, models) + lint_twin(twin, models, target="iothub")]
    relationship = {"$relationshipId": HUGE, "$sourceId": HUGE, "$targetId": HUGE, "$relationshipName": HUGE, HUGE: 1}
    found += lint_relationship_with_twins(relationship, models)
    patches = [
        [
            {"op": "add", "path": "/" + HUGE, "value": 1},
            {"op": HUGE, "path": "/x"},
            {"op": "replace", "path": "/mode/" + HUGE, "value": HUGE, HUGE: 1},
            {"op": "test", "path": "/level", "value": HUGE},
            {"op": "add", "path": HUGE, "value": 1},
            {"op": "remove", "path": "/$metadata/" + HUGE},
            {"op": "add", "path": "/level/" + HUGE, "value": 1},
        ]
    ]
    for patch in patches:
        found += lint_patch(patch, models, model=ENUM_MODEL)
        found += lint_patch(patch, models, twin=twins[1])
        found += lint_patch(patch, models, model="dtmi:" + HUGE + ";1")
        found += lint_patch(patch, models, model=ENUM_MODEL, target="iothub")
    assert len(found) > 30
    assert max(len(d.message) for d in found) < 1200


def lint_relationship_with_twins(relationship: dict, models) -> list:
    from dtdl_lint import lint_relationship

    twin = {"$dtId": HUGE, "$metadata": {"$model": ENUM_MODEL}}
    return lint_relationship(relationship, models, twins={HUGE: twin}) + lint_relationship(relationship, models)


# --- 7. deep nesting is a finding, and long schema chains are reported once, with their depth ---


def nested(levels: int, leaf: object = 1.0, key: str | None = None) -> object:
    value = leaf
    for _ in range(levels):
        value = [value] if key is None else {key: value}
    return value


def map_chain(length: int) -> str:
    """An Interface whose Property's schema is a chain of `length` Maps, each referring to the next."""
    schemas = [
        {
            "@id": f"dtmi:example:M{i};1",
            "@type": "Map",
            "mapKey": {"name": "k", "schema": "string"},
            "mapValue": {"name": "v", "schema": f"dtmi:example:M{i + 1};1" if i + 1 < length else "double"},
        }
        for i in range(length)
    ]
    return json.dumps(
        {
            "@context": "dtmi:dtdl:context;2",
            "@id": "dtmi:example:Chain;1",
            "@type": "Interface",
            "schemas": schemas,
            "contents": [{"@type": "Property", "name": "p", "schema": "dtmi:example:M0;1"}],
        }
    )


def deep_text(levels: int, key: str = "x") -> str:
    """JSON text of objects nested `levels` deep (json.dumps would itself run out of stack)."""
    return f'{{"{key}": ' * levels + "1" + "}" * levels


@pytest.mark.parametrize("value", [nested(990), nested(100_000), nested(5000, key="k"), b"[" * 300 + b"]" * 300])
def test_a_deeply_nested_value_is_a_finding(value) -> None:
    found = lint_value(value, "double")
    assert [d.code for d in found] == ["DTL009"]
    assert found[0].pointer == ("/k" if isinstance(value, dict) else "/0") * 100


def test_json_text_nested_beyond_what_can_be_read_is_a_finding() -> None:
    assert [d.code for d in lint_value("[" * 990 + "]" * 990, "double", text=True)] == ["DTL009"]
    assert [d.code for d in lint_value(deep_text(100_000).encode(), "double")] == ["DTL009"]


def test_a_deeply_nested_twin_relationship_or_patch_is_a_finding() -> None:
    models = load_models({"lamp.json": lamp("string")})
    twin = {"$dtId": "l", "$metadata": {"$model": ENUM_MODEL}, "level": nested(975, key="x")}
    assert [d.code for d in lint_twin(twin, models)] == ["DTL009"]
    text = deep_text(975).replace('{"x": ', f'{{"$dtId": "l", "$metadata": {{"$model": "{ENUM_MODEL}"}}, "level": ', 1)
    assert [d.code for d in lint_twin(text, models, target="iothub")] == ["DTL009"]
    from dtdl_lint import lint_relationship

    assert [d.code for d in lint_relationship({"$relationshipId": "r", "x": nested(3000)}, models)] == ["DTL009"]
    assert [
        d.code for d in lint_patch([{"op": "add", "path": "/level", "value": nested(980)}], models, model=ENUM_MODEL)
    ] == ["DTL009"]
    current = {"$dtId": "l", "$metadata": {"$model": ENUM_MODEL}, "mode": "on", "level": nested(496, key="x")}
    patch = [{"op": "replace", "path": "/mode", "value": "dim"}, {"op": "replace", "path": "/level", "value": 2}]
    found = lint_patch(patch, models, twin=current)
    assert [(d.code, d.pointer) for d in found] == [("DTL009", ""), ("DTL405", "/0/value"), ("DTL515", "/1")]


def test_a_null_twin_or_relationship_is_a_finding() -> None:
    from dtdl_lint import lint_relationship

    models = load_models({"lamp.json": lamp("string")})
    for instance in (None, "null", b"null"):
        assert [d.code for d in lint_twin(instance, models)] == ["DTL410"]
        assert [d.code for d in lint_relationship(instance, models)] == ["DTL410"]


def test_a_deep_twin_or_json_lines_record_is_a_finding_of_its_own(tmp_path) -> None:
    """In a process of its own (as a user runs it), json.loads reads what the checks could not."""
    (tmp_path / "lamp.json").write_text(lamp("string"))
    deep = f'{{"$dtId": "d", "$metadata": {{"$model": "{ENUM_MODEL}"}}, "level": {deep_text(978)}}}'
    (tmp_path / "deep.json").write_text(deep)
    wrong = json.dumps({"$dtId": "w", "$metadata": {"$model": ENUM_MODEL}, "level": "high"})
    (tmp_path / "twins.jsonl").write_text("\n".join((wrong, deep, wrong)) + "\n")
    (tmp_path / "current.json").write_text(deep.replace(deep_text(978), deep_text(496)))
    (tmp_path / "patch.json").write_text('[{"op": "replace", "path": "/mode", "value": "dim"}]')
    result = dtdl_lint_process(
        "check",
        "--models",
        "lamp.json",
        "--twin",
        "current.json",
        "deep.json",
        "twins.jsonl",
        "patch.json",
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    found = [(line.split(":")[0], line.split(":")[1], line.split(" ")[1]) for line in result.stdout.splitlines()[:-1]]
    assert found == [
        ("deep.json", "1", "DTL009"),
        ("patch.json", "1", "DTL009"),
        ("patch.json", "1", "DTL405"),
        ("twins.jsonl", "1", "DTL401"),
        ("twins.jsonl", "2", "DTL009"),
        ("twins.jsonl", "3", "DTL401"),
    ]


def dtdl_lint_process(*args: str, cwd, stdin=None, **options):
    """`dtdl-lint ARGS` run in a process of its own, from the source tree."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run(
        [sys.executable, "-m", "dtdl_lint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=stdin,
        **options,
    )


@pytest.mark.parametrize("length", [7, 500, 1000, 3000])
def test_a_long_schema_chain_is_reported_once_with_its_depth(length) -> None:
    found = lint_models({"chain.json": map_chain(length)})
    assert [(d.code, d.dtmi, d.message.split(" nests ")[1]) for d in found] == [
        ("DTL212", "dtmi:example:M0;1", f"{length} levels deep; at most 5 are allowed")
    ]


def test_a_model_with_a_long_schema_chain_still_checks_twins_and_exports_a_schema(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from dtdl_lint.cli import main
    from dtdl_lint.jsonschema_export import twin_schema

    models = load_models({"chain.json": map_chain(989)})
    twin = {"$dtId": "c", "$metadata": {"$model": "dtmi:example:Chain;1"}, "p": nested(50, "x", key="k")}
    assert [(d.code, d.pointer) for d in lint_twin(twin, models)] == [("DTL401", "/p" + "/k" * 50)]
    assert [d.code for d in lint_twin({**twin, "p": nested(120, 1.0, key="k")}, models)] == ["DTL009"]
    assert twin_schema(models, "dtmi:example:Chain;1")["properties"]["p"]["type"] == "object"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chain.json").write_text(map_chain(989))
    result = CliRunner().invoke(main, ["schema", "dtmi:example:Chain;1", "--models", "chain.json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "Twin of dtmi:example:Chain;1"


def test_components_that_hold_each_other_export_a_schema() -> None:
    from dtdl_lint.jsonschema_export import twin_schema

    def holder(name: str, other: str) -> str:
        return json.dumps(
            {
                "@context": "dtmi:dtdl:context;2",
                "@id": f"dtmi:example:{name};1",
                "@type": "Interface",
                "contents": [{"@type": "Component", "name": "c", "schema": f"dtmi:example:{other};1"}],
            }
        )

    models = load_models({"a.json": holder("A", "B"), "b.json": holder("B", "A")})
    schema = twin_schema(models, "dtmi:example:A;1")
    assert schema["properties"]["c"]["properties"]["c"]["required"] == ["$metadata"]  # B's A is left open
    twin: dict = {"$metadata": {}}
    for _ in range(5000):
        twin = {"$metadata": {}, "c": twin}
    twin = {"$dtId": "a", "$metadata": {"$model": "dtmi:example:A;1"}, "c": twin}
    assert [d.code for d in lint_twin(twin, models)] == ["DTL009"]


# --- 1. a folder or file in a checked tree that cannot be read is a finding, never silence nor an abort ---


def invoke(*args: str, stdin: str | bytes | None = None):
    from click.testing import CliRunner

    from dtdl_lint.cli import main

    return CliRunner().invoke(main, list(args), input=stdin)


def unreadable_folder(monkeypatch, folder) -> None:
    """Make `folder` unreadable, as chmod 000 makes it for anyone but root (the tests may run as root)."""
    import os

    real = os.scandir

    def scandir(path="."):
        if os.path.realpath(path) == os.path.realpath(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_folder_in_a_checked_tree_is_a_finding(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "only" / "sub").mkdir(parents=True)
    (tmp_path / "only" / "sub" / "room.json").write_text(lamp("string"))
    unreadable_folder(monkeypatch, tmp_path / "only" / "sub")
    result = invoke("check", "only")
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        "only/sub:1:1: DTL001 cannot read folder only/sub: Permission denied",
        "Found 1 problem (1 error, 0 warnings) in 1 file.",
    ]
    assert [d.code for d in lint_models(["only"])] == ["DTL001"]
    assert invoke("check", "only/sub").stdout.startswith("only/sub:1:1: DTL001 cannot read folder only/sub")


@pytest.mark.skipif(__import__("os").geteuid() == 0, reason="root reads a folder of mode 000 all the same")
def test_a_folder_of_mode_000_is_a_finding(tmp_path) -> None:
    (tmp_path / "only" / "sub").mkdir(parents=True)
    (tmp_path / "only" / "sub").chmod(0)
    try:
        result = dtdl_lint_process("check", "only", cwd=tmp_path)
    finally:
        (tmp_path / "only" / "sub").chmod(0o755)
    assert result.returncode == 1 and "only/sub:1:1: DTL001 " in result.stdout


def test_an_unreadable_or_vanished_json_lines_file_in_a_folder_is_a_finding(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "batch").mkdir()
    (tmp_path / "batch" / "a.jsonl").write_text('{"$dtId": "a"}\n')
    (tmp_path / "batch" / "b-gone.jsonl").symlink_to("nowhere.jsonl")
    (tmp_path / "batch" / "c.jsonl").write_text('{"name": "x"}\n')
    result = invoke("check", "--select", "DTL0", "batch")
    assert result.exit_code == 1, result.output
    assert [line.split(" ")[:2] for line in result.stdout.splitlines()[:-1]] == [
        ["batch/b-gone.jsonl:1:1:", "DTL001"],
        ["batch/c.jsonl:1:1:", "DTL010"],
    ]
    assert result.stdout.splitlines()[-1] == "Found 2 problems (2 errors, 0 warnings) in 2 files."


# --- 5. only regular files are read from folders; a named pipe or device and standard input have a size limit ---


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_in_a_checked_or_models_folder_is_not_read(tmp_path) -> None:
    import os

    for folder in ("models", "twins"):
        (tmp_path / folder).mkdir()
        os.mkfifo(tmp_path / folder / "pipe.json")
    (tmp_path / "models" / "lamp.json").write_text(lamp("string"))
    (tmp_path / "twins" / "t.json").write_text(json.dumps({"$dtId": "t", "$metadata": {"$model": ENUM_MODEL}}))
    result = dtdl_lint_process("check", "--models", "models", "twins", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(line.split(" ")[:2] for line in result.stdout.splitlines()[:-1]) == [
        ["models/pipe.json:1:1:", "DTL011"],
        ["twins/pipe.json:1:1:", "DTL011"],
    ]
    assert "not read: a named pipe, not a regular file" in result.stdout
    assert [d.code for d in lint_models([tmp_path / "models"])] == ["DTL011"]


def test_a_link_out_of_the_checked_folder_is_not_followed(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret.json").write_text('{"@context": "dtmi:dtdl:context;2", "@id": "SECRET", "@type": "x"}')
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "lamp.json").write_text(lamp("string"))
    (tmp_path / "models" / "inside.json").symlink_to("lamp.json")
    (tmp_path / "models" / "outside.json").symlink_to(tmp_path / "secret.json")
    found = lint_models(["models"])
    assert [(d.file, d.code) for d in found] == [("models/lamp.json", "DTL202"), ("models/outside.json", "DTL011")]
    assert not any("SECRET" in d.message for d in found)
    named = lint_models(["models", "secret.json"])  # (read, and so is the link to it: it leads to a path given)
    assert [(d.file, d.code) for d in named] == [("models/outside.json", "DTL102"), ("secret.json", "DTL102")]


@pytest.mark.parametrize(
    "args, stdin",
    [
        (["check", "/dev/zero"], None),
        (["check", "/dev/urandom"], None),
        (["check", "-"], "/dev/zero"),
        (["check", "--stdin-filename", "x.json", "-"], "/dev/urandom"),
    ],
)
def test_a_device_or_standard_input_is_read_up_to_the_size_limit(args, stdin, tmp_path) -> None:
    import os

    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")
    with open(stdin or os.devnull, "rb") as source:
        result = dtdl_lint_process(*args, cwd=tmp_path, stdin=source)
    assert result.returncode == 1, result.stderr
    assert " DTL008 " in result.stdout and "more than 64 MiB" in result.stdout


def test_reading_up_to_the_limit_takes_memory_for_what_is_read_only(tmp_path) -> None:
    import io
    import tracemalloc

    from dtdl_lint import source

    (tmp_path / "small.json").write_text("[1, 2, 3]")
    tracemalloc.start()
    try:
        for read in (
            lambda: source.read_file(tmp_path / "small.json"),
            lambda: source.read_stream(io.BytesIO(b"[1, 2, 3]"), "<stdin>"),
        ):
            assert read().data == [1, 2, 3]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20  # (read(MAX_BYTES + 1) made a buffer of 64 MiB for every file, a tenth of a folder's check)


def test_models_from_a_device_are_read_up_to_the_size_limit(tmp_path) -> None:
    import os

    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")
    (tmp_path / "t.json").write_text(json.dumps({"$dtId": "t", "$metadata": {"$model": ENUM_MODEL}}))
    result = dtdl_lint_process("check", "--models", "/dev/zero", "t.json", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == "", result.stderr
    assert " DTL413 " in result.stdout  # (the device holds no model: its finding is not reported, a --models one)


# --- 13. the library reports a named path it cannot read ---


def test_the_library_reports_a_named_path_it_cannot_read(tmp_path) -> None:
    (tmp_path / "gone.json").symlink_to("missing.json")
    for path in ("/nonexistent.json", tmp_path / "gone.json"):
        found = lint_models([path])
        assert [(d.code, d.line, d.column) for d in found] == [("DTL001", 1, 1)]
        assert "No such file or directory" in found[0].message
        assert [d.code for d in load_models([path]).diagnostics] == ["DTL001"]
    models = load_models([], models=["/nonexistent.json"])
    assert [d.code for d in models.diagnostics] == ["DTL001"]


# --- 8. and 12. what comes from the input never breaks a report: lone surrogates, undecodable names, controls ---

FORMATS = ["text", "json", "sarif", "github"]


def surrogate_model() -> str:
    """A model whose content name holds a lone surrogate (JSON allows "\\ud800"), a terminal command and a
    line break."""
    return (
        '{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:example:S;1", "@type": "Interface", "contents": ['
        '{"@type": "Property", "name": "\\ud800x", "schema": "double"},'
        '{"@type": "Property", "name": "\\u001b]0;owned\\u0007\\u001b[2J", "schema": "double"},'
        '{"@type": "Property", "name": "a\\nb\\u2028c\\u202ed", "schema": "double"}]}'
    )


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_lone_surrogate_or_a_control_character_never_breaks_a_report(output_format, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.json").write_text(surrogate_model())
    result = invoke("check", "--output-format", output_format, "s.json")
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u2028" not in result.stdout
    assert "\u202e" not in result.stdout
    findings = [line for line in result.stdout.splitlines() if "DTL125" in line]
    if output_format in ("json", "sarif"):
        report = json.loads(result.stdout)
        found = report if output_format == "json" else report["runs"][0]["results"]
        assert len(found) == 3
        message = found[0]["message"] if output_format == "json" else found[0]["message"]["text"]
        assert message.startswith("name '\ud800x' must start with a letter")  # (written as \\ud800)
    else:
        assert len(findings) == 3
        assert "name '\\ud800x'" in findings[0] and "'\\x1b]0;owned\\x07\\x1b[2J'" in findings[1]
        assert "a\\nb\\u2028c\\u202ed" in findings[2] or "a%0Ab\\u2028c\\u202ed" in findings[2]
    written = tmp_path / f"report.{output_format}"
    assert invoke("check", "--output-format", output_format, "--output-file", str(written), "s.json").exit_code == 1
    if output_format in ("json", "sarif"):
        json.loads(written.read_text(encoding="utf-8"))  # complete


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_file_name_that_is_not_utf8_or_holds_a_line_break_never_breaks_a_report(output_format, tmp_path) -> None:
    import os

    folder = os.fsencode(tmp_path / "models")
    os.mkdir(folder)
    try:
        for name in (b"\xff.json", b"two\nlines.json", b"\x1b[31mred.json"):
            with open(os.path.join(folder, name), "w") as file:
                file.write('{"@context": "dtmi:dtdl:context;2",')
    except OSError:
        pytest.skip("this file system takes no such file names")
    result = dtdl_lint_process("check", "--output-format", output_format, "models", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    if output_format in ("json", "sarif"):
        report = json.loads(result.stdout)
        found = report if output_format == "json" else report["runs"][0]["results"]
        assert len(found) == 3
        if output_format == "sarif":
            uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in found)
            assert uris == ["models/%1B%5B31mred.json", "models/%FF.json", "models/two%0Alines.json"]
    else:
        assert len([line for line in result.stdout.splitlines() if "DTL003 " in line]) == 3
        assert "\x1b" not in result.stdout and "models/\\udcff.json" in result.stdout


# --- 9. closed or failing standard streams are a one-line error ---


@pytest.mark.parametrize(
    "redirect, message",
    [
        ("- <&-", "standard input (-) is closed"),
        ("m.json >&-", "standard output is closed"),
        ("m.json > /dev/full", "standard output: No space left on device"),
        ("--output-format json m.json > /dev/full", "standard output: No space left on device"),
    ],
)
def test_a_closed_or_failing_standard_stream_is_a_one_line_error(redirect, message, tmp_path) -> None:
    import os
    import shlex
    import sys

    if not os.path.exists("/dev/full") or not os.path.exists("/bin/sh"):
        pytest.skip("needs /bin/sh and /dev/full")
    (tmp_path / "m.json").write_text(
        json.dumps({"@context": "dtmi:dtdl:context;2", "@id": "bad", "@type": "Interface"})
    )
    root = shlex.quote(str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    command = f"PYTHONPATH={root} exec {shlex.quote(sys.executable)} -m dtdl_lint check {redirect}"
    result = __import__("subprocess").run(
        ["/bin/sh", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr == f"dtdl-lint: error: {message}\n"


def test_a_closed_standard_error_leaves_the_report_as_it_is(tmp_path) -> None:
    import shlex
    import sys

    (tmp_path / "m.json").write_text(
        json.dumps({"@context": "dtmi:dtdl:context;2", "@id": "bad", "@type": "Interface"})
    )
    root = shlex.quote(str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    command = f"PYTHONPATH={root} exec {shlex.quote(sys.executable)} -m dtdl_lint check m.json 2>&-"
    result = __import__("subprocess").run(
        ["/bin/sh", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and result.stdout.startswith("m.json:1:")


# --- 11. the report is written as the findings come, and memory stays flat ---


@pytest.mark.parametrize("output_format", FORMATS)
def test_json_lines_findings_are_written_before_the_file_is_read_to_its_end(
    output_format, tmp_path, monkeypatch
) -> None:
    import io

    from dtdl_lint import reporters, run

    monkeypatch.chdir(tmp_path)
    (tmp_path / "lamp.json").write_text(lamp("string"))
    wrong = json.dumps({"$dtId": "w", "$metadata": {"$model": ENUM_MODEL}, "level": "high"})
    (tmp_path / "twins.jsonl").write_text((wrong + "\n") * 500)
    read = []
    real = run.sourcelib.read_lines

    def lines(stream):
        for number, raw in real(stream):
            read.append(number)
            yield number, raw

    monkeypatch.setattr(run.sourcelib, "read_lines", lines)

    class Report(io.StringIO):
        lines_read_at_first_finding = None

        def write(self, text):
            if "/level" in text and self.lines_read_at_first_finding is None:
                self.lines_read_at_first_finding = len(read)
            return super().write(text)

    result = run.run(run.Options(paths=("twins.jsonl",), models=("lamp.json",), stream=True))
    out = Report()
    reporters.REPORTERS[output_format](result, out)
    assert out.lines_read_at_first_finding == 1 and len(read) == 500
    assert result.counts["DTL401"] == 500 and result.checked == 1


def test_the_findings_of_other_files_come_first_then_those_of_each_stream_in_order_of_lines(tmp_path) -> None:
    (tmp_path / "lamp.json").write_text(lamp("string"))
    wrong = {"$dtId": "w", "$metadata": {"$model": ENUM_MODEL}, "level": "high", "mode": "dim"}
    (tmp_path / "a.jsonl").write_text(json.dumps(wrong) + "\n" + json.dumps({**wrong, "levle": 1}) + "\n")
    (tmp_path / "b.json").write_text(json.dumps(wrong))
    result = dtdl_lint_process("check", "--output-format", "json", "a.jsonl", "b.json", "lamp.json", cwd=tmp_path)
    assert [(d["file"], d["line"], d["code"]) for d in json.loads(result.stdout)] == [
        ("b.json", 1, "DTL401"),
        ("b.json", 1, "DTL405"),
        ("a.jsonl", 1, "DTL401"),
        ("a.jsonl", 1, "DTL405"),
        ("a.jsonl", 2, "DTL401"),
        ("a.jsonl", 2, "DTL405"),
        ("a.jsonl", 2, "DTL414"),
    ]


# --- 14. paths that cannot mean what they say are usage errors ---


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", ""], "'' is not a path: an empty argument names no file or folder"),
        (["check", "--models", "", "m.json"], "'' is not a path"),
        (["check", "-", "-"], "standard input (-) can be read only once"),
        (["check", "--output-file", "m.json", "m.json"], "m.json: the report would overwrite an input (m.json)"),
        (["check", "--output-file", "./m.json", "--models", "m.json", "t.json"], "the report would overwrite an input"),
        (["check", "--output-file", "t.json", "--twin", "t.json", "m.json"], "the report would overwrite an input"),
        (["check", "--output-file", "c.toml", "--config", "c.toml", "m.json"], "would overwrite the configuration"),
    ],
)
def test_paths_that_cannot_mean_what_they_say_are_usage_errors(args, message, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.json").write_text(lamp("string"))
    (tmp_path / "t.json").write_text("{}")
    (tmp_path / "c.toml").write_text("")
    result = invoke(*args, stdin="{}")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("dtdl-lint: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert (tmp_path / "m.json").read_text() == lamp("string") and (tmp_path / "t.json").read_text() == "{}"


def test_the_report_is_never_read_as_an_input(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "lamp.json").write_text(lamp("string"))
    (tmp_path / "data" / "report.jsonl").write_text('{"stale": "report"}\n')
    result = invoke("check", "--output-file", "data/report.jsonl", "data")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "report.jsonl").read_text() == "All checks passed (1 file).\n"


@pytest.mark.parametrize("output_format", FORMATS)
def test_every_report_quotes_a_bounded_part_of_the_input(output_format, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, text in hostile_models().items():
        (tmp_path / name).write_text(text)
    (tmp_path / "lamp.json").write_text(lamp("string"))
    (tmp_path / "twin.json").write_text(
        json.dumps({"$dtId": "l", "$metadata": {"$model": ENUM_MODEL}, HUGE: {HUGE: 1}, "mode": HUGE})
    )
    (tmp_path / "patch.json").write_text(
        json.dumps(
            [{"op": "add", "path": "/" + HUGE + "/x", "value": 1}, {"op": "add", "path": "/mode", "value": HUGE}]
        )
    )
    (tmp_path / "twins.jsonl").write_text(
        json.dumps({"$dtId": "x", "$metadata": {"$model": "dtmi:" + HUGE + ";1"}, HUGE: 1}) + "\n"
    )
    result = invoke(
        "check",
        "--output-format",
        output_format,
        "--models",
        "lamp.json",
        "--model",
        ENUM_MODEL,
        *sorted(hostile_models()),
        "twin.json",
        "patch.json",
        "twins.jsonl",
    )
    assert result.exit_code == 1, result.output
    assert len(result.stdout.splitlines()) > 10
    assert max(map(len, result.stdout.splitlines())) < 5000


# --- linear growth, counted in calls rather than timed ---


def calls(function) -> int:
    """How many Python and C functions `function()` calls: work, counted the same on any machine."""
    import sys

    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        function()
    finally:
        sys.setprofile(None)
    return count


def simulated_patch(size: int):
    models = load_models({"lamp.json": lamp("string")})
    twin = {"$dtId": "l", "$metadata": {"$model": ENUM_MODEL}, "mode": "on", "level": 1.0}
    patch = [{"op": "replace", "path": f"/level{i}", "value": 1.0} for i in range(size)]  # (unknown: all found)
    patch += [{"op": "add", "path": "/level", "value": float(i)} for i in range(size)]  # (valid: all simulated)
    return lambda: lint_patch(patch, models, twin=twin)


@pytest.mark.parametrize(
    "work",
    [
        simulated_patch,
        lambda size: lambda: lint_models({"chain.json": map_chain(size)}),
    ],
    ids=["patch operations simulated", "schema chain"],
)
def test_work_grows_linearly_with_the_input(work) -> None:
    small, large = calls(work(500)), calls(work(2000))
    assert large < 5 * small  # (fourfold input: about fourfold work; quadratic work would be sixteenfold)
