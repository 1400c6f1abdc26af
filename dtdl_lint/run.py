"""One run of `dtdl-lint check` (or `query`): find and classify the files, call the linters, filter, locate.

Every JSON file is classified by its content as a model, twin, relationship, patch or query request body
(`{"query": "SELECT ..."}`), or skipped as some other JSON file, like package.json; .jsonl/.ndjson files are
streamed line by line, each line a twin, relationship, patch or query request body; an .adtquery file is one
query. Findings are filtered (select, ignore, per-file-ignores) in one place, `Rules.keep`,
before they are located, so line and column are computed only for what is reported.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from . import codes, loading
from . import source as sourcelib
from .diagnostics import Diagnostic, Severity, json_kind, listing
from .modelset import ModelSet

KINDS = ("model", "twin", "relationship", "patch", "import")  # of the documents checked (`classify`; import files)
QUERY = ".adtquery"  # a file of one Azure Digital Twins query
SUFFIXES = (".json", ".jsonl", ".ndjson", QUERY)
JSON_LINES = (".jsonl", ".ndjson")
STDIN = "<stdin>"
_RELATIONSHIP_KEYS = frozenset(("$relationshipId", "$sourceId", "$targetId", "$relationshipName"))
# Text that marks a document that does not parse as one of ours rather than some other JSON-like file.
_MARKERS = re.compile(r'dtmi:|"@context"|"\$dtId"|"\$relationshipId"|"\$targetId"|"op"')


class UsageError(Exception):
    """A path, option or file that makes the run impossible (exit 2); the message is one line."""


@dataclass
class Rules:
    """Which findings are reported: layers of (select, extend-select, ignore), the configuration's first and
    the command line's last, and per-file ignores. Within a layer the most specific selector wins (DTL111
    over DTL1) and, at the same length, ignore wins; a layer that selects starts from nothing."""

    layers: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: Path = field(default_factory=Path.cwd)
    _enabled: dict[str, bool] = field(default_factory=dict, repr=False)
    _ignored_in: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def keep(self, diagnostic: Diagnostic) -> bool:
        code = diagnostic.code
        if not self.enabled(code):
            return False
        if not self.per_file_ignores:
            return True
        ignored = self._ignored_in.get(diagnostic.file)
        if ignored is None:
            ignored = self._ignored_in[diagnostic.file] = tuple(
                selector
                for glob, selectors in self.per_file_ignores
                if matches(diagnostic.file, glob, self.root)
                for selector in selectors
            )
        return not any(code.startswith(_prefix(s)) for s in ignored)

    def enabled(self, code: str) -> bool:
        on = self._enabled.get(code)
        if on is None:
            on = True
            for select, extend, ignore in self.layers:
                if select:
                    on = False
                ranked = sorted([(_prefix(s), 1) for s in (*select, *extend)] + [(_prefix(s), 2) for s in ignore])
                for prefix, rank in ranked:
                    if code.startswith(prefix):
                        on = rank == 1
            self._enabled[code] = on
        return on


def _prefix(selector: str) -> str:
    return "DTL" if selector == "ALL" else selector


def matches(file: str, glob: str, root: Path) -> bool:
    """Does the file (a path as reported) match the glob? A glob without '/' matches any file or folder name
    in the path; one with '/' matches the path relative to `root`, or a folder that holds it."""
    path = Path(file)
    if "/" not in glob:
        return any(fnmatchcase(part, glob) for part in path.parts)
    try:
        relative = Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        relative = path.as_posix()
    glob = glob.strip("/")
    return fnmatchcase(relative, glob) or fnmatchcase(relative, glob + "/*")


@dataclass
class Options:
    """What `dtdl-lint check` was asked to do (the command line and configuration merged)."""

    paths: tuple[str, ...]
    kind: str | None = None
    models: tuple[str, ...] = ()
    repo: str | None = None
    model: str | None = None
    per_file_models: tuple[tuple[str, str], ...] = ()  # (glob, model) for patches that --model does not cover
    twin: str | None = None
    target: str = "adt"
    extensions: str = "version"
    rules: Rules = field(default_factory=Rules)
    exclude: tuple[str, ...] = ()
    stdin_filename: str | None = None
    progress: Callable[[str], None] | None = None
    output_file: str | None = None  # where the report goes: never read as an input, even when found in a folder
    queries: tuple[tuple[str, str], ...] = ()  # (name, text) of queries given as text (`dtdl-lint query`)
    stream: bool = False  # give the findings as an iterator that reads JSON Lines files as it goes (the report)
    jobs: int | None = None  # worker processes for the twins and relationships of import files (None: a core each)


@dataclass
class Result:
    """The findings of a run: a list, or (Options.stream) an iterator to read once, which checks the JSON Lines
    files as it goes: the findings of the other files first, in order of place, then those of each stream in
    order of lines. `checked` and `skipped` are final once they are read; `findings()` reads them, counting."""

    diagnostics: Iterable[Diagnostic]
    checked: int = 0  # files checked
    skipped: int = 0  # JSON files that are none of ours
    counts: Counter = field(default_factory=Counter)  # the findings read through findings(), by code
    errors: int = 0  # ... and those of them that are errors
    unchecked: int = 0  # model documents of a DTDL version not checked (DTL106), reported or not

    def findings(self) -> Iterator[Diagnostic]:
        self.counts, self.errors = Counter(), 0
        for diagnostic in self.diagnostics:
            self.counts[diagnostic.code] += 1
            self.errors += diagnostic.severity == Severity.ERROR
            yield diagnostic

    def failing(self, fail_on: tuple[str, ...] = ()) -> int:
        """How many of the findings read fail the run under fail-on (config.check_fail_on): every finding at or
        above the severity given (default: error), and those of the codes given, whatever their severity
        (`--fail-on DTL106`: the documents of a DTDL version dtdl-lint does not check)."""
        if "warning" in fail_on:
            return sum(self.counts.values())
        selectors = [_prefix(s) for s in fail_on if s != "error"]
        return self.errors + sum(
            count
            for code, count in self.counts.items()
            if codes.ALL[code].severity != Severity.ERROR and any(code.startswith(s) for s in selectors)
        )


def run(options: Options) -> Result:
    """Check everything `options` names; raises UsageError for a missing path or unreadable named file (before
    any finding is given)."""
    return _Run(options).result()


def classify(data: object) -> str | None:
    """The kind of a JSON document by its content, or None for other JSON (package.json, tsconfig.json)."""
    if data == []:
        return "patch"  # an empty JSON Patch; an empty model array defines nothing
    if isinstance(data, dict) and data.keys() == {"query"}:
        return "query"  # the request body of the Query API (POST /query)
    if isinstance(data, dict):
        if not data.keys().isdisjoint(_RELATIONSHIP_KEYS):
            return "relationship"
        if "$dtId" in data or ("$metadata" in data and not _is_model(data)):
            return "twin"
        return "model" if _is_model(data) else None
    if isinstance(data, list):
        objects = [item for item in data if isinstance(item, dict)]
        if any("op" in item and not _is_model(item) for item in objects):
            return "patch"
        if any(_is_model(item) for item in objects) or any(
            isinstance(item, list) or (isinstance(item, str) and item.startswith("dtmi:")) for item in data
        ):
            return "model"  # the parser says what is wrong with the items that are not Interfaces
    return "model" if isinstance(data, str) and data.startswith("dtmi:") else None


_FIRST_LINE = re.compile(r"[\ufeff \t\r\n]*([^\n]*)")


def is_import_file(text: str) -> bool:
    """Does the text (of a file, or its start) begin with a section marker line, {"Section": "Header"} or another
    section's, as an Azure Digital Twins import file does (whatever the file's name)?"""
    match = _FIRST_LINE.match(text[:4096])
    line = match.group(1) if match else ""
    if '"Section"' not in line and "\\u" not in line:
        return False
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):
        return False
    return data.__class__ is dict and data.keys() == {"Section"}


def _is_model(item: dict) -> bool:
    return "@context" in item or "@id" in item or "@type" in item


class _Run:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.found: list[Diagnostic] = []
        self.texts: dict[str, str] = {}  # the non-model documents, for locating their findings
        self.model_texts: dict[str, str] = {}
        self.model_sources: dict[str, sourcelib.Source | str] = {}  # parsed once, or the text to read again
        self.documents: list[tuple[str, str, object]] = []  # (kind, name, data)
        self.queries: list[tuple[str, str]] = list(options.queries)  # (name, text) of each query file and given text
        self.twins = _TwinModels()
        self.keep_twins = True  # whether twins are remembered for the relationships that follow
        self.relationships: dict = {}  # what lint_relationship keeps across calls (duplicate ids, counts)
        self.twin: object = None  # the value given with --twin: the current twin of the patches
        self.models_of: dict[str, str | None] = {}  # the per-file-models model of each file with patches
        self.lines: list[tuple[str, str | None, BinaryIO | None]] = []  # the streams: JSON Lines and import files
        self.outcome = Result([])

    def result(self) -> Result:
        with loading.paused_gc():  # reading and checking documents builds long-lived objects; streams keep little
            located, lines = self.documents_result()
        result = self.outcome
        result.diagnostics = chain(map(_placed, sorted(located, key=Diagnostic.sort_key)), self.streams(lines))
        if not self.options.stream:
            result.diagnostics = list(result.diagnostics)
        return result

    def streams(self, lines: list[tuple[str, str | None, BinaryIO | None]]) -> Iterator[Diagnostic]:
        """The findings of the JSON Lines files, one after the other. A stream's twins are kept only where a
        relationship may follow (otherwise memory would grow by a hundred bytes a twin for nothing); documents
        are linted before the streams, their twins kept."""
        relating = [self.options.kind is None and _may_relate(path) for _, path, _ in lines]
        for index, (name, path, opened) in enumerate(lines):
            self.keep_twins = any(relating[index:])
            yield from self.stream(name, path, opened, self.twin)

    def documents_result(self) -> tuple[list[Diagnostic], list[tuple[str, str | None, BinaryIO | None]]]:
        """The located findings about every file but the JSON Lines streams, and those streams to read (the ones
        named on the command line opened already, so that a usage error comes before any finding)."""
        options = self.options
        self.check_paths()
        self.outcome.checked += len(options.queries)
        files = list(self.files())
        if options.repo:
            files = self.check_repository(files)
        self.twin = twin = self.read_named(options.twin) if options.twin else None
        lines = self.lines
        for index, (name, path, named) in enumerate(files):
            if options.progress:
                options.progress(f"{index + 1}/{len(files)} files")
            if isinstance(path, sourcelib.Source):  # a folder that cannot be read, or a file that is not read
                self.add_document(name, path, named)
            elif (
                options.kind == "import"
                or (path is not None and suffix(path) in JSON_LINES)
                or name.endswith(JSON_LINES)
            ):
                lines.append((name, path, self.open_stream(name, path) if named else None))
            elif suffix(path if path is not None else name) == QUERY:
                self.add_query(name, path, named)
            else:
                self.add_document(name, path, named)
        if options.progress:
            options.progress("loading the models")
        self.models = self.load_models()
        if self.documents or lines or self.queries:
            from . import api  # here, not above: a check of models alone does not import the instance checks (~12 ms)

            self.api = api  # the library's linters of twins, relationships and patches
        self.documents.sort(key=lambda doc: doc[0] != "twin")  # twins first: relationships refer to them
        for kind, name, data in self.documents:
            text = self.texts[name]
            self.found.extend(d if d.file else d.at(file=name) for d in self.lint(kind, data, twin, name, text))
        for name, text in self.queries:
            self.found.extend(d.at(file=name) for d in self.api.lint_query(text, self.models))
        self.outcome.unchecked = sum(d.code == codes.UNSUPPORTED_VERSION.code for d in self.found)
        kept = [d for d in self.found if self.options.rules.keep(d)]
        return loading.locate(kept, {**self.model_texts, **self.texts}), lines

    # --- finding and reading files ---

    def files(self) -> Iterator[tuple[str, str | sourcelib.Source | None, bool]]:
        """(name, path, named on the command line) of every file to check; path None for standard input, and the
        Source of its finding for a folder that cannot be read or a file that is not read (DTL001, DTL011)."""
        options = self.options
        output = _identity(options.output_file)
        for given in options.paths:
            if given == "-":
                yield options.stdin_filename or STDIN, None, True
                continue
            path = Path(given)
            if path.is_dir():
                for found in walk(path, options.paths):
                    name = found.name if isinstance(found, sourcelib.Source) else found
                    if not self.excluded(name) and (output is None or _identity(name) != output):
                        yield name, found, False
            elif path.exists():
                if not self.excluded(given):
                    yield os.path.normpath(given), given, True
            else:
                raise UsageError(f"{given}: no such file or folder")

    def check_repository(
        self, files: list[tuple[str, str | sourcelib.Source | None, bool]]
    ) -> list[tuple[str, str | sourcelib.Source | None, bool]]:
        """Check the model files of the repository (--repo) among `files` as a repository does (repository.py):
        each with its dependency closure, with every model that depends on one of them; the other files are
        returned, to be checked as usual."""
        from .repository import check_repository

        options = self.options
        repo = str(options.repo)
        models = os.path.join(os.path.abspath(repo), "dtmi", "")
        inside = [
            name
            for name, path, _ in files
            if isinstance(path, str)
            and options.kind in (None, "model")
            and suffix(path) == ".json"
            and os.path.abspath(path).startswith(models)
        ]
        if not inside:
            return files
        if options.progress:
            options.progress("checking the model repository")
        checked = check_repository(repo, inside, extensions=options.extensions)
        # (an excluded file still resolves the references of the others, but is not reported on)
        self.found.extend(d for d in checked.diagnostics if not self.excluded(d.file))
        self.outcome.checked += checked.files
        given = set(inside)
        return [entry for entry in files if entry[0] not in given]

    def check_paths(self) -> None:
        """A UsageError for paths that cannot mean what they say: an empty one (which would be the current folder),
        standard input twice, the report's file among the inputs."""
        options = self.options
        if list(options.paths).count("-") > 1:
            raise UsageError("standard input (-) can be read only once")
        for given in (*options.paths, *options.models, options.repo, options.twin, options.output_file):
            if given == "":
                raise UsageError("'' is not a path: an empty argument names no file or folder")
        for given in (*options.paths, *options.models, options.twin):
            if same_file(options.output_file, given):
                raise UsageError(f"{options.output_file}: the report would overwrite an input ({given})")
        if options.repo and not Path(options.repo).is_dir():
            raise UsageError(f"{options.repo}: no such folder (given as the model repository)")

    def excluded(self, name: str) -> bool:
        return any(matches(name, glob, self.options.rules.root) for glob in self.options.exclude)

    def read(
        self, name: str, path: str | Path | sourcelib.Source | None, named: bool, as_json: bool = True
    ) -> sourcelib.Source:
        """The file's Source (its text only decoded, not `as_json`); an unreadable file found in a folder is a
        DTL001 finding, one named on the command line a UsageError."""
        if isinstance(path, sourcelib.Source):
            return path
        try:
            if path is None:
                return sourcelib.read_stream(_stdin(), name, as_json=as_json)
            return sourcelib.read_file(path, name, as_json=as_json)
        except OSError as error:
            if named:
                raise UsageError(f"{name}: {error.strerror}") from None
            return sourcelib.unreadable(name, error)

    def read_named(self, given: str) -> object:
        """The JSON value of a file given with an option (--twin); its problems are findings."""
        if not Path(given).is_file():
            raise UsageError(f"{given}: no such file")
        src = self.read(os.path.normpath(given), Path(given), named=True)
        self.found.extend(src.diagnostics)
        return src.data if src.ok else None

    def add_document(self, name: str, path: str | sourcelib.Source | None, named: bool) -> None:
        src = self.read(name, path, named)
        if src.diagnostics and src.diagnostics[0].code == codes.FILE_SKIPPED.code:
            self.found.extend(src.diagnostics)  # not read, so not checked
            return
        if self.options.kind is None and not isinstance(path, sourcelib.Source) and _is_import(src, path):
            opened = None if path is not None else io.BytesIO(src.text.encode("utf-8", "surrogatepass"))
            self.lines.append((name, path, opened))  # streamed, as JSON Lines files are
            return
        kind = self.options.kind or (classify(src.data) if src.ok else self.broken_kind(src))
        if kind is None:
            self.outcome.skipped += 1
            return
        self.outcome.checked += 1
        if kind == "model":
            # (also a file that is empty or cannot be read: as in the library, its finding holds back those
            # of later phases, see modelcheck.gate)
            self.model_texts[name] = src.text
            self.model_sources[name] = src if src.ok or not src.text else src.text
            return
        self.found.extend(src.diagnostics)
        if src.ok:
            self.texts[name] = src.text
            self.documents.append((kind, name, src.data))

    def add_query(self, name: str, path: str | sourcelib.Source | None, named: bool) -> None:
        """An .adtquery file: its text is one query."""
        src = self.read(name, path, named, as_json=False)
        self.found.extend(src.diagnostics)
        if src.diagnostics and src.diagnostics[0].code == codes.FILE_SKIPPED.code:
            return
        self.outcome.checked += 1
        if src.ok:
            self.queries.append((name, src.text))

    @staticmethod
    def broken_kind(src: sourcelib.Source) -> str | None:
        """A document that does not parse is ours (reported as a model) if it is empty, not UTF-8, or mentions
        DTDL or twin syntax; otherwise it is some other JSON-like file (a tsconfig.json with comments)."""
        return "model" if not src.text.strip() or _MARKERS.search(src.text) else None

    # --- linting ---

    def load_models(self) -> ModelSet:
        """The ModelSet of the run: the models given (checked), those of --models and of the repository."""
        models = {}
        checked = {os.path.abspath(name) for name in self.model_texts}
        for given in self.options.models:
            if not Path(given).exists():
                raise UsageError(f"{given}: no such file or folder (given with --models)")
            output = _identity(self.options.output_file)
            for path in walk(Path(given), self.options.models) if Path(given).is_dir() else [given]:
                if isinstance(path, sourcelib.Source):
                    src = path
                elif os.path.abspath(path) in checked or (output is not None and _identity(path) == output):
                    continue
                else:
                    src = self.read_model(path, named=path is given)
                models[src.name] = src
                if src.diagnostics and src.diagnostics[0].code in (codes.FILE_UNREADABLE.code, codes.FILE_SKIPPED.code):
                    self.found.extend(src.diagnostics)  # reported: what was not read may hold a model needed
        modelset = loading.load_models(
            self.model_sources, models=models, repo=self.options.repo, extensions=self.options.extensions
        )
        self.found.extend(d for d in modelset.diagnostics if d.file in modelset.checked)
        return modelset

    @staticmethod
    def read_model(path: str, named: bool) -> sourcelib.Source:
        """A file given with --models, or found in a folder given so (which can be unreadable: DTL001)."""
        try:
            return sourcelib.read_file(path, _display(path))
        except OSError as error:
            if named:
                raise UsageError(f"{path}: {error.strerror} (given with --models)") from None
            return sourcelib.unreadable(_display(path), error)

    def lint(self, kind: str, data: object, twin: object, name: str, text: str) -> list[Diagnostic]:
        """The findings of one twin, relationship, patch or query request body (JSON `text`) of the file `name`."""
        options, api = self.options, self.api
        if kind == "query":
            from .query import in_json  # here: only queries need the query package (and lark)

            query = data["query"]  # type: ignore[index]
            return in_json(api.lint_query(query, self.models), query, text, "/query")
        if kind == "twin":
            if self.keep_twins:
                self.twins.add(data)
            return api.lint_twin(data, self.models, target=options.target)
        if kind == "relationship":
            return api.lint_relationship(data, self.models, twins=self.twins, seen=self.relationships)
        return api.lint_patch(
            data, self.models, model=options.model or self.model_of(name), twin=twin, target=options.target
        )

    def model_of(self, name: str) -> str | None:
        """The model per-file-models gives the patches of the file `name` (the first glob that matches)."""
        if name not in self.models_of:
            root = self.options.rules.root
            self.models_of[name] = next(
                (model for glob, model in self.options.per_file_models if matches(name, glob, root)), None
            )
        return self.models_of[name]

    def open_stream(self, name: str, path: str | None) -> BinaryIO:
        """A JSON Lines file named on the command line, or standard input, open; a UsageError if it cannot be."""
        if path is None:
            return _stdin()
        try:
            return open(path, "rb")
        except OSError as error:
            raise UsageError(f"{name}: {error.strerror}") from None

    def stream(self, name: str, path: str | None, opened: BinaryIO | None, twin: object) -> Iterator[Diagnostic]:
        """The findings of a JSON Lines file, read line by line (constant memory), each with its line, in the order
        of lines; one found in a folder that cannot be read is a DTL001 finding, as is a failure to read on."""
        try:
            stream = opened or open(path, "rb")  # type: ignore[arg-type]  # noqa: SIM115 (the `with` below closes it)
        except OSError as error:
            yield from sourcelib.unreadable(name, error).diagnostics
            return
        self.outcome.checked += 1
        try:
            with stream:
                lines = sourcelib.read_lines(stream)  # type: ignore[arg-type]  # (a binary file)
                ahead = _first_lines(lines)
                first = ahead[-1][1] if ahead else None
                if self.options.kind == "import" or (first and is_import_file(first[:4096].decode("utf-8", "replace"))):
                    after = ahead[-1][0] + 1 if ahead else 1  # (the rest is read in blocks, where it stands)
                    blocks = sourcelib.read_blocks(stream, number=after)  # type: ignore[arg-type]
                    yield from self.import_file(name, chain(ahead, blocks))
                else:
                    yield from self.records(name, chain(ahead, lines), twin)
        except OSError as error:
            yield codes.FILE_UNREADABLE(
                f"cannot read {name} to its end: {error.strerror or error}", file=name, line=1, column=1
            )

    def records(self, name: str, lines: Iterator[tuple[int, bytes | None]], twin: object) -> Iterator[Diagnostic]:
        """The findings of the records of a JSON Lines file, line after line."""
        keep, progress, forced = self.options.rules.keep, self.options.progress, self.options.kind
        for number, raw in lines:
            if progress and number % 1000 == 0:
                progress(f"{name}: {number} lines")
            if raw is None:
                found = [
                    codes.FILE_TOO_LARGE(
                        f"line {number} is larger than {sourcelib.MAX_BYTES >> 20} MiB", file=name, line=1, column=1
                    )
                ]
                text = ""
            elif raw.isspace():
                continue
            else:
                src = sourcelib.load(name, raw.rstrip(b"\r\n"))
                found, text = src.diagnostics, src.text  # the Source is this line's only: its list is reused
                if src.ok:
                    kind = forced or classify(src.data)
                    if kind in (None, "model"):
                        found.append(codes.UNKNOWN_RECORD(_unknown(src.data, kind), file=name))
                    else:
                        linted = self.lint(kind, src.data, twin, name, src.text)
                        if linted:
                            found.extend(d if d.file else d.at(file=name) for d in linted)
            if found:
                kept = [diagnostic for diagnostic in found if keep(diagnostic)]
                located = sourcelib.locate(text, kept) if kept else ()  # one index a line
                for diagnostic in sorted(located, key=Diagnostic.sort_key):
                    yield sourcelib.on_line(diagnostic, number)

    def import_file(self, name: str, lines: Iterator[tuple[int, bytes | None]]) -> Iterator[Diagnostic]:
        """The findings of an Azure Digital Twins import file, line after line: the models of the run stand for
        the instance's, the twins of its other documents for the instance's twins."""
        from . import importfile, workers  # here, not above: a check of models alone does without the instance checks

        options = self.options
        check = importfile.ImportFile(
            name,
            models=self.models,
            extensions=options.extensions,
            twins=self.twins,
            jobs=workers.usable(options.jobs),
            keep=options.rules.keep,
            progress=options.progress,
        )
        yield from check.check(lines)


# Text that every relationship record holds: one of its keys, or a \u escape (a key may be written with them).
_RELATING = (b"$relationship", b"$sourceId", b"$targetId", b"\\u")


def _may_relate(path: str | None) -> bool:
    """Might the JSON Lines file hold a relationship? Searched at C speed, in chunks (standard input or a pipe,
    which can be read only once: yes)."""
    if path is None:
        return True
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return True  # stat, not open: opening a named pipe would take its writer's data, or lose it
        with open(path, "rb") as file:
            tail = b""
            while chunk := file.read(1 << 20):
                chunk = tail + chunk
                if any(marker in chunk for marker in _RELATING):
                    return True
                tail = chunk[-16:]
    except OSError:  # reported when the file is streamed
        return True
    return False


def _is_import(src: sourcelib.Source, path: str | None) -> bool:
    """Is the file read an import file? By its first line; one that could not be read whole (too large, or not
    UTF-8 throughout), by the first line read again."""
    if src.text:
        return is_import_file(src.text)
    if path is None or not src.diagnostics:
        return False
    try:
        with open(path, "rb") as file:
            return is_import_file(file.readline(4096).decode("utf-8", "replace"))
    except OSError:
        return False


def _first_lines(lines: Iterator[tuple[int, bytes | None]]) -> list[tuple[int, bytes | None]]:
    """The lines read up to the first that is not blank (or is too long), that one included."""
    ahead = []
    for number, raw in lines:
        ahead.append((number, raw))
        if raw is None or not raw.isspace():
            break
    return ahead


def _unknown(data: object, kind: str | None) -> str:
    """The message for a JSON Lines record that is none of twin, relationship, patch."""
    if kind == "model":
        what = "a DTDL model (models belong in .json files)"
    elif isinstance(data, dict):
        what = f"an object with members {listing(data, 4)}" if data else "an empty object"
    else:
        what = json_kind(data)
    return (
        f"record is {what}, not a twin ($dtId), relationship ($relationshipId), patch (an array of operations) or "
        'query ({"query": "SELECT ..."})'
    )


def walk(folder: Path, within: Iterable[str]) -> Iterator[str | sourcelib.Source]:
    """The JSON and JSON Lines files below a folder (`loading.walk`; links may lead to the other paths `within`)."""
    return loading.walk(folder, SUFFIXES, within)


def suffix(path: str) -> str:
    """The suffix, lowercase, as Path(path).suffix has it."""
    return os.path.splitext(path)[1].lower()


def _display(path: str) -> str:
    """A path as findings name it: relative to the current folder where it is below it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


class _TwinModels(Mapping):
    """The twins seen so far, by $dtId, reduced to what relationship checks need (their model): about a hundred
    bytes a twin, so that relationships later in a long JSON Lines file can be checked."""

    def __init__(self) -> None:
        self.models: dict[str, str | None] = {}
        self.interned: dict[str, str] = {}

    def add(self, twin: object) -> None:
        if isinstance(twin, dict) and isinstance(twin.get("$dtId"), str):
            metadata = twin.get("$metadata")
            model = metadata.get("$model") if isinstance(metadata, dict) else None
            self.models[twin["$dtId"]] = self.interned.setdefault(model, model) if isinstance(model, str) else None

    def __getitem__(self, twin_id: str) -> dict:
        return {"$dtId": twin_id, "$metadata": {"$model": self.models[twin_id]}}

    def __iter__(self) -> Iterator[str]:
        return iter(self.models)

    def __len__(self) -> int:
        return len(self.models)


def _stdin() -> BinaryIO:
    """Standard input, as bytes; a UsageError when it is closed (`dtdl-lint check - <&-`)."""
    if sys.stdin is None:
        raise UsageError("standard input (-) is closed")
    return sys.stdin.buffer


def same_file(path: str | None, other: str | None) -> bool:
    """Do both paths name the same regular file?"""
    return _identity(path) is not None and _identity(path) == _identity(other)


def _identity(path: str | None) -> tuple[int, int] | None:
    """What makes a regular file itself (device and inode), or None for a path that names none (a pipe, a
    terminal: /dev/stdout may well be where standard input comes from too)."""
    try:
        status = os.stat(path) if path else None
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino) if status and stat.S_ISREG(status.st_mode) else None


def _placed(diagnostic: Diagnostic) -> Diagnostic:
    """Every reported finding has a line and column (the start of the file where nothing better is known)."""
    return diagnostic if diagnostic.line else diagnostic.at(line=1, column=1)
