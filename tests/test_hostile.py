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
    return json.dumps({"@context": "dtmi:dtdl:context;2", "@id": ENUM_MODEL, "@type": "Interface", "contents": [
        {"@type": "Property", "name": "mode", "writable": True, "schema": {
            "@type": "Enum", "valueSchema": value_schema,
            "enumValues": [{"name": "on", "enumValue": "on"}, {"name": "off", "enumValue": "off"}]}},
        {"@type": "Property", "name": "level", "schema": "double"}]})


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
    assert [d.code for d in lint_value("\"dim\"", enum, models)] == ["DTL405"]
    assert lint_value(b"\"off\"", enum, models) == []
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
        found = lint_models({"a.json": json.dumps({"@context": "dtmi:dtdl:context;2", "@id": long_id,
                                                   "@type": "Interface"})})
        assert [d.code for d in found] == ["DTL112"]
        assert len(found[0].message) < 200
    assert all(size <= 2048 for size in parsed)


def test_a_version_of_thousands_of_digits_is_a_finding() -> None:
    from dtdl_lint import dtmi

    assert [p.kind for p in dtmi.problems("dtmi:a;" + "7" * 2000)] == ["version-too-long"]
    assert [p.kind for p in dtmi.problems("dtmi:a;" + "0" * 2000)] == ["version-zero"]
    found = lint_models({"a.json": json.dumps({"@context": "dtmi:dtdl:context;2", "@id": "dtmi:a;" + "1" * 5000,
                                               "@type": "Interface"})})
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
        interface(9, schemas=[{"@id": "dtmi:example:E;1", "@type": "Enum", "valueSchema": "string",
                               "enumValues": [{"name": "a", "enumValue": 7}, {"name": "b", "enumValue": HUGE},
                                              {"name": "c", "enumValue": HUGE}]}]),
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
    twins = [{"$dtId": HUGE, "$metadata": {"$model": "dtmi:" + HUGE + ";1"}},
             {"$dtId": "l", "$metadata": {"$model": ENUM_MODEL, HUGE: {}}, HUGE: 1, "mode": HUGE},
             {"$dtId": "l", "$metadata": {"$model": ENUM_MODEL}, "level": {HUGE: [HUGE]}}]
    found = [d for twin in twins for d in lint_twin(twin, models) + lint_twin(twin, models, target="iothub")]
    relationship = {"$relationshipId": HUGE, "$sourceId": HUGE, "$targetId": HUGE, "$relationshipName": HUGE,
                    HUGE: 1}
    found += lint_relationship_with_twins(relationship, models)
    patches = [[{"op": "add", "path": "/" + HUGE, "value": 1}, {"op": HUGE, "path": "/x"},
                {"op": "replace", "path": "/mode/" + HUGE, "value": HUGE, HUGE: 1},
                {"op": "test", "path": "/level", "value": HUGE}, {"op": "add", "path": HUGE, "value": 1},
                {"op": "remove", "path": "/$metadata/" + HUGE}, {"op": "add", "path": "/level/" + HUGE, "value": 1}]]
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
    schemas = [{"@id": f"dtmi:example:M{i};1", "@type": "Map", "mapKey": {"name": "k", "schema": "string"},
                "mapValue": {"name": "v", "schema": f"dtmi:example:M{i + 1};1" if i + 1 < length else "double"}}
               for i in range(length)]
    return json.dumps({"@context": "dtmi:dtdl:context;2", "@id": "dtmi:example:Chain;1", "@type": "Interface",
                       "schemas": schemas, "contents": [{"@type": "Property", "name": "p",
                                                         "schema": "dtmi:example:M0;1"}]})


def deep_text(levels: int, key: str = "x") -> str:
    """JSON text of objects nested `levels` deep (json.dumps would itself run out of stack)."""
    return f'{{"{key}": ' * levels + "1" + "}" * levels


@pytest.mark.parametrize("value", [nested(990), nested(100_000), nested(5000, key="k"), "[" * 300 + "]" * 300])
def test_a_deeply_nested_value_is_a_finding(value) -> None:
    found = lint_value(value, "double")
    assert [d.code for d in found] == ["DTL009"]
    assert found[0].pointer == ("/k" if isinstance(value, dict) else "/0") * 100


def test_json_text_nested_beyond_what_can_be_read_is_a_finding() -> None:
    assert [d.code for d in lint_value("[" * 990 + "]" * 990, "double")] == ["DTL009"]
    assert [d.code for d in lint_value(deep_text(100_000), "double")] == ["DTL009"]


def test_a_deeply_nested_twin_relationship_or_patch_is_a_finding() -> None:
    models = load_models({"lamp.json": lamp("string")})
    twin = {"$dtId": "l", "$metadata": {"$model": ENUM_MODEL}, "level": nested(975, key="x")}
    assert [d.code for d in lint_twin(twin, models)] == ["DTL009"]
    text = deep_text(975).replace('{"x": ', '{"$dtId": "l", "$metadata": {"$model": "%s"}, "level": ' % ENUM_MODEL, 1)
    assert [d.code for d in lint_twin(text, models, target="iothub")] == ["DTL009"]
    from dtdl_lint import lint_relationship

    assert [d.code for d in lint_relationship({"$relationshipId": "r", "x": nested(3000)}, models)] == ["DTL009"]
    assert [d.code for d in lint_patch([{"op": "add", "path": "/level", "value": nested(980)}], models,
                                       model=ENUM_MODEL)] == ["DTL009"]
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
    deep = '{"$dtId": "d", "$metadata": {"$model": "%s"}, "level": %s}' % (ENUM_MODEL, deep_text(978))
    (tmp_path / "deep.json").write_text(deep)
    wrong = json.dumps({"$dtId": "w", "$metadata": {"$model": ENUM_MODEL}, "level": "high"})
    (tmp_path / "twins.jsonl").write_text("\n".join((wrong, deep, wrong)) + "\n")
    (tmp_path / "current.json").write_text(deep.replace(deep_text(978), deep_text(496)))
    (tmp_path / "patch.json").write_text('[{"op": "replace", "path": "/mode", "value": "dim"}]')
    result = dtdl_lint_process("check", "--models", "lamp.json", "--twin", "current.json", "deep.json",
                               "twins.jsonl", "patch.json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = [(line.split(":")[0], line.split(":")[1], line.split(" ")[1]) for line in result.stdout.splitlines()[:-1]]
    assert found == [("deep.json", "1", "DTL009"), ("patch.json", "1", "DTL009"), ("patch.json", "1", "DTL405"),
                     ("twins.jsonl", "1", "DTL401"), ("twins.jsonl", "2", "DTL009"), ("twins.jsonl", "3", "DTL401")]


def dtdl_lint_process(*args: str, cwd, stdin=None, **options):
    """`dtdl-lint ARGS` run in a process of its own, from the source tree."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "dtdl_lint", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120, stdin=stdin, **options)


@pytest.mark.parametrize("length", [7, 500, 1000, 3000])
def test_a_long_schema_chain_is_reported_once_with_its_depth(length) -> None:
    found = lint_models({"chain.json": map_chain(length)})
    assert [(d.code, d.dtmi, d.message.split(" nests ")[1]) for d in found] == [
        ("DTL212", "dtmi:example:M0;1", f"{length} levels deep; at most 5 are allowed")]


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
        return json.dumps({"@context": "dtmi:dtdl:context;2", "@id": f"dtmi:example:{name};1", "@type": "Interface",
                           "contents": [{"@type": "Component", "name": "c", "schema": f"dtmi:example:{other};1"}]})

    models = load_models({"a.json": holder("A", "B"), "b.json": holder("B", "A")})
    schema = twin_schema(models, "dtmi:example:A;1")
    assert schema["properties"]["c"]["properties"]["c"]["required"] == ["$metadata"]  # B's A is left open
