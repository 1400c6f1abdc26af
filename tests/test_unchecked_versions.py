"""Documents of a DTDL version dtdl-lint does not check (v4): one DTL106 warning each, counted in the summary line
whether DTL106 is reported or not, and a failure of the run when --fail-on (or fail-on in the configuration) names
the code."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dtdl_lint import cli
from dtdl_lint.config import ConfigError, check_fail_on

V4 = {"@context": "dtmi:dtdl:context;4", "@id": "dtmi:com:example:Room;1", "@type": "Interface"}
V2 = {"@context": "dtmi:dtdl:context;2", "@id": "dtmi:com:example:Floor;1", "@type": "Interface"}


@pytest.fixture
def models(tmp_path, monkeypatch):
    """A folder with one v2 model and one v4 model; cwd is it."""
    (tmp_path / "floor.json").write_text(json.dumps(V2))
    (tmp_path / "room.json").write_text(json.dumps(V4))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str):
    return CliRunner().invoke(cli.main, ["check", *args])


def test_a_document_not_checked_is_a_warning_counted_in_the_summary(models) -> None:
    result = check(".")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("room.json:1:2: DTL106 this document is DTDL v4;")
    assert lines[1] == (
        "Found 1 problem (0 errors, 1 warning) in 2 files; 1 document not checked: DTDL version not supported (DTL106)."
    )


def test_ignoring_dtl106_still_says_what_was_not_checked(models) -> None:
    result = check("--ignore", "DTL106", ".")
    assert result.exit_code == 0
    assert result.stdout == (
        "No problems found in 2 files, but 1 document not checked: DTDL version not supported (DTL106).\n"
    )
    assert check("--ignore", "DTL106", "floor.json").stdout == "All checks passed (1 file).\n"


@pytest.mark.parametrize(
    ("fail_on", "exit_code"),
    [
        ((), 0),
        (("--fail-on", "DTL106"), 1),
        (("--fail-on", "DTL1"), 1),
        (("--fail-on", "error,DTL106"), 1),
        (("--fail-on", "DTL9"), 0),
        (("--fail-on", "warning"), 1),
    ],
)
def test_fail_on_names_codes_that_fail_the_run(models, fail_on, exit_code) -> None:
    assert check(*fail_on, ".").exit_code == exit_code


def test_fail_on_a_code_keeps_failing_on_errors(models) -> None:
    (models / "broken.json").write_text('{"@context": ')
    assert check("--fail-on", "DTL9", ".").exit_code == 1
    assert check("--fail-on", "DTL106", "--exit-zero", ".").exit_code == 0


def test_fail_on_in_the_configuration(models) -> None:
    (models / "pyproject.toml").write_text('[tool.dtdl-lint]\nfail-on = ["error", "DTL106"]\n')
    assert check(".").exit_code == 1
    assert check("--fail-on", "error", ".").exit_code == 0  # the command line wins


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["error", "warning"], "give one severity, error or warning, not error and warning"),
        (["DTL1066"], "'DTL1066' is not a code or code prefix"),
        (["fatal"], "'fatal' is not a code or code prefix"),
    ],
)
def test_fail_on_values_are_checked(values, message) -> None:
    with pytest.raises(ConfigError, match=message):
        check_fail_on(values, "fail-on")


def test_a_wrong_fail_on_is_a_usage_error(models) -> None:
    result = check("--fail-on", "sometimes", ".")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "'sometimes' is not a code or code prefix" in result.stderr
