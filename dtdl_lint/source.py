"""Reading JSON text robustly: encodings, duplicate keys, NaN/Infinity, overflow, and pointer -> line:col.

`load(name, raw)` never raises for bad input: it returns a Source whose `data` is the parsed JSON (or
`None` with `ok` false) and whose `diagnostics` say what was wrong, with line and column. Values come
from `json.loads` (C speed); the position index (`Positions`) is built with grammars/json.lark only when
a file has something to report.
"""

from __future__ import annotations

import codecs
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from . import codes
from .diagnostics import Diagnostic, join_pointer

MAX_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


@dataclass(slots=True, eq=False)
class Source:
    """One named JSON text and what it parsed to."""

    name: str
    text: str
    data: object = None
    ok: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _positions: Positions | None = None

    def positions(self) -> Positions:
        if self._positions is None:
            self._positions = Positions(self.text)
        return self._positions

    def locate(self, diagnostic: Diagnostic) -> Diagnostic:
        """The diagnostic with line and column filled in from its pointer (if not set already)."""
        if diagnostic.line or not self.text:
            return diagnostic
        span = self.positions().span(diagnostic.pointer)
        if span is None:
            return diagnostic
        return diagnostic.at(line=span[0], column=span[1], end_line=span[2], end_column=span[3])


def read_file(path: str | Path, name: str | None = None) -> Source:
    """A Source from a file; I/O errors are the caller's (the CLI turns them into usage errors)."""
    path = Path(path)
    name = str(path) if name is None else name
    size = path.stat().st_size
    if size > MAX_BYTES:
        return _failed(name, "", codes.FILE_TOO_LARGE(
            f"file is {size / 1048576:.0f} MiB; one JSON document may be at most {MAX_BYTES // 1048576} MiB "
            "(use JSON Lines for large batches)", file=name, line=1, column=1))
    return load(name, path.read_bytes())


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
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return "", codes.INVALID_ENCODING(
                f"file is {encoding} (it starts with a {encoding} byte order mark); save it as UTF-8",
                file=name, line=1, column=1)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        return "", codes.INVALID_ENCODING(
            f"invalid UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start} ({error.reason})",
            file=name, line=line, column=column)


class _Flags:
    """What the json.loads hooks noticed; located afterwards with the position index."""

    __slots__ = ("duplicates", "constants", "overflow")

    def __init__(self) -> None:
        self.duplicates = self.constants = self.overflow = False


def parse(name: str, text: str) -> Source:
    """Parse decoded text; findings carry line, column and pointer."""
    source = Source(name, text)
    if not text.strip():
        source.diagnostics.append(codes.EMPTY_FILE("file is empty; expected a JSON document",
                                                   file=name, line=1, column=1))
        return source
    flags = _Flags()

    def pairs_hook(pairs: list) -> dict:
        result = dict(pairs)
        if len(result) != len(pairs):
            flags.duplicates = True
        return result

    def constant(token: str) -> float:
        flags.constants = True
        return math.nan

    def number(token: str) -> float:
        value = float(token)
        if math.isinf(value):
            flags.overflow = True
        return value

    try:
        source.data = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=constant, parse_float=number)
    except json.JSONDecodeError as error:
        source.diagnostics.append(codes.INVALID_JSON(
            f"invalid JSON: {error.msg}", file=name, line=error.lineno, column=error.colno))
        return source
    except RecursionError:
        source.diagnostics.append(codes.NESTING_TOO_DEEP(
            "JSON nesting is too deep to process (more than about 900 levels)", file=name, line=1, column=1))
        return source
    except ValueError as error:  # an integer literal beyond Python's digit limit
        source.diagnostics.append(codes.NUMBER_OVERFLOW(f"number too large: {error}", file=name, line=1, column=1))
        return source
    source.ok = True
    if flags.duplicates or flags.constants or flags.overflow:
        source.diagnostics.extend(source.positions().anomalies(name))
        source.ok = not any(d.code != codes.DUPLICATE_KEY.code for d in source.diagnostics)
    return source


def _failed(name: str, text: str, diagnostic: Diagnostic) -> Source:
    return Source(name, text, None, False, [diagnostic])


class Positions:
    """Line and column of every value and member of a JSON text, by JSON Pointer.

    A member's span starts at its key and ends with its value; an array item's or the root's is the value's.
    Built from grammars/json.lark; only constructed for texts that have findings.
    """

    def __init__(self, text: str) -> None:
        from .grammar import parser

        self.spans: dict[str, tuple[int, int, int, int]] = {}
        self._anomalies: list[tuple[str, str, str, tuple[int, int, int, int]]] = []
        try:
            tree = parser("json.lark", propagate_positions=True, keep_all_tokens=True).parse(text)
        except Exception:  # lark's errors: the text did not parse (json.loads already said why)
            return
        self._index(tree)

    def span(self, pointer: str) -> tuple[int, int, int, int] | None:
        """(line, column, end_line, end_column) of the pointer, or of its nearest located ancestor."""
        while True:
            found = self.spans.get(pointer)
            if found is not None or not pointer:
                return found
            pointer = pointer[: pointer.rfind("/")]

    def anomalies(self, name: str) -> list[Diagnostic]:
        """Duplicate keys, NaN/Infinity constants and overflowing numbers, as findings."""
        found = []
        for kind, pointer, detail, (line, column, end_line, end_column) in self._anomalies:
            code = {"duplicate": codes.DUPLICATE_KEY, "constant": codes.NON_FINITE_NUMBER,
                    "overflow": codes.NUMBER_OVERFLOW}[kind]
            found.append(code(detail, file=name, pointer=pointer, line=line, column=column,
                              end_line=end_line, end_column=end_column))
        return found

    def _index(self, tree) -> None:
        from lark import Token, Tree

        def span(node) -> tuple[int, int, int, int]:
            if isinstance(node, Token):
                return (node.line, node.column, node.end_line, node.end_column)
            meta = node.meta
            return (meta.line, meta.column, meta.end_line, meta.end_column)

        stack = [(tree, "", None)]
        while stack:
            node, pointer, member_span = stack.pop()
            value_span = span(node)
            self.spans[pointer] = member_span or value_span
            kind = node.data
            if kind == "object":
                seen: set[str] = set()
                for pair in node.children:
                    if not isinstance(pair, Tree):
                        continue
                    key_node, value = pair.children[0], pair.children[-1]
                    key = json.loads(key_node.children[0])
                    child = join_pointer(pointer, key)
                    key_span = span(key_node)
                    whole = (key_span[0], key_span[1], span(value)[2], span(value)[3])
                    if key in seen:
                        self._anomalies.append(("duplicate", child, f"duplicate key {key!r} in a JSON object", whole))
                    seen.add(key)
                    stack.append((value, child, whole))
            elif kind == "array":
                for index, item in enumerate(c for c in node.children if isinstance(c, Tree)):
                    stack.append((item, join_pointer(pointer, index), None))
            elif kind == "constant":
                token = node.children[0]
                self._anomalies.append(("constant", pointer, f"{token} is not a JSON number", value_span))
            elif kind == "number":
                token = node.children[0]
                if math.isinf(float(token)):
                    self._anomalies.append(("overflow", pointer, f"number {token} overflows a 64-bit float",
                                            value_span))
        self._anomalies.sort(key=lambda a: a[3])
