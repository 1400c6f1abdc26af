"""The collections a query declares (FROM, JOIN, MATCH) and which of them each path starts from."""

from __future__ import annotations

from dataclasses import dataclass

from .syntax import Arrow, Join, Name, Path, Query
from .view import Models


@dataclass(slots=True, eq=False)
class Collection:
    """A collection of twins or relationships the query names (the unnamed FROM collection has no name).

    `models` are the Interfaces its twins may have, None while the query does not say; `relationships` the
    Relationships (view.Member) a relationship collection may be, None while unknown. names.py fills both."""

    name: Name | None
    twins: bool
    join: Join | None = None  # the JOIN that declares it (as its target or as its relationship's alias)
    arrow: Arrow | None = None  # the MATCH arrow it is the variable of
    models: Models | None = None
    relationships: list | None = None

    @property
    def label(self) -> str:
        return self.name.text if self.name else "the twins of FROM"


@dataclass(slots=True)
class Start:
    """Where a path starts: its collection (None if none fits), the names after it, and what is wrong with its
    first name: "case" (a collection in another case), "unknown" (no collection of that name)."""

    collection: Collection | None
    rest: tuple[Name, ...]
    problem: str = ""
    meant: Collection | None = None  # for "case": the collection meant


class Scope:
    """The collections of one query, in order of declaration."""

    def __init__(self, query: Query) -> None:
        self.query = query
        self.collections: dict[str, Collection] = {}
        if query.alias is not None or not query.matches:
            self._add(Collection(query.alias, not query.relationships))
        for match in query.matches:
            for index, node in enumerate(match.nodes):
                if node.name is not None:
                    self._add(Collection(node.name, True))
                if index < len(match.arrows) and len(match.arrows[index].variables) == 1:
                    arrow = match.arrows[index]
                    self._add(Collection(arrow.variables[0], False, arrow=arrow))
        for join in query.joins:
            self._add(Collection(join.target, True, join=join))
            if join.alias is not None:
                self._add(Collection(join.alias, False, join=join))

    def _add(self, collection: Collection) -> None:
        key = collection.name.text if collection.name else ""
        self.collections.setdefault(key, collection)

    def twin_collections(self) -> list[Collection]:
        return [c for c in self.collections.values() if c.twins]

    def only_twins(self) -> Collection | None:
        """The twin collection, if the query has one only."""
        twins = self.twin_collections()
        return twins[0] if len(twins) == 1 else None

    def named(self, name: Name) -> Collection | None:
        """The collection of that name, in that case."""
        return self.collections.get(name.text) if name.text else None

    def folded(self, name: Name) -> Collection | None:
        """The collection whose name differs from `name` only in case."""
        lower = name.text.lower()
        return next((c for c in self.collections.values() if c.name and c.name.text.lower() == lower), None)

    def start(self, path: Path) -> Start:
        """The collection `path` starts from: the one its first name names, else (bare names, `SELECT name, age
        FROM DIGITALTWINS`) the only collection of the query."""
        head, rest = path.names[0], path.names[1:]
        named = self.named(head)
        if named is not None:
            return Start(named, rest)
        meant = self.folded(head) if not head.system else None
        if meant is not None:
            return Start(meant, rest, "case", meant)
        if len(self.collections) == 1:
            return Start(next(iter(self.collections.values())), path.names)
        return Start(None, rest, "unknown")

    def relationship_of(self, path: Path) -> Join | None:
        """The JOIN whose relationship `path` goes through from its source twin (`Floor.Contains.lift` after JOIN
        Room RELATED Floor.Contains): relationship properties are reached through the JOIN's alias only."""
        if len(path.names) < 2:
            return None
        head, second = path.names[0].text, path.names[1].text
        return next((j for j in self.query.joins if j.source.text == head and j.relationship.text == second), None)
