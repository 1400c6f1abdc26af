"""The official DTDL v2 parser cases (../shared/conformance/dtdl-v2-cases.jsonl), scored as its README says.

- verdict: a valid case gives no error, an invalid one at least one (warnings never count);
- id mapping: on `generated` cases that list the expected errors, every error we report carries a parser id
  among them;
- `unresolvedIdentifiers`: the unresolved-reference findings name exactly those DTMIs.
Cases listed in tests/conformance-known-gaps.txt (id, then the reason) are reported apart, never silently.
`python tests/test_conformance.py` prints every disagreement.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dtdl_lint import codes, lint_models

KNOWN_GAPS_FILE = Path(__file__).with_name("conformance-known-gaps.txt")
VERDICT_THRESHOLD = 0.995
MAPPING_THRESHOLD = 0.97
UNRESOLVED = re.compile(r"^(dtmi:\S+) is not defined")


def known_gaps(path: Path = KNOWN_GAPS_FILE) -> dict[str, str]:
    gaps = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            case_id, _, reason = line.partition(" ")
            assert reason.strip(), f"known gap {case_id} has no reason"
            gaps[case_id] = reason.strip()
    return gaps


@dataclass
class Score:
    cases: int = 0
    agreed: int = 0
    mapped_cases: int = 0
    mapped: int = 0
    skipped: dict[str, str] = field(default_factory=dict)
    disagreements: dict[str, str] = field(default_factory=dict)

    @property
    def verdict_rate(self) -> float:
        return self.agreed / self.cases if self.cases else 1.0

    @property
    def mapping_rate(self) -> float:
        return self.mapped / self.mapped_cases if self.mapped_cases else 1.0


def run_case(case: dict):
    """The error findings of one case, linted with the case's options and resolver responses."""
    sources = {f"doc{i}.json": text for i, text in enumerate(case["modelsText"])}
    # what the harness's resolver answers is parsed (and reported) like the documents themselves
    sources.update(
        {
            f"resolved{i}-{j}.json": json.dumps(doc, indent=2)
            for i, step in enumerate(case.get("extra", {}).get("resolution", ()))
            for j, doc in enumerate(step.get("response", ()))
        }
    )
    options = case["options"]
    if "DisallowUndefinedExtensions" in options:
        extensions = "disallow"
    elif "AllowUndefinedExtensions" in options:
        extensions = "allow"
    else:
        extensions = "version"  # the default of each DTDL version
    found = lint_models(sources, extensions=extensions)
    return [d for d in found if d.severity == "error"]


def score(cases: list[dict]) -> Score:
    result = Score()
    for case in cases:
        if case["quirks"]:
            result.skipped[case["id"]] = f"parser leniency switch {case['quirks']}"
            continue
        errors = run_case(case)
        result.cases += 1
        problems = []
        if bool(errors) == case["valid"]:
            problems.append(
                f"expected {'valid' if case['valid'] else 'invalid'}, found {len(errors)} errors: "
                + "; ".join(f"{d.code} {d.parser_id.rpartition(':')[2]} {d.message}" for d in errors[:4])
            )
        else:
            result.agreed += 1
        if case.get("unresolvedIdentifiers"):
            named = {
                m.group(1)
                for d in errors
                if d.code == codes.UNRESOLVED_REFERENCE.code
                for m in [UNRESOLVED.match(d.message)]
                if m
            }
            if named != set(case["unresolvedIdentifiers"]):
                problems.append(f"unresolved {sorted(named)}, expected {case['unresolvedIdentifiers']}")
        if case["suite"] == "generated" and case["expected"]:
            result.mapped_cases += 1
            allowed = {e["validationId"] for e in case["expected"]}
            stray = [d for d in errors if d.parser_id not in allowed]
            if stray:
                problems.append(
                    "errors outside the expected ids "
                    + str(sorted({e.rpartition(":")[2] for e in allowed}))
                    + ": "
                    + "; ".join(f"{d.code} {d.parser_id.rpartition(':')[2]} {d.message}" for d in stray[:4])
                )
            else:
                result.mapped += 1
        if problems:
            result.disagreements[case["id"]] = " | ".join(problems)
    return result


@pytest.fixture(scope="module")
def scored(shared: Path) -> Score:
    path = shared / "conformance" / "dtdl-v2-cases.jsonl"
    return score([json.loads(line) for line in path.read_text().splitlines() if line.strip()])


def test_verdicts_agree_with_the_official_parser(scored: Score) -> None:
    assert scored.cases and scored.verdict_rate >= VERDICT_THRESHOLD, summary(scored)


def test_errors_map_to_the_expected_parser_ids(scored: Score) -> None:
    assert scored.mapped_cases and scored.mapping_rate >= MAPPING_THRESHOLD, summary(scored)


def test_only_known_gaps_disagree(scored: Score) -> None:
    gaps = known_gaps()
    unexpected = {k: v for k, v in scored.disagreements.items() if k not in gaps}
    assert not unexpected, "cases that disagree and are not listed as known gaps:\n" + "\n".join(
        f"{k}: {v}" for k, v in sorted(unexpected.items())
    )


def test_known_gaps_are_few_and_still_gaps(scored: Score) -> None:
    gaps = known_gaps()
    assert len(gaps) <= 30
    mended = sorted(set(gaps) - set(scored.disagreements))
    assert not mended, f"these known gaps now agree; remove them from {KNOWN_GAPS_FILE.name}: {mended}"


def summary(result: Score) -> str:
    return (
        f"verdicts {result.agreed}/{result.cases} ({result.verdict_rate:.2%}), ids mapped "
        f"{result.mapped}/{result.mapped_cases} ({result.mapping_rate:.2%}), {len(result.skipped)} skipped"
    )


if __name__ == "__main__":
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    lines = (shared / "conformance" / "dtdl-v2-cases.jsonl").read_text().splitlines()
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    result = score([c for c in map(json.loads, lines) if only in c["id"]])
    gaps = known_gaps()
    for case_id, problem in sorted(result.disagreements.items()):
        print(f"{'GAP ' if case_id in gaps else ''}{case_id}: {problem}")
    print(summary(result), f"{len(result.disagreements)} disagreements")
