"""[tool.dtdl-lint] in pyproject.toml, or --config FILE: found by walking up, checked key by key, options win."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dtdl_lint import cli, config

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
INVALID_ID = (FIXTURES / "models" / "invalid-id" / "room.json").read_text()
INVALID_JSON = (FIXTURES / "models" / "invalid-json" / "room.json").read_text()


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project with a pyproject.toml and models/ holding one DTL111 and one DTL003; cwd is models/."""
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "bad-id.json").write_text(INVALID_ID)
    (tmp_path / "models" / "broken.json").write_text(INVALID_JSON)
    monkeypatch.chdir(tmp_path / "models")
    return tmp_path


def write(project: Path, table: str) -> None:
    (project / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.dtdl-lint]\n{table}\n')


def check(*args: str):
    return CliRunner().invoke(cli.main, ["check", *args])


def test_found_by_walking_up_past_a_pyproject_without_the_table(project) -> None:
    write(project, 'select = ["DTL1"]')
    (project / "models" / "pyproject.toml").write_text('[project]\nname = "inner"\n')
    assert config.find() == project / "pyproject.toml"
    loaded = config.load()
    assert loaded.select == ("DTL1",) and loaded.root == project.resolve()
    result = check()
    assert result.exit_code == 1
    assert "DTL111" in result.stdout and "DTL003" not in result.stdout


def test_no_configuration(project) -> None:
    assert config.find(project) is None
    assert config.load() == config.Config(root=config.load().root)


def test_every_key(project) -> None:
    write(
        project,
        "\n".join(
            [
                'models = ["shared"]',
                'repo = "repo"',
                'target = "iothub"',
                'extensions = "disallow"',
                'select = ["DTL0", "DTL1"]',
                'extend-select = ["DTL2"]',
                'ignore = ["DTL003"]',
                'per-file-ignores = {"legacy/*.json" = ["DTL111"]}',
                'exclude = ["generated"]',
                'per-file-models = {"patches/rooms/*" = "dtmi:com:example:Room;1"}',
                'output-format = "json"',
                'fail-on = "warning"',
            ]
        ),
    )
    loaded = config.load()
    assert loaded.models == (str(project / "shared"),) and loaded.repo == str(project / "repo")
    assert (loaded.target, loaded.extensions, loaded.output_format, loaded.fail_on) == (
        "iothub",
        "disallow",
        "json",
        ("warning",),
    )
    assert loaded.select == ("DTL0", "DTL1") and loaded.extend_select == ("DTL2",) and loaded.ignore == ("DTL003",)
    assert loaded.per_file_ignores == (("legacy/*.json", ("DTL111",)),) and loaded.exclude == ("generated",)
    assert loaded.per_file_models == (("patches/rooms/*", "dtmi:com:example:Room;1"),)


@pytest.mark.parametrize(
    "table, message",
    [
        ('selct = ["DTL1"]', "[tool.dtdl-lint] selct: unknown key"),
        ('select = "DTL1"', "[tool.dtdl-lint] select: expected a list of strings, got 'DTL1'"),
        ('select = ["E501"]', "[tool.dtdl-lint] select: 'E501' is not a code or code prefix"),
        ('target = "azure"', "[tool.dtdl-lint] target: expected one of adt, iothub, got 'azure'"),
        ("repo = 3", "[tool.dtdl-lint] repo: expected a folder path (a string), got 3"),
        ('per-file-ignores = ["DTL1"]', "[tool.dtdl-lint] per-file-ignores: expected a table of glob = [codes]"),
        ('per-file-ignores = {"a/*" = "DTL1"}', "per-file-ignores: 'a/*': expected a list of codes"),
        ('per-file-models = ["dtmi:a:b;1"]', 'per-file-models: expected a table of glob = "DTMI"'),
        ('per-file-models = {"a/*" = "dtmi:a:b#c"}', "per-file-models: 'a/*': 'dtmi:a:b#c' is not the DTMI of a model"),
        ('per-file-models = {"a/*" = 3}', "per-file-models: 'a/*': 3 is not the DTMI of a model"),
        ("output-format = [", "invalid TOML"),
    ],
)
def test_broken_configuration_is_one_line_and_exit_2(project, table, message) -> None:
    write(project, table)
    result = check()
    assert result.exit_code == 2
    assert result.stderr.startswith(f"dtdl-lint: error: {project / 'pyproject.toml'}: ")
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_command_line_wins(project) -> None:
    write(project, 'output-format = "json"\nselect = ["DTL1"]\nfail-on = "warning"')
    assert check().stdout.startswith("[")
    assert check("--output-format", "text").stdout.startswith("bad-id.json:3:3: DTL111")
    replaced = check("--output-format", "text", "--select", "DTL0")
    assert "DTL003" in replaced.stdout and "DTL111" not in replaced.stdout
    extended = check("--output-format", "text", "--extend-select", "DTL0")
    assert "DTL003" in extended.stdout and "DTL111" in extended.stdout
    ignored = check("--output-format", "text", "--ignore", "DTL111")
    assert ignored.exit_code == 0 and ignored.stdout.startswith("All checks passed")


def test_per_file_ignores_and_exclude_are_relative_to_the_configuration(project) -> None:
    write(project, 'per-file-ignores = {"models/bad-*.json" = ["DTL1"]}\nexclude = ["broken.json"]')
    result = check(".")
    assert result.exit_code == 0, result.output
    assert result.stdout == "All checks passed (1 file).\n"
    write(project, 'per-file-ignores = {"bad-id.json" = ["DTL111"]}\nexclude = ["models/broken.json"]')
    assert check().stdout == "All checks passed (1 file).\n"


def test_models_in_the_configuration_are_loaded_not_reported(project, monkeypatch) -> None:
    (project / "models" / "room.json").write_text(
        '{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:com:example:Room;1", "@type": "Interface"}'
    )
    (project / "twins").mkdir()
    (project / "twins" / "room.json").write_text('{"$dtId": "r1", "$metadata": {"$model": "dtmi:com:example:Room;1"}}')
    monkeypatch.chdir(project / "twins")
    write(project, "")
    assert check("room.json").exit_code == 1  # the twin's model is unknown
    write(project, 'models = ["models"]')
    result = check("room.json")
    assert result.exit_code == 0, result.output  # the model resolves; the broken models are not reported
    assert result.stdout == "All checks passed (1 file).\n"


def test_per_file_models_name_the_model_of_patch_files(project, monkeypatch) -> None:
    """A repository of patch files checked in pre-commit: each folder's patches against its model."""
    (project / "models" / "room.json").write_text(
        json.dumps(
            {
                "@context": "dtmi:dtdl:context;2",
                "@id": "dtmi:com:example:Room;1",
                "@type": "Interface",
                "contents": [{"@type": "Property", "name": "name", "schema": "string", "writable": True}],
            }
        )
    )
    for folder in ("rooms", "other"):
        (project / "patches" / folder).mkdir(parents=True)
        (project / "patches" / folder / "rename.json").write_text('[{"op": "add", "path": "/name", "value": 7}]')
    (project / "patches" / "rooms" / "more.jsonl").write_text('[{"op": "add", "path": "/nme", "value": "a"}]\n')
    monkeypatch.chdir(project)
    write(project, 'models = ["models"]\nper-file-models = {"patches/rooms" = "dtmi:com:example:Room;1"}')
    result = check("--output-format", "json", "patches")
    found = {(d["file"], d["code"], d["severity"]) for d in json.loads(result.stdout)}
    assert found == {
        ("patches/rooms/rename.json", "DTL401", "error"),
        ("patches/rooms/more.jsonl", "DTL511", "error"),
        ("patches/other/rename.json", "DTL516", "warning"),
    }
    assert check("patches/other").exit_code == 0  # a patch without a model fails no commit
    assert check("--model", "dtmi:com:example:Room;1", "patches/other").exit_code == 1  # the command line wins


def test_config_option_reads_a_plain_table_or_a_pyproject(project, tmp_path) -> None:
    plain = tmp_path / "dtdl-lint.toml"
    plain.write_text('ignore = ["DTL003"]\n')
    assert "DTL003" not in check("--config", str(plain)).stdout
    write(project, 'ignore = ["DTL111"]')
    assert "DTL111" not in check("--config", str(project / "pyproject.toml")).stdout
    plain.write_text('ignore = ["DTL3"]\nnope = 1\n')
    result = check("--config", str(plain))
    assert result.exit_code == 2 and f"{plain}: [tool.dtdl-lint] nope: unknown key" in result.stderr
