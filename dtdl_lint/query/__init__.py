"""Azure Digital Twins queries: the language (syntax.py, grammars/adt-query.lark), the service's rules (rules.py)
and the names and values checked against the models (names.py, which reads them through view.py).

`check_query` is the one entry point; the findings are placed by line and column in the query text (the first
character is 1:1) and carry no pointer. Importing this package imports lark: only runs with queries do.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from ..codes import QUERY_SYNTAX, QUERY_TOO_LONG, QUERY_UNESCAPED_NAME, QUERY_UNSUPPORTED
from ..diagnostics import Diagnostic, json_kind
from ..modelset import ModelSet
from ..source import Positions
from . import names, rules
from .scope import Scope
from .syntax import Literal, QuerySyntaxError, parse
from .view import view

# Beyond this many characters (ten times the service's limit) a query is reported too long and not read further.
MAX_READ = 10 * rules.MAX_LENGTH
_SYNTAX_CODES = {"syntax": QUERY_SYNTAX, "unsupported": QUERY_UNSUPPORTED, "escape": QUERY_UNESCAPED_NAME}


def check_query(
    query: object, models: ModelSet, complete: Callable[[ModelSet, list[object]], None] | None = None
) -> list[Diagnostic]:
    """The findings about the query text `query`, in order of place, against `models` (which may be empty: then
    only the language and the service's rules are checked); `complete` loads the models the query names from the
    ModelSet's repository."""
    if not isinstance(query, str):
        return [QUERY_SYNTAX(f"a query is a string, not {json_kind(query)}", line=1, column=1)]
    if not query.strip():
        return [QUERY_SYNTAX("the query is empty: a query starts with SELECT", line=1, column=1)]
    found: list = []
    length = len(query.strip())
    if length > rules.MAX_LENGTH:
        beyond = len(query) - len(query.lstrip()) + rules.MAX_LENGTH  # the first character too many
        found.append(
            (
                QUERY_TOO_LONG,
                f"the query has {length:,} characters; the service takes at most {rules.MAX_LENGTH:,}",
                beyond,
                beyond + 1,
            )
        )
        if length > MAX_READ:
            return _placed(query, found)
    try:
        tree = parse(query)
    except QuerySyntaxError as error:
        found.append((_SYNTAX_CODES[error.kind], error.message, error.start, error.end))
        return _placed(query, found)
    if complete is not None and models.repo is not None:
        complete(models, [node.value for node in tree.conditions() if isinstance(node, Literal)])
    scope = Scope(tree)
    found.extend(rules.check(tree, scope))
    found.extend(names.check(tree, scope, view(models)))
    return _placed(query, found)


def _placed(text: str, found: list) -> list[Diagnostic]:
    """Findings (code, message, start, end) as Diagnostics with the line and column of their offsets, in order."""
    starts = _line_starts(text)
    diagnostics = []
    for code, message, start, end in found:
        line, column = _place(starts, start)
        end_line, end_column = _place(starts, max(end, start))
        diagnostics.append(code(message, line=line, column=column, end_line=end_line, end_column=end_column))
    return sorted(diagnostics, key=Diagnostic.sort_key)


def _line_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in re.finditer("\n", text))]


def _place(starts: list[int], offset: int) -> tuple[int, int]:
    """(line, column), from 1, of an offset into a text whose lines start at `starts`."""
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


_MEMBER = re.compile(r'"(?:[^"\\]|\\.)*"[ \t\r\n]*:[ \t\r\n]*"')  # a key, its colon and the opening quote


def in_json(found: list[Diagnostic], query: object, text: str, pointer: str) -> list[Diagnostic]:
    """The findings about a query that is the string member at `pointer` of the JSON `text` (a Query API request
    body), placed where each character of the query is written in that text (an escape such as \\n or \\u00e9
    is where its backslash is), with the pointer."""
    if not found:
        return []
    span = Positions(text, {pointer}).span(pointer)
    if not isinstance(query, str) or span is None:
        return [d.at(pointer=pointer, line=0, column=0, end_line=0, end_column=0) for d in found]  # (the member's)
    text_starts, query_starts = _line_starts(text), _line_starts(query)
    member = text_starts[span[0] - 1] + span[1] - 1
    opening = _MEMBER.match(text, member)
    offsets = {(d.line, d.column) for d in found} | {(d.end_line, d.end_column) for d in found}
    wanted = {query_starts[line - 1] + column - 1 for line, column in offsets}
    written = _written_at(text, opening.end() if opening else member, max(wanted))
    placed = {offset: _place(text_starts, written[min(offset, len(written) - 1)]) for offset in wanted}

    def at(line: int, column: int) -> tuple[int, int]:
        return placed[query_starts[line - 1] + column - 1]

    moved = []
    for d in found:
        (line, column), (end_line, end_column) = at(d.line, d.column), at(d.end_line, d.end_column)
        moved.append(d.at(pointer=pointer, line=line, column=column, end_line=end_line, end_column=end_column))
    return moved


def _written_at(text: str, start: int, last: int) -> list[int]:
    """Where each character of the JSON string whose content starts at `start` is written, up to the character
    `last` (and where the string ends, after its last character)."""
    offsets: list[int] = []
    index = start
    while len(offsets) <= last and index < len(text) and text[index] != '"':
        offsets.append(index)
        if text[index] != "\\":
            index += 1
        elif text[index + 1 : index + 2] != "u":
            index += 2
        else:
            pair = text[index + 6 : index + 8] == "\\u" and "d800" <= text[index + 2 : index + 6].lower() < "dc00"
            index += 12 if pair else 6
    offsets.append(index)
    return offsets
