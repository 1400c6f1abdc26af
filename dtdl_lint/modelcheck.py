"""Checks over a whole model set: references, duplicates, inheritance, names, limits and hierarchy.

Each check is a generator over a `Graph` (the parsed `Node`s indexed by id) yielding Diagnostics; CHECKS
lists them in run order. The Graph walks the extends graph once, computing each Interface's closure
(its contents by name, inherited ones included), size and extends depth from its bases'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property

from . import codes
from .diagnostics import Diagnostic, clip, listing, quote
from .language import DEFAULT
from .modelset import ModelSet
from .parsing import Node

SETTLED = 1 << 62  # the rank of an Interface whose extends component is complete (see Graph._walk)
ON_CYCLE, REACHES_CYCLE = -2, -1  # the depth of a complex schema on a cycle, and of one that leads to a cycle


class Graph:
    """The parsed elements of a model set, indexed. The extends graph is walked once, bases before the
    Interfaces extending them: each Interface gets its closure, its size and its extends depth from its bases'."""

    def __init__(self, nodes: list[Node]) -> None:
        self.nodes = nodes
        self.by_id: dict[str, Node] = {}
        self.duplicates: list[Node] = []
        by_id = self.by_id
        for node in nodes:
            if node.id not in by_id:
                by_id[node.id] = node
            elif node.explicit_id:
                if by_id[node.id].explicit_id:
                    self.duplicates.append(node)
                else:
                    by_id[node.id] = node
        # known for the Interfaces walked (see walk):
        self.cyclic: set[Node] = set()  # those on an extends cycle
        self.extends_depth: dict[Node, int] = {}  # those off any cycle -> their longest extends chain
        self.size: dict[Node, int] = {}  # -> the number of elements in their closure
        self.clashing: set[Node] = set()  # those whose closure has a name with several elements
        self._closure: dict[Node, dict[str, tuple[Node, ...]]] = {}
        self._rank: dict[Node, int] = {}  # -> their rank in the walk (see _walk)
        self._walked = False  # from every Interface
        self._bases: dict[Node, tuple[Node, ...]] = {}
        self._contents: dict[Node, Sequence[Node]] = {}
        self._named: dict[Node, Sequence[tuple[Node, str]]] = {}

    def resolve(self, value: object) -> Node | None:
        if isinstance(value, Node):
            return value
        if isinstance(value, str) and value.startswith("dtmi:"):
            return self.by_id.get(value)
        return None

    def values(self, node: Node, member: str) -> list[tuple[object, str]]:
        return node.members.get(member, [])

    def bases(self, interface: Node) -> tuple[Node, ...]:
        """The Interfaces `interface` directly extends (each once), computed once per Interface."""
        found = self._bases.get(interface)
        if found is None:
            found = ()
            for value, _ in interface.members.get("extends", ()):
                base = self.resolve(value)
                if base is not None and base.cls == "Interface" and base not in found:
                    found += (base,)
            self._bases[interface] = found
        return found

    @cached_property
    def interfaces(self) -> list[Node]:
        return [n for n in self.nodes if n.cls == "Interface" and "@version" not in n.members]

    def walk(self) -> None:
        """Walk the extends graph from every Interface (once): then `cyclic`, `extends_depth`, `size`, `clashing`
        and the closures are known for them all."""
        if not self._walked:
            self._walked = True
            self._walk(self.interfaces)

    def _walk(self, roots: Iterable[Node]) -> None:
        """The extends graph from the `roots` not walked yet: each strongly connected component is settled as it
        completes, after every component it extends."""
        for members, cyclic in strongly_connected(roots, self.bases, self._rank):
            if cyclic:
                self._settle_cycle(members)
            else:
                self._settle(members[0], self.bases(members[0]))

    def _settle(self, interface: Node, bases: tuple[Node, ...]) -> None:
        """Note the closure and extends depth of an Interface off any cycle, whose `bases` are settled."""
        cyclic, extends_depth = self.cyclic, self.extends_depth
        depth = 0
        for base in bases:
            if base not in cyclic and extends_depth[base] >= depth:
                depth = extends_depth[base] + 1
        extends_depth[interface] = depth
        self._merge(interface, self.named(interface), bases)

    def _settle_cycle(self, cycle: list[Node]) -> None:
        """Note the closures of the Interfaces of an extends cycle: each holds the contents of its ancestors."""
        self.cyclic.update(cycle)
        for interface in cycle:
            self._merge(
                interface, [pair for owner in (interface, *self.ancestors(interface)) for pair in self.named(owner)], ()
            )

    def ancestors(self, interface: Node) -> list[Node]:
        """Every Interface `interface` extends, transitively (cycles cut)."""
        seen: dict[Node, Node] = {}
        pending = list(self.bases(interface))
        while pending:
            base = pending.pop()
            if base in seen or base is interface:
                continue
            seen[base] = base
            pending.extend(self.bases(base))
        return list(seen.values())

    def closure(self, interface: Node) -> dict[str, tuple[Node, ...]]:
        """Contents by name, own and inherited; several distinct elements under one name are a clash.
        Interfaces on a cycle hold the contents of all their ancestors."""
        found = self._closure.get(interface)
        if found is None:
            self._walk((interface,))
            found = self._closure[interface]
        return found

    def _merge(self, interface: Node, named: Sequence[tuple[Node, str]], bases: tuple[Node, ...]) -> None:
        """Note the closure of `interface`: the `named` contents over the closures of `bases` (the first base's
        closure itself while nothing is added to it), its size, and whether a name holds several elements
        (in `clashing`)."""
        closure = self._closure
        if bases:
            found = closure[bases[0]]
            count = self.size[bases[0]]
            clash = bases[0] in self.clashing
            shared = True
        else:
            found, count, clash, shared = {}, 0, False, False
        for base in bases[1:]:
            clash = clash or base in self.clashing
            if shared:
                found, shared = dict(found), False
            for name, elements in closure[base].items():
                mine = found.get(name)
                if mine is None:
                    found[name] = elements
                    count += len(elements)
                elif mine is not elements:
                    added = tuple(e for e in elements if e not in mine)
                    found[name] = merged = mine + added
                    count += len(added)
                    clash = clash or len(merged) > 1
        for content, name in named:
            mine = found.get(name, ())
            if content not in mine:
                if shared:
                    found, shared = dict(found), False
                found[name] = (*mine, content)
                count += 1
                clash = clash or bool(mine)
        closure[interface] = found
        self.size[interface] = count
        if clash:
            self.clashing.add(interface)

    def contents(self, interface: Node) -> Sequence[Node]:
        """The contents an Interface holds or refers to, computed once per Interface."""
        found = self._contents.get(interface)
        if found is None:
            self._load_contents(interface)
            found = self._contents[interface]
        return found

    def named(self, interface: Node) -> Sequence[tuple[Node, str]]:
        """The contents of `interface` that have a name, with their name."""
        found = self._named.get(interface)
        if found is None:
            self._load_contents(interface)
            found = self._named[interface]
        return found

    def _load_contents(self, interface: Node) -> None:
        values = interface.members.get("contents")
        if not values:
            self._contents[interface] = self._named[interface] = ()
            return
        found = self._contents[interface] = []
        named = self._named[interface] = []
        for value, _ in values:
            content = self.resolve(value)
            if content is not None and content.cls in interface.language.content_classes:
                found.append(content)
                name = content.first("name")
                if isinstance(name, str):
                    named.append((content, name))

    @cached_property
    def schema_depths(self) -> dict[Node, int]:
        """Every complex schema's depth (schema/elementSchema edges to the deepest leaf, a geospatial schema counting
        its own levels), ON_CYCLE or REACHES_CYCLE where there is none; computed deepest first, in one pass."""
        depths: dict[Node, int] = {}
        complex_schemas = [node for node in self.nodes if node.cls in node.language.complex_schema_paths]
        for members, cyclic in strongly_connected(complex_schemas, self.complex_children, {}):
            if cyclic:
                depths.update(dict.fromkeys(members, ON_CYCLE))
                continue
            deepest = 0
            for child in self.child_schemas(members[0]):
                node = self.resolve(child)
                if node is not None and node.cls in node.language.complex_schema_paths:
                    depth = depths[node]
                elif isinstance(child, str) and not child.startswith("dtmi:"):
                    depth = members[0].language.standard_depths.get(child, 0)
                else:
                    depth = 0
                if depth < 0:
                    deepest = REACHES_CYCLE
                    break
                deepest = max(deepest, depth)
            depths[members[0]] = REACHES_CYCLE if deepest < 0 else deepest + 1
        return depths

    def complex_children(self, node: Node) -> list[Node]:
        """The complex schemas one schema/elementSchema edge below a complex schema."""
        return [
            child
            for child in map(self.resolve, self.child_schemas(node))
            if child is not None and child.cls in child.language.complex_schema_paths
        ]

    def child_schemas(self, node: Node) -> list[object]:
        """The schemas one schema/elementSchema edge below a complex schema."""
        if node.cls == "Array":
            return [v for v, _ in self.values(node, "elementSchema")]
        holders = self.values(node, "mapValue" if node.cls == "Map" else "fields")
        found = []
        for holder, _ in holders:
            holder = self.resolve(holder)
            if holder is not None:
                found.extend(v for v, _ in self.values(holder, "schema"))
        return found


def strongly_connected(
    roots: Iterable[Node], successors: Callable[[Node], Sequence[Node]], rank: dict[Node, int]
) -> Iterator[tuple[list[Node], bool]]:
    """The strongly connected components reachable from the `roots` not ranked yet, each as (members, cyclic) when
    it completes, after every component it reaches (Pearce's variant of Tarjan's algorithm, iterative: a chain of
    any length costs its length). A component is cyclic if it has several members or its one member is its own
    successor. `rank` holds a node's visit number while its component is open, SETTLED once it is complete; the
    caller keeps it across calls."""
    stack: list[Node] = []  # visited nodes of open components, but for the first one of each
    work: list[tuple[Node, int, Sequence[Node], Iterator[Node]]] = []  # (node, visit number, successors, next)
    for root in roots:
        if root in rank:
            continue
        rank[root] = len(rank)
        following = successors(root)
        work.append((root, rank[root], following, iter(following)))
        while work:
            node, visited, following, children = work[-1]
            for child in children:
                if child not in rank:
                    rank[child] = len(rank)
                    following = successors(child)
                    work.append((child, rank[child], following, iter(following)))
                    break
                if rank[child] < rank[node]:
                    rank[node] = rank[child]
            else:
                work.pop()
                if rank[node] < visited:  # reaches a node visited before it: not its component's first
                    stack.append(node)
                elif (stack and rank[stack[-1]] >= visited) or node in following:
                    cycle = [node]
                    while stack and rank[stack[-1]] >= visited:
                        cycle.append(stack.pop())
                    for member in cycle:
                        rank[member] = SETTLED
                    yield cycle, True
                else:
                    rank[node] = SETTLED
                    yield [node], False
                if work and rank[node] < rank[work[-1][0]]:
                    rank[work[-1][0]] = rank[node]


def report(code, message: str, node: Node, pointer: str = "", **extra) -> Diagnostic:
    return code(message, file=node.source, pointer=pointer or node.pointer, dtmi=node.id, **extra)


def duplicate_definitions(graph: Graph) -> Iterator[Diagnostic]:
    """@id values are unique across all elements of all documents."""
    for node in graph.duplicates:
        first = graph.by_id[node.id]
        yield report(
            codes.DUPLICATE_DEFINITION,
            f"{clip(node.id)} is defined twice (also at {first.source} {clip(first.pointer or '/')})",
            node,
            node.pointer + "/@id",
        )


def references(graph: Graph) -> Iterator[Diagnostic]:
    """Dependent references resolve to an element of an allowed class, in a reachable partition and version."""
    missing: dict[tuple[str, str], list[tuple[Node, str, str]]] = {}
    by_id = graph.by_id
    for node in graph.nodes:
        spec = node.language.classes.get(node.cls)
        table = spec.referring if spec is not None else None
        if not table:
            continue
        members = node.members
        for member in members:
            if member not in table:
                continue
            spec = table[member]
            for value, pointer in members[member]:
                if not isinstance(value, str) or not value.startswith("dtmi:"):
                    continue
                target = by_id.get(value)
                if target is None:
                    missing.setdefault((node.source, value), []).append((node, member, pointer))
                    continue
                version = target.members.get("@version")
                if version is not None:
                    if version != [(0, target.pointer)]:  # else its document was rejected as a whole: enough
                        yield report(
                            codes.MIXED_VERSION,
                            f"'{member}' of {clip(node.id)} refers to {clip(value)}, "
                            f"which is defined in DTDL v{version[0][0]}",
                            node,
                            pointer,
                            parser_id="disallowedVersionReference",
                        )
                elif target.cls not in spec.classes:
                    yield report(
                        codes.WRONG_REFERENCE_TYPE,
                        f"'{member}' of {clip(node.id)} refers to "
                        f"{clip(value)}, a {target.cls}; expected {' or '.join(sorted(spec.classes))}",
                        node,
                        pointer,
                        parser_id="badType",
                    )
                elif target.cls != "Interface" and target.parent is not None and target.partition != node.partition:
                    yield report(
                        codes.CROSS_PARTITION_REFERENCE,
                        f"'{member}' of {clip(node.id)} refers to "
                        f"{clip(value)}, which belongs to {clip(target.partition)}; only Interfaces, "
                        "top-level elements and elements of the same Interface can be referred to",
                        node,
                        pointer,
                    )
    for (_, value), uses in missing.items():
        node, member, pointer = uses[0]
        where = "; ".join(f"'{m}' of {clip(n.id)}" for n, m, _ in uses[:5])
        more = f" and {len(uses) - 5} more" if len(uses) > 5 else ""
        yield report(
            codes.UNRESOLVED_REFERENCE,
            f"{clip(value)} is not defined in the models given (used by {where}{more})",
            node,
            pointer,
        )


def unresolved(models: ModelSet) -> set[str]:
    """The DTMIs that dependent references of the model set name but no element defines."""
    graph = Graph(models.nodes)
    found = set()
    for node in graph.nodes:
        spec = node.language.classes.get(node.cls)
        table = spec.referring if spec is not None else {}
        for member, values in node.members.items():
            if member in table:
                found.update(
                    v for v, _ in values if isinstance(v, str) and v.startswith("dtmi:") and v not in graph.by_id
                )
    return found


def extends_hierarchy(graph: Graph) -> Iterator[Diagnostic]:
    """No extends cycle; extends chains no longer than the language allows (10 levels in DTDL v2)."""
    graph.walk()
    cyclic = graph.cyclic
    for interface in graph.interfaces:
        if interface in cyclic:
            yield report(
                codes.EXTENDS_CYCLE,
                f"{clip(interface.id)} extends itself (through {listing(b.id for b in graph.bases(interface))})",
                interface,
                _extends_pointer(interface),
            )
        elif graph.extends_depth[interface] > interface.language.limits.extends_depth:
            yield report(
                codes.EXTENDS_TOO_DEEP,
                f"{clip(interface.id)} has an extends chain longer than {interface.language.limits.extends_depth}",
                interface,
                _extends_pointer(interface),
            )


def _extends_pointer(interface: Node) -> str:
    where = interface.members.get("extends")
    return where[0][1] if where else ""


def content_names(graph: Graph) -> Iterator[Diagnostic]:
    """Content names are unique in an Interface, inherited contents included; at most so many contents (300)."""
    graph.walk()
    for interface in graph.interfaces:
        limit = interface.language.limits.contents
        named = graph.named(interface)
        if len(named) > 1:
            seen: dict[str, Node] = {}
            for content, name in named:
                first = seen.setdefault(name, content)
                if first is not content and not (content.explicit_id and content.id == first.id):
                    yield report(
                        codes.DUPLICATE_NAME,
                        f"{clip(interface.id)} has two contents named '{clip(name)}'",
                        content,
                        parser_id="nonUniquePropertyValue",
                    )
        if not interface.members.get("extends"):
            own = graph.contents(interface)
            if len(own) > limit:
                yield report(
                    codes.TOO_MANY_CONTENTS,
                    f"{clip(interface.id)} has {len(own)} contents; at most {limit} are allowed",
                    interface,
                    interface.pointer + "/contents",
                )
            continue
        if interface in graph.clashing:
            yield from _inherited_conflicts(graph, interface)
        count = graph.size[interface]
        if count > limit:
            yield report(
                codes.TOO_MANY_CONTENTS,
                f"{clip(interface.id)} has {count} contents with the inherited ones; at most {limit} are allowed",
                interface,
                interface.pointer + "/contents",
            )


def _inherited_conflicts(graph: Graph, interface: Node) -> Iterator[Diagnostic]:
    """The names of `interface`'s closure with several elements that come neither from its own contents
    alone nor from a single base."""
    own = graph.contents(interface)
    own_names = {name for _, name in graph.named(interface)}
    bases = graph.bases(interface)
    for name, elements in [(n, e) for n, e in graph.closure(interface).items() if len(e) > 1]:
        if name in own_names and sum(1 for e in elements if e in own) > 1:
            continue
        if any(len(graph.closure(b).get(name, ())) > 1 for b in bases):
            continue
        owners = listing(e.id for e in elements)
        yield report(
            codes.INHERITED_NAME_CONFLICT,
            f"'{clip(name)}' names several contents of {clip(interface.id)} through extends ({owners})",
            interface,
            interface.pointer + "/" + next(k for k in ("contents", "extends") if graph.values(interface, k)),
        )


def collection_names(graph: Graph) -> Iterator[Diagnostic]:
    """Names unique among an Object's fields, an Enum's enumValues, a Relationship's properties; enumValues
    unique in an Enum."""
    for node in graph.nodes:
        spec = node.language.classes.get(node.cls)
        member = spec.unique_names if spec is not None else ""
        if not member:
            continue
        names: set = set()
        literals: set = set()
        for value, pointer in graph.values(node, member):
            item = graph.resolve(value)
            if item is None:
                continue
            name = item.first("name")
            if isinstance(name, str):
                if name in names:
                    yield report(
                        codes.DUPLICATE_NAME,
                        f"{node.cls} {clip(node.id)} has two {member} named '{clip(name)}'",
                        item,
                        pointer,
                        parser_id="nonUniquePropertyValue",
                    )
                names.add(name)
            if member == "enumValues" and "enumValue" in item.members:
                literal = item.first("enumValue")
                key = (type(literal), literal)
                if key in literals:
                    yield report(
                        codes.DUPLICATE_NAME,
                        f"Enum {clip(node.id)} has enumValue {quote(literal)} twice",
                        item,
                        item.members["enumValue"][0][1],
                        parser_id="nonUniquePropertyValue",
                    )
                literals.add(key)


def components(graph: Graph) -> Iterator[Diagnostic]:
    """The Interface of a Component contains no Component, its inherited contents included."""
    for node in graph.nodes:
        if node.cls != "Component":
            continue
        for value, pointer in graph.values(node, "schema"):
            schema = graph.resolve(value)
            if schema is None or schema.cls != "Interface":
                continue
            nested = [c for elements in graph.closure(schema).values() for c in elements if c.cls == "Component"]
            if nested:
                cycle = any(c is node for c in nested) or schema.id == node.partition
                code = codes.COMPONENT_CYCLE if cycle else codes.NESTED_COMPONENT
                yield report(
                    code,
                    f"Component {clip(str(node.first('name')))} uses {clip(schema.id)}, which itself "
                    f"has Component {clip(str(nested[0].first('name')))}",
                    node,
                    pointer,
                    parser_id="excludedType",
                )


def schema_hierarchy(graph: Graph) -> Iterator[Diagnostic]:
    """Complex schemas nest no deeper than the language allows (5 levels in DTDL v2) and never contain themselves. A
    chain that is too deep is reported once, with its depth, where it starts: at the schemas no complex schema that
    is itself too deep holds."""
    depths = graph.schema_depths
    held = {
        child
        for node, depth in depths.items()
        if depth > node.language.limits.schema_depth
        for child in graph.complex_children(node)
    }
    for node in graph.nodes:
        depth = depths.get(node)
        if depth is None:
            continue
        if depth == ON_CYCLE:
            yield report(
                codes.RECURSIVE_SCHEMA,
                f"{node.cls} {clip(node.id)} contains itself",
                node,
                parser_id="recursiveStructureWide",
            )
        elif depth > node.language.limits.schema_depth and node not in held:
            yield report(
                codes.SCHEMA_TOO_DEEP,
                f"{node.cls} {clip(node.id)} nests {depth} levels deep; "
                f"at most {node.language.limits.schema_depth} are allowed",
                node,
            )


def arrays_in_properties(graph: Graph) -> Iterator[Diagnostic]:
    """No Array and no geospatial schema anywhere in a Property's schema (in DTDL v2)."""
    for node in graph.nodes:
        if node.cls != "Property" or node.language.property_arrays:
            continue
        for value, pointer in graph.values(node, "schema"):
            found = _array_below(graph, node, value)
            if found:
                yield report(
                    codes.ARRAY_IN_PROPERTY,
                    f"Property {clip(str(node.first('name')))} has {found} in its "
                    "schema; Properties may not contain Arrays",
                    node,
                    pointer,
                )


def _array_below(graph: Graph, property: Node, schema: object) -> str:
    geospatial = property.language.geospatial_schemas
    if isinstance(schema, str) and not schema.startswith("dtmi:"):  # a term: primitive, geospatial or unknown
        return f"the geospatial schema {schema}" if schema in geospatial else ""
    pending = [schema]
    seen: set[Node] = set()
    while pending:
        value = pending.pop()
        if isinstance(value, str) and value in geospatial:
            return f"the geospatial schema {value}"
        node = graph.resolve(value)
        if node is None or node in seen:
            continue
        seen.add(node)
        if node.cls == "Array":
            return f"Array {clip(node.id)}"
        if node.cls in ("Map", "Object"):
            pending.extend(graph.child_schemas(node))
    return ""


def cotype_references(graph: Graph) -> Iterator[Diagnostic]:
    """A co-type that requires a schema of some class (IoT Central's State: an Enum) requires it of a referenced
    schema too."""
    for node in graph.nodes:
        for adjunct in node.adjuncts:
            rule = node.language.schema_rules.get(adjunct)
            if rule is None or not rule.classes:
                continue
            for value, pointer in graph.values(node, "schema"):
                target = graph.resolve(value) if isinstance(value, str) else None
                if target is not None and target.cls not in rule.classes:
                    label = f"{node.language.extension_of_cotype[adjunct].label} type {adjunct}"
                    yield report(
                        codes.SCHEMA_NOT_FOR_COTYPE,
                        f"{node.cls} of {label} needs {rule.needs}, found {target.cls} {clip(target.id)}",
                        node,
                        pointer,
                        parser_id=rule.parser_id,
                    )


Check = Callable[[Graph], Iterator[Diagnostic]]
CHECKS: tuple[Check, ...] = (
    duplicate_definitions,
    references,
    extends_hierarchy,
    content_names,
    collection_names,
    components,
    schema_hierarchy,
    arrays_in_properties,
    cotype_references,
)


def gate(found: list[Diagnostic], checked: set[str]) -> list[Diagnostic]:
    """The findings the official parser would report: every error of the first phase that has errors in the
    `checked` files, none of the later phases (their errors often follow from the earlier ones, and the parser
    never gets to them; the phases are the language's, `Language.phases`). Warnings are kept whatever their
    phase."""
    phases = DEFAULT.phases

    def phase(diagnostic: Diagnostic) -> float:
        return phases.of(diagnostic.code, diagnostic.parser_id)

    first = min((phase(d) for d in found if d.severity == "error" and d.file in checked), default=4)
    return [d for d in found if d.severity != "error" or phase(d) <= first]


def check(models: ModelSet) -> None:
    """Run every check over the model set, adding the findings to `models.diagnostics`."""
    graph = Graph(models.nodes)
    for run in CHECKS:
        models.diagnostics.extend(run(graph))
