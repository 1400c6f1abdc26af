"""The library's entry points: load and lint models, lint a model repository; lint values, twins, relationships,
patches, Azure Digital Twins import files and queries.

Each function takes its models as a ModelSet or as sources (a mapping of name -> text, or paths of files and
folders), turns sources into a ModelSet here (loading.py), and calls the layer that checks (values.py, twin.py,
patch.py, importfile.py, query/). A ModelSet loaded with a repository is completed from it with the models the
instances name.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from typing import TYPE_CHECKING

from . import loading, workers
from .diagnostics import Diagnostic
from .importfile import ImportFile
from .loading import Sources, load_models, paused_gc
from .modelset import ModelSet
from .patch import check_patch
from .repository import check_repository
from .twin import check_relationship, check_twin
from .values import check_value

if TYPE_CHECKING:
    from .diff import Migration


@paused_gc()
def lint_models(
    sources: Sources, *, models: Sources = (), repo: str | os.PathLike | None = None, extensions: str = "version"
) -> list[Diagnostic]:
    """The findings about `sources`, located (line, column) and sorted. (The object model is not needed for
    them, so it is not built.) `extensions`: an undefined extension @context is accepted ("allow"), an error
    ("disallow"), or as each DTDL version has it by default ("version": v2 accepts it, v3 does not)."""
    modelset = loading.load_models(sources, models=models, repo=repo, extensions=extensions)
    found = [d for d in modelset.diagnostics if d.file in modelset.checked]
    return loading.locate(found, modelset.texts)


def lint_repository(
    repo: str | os.PathLike, paths: Iterable[str | os.PathLike] | None = None, *, extensions: str = "allow"
) -> list[Diagnostic]:
    """The findings of the model repository `repo` (dtmi/com/example/room-1.json), located and sorted: each model
    checked with its dependency closure resolved from the repository, as the official parser checks it there,
    and the repository's conventions (DTL3xx). `paths` (files or folders in the repository, as a pull request's
    changed files) checks those models, every model that depends on one of them, and the files of their
    closures; None checks every model. A finding in a dependency is reported once, on the dependency's file."""
    return sorted(check_repository(repo, paths, extensions=extensions).diagnostics, key=Diagnostic.sort_key)


def _modelset(models: ModelSet | Sources | None) -> ModelSet:
    """`models` itself if it is a ModelSet, else the ModelSet of those sources (None: no models)."""
    if isinstance(models, ModelSet):
        return models
    return ModelSet() if models is None else load_models(models)


def lint_value(
    value: object, schema: str, models: ModelSet | Sources | None = None, *, text: bool = False
) -> list[Diagnostic]:
    """The findings about `value` for `schema`: a primitive term ("double"), its DTMI, a geospatial or IoT Central
    term or DTMI, or the @id of a schema element of `models` (a ModelSet or sources).

    `value` is a parsed JSON value: a Python str is a string value (`lint_value("hot", "string")` is []). JSON
    text is given as bytes, or as a str with `text=True` (`lint_value("21.5", "double", text=True)`); text that
    is not JSON gives findings. A `schema` that names no schema is a programmer error and raises ValueError."""
    return check_value(value, schema, _modelset(models), text=text)


def lint_twin(
    twin: object, models: ModelSet | Sources, *, twin_id: str | None = None, target: str = "adt"
) -> list[Diagnostic]:
    """What `target` ("adt" or "iothub") would reject in `twin` (parsed JSON, or JSON text or bytes);
    `models` is a ModelSet or sources (a ModelSet loaded with a repository is completed from it). `twin_id` is
    the id in the request URL (PUT /digitaltwins/{twin_id}), which the service uses: the body's $dtId may be
    left out or null, and one that differs is ignored (a DTL423 warning). Pointers point into the twin; `file`
    is left empty."""
    return check_twin(twin, _modelset(models), twin_id=twin_id, target=target, complete=loading.complete)


def lint_relationship(
    rel: object,
    models: ModelSet | Sources,
    *,
    source_id: str | None = None,
    relationship_id: str | None = None,
    twins: Mapping[str, object] | None = None,
    seen: dict | None = None,
) -> list[Diagnostic]:
    """What Azure Digital Twins would reject in the relationship `rel` (parsed JSON, or JSON text or bytes).

    `source_id` and `relationship_id` are the ids in the request URL (PUT /digitaltwins/{source_id}/relationships/
    {relationship_id}), which the service uses: the body's $sourceId and $relationshipId may be left out or
    null, and ones that differ are ignored (DTL423 warnings); $targetId and $relationshipName are required.
    `twins` maps twin ids to twins (at least their `$metadata.$model`); without it the source model is
    unknown and only the relationship's shape is checked. `seen` is an (opaque) dict the caller keeps across
    calls: each relationship is recorded in it, to report duplicate ids and counts beyond maxMultiplicity."""
    return check_relationship(
        rel,
        _modelset(models),
        source_id=source_id,
        relationship_id=relationship_id,
        twins=twins,
        seen=seen,
        complete=loading.complete,
    )


def lint_patch(
    patch: object,
    models: ModelSet | Sources | None,
    *,
    model: str | None = None,
    twin: object = None,
    target: str = "adt",
    component: str | None = None,
    relationship: object = None,
    twins: dict | None = None,
) -> list[Diagnostic]:
    """What the service would reject in `patch` (parsed JSON, or JSON text/bytes) for a twin of `model`.

    `models` is a ModelSet, or sources for load_models (None: no models); a ModelSet loaded with a repository
    is completed from it. With the current `twin`, the patch is applied and the result checked with lint_twin
    (and `model` defaults to the twin's $metadata.$model); without it, a DTL515 warning names the operations
    whose outcome could not be checked. Without a model, the checks that need none are made and a DTL516
    warning says so. `component` names the component of PATCH /digitaltwins/{id}/components/{component}: the
    paths are relative to it (messages name the twin's path). `relationship` is the current relationship of
    PATCH /digitaltwins/{src}/relationships/{id}: the patch may change the properties its Relationship declares
    in the model of the source twin (`twin`, else twins[$sourceId]) and is simulated on it; `twins` maps twin
    ids to twins. Pointers point into the patch.
    """
    return check_patch(
        patch,
        _modelset(models),
        model=model,
        twin=twin,
        target=target,
        component=component,
        relationship=relationship,
        twins=twins,
        complete=loading.complete,
    )


def lint_import(
    path_or_lines: str | os.PathLike | bytes | Iterable[str | bytes],
    *,
    models: ModelSet | Sources = (),
    repo: str | os.PathLike | None = None,
    jobs: int = 1,
    twins: Mapping[str, object] | None = None,
    name: str | None = None,
    extensions: str = "allow",
) -> Iterator[Diagnostic]:
    """The findings about an Azure Digital Twins import file, in the order of its lines, as they are found (the
    file is read line by line, in memory that grows with its twins and relationships, not their text).

    `path_or_lines` is the file's path, its content as bytes, or its lines (str or bytes, as a file object yields
    them). `models` (sources, or a ModelSet) and `repo` (a model repository the sources are completed from) stand
    for the models already in the instance, which the file's twins may use; without them, a twin whose model is
    not in the file is a DTL808 warning. `twins` maps the ids of twins already in the instance to them (at least
    their `$metadata.$model`), which the file's relationships may connect. `jobs` > 1 checks twin and
    relationship lines in that many worker processes (forked; where there is no fork, in this one). `name` is the
    file's name in findings (default: the path, or "<import>"). A path that cannot be read is a DTL001 finding;
    a `jobs` below 1, or a `repo` given with a ModelSet (which has its own), raises ValueError."""
    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive integer, not {jobs!r}")
    if isinstance(models, ModelSet) and repo is not None:
        raise ValueError("repo is given with sources; a ModelSet is completed from the repository it was loaded with")
    if not isinstance(models, ModelSet):
        models = load_models({}, models=models, repo=repo, extensions=extensions)
    check = partial(ImportFile, models=models, twins=twins, jobs=workers.usable(jobs), extensions=extensions)
    if isinstance(path_or_lines, (str, os.PathLike)):
        path = os.fspath(path_or_lines)
        return check(name or path).check_path(path)
    lines = [path_or_lines] if isinstance(path_or_lines, bytes) else path_or_lines
    return check(name or "<import>").check_lines(lines)


def diff_models(old: ModelSet | Sources, new: ModelSet | Sources) -> list[Diagnostic]:
    """What the change from the models `old` to `new` (each a ModelSet or sources) breaks: the DTL6xx findings,
    located in `new` with their place in `old` as `related`, sorted (the models' own findings are not included:
    see lint_models)."""
    from . import diff  # (only a diff needs it)

    return diff.diff_models(_modelset(old), _modelset(new))


def migrate_twin(
    twin: dict, old: ModelSet | Sources, new: ModelSet | Sources, *, seen: dict | None = None
) -> Migration | None:
    """What moving `twin` (parsed JSON), whose model is in `old`, to the newest version of its model in `new`
    takes: whether it conforms as it is (lint_twin), the migration patch and what would still be rejected
    (diff.Migration); None when its $metadata.$model is not an Interface of `old`. `seen` is an (opaque) dict the
    caller keeps across the twins of the same two ModelSets (the new set's versions are gathered once)."""
    from . import diff

    return diff.migrate_twin(twin, _modelset(old), _modelset(new), seen)


def lint_query(query: object, models: ModelSet | Sources | None = None) -> list[Diagnostic]:
    """What Azure Digital Twins would reject in the query text `query` (SqlQueryError), and, as warnings, what
    would make it silently find nothing: names and values that the models do not have, where the query says
    which model a twin has (IS_OF_MODEL, $metadata.$model, a JOIN's relationship). `models` is a ModelSet or
    sources (None: the language and the service's rules only); a ModelSet loaded with a repository is completed
    from it. Each finding has the line and column in the query text (1:1 is its first character) and no pointer
    or file."""
    from .query import check_query  # here, not above: only queries need the query grammar (lark)

    return check_query(query, _modelset(models), complete=loading.complete)
