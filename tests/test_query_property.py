"""Queries generated from the building ontology (../shared/corpora/opendigitaltwins-building): with the names of its
models they give no finding; with one letter of one name changed, exactly one DTL7xx finding.

The oracle reads the models through ModelSet's public methods only: the names a twin selected by IS_OF_MODEL may
have are the contents of that model (exact) or of any model that is it or extends it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dtdl_lint import lint_query, load_models
from dtdl_lint.model import Component, Property, Relationship
from dtdl_lint.query.syntax import RESERVED

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
LITERALS = {"string": "'x'", "boolean": "true", "integer": "1", "long": "1", "double": "1.5", "float": "1.5"}


@pytest.fixture(scope="module")
def ontology(shared: Path):
    return load_models([shared / "corpora" / "opendigitaltwins-building"])


def written(name: str) -> str:
    """A name as a query writes it: a reserved word escaped."""
    return f"[[{name}]]" if name.upper() in RESERVED else name


def selected(models, dtmi: str, exact: bool) -> list[str]:
    """The models of the twins IS_OF_MODEL(dtmi[, exact]) selects (the ontology has one version of each)."""
    return [dtmi] if exact else [m for m in models.interfaces if models.is_a(m, dtmi)]


def names_of(models, dtmis: list[str], kind: type = object) -> set[str]:
    """The names of the contents (of that kind) of those models."""
    return {name for m in dtmis for name, content in models.contents(m).items() if isinstance(content, kind)}


def condition(alias: str, content) -> str:
    """A condition on a content that holds for some twin: a comparison with a value of its schema, or IS_DEFINED."""
    if isinstance(content, Property) and isinstance(content.schema, str) and content.schema in LITERALS:
        return f"{alias}.{written(content.name)} = {LITERALS[content.schema]}"
    return f"IS_DEFINED({alias}.{written(content.name)})"


@st.composite
def queries(draw, models):
    """(query template, the names in it, for each the names that would be valid in its place): `{0}`, `{1}` ...
    stand for the names, so that one can be changed."""
    interfaces = sorted(models.interfaces)
    dtmi = draw(st.sampled_from(interfaces))
    contents = models.contents(dtmi)
    properties = sorted(n for n, c in contents.items() if isinstance(c, (Property, Component)))
    assume(properties)
    exact = draw(st.booleans())
    name = draw(st.sampled_from(properties))
    model = f"IS_OF_MODEL(T, '{dtmi}'{', exact' if exact else ''})"
    relationships = sorted(
        n for n, c in contents.items() if isinstance(c, Relationship) and c.target in models.interfaces
    )
    models_of_t = selected(models, dtmi, exact)
    if not relationships or draw(st.booleans()):
        template = f"SELECT T FROM DIGITALTWINS T WHERE {model} AND {condition('T', contents[name])}"
        return template.replace(f".{written(name)}", ".{0}", 1), [name], [names_of(models, models_of_t)]
    relationship = draw(st.sampled_from(relationships))
    target = contents[relationship].target
    targets = sorted(n for n, c in models.contents(target).items() if isinstance(c, (Property, Component)))
    assume(targets)
    reached = draw(st.sampled_from(targets))
    template = (
        f"SELECT T, C FROM DIGITALTWINS T JOIN C RELATED T.{{0}} WHERE T.$dtId = 'a' AND {model} AND "
        + condition("C", models.contents(target)[reached]).replace(f".{written(reached)}", ".{1}", 1)
    )
    # C's twins have the target of each Relationship of that name the models of T have, or a model extending one
    ends = {models.contents(m)[relationship].target for m in models_of_t if relationship in models.contents(m)}
    assume(all(end in models.interfaces for end in ends))
    reachable = [m for end in ends for m in selected(models, end, exact=False)]
    return template, [relationship, reached], [names_of(models, models_of_t, Relationship), names_of(models, reachable)]


@given(data=st.data())
def test_names_of_the_models_give_no_finding(ontology, data) -> None:
    template, names, _ = data.draw(queries(ontology))
    query = template.format(*map(written, names))
    assert lint_query(query, ontology) == [], query


@given(data=st.data())
def test_one_changed_letter_gives_exactly_one_finding(ontology, data) -> None:
    template, names, valid = data.draw(queries(ontology))
    which = data.draw(st.integers(0, len(names) - 1))
    name = names[which]
    index = data.draw(st.integers(0, len(name) - 1))
    letter = data.draw(st.sampled_from(LETTERS).filter(lambda c: c != name[index]))
    changed = name[:index] + letter + name[index + 1 :]
    assume(changed not in valid[which])
    names = [*names[:which], changed, *names[which + 1 :]]
    query = template.format(*map(written, names))
    found = lint_query(query, ontology)
    assert len(found) == 1, (query, found)
    assert found[0].code.startswith("DTL7") and found[0].severity == "warning"
    assert changed in query[found[0].column - 1 : found[0].end_column - 1]
