"""The official DTDL v3 parser cases (../shared/conformance/dtdl-v3-cases.jsonl), scored as the v2 cases are
(tests/test_conformance.py): verdicts, parser ids on the `generated` cases, unresolved identifiers. A case's
options decide undefined extension contexts; a case without options takes each version's default.
Cases listed in tests/conformance-v3-known-gaps.txt are reported apart. `python tests/test_conformance_v3.py`
prints every disagreement."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from test_conformance import MAPPING_THRESHOLD, VERDICT_THRESHOLD, Score, known_gaps, score, summary

KNOWN_GAPS_FILE = Path(__file__).with_name("conformance-v3-known-gaps.txt")
CASES = Path("conformance") / "dtdl-v3-cases.jsonl"


@pytest.fixture(scope="module")
def scored(shared: Path) -> Score:
    return score([json.loads(line) for line in (shared / CASES).read_text().splitlines() if line.strip()])


def test_verdicts_agree_with_the_official_parser(scored: Score) -> None:
    assert scored.cases and scored.verdict_rate >= VERDICT_THRESHOLD, summary(scored)


def test_errors_map_to_the_expected_parser_ids(scored: Score) -> None:
    assert scored.mapped_cases and scored.mapping_rate >= MAPPING_THRESHOLD, summary(scored)


def test_only_known_gaps_disagree(scored: Score) -> None:
    gaps = known_gaps(KNOWN_GAPS_FILE)
    unexpected = {k: v for k, v in scored.disagreements.items() if k not in gaps}
    assert not unexpected, "cases that disagree and are not listed as known gaps:\n" + "\n".join(
        f"{k}: {v}" for k, v in sorted(unexpected.items())
    )


def test_known_gaps_are_still_gaps(scored: Score) -> None:
    mended = sorted(set(known_gaps(KNOWN_GAPS_FILE)) - set(scored.disagreements))
    assert not mended, f"these known gaps now agree; remove them from {KNOWN_GAPS_FILE.name}: {mended}"


if __name__ == "__main__":
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    lines = (shared / CASES).read_text().splitlines()
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    result = score([c for c in map(json.loads, lines) if only in c["id"]])
    gaps = known_gaps(KNOWN_GAPS_FILE)
    for case_id, problem in sorted(result.disagreements.items()):
        print(f"{'GAP ' if case_id in gaps else ''}{case_id}: {problem}")
    print(summary(result), f"{len(result.disagreements)} disagreements")
