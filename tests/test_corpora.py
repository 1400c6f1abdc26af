"""Real ontologies (../shared/corpora/): each folder, loaded as one model set, gives no error."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dtdl_lint import lint_models, load_models

CORPORA = ("opendigitaltwins-building", "opendigitaltwins-energygrid", "opendigitaltwins-smartcities")


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_has_no_error(shared: Path, name: str) -> None:
    found = lint_models([shared / "corpora" / name])
    errors = [f"{d.file}:{d.line}: {d.code} {d.message}" for d in found if d.severity == "error"]
    assert not errors, "\n".join(errors[:20])


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_loads_every_interface(shared: Path, name: str) -> None:
    folder = shared / "corpora" / name
    models = load_models([folder])
    assert len(models.interfaces) >= len(list(folder.rglob("*.json")))
    for dtmi in models.interfaces:
        assert models.contents(dtmi) is not None


def test_building_corpus_loads_fast(shared: Path) -> None:
    folder = shared / "corpora" / "opendigitaltwins-building"
    load_models([folder])  # warm the imports
    start = time.perf_counter()
    load_models([folder])
    assert time.perf_counter() - start < 2.0
