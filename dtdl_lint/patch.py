"""JSON Patch documents (RFC 6902) linted for Azure Digital Twins and IoT Hub, simulated on the current twin.

Three layers, each yielding Diagnostics whose pointers point into the patch document (`/3/value/mode`):
1. well-formedness (RFC 6902): an array of operation objects, known op, path and from valid JSON Pointers,
   value and from present where required, no unknown members;
2. service rules: only add, replace and remove; every path resolved against the twin's model; values checked
   against the schema at the path (values.py); IoT Hub's name, array, depth, writable and component rules.
   Without the model, the rules that need none (operations, $ members and $metadata, sourceTime values, the
   service's value limits) and one DTL516 warning;
3. simulation: with the current twin, the operations are applied (jsonpatch) to the twin as the service holds
   it (a $metadata entry for every property set) and the resulting twin is checked with twin.check_twin; without
   it, one DTL515 warning names the operations whose outcome depends on it.
Patches of a component (PATCH /digitaltwins/{id}/components/{c}) have paths relative to it; patches of a
relationship (PATCH /digitaltwins/{src}/relationships/{id}) change its properties and are checked with
twin.check_relationship.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from . import codes
from .diagnostics import QUOTED, Diagnostic, clip, join_pointer, json_kind, listing, show, show_scalar, split_pointer
from .language import is_name
from .model import (
    ArraySchema,
    Component,
    EnumSchema,
    Field,
    MapSchema,
    ObjectSchema,
    Property,
    Relationship,
    Schema,
    inline,
    map_values,
    ref,
)
from .modelset import ModelSet, is_model_id
from .services import IOTHUB_ANSWER, MAX_IOTHUB_DEPTH, MAX_STRING_BYTES, TARGETS
from .source import MAX_DEPTH, load, too_deep
from .twin import Complete, check_relationship, check_twin, iothub_version
from .values import iter_errors, resolve

# The members each op defines (RFC 6902 section 4); "op" itself is implied.
OPS: dict[str, tuple[str, ...]] = {
    "add": ("path", "value"),
    "remove": ("path",),
    "replace": ("path", "value"),
    "move": ("from", "path"),
    "copy": ("from", "path"),
    "test": ("path", "value"),
}
SERVICE_OPS = ("add", "remove", "replace")
# What a relationship patch may not change: the relationship's ids, its target and its Relationship.
SHORT = 60  # characters of a value a message about an operation quotes at most
RELATIONSHIP_IDS = ("$relationshipId", "$sourceId", "$targetId", "$relationshipName")
_LONE_TILDE = re.compile("~(?![01])")  # in a JSON Pointer, '~' only starts the escapes ~0 and ~1


@dataclass(slots=True)
class Operation:
    """A well-formed operation of the patch."""

    index: int
    op: str
    path: str
    raw: dict  # the operation object as given
    tokens: list[str]  # of path, unescaped

    @property
    def name(self) -> str:
        """How messages name it: `operation 3 (replace /thermostat1/targetTemperature)`."""
        return f"operation {self.index} ({self.op} {clip(self.path) or '(the whole document)'})"

    def within(self, component: str) -> Operation:
        """The operation with its paths taken relative to a component of the twin."""
        prefix = join_pointer("", component)
        raw = {**self.raw, "path": prefix + self.path}
        if isinstance(raw.get("from"), str):
            raw["from"] = prefix + raw["from"]
        return Operation(self.index, self.op, raw["path"], raw, [component, *self.tokens])


def check_patch(
    patch: object,
    models: ModelSet,
    *,
    model: str | None = None,
    twin: object = None,
    target: str = "adt",
    component: str | None = None,
    relationship: object = None,
    twins: dict | None = None,
    complete: Complete | None = None,
) -> list[Diagnostic]:
    """The findings of lint_patch (api.py); `complete` loads the models the patch and the twin name from the
    repository of a ModelSet that has one."""
    if target not in TARGETS:
        raise ValueError(f"target must be one of {TARGETS}, not {target!r}")
    if component is not None and not (isinstance(component, str) and component):
        raise ValueError(f"component must be a component name, not {component!r}")
    if relationship is not None and (component is not None or target != "adt"):
        raise ValueError("relationship patches are Azure Digital Twins requests on the relationship, not a component")
    found: list[Diagnostic] = []
    if isinstance(patch, (str, bytes)):
        src = load("", patch)
        found.extend(src.diagnostics)
        if not src.ok:
            return _for_service(found, target)
        patch = src.data
    deep = too_deep(patch, "the patch")
    if deep is not None:
        return _for_service([*found, deep], target)
    operations, wellformed = check_operations(patch)
    found.extend(wellformed)
    twins = twins or {}
    if twin is None and isinstance(relationship, dict) and isinstance(relationship.get("$sourceId"), str):
        twin = twins.get(relationship["$sourceId"])
    if model is None and isinstance(twin, dict):
        metadata = twin.get("$metadata")
        model = metadata.get("$model") if isinstance(metadata, dict) else None
    deep = too_deep(relationship, "the current relationship")
    if deep is not None:
        return sorted(
            _for_service([*found, deep.at(pointer="", message=f"{deep.message} (at {clip(deep.pointer)})")], target),
            key=_by_operation,
        )
    deep = too_deep(twin, "the current twin")
    if deep is not None:
        found.append(
            deep.at(pointer="", message=f"{deep.message} (at {clip(deep.pointer)}): the patch is not simulated on it")
        )
        twin = None
    if component is not None:
        operations = [operation.within(component) for operation in operations]
    if complete is not None and models.repo is not None:
        complete(
            models, [model, *(o.raw["value"] for o in operations if o.path == "/$metadata/$model" and o.op != "remove")]
        )
    linter = _PatchLinter(models, target, model, twin, relationship, twins, complete)
    found.extend(linter.run(operations, component))
    return sorted(_for_service(found, target), key=_by_operation)


def lint_json_patch(patch: object, document: object = None) -> tuple[object, list[Diagnostic]]:
    """RFC 6902 alone: the findings about `patch` and, when a `document` is given, the result of applying its
    well-formed operations to a copy of it (None without a document)."""
    operations, found = check_operations(patch)
    if document is None:
        return None, found
    result, failures = apply_operations(document, operations)
    for operation, message, _ in failures:
        found.append(
            codes.PATCH_DOES_NOT_APPLY(f"{operation.name} does not apply: {message}", pointer=f"/{operation.index}")
        )
    return result, found


def check_operations(patch: object) -> tuple[list[Operation], list[Diagnostic]]:
    """The well-formed operations of `patch` and the RFC 6902 findings about the others."""
    if not isinstance(patch, list):
        return [], [
            codes.PATCH_NOT_ARRAY(f"a JSON Patch is an array of operations, found {json_kind(patch)}", pointer="")
        ]
    operations: list[Operation] = []
    found: list[Diagnostic] = []
    for index, raw in enumerate(patch):
        here = f"/{index}"
        if not isinstance(raw, dict):
            found.append(
                codes.OPERATION_NOT_OBJECT(
                    f"operation {index} is {json_kind(raw)}; expected an object with op and path", pointer=here
                )
            )
            continue
        op = raw.get("op")
        members = OPS.get(op, ()) if isinstance(op, str) else ()  # () for no op or an unknown one
        ok = bool(members)
        if "op" not in raw:
            found.append(codes.INVALID_OP(f"operation {index} has no op member", pointer=here))
        elif not ok:
            found.append(
                codes.INVALID_OP(
                    f"operation {index}: op {show(op)} is not one of {', '.join(OPS)}", pointer=f"{here}/op"
                )
            )
        for member in members or ("path",):
            if member not in raw:
                needs = f"{op} needs" if ok else "an operation needs"
                found.append(
                    codes.MISSING_OPERATION_MEMBER(f"operation {index}: {needs} a '{member}' member", pointer=here)
                )
                ok = False
            elif member != "value" and not is_pointer(raw[member]):
                found.append(
                    codes.INVALID_POINTER(
                        f"operation {index}: {member} {show_scalar(raw[member], SHORT)} is not a JSON Pointer "
                        "(empty, or '/' followed by tokens where '~' is written '~0' and '/' '~1')",
                        pointer=join_pointer(here, member),
                    )
                )
                ok = False
        for member in raw if members else ():
            if member != "op" and member not in members:
                found.append(
                    codes.UNKNOWN_OPERATION_MEMBER(
                        f"operation {index}: {op} ignores member {show(member, QUOTED)}",
                        pointer=join_pointer(here, member),
                    )
                )
        if ok and isinstance(op, str):  # (ok: op is one of OPS)
            operations.append(Operation(index, op, raw["path"], raw, split_pointer(raw["path"])))
    return operations, found


def is_pointer(value: object) -> bool:
    """Is `value` a JSON Pointer (RFC 6901): empty, or '/' and reference tokens where '~' is written '~0' and '/'
    '~1'? (Looked at without a regular expression over the tokens: one of a million tokens took its engine
    hundreds of megabytes.)"""
    return isinstance(value, str) and (value == "" or (value[:1] == "/" and _LONE_TILDE.search(value) is None))


def apply_operations(
    document: object, operations: list[Operation], prepare: Callable[[object, Operation], None] | None = None
) -> tuple[object, list[tuple]]:
    """Apply `operations` in order to a copy of `document`, skipping those that fail: the result and a list
    of (operation, message, target_missing) for the failures, target_missing when only the last token of a
    replace or remove path is missing. `prepare(document, operation)` runs before each operation."""
    import jsonpatch  # here, not above: only a simulated patch needs it (~2 ms of start-up)
    import jsonpointer

    classes = jsonpatch.JsonPatch.operations
    document = _copy(document)
    failures = []
    for operation in operations:
        raw = operation.raw
        if isinstance(raw.get("value"), (dict, list)):
            raw = {**raw, "value": _copy(raw["value"])}  # later operations must not change the caller's patch
        if prepare is not None:
            prepare(document, operation)
        try:
            if not operation.path and operation.op in ("add", "replace"):
                document = raw["value"]  # the whole document (jsonpatch fails on a root add to an array)
            else:
                document = classes[operation.op](raw).apply(document)
        except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException) as error:
            failures.append((operation, *_failure(document, operation, error)))
    return document, failures


def _failure(document: object, operation: Operation, error: Exception) -> tuple[str, bool]:
    """Why the operation failed, in words that name places rather than dump the document, and whether only
    the target of a replace or remove is missing."""
    for name, pointer in (("from", operation.raw.get("from")), ("path", operation.path)):
        if pointer is None:
            continue
        tokens = split_pointer(pointer)
        node, here = document, ""
        last = len(tokens) - (0 if name == "from" or operation.op in ("replace", "remove", "test") else 1)
        for depth, token in enumerate(tokens[:last]):
            place = join_pointer(here, token)
            if isinstance(node, dict):
                if token not in node:
                    missing = depth == len(tokens) - 1 and operation.op in ("replace", "remove")
                    return f"{clip(place)} does not exist", missing and name == "path"
                node = node[token]
            elif isinstance(node, list):
                if not (token.isdigit() and (token == "0" or token[0] != "0") and int(token) < len(node)):
                    where = clip(here) or "/"
                    return f"{show(token, QUOTED)} is not an index of the array at {where} (length {len(node)})", False
                node = node[int(token)]
            else:
                return f"{clip(here) or '/'} is {json_kind(node)}, which has no members", False
            here = place
    if operation.op == "test":
        expected = show_scalar(operation.raw["value"], SHORT)
        return f"the value at {clip(operation.path) or '/'} is not equal to {expected}", False
    return clip(str(error).split(" in {")[0].split(" in [")[0]), False


def _copy(value: object) -> object:
    """A copy of a JSON value (several times faster than copy.deepcopy)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


@dataclass(slots=True)
class _Target:
    """What a path denotes in the model."""

    kind: str  # "model", "metadata", "sourceTime", "property", "component"; "unknown" without the model
    interface: str  # the Interface whose member it is
    schema: Schema | None = None  # of the value at the path (property kinds)
    prop: Property | None = None  # the property the path starts with
    below: int = 0  # tokens below the property
    array: str = ""  # how a message names the first Array whose items the path goes into ("" if none)


class _PatchLinter:
    """The service rules and the simulation, for one patch of a twin, or of a relationship (`relationship`, the
    current one: then `model` and `twin` are those of its source twin)."""

    def __init__(
        self,
        models: ModelSet,
        target: str,
        model: object,
        twin: object,
        relationship: object,
        twins: dict,
        complete: Complete | None,
    ) -> None:
        self.models, self.target, self.model, self.twin = models, target, model, twin
        self.iothub = target == "iothub"
        self.relationship, self.twins, self.complete = relationship, twins, complete

    def run(self, operations: list[Operation], component: str | None = None) -> Iterator[Diagnostic]:
        interface = self._interface(operations)
        if (
            component is not None
            and interface is not None
            and not isinstance(self.models.contents(interface).get(component), Component)
        ):
            yield codes.PATH_NOT_IN_MODEL(
                f"{clip(interface)} has no component {show(component, QUOTED)}: PATCH "
                f".../components/{clip(component)} cannot apply",
                pointer="",
            )
            return
        if self.iothub and interface is not None:
            yield from iothub_version(self.models, interface, "")
        checked: list[Operation] = []
        flagged: set[str] = set()  # paths of operations with findings, so the twin check does not repeat them
        model_ops = [o for o in operations if o.path == "/$metadata/$model" and o.op != "remove"]
        declared = self._declared(interface)
        for operation in operations:
            findings = list(self._operation(operation, interface, declared))
            if any(d.severity == "error" for d in findings):
                flagged.add(operation.path)
            if operation.op in SERVICE_OPS and operation.path not in flagged:
                checked.append(operation)
            yield from findings
        if (interface is None or (self.relationship is not None and declared is None)) and any(
            o.op in SERVICE_OPS for o in operations
        ):
            yield codes.VALUES_NOT_CHECKED(self._no_model(interface), pointer="")
        if self.relationship is not None:
            yield from self._simulate(checked, flagged, [], self.relationship)
        elif self.twin is not None:
            yield from self._simulate(checked, flagged, model_ops, self.twin)
        elif interface is not None:
            yield from self._needs_twin(checked, interface)

    def _interface(self, operations: list[Operation]) -> str | None:
        """The DTMI of the model the patch is checked against: the migration target if the patch has one."""
        for operation in reversed(operations if self.relationship is None else ()):
            if operation.path == "/$metadata/$model" and operation.op in ("add", "replace"):
                value = operation.raw["value"]
                if isinstance(value, str) and value in self.models.interfaces:
                    return value
        return self.model if isinstance(self.model, str) and self.model in self.models.interfaces else None

    def _declared(self, interface: str | None) -> Relationship | None:
        """The Relationship of a relationship patch, declared by the source twin's model."""
        name = self.relationship.get("$relationshipName") if isinstance(self.relationship, dict) else None
        declared = (
            self.models.contents(interface).get(name) if interface is not None and isinstance(name, str) else None
        )
        return declared if isinstance(declared, Relationship) else None

    def _no_model(self, interface: str | None) -> str:
        checked = "paths and values were checked only by the rules that need no model"
        if interface is not None:
            name = self.relationship.get("$relationshipName") if isinstance(self.relationship, dict) else None
            return f"{show_scalar(name, SHORT)} is not a Relationship of {interface}: {checked}"
        if isinstance(self.model, str):
            return f"{self.models.missing(self.model)}: {checked}"
        where = (
            "name it or pass the twin" if self.relationship is None else "model=, twin= or relationship= with twins="
        )
        return f"the model of the patched twin is not known ({where}): {checked}"

    # --- one operation against the model ------------------------------------------------------------------

    def _operation(
        self, operation: Operation, interface: str | None, declared: Relationship | None
    ) -> Iterator[Diagnostic]:
        here = f"/{operation.index}"
        if operation.op not in SERVICE_OPS:
            where = "Azure Digital Twins" if not self.iothub else "IoT Hub"
            yield codes.UNSUPPORTED_OP(
                f"{operation.name}: {where} accepts only add, replace and remove", pointer=f"{here}/op"
            )
            return
        if self.relationship is not None:
            target = self._resolve_relationship(operation, interface, declared)
        else:
            target = self._resolve(operation, interface)
            old = self.model if isinstance(self.model, str) and self.model in self.models.interfaces else interface
            if isinstance(target, Diagnostic) and operation.op == "remove" and old != interface:
                target = self._resolve(operation, old)  # a migration may remove what only the old model has
        if isinstance(target, Diagnostic):
            yield target
            return
        if target.array:
            yield codes.ARRAY_ITEM_PATH(
                f"{operation.name}: {target.array} is an Array; Azure Digital Twins documents patches of whole "
                "property values, not of single array items: replace the whole array to be sure",
                pointer=f"{here}/path",
            )
        if operation.op == "remove":
            if target.kind == "model":
                yield codes.MISSING_MODEL(
                    f"{operation.name}: a twin cannot lose its model; replace $metadata/$model to migrate it",
                    pointer=f"{here}/path",
                )
            elif target.kind == "component" and not self.iothub:
                yield codes.MISSING_COMPONENT(
                    f"{operation.name}: every twin of {clip(interface or '')} must have component "
                    f"{show(operation.tokens[0], QUOTED)}; "
                    'replace it with {"$metadata": {}} to empty it',
                    pointer=f"{here}/path",
                )
            return
        value_at = f"{here}/value"
        value = operation.raw["value"]
        if target.kind == "model":
            if interface is not None and not (isinstance(value, str) and value in self.models.interfaces):
                why = f"{show_scalar(value, SHORT)} names no model"
                if isinstance(value, str):
                    why = self.models.missing(value)
                yield codes.UNKNOWN_MODEL(f"{operation.name}: {why}", pointer=value_at)
            elif not is_model_id(value):
                yield codes.UNKNOWN_MODEL(
                    f"{operation.name}: {show_scalar(value, SHORT)} is not the DTMI of a model", pointer=value_at
                )
        elif target.kind == "sourceTime":
            yield from self._values(operation, value, "dateTime", value_at)
        elif target.kind == "metadata":
            yield from self._metadata_value(operation, value, value_at)
        elif target.kind == "component":
            yield from self._component_value(operation, target.interface, value, value_at)
        elif target.kind == "unknown":
            yield from self._free_value(operation, value, value_at)
        else:
            yield from self._property_value(operation, target, value, value_at, f"{here}/path")

    def _resolve(self, operation: Operation, interface: str | None) -> _Target | Diagnostic:
        """What the operation's path denotes (kind "unknown" where the model is not known), or the finding that
        says it denotes nothing patchable."""
        tokens = operation.tokens
        at = f"/{operation.index}/path"
        if not tokens:
            return codes.PATH_NOT_PATCHABLE(
                f"{operation.name}: a patch cannot replace the whole twin; patch its members (or PUT the twin)",
                pointer=at,
            )
        component = None
        if not self.iothub and tokens[0] == "$metadata":
            return self._resolve_metadata(operation, interface, tokens[1:], at, top=True)
        contents = self.models.contents(interface) if interface is not None else {}
        content = contents.get(tokens[0])
        if interface is None and len(tokens) > 2 and tokens[1] == "$metadata" and not self.iothub:
            return self._resolve_metadata(operation, None, tokens[2:], at, top=False)  # perhaps a component's
        if isinstance(content, Component) and len(tokens) > 1:
            component, interface, tokens = content, ref(content.schema), tokens[1:]
            if not self.iothub and tokens[0] == "$metadata":
                return self._resolve_metadata(operation, interface, tokens[1:], at, top=False)
            content = self.models.contents(interface).get(tokens[0])
        name = tokens[0]
        if isinstance(content, Component) and component is None:
            return _Target("component", ref(content.schema))
        if isinstance(content, Property):
            return self._resolve_schema(operation, interface, content, tokens[1:], at)
        if name.startswith("$"):
            return codes.PATH_NOT_PATCHABLE(f"{operation.name}: {clip(name)} is maintained by the service", pointer=at)
        if interface is None:
            bad = next((t for t in operation.tokens if not is_name(t)), None) if self.iothub else None
            if bad is not None:
                return codes.INVALID_NAME(f"{operation.name}: {show(bad, QUOTED)} is not a DTDL name", pointer=at)
            return _Target("unknown", "")
        owner = f"component '{clip(component.name or '')}' ({clip(interface)})" if component else clip(interface)
        if content is None:
            return codes.PATH_NOT_IN_MODEL(
                f"{operation.name}: {owner} has no property or component {show(name, QUOTED)}", pointer=at
            )
        kind = type(content).__name__
        return codes.PATH_NOT_IN_MODEL(
            f"{operation.name}: {show(name, QUOTED)} is a {kind} of {owner}; only properties and components are twin "
            "members",
            pointer=at,
        )

    def _resolve_metadata(
        self, operation: Operation, interface: str | None, tokens: list[str], at: str, top: bool
    ) -> _Target | Diagnostic:
        """/$metadata/$model, /$metadata/<property>[/sourceTime] (also below a component); without the model,
        any name that is not a $ member may be a property."""
        if top and tokens == ["$model"]:
            return _Target("model", interface or "")
        name = tokens[0] if tokens else "$"
        if interface is None:
            known = name[:1] != "$"
        else:
            known = isinstance(self.models.contents(interface).get(name), Property)
        if known:
            if len(tokens) == 1:
                return _Target("metadata", interface or "")
            if tokens[1:] == ["sourceTime"]:
                return _Target("sourceTime", interface or "")
        elif name[:1] != "$":
            return codes.PATH_NOT_IN_MODEL(
                f"{operation.name}: {clip(interface or '')} has no property {show(name, QUOTED)} to hold metadata",
                pointer=at,
            )
        return codes.PATH_NOT_PATCHABLE(
            f"{operation.name}: only $metadata/$model and $metadata/<property>/sourceTime can be patched; the "
            "service maintains the rest of $metadata",
            pointer=at,
        )

    def _resolve_relationship(
        self, operation: Operation, interface: str | None, declared: Relationship | None
    ) -> _Target | Diagnostic:
        """A property of the relationship (or a field or Map entry below it)."""
        tokens = operation.tokens
        at = f"/{operation.index}/path"
        name = tokens[0] if tokens else ""
        if not tokens or name in RELATIONSHIP_IDS:
            what = f"its {clip(name)}" if tokens else "the whole relationship"
            return codes.PATH_NOT_PATCHABLE(
                f"{operation.name}: a relationship patch cannot change {what}; delete the relationship and create "
                "it anew",
                pointer=at,
            )
        if name.startswith("$"):
            return codes.PATH_NOT_PATCHABLE(f"{operation.name}: {clip(name)} is maintained by the service", pointer=at)
        if declared is None or interface is None:  # (declared only by a known model)
            return _Target("unknown", "")
        prop = next((p for p in inline(declared.properties, Property) if (p.name or "") == name), None)
        if prop is None:
            names = listing(p.name or "" for p in inline(declared.properties, Property)) or "none"
            return codes.PATH_NOT_IN_MODEL(
                f"{operation.name}: relationship '{clip(declared.name or '')}' of "
                f"{clip(interface)} has no property {show(name, QUOTED)} (properties: "
                f"{names})",
                pointer=at,
            )
        return self._resolve_schema(operation, interface, prop, tokens[1:], at)

    def _resolve_schema(
        self, operation: Operation, interface: str | None, prop: Property, tokens: list[str], at: str
    ) -> _Target | Diagnostic:
        """A property, or a field, Map entry or Array item below it."""
        schema = resolve(prop.schema, self.models)
        array = ""
        for depth, token in enumerate(tokens):
            if isinstance(schema, ObjectSchema):
                field = next((f for f in inline(schema.fields, Field) if (f.name or "") == token), None)
                if field is None:
                    return codes.PATH_NOT_IN_MODEL(
                        f"{operation.name}: the Object schema of {_place(prop, tokens[:depth])} has no field "
                        f"{show(token, QUOTED)}",
                        pointer=at,
                    )
                schema = resolve(field.schema, self.models)
            elif isinstance(schema, MapSchema):
                if self.iothub and not is_name(token):
                    return codes.INVALID_NAME(
                        f"{operation.name}: Map key {show(token, QUOTED)} of {_place(prop, tokens[:depth])} is not a "
                        "valid DTDL name",
                        pointer=at,
                    )
                schema = resolve(map_values(schema), self.models)
            elif isinstance(schema, ArraySchema):
                problem = self._array_item(operation, _place(prop, tokens[:depth]), token, depth == len(tokens) - 1)
                if problem is not None:
                    return problem.at(pointer=at)
                array = array or _place(prop, tokens[:depth])
                schema = resolve(schema.element_schema, self.models)
            elif schema is None:  # an unresolved schema: the model findings say why
                break
            else:
                return codes.PATH_NOT_IN_MODEL(
                    f"{operation.name}: {_place(prop, tokens[:depth])} has schema {_schema_name(schema)}, which has "
                    "no members",
                    pointer=at,
                )
        return _Target("property", interface or "", schema, prop, len(tokens), array)

    def _array_item(self, operation: Operation, place: str, token: str, last: bool) -> Diagnostic | None:
        """Why `token` cannot name an item of the Array at `place` (RFC 6901: an index without leading zeros, or
        "-" for the end, where only add can put an item), or None. IoT Hub takes no arrays at all."""
        if self.iothub:
            return codes.ARRAY_NOT_ALLOWED(
                f"{operation.name}: {place} is an Array; IoT Plug and Play digital twins take no arrays"
            )
        if token == "-":
            if last and operation.op == "add":
                return None
            return codes.PATCH_DOES_NOT_APPLY(
                f"{operation.name}: '-' names the end of the Array {place}, where there is no item; only add can "
                "put one there (as the last token of its path)"
            )
        if token.isdigit() and (token == "0" or token[0] != "0"):
            return None
        return codes.PATH_NOT_IN_MODEL(
            f"{operation.name}: {place} is an Array; {show(token, QUOTED)} is not an index of it (0, 1, ... or - "
            "to add at its end)"
        )

    # --- values -------------------------------------------------------------------------------------------

    def _property_value(
        self, operation: Operation | _Member, target: _Target, value: object, at: str, name_at: str
    ) -> Iterator[Diagnostic]:
        """`at` points to the value, `name_at` to what names the property (the path, or a member name)."""
        prop = target.prop
        if self.iothub and prop is not None and not prop.writable:
            yield codes.IOTHUB_NOT_WRITABLE(
                f"{operation.name}: property '{clip(prop.name or '')}' is not writable, so it has no desired value",
                pointer=name_at,
            )
            return
        if target.schema is not None:  # each operation's value, even one a later operation overwrites
            yield from self._values(operation, value, target.schema, at, target.below)

    def _component_value(self, operation: Operation, interface: str, value: object, at: str) -> Iterator[Diagnostic]:
        if not isinstance(value, dict):
            yield codes.PATH_NOT_IN_MODEL(
                f"{operation.name}: a component's value is an object of its properties, found {json_kind(value)}",
                pointer=at,
            )
            return
        if self.iothub and value.get("$metadata") != {}:
            found = "has none" if "$metadata" not in value else f"has {show_scalar(value['$metadata'], SHORT)}"
            yield codes.INVALID_COMPONENT(
                f'{operation.name}: a component value needs the marker "$metadata": {{}}; it {found}', pointer=at
            )
        contents = self.models.contents(interface)
        for name, member in value.items():
            member_at = join_pointer(at, name)
            prop = contents.get(name)
            if name == "$metadata" or (name.startswith("$") and not self.iothub):
                continue  # component metadata: check_twin checks it on the result
            if not isinstance(prop, Property):
                yield codes.UNKNOWN_PROPERTY(
                    f"{operation.name}: component {show(operation.tokens[-1], QUOTED)} ({clip(interface)}) has no "
                    f"property {show(name, QUOTED)}",
                    pointer=member_at,
                )
                continue
            target = _Target("property", interface, prop.schema, prop)
            yield from self._property_value(_Member(operation, name), target, member, member_at, member_at)

    def _metadata_value(self, operation: Operation, value: object, at: str) -> Iterator[Diagnostic]:
        if not isinstance(value, dict):
            yield codes.PATH_NOT_PATCHABLE(
                f"{operation.name}: property metadata is an object with sourceTime, found {json_kind(value)}",
                pointer=at,
            )
            return
        for name, member in value.items():
            if name == "sourceTime":
                yield from self._values(operation, member, "dateTime", join_pointer(at, name))
            else:
                yield codes.PATH_NOT_PATCHABLE(
                    f"{operation.name}: {show(name, QUOTED)} in property metadata is maintained by the service; only "
                    "sourceTime can be set",
                    pointer=join_pointer(at, name),
                )

    def _free_value(self, operation: Operation, value: object, at: str) -> Iterator[Diagnostic]:
        """The service's rules on a value that need no schema: strings of at most 4 KB; for IoT Hub also DTDL
        names, no arrays, at most 5 levels of objects (counted leniently: the path may start with a component)
        and the marker "$metadata": {} of a component value."""
        iothub = self.iothub
        if iothub and isinstance(value, dict) and "$metadata" in value and value["$metadata"] != {}:
            yield codes.INVALID_COMPONENT(
                f'{operation.name}: a component value needs the marker "$metadata": {{}}; '
                f"it has {show_scalar(value['$metadata'], SHORT)}",
                pointer=at,
            )
        pending = [(value, at, max(0, len(operation.tokens) - 2))]
        while pending:
            item, where, depth = pending.pop()
            if isinstance(item, str) and len(item) > MAX_STRING_BYTES // 4:
                size = len(item.encode("utf-8", "surrogatepass"))
                if size > MAX_STRING_BYTES:
                    yield codes.TOO_LARGE(
                        f"{operation.name}: string value of {size} bytes; at most {MAX_STRING_BYTES} are allowed",
                        pointer=where,
                    )
            elif isinstance(item, list):
                if iothub:
                    yield codes.ARRAY_NOT_ALLOWED(
                        f"{operation.name}: IoT Plug and Play digital twins take no arrays", pointer=where
                    )
                else:
                    pending.extend((member, join_pointer(where, index), depth) for index, member in enumerate(item))
            elif isinstance(item, dict):
                if iothub and depth >= MAX_IOTHUB_DEPTH:
                    yield codes.VALUE_TOO_DEEP(
                        f"{operation.name}: object nested {depth + 1} levels deep; IoT Plug "
                        f"and Play allows at most {MAX_IOTHUB_DEPTH}",
                        pointer=where,
                    )
                    continue
                for key, member in item.items():
                    if key == "$metadata" and where == at:
                        continue  # the component marker
                    if iothub and not is_name(key):
                        yield codes.INVALID_NAME(
                            f"{operation.name}: {show(key, QUOTED)} is not a DTDL name",
                            pointer=join_pointer(where, key),
                        )
                    pending.append((member, join_pointer(where, key), depth + 1))

    def _values(
        self, operation: Operation | _Member, value: object, schema: Schema, at: str, depth: int = 0
    ) -> Iterator[Diagnostic]:
        """values.py's findings about `value`, with the target's value rules, pointed into the patch."""
        for diagnostic in iter_errors(value, schema, self.models, at, self.target, depth=depth):
            yield diagnostic.at(message=f"{operation.name}: {diagnostic.message}")

    # --- without the twin: say what needed it --------------------------------------------------------------

    def _needs_twin(self, operations: list[Operation], interface: str) -> Iterator[Diagnostic]:
        """One warning naming the operations whose outcome depends on the current twin."""
        created: set[str] = set()
        components = {n for n, c in self.models.contents(interface).items() if isinstance(c, Component)}
        depends = []
        for operation in operations:
            tokens = operation.tokens
            parent = operation.path[: operation.path.rfind("/")]
            entry = _metadata_of(tokens)
            if operation.path == "/$metadata/$model":
                depends.append(f"{operation.index} (the twin's properties must fit the new model)")
            elif entry is not None:
                prop = join_pointer("", *tokens[:entry], tokens[entry + 1])
                if prop not in created:
                    depends.append(f"{operation.index} (its property {clip(prop)} must be set)")
            elif operation.op != "add":
                depends.append(f"{operation.index} ({operation.op} needs an existing target)")
            elif len(tokens) > 1 and parent not in created and not (len(tokens) == 2 and tokens[0] in components):
                depends.append(f"{operation.index} (add needs {clip(parent)} to exist)")
            if operation.op == "add":
                created.add(operation.path)
        if depends:
            yield codes.TWIN_NEEDED(
                "without the current twin, the outcome of operation "
                + listing(depends)
                + " was not checked; pass the twin to simulate the patch",
                pointer=f"/{operations[0].index}"
                if len(depends) == len(operations)
                else f"/{int(depends[0].split()[0])}",
            )

    # --- with the twin: apply and check the result ----------------------------------------------------------

    def _simulate(
        self, operations: list[Operation], flagged: set[str], model_ops: list[Operation], document: object
    ) -> Iterator[Diagnostic]:
        """Apply the operations to the current twin (or relationship) and check what results."""
        noun = "twin" if self.relationship is None else "relationship"
        result, failures = apply_operations(document, operations, _as_the_service_holds_it)
        for operation, message, target_missing in failures:
            flagged.add(operation.path)
            here = f"/{operation.index}/path"
            if target_missing:
                advice = "use add to set it" if operation.op == "replace" else "there is nothing to remove"
                yield codes.MISSING_ON_TWIN(
                    f"{operation.name}: the {noun} has no {clip(operation.path)}; {advice}", pointer=here
                )
            else:
                yield codes.PATCH_DOES_NOT_APPLY(
                    f"{operation.name} does not apply to the {noun}: {message}", pointer=here
                )
        if self.relationship is None:
            check = partial(check_twin, models=self.models, target=self.target, complete=self.complete)
        else:
            twins = {**self.twins}
            source = self.relationship.get("$sourceId") if isinstance(self.relationship, dict) else None
            if isinstance(source, str) and isinstance(self.twin, dict):
                twins[source] = self.twin
            check = partial(check_relationship, models=self.models, twins=twins, complete=self.complete)
        yield from _attribute(check(result), operations, flagged, model_ops, lambda: check(document))


def _metadata_of(tokens: list[str]) -> int | None:
    """The index of "$metadata" in a path to a property's metadata entry or its sourceTime
    (.../$metadata/<property>[/sourceTime]), else None."""
    if len(tokens) >= 2 and tokens[-2] == "$metadata":
        return len(tokens) - 2
    if len(tokens) >= 3 and tokens[-3] == "$metadata" and tokens[-1] == "sourceTime":
        return len(tokens) - 3
    return None


def _as_the_service_holds_it(document: object, operation: Operation) -> None:
    """The service keeps a $metadata entry for every property that is set, whose sourceTime can be added or
    replaced, and drops it with the property: the twin given may not show them, so they are made before an
    operation writes them, and dropped with the property removed."""
    tokens = operation.tokens
    entry = _metadata_of(tokens)
    if (entry is None and operation.op != "remove") or not tokens:
        return
    owner_tokens, name = (tokens[:entry], tokens[entry + 1]) if entry is not None else (tokens[:-1], tokens[-1])
    owner = document
    for token in owner_tokens:
        owner = owner.get(token) if isinstance(owner, dict) else None
    metadata = owner.get("$metadata") if isinstance(owner, dict) else None
    if not isinstance(owner, dict) or not isinstance(metadata, dict) or name not in owner or name[:1] == "$":
        return
    if entry is None:
        metadata.pop(name, None)
    elif operation.op != "remove":
        kept = metadata.setdefault(name, {})
        if operation.op == "replace" and len(tokens) == entry + 3 and isinstance(kept, dict):
            kept.setdefault("sourceTime", None)


def _ancestors(pointer: str, levels: int | None = None) -> list[str]:
    """The pointers above `pointer` ("" for the whole document), nearest last; only the first `levels` of them."""
    found: list[str] = []
    end = pointer.find("/")
    while end != -1 and (levels is None or len(found) < levels):
        found.append(pointer[:end])
        end = pointer.find("/", end + 1)
    return found


def _attribute(
    after: list[Diagnostic],
    operations: list[Operation],
    flagged: set[str],
    model_ops: list[Operation],
    before: Callable[[], list[Diagnostic]],
) -> Iterator[Diagnostic]:
    """The findings about the patched twin, pointed at the operation that caused each: the last one whose path
    is the finding's place or above it (into its value), or below it; else the model migration. Findings the
    twin had before the patch and places whose operation was already reported are left out. (Each place is
    looked up by its ancestors, never compared with every operation: a patch may have many.)"""
    known = None
    last_at: dict[str, Operation] = {}  # the last operation at each path
    last_below: dict[str, Operation] = {}  # the last operation below each place (as deep as a twin may nest)
    for operation in operations:
        last_at[operation.path] = operation
        last_below.update(dict.fromkeys(_ancestors(operation.path, MAX_DEPTH + 1), operation))
    for diagnostic in after:
        place = diagnostic.pointer
        above = [place, *_ancestors(place)]
        if any(p in flagged for p in above):
            continue
        causes = [last_at[p] for p in above if p in last_at] + ([last_below[place]] if place in last_below else [])
        cause = max(causes, key=lambda o: o.index, default=None)
        if cause is not None:
            if cause.op != "remove" and (place == cause.path or place.startswith(cause.path + "/")):
                pointer = f"/{cause.index}/value" + place[len(cause.path) :]
            else:
                pointer = f"/{cause.index}/path"
            yield diagnostic.at(pointer=pointer, message=f"{cause.name}: {diagnostic.message}")
            continue
        if known is None:
            known = {(d.code, d.pointer, d.message) for d in before()}
        if (diagnostic.code, diagnostic.pointer, diagnostic.message) in known:
            continue
        if model_ops:
            cause = model_ops[-1]
            yield diagnostic.at(
                pointer=f"/{cause.index}/value",
                message=f"{cause.name}: at {clip(place) or '/'} of the migrated twin, {diagnostic.message}",
            )
        else:
            yield diagnostic.at(pointer="", message=f"after the patch, at {clip(place) or '/'}: {diagnostic.message}")


class _Member:
    """An operation seen through one member of a component value (for messages and pointers)."""

    def __init__(self, operation: Operation, member: str) -> None:
        self.index, self.op = operation.index, operation.op
        self.name = f"{operation.name}, member {show(member, QUOTED)}"


def _by_operation(diagnostic: Diagnostic) -> tuple[int, str]:
    """Findings in the order of the operations (pointers /10 after /9)."""
    first = diagnostic.pointer[1:].split("/", 1)[0]
    return (int(first) if first.isdigit() else -1, diagnostic.pointer)


def _for_service(found: list[Diagnostic], target: str) -> list[Diagnostic]:
    """Every finding with the answer the target service would give."""
    if target == "iothub":
        return [d.at(service=IOTHUB_ANSWER) if d.severity == "error" else d for d in found]
    return [d if d.service or d.severity != "error" else d.at(service="JsonPatchInvalid") for d in found]


def _place(prop: Property, tokens: list[str]) -> str:
    """How a message names a place below a property: `property 'settings'/inner` (made only for a message: the path
    may be long)."""
    return clip(f"property '{prop.name}'" + "".join(f"/{t}" for t in tokens))


def _schema_name(schema: Schema | None) -> str:
    if isinstance(schema, str):
        return schema
    if isinstance(schema, EnumSchema):
        return "Enum"
    return type(schema).__name__.removesuffix("Schema") if schema is not None else "unknown"
