"""Golden cases of `dtdl-lint diff`: each folder of fixtures/diff/ holds OLD/ and NEW/ (two model sets), an
`expected.json` (a list of {code, file, pointer, line, col, related}: the related places as file:line:col) and
optionally `args.json` (more arguments, paths relative to the case: --twins twins). DTDL_LINT_REGEN=1 rewrites
the expectations; review the diff."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from dtdl_lint import codes
from dtdl_lint.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "diff"
CASES = sorted(p.parent for p in FIXTURES.glob("*/expected.json"))


def run_case(case: Path, monkeypatch) -> list[dict]:
    monkeypatch.chdir(case)
    extra = json.loads((case / "args.json").read_text()) if (case / "args.json").exists() else []
    result = CliRunner().invoke(main, ["diff", "--output-format", "json", *extra, "OLD", "NEW"])
    found = json.loads(result.stdout)
    assert result.exit_code == (1 if any(d["severity"] == "error" for d in found) else 0), result.output
    return [
        {
            "code": d["code"],
            "file": d["file"],
            "pointer": d["pointer"],
            "line": d["line"],
            "col": d["column"],
            "related": [f"{r['file']}:{r['line']}:{r['column']}" for r in d.get("related", [])],
        }
        for d in found
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_diff_case(case: Path, monkeypatch) -> None:
    found = run_case(case, monkeypatch)
    if os.environ.get("DTDL_LINT_REGEN"):
        (case / "expected.json").write_text(json.dumps(found, indent=2) + "\n")
    assert found == json.loads((case / "expected.json").read_text())


def test_every_case_shows_its_code() -> None:
    """Each case is named after the code it shows, and every DTL6xx finding has its previous place."""
    names = {c.name: c.code for c in codes.ALL.values()}
    for case in CASES:
        found = json.loads((case / "expected.json").read_text())
        assert names[case.name] in {e["code"] for e in found}, case.name
        assert all(e["related"] for e in found if e["code"].startswith("DTL6")), case.name
