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
