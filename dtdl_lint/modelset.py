"""ModelSet: the Interfaces and elements of a loaded model set, with the findings made loading it.

Kept apart from model.py's dataclasses so that checking models, which never builds them, does not import them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .diagnostics import clip

if TYPE_CHECKING:
    from .model import Component, Content, Element, Interface, Schema


@dataclass(slots=True, eq=False)
class ModelSet:
    """All Interfaces and identified elements of a set of documents, with the findings made loading them.

    `checked` names the sources whose findings are reported (sources loaded only to resolve references,
    with `--models` or from a repository, are not). Inherited contents are computed once and cached.
    `repo` is the model repository the set is completed from (api.complete) when a twin names a model it lacks.
    """

    interfaces: dict[str, Interface] = field(default_factory=dict)
    elements: dict[str, Element] = field(default_factory=dict)  # every element by id, Interfaces included
    diagnostics: list = field(default_factory=list)  # list[Diagnostic]
    texts: dict[str, str] = field(default_factory=dict)  # source name -> text, to locate findings
    checked: set[str] = field(default_factory=set)
    nodes: list = field(default_factory=list)  # list[parser.Node]: every element as parsed, for modelcheck
    repo: str | None = None
    tried: set[str] = field(default_factory=set)  # DTMIs looked for in the repository
    _missing: dict[str, str] = field(default_factory=dict)
    _contents: dict[str, dict[str, Content]] = field(default_factory=dict)
    _ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _components: dict[str, tuple[Component, ...]] = field(default_factory=dict)

    def interface(self, dtmi: str) -> Interface | None:
        return self.interfaces.get(dtmi)

    def forget(self) -> None:
        """Drop what was computed from the Interfaces (after more were added to the set)."""
        self._contents.clear()
        self._ancestors.clear()
        self._components.clear()
        self._missing.clear()

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
        from .source import locate

        loaded = {node.source for node in self.nodes if "@version" not in node.members}  # (not: another version's)
        problems: dict[str, object] = {}  # the first error of each file, or its first finding if nothing of it loaded
        for diagnostic in self.diagnostics:
            name = diagnostic.file
            if name in self.texts and (diagnostic.severity == "error" or name not in loaded):
                if name not in problems or (problems[name].severity != "error" and diagnostic.severity == "error"):
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
        if unread:
            found += f"; {len(unread)} model file{'s' * (len(unread) > 1)} could not be read: {', '.join(unread[:3])}"
        return found

    def ancestors(self, dtmi: str) -> tuple[str, ...]:
        """The DTMIs of every Interface `dtmi` extends, transitively, nearest first; cycles are cut."""
        found = self._ancestors.get(dtmi)
        if found is None:
            order: list[str] = []
            pending = list(reversed(self.interfaces[dtmi].extends)) if dtmi in self.interfaces else []
            while pending:
                base = pending.pop()
                if base == dtmi or base in order:
                    continue
                order.append(base)
                if base in self.interfaces:
                    pending.extend(reversed(self.interfaces[base].extends))
            found = self._ancestors[dtmi] = tuple(order)
        return found

    def is_a(self, dtmi: str, base: str) -> bool:
        """Is `dtmi` the Interface `base` or does it extend it?"""
        return dtmi == base or base in self.ancestors(dtmi)

    def contents(self, dtmi: str) -> dict[str, Content]:
        """Contents by name, inherited ones included (the Interface's own win on a clash)."""
        found = self._contents.get(dtmi)
        if found is None:
            found = {}
            for iid in (*reversed(self.ancestors(dtmi)), dtmi):
                interface = self.interfaces.get(iid)
                if interface is not None:
                    for content in interface.contents:
                        found[content.name] = content
            self._contents[dtmi] = found
        return found

    def components(self, dtmi: str) -> tuple[Component, ...]:
        """The Components among `contents(dtmi)`, computed once (every twin checks that each is present)."""
        found = self._components.get(dtmi)
        if found is None:
            from .model import Component

            found = self._components[dtmi] = tuple(c for c in self.contents(dtmi).values() if isinstance(c, Component))
        return found

    def schema(self, schema: Schema) -> Schema | None:
        """A schema with a DTMI reference resolved to its element; None if the DTMI is unknown."""
        if isinstance(schema, str) and schema.startswith("dtmi:"):
            from .model import ArraySchema, EnumSchema, MapSchema, ObjectSchema

            element = self.elements.get(schema)
            return element if isinstance(element, (ArraySchema, EnumSchema, MapSchema, ObjectSchema)) else None
        return schema
