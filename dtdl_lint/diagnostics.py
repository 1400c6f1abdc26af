"""Severity, Code (a catalog entry) and Diagnostic (one finding): plain data shared by every stage; JSON Pointers;
and the one way a message shows what it quotes from the input: a value in JSON spelling (`show`), a name, id, key
or path clipped (`clip`), both bounded."""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


PARSING_ERROR = "dtmi:dtdl:parsingError:"


@dataclass(frozen=True, slots=True)
class Code:
    """One entry of the catalog in codes.py: what a finding means, independent of where it occurs."""

    code: str  # "DTL" + 3 digits, never reused
    name: str  # kebab-case, for people: "duplicate-key"
    severity: Severity
    summary: str  # one line: what is checked
    why: str = ""  # why it matters
    example: str = ""  # a small input that triggers it
    parser_ids: tuple[str, ...] = ()  # official parser ids (last segment) this code can stand for
    service: str = ""  # the error the service answers (twins, relationships, patches)

    def __call__(
        self,
        message: str,
        *,
        file: str = "",
        line: int = 0,
        column: int = 0,
        end_line: int = 0,
        end_column: int = 0,
        pointer: str = "",
        dtmi: str = "",
        parser_id: str | None = None,
        service: str | None = None,
        related: tuple[Related, ...] = (),
    ) -> Diagnostic:
        """A Diagnostic of this code, where it was found; `parser_id` defaults to the code's first, `service`
        to the code's."""
        if parser_id is None:
            parser_id = self.parser_ids[0] if self.parser_ids else ""
        if parser_id and not parser_id.startswith(PARSING_ERROR):
            parser_id = PARSING_ERROR + parser_id
        return Diagnostic(
            self.code,
            self.severity,
            message,
            file,
            line,
            column,
            end_line,
            end_column,
            pointer,
            dtmi,
            parser_id,
            service or self.service,
            related,
        )


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding concerns (the previous version of a model element): `file`, 1-based `line` and
    `column`, `pointer` into the file, and what it is (`message`)."""

    file: str
    line: int
    column: int
    pointer: str
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding. Positions are 1-based, 0 where unknown; `pointer` is an RFC 6901 pointer into `file`;
    `related` the other places it concerns (SARIF relatedLocations)."""

    code: str
    severity: Severity
    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    pointer: str = ""
    dtmi: str = ""
    parser_id: str = ""
    service: str = ""
    related: tuple[Related, ...] = ()

    def at(self, **where: object) -> Diagnostic:
        """A copy with some location fields replaced."""
        return replace(self, **where)  # type: ignore[arg-type]

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.pointer, self.code, self.message)


def json_kind(value: object) -> str:
    """How a message names the JSON type of a value: "an object", "an array", "a string", "a number",
    "a boolean" or "null"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


QUOTED = 128  # characters of a name, id, key or path a message quotes at most (an Interface @id has at most 128)
QUOTED_VALUE = 40  # characters of a value, as JSON, a message quotes at most


def clip(text: str, limit: int = QUOTED) -> str:
    """A name, id, key, path or value from the input as a finding quotes it: cut to `limit` characters (the last
    three "...") when longer. Every message and report quotes input through it, so no input makes a finding long."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def show(value: object, limit: int = QUOTED_VALUE) -> str:
    """A value as JSON for a message (json.dumps' text), clipped to `limit` characters. Only the start that is
    shown is made, without recursion: a huge or deeply nested value costs no more than a small one."""
    pieces: list[str] = []
    size = 0
    for piece in _json_pieces(value, limit):
        pieces.append(piece)
        size += len(piece)
        if size > limit:
            break
    return clip("".join(pieces), limit)


class _Literal(str):
    """Text of the JSON being made (a bracket, a separator, a key), as opposed to a value still to write."""


def _json_pieces(value: object, limit: int) -> Iterator[str]:
    """The JSON text of `value` in pieces, as json.dumps(ensure_ascii=False, allow_nan=True) writes it; strings
    longer than `limit` are written cut (the caller never shows more)."""
    stack: list[Iterator[object]] = [iter((value,))]
    while stack:
        item = next(stack[-1], stack)
        if item is stack:
            stack.pop()
        elif item.__class__ is _Literal:
            yield item
        elif isinstance(item, (dict, list)):
            stack.append(_members(item, limit) if isinstance(item, dict) else _items(item))
        else:
            yield _scalar(item, limit)


def _members(value: dict, limit: int) -> Iterator[object]:
    yield _Literal("{")
    for index, (key, item) in enumerate(value.items()):
        yield _Literal(", " * (index > 0) + _scalar(key if isinstance(key, str) else _scalar(key, limit), limit) + ": ")
        yield item
    yield _Literal("}")


def _items(value: list) -> Iterator[object]:
    yield _Literal("[")
    for index, item in enumerate(value):
        if index:
            yield _Literal(", ")
        yield item
    yield _Literal("]")


def _scalar(value: object, limit: int) -> str:
    if isinstance(value, str):
        return json.dumps(value[: limit + 1], ensure_ascii=False)
    if value is True or value is False or value is None:
        return "true" if value else "false" if value is False else "null"
    digits = sys.get_int_max_str_digits()
    if isinstance(value, int) and digits and value.bit_length() > 3 * digits:
        return f"<an integer of {value.bit_length()} bits>"  # more digits than str() makes
    if isinstance(value, (int, float)):
        return json.dumps(value, allow_nan=True)
    return f"<{type(value).__name__}>"  # not a JSON value (a library caller's object)


def show_scalar(value: object, limit: int = QUOTED_VALUE) -> str:
    """A scalar as `show` writes it, a container by its kind ("an object", "an array"), for a message."""
    return json_kind(value) if isinstance(value, (dict, list)) else show(value, limit)


def listing(names: Iterable[str], limit: int = 10) -> str:
    """Names for a message: the first `limit` of them, each clipped, and how many more there are."""
    shown: list[str] = []
    more = 0
    for name in names:
        if len(shown) < limit:
            shown.append(clip(name))
        else:
            more += 1
    return ", ".join(shown) + (f" and {more} more" if more else "")


def closest(name: str, names: list[str], cutoff: float = 0.6) -> str:
    """The one of `names` closest to `name` (difflib's choice, at least `cutoff` alike), or "". Only names that can
    be close enough (by their lengths, difflib's first test) are compared: `name` may be megabytes long."""
    near = [n for n in names if not (n or name) or 2.0 * min(len(n), len(name)) / (len(n) + len(name)) >= cutoff]
    close = difflib.get_close_matches(name, near, n=1, cutoff=cutoff) if near else []
    return close[0] if close else ""


def escape_token(token: str) -> str:
    """One JSON Pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, *tokens: object) -> str:
    """`pointer` extended by `tokens` (strings or list indexes). Called for every member checked: kept cheap."""
    for token in tokens:
        token = str(token)
        pointer += "/" + (escape_token(token) if "~" in token or "/" in token else token)
    return pointer


def split_pointer(pointer: str) -> list[str]:
    """The unescaped reference tokens of a JSON Pointer ("" is the whole document)."""
    if not pointer:
        return []
    return [unescape_token(t) for t in pointer[1:].split("/")]
