"""Real ontologies (../shared/corpora/): each folder, loaded as one model set, gives no error."""

from __future__ import annotations

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
    """Every file defines an Interface, and each Interface's contents are its own and every ancestor's, by name,
    its own winning: what twins and patches are checked against."""
    folder = shared / "corpora" / name
    models = load_models([folder])
    assert len(models.interfaces) >= len(list(folder.rglob("*.json")))
    inheriting = 0
    for dtmi, interface in models.interfaces.items():
        ancestors = models.ancestors(dtmi)
        inheriting += bool(ancestors)
        names = {c.name for base in ancestors if base in models.interfaces for c in models.interfaces[base].contents}
        contents = models.contents(dtmi)
        assert set(contents) == names | {c.name for c in interface.contents}, dtmi
        assert all(contents[c.name] is c for c in interface.contents), dtmi
    assert inheriting  # (the corpora are ontologies: inherited contents are exercised)
