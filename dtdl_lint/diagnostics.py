"""Severity, Code (a catalog entry) and Diagnostic (one finding): plain data shared by every stage."""

from __future__ import annotations

import reprlib
from collections.abc import Iterable
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
        )


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding. Positions are 1-based, 0 where unknown; `pointer` is an RFC 6901 pointer into `file`."""

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


def quote(value: object, limit: int = QUOTED_VALUE) -> str:
    """A value as Python's repr() writes it, for the messages that quote it so, clipped; a container is written only
    a few levels and items deep (reprlib), so that a huge or deeply nested one costs no more than a small one."""
    return clip(reprlib.repr(value) if isinstance(value, (dict, list)) else repr(value), limit)


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
