"""The members of an element: each key of its object is matched to a member of its class (in any spelling) and its
value read by the reader of the member's kind (`Parse.readers`, after its plain case, `Parse.plain`); then the
checks over the element's members as a whole (required members, what its co-types require)."""

from __future__ import annotations

from collections.abc import Callable

from .. import codes
from ..diagnostics import clip, join_pointer, show_scalar
from ..language import ClassSpec, MemberSpec
from ..language.dtmi import is_dtmi
from ..model import Element, EnumValue, label
from .literals import is_kind
from .state import Ctx, Parse
from .types import adds_unit, cotype_constraints, supplemental

MISSING_ADDED = {"unit": "missingSupplementalObjectProperty", "term": "missingSupplementalIdentifierProperty"}
KEYWORDS = frozenset(["@context", "@id", "@type", "@graph"])  # read with the element, not as members


def read_members(p: Parse, node: Element, obj: dict, pointer: str, ctx: Ctx, inferred: bool, nameless: bool) -> None:
    """Read the members of the element `node` from its object `obj`. `inferred`: its class comes from its position;
    `nameless`: it has no name, and that was reported already."""
    language = ctx.language
    spec_of_class = language.classes[node.cls]
    spellings = spec_of_class.spellings
    readers, plain_cases = p.readers, p.plain
    seen: dict[str, str] = {}  # member -> the key that gave it
    spelled: set[str] = set()  # the members given that the class does not have
    twice = False  # a member given twice, in any spelling (allowed here or not)
    for key, value in obj.items():
        spec = spellings.get(key)
        if spec is not None:  # a member of the class (all its spellings come this way)
            here = f"{pointer}/{key}"  # no spelling of a member holds '~' or '/'
            if spec.name in seen:
                twice = True
                _duplicate(p, node, spec.name, seen[spec.name], key, here)
                continue
        elif key in KEYWORDS:
            continue
        else:
            here = join_pointer(pointer, key)
            spec, repeated = _other(p, node, key, here, seen, spelled, inferred, ctx)
            twice = twice or repeated
            if spec is None:
                continue
        name = spec.name
        seen[name] = key
        if key != name:
            p.report(codes.PREFER_TERM, f"write the member as \"{name}\" rather than '{key}'", here, node)
        plain = plain_cases.get(spec.kind)
        if plain is None or not plain(spec, value, node, here):
            readers[spec.kind](p, node, spec, value, here, ctx)
    _whole(p, node, spec_of_class, seen, pointer, twice, nameless)


def _other(
    p: Parse,
    node: Element,
    key: str,
    here: str,
    seen: dict[str, str],
    spelled: set[str],
    inferred: bool,
    ctx: Ctx,
) -> tuple[MemberSpec | None, bool]:
    """(the spec of a key that is no member of the element's class: a member its co-types add, or None after a
    finding; whether it gives a member twice)."""
    language = node.language
    if key[:1] == "@":
        if language.restricted_keywords:
            if node.parent is not None:  # (at the top level: with the document, parsing.top_keywords)
                p.report(
                    codes.KEYWORD_NOT_ALLOWED,
                    f"{clip(key)} is not allowed on a {node.cls} in {language.label}",
                    here,
                    node,
                    parser_id="keywordDisallowed",
                )
        else:
            p.report(
                codes.EXTRA_KEYWORD, f"{clip(key)} on a {node.cls} is tolerated by {language.label} only", here, node
            )
        return None, False
    added = adjunct_member(node, key, ctx)
    if added is not None:
        if added.name in seen:
            _duplicate(p, node, added.name, seen[added.name], key, here)
            return None, True
        return added, False
    name = ctx.member_name(key)
    twice = name in spelled
    if twice and name is not None and name in seen:
        _duplicate(p, node, name, seen[name], key, here)
        return None, True
    if name is not None:
        spelled.add(name)
    spec = supplemental(node, name)
    if spec is not None:
        return spec, twice
    if language.closed and ":" in key and not (key.startswith("dtmi:") and language.dtmi.is_valid(key)):
        p.report(  # (informally co-typed or not)
            codes.MEMBER_NOT_ALLOWED,
            f"{_member_kind(key)} '{clip(key)}' is not allowed on {label(node)}",
            here,
            node,
            parser_id="propertyInvalidDtmi" if key.startswith("dtmi:") else "propertyNotDtmiNorTerm",
        )
        return None, twice
    if node.informal or (name == language.unit.name and adds_unit(language, node.cotypes)):
        return None, twice  # the co-type finding covers a unit of a semantic type that does not apply
    misfits = {ctx.extension_type(t) for t in node.cotypes} - {None, *node.adjuncts}
    if any(key in language.cotype_members.get(misfit or "", ()) for misfit in misfits):
        return None, twice  # ... and a member of an extension co-type that does not fit
    what = "member" if name else _member_kind(key)
    parser_id = _closed_member(key, name, ctx) if language.closed else ""
    p.report(
        codes.MEMBER_NOT_ALLOWED,
        f"{what} '{clip(key)}' is not allowed on {label(node)}",
        here,
        node,
        parser_id=parser_id or ("inferredTypeDoesNotAllow" if inferred else "noTypeThatAllows"),
    )
    return None, twice


def _closed_member(key: str, name: str | None, ctx: Ctx) -> str:
    """The parser id of a member that is neither of the element's class nor of its co-types, in a language where
    only an undefined extension context opens an element to other members ("": as in an open one)."""
    if name is not None or ctx.is_term(key) or (key.startswith("dtmi:") and ctx.language.dtmi.is_valid(key)):
        return "" if ctx.undefined else "propertyIrrelevantDtmiOrTerm"
    if key.startswith("dtmi:"):
        return "propertyInvalidDtmi"
    if ":" in key:
        return "propertyNotDtmiNorTerm"
    return "" if ctx.undefined else "propertyUndefinedTerm"


def adjunct_member(node: Element, key: str, ctx: Ctx) -> MemberSpec | None:
    """The member an extension co-type of the element adds, spelled `key`: by its DTMI, or by its term where the
    extension's context is active."""
    for extension in node.language.extensions:
        if extension not in ctx.extensions and not key.startswith("dtmi:"):
            continue
        for adjunct in node.adjuncts:
            spec = extension.members.get(adjunct, {}).get(key)
            if spec is not None:
                return spec
    return None


def _whole(
    p: Parse, node: Element, spec: ClassSpec, seen: dict[str, str], pointer: str, twice: bool, nameless: bool
) -> None:
    """The checks over an element's members as a whole: the required ones, what its co-types require, and its
    class's own (CLASS_CHECKS)."""
    for member in spec.required:
        if member.name not in seen and not (member.kind == "name" and nameless):
            kind = "missingLiteralProperty" if member.kind in ("name", "literal") else "missingObjectProperty"
            p.report(codes.MISSING_MEMBER, f"{label(node)} has no '{member.name}'", pointer, node, parser_id=kind)
    for adjunct in node.adjuncts:
        for added in {s.name: s for s in node.language.cotype_members.get(adjunct, {}).values()}.values():
            if added.required and added.name not in seen:
                p.report(
                    codes.MISSING_MEMBER,
                    f"{label(node)} of type {adjunct} needs '{added.name}'",
                    pointer,
                    node,
                    parser_id=MISSING_ADDED.get(added.kind, "missingSupplementalLiteralProperty"),
                )
    unit = node.language.unit.name
    if node.semantic_type and unit not in seen:
        p.report(
            codes.MISSING_MEMBER,
            f"{label(node)} with semantic type {node.semantic_type} needs a unit",
            pointer,
            node,
            parser_id="missingSupplementalObjectProperty",
        )
    if not twice and (node.semantic_type or node.adjuncts or unit in node.where):
        cotype_constraints(p, node, pointer)  # not when a member is given twice (the official parser stops)
    check = CLASS_CHECKS.get(node.cls)
    if check is not None:
        check(p, node)


def _duplicate(p: Parse, node: Element, name: str, first: str, key: str, pointer: str) -> None:
    p.report(codes.DUPLICATE_MEMBER, f"member '{name}' is given twice ('{first}' and '{key}')", pointer, node)


def enum_values(p: Parse, enum: Element) -> None:
    """Each enumValue has the Enum's valueSchema datatype."""
    value_schema = getattr(enum, "value_schema", None)
    if value_schema not in ("integer", "string"):
        return
    for child in getattr(enum, "enum_values", ()):
        if not isinstance(child, EnumValue) or child.enum_value is None:
            continue
        value, here = child.enum_value, child.where["enumValue"]
        if not is_kind(value, value_schema):
            p.report(
                codes.ENUM_VALUE_TYPE,
                f"enumValue {show_scalar(value)} of {clip(child.id)} is not of the Enum's valueSchema {value_schema}",
                here,
                child,
                parser_id="nonConformantDatatype",
            )


CLASS_CHECKS: dict[str, Callable[[Parse, Element], None]] = {"Enum": enum_values}  # class -> its check over members


def _member_kind(key: str) -> str:
    if key.startswith("dtmi:"):
        return "member" if is_dtmi(key) else "malformed DTMI member"
    return "IRI member" if ":" in key else "undefined member"
