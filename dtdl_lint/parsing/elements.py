"""Elements: one element object (its context, class, id, co-types, members), and the members whose values are
elements (contents, extends, schemas, schema, elementSchema, request, response, properties, enumValues, fields,
mapKey, mapValue): inline elements, references, and (for schemas) schema terms."""

from __future__ import annotations

from .. import codes
from ..diagnostics import clip, join_pointer, show_scalar
from ..language import MemberSpec
from ..model import CLASSES, Element
from .context import read_context
from .ids import element_id, item_id, plain_item_id
from .members import read_members
from .references import reference
from .state import Ctx, Parse, empty_value, explicit_id, items, keep
from .types import element_class, plain_class, read_cotypes

MAX_ELEMENT_DEPTH = 100  # far beyond any valid model (schemas nest at most 5 deep); keeps the walk off the stack limit
NO_COTYPES: list[str] = []
TOO_MANY = {"extends": codes.TOO_MANY_EXTENDS}  # the members whose count has a finding of its own (else TOO_MANY_ITEMS)


def read_element(
    p: Parse,
    obj: dict,
    pointer: str,
    parent: Element | None,
    member: str,
    allowed: frozenset[str],
    generated: str,
    ctx: Ctx,
    *,
    top: bool = False,
    nameless: bool = False,
) -> Element | None:
    """Read one element object placed where `allowed` classes may go (in `member` of `parent`); the element, or None if
    it has no usable class. `generated` is the id made for it, used where it has no usable @id of its own."""
    holder = parent.id if parent else ""
    depth = parent.depth + 1 if parent else 0
    if depth > MAX_ELEMENT_DEPTH:
        p.report(
            codes.NESTING_TOO_DEEP,
            f"elements are nested more than {MAX_ELEMENT_DEPTH} deep here; the rest of this branch is not checked",
            pointer,
            holder,
        )
        return None
    if not top and ("@context" in obj or "@graph" in obj):
        outer = ctx.language
        nested = _nested(p, obj, pointer, holder, generated, ctx)
        if nested is None:
            return None
        ctx = nested
        if ctx.language is not outer and member in outer.same_version_members:
            p.report(
                codes.MIXED_VERSION,
                f"'{member}' of a {outer.label} {parent.cls if parent else ''} may not hold a {ctx.language.label} "
                "element",
                join_pointer(pointer, "@context"),
                holder,
                parser_id="disallowedVersionDefinition",
            )
            return None
    raw = obj.get("@type")
    cls = plain_class(raw, allowed)
    if cls:
        inferred, cotypes = False, NO_COTYPES  # the plain case: one class, as a term, that fits the position
    else:
        cls, inferred, cotypes = element_class(p, obj, raw, pointer, parent, member, allowed, ctx, top)
        if not cls:
            return None
    if "@id" in obj:
        node_id, explicit = element_id(p, obj["@id"], pointer, holder, cls, generated, ctx)
    elif parent is None or cls == "Interface":
        node_id, explicit = _unidentified(p, pointer, parent, member, cls, generated), False
    else:
        node_id, explicit = generated or f"{holder}#{pointer}", False  # it takes the id made for it
    partition = node_id if (parent is None or cls == "Interface") else parent.partition
    node = CLASSES[cls](node_id, p.file, pointer, parent, partition, explicit, depth, ctx.language)
    p.models.add(node)
    if "#" in node_id and isinstance(obj.get("@id"), str):
        return node  # a partial definition (a layer): its fragment @id is the finding, its members are not
    if top and not explicit and "@id" in obj and ctx.language.unusable_id_stops:
        return node  # an unusable top-level @id: nothing in the element is read (the ids within derive from it)
    if not cotypes or read_cotypes(p, node, pointer, cotypes, ctx):
        read_members(p, node, obj, pointer, ctx, inferred, nameless)
    return node


def _nested(p: Parse, obj: dict, pointer: str, holder: str, generated: str, ctx: Ctx) -> Ctx | None:
    """The context of a nested element with an @context of its own (and a finding for a @graph); None when its
    context stops its reading."""
    if "@context" in obj:
        found = read_context(p, obj["@context"], pointer, ctx, top=False, where=explicit_id(obj) or generated)
        if found is None:
            return None
        ctx = found
    if "@graph" in obj:
        p.report(
            codes.GRAPH_KEYWORD,
            "@graph is not allowed in a DTDL element",
            join_pointer(pointer, "@graph"),
            holder,
            parser_id=graph_id(obj["@graph"], "graphDisallowed"),
        )
    return ctx


def _unidentified(p: Parse, pointer: str, parent: Element | None, member: str, cls: str, generated: str) -> str:
    """The id of a top-level element or an Interface without @id, which needs one: the one made for it, and a
    finding."""
    holder = parent.id if parent else ""
    if parent is None:
        p.report(codes.MISSING_ELEMENT_ID, "top-level Interface has no @id", pointer, parser_id="missingTopLevelId")
    elif cls == "Interface":
        p.report(
            codes.MISSING_ELEMENT_ID,
            f"{cls} in '{member}' of {parent.cls} {clip(holder)} needs an @id",
            pointer,
            holder,
            parser_id="missingRequiredId",
        )
    return generated or f"{holder}#{pointer}"


def read_elements(p: Parse, node: Element, spec: MemberSpec, value: object, pointer: str, ctx: Ctx) -> None:
    """An element-valued member: its inline elements and references (and, for schemas, schema terms)."""
    found = items(value, pointer) if isinstance(value, list) else [(value, pointer)]
    if not _counted(p, node, spec, found, pointer):
        return
    name = spec.name
    values: list[object] = []
    where = ""  # the pointer of the first value kept
    parts: tuple[str, str] | None = None  # of the ids made for inline elements, once per member
    for item, here in found:
        kept: object = None
        if isinstance(item, str):
            kept = reference(p, node, spec, item, here, ctx)
        elif isinstance(item, dict):
            if parts is None:
                base, _, version = node.id.rpartition(";")
                parts = (base, version) if base else (node.id, "1")
            kept = _inline(p, node, spec, item, here, ctx, *parts)
        else:
            p.report(
                codes.INVALID_REFERENCE,
                f"'{name}' takes an element or a DTMI, found {show_scalar(item)}",
                here,
                node,
                parser_id="refNotStringOrObject",
            )
        if kept is None:
            continue
        values.append(kept)
        where = where or here
        if type(kept) is str and kept.startswith("dtmi:"):
            node.references += ((name, kept, here),)
    keep(node, spec, values if spec.plural else values[0] if values else None, where)


def _counted(p: Parse, node: Element, spec: MemberSpec, found: list[tuple[object, str]], pointer: str) -> bool:
    """Report a number of values the member does not take; False when none of them is read then (none, or several
    where it takes one)."""
    name = spec.name
    if not found:
        if spec.required:
            p.report(
                codes.MISSING_MEMBER,
                f"{node.cls} has an empty '{name}'",
                pointer,
                node,
                parser_id="objectCountBelowMin",
            )
        return False
    if not spec.plural and len(found) > 1:
        p.report(
            codes.TOO_MANY_VALUES,
            f"'{name}' takes one value, found {len(found)}",
            pointer,
            node,
            parser_id="objectMultipleValues",
        )
        return False
    if (
        spec.max_count
        and len(found) > spec.max_count
        and (count := len({item if isinstance(item, str) else id(item) for item, _ in found})) > spec.max_count
    ):  # a DTMI twice is one value
        p.report(
            TOO_MANY.get(name, codes.TOO_MANY_ITEMS),
            f"'{name}' has {count} items; at most {spec.max_count} are allowed",
            pointer,
            node,
            parser_id="objectCountAboveMax",
        )
    if spec.min_count and len(found) < spec.min_count:
        p.report(
            codes.MISSING_MEMBER,
            f"'{name}' needs at least {spec.min_count} item",
            pointer,
            node,
            parser_id="objectCountBelowMin",
        )
    return True


def _inline(
    p: Parse, node: Element, spec: MemberSpec, item: dict, pointer: str, ctx: Ctx, base: str, version: str
) -> Element | None:
    """An element given inline in member `spec` of `node`; the id it takes without an @id is made from `base` and
    `version` (the parts of node's id)."""
    name = spec.name
    if "@value" in item and empty_value(item):
        p.report(
            codes.NOT_JSON_OBJECT if item["@value"] else codes.INVALID_REFERENCE,
            f"an object whose @value is an empty array is a value, not an element, in '{name}'",
            pointer,
            node,
            parser_id="notJsonObject" if item["@value"] else "refNotStringOrObject",
        )
        return None
    if len(item) == 1 and "@id" in item:
        p.report(
            codes.INVALID_REFERENCE,
            f"{{\"@id\": ...}} in '{name}' is not a reference; write the DTMI string itself",
            pointer,
            node,
            parser_id="idReference",
        )
        return None
    generated = plain_item_id(item, spec, base, version, node.language) if "@id" in item or not spec.needs_id else ""
    if generated:
        return read_element(p, item, pointer, node, name, spec.classes, generated, ctx)
    made = item_id(p, node, spec, item, pointer, base, version)
    if made is None:
        return None
    generated, nameless = made
    return read_element(p, item, pointer, node, name, spec.classes, generated, ctx, nameless=nameless)


def graph_id(value: object, otherwise: str) -> str:
    """The parser id of a @graph: a value that is no object (nor array of them) is "not an object"."""
    return otherwise if isinstance(value, (dict, list)) else "graphNotObject"
