"""A model repository (the IoT Plug and Play layout: dtmi/com/example/thermostat-1.json) checked as one: each model
with its dependency closure resolved from the repository, as the official parser checks a model there, and the
repository's conventions (DTL3xx).

Every file is read and parsed once, into a ModelSet of its own: files may legitimately share inner ids (two
versions of a device do), so there is no registry of the whole repository. A model's closure is checked as a
view over the ModelSets of its files (`Repository.closure`): the model's own elements, resolving into its
dependencies' elements; nothing is parsed again, and a dependency's own findings come from checking it, on its
own file, once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from . import codes, modelcheck
from . import source as sourcelib
from .diagnostics import Diagnostic, clip
from .language.dtmi import is_dtmi, repository_path
from .loading import add_sources, paused_gc, read_or_report, walk
from .model import Element
from .modelset import ModelSet

EXPANDED = ".expanded.json"
RESERVED_WORDS = re.compile("azure|microsoft", re.IGNORECASE)  # (AzureIoT and MicrosoftIoT contain them)


class Repository:
    """The files of a model repository by their path relative to its root ('/'-separated, as a DTMI gives it),
    each parsed when first needed. `name` is how a file is reported (the root joined with its path)."""

    def __init__(self, root: str | os.PathLike, extensions: str = "allow") -> None:
        self.root = os.fspath(root)
        self.extensions = extensions
        self.names: dict[str, str] = {}  # path -> name of each model file
        self.expanded: dict[str, str] = {}  # path of the model -> name of its .expanded.json file
        self.unread: dict[str, sourcelib.Source] = {}  # name -> the finding of a file or folder not read
        self.parsed: dict[str, ModelSet] = {}  # path -> the ModelSet of that file alone
        self.texts: dict[str, str] = {}  # name -> text, to locate findings
        self.data: dict[str, object] = {}  # path -> JSON value, kept only when there are .expanded.json files
        self.arrays: set[str] = set()  # the paths of files that hold an array
        self._dependencies: dict[str, tuple[list[str], list[str]]] = {}
        models = os.path.join(self.root, "dtmi")  # (as the repository's CI: a model file is dtmi/**/*.json)
        for found in walk(models) if os.path.isdir(models) else ():
            if isinstance(found, sourcelib.Source):
                self.unread[found.name] = found
            elif found.lower().endswith(EXPANDED):
                self.expanded[self.path(found)[: -len(EXPANDED)] + ".json"] = found
            else:
                self.names[self.path(found)] = found

    def path(self, name: str | os.PathLike) -> str:
        """The path of a file below the root, '/'-separated."""
        return os.path.relpath(name, self.root).replace(os.sep, "/")

    def models(self, path: str) -> ModelSet:
        """The ModelSet of one file, parsed the first time it is asked for."""
        found = self.parsed.get(path)
        if found is None:
            name = self.names[path]
            src = read_or_report(name)
            self.texts[name] = src.text
            if self.expanded:
                self.data[path] = src.data
            if isinstance(src.data, list):
                self.arrays.add(path)
            found = self.parsed[path] = ModelSet(repo=self.root)
            add_sources(found, [src], self.extensions)
        return found

    def dependencies(self, path: str) -> list[str]:
        """The files that define what the file's references name and it does not, found where their DTMIs say."""
        return self._resolve(path)[0]

    def _resolve(self, path: str) -> tuple[list[str], list[str]]:
        """(the files the references of a file lead to, the DTMIs they name that the repository lacks)."""
        found = self._dependencies.get(path)
        if found is None:
            files: list[str] = []
            lacking: list[str] = []
            for dtmi in sorted(modelcheck.unresolved(self.models(path))):
                place = repository_path(dtmi)
                if place in self.names and dtmi in self.models(place).elements:
                    if place not in files:
                        files.append(place)
                else:
                    lacking.append(dtmi)
            found = self._dependencies[path] = (files, lacking)
        return found

    def closure_of(self, path: str) -> list[str]:
        """The file and every file its dependencies lead to, transitively, breadth first."""
        order = [path]
        seen = {path}
        for place in order:
            for dependency in self.dependencies(place):
                if dependency not in seen:
                    seen.add(dependency)
                    order.append(dependency)
        return order

    def closure(self, path: str) -> ModelSet:
        """The model set of a file with its closure, as a view: the file's own elements (the ones checked) and, to
        resolve into, the elements of every file of the closure, the file's first. An explicit @id defined by
        several files of the closure is a duplicate there, as when the official parser resolves them together."""
        own = self.models(path)
        view = ModelSet(
            interfaces=own.interfaces,
            elements=own.elements,
            diagnostics=list(own.diagnostics),
            parsed=own.parsed,
            duplicates=own.duplicates,
            repo=self.root,
        )
        files = [self.models(place) for place in self.closure_of(path)[1:]]
        if files:
            view.elements, view.interfaces, view.duplicates = {}, {}, list(own.duplicates)
            for models in reversed(files):
                view.elements.update(models.elements)
                view.interfaces.update(models.interfaces)
            view.duplicates.extend(
                own.elements[ident]
                for ident in own.elements.keys() & view.elements.keys()
                if own.elements[ident].explicit_id and view.elements[ident].explicit_id
            )
            view.elements.update(own.elements)
            view.interfaces.update(own.interfaces)
        return view

    def dependents(self, paths: Iterable[str]) -> set[str]:
        """The model files whose closure holds one of `paths`: found by the DTMIs of those files in their text
        (read, not parsed), then confirmed on the parsed closure."""
        changed = set(paths)
        roots = {e.id for path in changed for e in self.models(path).parsed if e.parent is None and e.explicit_id}
        texts = {path: _text(name) for path, name in self.names.items() if path not in changed}
        candidates: set[str] = set()
        while roots:
            pattern = re.compile("|".join(re.escape(f'"{dtmi}"') for dtmi in sorted(roots)))
            found = {path for path, text in texts.items() if path not in candidates and pattern.search(text)}
            candidates |= found
            roots = {e.id for path in found for e in self.models(path).parsed if e.parent is None and e.explicit_id}
        return {path for path in candidates if changed.intersection(self.closure_of(path))}

    def check(self, path: str) -> list[Diagnostic]:
        """The findings of one model file: of its closure (those of the official parser's first phase with errors),
        and of the repository's conventions."""
        view = self.closure(path)
        modelcheck.check(view)
        name = self.names[path]
        return [*modelcheck.gate(view.diagnostics, {name}), *self.conventions(path)]

    def conventions(self, path: str) -> Iterator[Diagnostic]:
        """Where the file is, how many models it holds, the ids it defines (DTL301-DTL304). An inline @id must
        start with its model's DTMI without the version, as strict validation requires (a test of the text, not
        of segments: dtmi:com:example:RoomSensor;1 passes under dtmi:com:example:Room;1, as it does there); a
        reserved word is reported once per file, at its first @id."""
        models, name = self.models(path), self.names[path]
        tops = [e for e in models.parsed if e.parent is None and e.explicit_id]
        if len(tops) == 1 and is_dtmi(tops[0].id) and repository_path(tops[0].id) != path:
            yield codes.MISPLACED_MODEL(
                f"{path} holds {clip(tops[0].id)}, which the repository keeps at {repository_path(tops[0].id)}",
                file=name,
                pointer="/@id",
                dtmi=tops[0].id,
            )
        if path in self.arrays:
            yield codes.SEVERAL_MODELS_IN_FILE(
                f"{path} holds an array of {len(tops)} models; a repository file holds one model, a JSON object",
                file=name,
            )
        reserved = []
        for element in models.parsed:
            if not element.explicit_id:
                continue
            if element.parent is not None:
                top = _top(element)
                namespace = top.id.partition(";")[0]  # (a prefix, as strict validation tests it)
                if top.explicit_id and not element.id.startswith(namespace):
                    yield codes.ID_OUTSIDE_MODEL(
                        f"{clip(element.id)} is not under the DTMI of its model {clip(top.id)} "
                        f"(it should start with {clip(namespace)})",
                        file=name,
                        pointer=element.pointer + "/@id",
                        dtmi=element.id,
                    )
            if RESERVED_WORDS.search(element.id):
                reserved.append(element)
        if reserved:
            first = reserved[0]
            word = RESERVED_WORDS.search(first.id).group()  # type: ignore[union-attr]
            more = len(reserved) - 1
            others = f" (and {more} more @id{'s' * (more > 1)} of this file)" if more else ""
            yield codes.RESERVED_WORD_IN_ID(
                f"{clip(first.id)} contains the reserved word '{word}'{others}",
                file=name,
                pointer=first.pointer + "/@id",
                dtmi=first.id,
            )

    def check_expanded(self, path: str) -> Iterator[Diagnostic]:
        """Is the .expanded.json file of the model at `path` the array of the model and the models of its closure,
        the model first, each as in its own file (compared as JSON values)? (DTL306)"""
        name = self.expanded[path]
        src = read_or_report(name)
        self.texts[name] = src.text
        if not src.ok:
            yield from src.diagnostics
            return
        data = src.data

        def stale(message: str, pointer: str = "") -> Diagnostic:
            return codes.STALE_EXPANDED(message, file=name, pointer=pointer)

        if path not in self.names:
            yield stale(f"there is no model {path} for this expanded file")
            return
        if not isinstance(data, list) or not data:
            yield stale("an expanded file holds a non-empty JSON array: the model, then its dependencies")
            return
        closure = self.closure_of(path)
        self.models(path)
        if data[0] != self.data[path]:
            yield stale(f"the first element is not the model of {path}, as it is there", "/0")
        expected = {_root_id(self.data[place]): place for place in closure}
        given: set[object] = set()
        for index, item in enumerate(data[1:], 1):
            ident = _root_id(item)
            given.add(ident)
            place = expected.get(ident)
            if place is None:
                yield stale(f"{clip(str(ident))} is not in the dependency closure of {path}", f"/{index}")
            elif item != self.data[place]:
                yield stale(f"{clip(str(ident))} differs from the model in {place}", f"/{index}")
        lacking = [place for ident, place in expected.items() if place != path and ident not in given]
        if lacking:
            yield stale(f"the dependencies in {', '.join(lacking)} are missing")


def _text(name: str) -> str:
    """A file's text, for a search (undecodable bytes replaced; a file that cannot be read is empty)."""
    try:
        with open(name, "rb") as file:
            return file.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _top(element: Element) -> Element:
    while element.parent is not None:
        element = element.parent
    return element


def _root_id(value: object) -> object:
    return value.get("@id") if isinstance(value, dict) else None


def _within(path: str, given: list[str]) -> bool:
    return any(path == place or path.startswith(place.rstrip("/") + "/") or place == "." for place in given)


class Checked(NamedTuple):
    """What a repository check found (not located), the texts to locate it, and how many model files it checked."""

    diagnostics: list[Diagnostic]
    texts: dict[str, str]
    files: int


@paused_gc()
def check_repository(
    root: str | os.PathLike, paths: Iterable[str | os.PathLike] | None = None, *, extensions: str = "allow"
) -> Checked:
    """The findings of a model repository: of every model file (and
    the files and folders below dtmi/ that could not be read), or of the model files among `paths` (files or
    folders in the repository) with every model file that depends on one of them and the files of their
    closures; each checked with its dependency closure, and the .expanded.json file of each."""
    repository = Repository(root, extensions)
    found: list[Diagnostic] = []
    if paths is None:
        checked = set(repository.names)
        for src in repository.unread.values():
            found.extend(src.diagnostics)
        expanded = set(repository.expanded)
    else:
        given = [repository.path(p) for p in paths]
        inside = [path for path in repository.names if _within(path, given)]
        starts = set(inside) | repository.dependents(inside)
        checked = {place for path in starts for place in repository.closure_of(path)}
        expanded = {path for path, name in repository.expanded.items() if path in checked or _within(name, given)}
    for path in sorted(checked):
        found.extend(repository.check(path))
    for path in sorted(expanded):
        found.extend(repository.check_expanded(path))
    return Checked(list(dict.fromkeys(found)), repository.texts, len(checked))
