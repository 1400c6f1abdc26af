"""Azure Digital Twins import files (adt-import.md): one NDJSON file of sections, Header, Models, Twins and
Relationships, checked line by line before an import job reads it (the job is not atomic: it stops at its first
bad line, leaving what it wrote).

- Sections: the file starts with {"Section": "Header"}; the others are optional, in that order (DTL801-DTL803);
  the Header holds one object with fileVersion, author and organization (DTL804); a line is one object (DTL805).
- Models: every Models line is a model, and all of them one model set with the instance's models (given as a
  ModelSet; loading.load_models); their errors are what fails the job with DTDLParsingError.
- Twins and relationships: each line through the checks of lint_twin and lint_relationship (twin.py), given the
  ids that the import carries in the line where a request carries them in its URL: a twin's $dtId, and a
  relationship's $relationshipId and source twin, its $dtId (DTL806).
- Across lines, in this process: twin ids unique (DTL807), relationship ids unique per source twin (DTL435),
  maxMultiplicity (DTL434), the job's limits (DTL810).

Memory stays bounded by the counts, not the text: `_Twins` keeps each twin's id, model, line and relationship
counts (its id and a few bytes); `_Pairs` keeps (source, relationship id) pairs as 127-bit fingerprints. The file
is read in blocks of whole lines; twin and relationship lines go in batches to worker processes (workers.py),
forked with what the section needs (the model set, the twins) once a section has more than one batch, and what
they send back (the findings of each line, its ids) meets the checks across lines here, in the order of lines.
"""

from __future__ import annotations

import difflib
import json
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from itertools import chain

from . import codes, loading, workers
from . import source as sourcelib
from .diagnostics import Diagnostic, Severity, clip, json_kind, listing, show, split_pointer
from .model import Property, Relationship
from .modelset import ModelSet
from .twin import check_relationship, check_twin

SECTIONS = ("Header", "Models", "Twins", "Relationships")  # in the order a file must have them
HEADER_FIELDS = ("fileVersion", "author", "organization")
FILE_VERSION = "1.0.0"  # the only one documented
MAX_MODELS = 10_000  # in one import job (reference-service-limits.md, 2025)
MAX_TWINS = 2_000_000
MAX_RELATIONSHIPS = 10_000_000
MAX_MODEL_BYTES = 1024 * 1024  # one model
MAX_PER_TWIN = 50_000  # relationships from one twin, and to one twin
MODELS_FAILED = "DTDLParsingError"  # the job's error code when its models do not parse (IMP-32)
NO_SOURCE = "UnsupportedFileFormat"  # the exceptionType the job logs for a relationship line without $dtId (IMP-12)
NO_SOURCE_MESSAGE = "Relationship must have property $dtId representing the ID of the source twin."
BATCH = 1 << 17  # bytes of twin or relationship lines checked together (by one worker)
BATCHED = ("Twins", "Relationships")  # the sections whose lines are checked in batches (by workers)
JOINED = 10_000  # lines read ahead at most to see whether a line begins an object written over several lines

Keep = Callable[[Diagnostic], bool]
Finding = Callable[[bytes], Diagnostic]  # a finding about a line, made from it


def is_marker(data: object) -> bool:
    """Is this parsed line a section marker, {"Section": <name>}?"""
    return isinstance(data, dict) and len(data) == 1 and "Section" in data


class ImportFile:
    """The check of one import file: `check` reads its lines (`check_path`, `check_lines` read them first) and
    yields its findings, in the order of lines.

    `models` is the model set of the models already in the instance (with the repository it is completed from),
    `twins` maps the ids of twins already in the instance to them (at least their `$metadata.$model`); the file's
    twins and relationships may use both. `extensions` is load_models' choice for the file's models; `jobs` > 1
    checks twin and relationship lines in that many worker processes; `keep` chooses the findings to locate and
    report (all by default); `progress` is called now and then with a line of text."""

    def __init__(
        self,
        name: str,
        *,
        models: ModelSet | None = None,
        twins: Mapping[str, object] | None = None,
        jobs: int = 1,
        extensions: str = "allow",
        keep: Keep | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.name, self.instance, self.extensions = name, models or ModelSet(), extensions
        # the instance's models were given: a twin's model found in neither is an error, not a DTL808 warning
        self.instance_known = bool(self.instance.texts) or self.instance.repo is not None
        self.jobs, self.keep, self.progress = jobs, keep, progress
        self.twins = _Twins(twins or {})
        self.relationship_ids = _Pairs()  # (source, $relationshipId) -> the line of the first
        self.multiplicities = _Pairs()  # (source, $relationshipName) -> how many, for names with a maxMultiplicity
        self.counts = dict.fromkeys(SECTIONS, 0)  # lines of each section
        self.modelset: ModelSet | None = None  # the file's models and the instance's given
        self.clean: set[tuple[str | None, str, str | None]] = set()  # shapes of plain relationships without findings
        self.mosts: dict[tuple[str | None, str], int] = {}  # (model, relationship name) -> its maxMultiplicity
        self.section: str | None = None  # the section being read, None before the first marker or after an unknown
        self.started = (0, b"")  # the line of its marker: number, bytes
        self.markers: dict[str, int] = {}  # the line of each section's marker
        self.last = -1  # the index in SECTIONS of the furthest section read
        self.model_lines: dict[str, tuple[int, bytes]] = {}  # the Models section being read: source name -> line
        self.model_found: list[Diagnostic] = []
        self.header_objects = 0
        self.batch: list[tuple[int, bytes]] = []  # (number of the first line, lines) to check together
        self.batch_size = 0
        self.batches = 0  # of the section being read
        self.workers: workers.Workers | None = None
        self.sent: deque[tuple[str, list[tuple[int, bytes]]]] = deque()  # the batches the workers are checking

    # --- reading ---

    def check_path(self, path: str) -> Iterator[Diagnostic]:
        """The findings of the file at `path` (a DTL001 finding if it cannot be read)."""
        try:
            stream = open(path, "rb")  # noqa: SIM115 (closed by the `with` below, in the generator)
        except OSError as error:
            yield from sourcelib.unreadable(self.name, error).diagnostics
            return
        with stream:
            try:
                yield from self.check(sourcelib.read_blocks(stream))
            except OSError as error:
                yield codes.FILE_UNREADABLE(
                    f"cannot read {self.name} to its end: {error.strerror or error}", file=self.name, line=1, column=1
                )

    def check_lines(self, lines: Iterable[str | bytes]) -> Iterator[Diagnostic]:
        """The findings of the file whose lines these are (str or bytes, as a file object yields them; an item may
        hold several lines)."""
        return self.check(_numbered(lines))

    def check(self, blocks: Iterable[tuple[int, bytes | None]]) -> Iterator[Diagnostic]:
        """The findings of the file whose lines these are: (number of the first line, bytes of whole lines), or
        (line number, None) for a line over the size limit, as read_blocks gives them."""
        reader = _Reader(blocks)
        first = True  # until the first line that is not blank
        try:
            for number, raw in reader:
                if self.progress is not None:
                    self.progress(f"{self.name}: line {number:,} ({self.section or 'no section'})")
                if raw is None:
                    too_large = f"line {number} is larger than {sourcelib.MAX_BYTES >> 20} MiB"
                    yield from self.emit([codes.FILE_TOO_LARGE(too_large, file=self.name, line=number, column=1)])
                    first = False
                elif not first and self.section in BATCHED and _plain(raw):
                    yield from self.batched(number, raw)
                elif raw.count(b"\n") > 1:
                    reader.split(number, raw)
                elif raw.strip():
                    yield from self.line(number, raw, reader, first)
                    first = False
            yield from self.end_section()
        finally:
            self.close()

    def line(self, number: int, raw: bytes, reader: _Reader, first: bool) -> Iterator[Diagnostic]:
        """The findings of one line that is not blank (of a batch, when it is checked)."""
        line = raw.rstrip(b"\r\n")  # (a JSON error at the end would be placed on the next line)
        data = _marker_data(line)
        if is_marker(data):
            yield from self.end_section()
            yield from self.located(number, line, self.marker(number, line, data, first))  # type: ignore[arg-type]
        elif first:
            yield from self.located(number, line, [_header_missing("a line that is no section marker")])
        elif not line.rstrip().endswith(b"}") and (joined := self.joined(number, raw, reader)):
            yield from self.emit([joined])
        elif self.section in BATCHED:
            yield from self.batched(number, raw)
        elif self.section == "Models":
            self.model(number, line)
        elif self.section == "Header":
            yield from self.header(number, line)

    def joined(self, number: int, raw: bytes, reader: _Reader) -> Diagnostic | None:
        """A DTL805 finding if the line begins an object that the lines after it end (they are then consumed);
        otherwise None, and the lines read ahead are read again."""
        if _read_on(raw) is not True:
            return None
        parts, ahead = [raw], []
        size = len(raw)
        while (following := reader.line()) is not None:
            ahead.append(following)
            if following[1] is None or len(ahead) > JOINED or size > sourcelib.MAX_BYTES:
                break
            parts.append(following[1])
            size += len(following[1])
            if following[1].rstrip().endswith((b"}", b"]")):
                more = _read_on(b"".join(parts))
                if more is False:
                    break
                if more:
                    continue
                return codes.NOT_ONE_OBJECT_PER_LINE(
                    f"an object is written over lines {number} to {following[0]}; an import file holds one JSON "
                    "object per line (write it on one line)",
                    file=self.name,
                    line=number,
                    column=1,
                    end_line=following[0],
                )
        reader.back.extendleft(reversed(ahead))
        return None

    # --- sections ---

    def marker(self, number: int, raw: bytes, data: dict, first: bool) -> list[Diagnostic]:
        """Start the section a marker line names; the findings about the marker."""
        found = [] if data == {"Section": "Header"} or not first else [_header_missing(f"{show(data)}")]
        named = data["Section"]
        section = named if named in SECTIONS else _section_like(named)
        if section != named:
            checked = f"its lines are checked as {section}" if section else "its lines are not checked"
            found.append(
                codes.UNKNOWN_SECTION(
                    f"section {show(named)} is none of {', '.join(SECTIONS)}; {checked}", pointer="/Section"
                )
            )
        self.section = section
        if section is None:
            return found
        index = SECTIONS.index(section)
        if section in self.markers:
            found.append(
                codes.SECTION_OUT_OF_ORDER(
                    f"a second {section} section (the first starts on line {self.markers[section]}); each section "
                    "comes once",
                    pointer="/Section",
                )
            )
        elif index < self.last:
            found.append(
                codes.SECTION_OUT_OF_ORDER(
                    f"the {section} section comes after the {SECTIONS[self.last]} section (line "
                    f"{self.markers[SECTIONS[self.last]]}); the order is {', '.join(SECTIONS)}",
                    pointer="/Section",
                )
            )
        self.markers.setdefault(section, number)
        self.started = (number, raw)
        self.last = max(self.last, index)
        self.header_objects = 0
        return found

    def emit(self, found: list[Diagnostic]) -> Iterator[Diagnostic]:
        """Findings made here about a line of the section being read, in their place among the others: after those
        of the lines batched before it; with the models', which are reported together."""
        found = self.kept(found)
        if self.section == "Models":
            self.model_found.extend(found)
            return
        yield from self.drain()
        yield from found

    def drain(self) -> Iterator[Diagnostic]:
        """The findings of every line batched so far."""
        if self.batch:
            yield from self.submit()
        while self.sent:
            yield from self.collect()

    def end_section(self) -> Iterator[Diagnostic]:
        """What the section being read has left to say: its last batches' findings, the Header's missing object,
        the Models' findings (they are checked as one set, at the end)."""
        yield from self.drain()
        self.close()
        self.batches = 0
        if self.section == "Header" and not self.header_objects:
            no_object = (
                'the Header section has no object; every documented file has {"fileVersion": "1.0.0", "author": ..., '
                '"organization": ...} on the line after the marker'
            )
            yield from self.located(*self.started, [codes.HEADER_INCOMPLETE(no_object, pointer="/Section")])
        elif self.section == "Models":
            yield from self.load_models()

    def header(self, number: int, raw: bytes) -> Iterator[Diagnostic]:
        self.header_objects += 1
        if self.header_objects > 1:
            found = [codes.HEADER_INCOMPLETE("the Header section holds one object; this line is another", pointer="")]
            yield from self.located(number, raw, found)
            return
        src = sourcelib.load(self.name, raw)
        found = src.diagnostics
        if src.ok:
            if isinstance(src.data, dict):
                found.extend(_header_problems(src.data))
            else:
                found.append(_not_an_object(src.data, "the Header"))
        yield from self.located(number, raw, found, src.text)

    def model(self, number: int, raw: bytes) -> None:
        """Note a Models line: checked with the others at the end of the section."""
        found = [finding(raw) for _, finding in self.counted("Models", [number])]
        size = len(raw)
        if size > MAX_MODEL_BYTES:
            found.append(
                codes.IMPORT_LIMIT_EXCEEDED(
                    f"the model is {size:,} bytes; a model may be at most 1 MB ({MAX_MODEL_BYTES:,})"
                )
            )
        if raw.lstrip()[:1] == b"{":
            self.model_lines[f"{self.name}:{number}"] = (number, raw)
        else:
            src = sourcelib.load(self.name, raw)
            found.extend(src.diagnostics if not src.ok else [_not_an_object(src.data, "a Models")])
        if found:
            self.model_found.extend(self.located(number, raw, found))

    def load_models(self) -> Iterator[Diagnostic]:
        """The findings of the Models section just read: its models are one set with those given (and those of an
        earlier Models section); the set is what the twins and relationships after it are checked against."""
        lines, self.model_lines = self.model_lines, {}
        context = self.modelset or self.instance
        self.modelset = loading.load_models(
            {name: raw for name, (_, raw) in lines.items()},
            models=context.texts,
            repo=context.repo,
            extensions=self.extensions,
        )
        self.clean.clear()
        self.mosts.clear()
        by_source: dict[str, list[Diagnostic]] = {}
        for diagnostic in self.modelset.diagnostics:
            if diagnostic.file in lines:
                if diagnostic.severity == Severity.ERROR:
                    diagnostic = diagnostic.at(service=MODELS_FAILED)
                by_source.setdefault(diagnostic.file, []).append(diagnostic.at(file=self.name))
        found, self.model_found = self.model_found, []
        for source, diagnostics in by_source.items():
            number, raw = lines[source]
            found.extend(self.located(number, raw, diagnostics, self.modelset.texts.get(source)))
        return iter(sorted(found, key=Diagnostic.sort_key))

    def models(self) -> ModelSet:
        """The model set the twins and relationships are checked against (the given models alone when the file
        has no Models section)."""
        if self.modelset is None:
            self.modelset = self.instance
        return self.modelset

    # --- twin and relationship lines, in batches ---

    def batched(self, number: int, raw: bytes) -> Iterator[Diagnostic]:
        """Add lines to the batch; check it when it is full."""
        self.batch.append((number, raw))
        self.batch_size += len(raw)
        if self.batch_size >= BATCH:
            yield from self.submit()

    def submit(self) -> Iterator[Diagnostic]:
        """Check the batch: here, or by the workers once the section has more than one batch (their results read
        in the order the batches were sent, one batch a worker at a time)."""
        batch, kind = self.batch, self.section
        self.batch, self.batch_size = [], 0
        self.models()
        if self.workers is None and self.batches and self.jobs > 1:
            self.workers = workers.Workers(self.check_batch, self.jobs)
        self.batches += 1
        if self.workers is None:
            yield from self.merged(kind, batch, self.check_batch(kind, batch))  # type: ignore[arg-type]
            return
        done = self.collect() if self.workers.full() else None
        self.workers.send((kind, batch))
        self.sent.append((kind, batch))  # type: ignore[arg-type]
        if done is not None:
            yield from done

    def collect(self) -> Iterator[Diagnostic]:
        """The findings of the oldest batch sent to the workers (its result is read at once, the rest as they are
        yielded)."""
        result = self.workers.receive()  # type: ignore[union-attr]
        kind, batch = self.sent.popleft()
        return self.merged(kind, batch, result)  # type: ignore[arg-type]

    def close(self) -> None:
        """End the workers (after the last batch of a section, or when the check stops early)."""
        if self.workers is not None:
            self.workers.close()
            self.workers = None
            self.sent.clear()

    def check_batch(self, kind: str, batch: list[tuple[int, bytes]]) -> tuple:
        """What the checks across lines need of each line of the batch, and the findings of its lines (in a worker,
        or here): for twins (numbers, $dtIds, models, findings), for relationships see `relationships`."""
        numbers: list[int] = []
        results: list[tuple] = []
        check = self.twin if kind == "Twins" else self.relationship
        for first, raw in batch:
            lines = raw.split(b"\n")
            if not lines[-1]:
                lines.pop()
            numbers.extend(range(first, first + len(lines)))
            results.extend(map(check, range(first, first + len(lines)), lines))
        found, *columns = zip(*results, strict=True)
        return (numbers, list(chain.from_iterable(found)), *map(list, columns))

    def twin(self, number: int, raw: bytes) -> tuple[list[Diagnostic], str | None, str | None]:
        """(findings, $dtId, $metadata.$model) of a twin line."""
        src = sourcelib.load(self.name, raw)
        found, dt_id, model = src.diagnostics, None, None
        data = src.data
        if src.ok and data.__class__ is not dict:
            found.append(_not_an_object(data, "a twin"))
        elif src.ok:
            dt_id = data.get("$dtId")  # type: ignore[attr-defined]
            if not _is_id(dt_id):
                found.append(_no_id(data, "$dtId", "a twin line names its twin with $dtId"))  # type: ignore[arg-type]
                data, dt_id = _without(data, "$dtId"), None  # type: ignore[arg-type]
            metadata = data.get("$metadata")  # type: ignore[attr-defined]
            model = metadata.get("$model") if metadata.__class__ is dict else None
            model = model if model.__class__ is str else None
            for diagnostic in check_twin(data, self.models(), twin_id=dt_id, complete=loading.complete):
                if diagnostic.code == codes.UNKNOWN_MODEL.code and not self.instance_known:
                    diagnostic = codes.MODEL_NOT_IN_FILE(
                        f"{self.models().missing(diagnostic.dtmi)}; unless the instance holds it, the job fails on "
                        "this twin, whose properties are not checked (the instance's models were not given)",
                        pointer=diagnostic.pointer,
                        dtmi=diagnostic.dtmi,
                    )
                found.append(diagnostic)
        return self.located(number, raw, found, src.text), dt_id, model

    def relationship(self, number: int, raw: bytes) -> tuple:
        """(findings, fingerprint of the source, of the $relationshipId, the source's and the target's ordinals
        among the twins (-1: not among them), fingerprint of the $relationshipName and its maxMultiplicity (0: it
        has none)) of a relationship line."""
        src = sourcelib.load(self.name, raw)
        found, data = src.diagnostics, src.data
        if not src.ok or not isinstance(data, dict):
            if src.ok:
                found.append(_not_an_object(data, "a relationship"))
            return self.located(number, raw, found, src.text), 0, 0, -1, -1, 0, 0
        source, target, name = data.get("$dtId"), data.get("$targetId"), data.get("$relationshipName")
        twins = self.twins
        source_ordinal, target_ordinal = twins.ordinal(source), twins.ordinal(target)
        source_model = twins.names[twins.models[source_ordinal]] if source_ordinal >= 0 else None
        shape = None
        if source_ordinal >= 0 and target_ordinal >= 0 and len(raw) <= _PLAIN_BYTES:
            shape = _plain_shape(data, source_model, twins.names[twins.models[target_ordinal]])
        if shape is None or shape not in self.clean:
            problems = list(self.relationship_problems(data, number))
            if shape is not None and not problems and len(self.clean) < _CLEAN_SHAPES:
                self.clean.add(shape)
            found.extend(problems)
        found = self.located(number, raw, found, src.text)
        if not _is_id(source):
            return found, 0, 0, -1, target_ordinal, 0, 0
        relationship_id = data.get("$relationshipId")
        most = self.most(source_model, name)
        return (
            found,
            hash(source) | 1,
            (hash(relationship_id) or 1) if _is_id(relationship_id) else 0,
            source_ordinal,
            target_ordinal,
            hash(name) if most else 0,
            most,
        )

    def relationship_problems(self, data: dict, number: int) -> Iterator[Diagnostic]:
        source, relationship_id = data.get("$dtId"), data.get("$relationshipId")
        if not _is_id(source):
            source = None
            yield _no_source(data, number)
        if not _is_id(relationship_id):
            relationship_id = None
            yield _no_id(data, "$relationshipId", "a relationship line names its relationship with $relationshipId")
        found = check_relationship(
            _without(data, "$dtId"),
            self.models(),
            source_id=source,
            relationship_id=relationship_id,
            twins=self.twins,
            complete=loading.complete,
        )
        for diagnostic in found:
            code, pointer = diagnostic.code, diagnostic.pointer
            if code == codes.UNKNOWN_TWIN.code:
                key = "$dtId" if pointer == "/$sourceId" and source is not None else pointer[1:]
                yield diagnostic.at(
                    message=f"twin {show(data.get(key))} is neither in the file's Twins section nor among the existing "
                    "twins given; the instance must hold it",
                    pointer=f"/{key}",
                )
            elif code == codes.ID_IGNORED.code and pointer == "/$sourceId":
                yield diagnostic.at(
                    message=f"$sourceId {show(data['$sourceId'])} differs from $dtId {show(source)}, which names the "
                    "source twin on an import line; what the job does with $sourceId is not documented"
                )
            elif code == codes.UNKNOWN_PROPERTY.code and not split_pointer(pointer)[0].startswith("$"):
                yield self.undeclared(diagnostic, data, split_pointer(pointer)[0])
            else:
                yield diagnostic

    def undeclared(self, diagnostic: Diagnostic, data: dict, key: str) -> Diagnostic:
        """DTL809 for a relationship property its Relationship does not declare, saying which one it differs from
        only in case."""
        source = data.get("$dtId")
        declared = self.declared(
            self.twins.model(source) if isinstance(source, str) else None, data.get("$relationshipName")
        )
        names = [p.name for p in declared.properties if isinstance(p, Property) and p.name] if declared else []
        same = [name for name in names if name.lower() == key.lower()]
        hint = f"; it differs from '{clip(same[0])}' only in case (names are case-sensitive)" if same else ""
        return codes.UNDECLARED_RELATIONSHIP_PROPERTY(
            f"{diagnostic.message}{hint}. The relationship API rejects it; whether the import job does is unverified",
            pointer=diagnostic.pointer,
            dtmi=diagnostic.dtmi,
        )

    def declared(self, model: str | None, name: object) -> Relationship | None:
        """The Relationship `name` of the Interface `model`, if both are known."""
        if model is None or model not in self.models().interfaces or not isinstance(name, str):
            return None
        declared = self.models().contents(model).get(name)
        return declared if isinstance(declared, Relationship) else None

    def most(self, model: str | None, name: object) -> int:
        """The maxMultiplicity of the Relationship `name` of the Interface `model` (0: none, or not known)."""
        if not isinstance(name, str):
            return 0
        most = self.mosts.get((model, name))
        if most is None:
            declared = self.declared(model, name)
            most = self.mosts[model, name] = (declared.max_multiplicity or 0) if declared is not None else 0
        return most

    # --- the checks across lines ---

    def merged(self, kind: str, batch: list[tuple[int, bytes]], result: tuple) -> Iterator[Diagnostic]:
        """The findings of a checked batch and those of the checks across lines, in the order of lines."""
        found = result[1]
        more = self.across_twins(*result) if kind == "Twins" else self.across_relationships(*result)
        if more:
            lines = dict(_lines(batch))
            made = [
                d for number, finding in more for d in self.located(number, lines[number], [finding(lines[number])])
            ]
            found = sorted([*found, *made], key=Diagnostic.sort_key)
        return iter(found)

    def counted(self, section: str, numbers: list[int]) -> list[tuple[int, Finding]]:
        """Count lines of a section; (line, finding) for the first beyond the job's limit, if it is among them."""
        limit = {"Models": MAX_MODELS, "Twins": MAX_TWINS, "Relationships": MAX_RELATIONSHIPS}[section]
        count = self.counts[section]
        self.counts[section] = count + len(numbers)
        if count <= limit < count + len(numbers):
            beyond = f"{section[:-1].lower()} {limit + 1:,}: an import job takes {limit:,} at most"
            return [(numbers[limit - count], partial(_too_many, beyond))]
        return []

    def across_twins(self, numbers: list[int], _, ids: list, models: list) -> list[tuple[int, Finding]]:
        """(line, the finding given the line) of the checks across twin lines: ids unique, the job's limit."""
        more = self.counted("Twins", numbers)
        for number, dt_id, first in self.twins.add_all(numbers, ids, models):
            duplicate = f"twin {show(dt_id)} is already on line {first}; twin ids are unique"
            more.append((number, partial(_duplicate_twin, duplicate)))
        return more

    def across_relationships(
        self, numbers: list[int], _, sources: list, ids: list, from_: list, to: list, names: list, mosts: list
    ) -> list[tuple[int, Finding]]:
        """(line, the finding given the line) of the checks across relationship lines: ids unique per source twin, the
        relationships from and to each twin, maxMultiplicity, the job's limit."""
        more = self.counted("Relationships", numbers)
        first_line, count_of = self.relationship_ids.first, self.multiplicities.count
        outgoing, incoming = self.twins.outgoing, self.twins.incoming
        for index, number in enumerate(numbers):
            source, most = sources[index], mosts[index]
            if source and ids[index]:
                first = first_line(source, ids[index], number)
                if first:
                    more.append((number, partial(_duplicate_relationship, first)))
                    most = 0  # (the same relationship again: not one more)
            ordinal = from_[index]
            if ordinal >= 0:
                outgoing[ordinal] += 1
                if outgoing[ordinal] == MAX_PER_TWIN + 1:
                    more.append((number, partial(_too_many_of_twin, "$dtId")))
            ordinal = to[index]
            if ordinal >= 0:
                incoming[ordinal] += 1
                if incoming[ordinal] == MAX_PER_TWIN + 1:
                    more.append((number, partial(_too_many_of_twin, "$targetId")))
            if most:
                count = count_of(source, names[index])
                if count > most:
                    more.append((number, partial(_beyond_multiplicity, count, most)))
        return more

    # --- findings ---

    def located(self, number: int, raw: bytes, found: list[Diagnostic], text: str | None = None) -> list[Diagnostic]:
        """The findings about one line that are kept, named after the file, placed on the line, sorted."""
        if not found:
            return found
        found = [d if d.file else d.at(file=self.name) for d in found]
        if self.keep is not None:
            found = [d for d in found if self.keep(d)]
        if not found:
            return found
        if text is None:
            text = sourcelib.decode(self.name, raw)[0]
        located = sourcelib.locate(text, found)
        return sorted((sourcelib.on_line(d, number) for d in located), key=Diagnostic.sort_key)

    def kept(self, found: list[Diagnostic]) -> list[Diagnostic]:
        return found if self.keep is None else [d for d in found if self.keep(d)]


def _numbered(lines: Iterable[str | bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(number of its first line, bytes) of each item (a line, or lines), as read_blocks gives them; None for a
    line longer than one document may be."""
    number = 1
    for line in lines:
        raw = line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line
        if not raw.endswith(b"\n"):
            raw += b"\n"
        count = raw.count(b"\n")
        if len(raw) > sourcelib.MAX_BYTES + count:
            pieces = raw.split(b"\n")[:-1]
            for index, piece in enumerate(pieces):
                yield number + index, None if len(piece) > sourcelib.MAX_BYTES else piece + b"\n"
        else:
            yield number, raw
        number += count


class _Reader:
    """An iterator over the file's blocks of lines, (number of the first line, bytes), into which lines or blocks
    can be put back: the rest of a block that is read line by line, the lines read ahead."""

    def __init__(self, blocks: Iterable[tuple[int, bytes | None]]) -> None:
        self.blocks = iter(blocks)
        self.back: deque[tuple[int, bytes | None]] = deque()

    def __iter__(self) -> _Reader:
        return self

    def __next__(self) -> tuple[int, bytes | None]:
        return self.back.popleft() if self.back else next(self.blocks)

    def split(self, number: int, raw: bytes) -> None:
        """Put back a block as its first line and the rest of it, to be read next."""
        end = raw.find(b"\n") + 1
        self.back.appendleft((number + 1, raw[end:]))
        self.back.appendleft((number, raw[:end]))

    def line(self) -> tuple[int, bytes | None] | None:
        """The next line (not block), or None at the end."""
        block = next(self, None)
        if block is not None and block[1] is not None and block[1].count(b"\n") > 1:
            self.split(*block)  # type: ignore[arg-type]
            block = next(self)
        return block


class _Twins(Mapping):
    """The twins of the file, and those given as the instance's, by id: the model, line (0 for one given) and
    relationship counts of each, in arrays, a few bytes a twin beside its id. As a Mapping it is what
    lint_relationship needs of a twin: its $metadata.$model."""

    def __init__(self, existing: Mapping[str, object]) -> None:
        self.ordinals: dict[str, int] = {}
        self.models = array("I")  # the index of each twin's model in `names`
        self.lines = array("I")
        self.outgoing = array("I")
        self.incoming = array("I")
        self.names: list[str | None] = [None]  # the models named (None: a twin without one)
        self.numbers: dict[str | None, int] = {None: 0}  # model -> its index in `names`
        for twin_id, twin in existing.items():
            metadata = twin.get("$metadata") if isinstance(twin, dict) else None
            model = metadata.get("$model") if isinstance(metadata, dict) else None
            self.add(twin_id, model if isinstance(model, str) else None, 0)

    def add(self, twin_id: str | None, model: str | None, line: int) -> int:
        """Note a twin; the line of the twin of the file that has its id already, or 0 (also for no id)."""
        if twin_id is None:
            return 0
        number = self.numbers.get(model)
        if number is None:
            number = self.numbers[model] = len(self.names)
            self.names.append(model)
        ordinal = self.ordinals.get(twin_id)
        if ordinal is None:
            self.ordinals[twin_id] = len(self.models)
            self.models.append(number)
            self.lines.append(line)
            self.outgoing.append(0)
            self.incoming.append(0)
        elif self.lines[ordinal]:
            return self.lines[ordinal]
        else:  # a twin given as the instance's: the file's replaces it
            self.models[ordinal], self.lines[ordinal] = number, line
        return 0

    def add_all(self, lines: list[int], ids: list[str | None], models: list[str | None]) -> list[tuple[int, str, int]]:
        """Note the twins of these lines (an id None: a line without one); (line, id, line of the first) for each
        id the file has had already. When every id is new, at C speed."""
        ordinals, count = self.ordinals, len(self.models)
        numbers = self.numbers
        for model in set(models).difference(numbers):
            numbers[model] = len(self.names)
            self.names.append(model)
        if None in ids or not ordinals.keys().isdisjoint(ids) or len(set(ids)) < len(ids):
            found = [
                (line, twin_id, self.add(twin_id, model, line))
                for line, twin_id, model in zip(lines, ids, models, strict=True)
            ]
            return [(line, twin_id, first) for line, twin_id, first in found if first and twin_id is not None]
        ordinals.update(zip(ids, range(count, count + len(ids)), strict=True))  # type: ignore[arg-type]
        self.models.extend(map(numbers.__getitem__, models))
        self.lines.extend(lines)
        zeros = array("I", bytes(4 * len(ids)))
        self.outgoing.extend(zeros)
        self.incoming.extend(zeros)
        return []

    def ordinal(self, twin_id: object) -> int:
        ordinal = self.ordinals.get(twin_id) if isinstance(twin_id, str) else None
        return -1 if ordinal is None else ordinal

    def model(self, twin_id: str) -> str | None:
        ordinal = self.ordinals.get(twin_id)
        return None if ordinal is None else self.names[self.models[ordinal]]

    def __getitem__(self, twin_id: str) -> dict:
        return {"$dtId": twin_id, "$metadata": {"$model": self.names[self.models[self.ordinals[twin_id]]]}}

    def __contains__(self, twin_id: object) -> bool:
        return twin_id in self.ordinals

    def __iter__(self) -> Iterator[str]:
        return iter(self.ordinals)

    def __len__(self) -> int:
        return len(self.ordinals)

    def __bool__(self) -> bool:
        """Always true: lint_relationship reports a twin it does not find only among twins given, and these
        are all the twins there are to find (an empty file's too)."""
        return True


class _Pairs:
    """Pairs of strings, each kept as a 127-bit fingerprint (the hashes of its two strings, the first made odd),
    with a number per pair: open addressing over three arrays, 20 bytes a slot, at most two thirds full. Two
    different pairs are taken for one with a probability of about n² / 2^128 for n pairs."""

    def __init__(self) -> None:
        self._allocate(1024)
        self.size = 0

    def _allocate(self, capacity: int) -> None:
        self.firsts = array("q", [0]) * capacity
        self.seconds = array("q", [0]) * capacity
        self.values = array("I", [0]) * capacity
        self.mask = capacity - 1

    def _slot(self, first: int, second: int) -> tuple[int, bool]:
        """The slot of the pair (`first` odd: hash(a) | 1; `second`: hash(b)), and whether it is new (taken now)."""
        if (self.size + 1) * 3 > len(self.firsts) * 2:
            self._grow()
        firsts, seconds, mask = self.firsts, self.seconds, self.mask
        index = (first ^ second) & mask
        while True:
            found = firsts[index]
            if not found:
                break
            if found == first and seconds[index] == second:
                return index, False
            index = (index + 1) & mask
        firsts[index], seconds[index] = first, second
        self.size += 1
        return index, True

    def first(self, first: int, second: int, value: int) -> int:
        """The number of the pair if it was there already; else 0, and the pair is added with `value`."""
        index, new = self._slot(first, second)
        if new:
            self.values[index] = value
            return 0
        return self.values[index]

    def count(self, first: int, second: int) -> int:
        """How many times the pair has been counted, this time included."""
        index, _ = self._slot(first, second)
        self.values[index] += 1
        return self.values[index]

    def _grow(self) -> None:
        old = self.firsts, self.seconds, self.values
        self._allocate(len(self.firsts) * 2)
        firsts, seconds, values, mask = self.firsts, self.seconds, self.values, self.mask
        for first, second, value in zip(*old, strict=True):
            if first:
                index = (first ^ second) & mask
                while firsts[index]:
                    index = (index + 1) & mask
                firsts[index], seconds[index], values[index] = first, second, value


# --- small parts ---


def _plain(raw: bytes) -> bool:
    """Can these lines go to a batch as they are? They are whole, none mentions a section marker (nor has an
    escape that may spell one) and each ends with "}" (no blank line, no object written over several lines)."""
    return (
        raw.endswith(b"\n")
        and b'"Section"' not in raw
        and b"\\u" not in raw
        and raw.count(b"\n") == raw.count(b"}\n") + raw.count(b"}\r\n")
    )


def _marker_data(raw: bytes) -> object:
    """The parsed line if it may be a section marker (it mentions Section, or has an escape that may spell it),
    else None; None also for a line that is not JSON."""
    if b'"Section"' not in raw and b"\\u" not in raw:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


def _read_on(raw: bytes) -> bool | None:
    """May more lines complete this JSON text? None: it is whole already; True: it is wrong only at its end; False:
    it is wrong before its end (or nested too deep to read)."""
    try:
        json.loads(raw)
    except json.JSONDecodeError as error:
        return error.pos >= len(error.doc.rstrip())
    except (ValueError, RecursionError):
        return False
    return None


def _section_like(named: object) -> str | None:
    """The section a misspelt section name stands for, if one is close enough."""
    if not isinstance(named, str):
        return None
    lower = {section.lower(): section for section in SECTIONS}
    close = difflib.get_close_matches(named.strip().lower(), list(lower), n=1, cutoff=0.8)
    return lower[close[0]] if close else None


def _header_missing(found: str) -> Diagnostic:
    return codes.IMPORT_HEADER_MISSING(
        f'the file starts with {found}; an import file starts with {{"Section": "Header"}} (lines before the first '
        "section marker are not checked)",
        pointer="",
    )


def _header_problems(header: dict) -> Iterator[Diagnostic]:
    missing = [field for field in HEADER_FIELDS if field not in header]
    if missing:
        yield codes.HEADER_INCOMPLETE(
            f"the header has no {listing(missing)}; every documented file gives fileVersion, author and organization",
            pointer="",
        )
    if "fileVersion" in header and header["fileVersion"] != FILE_VERSION:
        yield codes.HEADER_INCOMPLETE(
            f'fileVersion {show(header["fileVersion"])} is not "{FILE_VERSION}", the only version documented',
            pointer="/fileVersion",
        )


def _not_an_object(data: object, what: str) -> Diagnostic:
    return codes.NOT_ONE_OBJECT_PER_LINE(f"{what} line holds one JSON object, not {json_kind(data)}", pointer="")


def _is_id(value: object) -> bool:
    return value.__class__ is str and bool(value)


def _no_id(data: dict, key: str, why: str) -> Diagnostic:
    if key in data:
        return codes.IMPORT_ID_MISSING(f"{key} must be a non-empty string, found {show(data[key])}", pointer=f"/{key}")
    return codes.IMPORT_ID_MISSING(f"the line has no {key}; {why}", pointer="")


def _no_source(data: dict, number: int) -> Diagnostic:
    """The job's own words for a relationship line without a source twin, and its log entry."""
    given = f" (found {show(data['$dtId'])})" if "$dtId" in data else ""
    hint = (
        "; $sourceId is the relationship API's name for the source twin, not the import's"
        if "$sourceId" in data
        else ""
    )
    return codes.IMPORT_ID_MISSING(
        f"{NO_SOURCE_MESSAGE}{given} [the job's log: section Relationships, line {number}, {NO_SOURCE}]{hint}",
        pointer="/$dtId" if "$dtId" in data else "",
        service=NO_SOURCE,
    )


_PLAIN_KEYS = frozenset(("$dtId", "$relationshipId", "$targetId", "$relationshipName"))
_PLAIN_BYTES = 4096  # a line no longer than this cannot hold a body over the service's limit
_CLEAN_SHAPES = 65536  # shapes remembered at most


def _plain_shape(data: dict, source_model: str | None, target_model: str | None) -> tuple | None:
    """What lint_relationship's findings depend on alone for a plain relationship line (its four ids non-empty
    strings, nothing else, two twins that are known and not the same, a short line): the source twin's model,
    the relationship's name and the target twin's model. None for any other line. Checking a plain line whose
    shape was once found clean finds nothing again, so it is not checked (tests/test_importfile.py holds the
    shortcut to lint_relationship)."""
    if data.keys() != _PLAIN_KEYS:
        return None
    source, relationship_id, target, name = (
        data["$dtId"],
        data["$relationshipId"],
        data["$targetId"],
        data["$relationshipName"],
    )
    if not (_is_id(source) and _is_id(relationship_id) and _is_id(target) and _is_id(name)) or source == target:
        return None
    return source_model, name, target_model


def _lines(batch: list[tuple[int, bytes]]) -> Iterator[tuple[int, bytes]]:
    """(number, bytes) of each line of a batch."""
    for first, raw in batch:
        for index, line in enumerate(raw.split(b"\n")):
            yield first + index, line


# The findings of the checks across lines, made from the line they are about (parsed only then: they are rare).


def _too_many(message: str, raw: bytes) -> Diagnostic:
    return codes.IMPORT_LIMIT_EXCEEDED(message, pointer="")


def _duplicate_twin(message: str, raw: bytes) -> Diagnostic:
    return codes.DUPLICATE_TWIN_ID(message, pointer="/$dtId")


def _duplicate_relationship(first: int, raw: bytes) -> Diagnostic:
    data = json.loads(raw)
    return codes.DUPLICATE_RELATIONSHIP_ID(
        f"twin {show(data['$dtId'])} already has a relationship {show(data['$relationshipId'])}, on line {first}",
        pointer="/$relationshipId",
    )


def _too_many_of_twin(key: str, raw: bytes) -> Diagnostic:
    way = "from" if key == "$dtId" else "to"
    return codes.IMPORT_LIMIT_EXCEEDED(
        f"relationship {MAX_PER_TWIN + 1:,} {way} twin {show(json.loads(raw)[key])}; a twin has at most "
        f"{MAX_PER_TWIN:,} relationships {way} it",
        pointer=f"/{key}",
    )


def _beyond_multiplicity(count: int, most: int, raw: bytes) -> Diagnostic:
    data = json.loads(raw)
    return codes.MAX_MULTIPLICITY_EXCEEDED(
        f"twin {show(data['$dtId'])} has {count} {show(data['$relationshipName'])} relationships; maxMultiplicity is "
        f"{most}",
        pointer="/$relationshipName",
    )


def _without(data: dict, key: str) -> dict:
    return {k: v for k, v in data.items() if k != key} if key in data else data
