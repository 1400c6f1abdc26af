"""Reading JSON text robustly: encodings, duplicate keys, NaN/Infinity, overflow, and pointer -> line:col.

`load(name, raw)` never raises for bad input: it returns a Source whose `data` is the parsed JSON (or
`None` with `ok` false) and whose `diagnostics` say what was wrong, with line and column. Values come
from `json.loads` (C speed); the position index (`Positions`) is built, by one pass of a tokenizer, only
when a file has something to report.
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
import stat
import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate
from pathlib import Path
from typing import BinaryIO

from . import codes
from .diagnostics import QUOTED, QUOTED_VALUE, Diagnostic, clip, join_pointer, show

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 100  # levels of arrays and objects in a twin, relationship, patch or value (its model allows a few)

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_BOM_STARTS = b"".join({bom[:1] for bom, _ in _BOMS} | {codecs.BOM_UTF8[:1]})  # the first bytes of the BOMs


class Source:
    """One named JSON text and what it parsed to (a plain class: one is made for every file and line read)."""

    __slots__ = ("data", "diagnostics", "name", "ok", "text")

    def __init__(
        self, name: str, text: str, data: object = None, ok: bool = False, diagnostics: list[Diagnostic] | None = None
    ) -> None:
        self.name = name
        self.text = text
        self.data = data
        self.ok = ok
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics

    def __repr__(self) -> str:
        return f"Source({self.name!r}, ok={self.ok}, {len(self.diagnostics)} findings)"


def locate(text: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of one text with line and column filled in from their pointers (where not set already);
    the text is indexed along those pointers only."""
    wanted = {d.pointer for d in diagnostics if not d.line}
    if not wanted or not text:
        return list(diagnostics)
    spans = Positions(text, wanted).spans_of(wanted)
    return [d if d.line else _placed(d, spans.get(d.pointer)) for d in diagnostics]


def read_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line of a JSON Lines stream; None for a line longer than the one-document
    limit (skipped, never held whole)."""
    number = 0
    while True:
        raw = stream.readline(MAX_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(MAX_BYTES)
            yield number, None
        else:
            yield number, raw


def read_blocks(stream: BinaryIO, size: int = 1 << 18, number: int = 1) -> Iterator[tuple[int, bytes | None]]:
    """(number of its first line, bytes) of runs of whole lines of a JSON Lines stream, read `size` bytes at a time
    (each but the last ends with a newline; `size` at most MAX_BYTES), the first numbered `number`; (line number,
    None) for a line longer than the one-document limit (skipped, never held whole). The lines read_lines gives,
    without a Python step per line."""
    held: list[bytes] = []
    size_held, skipping = 0, False
    while chunk := stream.read(size):
        end = chunk.rfind(b"\n")
        if end < 0:  # no line ends in this chunk
            size_held += len(chunk)
            skipping = skipping or size_held > MAX_BYTES
            held = [] if skipping else [*held, chunk]
            continue
        first = chunk.find(b"\n")
        if skipping or size_held + first > MAX_BYTES:
            yield number, None
            number += 1
            block = chunk[first + 1 : end + 1]
        else:
            block = b"".join((*held, chunk[: end + 1])) if held else chunk[: end + 1]
        if block:
            yield number, block
            number += block.count(b"\n")
        rest = chunk[end + 1 :]
        held, size_held, skipping = [rest] if rest else [], len(rest), False
    if skipping:
        yield number, None
    elif held:
        yield number, b"".join(held)


def on_line(diagnostic: Diagnostic, number: int) -> Diagnostic:
    """A finding located within one line's document, moved to that line of the file."""
    line = diagnostic.line or 1
    end = diagnostic.end_line or line
    return diagnostic.at(line=number + line - 1, column=diagnostic.column or 1, end_line=number + end - 1)


def _placed(diagnostic: Diagnostic, span: tuple[int, int, int, int] | None) -> Diagnostic:
    if span is None:
        return diagnostic
    return diagnostic.at(line=span[0], column=span[1], end_line=span[2], end_column=span[3])


def read_file(path: str | os.PathLike, name: str | None = None, as_json: bool = True) -> Source:
    """A Source from a file; I/O errors are the caller's (the CLI turns them into usage errors)."""
    name = str(Path(path)) if name is None else name
    with open(path, "rb") as file:  # no pathlib on the way: it was a tenth of checking a folder of models
        return read_stream(file, name, as_json)


def read_stream(stream: BinaryIO, name: str, as_json: bool = True) -> Source:
    """A Source from an open file, pipe, device or standard input: of one that is not a regular file, at most
    MAX_BYTES are read (/dev/zero ends too). Without `as_json`, the text is only decoded (a query file): its `data`
    is the text."""
    try:
        status = os.fstat(stream.fileno())
        size = status.st_size if stat.S_ISREG(status.st_mode) else -1
    except (OSError, ValueError):  # a stream without a file descriptor: read it up to the limit
        size = -1
    if size > MAX_BYTES:
        return _failed(
            name,
            "",
            codes.FILE_TOO_LARGE(
                f"file is {size / 1048576:.0f} MiB; one JSON document may be at most {MAX_BYTES // 1048576} MiB "
                "(use JSON Lines for large batches)",
                file=name,
                line=1,
                column=1,
            ),
        )
    if size >= 0:
        raw = stream.read()
    else:  # a megabyte at a time (read(MAX_BYTES + 1) would make a buffer of that size, whatever comes)
        chunks: list[bytes] = []
        total = 0
        while total <= MAX_BYTES and (chunk := stream.read(min(1 << 20, MAX_BYTES + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
        raw = b"".join(chunks)
    if len(raw) > MAX_BYTES:
        return _failed(
            name,
            "",
            codes.FILE_TOO_LARGE(
                f"{name} holds more than {MAX_BYTES // 1048576} MiB; one JSON document may be at most that much "
                "(use JSON Lines for large batches)",
                file=name,
                line=1,
                column=1,
            ),
        )
    if as_json:
        return load(name, raw)
    text, problem = decode(name, raw)
    return _failed(name, "", problem) if problem is not None else Source(name, text, text, True)


def unreadable(name: str, error: OSError, what: str = "") -> Source:
    """The Source of a file (or `what` else: a folder) that cannot be read: no text, and the finding that says
    why."""
    return _failed(
        name,
        "",
        codes.FILE_UNREADABLE(
            f"cannot read {what + ' ' if what else ''}{name}: {error.strerror or error}", file=name, line=1, column=1
        ),
    )


def skipped(name: str, reason: str) -> Source:
    """The Source of a file found in a folder that is not read (`reason`: a pipe, a link leading elsewhere)."""
    return _failed(name, "", codes.FILE_SKIPPED(f"not read: {reason}", file=name, line=1, column=1))


def load(name: str, raw: bytes | str) -> Source:
    """Decode and parse one JSON document."""
    if isinstance(raw, bytes):
        text, problem = decode(name, raw)
        if problem is not None:
            return _failed(name, "", problem)
    else:
        text = raw[1:] if raw.startswith("\ufeff") else raw
    return parse(name, text)


def decode(name: str, raw: bytes) -> tuple[str, Diagnostic | None]:
    """UTF-8 text (a UTF-8 BOM dropped) or a finding that says where the encoding goes wrong."""
    if raw[:1] not in _BOM_STARTS:  # (b"" is in every bytes)
        try:
            return raw.decode("utf-8"), None
        except UnicodeDecodeError:
            pass
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return "", codes.INVALID_ENCODING(
                f"file is {encoding} (it starts with a {encoding} byte order mark); save it as UTF-8",
                file=name,
                line=1,
                column=1,
            )
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return "", codes.INVALID_ENCODING(
            f"invalid UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start} ({error.reason})",
            file=name,
            line=line,
            column=column,
        )


class _Anomaly(Exception):
    """Raised by _STRICT's hooks at the first duplicate key, NaN/Infinity constant or overflowing number."""


def _pairs(pairs: list) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Anomaly
    return result


def _constant(token: str) -> float:
    raise _Anomaly


def _number(token: str) -> float:
    value = float(token)
    if math.isinf(value):
        raise _Anomaly
    return value


# Built once (json.loads with hooks builds a decoder per call) and stateless, so shared by threads. _STRICT
# stops at the first anomaly; then _TOLERANT reads the text as Python's json would (NaN for every constant)
# and the position index says what and where.
_STRICT = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant, parse_float=_number)
_TOLERANT = json.JSONDecoder(parse_constant=lambda token: math.nan)


def parse(name: str, text: str) -> Source:
    """Parse decoded text; findings carry line, column and pointer."""
    source = Source(name, text)
    if not text or text.isspace():
        source.diagnostics.append(
            codes.EMPTY_FILE("file is empty; expected a JSON document", file=name, line=1, column=1)
        )
        return source
    anomalies = False
    try:
        if text.startswith("\ufeff"):  # as json.loads says it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        try:
            source.data = _STRICT.decode(text)
        except _Anomaly:
            source.data, anomalies = _TOLERANT.decode(text), True
    except json.JSONDecodeError as error:
        source.diagnostics.append(
            codes.INVALID_JSON(f"invalid JSON: {error.msg}", file=name, line=error.lineno, column=error.colno)
        )
        return source
    except RecursionError:
        source.diagnostics.append(
            codes.NESTING_TOO_DEEP(
                "JSON nesting is too deep to process (more than about 900 levels)", file=name, line=1, column=1
            )
        )
        return source
    except ValueError:  # an integer literal beyond Python's digit limit
        source.diagnostics.append(
            codes.NUMBER_OVERFLOW(
                f"an integer has more than {sys.get_int_max_str_digits()} digits; no DTDL schema holds such a number",
                file=name,
                line=1,
                column=1,
            )
        )
        return source
    source.ok = True
    if anomalies:
        source.diagnostics.extend(Positions(text).anomalies(name))
        source.ok = not any(d.code != codes.DUPLICATE_KEY.code for d in source.diagnostics)
    return source


def too_deep(value: object, what: str) -> Diagnostic | None:
    """The finding about `value` (a twin, relationship, patch or value; `what` names it) if arrays and objects nest
    in it more than MAX_DEPTH levels deep, pointing at the first such place; None if they do not. Looked at one
    level at a time, without recursion; what comes after (the checks, the simulation of a patch) may then recurse."""
    level = [value] if isinstance(value, (dict, list)) else []
    for _ in range(MAX_DEPTH):
        level = [
            child
            for container in level
            for child in (container.values() if isinstance(container, dict) else container)
            if isinstance(child, (dict, list))
        ]
        if not level:
            return None
    stack: list[tuple[object, str, int]] = [(value, "", 1)]
    while True:  # a place below MAX_DEPTH levels exists: the first one, depth first
        container, pointer, depth = stack.pop()
        if depth > MAX_DEPTH:
            return codes.NESTING_TOO_DEEP(
                f"{what} nests arrays and objects more than {MAX_DEPTH} levels deep; it is not checked", pointer=pointer
            )
        items = container.items() if isinstance(container, dict) else enumerate(container)  # type: ignore[arg-type]
        stack.extend(
            reversed(
                [
                    (child, join_pointer(pointer, key), depth + 1)
                    for key, child in items
                    if isinstance(child, (dict, list))
                ]
            )
        )


def _failed(name: str, text: str, diagnostic: Diagnostic) -> Source:
    return Source(name, text, None, False, [diagnostic])


# One JSON token after optional whitespace: the same tokens and whitespace as grammars/json.lark.
_TOKEN = re.compile(
    r'[ \t\f\r\n]*(?:(\{)|(\[)|([}\]])|(,)|(:)|("[^"\\]*(?:\\.[^"\\]*)*")'
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)|(NaN|-?Infinity))"
)
_OBJECT, _ARRAY, _CLOSE, _COMMA, _COLON, _STRING, _SCALAR, _CONSTANT = range(1, 9)
_KEY = re.compile(r'[ \t\f\r\n]*("[^"\\]*(?:\\.[^"\\]*)*")[ \t\f\r\n]*:')  # an object's key and its colon
_SKIP = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # (value, end) of the JSON value starting at an index


class _Invalid(Exception):
    """The text is not JSON (json.loads has already said why)."""


def utf16_length(text: str) -> int:
    """Length as .NET counts it (UTF-16 code units)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


class Positions:
    """Line and column of every value and member of a JSON text, by JSON Pointer.

    A member's span starts at its key and ends with its value; an array item's or the root's is the value's;
    for a duplicated key the first member's. Read by one pass of a regular-expression tokenizer over the
    language of grammars/json.lark (tests/test_source.py checks the two agree); only constructed for texts
    that have findings. Given `wanted` pointers, only those and their ancestors are indexed: the values off
    their paths are skipped by json's C scanner, and anomalies are not looked for.
    """

    def __init__(self, text: str, wanted: Iterable[str] | None = None) -> None:
        self._offsets: dict[str, tuple[int, int]] = {}  # pointer -> (start, end) character offsets
        self._starts: list[int] = []  # the offset of each line, made when a first span is asked for
        self._text = text
        self._anomalies: list[tuple[str, str, str, tuple[int, int]]] = []
        paths = None
        if wanted is not None:
            paths = {""}
            for pointer in wanted:
                while pointer not in paths:
                    paths.add(pointer)
                    pointer = pointer[: pointer.rfind("/")] if "/" in pointer else ""
        try:
            _scan(text, self._offsets, self._anomalies, paths)
        except _Invalid:
            self._offsets.clear()
            self._anomalies.clear()

    @property
    def spans(self) -> dict[str, tuple[int, int, int, int]]:
        """(line, column, end_line, end_column) of every pointer indexed."""
        return {pointer: self._span(*where) for pointer, where in self._offsets.items()}

    def _span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Line and column of many spans: by bisection in the offsets of the lines, found once."""
        starts = self._starts
        if not starts:
            starts += [0, *accumulate(map((1).__add__, map(len, self._text.split("\n"))))]  # (at C speed)
        line, end_line = bisect_right(starts, start), bisect_right(starts, end)
        return line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1

    def offsets(self, pointer: str) -> tuple[int, int] | None:
        """(start, end) character offsets of the pointer's member or value, if indexed."""
        return self._offsets.get(pointer)

    def span(self, pointer: str) -> tuple[int, int, int, int] | None:
        """(line, column, end_line, end_column) of the pointer, or of its nearest located ancestor."""
        return self.spans_of((pointer,)).get(pointer)

    def spans_of(self, pointers: Iterable[str]) -> dict[str, tuple[int, int, int, int]]:
        """`span` of each pointer that has one. The text is counted once, at C speed, from one place to the next
        in the order of the text, without indexing every line: many findings in a long text cost no more than
        one pass over it."""
        offsets = {}
        for pointer in pointers:
            located = pointer
            while located not in self._offsets and located:
                located = located[: located.rfind("/")]
            if located in self._offsets:
                offsets[pointer] = self._offsets[located]
        text, places = self._text, {}
        line, line_start, last = 1, 0, 0
        for offset in sorted({offset for span in offsets.values() for offset in span}):
            newlines = text.count("\n", last, offset)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", last, offset) + 1
            places[offset] = (line, offset - line_start + 1)
            last = offset
        return {pointer: (*places[start], *places[end]) for pointer, (start, end) in offsets.items()}

    def anomalies(self, name: str) -> list[Diagnostic]:
        """Duplicate keys, NaN/Infinity constants and overflowing numbers, as findings."""
        found = []
        placed = sorted(
            ((kind, pointer, detail, self._span(*where)) for kind, pointer, detail, where in self._anomalies),
            key=lambda anomaly: anomaly[3],
        )
        for kind, pointer, detail, (line, column, end_line, end_column) in placed:
            code = {
                "duplicate": codes.DUPLICATE_KEY,
                "constant": codes.NON_FINITE_NUMBER,
                "overflow": codes.NUMBER_OVERFLOW,
            }[kind]
            found.append(
                code(
                    detail,
                    file=name,
                    pointer=pointer,
                    line=line,
                    column=column,
                    end_line=end_line,
                    end_column=end_column,
                )
            )
        return found


def _scan(text: str, offsets: dict[str, tuple[int, int]], anomalies: list, paths: set[str] | None) -> None:
    """Fill `offsets` with pointer -> (start, end) character offsets of every value (from the key for a
    member), or of those in `paths` where given, and `anomalies` with what json.loads lets through; raises
    _Invalid where the text is not JSON. One loop, no recursion: a value, then the commas and closing
    brackets that follow it."""
    match = _TOKEN.match
    stack: list[list] = []  # open containers: [pointer, start, member, is object, items read or keys seen]
    pointer, member, pos = "", None, 0  # member: (key start, duplicated key or None) of an object's value
    while True:
        token = match(text, pos)
        kind = token.lastindex if token else None
        if token is None or kind is None or kind in (_CLOSE, _COMMA, _COLON):
            raise _Invalid
        start, pos = token.start(kind), token.end()
        if kind in (_OBJECT, _ARRAY) and paths is not None and pointer not in paths:
            try:  # off every wanted path: skipped by json's C scanner, nothing recorded
                pos, kind = _SKIP(text, start)[1], None
            except (ValueError, RecursionError):  # json objects where the tokenizer may not: read everything
                paths = None
        if kind in (_OBJECT, _ARRAY):
            container: list = [
                pointer,
                start,
                member,
                kind == _OBJECT,
                0 if kind == _ARRAY else set() if paths is None else None,
            ]  # keys seen: for anomalies
            stack.append(container)
            following = match(text, pos)
            if following is None or following.lastindex != _CLOSE:
                pointer, member, pos = _child(text, pos, container)
                continue
        elif kind is None or (paths is not None and pointer not in paths):
            pass  # skipped, or a scalar off every wanted path
        else:
            _record(offsets, anomalies, pointer, member, start, pos)
            if kind != _STRING and paths is None:
                value = token.group(kind)
                if kind == _CONSTANT:
                    anomalies.append(("constant", pointer, f"{value} is not a JSON number", (start, pos)))
                elif value[0] not in "tfn" and math.isinf(float(value)):
                    anomalies.append(
                        (
                            "overflow",
                            pointer,
                            f"number {clip(value, QUOTED_VALUE)} overflows a 64-bit float",
                            (start, pos),
                        )
                    )
        while True:  # a value ended at pos: close containers until a comma starts the next member or item
            if not stack:
                if text[pos:].strip(" \t\f\r\n"):
                    raise _Invalid
                return
            token = match(text, pos)
            if token is None:
                raise _Invalid
            kind = token.lastindex
            if kind == _COMMA:
                pointer, member, pos = _child(text, token.end(), stack[-1])
                break
            if kind != _CLOSE or (token.group(kind) == "}") != stack[-1][3]:
                raise _Invalid
            pos = token.end()
            container = stack.pop()
            _record(offsets, anomalies, container[0], container[2], container[1], pos)


def _child(text: str, pos: int, container: list) -> tuple[str, tuple[int, str | None] | None, int]:
    """(pointer, member, position) of the next value in an open container: after its key and colon in an
    object."""
    if not container[3]:
        container[4] += 1
        return f"{container[0]}/{container[4] - 1}", None, pos
    key_token = _KEY.match(text, pos)
    if not key_token:
        raise _Invalid
    key = key_token.group(1)
    key = json.loads(key) if "\\" in key else key[1:-1]
    seen, duplicated = container[4], None
    if seen is not None:
        if key in seen:
            duplicated = key
        seen.add(key)
    pointer = f"{container[0]}/{key}" if "~" not in key and "/" not in key else join_pointer(container[0], key)
    return pointer, (key_token.start(1), duplicated), key_token.end()


def _record(offsets: dict, anomalies: list, pointer: str, member: tuple | None, start: int, end: int) -> None:
    """Note where a value (with its key, for a member) is; the first of duplicated members keeps the pointer."""
    if member is not None:
        start, duplicated = member
        if duplicated is not None:
            anomalies.append(
                ("duplicate", pointer, f"duplicate key {show(duplicated, QUOTED)} in a JSON object", (start, end))
            )
    offsets.setdefault(pointer, (start, end))
