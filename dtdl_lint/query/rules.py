"""The service's own rules for a query, which need no model: reserved names, limits, JOIN and MATCH rules, functions.

Each check returns Findings: (code, message, start, end), the offsets into the query text of what it is about.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import codes
from ..diagnostics import clip, closest
from .scope import Collection, Scope
from .syntax import RESERVED, Call, Comparison, Literal, Logic, Match, Path, Query, Within
from .view import dtmi_problem

Finding = tuple  # (Code, message, start, end)

MAX_LENGTH = 8000
MAX_LOGIC = 50
MAX_IN = 100
MAX_IN_LIMITS_PAGE = 50
MAX_JOINS = 5
MAX_HOPS = 10

# name: (fewest, most) arguments (reference §3)
FUNCTIONS = {
    "ARRAY_CONTAINS": (2, 2),
    "CONTAINS": (2, 2),
    "STARTSWITH": (2, 2),
    "ENDSWITH": (2, 2),
    "IS_DEFINED": (1, 1),
    "IS_NULL": (1, 1),
    "IS_BOOL": (1, 1),
    "IS_NUMBER": (1, 1),
    "IS_STRING": (1, 1),
    "IS_OBJECT": (1, 1),
    "IS_PRIMITIVE": (1, 1),
    "IS_OF_MODEL": (1, 3),
}
STRING_FUNCTIONS = ("CONTAINS", "STARTSWITH", "ENDSWITH")
IS_OF_MODEL_FORMS = (
    "IS_OF_MODEL('dtmi'), IS_OF_MODEL(collection, 'dtmi'), IS_OF_MODEL('dtmi', exact) or "
    "IS_OF_MODEL(collection, 'dtmi', exact)"
)


def check(query: Query, scope: Scope) -> list[Finding]:
    found: list[Finding] = []
    for check in (_reserved, _limits, _clauses, _matches, _dtid_filters, _functions):
        found.extend(check(query, scope))
    return found


def _reserved(query: Query, scope: Scope) -> Iterator[Finding]:
    for name in query.names:
        if not name.escaped and name.text.upper() in RESERVED:
            yield (
                codes.QUERY_UNESCAPED_NAME,
                f"{name.text.upper()} is a reserved word: write [[{clip(name.text)}]] to use it as a name",
                name.start,
                name.end,
            )


def _limits(query: Query, scope: Scope) -> Iterator[Finding]:
    operators = sorted(o for node in query.conditions() if isinstance(node, Logic) for o in node.operators)
    if len(operators) > MAX_LOGIC:
        at = operators[MAX_LOGIC]
        word = query.text[at : at + 3].rstrip()
        yield (
            codes.QUERY_TOO_MANY_CONDITIONS,
            f"the query has {len(operators)} AND / OR operators; the service takes at most {MAX_LOGIC}",
            at,
            at + len(word),
        )
    for node in query.conditions():
        if isinstance(node, Within):
            count = len(node.values.items)
            where = (node.values.start, node.values.end)
            if count > MAX_IN:
                yield (
                    codes.QUERY_IN_TOO_LONG,
                    f"the list has {count} values; an IN / NIN list may have at most {MAX_IN}",
                    *where,
                )
            elif count > MAX_IN_LIMITS_PAGE:
                yield (
                    codes.QUERY_IN_OVER_LIMIT,
                    f"the list has {count} values; the service limits page allows {MAX_IN_LIMITS_PAGE} in an IN / "
                    f"NOT IN list (the operators page {MAX_IN})",
                    *where,
                )


def _clauses(query: Query, scope: Scope) -> Iterator[Finding]:
    """JOIN and SELECT rules, COUNT() and TOP()."""
    select = query.select
    if len(query.joins) > MAX_JOINS:
        join = query.joins[MAX_JOINS]
        yield (
            codes.QUERY_TOO_MANY_JOINS,
            f"the query has {len(query.joins)} JOINs; the service takes at most {MAX_JOINS}",
            join.start,
            join.end,
        )
    traversals = [(j.start, j.end, "JOIN") for j in query.joins] + [(m.start, m.end, "MATCH") for m in query.matches]
    if query.relationships and traversals:
        start, end, word = min(traversals)
        yield (
            codes.QUERY_RELATIONSHIPS_JOIN,
            f"FROM RELATIONSHIPS cannot be combined with {word}: traverse relationships from FROM DIGITALTWINS",
            start,
            end,
        )
    if select.star and traversals:
        word = min(traversals)[2]
        shown = ", ".join(c.name.text for c in scope.collections.values() if c.name) or "the collections"
        yield (
            codes.QUERY_SELECT_STAR,
            f"SELECT * is not valid in a query with {word}: select the collections instead (SELECT {clip(shown)})",
            *select.star,
        )
    if select.count and select.count_args:
        yield (codes.QUERY_FUNCTION_ARGUMENTS, "COUNT() takes no argument", select.count_args[0].start, select.end)
    if select.top:
        value = select.top_value
        if not (isinstance(value, Literal) and isinstance(value.value, int) and value.kind == "number"):
            yield (
                codes.QUERY_FUNCTION_ARGUMENTS,
                "TOP() takes the number of twins to return, a whole number",
                value.start,  # type: ignore[union-attr]
                value.end,  # type: ignore[union-attr]
            )
        elif value.value < 1:
            yield (codes.QUERY_FUNCTION_ARGUMENTS, "TOP() takes a number of at least 1", value.start, value.end)


def _matches(query: Query, scope: Scope) -> Iterator[Finding]:
    """One MATCH; each arrow with one head at most, names after a colon, a hop count of 1 to 10 in all."""
    if len(query.matches) > 1:
        extra = query.matches[1]
        yield (codes.QUERY_MATCH_INVALID, "a query has at most one MATCH", extra.start, extra.end)
    total = 0
    for match in query.matches:
        for arrow in match.arrows:
            where = (arrow.start, arrow.end)
            if arrow.left_head and arrow.right_head:
                yield (
                    codes.QUERY_MATCH_INVALID,
                    "a relationship has one direction (-[]->, <-[]- or -[]-); for both, chain two patterns",
                    *where,
                )
            if len(arrow.variables) > 1:
                listed = "|".join(v.text for v in arrow.variables)
                yield (
                    codes.QUERY_MATCH_INVALID,
                    f"[{clip(listed)}]: a filter of relationship names starts with ':' ([:{clip(listed)}]); "
                    "without it the names are read as a variable",
                    arrow.variables[0].start,
                    arrow.variables[-1].end,
                )
            most, problem = _hops(arrow.hops)
            if problem and arrow.hops is not None:
                yield (codes.QUERY_MATCH_INVALID, problem, arrow.hops.start, arrow.hops.end)
            if len(arrow.variables) == 1 and most > 1:
                variable = arrow.variables[0].text
                yield (
                    codes.QUERY_MATCH_VARIABLE_HOPS,
                    f"the relationship variable {clip(variable)} is given to a relationship of up to {most} hops; a "
                    "variable is allowed only with a single hop",
                    arrow.variables[0].start,
                    arrow.variables[0].end,
                )
            if total <= MAX_HOPS < total + most:
                yield (
                    codes.QUERY_MATCH_INVALID,
                    f"the MATCH spans up to {total + most} hops here; at most {MAX_HOPS} are allowed",
                    *where,
                )
            total += most
        seen: set[str] = set()
        for node in match.nodes:
            if node.name is not None:
                if node.name.text in seen:
                    yield (
                        codes.QUERY_MATCH_TWIN_REPEATED,
                        f"the pattern names {clip(node.name.text)} twice: a MATCH that traverses the same twin "
                        "more than once may remove it from the results",
                        node.name.start,
                        node.name.end,
                    )
                seen.add(node.name.text)


def _hops(hops) -> tuple[int, str]:
    """The most hops an arrow spans, and what is wrong with its hop count ("" if nothing)."""
    if hops is None:
        return 1, ""
    if hops.low is None and hops.high is None:
        return 1, "'*' needs a hop count: *n, *m..n or *..n"
    if hops.ranged and hops.high is None:
        return 1, "the hop range has no ending limit: an ending limit must always be provided (*m..n or *..n)"
    numbers = [n for n in (hops.low, hops.high) if n is not None]
    if not all(n.isdigit() for n in numbers):
        return 1, "hop counts are whole numbers"
    high = int(hops.high)
    if not hops.ranged and high < 1:
        return 1, f"*{hops.high}: a relationship spans at least 1 hop"
    if hops.ranged and hops.low is not None and int(hops.low) >= high:
        return 1, (
            f"*{hops.low}..{hops.high} spans no hop count: the starting limit is excluded (*m..n is m+1 to n hops)"
        )
    if high < 1:
        return 1, f"*..{hops.high}: a relationship spans at least 1 hop"
    return high, ""


def _given_ids(query: Query, scope: Scope) -> list[tuple[Collection | None, int, int]]:
    """The conditions that give twins by $dtId (`T.$dtId = 'id'`, `T.$dtId IN [...]`): the collection filtered
    (found ignoring case, see query-collection-unknown), and where the path is."""
    found = []
    for node in query.conditions():
        paths: list = []
        if isinstance(node, Comparison) and node.operator == "=":
            paths = [side for side in (node.left, node.right) if isinstance(side, Path)]
            if not any(isinstance(side, Literal) for side in (node.left, node.right)):
                paths = []
        elif isinstance(node, Within) and not node.negated and isinstance(node.operand, Path):
            paths = [node.operand]
        for path in paths:
            if path.names[-1].text.lower() == "$dtid" and len(path.names) <= 2:
                start = scope.start(Path(path.names[:-1])) if len(path.names) == 2 else None
                collection = start.collection if start else scope.only_twins()
                found.append((collection, path.start, path.end))
    return found


def _dtid_filters(query: Query, scope: Scope) -> Iterator[Finding]:
    """A JOIN or MATCH needs a $dtId filter; a MATCH's should be on the twin its traversal starts from."""
    traversals = [(j.start, j.end, "JOIN") for j in query.joins] + [(m.start, m.end, "MATCH") for m in query.matches]
    if not traversals:
        return
    filters = [f for f in _given_ids(query, scope) if f[0] is None or f[0].twins]
    if not filters:
        start, end, word = min(traversals)
        yield (
            codes.QUERY_DTID_FILTER_MISSING,
            f"a query with {word} must filter some twin by $dtId in its WHERE clause (WHERE T.$dtId = 'id' or "
            "T.$dtId IN [...])",
            start,
            end,
        )
        return
    if query.matches and not query.joins:
        starts = _starting_twins(query.matches[0])
        if starts and not any(f[0] is not None and f[0].name and f[0].name.text in starts for f in filters):
            _, start, end = filters[0]
            yield (
                codes.QUERY_DTID_NOT_ON_START,
                f"the MATCH starts from {' or '.join(sorted(starts))}, but $dtId filters only other twins: such "
                "queries may show empty results (filter the starting twin, or use JOIN)",
                start,
                end,
            )


def _starting_twins(match: Match) -> set[str]:
    """The twins a MATCH's traversal may start from: the source of its first relationship (either end of a
    non-directional one), or its only twin."""
    nodes = match.nodes
    if not match.arrows:
        return {nodes[0].name.text} if nodes and nodes[0].name else set()
    first = match.arrows[0]
    if first.left_head and first.right_head:
        return set()
    candidates = [nodes[1]] if first.left_head else [nodes[0]] if first.right_head else [nodes[0], nodes[1]]
    return {node.name.text for node in candidates if node.name}


def _functions(query: Query, scope: Scope) -> Iterator[Finding]:
    """Known functions, their number of arguments and the kind of each (a path, a string, a value, exact)."""
    twin_count = len(scope.twin_collections())
    for node in query.conditions():
        if not isinstance(node, Call):
            continue
        name = node.name.text.upper()
        if name not in FUNCTIONS:
            close = closest(name, list(FUNCTIONS)) or closest(name.replace("_", ""), list(FUNCTIONS))
            hint = f"; did you mean {close}?" if close else f" (the functions are {', '.join(FUNCTIONS)})"
            if name == "COUNT":
                hint = ": COUNT() stands alone, as SELECT COUNT()"
            yield (
                codes.QUERY_FUNCTION_UNKNOWN,
                f"{clip(node.name.text)}() is not a function of the query language{hint}",
                node.name.start,
                node.name.end,
            )
            continue
        fewest, most = FUNCTIONS[name]
        count = len(node.args)
        if not fewest <= count <= most:
            wanted = str(fewest) if fewest == most else f"{fewest} to {most}"
            yield (
                codes.QUERY_FUNCTION_ARGUMENTS,
                f"{name}() takes {wanted} argument{'s' * (most > 1)}, not {count}",
                node.name.start,
                node.end,
            )
            continue
        if name == "IS_OF_MODEL":
            yield from _is_of_model(node, scope, twin_count)
        else:
            yield from _arguments(name, node, scope)


def _arguments(name: str, call: Call, scope: Scope) -> Iterator[Finding]:
    first = call.args[0]
    if not isinstance(first, Path):
        yield (codes.QUERY_FUNCTION_ARGUMENTS, f"{name}() tests a property: give its path", first.start, first.end)
    elif name == "ARRAY_CONTAINS":
        start = scope.start(first)
        if scope.relationship_of(first) is not None or (start.collection is not None and not start.collection.twins):
            yield (
                codes.QUERY_FUNCTION_ARGUMENTS,
                "ARRAY_CONTAINS() does not take a relationship property: only array properties of twins are searched",
                first.start,
                first.end,
            )
    if len(call.args) == 2:
        second = call.args[1]
        if name in STRING_FUNCTIONS and not (isinstance(second, Literal) and second.kind == "string"):
            yield (codes.QUERY_FUNCTION_ARGUMENTS, f"{name}() takes a string second", second.start, second.end)
        elif name == "ARRAY_CONTAINS" and not (isinstance(second, Literal) and second.kind != "null"):
            yield (
                codes.QUERY_FUNCTION_ARGUMENTS,
                "ARRAY_CONTAINS() takes the value to look for second: a string, number or boolean",
                second.start,
                second.end,
            )


def is_of_model_form(call: Call) -> tuple[Path | None, Literal | None, bool]:
    """(collection, dtmi, exact) of IS_OF_MODEL's arguments; dtmi None if they are none of its forms."""
    args = list(call.args)
    last = args[-1] if args else None
    exact = len(args) > 1 and isinstance(last, Path) and len(last.names) == 1 and _is_exact(last)
    if exact:
        args.pop()
    first = args[0] if len(args) == 2 else None
    collection = first if isinstance(first, Path) and len(first.names) == 1 else None
    dtmi = args[-1] if len(args) in (1, 2) else None
    if isinstance(dtmi, Literal) and dtmi.kind == "string" and (first is None or collection is not None):
        return collection, dtmi, exact
    return collection, None, exact


def _is_exact(path: Path) -> bool:
    name = path.names[0]
    return name.text.lower() == "exact" and not name.escaped


def _is_of_model(call: Call, scope: Scope, twin_count: int) -> Iterator[Finding]:
    collection, dtmi, _ = is_of_model_form(call)
    if dtmi is None:
        yield (
            codes.QUERY_FUNCTION_ARGUMENTS,
            f"IS_OF_MODEL() takes one of four forms: {IS_OF_MODEL_FORMS}",
            call.name.start,
            call.end,
        )
        return
    if collection is not None:
        named = scope.named(collection.names[0])
        if named is not None and not named.twins:
            yield (
                codes.QUERY_FUNCTION_ARGUMENTS,
                f"IS_OF_MODEL() tests twins: {clip(named.label)} is a collection of relationships",
                collection.start,
                collection.end,
            )
    elif twin_count > 1:
        yield (
            codes.QUERY_MODEL_AMBIGUOUS,
            "IS_OF_MODEL() without a collection in a query with several twin collections: name the one it tests "
            "(IS_OF_MODEL(T, 'dtmi'))",
            call.name.start,
            call.name.end,
        )
    problem = dtmi_problem(str(dtmi.value))
    if problem:
        yield (
            codes.QUERY_MODEL_INVALID,
            f"'{clip(str(dtmi.value))}' is not a valid DTMI ({problem}): no model has it",
            dtmi.start,
            dtmi.end,
        )
