"""Sources -> ModelSet: files and folders read, models parsed and checked, completed from a model repository;
findings located. api.py and the command line (run.py) both load models through it."""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from . import modelcheck, parsing
from . import source as sourcelib
from .diagnostics import Diagnostic, clip
from .language import DEFAULT
from .language.dtmi import repository_path
from .modelset import ModelSet

Sources = Iterable[str | os.PathLike] | Mapping[str, str | bytes]


@contextmanager
def paused_gc():
    """Pause Python's cyclic garbage collector while models are read and checked, as it was found after.

    Loading a model set builds tens of thousands of objects that live as long as it does, and no garbage
    cycles; the collector, triggered by the allocations, would walk them again and again (a third of the
    time of checking the building ontology). Reference counting still frees everything else at once."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


SKIPPED_FOLDERS = {"node_modules", "__pycache__", "venv", "site-packages"}  # and every hidden folder


def walk(
    folder: str | os.PathLike, suffixes: tuple[str, ...] = (".json",), within: Iterable[str | os.PathLike] = ()
) -> Iterator[str | sourcelib.Source]:
    """The files with one of `suffixes` below a folder, in a stable order (a folder's files, then its folders),
    skipping hidden folders, node_modules, virtual environments and caches; named as pathlib would name them,
    without building a Path for each (that was a tenth of checking a folder of models). The library and the
    command line search folders alike.

    Only regular files are read from a folder, and links to them that stay within the folder or the other paths
    given (`within`): a pipe, device or socket, or a link leading elsewhere, is yielded as a Source with a DTL011
    finding, and a folder that cannot be read as one with a DTL001 finding. Links to folders are not followed."""
    places = [os.path.realpath(place) for place in (folder, *within)]
    pending = [os.fspath(folder)]
    while pending:
        root = pending.pop()
        shown = root[2:] if root == "." or root.startswith("./") else root  # below ".", Path drops the "./"
        try:
            with os.scandir(root) as listed:
                entries = sorted(listed, key=lambda entry: entry.name)
        except OSError as error:
            yield sourcelib.unreadable(shown or ".", error, "folder")
            continue
        folders = []
        for entry in entries:
            name = entry.name
            if _is_folder(entry):
                if (
                    not name.startswith(".")
                    and name not in SKIPPED_FOLDERS
                    and not os.path.exists(os.path.join(entry.path, "pyvenv.cfg"))
                ):
                    folders.append(entry.path)
            elif name.lower().endswith(suffixes):
                path = os.path.join(shown, name)
                skipped = _not_read(entry, places)
                if skipped is None:
                    yield path
                elif skipped:
                    yield sourcelib.skipped(path, skipped)
        pending.extend(reversed(folders))


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:  # reported when it is read
        return False


def _not_read(entry: os.DirEntry, places: list[str]) -> str | None:
    """Why a file found in a folder is not read ("" for a link to a folder, which is not followed), or None."""
    try:
        if entry.is_file(follow_symlinks=False):
            return None
        link = entry.is_symlink()
        if link:
            target = os.path.realpath(entry.path)
            if os.path.isdir(target):
                return ""
            if not any(target == place or target.startswith(place.rstrip(os.sep) + os.sep) for place in places):
                return f"a link to {clip(os.readlink(entry.path))}, outside the paths given (name it to check it)"
            if not os.path.exists(target):
                return None  # a dangling link: reading it says so
            mode = os.stat(target).st_mode
        else:
            mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:  # reported when it is read
        return None
    if stat.S_ISREG(mode):
        return None
    kind = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"a link to {kind}" if link else f"{kind}, not a regular file"


def read_sources(sources: Sources) -> list[sourcelib.Source]:
    """Sources from a mapping of name -> text (or -> a Source already read, which is used as it is), or from
    paths: a file named is read, a folder searched for *.json (`walk`); a path that cannot be read is a DTL001
    finding, as on the command line for a file found in a folder."""
    if isinstance(sources, Mapping):
        return [
            text if isinstance(text, sourcelib.Source) else sourcelib.load(name, text) for name, text in sources.items()
        ]
    given = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
    found: list[sourcelib.Source] = []
    for path in given:
        for entry in walk(path, within=given) if os.path.isdir(path) else [path]:
            found.append(entry if isinstance(entry, sourcelib.Source) else read_or_report(entry))
    return found


def read_or_report(path: str | os.PathLike, name: str | None = None) -> sourcelib.Source:
    """The Source of a file; one that cannot be read holds the DTL001 finding that says why."""
    try:
        return sourcelib.read_file(path, name)
    except OSError as error:
        return sourcelib.unreadable(str(Path(path)) if name is None else name, error)


@paused_gc()
def load_models(
    sources: Sources, *, models: Sources = (), repo: str | os.PathLike | None = None, extensions: str = "version"
) -> ModelSet:
    """A ModelSet of `sources` (checked) and `models` (loaded to resolve references only), completed from the
    model repository `repo` (IoT Plug and Play layout) for what stays unresolved, and later for the models that
    the twins, relationships and patches linted with it name (`complete`). Never raises for bad models: what is
    wrong is in `ModelSet.diagnostics`.

    Errors follow the official parser's phases (modelcheck.gate): when the documents themselves are broken
    (JSON, @context, @id, a top-level element that is no Interface), their errors are all that is reported;
    when elements are wrong, unresolved references and model-wide checks (extends, Components, schema depth...)
    wait until those are fixed; model-wide checks run once every reference resolves. Every error of the
    phase that failed is reported, and every warning. Only the findings about `sources` decide the phase,
    so a broken file given with `models` never hides the findings about `sources`."""
    modelset = ModelSet(repo=None if repo is None else os.fspath(repo))
    checked = read_sources(sources)
    add_sources(modelset, checked, extensions)
    modelset.checked.update(src.name for src in checked)
    add_sources(modelset, read_sources(models), extensions)
    if modelset.repo is not None:
        _from_repo(modelset, modelset.repo, modelcheck.unresolved(modelset), extensions)
    modelcheck.check(modelset)
    modelset.diagnostics[:] = modelcheck.gate(modelset.diagnostics, modelset.checked, modelcheck.phases_of(modelset))
    return modelset


def add_sources(modelset: ModelSet, sources: list[sourcelib.Source], extensions: str) -> None:
    """Parse the sources into `modelset` (each name once), with their reading findings."""
    for src in sources:
        if src.name in modelset.texts:
            continue
        modelset.texts[src.name] = src.text
        modelset.diagnostics.extend(src.diagnostics)
        if src.ok:
            parsing.parse(src, modelset, extensions=extensions)


def _from_repo(modelset: ModelSet, repo: str, wanted: set[str], extensions: str) -> None:
    """Add the models of `wanted` from the repository, then of every reference still unresolved, until none is
    found."""
    while wanted:
        modelset.tried.update(wanted)
        paths = [repo_path(repo, d) for d in sorted(wanted)]
        # (one that cannot be read is a finding of a file that is not reported, named where a twin needs its model)
        add_sources(modelset, [read_or_report(path) for path in paths if path.is_file()], extensions)
        wanted = modelcheck.unresolved(modelset) - modelset.tried


def complete(models: ModelSet, dtmis: Iterable[object]) -> None:
    """Add to `models`, from its repository (`load_models(..., repo=)`), the Interfaces of `dtmis` it lacks, with
    their dependencies: twins, relationships and patches name their models only when they are read. Anything
    that is not a versioned DTMI is not looked for."""
    wanted = {
        d
        for d in dtmis
        if isinstance(d, str) and d not in models.interfaces and d not in models.tried and DEFAULT.dtmi.is_valid(d)
    }
    if models.repo is None or not wanted:
        return
    with paused_gc():
        known = len(models.parsed)
        _from_repo(models, models.repo, wanted, "allow")
        if len(models.parsed) > known:
            models.forget()


def repo_path(repo: str | os.PathLike, dtmi: str) -> Path:
    """Where a model repository in the IoT Plug and Play layout keeps `dtmi`:
    dtmi:com:example:Thermostat;1 -> REPO/dtmi/com/example/thermostat-1.json."""
    return Path(repo, repository_path(dtmi))


def locate(found: Iterable[Diagnostic], texts: Mapping[str, str]) -> list[Diagnostic]:
    """Fill in line and column from each finding's pointer, indexing only the files that have findings, each
    along the pointers of its findings; sorted by place."""
    found = list(found)
    pending: dict[str, list[Diagnostic]] = {}
    for diagnostic in found:
        if not diagnostic.line and diagnostic.file in texts:
            pending.setdefault(diagnostic.file, []).append(diagnostic)
    placed: dict[int, Diagnostic] = {}
    for name, diagnostics in pending.items():
        placed.update(zip(map(id, diagnostics), sourcelib.locate(texts[name], diagnostics), strict=True))
    return sorted((placed.get(id(d), d) for d in found), key=Diagnostic.sort_key)
