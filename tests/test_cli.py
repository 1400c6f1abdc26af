"""The command line as a CI job or a new user meets it: exit codes, errors, selection, kinds, JSON Lines."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dtdl_lint import cli, run, source
from dtdl_lint.diagnostics import Diagnostic, Severity

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXAMPLE = FIXTURES / "examples" / "temperature-controller"
INVALID_ID = (FIXTURES / "models" / "invalid-id" / "room.json").read_text()
INVALID_JSON = (FIXTURES / "models" / "invalid-json" / "room.json").read_text()
VALID = '{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:com:example:Room;1", "@type": "Interface"}'


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli.main, list(args), input=stdin)


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A working folder with one model of each problem (DTL111, DTL003), a package.json and a tsconfig.json."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "bad-id.json").write_text(INVALID_ID)
    (tmp_path / "models" / "broken.json").write_text(INVALID_JSON)
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0"}')
    (tmp_path / "tsconfig.json").write_text('{\n  // comments are allowed here\n  "compilerOptions": {},\n}\n')
    return tmp_path


def codes_of(result) -> list[str]:
    return re.findall(r"^\S+:\d+:\d+: (DTL\d{3}) ", result.stdout, re.MULTILINE)


def test_valid_models_pass(monkeypatch) -> None:
    monkeypatch.chdir(EXAMPLE)
    result = invoke("check", ".")
    assert result.exit_code == 0, result.output
    assert result.stdout == "All checks passed (3 files).\n"


def test_findings_are_path_line_col_code_message_then_a_summary(folder) -> None:
    result = invoke("check", ".")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("models/bad-id.json:3:3: DTL111 @id 'dtmi:com:example:my-room;1' ")
    assert lines[1] == "models/broken.json:5:1: DTL003 invalid JSON: Expecting property name enclosed in double quotes"
    assert lines[2] == "Found 2 problems (2 errors, 0 warnings) in 2 files, 2 other JSON files skipped."


def test_no_paths_means_the_current_folder(folder) -> None:
    assert codes_of(invoke("check")) == ["DTL111", "DTL003"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "--selct", "DTL1"], "No such option '--selct'"),
        (["check", "nowhere.json"], "nowhere.json: no such file or folder"),
        (["check", "--models", "nowhere", "."], "nowhere: no such file or folder (given with --models)"),
        (["check", "--repo", "nowhere", "."], "nowhere: no such folder"),
        (["check", "--twin", "nowhere.json", "."], "nowhere.json: no such file"),
        (["check", "--config", "nowhere.toml", "."], "nowhere.toml: no such configuration file"),
        (["check", "--select", "DTL1x", "."], "'DTL1x' is not a code or code prefix"),
        (["check", "--ignore", "DTL999", "."], "'DTL999' is not a code or code prefix"),
        (["check", "--target", "azure", "."], "Invalid value for '--target'"),
        (["check", "--output-file", "no/such/folder/out.txt", "."], "no/such/folder/out.txt: No such file"),
        (["rule", "DTL999"], "'DTL999' is not a code or rule name"),
        (["chek", "."], "No such command 'chek'"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(folder, args, message) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("dtdl-lint: error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_an_internal_error_is_one_line_and_exit_2(folder, monkeypatch) -> None:
    def broken(options):
        raise KeyError("boom")

    monkeypatch.setattr(run, "run", broken)
    result = invoke("check")
    assert result.exit_code == 2
    assert result.stderr.startswith("dtdl-lint: internal error: KeyError: 'boom' (at test_cli.py:")
    assert result.stderr.count("\n") == 1


def test_help_documents_exit_codes_and_every_option() -> None:
    result = invoke("check", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Exit codes: 0" in text and "2 usage, configuration or I/O error" in text
    for option in (
        "--kind",
        "--models",
        "--repo",
        "--model",
        "--twin",
        "--target",
        "--extensions",
        "--output-format",
        "--output-file",
        "--select",
        "--extend-select",
        "--ignore",
        "--fail-on",
        "--exit-zero",
        "--statistics",
        "--quiet",
        "--config",
        "--stdin-filename",
    ):
        assert option in text


def test_unreadable_file_in_folder(folder, monkeypatch) -> None:
    """A file found in a folder that cannot be read is a DTL001 finding; one named directly is exit 2."""
    real = run.sourcelib.read_file

    def read_file(path, name=None, **how):
        if Path(path).name == "bad-id.json":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, name, **how)

    monkeypatch.setattr(run.sourcelib, "read_file", read_file)
    result = invoke("check", "models")
    assert result.exit_code == 1
    assert "models/bad-id.json:1:1: DTL001 cannot read models/bad-id.json: Permission denied" in result.stdout
    named = invoke("check", "models/bad-id.json")
    assert named.exit_code == 2
    assert named.stderr == "dtdl-lint: error: models/bad-id.json: Permission denied\n"


def test_select_ignore_and_extend_select_by_prefix(folder) -> None:
    assert codes_of(invoke("check", "--select", "DTL1")) == ["DTL111"]
    assert codes_of(invoke("check", "--ignore", "DTL111")) == ["DTL003"]
    assert codes_of(invoke("check", "--select", "DTL1", "--ignore", "DTL11")) == []
    assert codes_of(invoke("check", "--select", "DTL0,DTL111")) == ["DTL111", "DTL003"]
    # the more specific selector wins, whatever the option
    assert codes_of(invoke("check", "--ignore", "DTL1", "--extend-select", "DTL111")) == ["DTL111", "DTL003"]
    assert codes_of(invoke("check", "--select", "DTL003", "--extend-select", "DTL11")) == ["DTL111", "DTL003"]
    assert codes_of(invoke("check", "--select", "ALL", "--ignore", "DTL003")) == ["DTL111"]


def test_nothing_selected_exits_0(folder) -> None:
    result = invoke("check", "--ignore", "DTL")
    assert result.exit_code == 0
    assert result.stdout == "All checks passed (2 files, 2 other JSON files skipped).\n"


def test_exit_zero_and_fail_on(folder, monkeypatch) -> None:
    assert invoke("check", "--exit-zero").exit_code == 0
    warning = Diagnostic("DTL901", Severity.WARNING, "a recommendation", file="a.json", line=1, column=1)
    monkeypatch.setattr(run, "run", lambda options: run.Result([warning], 1))
    assert invoke("check").exit_code == 0
    assert invoke("check", "--fail-on", "warning").exit_code == 1
    assert invoke("check", "--fail-on", "warning", "--exit-zero").exit_code == 0
    assert "Found 1 problem (0 errors, 1 warning) in 1 file." in invoke("check").stdout


def test_output_file_statistics_and_quiet(folder) -> None:
    result = invoke("check", "--output-format", "json", "--output-file", "report.json")
    assert result.exit_code == 1 and result.stdout == ""
    assert [d["code"] for d in json.loads((folder / "report.json").read_text())] == ["DTL111", "DTL003"]
    statistics = invoke("check", "--statistics")
    assert statistics.stdout.splitlines()[:2] == ["     1  DTL111  invalid-id", "     1  DTL003  invalid-json"]
    quiet = invoke("check", "-q")
    assert quiet.stdout.count("\n") == 2 and "Found" not in quiet.stdout


def test_standard_input(folder) -> None:
    result = invoke("check", "-", stdin=INVALID_ID)
    assert result.stdout.startswith("<stdin>:3:3: DTL111 ")
    named = invoke("check", "--stdin-filename", "models/room.json", "-", stdin=INVALID_ID)
    assert named.stdout.startswith("models/room.json:3:3: DTL111 ")


def test_kind_forces_a_classification(folder) -> None:
    result = invoke("check", "--kind", "model", "package.json", "tsconfig.json")
    assert result.exit_code == 1
    assert "tsconfig.json:2:3: DTL003 " in result.stdout
    assert "package.json:1:1: " in result.stdout


def test_models_option_resolves_but_does_not_report(folder) -> None:
    (folder / "room.json").write_text(VALID)
    assert invoke("check", "--models", "models", "room.json").exit_code == 0
    both = invoke("check", "--models", "models", "models/bad-id.json")
    assert codes_of(both) == ["DTL111"]


@pytest.mark.parametrize(
    "data, kind",
    [
        ({"@context": "dtmi:dtdl:context;2", "@id": "dtmi:a:b;1", "@type": "Interface"}, "model"),
        ([{"@id": "dtmi:a:b;1", "@type": "Interface"}], "model"),
        (["dtmi:a:b;1"], "model"),
        ({"$dtId": "room1", "$metadata": {"$model": "dtmi:a:b;1"}}, "twin"),
        ({"$metadata": {"$model": "dtmi:a:b;1"}}, "twin"),
        ({"$relationshipId": "r", "$sourceId": "a", "$targetId": "b", "$relationshipName": "has"}, "relationship"),
        ([{"op": "add", "path": "/a", "value": 1}], "patch"),
        ([], "patch"),
        ({"name": "site", "dependencies": {}}, None),
        ({"compilerOptions": {"strict": True}}, None),
        ([1, 2, 3], None),
        ([{"code": "DTL111", "file": "a.json", "dtmi": "dtmi:a:b;1"}], None),  # dtdl-lint's own JSON report
    ],
)
def test_classify_by_content(data, kind) -> None:
    assert run.classify(data) == kind


def test_json_lines_are_read_line_by_line(tmp_path, monkeypatch) -> None:
    """A JSON Lines file is never read whole: each line is read on its own, findings carry its number."""
    monkeypatch.chdir(tmp_path)
    lines = ["[]"] * 5000 + ['{"name": "x"}', "", "not json"]
    (tmp_path / "batch.ndjson").write_text("\n".join(lines) + "\n")
    sizes = []
    real = run.sourcelib.read_lines

    def spy(stream):
        for number, raw in real(stream):
            sizes.append(len(raw))
            yield number, raw

    monkeypatch.setattr(run.sourcelib, "read_lines", spy)
    result = invoke("check", "--select", "DTL0", "batch.ndjson")
    assert codes_of(result) == ["DTL010", "DTL003"]
    assert "batch.ndjson:5001:1: DTL010 record is an object with members name" in result.stdout
    assert "batch.ndjson:5003:1: DTL003 " in result.stdout
    assert len(sizes) == 5003 and max(sizes) == len('{"name": "x"}\n')


def test_overlong_json_line_is_skipped(monkeypatch) -> None:
    monkeypatch.setattr(run.sourcelib, "MAX_BYTES", 10)
    stream = io.BytesIO(b"[]\n" + b"x" * 25 + b"\n[1]\n")
    assert list(run.sourcelib.read_lines(stream)) == [(1, b"[]\n"), (2, None), (3, b"[1]\n")]


def test_exclude_and_hidden_folders(folder) -> None:
    (folder / ".git").mkdir()
    (folder / ".git" / "bad.json").write_text(INVALID_ID)
    (folder / "node_modules").mkdir()
    (folder / "node_modules" / "bad.json").write_text(INVALID_ID)
    assert codes_of(invoke("check")) == ["DTL111", "DTL003"]


def test_rules_table_and_rule_explanation() -> None:
    from dtdl_lint.codes import ALL

    table = invoke("rules")
    assert table.exit_code == 0
    assert len(table.stdout.splitlines()) == len(ALL)
    assert re.search(r"^DTL003  error\s+invalid-json\s+The text is not valid JSON\.$", table.stdout, re.MULTILINE)
    entry = invoke("rule", "DTL004")
    assert entry.exit_code == 0
    assert entry.stdout.startswith("DTL004 duplicate-key (error)\n\nA JSON object has the same member name twice.")
    assert "Why: " in entry.stdout and '    {"name": "a", "name": "b"}' in entry.stdout
    assert "Official parser: dtmi:dtdl:parsingError:duplicatePropertyName" in entry.stdout
    assert invoke("rule", "duplicate-key").stdout == entry.stdout
    assert [r["code"] for r in json.loads(invoke("rules", "--output-format", "json").stdout)] == list(ALL)


def test_every_rule_explains_itself() -> None:
    from dtdl_lint.codes import ALL

    for code in ALL.values():
        result = invoke("rule", code.code)
        assert result.exit_code == 0, code.code
        assert code.summary in result.stdout


def run_in_process(args: list[str], stdout) -> int:
    """main as the console script runs it (no CliRunner), with the given stdout."""
    old = sys.stdout
    sys.stdout = stdout
    try:
        cli.main.main(args)
    except SystemExit as exit:
        return exit.code
    finally:
        sys.stdout = old
    raise AssertionError("main did not exit")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color(folder, monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = Terminal()
    assert run_in_process(["check"], terminal) == 1
    assert "\x1b[" in terminal.getvalue()
    pipe = io.StringIO()
    run_in_process(["check"], pipe)
    assert "\x1b[" not in pipe.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    terminal = Terminal()
    run_in_process(["check"], terminal)
    assert "\x1b[" not in terminal.getvalue()


def test_progress_on_a_terminal(monkeypatch) -> None:
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    ticks = iter([0.2, 0.6, 0.65, 0.8])
    progress = cli._progress()
    progress.clock = lambda: next(ticks)
    progress.started = progress.last = 0.0
    for message in ("1/4 files", "2/4 files", "3/4 files", "4/4 files"):
        progress(message)
    progress.clear()
    assert err.getvalue() == "\r\x1b[Kdtdl-lint: 2/4 files\r\x1b[Kdtdl-lint: 4/4 files\r\x1b[K"
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert cli._progress() is None


def test_findings_are_located_only_after_filtering(folder, monkeypatch) -> None:
    located = []
    real = source.locate

    def locate(text, diagnostics):
        located.extend(d.code for d in diagnostics)
        return real(text, diagnostics)

    monkeypatch.setattr(source, "locate", locate)
    assert "DTL111" in {d["code"] for d in json.loads(invoke("check", "--output-format", "json").stdout)}
    assert "DTL111" in located  # the spy sees what is located
    located.clear()
    invoke("check", "--ignore", "DTL111")
    assert "DTL111" not in located


@pytest.fixture
def instances(tmp_path, monkeypatch) -> Path:
    """The Thermostat model, a twin with a wrong value, a patch, and a JSON Lines batch of twins and relationships."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "thermostat-1.json").write_text((EXAMPLE / "thermostat-1.json").read_text())
    (tmp_path / "twin.json").write_text(
        json.dumps(
            {"$dtId": "t0", "$metadata": {"$model": "dtmi:com:example:Thermostat;1"}, "targetTemperature": "hot"},
            indent=2,
        )
    )
    (tmp_path / "patch.json").write_text(
        '[{"op": "replace", "path": "/targetTemperature", "value": 21.5},\n {"op": "move", "from": "/a", "path": "/b"}]'
    )
    twin = {"$dtId": "t1", "$metadata": {"$model": "dtmi:com:example:Thermostat;1"}, "targetTemperature": 20}
    records = [
        twin,
        {**twin, "$dtId": "t2", "targetTemperature": True},
        {"$relationshipId": "r1", "$sourceId": "t1", "$targetId": "t2", "$relationshipName": "feeds"},
    ]
    (tmp_path / "batch.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return tmp_path


def test_twins_relationships_and_patches_carry_the_service_error(instances) -> None:
    result = invoke(
        "check",
        "--models",
        "models",
        "--twin",
        "twin.json",
        "--output-format",
        "json",
        "twin.json",
        "patch.json",
        "batch.jsonl",
    )
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)
    assert {(d["file"], d["line"], d["pointer"].split("/")[1], d["service"]) for d in found} == {
        ("twin.json", 6, "targetTemperature", "ValidationFailed"),
        ("patch.json", 2, "1", "JsonPatchInvalid"),
        ("batch.jsonl", 2, "targetTemperature", "ValidationFailed"),
        ("batch.jsonl", 3, "$relationshipName", "InvalidRelationship"),
    }
    assert all(d["code"].startswith(("DTL4", "DTL5")) and d["column"] > 0 for d in found)
    text = invoke("check", "--models", "models", "twin.json")
    assert re.match(
        r"twin\.json:6:3: DTL4\d\d .*hot.* \[ValidationFailed\] at /targetTemperature$", text.stdout.splitlines()[0]
    )


def test_patch_with_model_and_target(instances) -> None:
    (instances / "ok.json").write_text('[{"op": "add", "path": "/targetTemperature", "value": 21.5}]')
    assert invoke("check", "--models", "models", "--model", "dtmi:com:example:Thermostat;1", "ok.json").exit_code == 0
    iothub = invoke("check", "--models", "models", "--target", "iothub", "twin.json")
    assert iothub.exit_code == 1 and "[ArgumentInvalid]" in iothub.stdout


def test_model_option_needs_a_dtmi(instances) -> None:
    result = invoke("check", "--models", "models", "--model", "Thermostat", "patch.json")
    assert result.exit_code == 2 and result.stdout == ""
    assert "'Thermostat' is not the DTMI of a model" in result.stderr and result.stderr.count("\n") == 1


def test_a_versionless_model_is_one_of_dtdl_v3_or_a_dtmi_a_shell_cut(instances) -> None:
    """Unquoted in a shell, --model dtmi:com:example:Thermostat;1 arrives without its version: a DTDL v3 model may
    have such a DTMI, so it is looked for, and the finding names the versions the models have."""
    result = invoke("check", "--models", "models", "--model", "dtmi:com:example:Thermostat", "patch.json")
    assert result.exit_code == 1 and "DTL516" in result.stdout  # (and a move: DTL510)
    assert (
        "model dtmi:com:example:Thermostat is not among the models; it has dtmi:com:example:Thermostat;1 (quote a "
        "DTMI in a shell: ';' ends a command)" in result.stdout
    )


def test_request_bodies_without_the_ids_of_the_url(instances) -> None:
    """A create body leaves the twin id to the URL; a relationship body its id and source."""
    (instances / "body.json").write_text(
        json.dumps({"$dtId": None, "$metadata": {"$model": "dtmi:com:example:Thermostat;1"}, "targetTemperature": 21.5})
    )
    (instances / "rel.json").write_text(json.dumps({"$targetId": "t1", "$relationshipName": "feeds"}))
    result = invoke("check", "--models", "models", "body.json", "rel.json")
    assert result.exit_code == 0, result.output
    (instances / "rel.json").write_text(json.dumps({"$sourceId": "t1", "$relationshipName": "feeds"}))
    result = invoke("check", "--models", "models", "rel.json")
    assert codes_of(result) == ["DTL411"] and "relationship has no $targetId" in result.stdout


def test_a_patch_without_a_model_is_one_warning(instances) -> None:
    (instances / "hot.json").write_text('[{"op": "add", "path": "/targetTemperature", "value": "hot"}]')
    result = invoke("check", "--models", "models", "hot.json")
    assert result.exit_code == 0 and codes_of(result) == ["DTL516"]
    assert "Found 1 problem (0 errors, 1 warning)" in result.stdout
    assert invoke("check", "--models", "models", "--fail-on", "warning", "hot.json").exit_code == 1


def test_repo_resolves_the_models_of_twins_relationships_and_patches(instances) -> None:
    folder = instances / "repo" / "dtmi" / "com" / "example"
    folder.mkdir(parents=True)
    (instances / "models" / "thermostat-1.json").rename(folder / "thermostat-1.json")
    result = invoke("check", "--repo", "repo", "--output-format", "json", "twin.json", "batch.jsonl")
    assert {(d["file"], d["line"], d["code"]) for d in json.loads(result.stdout)} == {
        ("twin.json", 6, "DTL401"),
        ("batch.jsonl", 2, "DTL401"),
        ("batch.jsonl", 3, "DTL430"),
    }
    (instances / "hot.json").write_text('[{"op": "add", "path": "/targetTemperature", "value": "hot"}]')
    result = invoke("check", "--repo", "repo", "--model", "dtmi:com:example:Thermostat;1", "hot.json")
    assert codes_of(result) == ["DTL401"]
    assert codes_of(invoke("check", "--repo", "repo", "--twin", "twin.json", "hot.json")) == ["DTL401"]


def test_a_models_file_that_cannot_be_read_is_named_where_it_is_needed(instances) -> None:
    model = instances / "models" / "thermostat-1.json"
    model.write_text(model.read_text().rstrip().removesuffix("}") + ",}")
    result = invoke("check", "--models", "models", "twin.json")
    assert codes_of(result) == ["DTL413"]
    assert re.search(
        r"model dtmi:com:example:Thermostat;1 is defined in models/thermostat-1\.json, which has "
        r"errors: DTL003 at \d+:\d+ \[ValidationFailed\]",
        result.stdout,
    ), result.stdout


def test_schema_of_a_twin_validates_twins(instances) -> None:
    import jsonschema

    result = invoke("schema", "dtmi:com:example:Thermostat;1", "--models", "models")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    twin = json.loads((instances / "twin.json").read_text())
    assert not jsonschema.Draft202012Validator(schema).is_valid(twin)
    assert jsonschema.Draft202012Validator(schema).is_valid({**twin, "targetTemperature": 21.5})
    assert json.loads(invoke("schema", "double", "--models", "models").stdout)["type"] == "number"
    unknown = invoke("schema", "dtmi:com:example:Nothing;1", "--models", "models")
    assert unknown.exit_code == 2 and unknown.stderr.count("\n") == 1
    assert (
        invoke("schema", "double", "--models", "nowhere").stderr
        == "dtdl-lint: error: nowhere: no such file or folder\n"
    )


def test_readme_lists_every_rule() -> None:
    """The README's table is `dtdl-lint rules --output-format markdown`; DTDL_LINT_REGEN=1 rewrites it."""
    import os

    readme = Path(__file__).resolve().parent.parent / "README.md"
    text = readme.read_text()
    start, end = "<!-- rules:start -->\n", "<!-- rules:end -->"
    table = invoke("rules", "--output-format", "markdown").stdout
    assert table == cli.rules_markdown() + "\n"
    current = text[text.index(start) + len(start) : text.index(end)]
    if os.environ.get("DTDL_LINT_REGEN"):
        readme.write_text(text.replace(start + current + end, start + table + end))
        current = table
    assert current == table, "the README's rule table is out of date: run DTDL_LINT_REGEN=1 pytest tests/test_cli.py"


def test_readme_commands_use_real_options() -> None:
    """Every `dtdl-lint ...` command line shown in the README parses: no unknown command, option or value."""
    import shlex

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    commands = re.findall(r"(?:^\$ |run: |\.venv/bin/|`)(dtdl-lint [^\n`]+)", readme, re.MULTILINE)
    assert len(commands) >= 8
    for command in commands:
        args = shlex.split(command)[1:]
        assert args[0] in cli.main.commands, command
        if "--help" not in args:
            cli.main.commands[args[0]].make_context(args[0], args[1:])  # raises on a bad option or value
