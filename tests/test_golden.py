"""Golden cases: each folder of fixtures/ is run through `dtdl-lint check` and compared with expected.json.

A case folder holds exactly the files one would pass to the command, an `expected.json` (a list of
{code, file, pointer, line, col}) and optionally `args.json` (extra command-line arguments, paths relative to
the case) and `keywords.json` (library keywords the command line has no option for, by function:
{"lint_patch": {"component": "thermostat1"}} checks the case's patches as the library call with them would).
fixtures/examples/* are valid by definition and must give no finding.
DTDL_LINT_REGEN=1 rewrites the expectations; review the diff.
"""

from __future__ import annotations

import json
import os
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from dtdl_lint import api, codes
from dtdl_lint.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# fixtures/diff/* are pairs of model sets, run by tests/test_diff_golden.py; they count for the codes they show
DIFF_CASES = sorted(p.parent for p in FIXTURES.glob("diff/*/expected.json"))
CASES = sorted(p.parent for p in FIXTURES.glob("**/expected.json") if p.parent.parent.name != "diff")
EXAMPLES = sorted(p for p in (FIXTURES / "examples").iterdir() if p.is_dir())
# Codes that no file of a fixture can trigger, each with the test that covers it instead.
NOT_IN_FIXTURES = {
    "DTL008": "needs a 64 MiB file; tests/test_source.py::test_file_too_large",
    "DTL143": "needs a 1 MiB Interface; tests/test_v3.py::test_an_interface_is_at_most_1_mib_of_text",
    "DTL810": "needs 10,001 models, 2,000,001 twins or a 1 MB model; tests/test_importfile.py::test_limits",
}


def run_case(case: Path, monkeypatch) -> list[dict]:
    monkeypatch.chdir(case)
    extra = json.loads((case / "args.json").read_text()) if (case / "args.json").exists() else []
    if (case / "keywords.json").exists():
        for name, keywords in json.loads((case / "keywords.json").read_text()).items():
            monkeypatch.setattr(api, name, partial(getattr(api, name), **keywords))
    inputs = sorted(p.name for p in case.iterdir() if p.name not in ("expected.json", "args.json", "keywords.json"))
    result = CliRunner().invoke(main, ["check", "--output-format", "json", *extra, *inputs])
    assert result.exit_code in (0, 1), result.output
    found = json.loads(result.stdout)
    assert result.exit_code == (1 if any(d["severity"] == "error" for d in found) else 0), result.output
    return [
        {"code": d["code"], "file": d["file"], "pointer": d["pointer"], "line": d["line"], "col": d["column"]}
        for d in found
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_case(case: Path, monkeypatch) -> None:
    found = run_case(case, monkeypatch)
    if os.environ.get("DTDL_LINT_REGEN"):
        (case / "expected.json").write_text(json.dumps(found, indent=2) + "\n")
    assert found == json.loads((case / "expected.json").read_text())


@pytest.mark.parametrize("case", EXAMPLES, ids=lambda p: p.name)
def test_example_is_clean(case: Path, monkeypatch) -> None:
    assert run_case(case, monkeypatch) == []


def test_every_code_has_a_case() -> None:
    covered = {
        entry["code"] for case in (*CASES, *DIFF_CASES) for entry in json.loads((case / "expected.json").read_text())
    }
    missing = sorted(set(codes.ALL) - covered - set(NOT_IN_FIXTURES))
    assert not missing, f"codes without a golden case in fixtures/: {missing}"


def test_every_case_is_named_after_what_it_shows() -> None:
    """A case folder named after a code's name must trigger that code (keeps the catalogue honest)."""
    names = {c.name: c.code for c in codes.ALL.values()}
    named = [case for case in CASES if case.name in names]
    assert len(named) > len(CASES) / 2  # most cases are named so
    for case in named:
        found = {e["code"] for e in json.loads((case / "expected.json").read_text())}
        assert names[case.name] in found, f"{case} does not produce {names[case.name]}"
