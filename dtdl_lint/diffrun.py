"""One run of `dtdl-lint diff`: read the two model sets (paths, or a git revision and the working tree), compare
them (diff.py), check the twins given against the new versions of their models and write their migration
patches.

Of the JSON files found, only models are compared (classified as `check` does: run.classify), so that twins,
patches and other JSON files beside them do not count. A revision is read with `git cat-file`, nothing is
checked out; its files are named REV:path.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from . import codes, loading
from . import source as sourcelib
from .diagnostics import Diagnostic, Related, Severity, clip, join_pointer, listing
from .diff import diff_models, locate_related, migrate_twin
from .model import Unchecked
from .modelset import ModelSet
from .run import JSON_LINES, SUFFIXES, UsageError, classify, matches

_OPERATION = re.compile(r"^operation [0-9]+ \((?:replace|add) /[^)]*\): ")  # (what the patch linter says first)


@dataclass
class DiffOptions:
    """What `dtdl-lint diff` was asked to do."""

    new: tuple[str, ...]  # paths of the new model set
    old: tuple[str, ...] = ()  # paths of the old model set (without base)
    base: str | None = None  # a git revision holding the old model set (at the paths of the new one)
    twins: tuple[str, ...] = ()
    write_patches: str | None = None
    exclude: tuple[str, ...] = ()  # globs of files and folders not read (the configuration's, as check has them)
    root: Path = field(default_factory=Path.cwd)  # what the globs are relative to
    written: list[str] = field(default_factory=list)  # (out) the patch files written
    skipped: int = 0  # (out) the JSON files of the new set that are not models (as check counts them)


def run_diff(options: DiffOptions) -> tuple[list[Diagnostic], int]:
    """The findings of the diff (located and sorted: what left part of the new set not compared, the DTL6xx
    findings, those of the twins) and the number of model files of the new set; raises UsageError."""
    for given in (*options.new, *options.old, *options.twins):
        if given == "" or not Path(given).exists():
            raise UsageError(f"{given or repr(given)}: no such file or folder")
    old_sources = _from_git(options.base, options.new) if options.base else _from_paths(options.old)
    read = loading.read_sources(options.new)
    new_sources = _models_only(iter(read))
    options.skipped = sum(src.name not in new_sources and not _excluded(src.name, options) for src in read)
    if options.exclude:
        old_sources, new_sources = (
            {name: src for name, src in sources.items() if not _excluded(name, options)}
            for sources in (old_sources, new_sources)
        )
    old, new = loading.load_models(old_sources), loading.load_models(new_sources)
    changes = diff_models(old, new)
    found = loading.locate(_incomparable(new), new.texts) + changes
    edited = {d.dtmi for d in changes if d.code == codes.UNVERSIONED_CHANGE.code}
    unchanged = {dtmi for dtmi in old.interfaces if dtmi in new.interfaces and dtmi not in edited}
    seen: dict = {}
    for name, pointer, line, twin in _twins(options.twins, found):
        found.extend(_migrated(name, pointer, line, twin, old, new, options, unchanged, seen))
    return sorted(found, key=Diagnostic.sort_key), len(new_sources)


def _excluded(name: str, options: DiffOptions) -> bool:
    """Does an exclude glob match the file (a file of a revision by its path)?"""
    path = name[len(options.base) + 1 :] if options.base and name.startswith(f"{options.base}:") else name
    return any(matches(path, glob, options.root) for glob in options.exclude)


def _incomparable(models: ModelSet) -> list[Diagnostic]:
    """The findings of the new set that leave part of it not compared: its errors, and every finding about a file
    none of whose models was loaded (not read, or of a DTDL version dtdl-lint does not check). Its warnings about
    models that were compared are `check`'s business."""
    loaded = {e.source for e in models.parsed if not isinstance(e, Unchecked)}
    return [
        d
        for d in models.diagnostics
        if d.file in models.checked and (d.severity == Severity.ERROR or d.file not in loaded)
    ]


def _models_only(sources: Iterator[sourcelib.Source]) -> dict[str, sourcelib.Source]:
    """The sources that are models (or broken documents that look like ones), by name."""
    found = {}
    for src in sources:
        if src.ok and classify(src.data) != "model":
            continue
        if not src.ok and src.text.strip() and '"@context"' not in src.text and "dtmi:" not in src.text:
            continue  # (some other JSON-like file, as `check` has it)
        found[src.name] = src
    return found


def _from_paths(paths: tuple[str, ...]) -> dict[str, sourcelib.Source]:
    return _models_only(iter(loading.read_sources(paths)))


def _from_git(revision: str, paths: tuple[str, ...]) -> dict[str, sourcelib.Source]:
    """The JSON files below `paths` at `revision`, named REV:path (path as given, relative to here)."""
    listed = _git(["ls-tree", "-r", "-z", "--name-only", revision, "--", *paths], f"cannot read revision {revision}")
    names = [name for name in listed.decode("utf-8", "surrogateescape").split("\0") if name.endswith(SUFFIXES[0])]
    if not names:
        return {}
    batch = "".join(f"{revision}:./{name}\n" for name in names).encode("utf-8", "surrogateescape")
    out = _git(["cat-file", "--batch"], "cannot read the files of the revision", batch)
    sources = []
    at = 0
    for name in names:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split()
        if len(header) < 3 or header[1] != b"blob":
            raise UsageError(f"{revision}:{name}: not a file of the revision")
        size = int(header[2])
        sources.append(sourcelib.load(f"{revision}:{name}", out[header_end + 1 : header_end + 1 + size]))
        at = header_end + 2 + size
    return _models_only(iter(sources))


def _git(arguments: list[str], problem: str, given: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *arguments], input=given, capture_output=True, check=False)
    except OSError as error:
        raise UsageError(f"{problem}: git: {error.strerror}") from None
    if done.returncode:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"{problem}: git: {said[0] if said else f'exit code {done.returncode}'}")
    return done.stdout


def _twins(paths: tuple[str, ...], found: list[Diagnostic]) -> Iterator[tuple[str, str, int, dict]]:
    """(file, pointer, line, twin) of each twin of the files below `paths`: a twin or an array of them in a JSON
    file, one a line in JSON Lines (read a line at a time, as `check` reads them); what cannot be read goes into
    `found`."""
    for given in paths:
        for entry in loading.walk(given, SUFFIXES, paths) if os.path.isdir(given) else [os.path.normpath(given)]:
            if isinstance(entry, sourcelib.Source):  # a folder or file not read
                found.extend(entry.diagnostics)
            elif entry.lower().endswith(JSON_LINES):
                yield from _twin_lines(entry, found)
            else:
                yield from _twin_document(loading.read_or_report(entry), found)


def _twin_lines(name: str, found: list[Diagnostic]) -> Iterator[tuple[str, str, int, dict]]:
    try:
        stream = open(name, "rb")  # noqa: SIM115 (the `with` below closes it)
    except OSError as error:
        found.extend(sourcelib.unreadable(name, error).diagnostics)
        return
    with stream:
        for number, raw in sourcelib.read_lines(stream):
            if raw is None:
                limit = f"line {number} is larger than {sourcelib.MAX_BYTES >> 20} MiB"
                found.append(codes.FILE_TOO_LARGE(limit, file=name, line=number, column=1))
            elif not raw.isspace():
                record = sourcelib.load(name, raw.rstrip(b"\r\n"))
                found.extend(sourcelib.on_line(d, number) for d in sourcelib.locate(record.text, record.diagnostics))
                if record.ok and isinstance(record.data, dict):
                    yield name, "", number, record.data


def _twin_document(src: sourcelib.Source, found: list[Diagnostic]) -> Iterator[tuple[str, str, int, dict]]:
    found.extend(loading.locate(src.diagnostics, {src.name: src.text}))
    if not src.ok:
        return
    data = src.data
    items: list[tuple[str, object]] = (
        [(join_pointer("", i), item) for i, item in enumerate(data)] if isinstance(data, list) else [("", data)]
    )
    places = [codes.TWIN_NOT_MIGRATABLE("", file=src.name, pointer=p) for p, item in items if isinstance(item, dict)]
    lines = {d.pointer: d.line for d in loading.locate(places, {src.name: src.text})}  # (one index of the text)
    for pointer, item in items:
        if isinstance(item, dict):
            yield src.name, pointer, lines[pointer], item


def _migrated(
    name: str,
    pointer: str,
    line: int,
    twin: dict,
    old: ModelSet,
    new: ModelSet,
    options: DiffOptions,
    unchanged: set[str],
    seen: dict,
) -> list[Diagnostic]:
    """The finding of a twin that does not migrate to the new version of its model, or its patch written (nothing
    for a twin whose model is `unchanged` and has no later version: the diff does not concern it)."""
    migration = migrate_twin(twin, old, new, seen)
    if migration is None or (migration.target == migration.model and migration.model in unchanged):
        return []
    given_id = twin.get("$dtId")
    twin_id = given_id if isinstance(given_id, str) else f"{name}{pointer}"
    if migration.target is None:
        message = f"twin {clip(twin_id)}: its model {clip(migration.model)} and every later version of it are gone"
        model = old.interfaces[migration.model]
        related: tuple[Related, ...] = (Related(model.source, 0, 0, model.pointer, "its model"),)
    elif migration.problems:
        reasons = listing((_OPERATION.sub("", d.message) for d in migration.problems), 3)
        target = new.interfaces[migration.target]
        message = (
            f"twin {clip(twin_id)} does not conform to {clip(migration.target)} even with its missing components "
            f"added: {reasons}"
        )
        related = (Related(target.source, 0, 0, target.pointer, "the new model"),)
    else:
        if options.write_patches and migration.patch:
            _write(options, twin_id, migration.patch)
        return []
    found = codes.TWIN_NOT_MIGRATABLE(
        message, file=name, pointer=pointer, line=line or 1, column=1, dtmi=migration.model, related=related
    )
    return [locate_related(found, (old if migration.target is None else new).texts)]


def _write(options: DiffOptions, twin_id: str, patch: list[dict]) -> None:
    """Write a twin's migration patch to the patches folder as <twin id>.json (the id escaped as in a URL)."""
    folder = Path(options.write_patches or ".")
    try:
        folder.mkdir(exist_ok=True)
        path = folder / f"{quote(twin_id, safe='') or '_'}.json"
        path.write_text(json.dumps(patch, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"{folder}: {error.strerror or error}") from None
    options.written.append(str(path))
