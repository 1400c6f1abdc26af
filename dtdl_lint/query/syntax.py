"""The syntax tree of an Azure Digital Twins query, built by grammars/adt-query.lark, and its syntax errors in words.

Every node knows where it is: `start` and `end` are character offsets into the query text. `parse` returns a Query,
or raises QuerySyntaxError with the offsets of what it could not read and a message that says what was expected
(keywords, "a name", "a value", never a grammar's token names).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import get_close_matches

from lark import Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from ..diagnostics import clip
from ..grammar import parser

# The reserved words (reference §1.1): not names unless written [[word]].
RESERVED = frozenset(
    (
        *("ALL", "AND", "AS", "ASC", "AVG", "BY", "COUNT", "DESC", "DEVICES_JOBS", "DEVICES_MODULES", "DEVICES"),
        *("ENDS_WITH", "FALSE", "FROM", "GROUP", "IN", "IS_BOOL", "IS_DEFINED", "IS_NULL", "IS_NUMBER", "IS_OBJECT"),
        *("IS_PRIMITIVE", "IS_STRING", "MAX", "MIN", "NOT", "NOT_IN", "NULL", "OR", "ORDER", "SELECT", "STARTS_WITH"),
        *("SUM", "TOP", "TRUE", "WHERE", "IS_OF_MODEL"),
    )
)
AGGREGATES = frozenset(("AVG", "SUM", "MIN", "MAX"))


# --- the tree ---


@dataclass(slots=True)
class Name:
    """A name as meant (`[[Group]]` is Group), where it is written, and whether it was escaped."""

    text: str
    start: int
    end: int
    escaped: bool = False

    @property
    def system(self) -> bool:
        """`$dtId`, `$metadata`, `$sourceId`: a name the service gives, not the model."""
        return self.text.startswith("$") and not self.escaped


@dataclass(slots=True)
class Path:
    """`T.room.temperature`: names joined by dots (a collection, properties, fields, map keys, system names)."""

    names: tuple[Name, ...]

    @property
    def start(self) -> int:
        return self.names[0].start

    @property
    def end(self) -> int:
        return self.names[-1].end

    def dotted(self) -> str:
        return ".".join(name.text for name in self.names)


@dataclass(slots=True)
class Literal:
    """A string, number, boolean or null; `value` is the Python value (a string without its quotes)."""

    kind: str  # "string", "number", "boolean", "null"
    value: object
    start: int
    end: int
    text: str  # as written


@dataclass(slots=True)
class Values:
    """`[literal, ...]`, after IN or NIN."""

    items: tuple[Literal, ...]
    start: int
    end: int


@dataclass(slots=True)
class Call:
    """`NAME(argument, ...)`: a function call; functions are names (`IS_OF_MODEL`), checked by rules.py."""

    name: Name
    args: tuple[Operand, ...]
    end: int

    @property
    def start(self) -> int:
        return self.name.start


Operand = Path | Literal | Call


@dataclass(slots=True)
class Comparison:
    left: Operand
    operator: str
    right: Operand
    start: int  # of the operator
    end: int


@dataclass(slots=True)
class Within:
    """`operand IN [...]`, or NIN / NOT IN (`negated`)."""

    operand: Operand
    values: Values
    negated: bool
    start: int  # of the keyword
    end: int


@dataclass(slots=True)
class Not:
    part: Condition
    start: int
    end: int


@dataclass(slots=True)
class Logic:
    """Parts joined by AND or by OR; `operators` are the offsets of the keywords, which the service counts."""

    operator: str  # "AND" or "OR"
    parts: tuple[Condition, ...]
    operators: tuple[int, ...]


Condition = Comparison | Within | Not | Logic | Operand


@dataclass(slots=True)
class Projection:
    path: Path
    alias: Name | None = None


@dataclass(slots=True)
class Select:
    """SELECT *, COUNT(), TOP(n) or projections. `start`/`end`: the SELECT keyword; `star`: where `*` is."""

    start: int
    end: int
    star: tuple[int, int] | None = None
    count: tuple[int, int] | None = None  # where COUNT is
    count_args: tuple[Operand, ...] = ()
    top: tuple[int, int] | None = None  # where TOP is
    top_value: Operand | None = None
    projections: tuple[Projection, ...] = ()


@dataclass(slots=True)
class Join:
    """`JOIN target RELATED source.relationship [alias]`; `start`/`end`: the JOIN keyword."""

    target: Name
    source: Name
    relationship: Name
    alias: Name | None
    start: int
    end: int


@dataclass(slots=True)
class Node:
    """`(name)` or `()` in a MATCH pattern."""

    name: Name | None


@dataclass(slots=True)
class Hops:
    """`*n`, `*m..n`, `*..n` (and the invalid `*`, `*m..`): the numbers as written, None where absent."""

    low: str | None
    high: str | None
    ranged: bool
    start: int
    end: int


@dataclass(slots=True)
class Arrow:
    """`-[...]->`, `<-[...]-`, `-[...]-` (or the invalid `<-[...]->`) between two nodes of a MATCH."""

    left_head: bool
    right_head: bool
    variables: tuple[Name, ...]  # [r] (more than one: `[a|b]`, a filter without its colon)
    names: tuple[Name, ...]  # [:a|b]
    hops: Hops | None
    start: int
    end: int


@dataclass(slots=True)
class Match:
    nodes: tuple[Node, ...]
    arrows: tuple[Arrow, ...]
    start: int  # the MATCH keyword
    end: int


@dataclass(slots=True)
class Query:
    text: str
    select: Select
    relationships: bool  # FROM RELATIONSHIPS (else DIGITALTWINS)
    collection: tuple[int, int]  # where DIGITALTWINS or RELATIONSHIPS is
    alias: Name | None
    joins: tuple[Join, ...] = ()
    matches: tuple[Match, ...] = ()
    where: Condition | None = None
    where_at: tuple[int, int] = (0, 0)  # the WHERE keyword
    names: list[Name] = field(default_factory=list)  # every name but function names, in order of the text

    def conditions(self) -> Iterator[Condition]:
        """Every condition and operand of the WHERE clause, outermost first (function arguments included)."""
        pending: list = [self.where] if self.where is not None else []
        while pending:
            node = pending.pop()
            yield node
            if isinstance(node, Logic):
                pending.extend(reversed(node.parts))
            elif isinstance(node, Not):
                pending.append(node.part)
            elif isinstance(node, Comparison):
                pending.extend((node.right, node.left))
            elif isinstance(node, Within):
                pending.append(node.operand)
            elif isinstance(node, Call):
                pending.extend(reversed(node.args))


# --- building it ---


class QuerySyntaxError(Exception):
    """What the grammar could not read: `kind` is "syntax", "unsupported" or "escape" (the finding's code)."""

    def __init__(self, kind: str, message: str, start: int, end: int) -> None:
        super().__init__(message)
        self.kind, self.message, self.start, self.end = kind, message, start, end


def _unescape(text: str) -> str:
    """A string literal's value: \\' is ', \\\\ is \\, other escapes as written (the reference documents only \\')."""
    return re.sub(r"\\(.)", lambda m: m[1] if m[1] in "'\"\\" else m[0], text[1:-1], flags=re.S)


def _number(text: str) -> int | float:
    """A number literal's value; an integer of more digits than Python converts is a float (infinite)."""
    if any(c in text for c in ".eE"):
        return float(text)
    try:
        return int(text)
    except ValueError:
        return float(text)


def _is_token(item: object) -> bool:
    return hasattr(item, "type")


class _Build(Transformer):
    """Applied while parsing (LALR, no parse tree is made): one method per rule of grammars/adt-query.lark."""

    __visit_tokens__ = False

    @staticmethod
    def name(children: list) -> Name:
        (token,) = children
        text = str(token)
        if token.type == "ESCAPED_NAME":
            return Name(text[2:-2], token.start_pos, token.end_pos, escaped=True)
        return Name(text, token.start_pos, token.end_pos)

    @staticmethod
    def path(children: list) -> Path:
        return Path(tuple(children))

    @staticmethod
    def literal(children: list) -> Literal:
        (token,) = children
        text, kind = str(token), token.type
        if kind == "STRING":
            return Literal("string", _unescape(text), token.start_pos, token.end_pos, text)
        if kind == "NUMBER":
            return Literal("number", _number(text), token.start_pos, token.end_pos, text)
        if kind == "NULL":
            return Literal("null", None, token.start_pos, token.end_pos, text)
        return Literal("boolean", kind == "TRUE", token.start_pos, token.end_pos, text)

    @staticmethod
    def values(children: list) -> Values:
        opening, *items = children
        end = items[-1].end if items else opening.end_pos
        return Values(tuple(items), opening.start_pos, end)

    @staticmethod
    def call(children: list) -> Call:
        name, *args = children
        return Call(name, tuple(args), args[-1].end if args else name.end)

    @staticmethod
    def comparison(children: list) -> Comparison:
        left, operator, right = children
        return Comparison(left, str(operator), right, operator.start_pos, operator.end_pos)

    @staticmethod
    def within(children: list) -> Within:
        operand, *keywords, values = children
        negated = keywords[0].type in ("NIN", "NOT")
        return Within(operand, values, negated, keywords[0].start_pos, keywords[-1].end_pos)

    @staticmethod
    def negated(children: list) -> Not:
        keyword, part = children
        return Not(part, keyword.start_pos, keyword.end_pos)

    @staticmethod
    def condition(children: list) -> Logic:
        return _logic("OR", children)

    @staticmethod
    def conjunction(children: list) -> Logic:
        return _logic("AND", children)

    @staticmethod
    def projection(children: list) -> Projection:
        return Projection(children[0], children[2] if len(children) == 3 else None)

    @staticmethod
    def count(children: list) -> tuple:
        keyword, *args = children
        return ("count", keyword, tuple(args))

    @staticmethod
    def top(children: list) -> tuple:
        keyword, value, *rest = children
        return ("top", keyword, value, rest)

    @staticmethod
    def select(children: list) -> Select:
        keyword, *rest = children
        select = Select(keyword.start_pos, keyword.end_pos)
        if rest and isinstance(rest[0], tuple):
            what, word, *details = rest[0]
            if what == "count":
                select.count, select.count_args = (word.start_pos, word.end_pos), details[0]
                return select
            select.top, select.top_value = (word.start_pos, word.end_pos), details[0]
            rest = details[1]
        if rest and _is_token(rest[0]):
            select.star = (rest[0].start_pos, rest[0].end_pos)
        else:
            select.projections = tuple(rest)
        return select

    @staticmethod
    def join(children: list) -> Join:
        keyword, target, _related, source, relationship, *alias = children
        return Join(target, source, relationship, alias[0] if alias else None, keyword.start_pos, keyword.end_pos)

    @staticmethod
    def node(children: list) -> Node:
        return Node(children[0] if children else None)

    @staticmethod
    def variable(children: list) -> tuple:
        return ("variable", tuple(children))

    @staticmethod
    def names(children: list) -> tuple:
        return ("names", tuple(children))

    @staticmethod
    def hops(children: list) -> Hops:
        star, *rest = children
        low = high = None
        ranged = any(_is_token(t) and t.type == "DOTS" for t in rest)
        numbers = [t for t in rest if t.type == "NUMBER"]
        if ranged:
            dots = next(t for t in rest if t.type == "DOTS")
            low = next((str(t) for t in numbers if t.end_pos <= dots.start_pos), None)
            high = next((str(t) for t in numbers if t.start_pos >= dots.end_pos), None)
        elif numbers:
            low = high = str(numbers[0])
        end = rest[-1].end_pos if rest else star.end_pos
        return Hops(low, high, ranged, star.start_pos, end)

    @staticmethod
    def arrow(children: list) -> Arrow:
        head, *inside, tail = children
        parts = {part[0]: part[1] for part in inside if isinstance(part, tuple)}
        hops = next((part for part in inside if isinstance(part, Hops)), None)
        return Arrow(
            head.type == "LEFT_HEAD",
            tail.type == "RIGHT_HEAD",
            parts.get("variable", ()),
            parts.get("names", ()),
            hops,
            head.start_pos,
            tail.end_pos,
        )

    @staticmethod
    def match(children: list) -> Match:
        keyword, *rest = children
        nodes = tuple(part for part in rest if isinstance(part, Node))
        arrows = tuple(part for part in rest if isinstance(part, Arrow))
        return Match(nodes, arrows, keyword.start_pos, keyword.end_pos)

    @staticmethod
    def from_(children: list) -> tuple:
        return tuple(children)

    @staticmethod
    def where(children: list) -> tuple:
        keyword, condition = children
        return (keyword, condition)

    @staticmethod
    def start(children: list) -> Query:
        select, (_from, collection, *rest), *where = children
        alias = rest[0] if rest and isinstance(rest[0], Name) else None
        query = Query(
            "",
            select,
            collection.upper().startswith("R"),
            (collection.start_pos, collection.end_pos),
            alias,
            tuple(part for part in rest if isinstance(part, Join)),
            tuple(part for part in rest if isinstance(part, Match)),
        )
        if where:
            keyword, query.where = where[0]
            query.where_at = (keyword.start_pos, keyword.end_pos)
        return query


def _logic(operator: str, children: list) -> Logic:
    parts = tuple(child for child in children if not _is_token(child))
    return Logic(operator, parts, tuple(child.start_pos for child in children if _is_token(child)))


_BUILD = _Build()


def _parser():
    return parser("adt-query.lark", transformer=_BUILD)


def parse(text: str) -> Query:
    """The syntax tree of `text`; raises QuerySyntaxError where the text is not the query language."""
    try:
        query = _parser().parse(text)
    except UnexpectedToken as error:
        raise _explained(text, error.token, _accepted(text, error.token)) from None
    except UnexpectedCharacters as error:
        raise _unreadable(text, error.pos_in_stream or 0) from None
    except UnexpectedInput as error:  # (the other kinds; LALR raises the two above)
        at = error.pos_in_stream or 0
        raise QuerySyntaxError("syntax", "the query cannot be read here", at, len(text)) from None
    query.text = text
    query.names = _names(query)
    return query


def _names(query: Query) -> list[Name]:
    """Every name of the query but function names, in order."""
    found: list[Name] = []
    for projection in query.select.projections:
        found.extend(projection.path.names)
        if projection.alias:
            found.append(projection.alias)
    if query.alias:
        found.append(query.alias)
    for join in query.joins:
        found.extend(n for n in (join.target, join.source, join.relationship, join.alias) if n)
    for match in query.matches:
        found.extend(node.name for node in match.nodes if node.name)
        for arrow in match.arrows:
            found.extend((*arrow.variables, *arrow.names))
    for node in query.conditions():
        if isinstance(node, Path):
            found.extend(node.names)
    return sorted(found, key=lambda name: name.start)


# --- syntax errors in words ---

# How a message names what the grammar expects, in the order it lists them.
_WORDS = {
    "SELECT": "SELECT",
    "STAR": "'*'",
    "COUNT": "COUNT",
    "TOP": "TOP",
    "FROM": "FROM",
    "COLLECTION": "DIGITALTWINS or RELATIONSHIPS",
    "JOIN": "JOIN",
    "RELATED": "RELATED",
    "MATCH": "MATCH",
    "WHERE": "WHERE",
    "AS": "AS",
    "NAME": "a name",
    "SYSTEM_NAME": "a name",
    "ESCAPED_NAME": "a name",
    "STRING": "a value",
    "NUMBER": "a value",
    "TRUE": "a value",
    "FALSE": "a value",
    "NULL": "a value",
    "COMPARE": "a comparison (=, !=, <, >, <=, >=)",
    "IN": "IN",
    "NIN": "NIN",
    "NOT": "NOT",
    "AND": "AND",
    "OR": "OR",
    "LPAR": "'('",
    "RPAR": "')'",
    "OPEN_LIST": "'['",
    "LSQB": "'['",
    "RSQB": "']'",
    "COMMA": "','",
    "DOT": "'.'",
    "COLON": "':'",
    "VBAR": "'|'",
    "DOTS": "'..'",
    "DASH": "'-'",
    "LEFT_HEAD": "'<-'",
    "RIGHT_HEAD": "'->'",
    "$END": "the end of the query",
}
_ORDER = {word: index for index, word in enumerate(dict.fromkeys(_WORDS.values()))}
_KEYWORDS = {"SELECT", "FROM", "WHERE", "DIGITALTWINS", "RELATIONSHIPS", "JOIN", "RELATED", "MATCH", "AS", "TOP"}
# The tokens that are keywords, which a message writes in capitals.
_KEYWORD_TOKENS = {*_KEYWORDS, "COLLECTION", "COUNT", "AND", "OR", "NOT", "IN", "NIN", "TRUE", "FALSE", "NULL"}


def expected_words(expected: set[str] | frozenset[str]) -> list[str]:
    """What the grammar expects, in words, each once, in a fixed order."""
    words = {_WORDS.get(name, name) for name in expected}
    return sorted(words, key=lambda word: _ORDER.get(word, len(_ORDER)))


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _tokens(text: str) -> list:
    """The tokens of `text` as far as they can be read, for saying what came before an error."""
    found = []
    try:
        for token in _parser().lex(text):
            found.append(token)
    except UnexpectedCharacters:
        pass
    return found


def _accepted(text: str, token) -> set[str]:
    """What the parser takes where `token` is: parsed again up to it, then asked (an error the lexer finds comes
    with what the lexer knew, which after a name is what may follow a name anywhere)."""
    interactive = _parser().parse_interactive(text)
    try:
        for read in interactive.iter_parse():
            if read.start_pos >= token.start_pos and token.type != "$END":
                break
    except UnexpectedInput:
        pass
    return interactive.accepts()


def _explained(text: str, token, expected: set[str]) -> QuerySyntaxError:
    """The finding for an unexpected token: a construct the language lacks, a name to escape, or what was expected."""
    tokens = _tokens(text)
    special = _unsupported(text, tokens)
    if special is not None:
        return special
    at_end = token.type == "$END"
    start = len(text.rstrip()) if at_end else token.start_pos
    end = len(text) if at_end else token.end_pos
    before = [t for t in tokens if t.end_pos <= start]
    previous = before[-1] if before else None
    word = str(token)
    if previous is not None and previous.type == "DOT" and token.type == "NUMBER":
        key = re.match(r"[A-Za-z0-9_]+", text[start:])
        written = key[0] if key else word
        return QuerySyntaxError(
            "escape",
            f"'{clip(written)}' starts with a digit: a map key like it is written [[{clip(written)}]]",
            start,
            start + len(written),
        )
    if word.upper() in RESERVED and expected & {"NAME", "SYSTEM_NAME", "ESCAPED_NAME"}:
        return QuerySyntaxError(
            "escape", f"{word.upper()} is a reserved word: write [[{clip(word)}]] to use it as a name", start, end
        )
    words = expected_words(expected)
    after = f" after {_shown(previous)}" if previous is not None else ""
    found = "the query ends" if at_end else f"unexpected {_shown(token)}"
    message = f"{found}{after}: expected {_either(words)}"
    if previous is not None and previous.type == "STRING" and previous.end_pos == start and not at_end:
        quote = str(previous)[0]
        message += f" (a {quote} inside a string is written \\{quote})"
    elif previous is not None and previous.type in ("COUNT", "TOP") and "LPAR" in expected:
        message += f" ({previous.type} is a reserved word: as a name it is written [[{previous}]])"
    if not at_end and token.type in ("NAME", *(t for t in expected if t not in _WORDS)):
        close = get_close_matches(word.upper(), [w for w in _KEYWORDS if _covers(w, expected)], n=1, cutoff=0.75)
        if close:
            message += f" (did you mean {close[0]}?)"
    return QuerySyntaxError("syntax", message, start, end)


def _covers(keyword: str, expected: set[str]) -> bool:
    return ("COLLECTION" if keyword in ("DIGITALTWINS", "RELATIONSHIPS") else keyword) in expected


def _shown(token) -> str:
    """A token as a message quotes it: keywords in capitals, the rest as written."""
    if token.type == "STRING":
        return clip(str(token), 40)
    if token.type in _KEYWORD_TOKENS:
        return str(token).upper()
    return f"'{clip(str(token), 40)}'"


def _unsupported(text: str, tokens: list) -> QuerySyntaxError | None:
    """A construct the query language does not have, which explains a syntax error better than what was expected:
    a subquery, GROUP BY or ORDER BY, an aggregate other than COUNT(), array indexing."""
    for index, token in enumerate(tokens[:-1]):
        following = tokens[index + 1]
        if token.type == "LPAR" and following.type == "SELECT":
            return QuerySyntaxError(
                "unsupported",
                "subqueries are not supported: a query has one SELECT",
                token.start_pos,
                following.end_pos,
            )
        upper = str(token).upper()
        if token.type == "NAME" and upper in ("GROUP", "ORDER") and str(following).upper() == "BY":
            return QuerySyntaxError(
                "unsupported",
                f"{upper} BY is not supported by Azure Digital Twins (the words are reserved, the clause is not "
                "part of the language)",
                token.start_pos,
                following.end_pos,
            )
        if token.type == "NAME" and upper in AGGREGATES and following.type == "LPAR":
            return QuerySyntaxError(
                "unsupported",
                f"{upper}() is not supported: the only aggregate is SELECT COUNT()",
                token.start_pos,
                token.end_pos,
            )
        if token.type in ("NAME", "SYSTEM_NAME", "ESCAPED_NAME") and following.type == "OPEN_LIST":
            after = tokens[index + 2] if index + 2 < len(tokens) else None
            if after is not None and after.type in ("NUMBER", "NAME"):
                return QuerySyntaxError(
                    "unsupported",
                    "array indexing is not supported: use ARRAY_CONTAINS(array, value)",
                    following.start_pos,
                    after.end_pos,
                )
    return None


def _unreadable(text: str, position: int) -> QuerySyntaxError:
    """The finding for a character no token starts with."""
    char = text[position]
    if char == "@":
        parameter = re.match(r"@[A-Za-z0-9_]*", text[position:])[0]  # type: ignore[index]
        return QuerySyntaxError(
            "unsupported",
            f"'{clip(parameter)}': queries take no parameters; put the value itself in the query text",
            position,
            position + len(parameter),
        )
    if char in "'\"":
        return QuerySyntaxError(
            "syntax",
            f"the string that starts here is not closed with {char} (a {char} inside a string is written \\{char})",
            position,
            len(text),
        )
    shown = repr(char)[1:-1] if not char.isprintable() else char
    return QuerySyntaxError(
        "syntax",
        f"unexpected character '{shown}': no part of the query language starts with it",
        position,
        position + 1,
    )
