"""A model repository (the IoT Plug and Play layout: dtmi/com/example/thermostat-1.json) checked as one: each model
with its dependency closure resolved from the repository, as the official parser checks a model there, and the
repository's conventions (DTL3xx).

Every file is read once, and parsed once into a ModelSet of its own: files may legitimately share inner ids (two
versions of a device do), so there is no registry of the whole repository. A model's closure is checked as a
view over the parsed files (`Repository.closure`): the model's own elements, resolving into its dependencies'
elements; nothing is parsed again, and a dependency's own findings come from checking it, on its own file, once.
Memory stays flat: the DTMIs each file's text names tell, before anything is parsed, which files a model may
need (`Repository.candidates`), and a parsed file is dropped once every model that may need it is checked.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from . import codes, modelcheck
from . import source as sourcelib
from .diagnostics import Diagnostic, clip
from .language.dtmi import is_dtmi, repository_path
from .loading import add_sources, paused_gc, walk
from .model import Element
from .modelset import ModelSet

EXPANDED = ".expanded.json"
DTMI_STRING = re.compile(rb'"(dtmi:[^"\\]*)"')  # a DTMI as a JSON string, as models refer to one another
RESERVED_WORDS = re.compile("azure|microsoft", re.IGNORECASE)  # (AzureIoT and MicrosoftIoT contain them)


class File:
    """One file of the repository, parsed: its elements as a ModelSet of its own had them, the findings of reading
    and parsing it, and whether it holds an array."""

    __slots__ = ("array", "diagnostics", "duplicates", "elements", "interfaces", "parsed")

    def __init__(self, models: ModelSet, array: bool) -> None:
        self.elements, self.interfaces, self.parsed = models.elements, models.interfaces, models.parsed
        self.duplicates, self.diagnostics, self.array = models.duplicates, models.diagnostics, array

    def drop(self) -> None:
        """Unlink its elements from their parents, so that they are freed with it (an element and its parent refer
        to each other: a cycle, and the collector is paused)."""
        for element in self.parsed:
            element.parent = None


class Repository:
    """The files of a model repository by their path relative to its root ('/'-separated, as a DTMI gives it).
    `names` gives how a file is reported (the root joined with its path). Each file is read at the start (`read`)
    and parsed when first needed (`file`); its bytes are kept until it is parsed, its text until its findings are
    located, its JSON only when .expanded.json files are compared with it."""

    def __init__(self, root: str | os.PathLike, extensions: str = "allow") -> None:
        self.root = os.fspath(root)
        self.extensions = extensions
        self.names: dict[str, str] = {}  # path -> name of each model file
        self.expanded: dict[str, str] = {}  # path of the model -> name of its .expanded.json file
        self.unread: dict[str, sourcelib.Source] = {}  # name -> the finding of a file or folder not read
        self.raw: dict[str, bytes | sourcelib.Source] = {}  # path -> its bytes (or why it was not read), until parsed
        self.uses: dict[str, frozenset[str]] = {}  # path -> the other files at the paths of the DTMIs it names
        self.files: dict[str, File] = {}  # path -> the file parsed, until no model left to check may need it
        self.texts: dict[str, str] = {}  # name -> text, until its findings are located
        self.data: dict[str, object] = {}  # path -> JSON value, kept only when there are .expanded.json files
        self._wanted: dict[str, list[tuple[str, str]]] = {}
        self._dependencies: dict[str, list[str]] = {}
        root = os.path.normpath(self.root)
        self.prefix = "" if root == "." else os.path.join(root, "")  # of the names of the files below the root
        models = os.path.join(self.root, "dtmi")  # (as the repository's CI: a model file is dtmi/**/*.json)
        for found in walk(models) if os.path.isdir(models) else ():
            if isinstance(found, sourcelib.Source):
                self.unread[found.name] = found
            elif found.lower().endswith(EXPANDED):
                self.expanded[self.path(found)[: -len(EXPANDED)] + ".json"] = found
            else:
                self.names[self.path(found)] = found

    def path(self, name: str | os.PathLike) -> str:
        """The path of a file below the root, '/'-separated (by its name's prefix where it starts with the root
        as the folder walk names files below it: os.path.relpath asks the system for the current folder)."""
        name = os.path.normpath(name)
        if name.startswith(self.prefix) and not os.path.isabs(name[len(self.prefix) :]):
            return name[len(self.prefix) :].replace(os.sep, "/")
        return os.path.relpath(name, self.root).replace(os.sep, "/")

    def read(self) -> None:
        """Read every model file, and note the other files at the paths of the DTMIs it names (a C-speed search of
        its bytes): those its references may lead to."""
        names, none = self.names, frozenset[str]()
        for path, name in names.items():
            raw = self.raw[path] = _read(name)
            found = (
                {repository_path(d.decode("utf-8", "replace")) for d in DTMI_STRING.findall(raw)}
                if isinstance(raw, bytes)
                else ()
            )
            self.uses[path] = frozenset(place for place in found if place in names and place != path) or none

    def candidates(self, path: str) -> list[str]:
        """The file and every file it may depend on, transitively: those its text and theirs name (`uses`, a
        superset of its closure, known before anything is parsed)."""
        order = [path]
        seen = {path}
        for place in order:
            for found in self.uses.get(place, ()):
                if found not in seen:
                    seen.add(found)
                    order.append(found)
        return order

    def file(self, path: str) -> File:
        """A file parsed, the first time it is asked for."""
        found = self.files.get(path)
        if found is None:
            name = self.names[path]
            raw = self.raw.pop(path, None)
            if raw is None:  # not read at the start, or dropped: only a DTMI its text escapes leads here again
                raw = _read(name)
            src = raw if isinstance(raw, sourcelib.Source) else sourcelib.load(name, raw)
            self.texts[name] = src.text
            if self.expanded:
                self.data[path] = src.data
            models = ModelSet()
            add_sources(models, [src], self.extensions)
            found = self.files[path] = File(models, isinstance(src.data, list))
        return found

    def drop(self, path: str) -> None:
        """Forget a parsed file (and its JSON), once no model left to check may need it."""
        file = self.files.pop(path, None)
        if file is not None:
            file.drop()
        self.data.pop(path, None)

    def dependencies(self, path: str) -> list[str]:
        """The files that define what the file's references name and it does not, found where their DTMIs say
        (a file elsewhere, or one there defining another DTMI, is not found: DTL305)."""
        found = self._dependencies.get(path)
        if found is None:
            found = self._dependencies[path] = [
                place for place, dtmi in self.wanted(path) if place in self.names and dtmi in self.file(place).elements
            ]
        return found

    def wanted(self, path: str) -> list[tuple[str, str]]:
        """(path, DTMI) of each DTMI the file's references name and it does not define, once per path."""
        found = self._wanted.get(path)
        if found is None:
            file = self.file(path)
            places: dict[str, str] = {}
            for dtmi in sorted({value for e in file.parsed for _, value, _ in e.references} - file.elements.keys()):
                places.setdefault(repository_path(dtmi), dtmi)
            found = self._wanted[path] = list(places.items())
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
        resolve into, the elements of every file of the closure, the file's first. An explicit @id of the file
        that a dependency defines too is a duplicate of the dependency's, as when the official parser resolves
        them together."""
        own = self.file(path)
        view = ModelSet(
            interfaces=own.interfaces,
            elements=own.elements,
            diagnostics=list(own.diagnostics),
            parsed=own.parsed,
            duplicates=own.duplicates,
            repo=self.root,
        )
        files = [self.file(place) for place in self.closure_of(path)[1:]]
        if files:
            theirs: dict[str, Element] = {}
            view.interfaces = {}
            for file in reversed(files):
                theirs.update(file.elements)
                view.interfaces.update(file.interfaces)
            view.interfaces.update(own.interfaces)
            view.elements = {**theirs, **own.elements}
            for ident in sorted(own.elements.keys() & theirs.keys()):
                if own.elements[ident].explicit_id and theirs[ident].explicit_id:
                    view.duplicates = [*view.duplicates, own.elements[ident]]
                    view.elements[ident] = theirs[ident]  # (defined first, as the finding says)
        return view

    def dependents(self, paths: Iterable[str]) -> set[str]:
        """The model files whose closure holds one of `paths`, or would if it defined what they refer to: those
        whose texts name the DTMI of one (a DTMI of its path: a model is found nowhere else), or of one of those,
        transitively; confirmed on the references of their parsed closures."""
        changed = set(paths)
        users: dict[str, set[str]] = {}
        for path, places in self.uses.items():
            for place in places:
                users.setdefault(place, set()).add(path)
        found: set[str] = set()
        pending = list(changed)
        while pending:
            for user in users.get(pending.pop(), ()):
                if user not in found and user not in changed:
                    found.add(user)
                    pending.append(user)
        return {
            path
            for path in found
            if any(place in changed for used in self.closure_of(path) for place, _ in self.wanted(used))
        }

    def check(self, path: str) -> list[Diagnostic]:
        """The findings of one model file, located: of its closure (those of the official parser's first phase
        with errors), and of the repository's conventions."""
        view = self.closure(path)
        modelcheck.check(view)
        view.forget()  # (what inheritance worked out refers back to the view: a cycle, and the collector is paused)
        name = self.names[path]
        found = [*modelcheck.gate(view.diagnostics, {name}, modelcheck.phases_of(view)), *self.conventions(path)]
        return sourcelib.locate(self.texts.pop(name, ""), found)

    def conventions(self, path: str) -> Iterator[Diagnostic]:
        """Where the file is, how many models it holds, the ids it defines (DTL301-DTL304). An inline @id must
        start with its model's DTMI without the version, as strict validation requires (a test of the text, not
        of segments: dtmi:com:example:RoomSensor;1 passes under dtmi:com:example:Room;1, as it does there); a
        reserved word is reported once per file, at its first @id."""
        file, name = self.file(path), self.names[path]
        tops = [e for e in file.parsed if e.parent is None and e.explicit_id]
        if len(tops) == 1 and is_dtmi(tops[0].id) and repository_path(tops[0].id) != path:
            yield codes.MISPLACED_MODEL(
                f"{path} holds {clip(tops[0].id)}, which the repository keeps at {repository_path(tops[0].id)}",
                file=name,
                pointer="/@id",
                dtmi=tops[0].id,
            )
        if file.array:
            yield codes.SEVERAL_MODELS_IN_FILE(
                f"{path} holds an array of {len(tops)} models; a repository file holds one model, a JSON object",
                file=name,
            )
        reserved = []
        for element in file.parsed:
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

    def check_expanded(self, path: str) -> list[Diagnostic]:
        """Is the .expanded.json file of the model at `path` the array of the model and the models of its closure,
        the model first, each as in its own file (compared as JSON values)? (DTL306)"""
        name = self.expanded[path]
        raw = _read(name)
        src = raw if isinstance(raw, sourcelib.Source) else sourcelib.load(name, raw)
        return sourcelib.locate(src.text, list(self._expanded(path, src)) if src.ok else src.diagnostics)

    def _expanded(self, path: str, src: sourcelib.Source) -> Iterator[Diagnostic]:
        name, data = src.name, src.data

        def stale(message: str, pointer: str = "") -> Diagnostic:
            return codes.STALE_EXPANDED(message, file=name, pointer=pointer)

        if path not in self.names:
            yield stale(f"there is no model {path} for this expanded file")
            return
        if not isinstance(data, list) or not data:
            yield stale("an expanded file holds a non-empty JSON array: the model, then its dependencies")
            return
        closure = self.closure_of(path)
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


def _read(name: str) -> bytes | sourcelib.Source:
    """The bytes of a file; the Source of its finding if it cannot be read, or is too large to be."""
    try:
        with open(name, "rb") as file:
            if os.fstat(file.fileno()).st_size > sourcelib.MAX_BYTES:
                return sourcelib.read_stream(file, name)
            return file.read()
    except OSError as error:
        return sourcelib.unreadable(name, error)


def _top(element: Element) -> Element:
    while element.parent is not None:
        element = element.parent
    return element


def _root_id(value: object) -> object:
    return value.get("@id") if isinstance(value, dict) else None


def _within(path: str, given: set[str]) -> bool:
    """Is the path one of `given` or below one of them?"""
    return path in given or "." in given or any(path[: i + 1] in given for i, c in enumerate(path) if c == "/")


class Checked(NamedTuple):
    """What a repository check found (located), and how many model files it checked."""

    diagnostics: list[Diagnostic]
    files: int


@paused_gc()
def check_repository(
    root: str | os.PathLike, paths: Iterable[str | os.PathLike] | None = None, *, extensions: str = "allow"
) -> Checked:
    """The findings of a model repository: of every model file (and the files and folders below dtmi/ that
    could not be read), or of the model files among `paths` (files or folders in the repository) with every
    model file that depends on one of them and the files of their closures; each checked with its dependency
    closure, and the .expanded.json file of each. A repository that is no folder, or paths outside it, are a
    programmer's error (ValueError)."""
    if not os.path.isdir(root):
        raise ValueError(f"{os.fspath(root)}: no such folder (given as the model repository)")
    repository = Repository(root, extensions)
    repository.read()
    found: list[Diagnostic] = []
    if paths is None:
        starts = set(repository.names)
        for src in repository.unread.values():
            found.extend(src.diagnostics)
        expanded = set(repository.expanded)
    else:
        given = {repository.path(p) for p in paths}
        outside = sorted(place for place in given if place == ".." or place.startswith("../"))
        if outside:
            raise ValueError(f"{outside[0]}: not in the model repository {repository.root}")
        given |= {place + "/" for place in given}
        expanded = {path for path, name in repository.expanded.items() if _within(repository.path(name), given)}
        inside = {path for path in repository.names if _within(path, given) or path in expanded}
        starts = inside | repository.dependents(inside)
    candidates = {place: repository.candidates(place) for path in starts for place in repository.candidates(path)}
    needers = Counter(place for places in candidates.values() for place in places)
    checked = sorted(starts)  # and the files of their closures, as they are found
    wanted = set(starts)
    for path in checked:
        found.extend(repository.check(path))
        if path in repository.expanded:
            found.extend(repository.check_expanded(path))
        for dependency in repository.closure_of(path)[1:]:
            if dependency not in wanted:
                wanted.add(dependency)
                checked.append(dependency)
        for place in candidates.get(path, ()):
            needers[place] -= 1
            if needers[place] <= 0:
                repository.drop(place)
    for path in sorted(expanded - wanted):  # expanded files without their model
        found.extend(repository.check_expanded(path))
    return Checked(list(dict.fromkeys(found)), len(checked))
