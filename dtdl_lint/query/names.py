"""The names and values of a query checked against the models: which collection each path starts from, and, where the
query says which model a twin has, every property, component, field and relationship name and every value compared.

A twin collection's models come from the WHERE clause's top-level conditions (IS_OF_MODEL, `$metadata.$model =`)
and from the relationship that leads to it (a JOIN, or a MATCH arrow of one relationship name and one hop). A name
is accepted if any of those models has it (IS_OF_MODEL without `exact` also selects the models that extend one).
"""

from __future__ import annotations

from .. import codes
from ..diagnostics import clip, closest, listing
from .rules import STRING_FUNCTIONS, Finding, is_of_model_form
from .scope import Collection, Scope
from .syntax import Arrow, Call, Comparison, Literal, Logic, Match, Name, Path, Query, Within
from .view import Member, Models, ModelView, Shape, dtmi_problem

TWIN_SYSTEM = ("$dtId", "$etag", "$metadata")
METADATA_SYSTEM = ("$model", "$lastUpdateTime")
PROPERTY_METADATA = ("lastUpdateTime", "sourceTime")
RELATIONSHIP_SYSTEM = ("$relationshipId", "$sourceId", "$targetId", "$relationshipName", "$etag")
STRING = Shape("string", "string")


def check(query: Query, scope: Scope, view: ModelView) -> list[Finding]:
    return _Checker(query, scope, view).run()


def suggestion(name: str, names: list[str], what: str = "names") -> str:
    """ "; did you mean 'x'?" for the name closest to `name`, saying so when only the case differs ("" if none)."""
    lower = name.lower()
    same = next((n for n in names if n.lower() == lower), "")
    if same:
        return f"; did you mean '{clip(same)}'? ({what} are case-sensitive)"
    close = closest(name, names)
    return f"; did you mean '{clip(close)}'?" if close else ""


class _Checker:
    def __init__(self, query: Query, scope: Scope, view: ModelView) -> None:
        self.query, self.scope, self.view = query, scope, view
        self.found: list[Finding] = []

    def add(self, code, message: str, start: int, end: int) -> None:
        self.found.append((code, message, start, end))

    def run(self) -> list[Finding]:
        if self.view:
            self.models_said()
            self.joins()
            for match in self.query.matches:
                self.arrows(match)
                self.variables(match)
        for projection in self.query.select.projections:
            self.path(projection.path, projected=True)
        for node in self.query.conditions():
            if isinstance(node, Comparison):
                self.compare(node.left, [node.right])
                self.compare(node.right, [node.left])
            elif isinstance(node, Within):
                self.compare(node.operand, list(node.values.items))
            elif isinstance(node, Call):
                self.call(node)
        return self.found

    # --- which models each collection has ---

    def models_said(self) -> None:
        """The models the WHERE clause gives twin collections: every IS_OF_MODEL and `$metadata.$model` value is
        checked; those of its top-level conditions (joined by AND) say which models a collection's twins have."""
        top = set()
        pending = [self.query.where] if self.query.where is not None else []
        while pending:
            node = pending.pop()
            top.add(id(node))
            if isinstance(node, Logic) and node.operator == "AND":
                pending.extend(node.parts)
        for node in self.query.conditions():
            said = self.model_statement(node)
            if said is None:
                continue
            collection, literal, exact = said
            dtmi = str(literal.value)
            if dtmi_problem(dtmi):
                continue  # (reported by rules.py, or below for $metadata.$model)
            models = self.view.matching(dtmi, exact)
            if not models:
                self.add(
                    codes.QUERY_MODEL_UNKNOWN,
                    f"no model {clip(dtmi)} is among the models: no twin is found{self.model_hint(dtmi)}",
                    literal.start,
                    literal.end,
                )
            elif collection is not None and id(node) in top:  # (two that no twin is both of: not known)
                collection.models = models if collection.models is None else collection.models & models

    def model_statement(self, node) -> tuple[Collection | None, Literal, bool] | None:
        """(collection, dtmi, exact) of IS_OF_MODEL(...) or `T.$metadata.$model = 'dtmi'`, None for other nodes."""
        if isinstance(node, Call) and node.name.text.upper() == "IS_OF_MODEL":
            argument, dtmi, exact = is_of_model_form(node)
            if dtmi is None:
                return None
            if argument is None:
                return self.scope.only_twins(), dtmi, exact
            named = self.scope.named(argument.names[0]) or self.scope.folded(argument.names[0])
            return (named if named is not None and named.twins else None), dtmi, exact
        if isinstance(node, Comparison) and node.operator == "=":
            for path, literal in ((node.left, node.right), (node.right, node.left)):
                if isinstance(path, Path) and isinstance(literal, Literal) and literal.kind == "string":
                    collection = self.model_path(path)
                    if not isinstance(collection, bool):
                        return collection, literal, True
        return None

    def model_path(self, path: Path) -> Collection | bool | None:
        """The twin collection of a `[T.]$metadata.$model` path (None: unknown), False for any other path."""
        names = [n.text for n in path.names]
        if names[-2:] != ["$metadata", "$model"] or len(names) > 3:
            return False
        start = self.scope.start(Path(path.names[:-2])) if len(names) == 3 else None
        collection = start.collection if start is not None else self.scope.only_twins()
        return collection if collection is not None and collection.twins else None

    def model_hint(self, dtmi: str) -> str:
        """A model id meant instead of `dtmi`: the same in another case or version, a close name beside it (the same
        path but its last segment), or the same name on another path."""
        path = dtmi.partition(";")[0]
        ids = self.view.ids()
        same = [i for i in ids if i.partition(";")[0].lower() == path.lower()]
        if same:
            return suggestion(dtmi, same, "model ids")
        head, _, name = path.rpartition(":")
        beside = {
            i.partition(";")[0].rpartition(":")[2]: i for i in ids if i.partition(";")[0].rpartition(":")[0] == head
        }
        close = closest(name, list(beside))
        elsewhere = [i for i in ids if i.partition(";")[0].rpartition(":")[2].lower() == name.lower()]
        meant = beside[close] if close else elsewhere[0] if elsewhere else ""
        return f"; did you mean '{clip(meant)}'?" if meant else ""

    def joins(self) -> None:
        """Each JOIN's relationship on its source's models, and so its target's models."""
        for join in self.query.joins:
            source = self.scope.named(join.source) or self.scope.folded(join.source)
            target = self.scope.named(join.target)
            if source is None or not source.twins or source.models is None:
                continue
            found = self.relationships(source.models, join.relationship)
            if found is None:
                continue
            if target is not None and target.twins:
                self.narrow(target, found)
            if join.alias is not None:
                alias = self.scope.named(join.alias)
                if alias is not None and not alias.twins:
                    alias.relationships = found

    def arrows(self, match: Match) -> None:
        """Each MATCH relationship name on the models of the twins it leaves from, and so the other twins' models:
        arrows are read in both directions until nothing more is learnt."""
        collections = [self.scope.named(node.name) if node.name else None for node in match.nodes]
        done: set[int] = set()
        for _ in range(len(match.arrows) + 1):
            learnt = False
            for index, arrow in enumerate(match.arrows):
                if index in done or (arrow.left_head and arrow.right_head):
                    continue
                left, right = collections[index], collections[index + 1]
                sources = [right] if arrow.left_head else [left] if arrow.right_head else [left, right]
                known = [s.models for s in sources if s is not None and s.models is not None]
                if not known or not arrow.names:
                    continue
                done.add(index)
                learnt = True
                if len(known) < len(sources):
                    continue  # non-directional, one end unknown: the names may be the other end's
                models = known[0] if len(known) == 1 else known[0] | known[1]
                found = [self.relationships(models, name) for name in arrow.names]
                members = [m for f in found if f is not None for m in f]
                if len(arrow.variables) == 1 and members:
                    variable = self.scope.named(arrow.variables[0])
                    if variable is not None and not variable.twins:
                        variable.relationships = members
                target = left if arrow.left_head else right
                if len(sources) == 1 and target is not None and members and _single_hop(arrow):
                    self.narrow(target, members)
            if not learnt:
                break

    def variables(self, match: Match) -> None:
        """`[contains]` (a variable, which matches any relationship) where `[:contains]` (the relationship name
        filter) is likely meant: the variable is a relationship name of the models and used nowhere else."""
        for arrow in match.arrows:
            if len(arrow.variables) != 1 or arrow.names:
                continue
            variable = arrow.variables[0]
            used = sum(name.text == variable.text for name in self.query.names)
            if used == 1 and variable.text in self.view.relationship_names():
                self.add(
                    codes.QUERY_MATCH_VARIABLE_IS_RELATIONSHIP,
                    f"[{clip(variable.text)}] names a variable, which matches any relationship, and "
                    f"{clip(variable.text)} is a relationship name of the models: to match only those, write "
                    f"[:{clip(variable.text)}]",
                    variable.start,
                    variable.end,
                )

    def relationships(self, models: Models, name: Name) -> list[Member] | None:
        """The Relationships named `name` of those models; None, with a finding, if none has one."""
        found = self.view.find(models, name.text)
        relationships = [member for member, _ in found if member.kind == "Relationship"]
        if relationships:
            return relationships
        if found:
            member, dtmi = found[0]
            message = (
                f"'{clip(name.text)}' is a {member.kind} of {clip(dtmi)}, not a Relationship: the query finds nothing"
            )
        else:
            names = [
                n
                for n in self.view.names(models)
                if any(m.kind == "Relationship" for m, _ in self.view.find(models, n))
            ]
            hint = suggestion(name.text, names) or f" (it has {listing(names) or 'none'})"
            message = (
                f"'{clip(name.text)}' is not a relationship of {self.owner(models)}: the query finds nothing{hint}"
            )
        self.add(codes.QUERY_RELATIONSHIP_UNKNOWN, message, name.start, name.end)
        return None

    def narrow(self, target: Collection, relationships: list[Member]) -> None:
        """A twin reached through those relationships has the models of their targets (unless one has none)."""
        targets = {self.view.relationship(member)[0] for member in relationships}
        found = [m for t in sorted(targets) if (m := self.view.matching(t, exact=False)) is not None]
        if not found or len(found) < len(targets):
            return  # (a Relationship without a target, or whose target is not among the models)
        models = found[0]
        for more in found[1:]:
            models = models | more
        if target.models is None:
            target.models = models
        else:  # (what the WHERE clause says stays if the relationship's targets contradict it)
            target.models = (target.models & models) or target.models

    def owner(self, models: Models) -> str:
        """How a message names the models of a collection: those the query names (or leads to), and how many more
        its twins may have."""
        roots, more = models.roots, len(models.all) - len(models.roots)
        named = " or ".join(clip(root) for root in roots[:3]) + (" or others" if len(roots) > 3 else "")
        them = "it" if len(roots) == 1 else "them"
        extending = f"the {more} models that extend {them}" if more > 1 else f"the model that extends {them}"
        return named + (f" (nor of {extending})" if more else "")

    # --- paths ---

    def path(self, path: Path, projected: bool = False, in_array_contains: bool = False) -> Shape | None:
        """Check a path; its values' Shape where known."""
        start = self.scope.start(path)
        head = path.names[0]
        if start.problem == "case":
            meant = start.meant.name.text  # type: ignore[union-attr]
            self.add(
                codes.QUERY_COLLECTION_UNKNOWN,
                f"{clip(head.text)} is not a collection of the query; did you mean {clip(meant)}? (names are "
                "case-sensitive; whether collection names are is not documented)",
                head.start,
                head.end,
            )
        elif start.problem == "unknown":
            declared = ", ".join(clip(c.name.text) for c in self.scope.collections.values() if c.name)
            joined = next((j for j in self.query.joins if j.relationship.text == head.text), None)
            hint = (
                f"; {clip(head.text)} is the relationship of JOIN {clip(joined.target.text)}: name it to use it "
                f"(RELATED {clip(joined.source.text)}.{clip(head.text)} {clip(head.text)})"
                if joined is not None and joined.alias is None
                else ""
            )
            self.add(
                codes.QUERY_COLLECTION_UNKNOWN,
                f"{clip(head.text)} is not a collection of the query ({declared}): with several collections, a "
                f"path starts with one of them{hint}",
                head.start,
                head.end,
            )
            return None
        collection, rest = start.collection, start.rest
        if collection is None or not rest:
            return None
        through = self.scope.relationship_of(path)
        if through is not None and collection.name is not None and rest[0].text == through.relationship.text:
            if not in_array_contains:  # (rules.py reports it there)
                self.add(
                    codes.QUERY_PROPERTY_UNKNOWN,
                    f"{clip(rest[0].text)} is the relationship of JOIN {clip(through.target.text)}, not a property of "
                    f"{clip(collection.label)}: its properties are reached through an alias of the relationship "
                    f"(RELATED {clip(through.source.text)}.{clip(rest[0].text)} R, then R.property)",
                    rest[0].start,
                    rest[0].end,
                )
            return None
        if not collection.twins:
            return self.relationship_path(collection, rest)
        return self.twin_path(collection, rest, bare=projected and len(path.names) == 1)

    def twin_path(self, collection: Collection, names: tuple[Name, ...], bare: bool = False) -> Shape | None:
        first = names[0]
        if first.system:
            if first.text == "$metadata":
                return self.metadata(collection.models, None, names[1:])
            if first.text in TWIN_SYSTEM:
                return self.members(STRING, names[1:], first.text)
            self.unknown(first, f"a system property of twins ({', '.join(TWIN_SYSTEM)})", list(TWIN_SYSTEM))
            return None
        models = collection.models
        if models is None:
            return None
        member, owner = self.member(models, first.text)
        if member is None:
            names_there = self.view.names(models)
            what = f"a property of {self.owner(models)}"
            if bare:
                what = f"a collection of the query ({clip(collection.label)}) nor {what}"
            self.unknown(first, what, names_there, neither=bare)
            return None
        if member.kind in ("Telemetry", "Command"):
            self.add(
                codes.QUERY_PROPERTY_UNKNOWN,
                f"'{clip(first.text)}' is a {member.kind} of {clip(owner)}: it is not part of the twin, so the "
                "query finds nothing",
                first.start,
                first.end,
            )
            return None
        if member.kind == "Relationship":
            self.add(
                codes.QUERY_PROPERTY_UNKNOWN,
                f"'{clip(first.text)}' is a Relationship of {clip(owner)}, not a property: traverse it with JOIN "
                f"... RELATED {clip(collection.label)}.{clip(first.text)}",
                first.start,
                first.end,
            )
            return None
        return self.members(self.view.shape(member), names[1:], first.text)

    def member(self, models: Models, name: str) -> tuple[Member | None, str]:
        """The content `name` of a model of `models` (a root's first), and that model."""
        found = self.view.find(models, name)
        return found[0] if found else (None, "")

    def members(self, shape: Shape, names: tuple[Name, ...], written: str) -> Shape | None:
        """Follow `names` into a value of `shape` (fields of Objects, keys of Maps, contents of components)."""
        for index, name in enumerate(names):
            if shape.kind == "object":
                if name.text not in shape.fields:
                    self.unknown(name, f"a field of {clip(written)} (an Object)", list(shape.fields))
                    return None
                shape = self.view.field(shape, name.text)
            elif shape.kind == "map":
                shape = self.view.item(shape)
            elif shape.kind == "component":
                dtmi = str(shape.source)
                interface = Models((dtmi,), frozenset((dtmi,)))
                if name.text == "$metadata":
                    return self.metadata(interface, written, names[index + 1 :])
                member, _ = self.member(interface, name.text)
                if member is None or member.kind != "Property":
                    names_there = self.view.names(interface)
                    self.unknown(name, f"a property of the component {clip(written)} ({clip(dtmi)})", names_there)
                    return None
                shape = self.view.shape(member)
            elif shape.kind == "other":
                return None
            else:
                self.add(
                    codes.QUERY_PROPERTY_UNKNOWN,
                    f"{clip(written)} is {_a(shape)}: it has no member '{clip(name.text)}', so the query finds nothing",
                    name.start,
                    name.end,
                )
                return None
            written = f"{written}.{name.text}"
        return shape

    def metadata(self, models: Models | None, component: str | None, names: tuple[Name, ...]) -> Shape | None:
        """`$metadata.$model`, `$metadata.$lastUpdateTime`, `$metadata.<property>.lastUpdateTime|sourceTime`."""
        if not names:
            return None
        first = names[0]
        if first.system:
            system = METADATA_SYSTEM if component is None else ()
            if first.text not in system:
                self.unknown(first, "a member of $metadata", [*system])
                return None
            return self.members(STRING, names[1:], f"$metadata.{first.text}")
        member = self.member(models, first.text)[0] if models is not None else None
        if member is None and "$" + first.text in METADATA_SYSTEM:
            self.add(
                codes.QUERY_PROPERTY_UNKNOWN,
                f"$metadata.{first.text} would be the metadata of a property named {first.text}; the twin's own is "
                f"$metadata.${first.text}",
                first.start,
                first.end,
            )
            return None
        if models is not None and (member is None or member.kind not in ("Property", "Component")):
            self.unknown(first, f"a property of {self.owner(models)} (in $metadata)", [])
            return None
        if len(names) > 1 and names[1].text not in PROPERTY_METADATA:
            self.unknown(names[1], f"a member of $metadata.{clip(first.text)}", list(PROPERTY_METADATA))
            return None
        return self.members(STRING, names[2:], ".".join(n.text for n in names[:2])) if len(names) > 1 else None

    def relationship_path(self, collection: Collection, names: tuple[Name, ...]) -> Shape | None:
        first = names[0]
        if first.system:
            if first.text not in RELATIONSHIP_SYSTEM:
                listed = ", ".join(RELATIONSHIP_SYSTEM)
                self.unknown(first, f"a system property of relationships ({listed})", list(RELATIONSHIP_SYSTEM))
                return None
            return self.members(STRING, names[1:], first.text)
        if not collection.relationships:
            return None
        for member in collection.relationships:
            schema = self.view.relationship(member)[1].get(first.text)
            if schema is not None:
                return self.members(self.view.schema(schema), names[1:], first.text)
        known = sorted({p for member in collection.relationships for p in self.view.relationship(member)[1]})
        self.unknown(first, f"a property of the relationship '{clip(collection.relationships[0].name)}'", known)
        return None

    def unknown(self, name: Name, what: str, names: list[str], neither: bool = False) -> None:
        """A name that is not `what`, with the nearest of `names`."""
        self.add(
            codes.QUERY_PROPERTY_UNKNOWN,
            f"'{clip(name.text)}' is {'neither' if neither else 'not'} {what}: the query finds nothing"
            + (suggestion(name.text, names) or (f" (it has {listing(names)})" if names else "")),
            name.start,
            name.end,
        )

    # --- values ---

    def compare(self, operand, others: list) -> None:
        """A path compared with literals: each literal must be a value the path's schema can hold."""
        if not isinstance(operand, Path):
            return
        shape = self.path(operand)
        if shape is None:
            return
        for other in others:
            if isinstance(other, Literal):
                self.fits(f"{clip(operand.dotted())} is {_a(shape)}", shape, other)
        collection = self.model_path(operand)
        for other in others:
            if collection is not False and isinstance(other, Literal) and other.kind == "string":
                invalid = dtmi_problem(str(other.value))
                if invalid:
                    self.add(
                        codes.QUERY_MODEL_INVALID,
                        f"'{clip(str(other.value))}' is not a valid DTMI ({invalid}): no model has it",
                        other.start,
                        other.end,
                    )

    def call(self, call: Call) -> None:
        """The arguments of a function: paths checked, and the function's test fit to the path's schema."""
        name = call.name.text.upper()
        if name == "IS_OF_MODEL":
            collection, _, _ = is_of_model_form(call)
            if collection is not None:
                self.collection_argument(collection)
            return
        shapes = [
            self.path(arg, in_array_contains=name == "ARRAY_CONTAINS" and i == 0) if isinstance(arg, Path) else None
            for i, arg in enumerate(call.args)
        ]
        first = call.args[0] if call.args else None
        shape = shapes[0] if shapes else None
        if shape is None or not isinstance(first, Path):
            return
        if name in STRING_FUNCTIONS and shape.kind not in ("string", "other") and not _string_enum(shape):
            self.add(
                codes.QUERY_VALUE_MISMATCH,
                f"{name}() tests strings; {clip(first.dotted())} is {_a(shape)}: the condition is never true",
                first.start,
                first.end,
            )
        elif name == "ARRAY_CONTAINS" and shape.kind != "other":
            self.array_contains(first, shape, call.args[1] if len(call.args) > 1 else None)

    def array_contains(self, first: Path, shape: Shape, value: object) -> None:
        if shape.kind != "array":
            self.add(
                codes.QUERY_VALUE_MISMATCH,
                f"ARRAY_CONTAINS() searches arrays; {clip(first.dotted())} is {_a(shape)}: the condition is never true",
                first.start,
                first.end,
            )
            return
        item = self.view.item(shape)
        if item.kind in ("object", "map", "array"):
            self.add(
                codes.QUERY_VALUE_MISMATCH,
                f"{clip(first.dotted())} is an Array of {item.term}: ARRAY_CONTAINS() does not search arrays of "
                "objects or nested arrays",
                first.start,
                first.end,
            )
        elif isinstance(value, Literal):
            self.fits(f"{clip(first.dotted())} is an Array of {item.term}", item, value)

    def fits(self, what: str, shape: Shape, literal: Literal) -> None:
        """A value of `shape` (`what` says whose) compared with `literal`: a finding if they never are equal."""
        problem = mismatch(shape, literal)
        if problem:
            self.add(
                codes.QUERY_VALUE_MISMATCH,
                f"{what}; {problem}: the condition is never true",
                literal.start,
                literal.end,
            )

    def collection_argument(self, path: Path) -> None:
        """IS_OF_MODEL's collection: one the query declares."""
        head = path.names[0]
        if self.scope.named(head) is not None:
            return
        meant = self.scope.folded(head)
        declared = ", ".join(clip(c.name.text) for c in self.scope.twin_collections() if c.name) or "none"
        hint = f"; did you mean {clip(meant.name.text)}?" if meant is not None and meant.name else ""
        self.add(
            codes.QUERY_COLLECTION_UNKNOWN,
            f"{clip(head.text)} is not a collection of the query (its twin collections: {declared}){hint}",
            head.start,
            head.end,
        )


def mismatch(shape: Shape, literal: Literal) -> str:
    """Why a value of `shape` never equals `literal` ("" if it may)."""
    kind = literal.kind
    if kind == "null" or shape.kind == "other":
        return ""
    shown = clip(literal.text, 40)
    if shape.kind == "enum":
        values = [value for _, value in shape.values]
        if any(_same(value, literal) for value in values):
            return ""
        named = next((value for name, value in shape.values if name == literal.value), None)
        if named is not None:
            return f"{shown} is the name of the value {_written(named)}, which twins hold"
        listed = listing(_written(v) for v in values)
        return f"{shown} is not one of its values ({listed})"
    if shape.kind == kind:  # ("number", "string", "boolean"; an Object, Map, Array or component is none)
        return ""
    return f"{shown} is {'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _same(value: object, literal: Literal) -> bool:
    if isinstance(value, str):
        return literal.kind == "string" and literal.value == value
    return literal.kind == "number" and literal.value == value


def _written(value: object) -> str:
    """A value of the models as a query writes it: a string in single quotes, its ' and \\ escaped."""
    if not isinstance(value, str):
        return str(value)
    return "'" + clip(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _string_enum(shape: Shape) -> bool:
    return shape.kind == "enum" and all(isinstance(value, str) for _, value in shape.values)


def _a(shape: Shape) -> str:
    """How a message names a schema: "a double", "an Object", "an Enum"."""
    word = shape.term or shape.kind
    return f"{'an' if word[0].lower() in 'aeiou' else 'a'} {word}"


def _single_hop(arrow: Arrow) -> bool:
    hops = arrow.hops
    return hops is None or (not hops.ranged and hops.low == "1")
