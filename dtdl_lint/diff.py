"""Model evolution: what a change from one model set to another breaks (the DTL6xx findings), and the migration of
twins on a previous version to the new one.

Two Interfaces are compared when they have the same DTMI (then any change of content is an unversioned change) or
when the new one is the next version of the old one: the same DTMI up to its version, the old one the greatest
version of the previous set below the new one's (a DTDL v2 version is one number, a v3 version `major` or
`major.minor`, compared as numbers, part by part: 1 < 1.1 < 1.2 < 2, `1` standing for the `1.0` v3 cannot spell).
A DTMI without a version (DTDL v3) names a model that has no other versions: it is compared only with the same
DTMI, and is neither the previous nor the next version of a versioned one. Contents are compared by name as a twin
sees them, inherited ones included (`ModelSet.contents`); schemas by the values lint_twin takes (`values.resolve`:
the standard geospatial and unit schemas too). A minor version (same major, greater minor) that breaks anything
is itself a finding: DTDL v3 recommends that a minor version only adds.

The same content: two documents are the same when they are equal as JSON values, so formatting, key order and
the spelling of numbers (1 and 1.0) do not count, while every other difference does, displayName, description and
comment included: the service refuses a changed model under a DTMI it has, whatever the change.

Every finding is located in the new set, with the place of the same element in the previous set as a related
place (`Diagnostic.related`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import codes, loading, values
from . import source as sourcelib
from .diagnostics import Code, Diagnostic, Related, Severity, clip, join_pointer, show, split_pointer
from .model import (
    ArraySchema,
    Command,
    CommandPayload,
    Component,
    Content,
    Element,
    EnumSchema,
    EnumValue,
    Field,
    Interface,
    MapSchema,
    ObjectSchema,
    Property,
    Relationship,
    Schema,
    Telemetry,
    inline,
    label,
    map_values,
    ref,
)
from .modelset import ModelSet
from .patch import check_patch
from .twin import check_twin

_VERSION = re.compile(r";([0-9]+(?:\.[0-9]+)?)$")
DESCRIPTIVE = frozenset(("displayName", "description", "comment"))
# term -> the terms every one of whose values is also a value of it (values.py: ranges, number kinds, strings)
WIDER: dict[str, frozenset[str]] = {
    "integer": frozenset(("long", "float", "double")),
    "long": frozenset(("float", "double")),
    "float": frozenset(("double",)),
    "date": frozenset(("string",)),
    "time": frozenset(("string",)),
    "dateTime": frozenset(("string",)),
    "duration": frozenset(("string",)),
}


def version_of(dtmi: str) -> tuple[str, tuple[int, ...]]:
    """A DTMI's stem and version (`dtmi:com:ex:Room;2` -> ("dtmi:com:ex:Room", (2,)); `;1.2` -> (1, 2); a DTMI
    without a version (DTDL v3) -> (dtmi, ()))."""
    found = _VERSION.search(dtmi)
    if found is None:
        return dtmi, ()
    return dtmi[: found.start()], tuple(int(part) for part in found[1].split("."))


def versions(models: ModelSet) -> dict[str, list[tuple[tuple[int, ...], str]]]:
    """The top-level Interfaces of a set by the stem of their DTMI: (version, DTMI) of each."""
    found: dict[str, list[tuple[tuple[int, ...], str]]] = {}
    for dtmi, interface in models.interfaces.items():
        if _top(interface):
            stem, version = version_of(dtmi)
            found.setdefault(stem, []).append((version, dtmi))
    return found


def diff_models(old: ModelSet, new: ModelSet) -> list[Diagnostic]:
    """The DTL6xx findings of the change from the model set `old` to `new`: located, sorted."""
    return _Diff(old, new).run()


@dataclass
class Migration:
    """What moving one twin to the new version of its model takes: `target` is the new model (None: the new set
    has no version of it), `conforms` whether the twin with its $model replaced passes lint_twin against the new
    set as it is, `patch` the JSON Patch that migrates it (replace /$metadata/$model and an add for each
    component it lacks; [] if nothing changes), `problems` the errors of that
    patch (lint_patch) or else of the twin it makes (lint_twin): empty, the patch can be sent."""

    model: str
    target: str | None
    conforms: bool = False
    patch: list[dict] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def successor(dtmi: str, new: ModelSet, seen: dict | None = None) -> str | None:
    """The model of the new set a twin of the model `dtmi` moves to: the greatest version of it in the new set
    (itself if it is there and none greater is), or None. `seen` is an (opaque) dict the caller keeps across calls,
    so that the new set's versions are gathered once."""
    seen = {} if seen is None else seen
    if "versions" not in seen:
        seen["versions"] = versions(new)
    later = [(v, i) for v, i in seen["versions"].get(version_of(dtmi)[0], ()) if _same_or_later(dtmi, i)]
    return max(later)[1] if later else None


def migrate_twin(twin: dict, old: ModelSet, new: ModelSet, seen: dict | None = None) -> Migration | None:
    """The Migration of a twin whose $metadata.$model is an Interface of the old set (None for any other twin).
    `seen` is an (opaque) dict the caller keeps across the twins of the same two sets."""
    metadata = twin.get("$metadata")
    if not isinstance(metadata, dict):
        return None
    model = metadata.get("$model")
    if not isinstance(model, str) or model not in old.interfaces:
        return None
    target = successor(model, new, seen)
    if target is None:
        return Migration(model, None)
    moved = {**twin, "$metadata": {**metadata, "$model": target}}
    conforms = not _errors(check_twin(moved, new))
    added: dict[str, dict] = {
        name: {"$metadata": {}} for name in (c.name for c in new.components(target)) if name and name not in twin
    }
    patch: list[dict] = [{"op": "replace", "path": "/$metadata/$model", "value": target}] if target != model else []
    patch += [{"op": "add", "path": join_pointer("", name), "value": value} for name, value in added.items()]
    # the patch as the patch linter sees it, then the twin it makes as the service sees it (the patch linter
    # leaves out what the twin had wrong before the patch; a migration must mend that too)
    problems = _errors(check_patch(patch, new, twin=twin, model=model)) or _errors(check_twin({**moved, **added}, new))
    return Migration(model, target, conforms, patch, problems)


def _same_or_later(dtmi: str, other: str) -> bool:
    """Is `other` the model `dtmi`, or the same model in a later version (both versioned)?"""
    (stem, version), (other_stem, other_version) = version_of(dtmi), version_of(other)
    return dtmi == other or (stem == other_stem and () < version < other_version)


def _minor(before: str, after: str) -> bool:
    """Is `after` a minor version of `before`: the same major, a greater minor (`1` being `1.0`)?"""
    version, other = version_of(before)[1], version_of(after)[1]
    return len(other) == 2 and version[:1] == other[:1] and version < other


def _errors(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.severity == Severity.ERROR]


def _top(element: Element) -> bool:
    return element.parent is None and element.explicit_id


class _Diff:
    def __init__(self, old: ModelSet, new: ModelSet) -> None:
        self.old, self.new = old, new
        self.found: list[Diagnostic] = []
        self.documents: dict[tuple[int, str], object] = {}
        self.compared: dict[tuple[str, str], bool] = {}  # (old, new) Interfaces compared -> breaking?
        self.old_versions: dict[str, list[tuple[tuple[int, ...], str]]] | None = None  # stem -> (version, DTMI)

    def run(self) -> list[Diagnostic]:
        old, new = self.old, self.new
        for dtmi, interface in new.interfaces.items():
            if not _top(interface) or interface.source not in new.checked:
                continue
            before = old.interfaces.get(dtmi)
            if before is not None:
                self.in_place(before, interface)
            else:
                previous = self.previous(dtmi)
                if previous is not None:
                    self.versions(previous, interface)
        self.removed()
        primary = loading.locate(self.found, new.texts)
        related = {r.file: old.texts[r.file] for d in primary for r in d.related if r.file in old.texts}
        return sorted((locate_related(d, related) for d in primary), key=Diagnostic.sort_key)

    def previous(self, dtmi: str) -> Interface | None:
        """The greatest version of `dtmi` in the old set below its own."""
        if self.old_versions is None:
            self.old_versions = versions(self.old)
        candidates = self.old_versions.get(version_of(dtmi)[0], ())
        earlier = [(v, i) for v, i in candidates if i != dtmi and _same_or_later(i, dtmi)]
        return self.old.interfaces[max(earlier)[1]] if earlier else None

    def add(self, code: Code, message: str, at: Element, before: Element | None, dtmi: str, **where: str) -> None:
        """A finding at the new element `at` (or at `where["pointer"]` of its file), with `before` as its related
        place (at `where["was"]` of its file)."""
        related: tuple[Related, ...] = ()
        if before is not None:
            related = (Related(before.source, 0, 0, where.get("was", before.pointer), "previous version"),)
        self.found.append(
            code(message, file=at.source, pointer=where.get("pointer", at.pointer), dtmi=dtmi, related=related)
        )

    # --- one DTMI in both sets ---

    def in_place(self, before: Interface, after: Interface) -> None:
        old_doc, new_doc = self.document(self.old, before), self.document(self.new, after)
        difference = _first_difference(old_doc, new_doc)
        if difference is None:
            return
        relative, descriptive = difference
        what = "only descriptive texts changed" if descriptive else "its content changed"
        tokens = split_pointer(relative) if relative else []
        self.add(
            codes.UNVERSIONED_CHANGE,
            f"{clip(after.id)} changed without a new version ({what}, first at {relative or '/'}): the service "
            f"refuses a model whose DTMI it already has; give it a version greater than "
            f"{'.'.join(map(str, version_of(after.id)[1])) or 'none'}",
            after,
            before,
            after.id,
            pointer=_existing(new_doc, after.pointer, tokens),
            was=_existing(old_doc, before.pointer, tokens),
        )

    def document(self, models: ModelSet, element: Element) -> object:
        """The JSON value `element` was read from."""
        key = (id(models), element.source)
        if key not in self.documents:
            self.documents[key] = sourcelib.load(element.source, models.texts.get(element.source, "")).data
        value = self.documents[key]
        for token in split_pointer(element.pointer) if element.pointer else ():
            value = value[int(token)] if isinstance(value, list) else value[token]  # type: ignore[index]
        return value

    # --- the next version of a model ---

    def versions(self, before: Interface, after: Interface) -> bool:
        """The findings between two versions of an Interface (or the Interfaces of a component in both), once;
        whether any breaks (an error, its components' included)."""
        if (before.id, after.id) in self.compared:
            return self.compared[before.id, after.id]
        self.compared[before.id, after.id] = False
        start, breaking = len(self.found), False
        old, new = self.old, self.new
        was, now = old.contents(before.id), new.contents(after.id)
        for name, content in was.items():
            kept = now.get(name)
            if kept is None or kept.cls != content.cls:
                how = "is gone" if kept is None else f"is now a {kept.cls}"
                self.add(
                    codes.CONTENT_REMOVED,
                    f"{label(content)} of {clip(before.id)} {how} in {clip(after.id)}",
                    kept or after,
                    content,
                    after.id,
                    pointer=kept.pointer if kept else after.where.get("contents", after.pointer),
                )
            else:
                breaking = self.content(content, kept, after) or breaking
        for name, content in now.items():
            if name not in was:
                listed = before.where.get("contents", before.pointer)
                if isinstance(content, Component):
                    message = f"{label(content)} is new in {clip(after.id)}: twins of {clip(before.id)} lack it"
                    self.add(codes.COMPONENT_ADDED, message, content, before, after.id, was=listed)
                else:
                    message = f"{label(content)} is new in {clip(after.id)} (compatible)"
                    self.add(codes.CONTENT_ADDED, message, content, before, after.id, was=listed)
        for base in before.extends:
            if not any(_same_or_later(ref(base), other) for other in (after.id, *new.ancestors(after.id))):
                self.add(
                    codes.BASE_REMOVED,
                    f"{clip(after.id)} no longer extends {clip(ref(base))} (nor a later version of it)",
                    after,
                    before,
                    after.id,
                    pointer=after.where.get("extends", after.pointer),
                    was=before.where.get("extends", before.pointer),
                )
        broken = sorted({d.code for d in self.found[start:] if d.severity == Severity.ERROR})
        breaking = breaking or bool(broken)
        if breaking and _minor(before.id, after.id):
            self.add(
                codes.MINOR_NOT_ADDITIVE,
                f"{clip(after.id)} is a minor version of {clip(before.id)} but breaks it "
                f"({', '.join(broken) or 'through a component'}): a minor version should only add; give it a new "
                f"major version",
                after,
                before,
                after.id,
            )
        self.compared[before.id, after.id] = breaking
        return breaking

    def content(self, before: Content, after: Content, owner: Interface) -> bool:
        """The findings between two versions of one content (same name, same class); True if it is a Component whose
        Interface changed in a breaking way (the findings are that Interface's)."""
        if isinstance(before, (Property, Telemetry)) and isinstance(after, (Property, Telemetry)):
            self.schema(before, after, before.schema, after.schema, owner.id)
        if isinstance(before, Property) and isinstance(after, Property):
            self.writable(before, after, owner.id)
        elif isinstance(before, Command) and isinstance(after, Command):
            for member in ("request", "response"):
                was, now = getattr(before, member), getattr(after, member)
                if isinstance(was, CommandPayload) and isinstance(now, CommandPayload):
                    self.schema(before, after, was.schema, now.schema, owner.id, member)
        elif isinstance(before, Relationship) and isinstance(after, Relationship):
            self.relationship(before, after, owner.id)
        elif isinstance(before, Component) and isinstance(after, Component):
            was, now = self.old.resolve(before.schema), self.new.resolve(after.schema)
            if isinstance(was, Interface) and isinstance(now, Interface) and was.id != now.id:
                return self.versions(was, now)
        return False

    def schema(
        self,
        before: Element,
        after: Element,
        was: Schema | None,
        now: Schema | None,
        dtmi: str,
        member: str = "",
    ) -> None:
        """A schema that changed: narrowed if a previous value may not be a new one (for a Command's response,
        which goes the other way, if a new value may not be a previous one), else widened."""
        old_shape, new_shape = _shape(was, self.old), _shape(now, self.new)
        if old_shape == new_shape:
            return
        if member == "response":
            reason = _narrowing(now, self.new, was, self.old, "is new")
        else:
            reason = _narrowing(was, self.old, now, self.new)
        owner = f"{label(after.parent)} of {clip(dtmi)}" if isinstance(after.parent, Relationship) else clip(dtmi)
        what = f"{label(after)} of {owner}: {f'its {member}: ' if member else ''}"
        kind = _kind(old_shape)
        changed = f"{_name(old_shape)} became {_name(new_shape)}" if kind != _kind(new_shape) else f"its {kind} changed"
        if reason is not None:
            self.add(codes.SCHEMA_NARROWED, f"{what}{changed} ({reason})", after, before, dtmi)
        else:
            self.add(codes.SCHEMA_WIDENED, f"{what}{changed}, which takes every value it took", after, before, dtmi)

    def writable(self, before: Property | Relationship, after: Property | Relationship, dtmi: str) -> None:
        if bool(before.writable) != bool(after.writable):
            now = "writable" if after.writable else "no longer writable"
            self.add(codes.WRITABLE_CHANGED, f"{label(after)} of {clip(dtmi)} is {now}", after, before, dtmi)

    def relationship(self, before: Relationship, after: Relationship, dtmi: str) -> None:
        """Its target may widen (to a base of the old one) or move to a later version of it, which is how a new
        version points at the new versions of the models around it; anything else narrows."""
        was, now = before.target, after.target
        if now is not None and (was is None or not (self.new.is_a(was, now) or _same_or_later(was, now))):
            message = f"{label(after)} of {clip(dtmi)}: its target {clip(was or 'any Interface')} became {clip(now)}"
            self.add(codes.RELATIONSHIP_NARROWED, message, after, before, dtmi)
        high, low = before.max_multiplicity, after.max_multiplicity
        if low is not None and (high is None or low < high):
            message = f"{label(after)} of {clip(dtmi)}: its maxMultiplicity {high or 'unbounded'} became {low}"
            self.add(codes.RELATIONSHIP_NARROWED, message, after, before, dtmi)
        self.writable(before, after, dtmi)
        was_properties = {p.name: p for p in inline(before.properties, Property)}
        for name, prop in {p.name: p for p in inline(after.properties, Property)}.items():
            previous = was_properties.pop(name, None)
            if previous is not None:
                self.schema(previous, prop, previous.schema, prop.schema, dtmi)
        for prop in was_properties.values():
            message = f"{label(prop)} of {label(after)} of {clip(dtmi)} is gone"
            self.add(codes.CONTENT_REMOVED, message, after, prop, dtmi)

    # --- models gone ---

    def removed(self) -> None:
        """A model of the old set that the new set lacks but still refers to."""
        old, new = self.old, self.new
        gone = {dtmi for dtmi, i in old.interfaces.items() if _top(i) and dtmi not in new.elements}
        if not gone:
            return
        for element in new.parsed:
            if element.source not in new.checked:
                continue
            for member, dtmi, pointer in element.references:
                if dtmi in gone:
                    before = old.interfaces[dtmi]
                    message = (
                        f"{clip(dtmi)} is gone from the new models, but {label(element)} still names it ({member})"
                    )
                    self.add(codes.MODEL_REMOVED_IN_USE, message, element, before, element.partition, pointer=pointer)


def locate_related(diagnostic: Diagnostic, texts: dict[str, str]) -> Diagnostic:
    """A finding with its related places located in `texts` (by their pointers)."""
    if not diagnostic.related:
        return diagnostic
    places = []
    for r in diagnostic.related:
        (spot,) = loading.locate([codes.UNVERSIONED_CHANGE("", file=r.file, pointer=r.pointer)], texts)
        places.append(Related(r.file, spot.line or 1, spot.column or 1, r.pointer, r.message))
    return diagnostic.at(related=tuple(places))


def _existing(document: object, pointer: str, tokens: list[str]) -> str:
    """`pointer` followed by as many of `tokens` as lead somewhere in `document` (the element at `pointer`)."""
    for token in tokens:
        if isinstance(document, dict) and token in document:
            document = document[token]
        elif isinstance(document, list) and token.isdigit() and int(token) < len(document):
            document = document[int(token)]
        else:
            break
        pointer = join_pointer(pointer, token)
    return pointer


def _first_difference(old: object, new: object, pointer: str = "") -> tuple[str, bool] | None:
    """The pointer of the first place two JSON values differ (as JSON: key order and number spelling aside),
    and whether every difference is in a descriptive text (displayName, description, comment); None: equal."""
    found = list(_differences(old, new, pointer, False))
    return (found[0][0], all(descriptive for _, descriptive in found)) if found else None


def _differences(old: object, new: object, pointer: str, descriptive: bool) -> Iterator[tuple[str, bool]]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in (*new, *(k for k in old if k not in new)):
            if key not in old or key not in new:
                yield join_pointer(pointer, key), descriptive or key in DESCRIPTIVE
            else:
                yield from _differences(
                    old[key], new[key], join_pointer(pointer, key), descriptive or key in DESCRIPTIVE
                )
    elif isinstance(old, list) and isinstance(new, list):
        for index, (a, b) in enumerate(zip(old, new, strict=False)):
            yield from _differences(a, b, join_pointer(pointer, index), descriptive)
        if len(old) != len(new):
            yield join_pointer(pointer, min(len(old), len(new))), descriptive
    elif not _same_scalar(old, new):
        yield pointer, descriptive


def _same_scalar(old: object, new: object) -> bool:
    numbers = (int, float)
    if type(old) in numbers and type(new) in numbers:
        return old == new
    return type(old) is type(new) and old == new


def _shape(schema: Schema | None, models: ModelSet, depth: int = 0) -> object:
    """What a schema allows, as a comparable value (the ids and names of schema elements aside)."""
    resolved = values.resolve(schema, models)
    if resolved is None or depth > 16:
        return ("unresolved", ref(schema))
    if isinstance(resolved, str):
        return resolved
    if isinstance(resolved, EnumSchema):
        listed = sorted(
            (type(v.enum_value).__name__, str(v.enum_value)) for v in inline(resolved.enum_values, EnumValue)
        )
        return ("Enum", resolved.value_schema, tuple(listed))
    if isinstance(resolved, ArraySchema):
        return ("Array", _shape(resolved.element_schema, models, depth + 1))
    if isinstance(resolved, MapSchema):
        return ("Map", _shape(map_values(resolved), models, depth + 1))
    required = values.required_fields(resolved)  # (a value lacking one is a warning of lint_twin: not narrowing)
    fields = sorted(
        (f.name or "", f.name in required, _shape(f.schema, models, depth + 1)) for f in inline(resolved.fields, Field)
    )
    return ("Object", tuple(fields))


def _kind(shape: object) -> str:
    """A schema's term, or the class of its element ("Enum"), by its shape."""
    return shape if isinstance(shape, str) else str(shape[0])  # type: ignore[index]


def _name(shape: object) -> str:
    """How a message names a schema by its shape: "a double", "an Enum"."""
    kind = _kind(shape)
    return f"{'an' if kind[0] in 'aeiouAEIOU' else 'a'} {kind}"


def _narrowing(
    a: Schema | None, a_set: ModelSet, b: Schema | None, b_set: ModelSet, missing: str = "is gone", depth: int = 0
) -> str | None:
    """Why a value of the schema `a` (of the set `a_set`) may not be a value of `b` (of `b_set`); None: every one
    is. An Enum value or Object field of `a` that `b` lacks `missing` ("is gone")."""
    ra, rb = values.resolve(a, a_set), values.resolve(b, b_set)
    if ra is None or rb is None or depth > 16:
        same = _shape(a, a_set) == _shape(b, b_set)
        return None if same else f"{clip(ref(a) or 'none')} is not {clip(ref(b) or 'none')}"
    if isinstance(ra, EnumSchema) and not inline(ra.enum_values, EnumValue):
        return None  # (no value conforms to an Enum without values: none is lost)
    if isinstance(ra, str) or isinstance(rb, str) or type(ra) is not type(rb):
        if isinstance(ra, str) and isinstance(rb, str) and (ra == rb or rb in WIDER.get(ra, ())):
            return None
        return f"{_name(_shape(ra, a_set))} value need not be {_name(_shape(rb, b_set))} value"
    if isinstance(ra, EnumSchema) and isinstance(rb, EnumSchema):
        kept = {(type(v.enum_value), v.enum_value) for v in inline(rb.enum_values, EnumValue)}
        lost = [v for v in inline(ra.enum_values, EnumValue) if (type(v.enum_value), v.enum_value) not in kept]
        if lost and ra.value_schema != rb.value_schema:
            return f"Enum values of {ra.value_schema} are not Enum values of {rb.value_schema}"
        return f"Enum value {show(lost[0].enum_value)} ({lost[0].name}) {missing}" if lost else None
    if isinstance(ra, ArraySchema) and isinstance(rb, ArraySchema):
        reason = _narrowing(ra.element_schema, a_set, rb.element_schema, b_set, missing, depth + 1)
        return None if reason is None else f"Array elements: {reason}"
    if isinstance(ra, MapSchema) and isinstance(rb, MapSchema):
        reason = _narrowing(map_values(ra), a_set, map_values(rb), b_set, missing, depth + 1)
        return None if reason is None else f"Map values: {reason}"
    assert isinstance(ra, ObjectSchema) and isinstance(rb, ObjectSchema)
    fields = {f.name: f for f in inline(rb.fields, Field)}
    for f in inline(ra.fields, Field):
        if f.name not in fields:
            return f"Object field '{clip(f.name or '')}' {missing}"
        reason = _narrowing(f.schema, a_set, fields[f.name].schema, b_set, missing, depth + 1)
        if reason is not None:
            return f"Object field '{clip(f.name or '')}': {reason}"
    return None
