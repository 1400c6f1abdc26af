"""ModelSet: the elements of a loaded model set by id, with the findings made loading it, and inheritance.

Inheritance is worked out here, once, for the model checks and for twins, relationships, patches and the export
alike: the extends graph is walked bases first (one pass over its strongly connected components), each
Interface getting its closure (its contents by name, inherited ones included, every element a name holds), its
size and its extends depth from its bases'; `contents`, `ancestors`, `is_a` and `components` give the view of
one Interface that instances are checked against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .diagnostics import Diagnostic, clip
from .language import LANGUAGES
from .model import COMPLEX_SCHEMAS, Component, Content, Element, Interface, Schema, Unchecked, ref
from .source import locate

SETTLED = 1 << 62  # the rank of a node whose strongly connected component is complete (see strongly_connected)
N = TypeVar("N")


def is_model_id(value: object) -> bool:
    """Can `value` be the @id of an Interface in a DTDL version dtdl-lint checks (v3: also versionless and
    major.minor, as $metadata.$model may name them)?"""
    return any(language.dtmi.is_valid(value) for language in LANGUAGES.values())


@dataclass(slots=True, eq=False)
class ModelSet:
    """All elements of a set of documents by id, with the findings made loading them.

    `elements` holds every element by id (the first one of an id, or the first whose @id is its own; the top-level
    elements of DTDL versions not checked are there as `model.Unchecked`), `interfaces` the Interfaces among them;
    `parsed` every element in the order it was read (`duplicates`: those whose @id an earlier one has).
    `checked` names the sources whose findings are reported (sources loaded only to resolve references,
    with `--models` or from a repository, are not). `repo` is the model repository the set is completed from
    (loading.complete) when a twin names a model it lacks; `tried` the DTMIs looked for there.
    """

    interfaces: dict[str, Interface] = field(default_factory=dict)
    elements: dict[str, Element] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # source name -> text, to locate findings
    checked: set[str] = field(default_factory=set)
    parsed: list[Element] = field(default_factory=list)
    duplicates: list[Element] = field(default_factory=list)
    repo: str | None = None
    tried: set[str] = field(default_factory=set)
    _missing: dict[str, str] = field(default_factory=dict)
    _contents: dict[str, dict[str, Content]] = field(default_factory=dict)
    _ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _components: dict[str, tuple[Component, ...]] = field(default_factory=dict)
    _inheritance: Inheritance | None = None

    def add(self, element: Element) -> None:
        """Add a parsed element (the parser does, as it reads them)."""
        self.parsed.append(element)
        known = self.elements.get(element.id)
        if known is not None:
            if not element.explicit_id:
                return
            if known.explicit_id:
                self.duplicates.append(element)
                return
            if type(known) is Interface:
                del self.interfaces[element.id]
        self.elements[element.id] = element
        if type(element) is Interface:
            self.interfaces[element.id] = element

    def interface(self, dtmi: str) -> Interface | None:
        return self.interfaces.get(dtmi)

    def forget(self) -> None:
        """Drop what was computed from the Interfaces (after more were added to the set)."""
        self._contents.clear()
        self._ancestors.clear()
        self._components.clear()
        self._missing.clear()
        self._inheritance = None

    @property
    def inheritance(self) -> Inheritance:
        """The extends graph of the parsed Interfaces, walked once."""
        if self._inheritance is None:
            self._inheritance = Inheritance(self)
        return self._inheritance

    def resolve(self, value: object) -> Element | None:
        """The element a member value is or refers to (None: a term, or a DTMI no element of the set has)."""
        if isinstance(value, Element):
            return value
        if isinstance(value, str) and value.startswith("dtmi:"):
            return self.elements.get(value)
        return None

    def missing(self, dtmi: str) -> str:
        """Why the Interface `dtmi` is not in the set, for a finding about what needs it: "model X is not among
        the models", or which file defines it and its first problem ("model X is defined in models/room.json,
        which has errors: DTL003 at 3:5"), or which files could not be read at all."""
        found = self._missing.get(dtmi)
        if found is None:
            found = self._explain(dtmi)
            if len(self._missing) < 1024:  # a stream may name any number of unknown models
                self._missing[dtmi] = found
        return found

    def _explain(self, dtmi: str) -> str:
        loaded = {e.source for e in self.parsed if not isinstance(e, Unchecked)}  # (not: another version's)
        problems: dict[str, Diagnostic] = {}  # the first error of each file, or its first finding if none of it loaded
        for diagnostic in self.diagnostics:
            name = diagnostic.file
            if (
                name in self.texts
                and (diagnostic.severity == "error" or name not in loaded)
                and (name not in problems or (problems[name].severity != "error" and diagnostic.severity == "error"))
            ):
                problems[name] = diagnostic
        quoted = f'"{dtmi}"'
        unread = []
        for name, diagnostic in problems.items():
            text = self.texts[name]
            (diagnostic,) = locate(text, [diagnostic])
            where = f"{diagnostic.code} at {diagnostic.line or 1}:{diagnostic.column or 1}"
            if quoted in text:
                problem = "has errors" if diagnostic.severity == "error" else "dtdl-lint does not load"
                return f"model {clip(dtmi)} is defined in {name}, which {problem}: {where}"
            if name not in loaded:
                unread.append(f"{name} ({where})")
        found = f"model {clip(dtmi)} is not among the models"
        versions = sorted(i for i in self.interfaces if ";" not in dtmi and i.startswith(dtmi + ";"))[:3]
        if versions:  # (often a DTMI whose ';1' a shell took for the end of a command)
            found += f"; it has {', '.join(clip(v) for v in versions)} (quote a DTMI in a shell: ';' ends a command)"
        if unread:
            found += f"; {len(unread)} model file{'s' * (len(unread) > 1)} could not be read: {', '.join(unread[:3])}"
        return found

    def ancestors(self, dtmi: str) -> tuple[str, ...]:
        """The DTMIs of every Interface `dtmi` extends, transitively, nearest first (those not in the set
        included); cycles are cut."""
        found = self._ancestors.get(dtmi)
        if found is None:
            order: list[str] = []
            pending = [ref(base) for base in reversed(self.interfaces[dtmi].extends)] if dtmi in self.interfaces else []
            while pending:
                base = pending.pop()
                if base == dtmi or base in order:
                    continue
                order.append(base)
                if base in self.interfaces:
                    pending.extend(ref(b) for b in reversed(self.interfaces[base].extends))
            found = self._ancestors[dtmi] = tuple(order)
        return found

    def is_a(self, dtmi: str, base: str) -> bool:
        """Is `dtmi` the Interface `base` or does it extend it?"""
        return dtmi == base or base in self.ancestors(dtmi)

    def contents(self, dtmi: str) -> dict[str, Content]:
        """The contents of the Interface `dtmi` by name, inherited ones included: on a clash, its own win, then those
        of the nearest ancestor."""
        found = self._contents.get(dtmi)
        if found is None:
            found = {}
            for iid in (*reversed(self.ancestors(dtmi)), dtmi):
                interface = self.interfaces.get(iid)
                if interface is not None:
                    for content, name in self.named(interface):
                        found[name] = content
            self._contents[dtmi] = found
        return found

    def components(self, dtmi: str) -> tuple[Component, ...]:
        """The Components among `contents(dtmi)`, computed once (every twin checks that each is present)."""
        found = self._components.get(dtmi)
        if found is None:
            found = self._components[dtmi] = tuple(c for c in self.contents(dtmi).values() if isinstance(c, Component))
        return found

    def schema(self, schema: Schema) -> Schema | None:
        """A schema with a DTMI reference resolved to its element; None if the DTMI is unknown."""
        if isinstance(schema, str) and schema.startswith("dtmi:"):
            element = self.elements.get(schema)
            return element if isinstance(element, COMPLEX_SCHEMAS) else None
        return schema

    def named(self, interface: Element) -> Sequence[tuple[Content, str]]:
        """The contents of `interface` that have a name, with their name."""
        return self.inheritance.named_of(interface)


class Inheritance:
    """The extends graph of a ModelSet's Interfaces, walked once, bases before the Interfaces extending them: each
    Interface gets its closure, its size and its extends depth from its bases'. Interfaces are the parsed
    elements (an Interface given twice is two), a base is found by id."""

    def __init__(self, models: ModelSet) -> None:
        self.models = models
        self.interfaces = [e for e in models.parsed if type(e) is Interface]
        # known for the Interfaces walked (see walk):
        self.cyclic: set[Element] = set()  # those on an extends cycle
        self.extends_depth: dict[Element, int] = {}  # those off any cycle -> their longest extends chain
        self.size: dict[Element, int] = {}  # -> the number of elements in their closure
        self.clashing: set[Element] = set()  # those whose closure has a name with several elements
        self._closure: dict[Element, dict[str, tuple[Content, ...]]] = {}
        self._rank: dict[Element, int] = {}  # -> their rank in the walk (see strongly_connected)
        self._walked = False  # from every Interface
        self._bases: dict[Element, tuple[Element, ...]] = {}
        self._own: dict[Element, Sequence[Content]] = {}
        self._named: dict[Element, Sequence[tuple[Content, str]]] = {}

    def bases(self, interface: Element) -> tuple[Element, ...]:
        """The Interfaces `interface` directly extends (each once), computed once per Interface."""
        found = self._bases.get(interface)
        if found is None:
            found = ()
            resolve = self.models.resolve
            for value in getattr(interface, "extends", ()):
                base = resolve(value)
                if base is not None and base.cls == "Interface" and base not in found:
                    found += (base,)
            self._bases[interface] = found
        return found

    def walk(self) -> None:
        """Walk the extends graph from every Interface (once): then `cyclic`, `extends_depth`, `size`, `clashing`
        and the closures are known for them all."""
        if not self._walked:
            self._walked = True
            self._walk(self.interfaces)

    def _walk(self, roots: Iterable[Element]) -> None:
        """The extends graph from the `roots` not walked yet: each strongly connected component is settled as it
        completes, after every component it extends."""
        for members, cyclic in strongly_connected(roots, self.bases, self._rank):
            if cyclic:
                self._settle_cycle(members)
            else:
                self._settle(members[0], self.bases(members[0]))

    def _settle(self, interface: Element, bases: tuple[Element, ...]) -> None:
        """Note the closure and extends depth of an Interface off any cycle, whose `bases` are settled."""
        cyclic, extends_depth = self.cyclic, self.extends_depth
        depth = 0
        for base in bases:
            if base not in cyclic and extends_depth[base] >= depth:
                depth = extends_depth[base] + 1
        extends_depth[interface] = depth
        self._merge(interface, self.named_of(interface), bases)

    def _settle_cycle(self, cycle: list[Element]) -> None:
        """Note the closures of the Interfaces of an extends cycle: each holds the contents of its ancestors."""
        self.cyclic.update(cycle)
        for interface in cycle:
            self._merge(
                interface,
                [pair for owner in (interface, *self.ancestors(interface)) for pair in self.named_of(owner)],
                (),
            )

    def ancestors(self, interface: Element) -> list[Element]:
        """Every Interface `interface` extends, transitively (cycles cut)."""
        seen: dict[Element, Element] = {}
        pending = list(self.bases(interface))
        while pending:
            base = pending.pop()
            if base in seen or base is interface:
                continue
            seen[base] = base
            pending.extend(self.bases(base))
        return list(seen.values())

    def closure(self, interface: Element) -> dict[str, tuple[Content, ...]]:
        """Contents by name, own and inherited; several distinct elements under one name are a clash.
        Interfaces on a cycle hold the contents of all their ancestors."""
        found = self._closure.get(interface)
        if found is None:
            self._walk((interface,))
            found = self._closure[interface]
        return found

    def _merge(self, interface: Element, named: Sequence[tuple[Content, str]], bases: tuple[Element, ...]) -> None:
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

    def own(self, interface: Element) -> Sequence[Content]:
        """The contents an Interface holds or refers to, computed once per Interface."""
        found = self._own.get(interface)
        if found is None:
            self._load(interface)
            found = self._own[interface]
        return found

    def named_of(self, interface: Element) -> Sequence[tuple[Content, str]]:
        """The contents of `interface` that have a name, with their name."""
        found = self._named.get(interface)
        if found is None:
            self._load(interface)
            found = self._named[interface]
        return found

    def _load(self, interface: Element) -> None:
        values = getattr(interface, "contents", ())
        if not values:
            self._own[interface] = self._named[interface] = ()
            return
        found: list[Content] = []
        named: list[tuple[Content, str]] = []
        self._own[interface], self._named[interface] = found, named
        content_classes = interface.language.content_classes
        resolve = self.models.resolve
        for value in values:
            content = resolve(value)
            if content is not None and content.cls in content_classes:
                found.append(content)  # type: ignore[arg-type]
                name = getattr(content, "name", None)
                if isinstance(name, str):
                    named.append((content, name))  # type: ignore[arg-type]


def strongly_connected(
    roots: Iterable[N], successors: Callable[[N], Sequence[N]], rank: dict[N, int]
) -> Iterator[tuple[list[N], bool]]:
    """The strongly connected components reachable from the `roots` not ranked yet, each as (members, cyclic) when
    it completes, after every component it reaches (Pearce's variant of Tarjan's algorithm, iterative: a chain of
    any length costs its length). A component is cyclic if it has several members or its one member is its own
    successor. `rank` holds a node's visit number while its component is open, SETTLED once it is complete; the
    caller keeps it across calls."""
    stack: list[N] = []  # visited nodes of open components, but for the first one of each
    work: list[tuple[N, int, Sequence[N], Iterator[N]]] = []  # (node, visit number, successors, next)
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
