"""The library's entry points: load and lint models; lint values, twins, relationships and patches.

Each function takes its models as a ModelSet or as sources (a mapping of name -> text, or paths of files and
folders), turns sources into a ModelSet here (loading.py), and calls the layer that checks (values.py, twin.py,
patch.py). A ModelSet loaded with a repository is completed from it with the models the instances name.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from . import loading
from .diagnostics import Diagnostic
from .loading import Sources, load_models, paused_gc
from .modelset import ModelSet
from .patch import check_patch
from .twin import check_relationship, check_twin
from .values import check_value

if TYPE_CHECKING:
    from .diff import Migration


@paused_gc()
def lint_models(
    sources: Sources, *, models: Sources = (), repo: str | os.PathLike | None = None, extensions: str = "allow"
) -> list[Diagnostic]:
    """The findings about `sources`, located (line, column) and sorted. (The object model is not needed for
    them, so it is not built.)"""
    modelset = loading.load_models(sources, models=models, repo=repo, extensions=extensions)
    found = [d for d in modelset.diagnostics if d.file in modelset.checked]
    return loading.locate(found, modelset.texts)


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
