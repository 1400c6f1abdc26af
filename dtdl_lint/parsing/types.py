"""@type: an element's class (from its @type and its position), its co-types (semantic types, extension types,
undefined ones), and what its co-types require of it (a unit of the right kind, a schema)."""

from __future__ import annotations

from .. import codes
from ..diagnostics import clip, join_pointer, json_kind, listing
from ..language import Extension, Language, MemberSpec, SchemaRule
from ..language.dtmi import is_dtmi
from ..model import Element
from .state import Ctx, Parse, choice, either, explicit_id

# Co-types that leave an element without a usable @type (parser id -> message): its members are not checked.
UNUSABLE_COTYPE = {
    "abstractSupplementalType": "'{t}' is abstract; name a semantic type such as Temperature",
    "typeInvalidDtmi": "co-type '{t}' is not a valid DTMI",
    "typeIrrelevantDtmiOrTerm": "co-type '{t}' means nothing for a {cls}",
    "typeNotDtmiNorTerm": "co-type '{t}' is neither a DTMI nor a term",
    "typeUndefinedTerm": "co-type '{t}' is not defined (is the extension that defines it in @context?)",
}
NO_CLASS: tuple[str, bool, list[str]] = ("", False, [])


def plain_class(raw: object, allowed: frozenset[str]) -> str:
    """The plain case of `element_class`: an @type that is one class, as a term, that fits the position; else ""."""
    return raw if type(raw) is str and raw in allowed else ""


def element_class(
    p: Parse,
    obj: dict,
    raw: object,
    pointer: str,
    parent: Element | None,
    member: str,
    allowed: frozenset[str],
    ctx: Ctx,
    top: bool,
) -> tuple[str, bool, list[str]]:
    """(class, inferred?, co-type strings) of an element whose @type is `raw`, placed where the `allowed` classes
    may go, or ("", ...) after reporting why it has none."""
    language = ctx.language
    implied = implied_class(language, allowed)
    if raw is None and implied and "@type" not in obj:
        return implied, True, []  # the class the position implies
    where = parent.id if parent else explicit_id(obj)
    place = f"'{member}' of {parent.cls} {clip(parent.id)}" if parent else "the top level"
    if raw is None and "@type" not in obj:
        if top:
            p.report(
                codes.NOT_AN_INTERFACE,
                'top-level element has no @type; it must be "@type": "Interface"',
                pointer,
                where,
            )
        else:
            p.report(codes.WRONG_TYPE, f"element in {place} has no @type; expected {choice(allowed)}", pointer, where)
        return NO_CLASS
    found = raw if isinstance(raw, list) else [raw]
    here = join_pointer(pointer, "@type")
    types = [t for t in found if isinstance(t, str)]
    if not types or len(types) != len(found):
        code = codes.NOT_AN_INTERFACE if top else codes.WRONG_TYPE
        p.report(code, f"@type must be a string or an array of strings, found {json_kind(raw)}", here, where)
        return NO_CLASS
    materials, cotypes = _classes(p, language, types, here, where)
    if _misfit(p, ctx, types, materials, cotypes, allowed, top, here, where, place):
        return NO_CLASS
    return materials[0], False, cotypes


def _misfit(
    p: Parse,
    ctx: Ctx,
    types: list[str],
    materials: list[str],
    cotypes: list[str],
    allowed: frozenset[str],
    top: bool,
    here: str,
    where: str,
    place: str,
) -> bool:
    """Report why the classes an @type names give the element no class here (none, several, one that does not fit
    the position, a co-type that makes it unusable); False if they give it one."""
    language = ctx.language
    # Every class named in @type must fit the position (at the top level any concrete class does, and
    # rootability is checked after); only then are two classes "several material types".
    if top and not language.top_level.intersection(materials):
        found = f"class {materials[0]}" if materials else f"no class ({listing(map(str, types))})"
        p.report(codes.NOT_AN_INTERFACE, f"top-level element must be an Interface, found {found}", here, where)
        return True
    position = allowed | language.concrete_classes if top else allowed
    misfits = [c for c in materials if c not in position]
    unusable = [(t, problem) for t in cotypes if (problem := unusable_cotype(t, ctx))]
    if unusable and len(materials) != 1 and not misfits:  # these come before "no class" or "several classes"
        for t, problem in unusable:
            p.report(
                codes.INVALID_COTYPE,
                UNUSABLE_COTYPE[problem].format(t=clip(t), cls="class-less element"),
                here,
                where,
                parser_id=problem,
            )
        return True
    if len(materials) > 1 and not misfits:
        p.report(codes.MULTIPLE_CLASSES, f"@type names several classes: {', '.join(materials)}", here, where)
        return True
    if misfits or not materials or materials[0] not in allowed:
        _wrong_class(p, language, types, materials, misfits, allowed, here, where, place)
        return True
    return False


def _wrong_class(
    p: Parse,
    language: Language,
    types: list[str],
    materials: list[str],
    misfits: list[str],
    allowed: frozenset[str],
    here: str,
    where: str,
    place: str,
) -> None:
    implied = implied_class(language, allowed)
    if not materials and implied:
        p.report(codes.WRONG_TYPE, f"@type of the element in {place} must include {implied}", here, where)
    else:
        found = f"class {(misfits or materials)[0]}" if materials else f"no class ({listing(map(str, types))})"
        p.report(codes.WRONG_TYPE, f"element in {place} is {found}; expected {choice(allowed)}", here, where)


def _classes(p: Parse, language: Language, types: list[str], here: str, where: str) -> tuple[list[str], list[str]]:
    """The classes @type names (each once) and its other strings, the co-types."""
    materials: list[str] = []
    cotypes: list[str] = []
    class_by_spelling = language.terms["class"]
    for t in types:
        cls = class_by_spelling.get(t) or language.other_class_by_spelling.get(t)
        if cls is None:
            cotypes.append(t)
            continue
        if cls in materials:
            p.report(codes.REDUNDANT_TYPE, f"@type gives class {cls} twice", here, where)
        else:
            materials.append(cls)
        if t != cls:
            p.report(codes.PREFER_TERM, f"write the class as \"{cls}\" rather than '{clip(t)}'", here, where)
    return materials, cotypes


def implied_class(language: Language, allowed: frozenset[str]) -> str:
    """The class a position implies when an element there has no @type, or ""."""
    if len(allowed) == 1:
        (cls,) = allowed
        spec = language.classes.get(cls)
        if spec is not None and spec.type_optional:
            return cls
    return ""


def read_cotypes(p: Parse, node: Element, pointer: str, cotypes: list[str], ctx: Ctx) -> bool:
    """Semantic, extension and undefined co-types of an element. False if one of them leaves the element
    without a usable @type (an invalid DTMI, an irrelevant term, an abstract type): like the official
    parser, its members are then not checked."""
    here = join_pointer(pointer, "@type")
    language = ctx.language
    semantic_types = language.terms["semantic type"]
    usable = True
    semantic: list[str] = []
    adjuncts: list[tuple[str, Extension]] = []
    informal = False
    for t in cotypes:
        adjunct, owner = ctx.extension_cotype(t) or ("", None)
        extended = owner is not None and owner.semantic
        if extended or t in semantic_types:
            term = adjunct if extended else semantic_types[t]  # (v3: of QuantitativeTypes)
            if term in semantic:
                p.report(codes.REDUNDANT_TYPE, f"@type gives semantic type {term} twice", here, node)
                continue
            semantic.append(term)
            if t != term and not extended:
                p.report(
                    codes.PREFER_TERM, f"write the semantic type as \"{term}\" rather than '{clip(t)}'", here, node
                )
        elif owner is not None:
            adjuncts.append((adjunct, owner))
        elif problem := unusable_cotype(t, ctx):
            p.report(
                codes.INVALID_COTYPE,
                UNUSABLE_COTYPE[problem].format(t=clip(t), cls=node.cls),
                here,
                node,
                parser_id=problem,
            )
            usable = False
        elif t in language.reserved or t.startswith("dtmi:"):
            informal = True  # a reserved term or DTMI under an undefined extension context may be its type
        elif ctx.layering and t == "Layer":
            continue  # the layer's fragment @id is what v2 rejects
        elif ctx.v3ext and ":" not in t:
            p.report(
                codes.COTYPE_NOT_ALLOWED,
                f"co-type '{clip(t)}' belongs to {language.feature_label} and cannot be used in {language.label}",
                here,
                node,
                parser_id="invalidCotypeVersion" if node.cls in language.feature_cotype_classes else "invalidCotype",
            )
        else:
            informal = True
    if not usable and language.closed:
        semantic, adjuncts = [], []  # (DTDL v3: an unusable co-type is all that is said about the others)
    semantic, kept = _placed(p, node, here, semantic, adjuncts)
    if semantic:
        node.semantic_type = semantic[0]
    if kept:
        node.adjuncts = tuple(kept)
    node.cotypes = tuple(cotypes)
    if informal:
        node.informal = True
    return usable


def _placed(
    p: Parse, node: Element, here: str, semantic: list[str], found: list[tuple[str, Extension]]
) -> tuple[list[str], list[str]]:
    """The semantic and extension types (each with the extension, of the version, that defines it) an element
    keeps: those its class may have, and one at most that adds a unit."""
    language = node.language
    if semantic and node.cls not in language.semantic_type_classes:
        p.report(
            codes.COTYPE_NOT_ALLOWED,
            f"semantic type {semantic[0]} can only be given to a {either(language.semantic_type_classes)}, "
            f"not to a {node.cls}",
            here,
            node,
            parser_id="invalidCotype",
        )
        semantic = []
    fitting: list[tuple[str, Extension]] = []
    for adjunct, extension in found:
        classes = extension.classes_of(adjunct)
        if node.cls in classes:
            if language.version not in extension.versions:
                p.report(
                    codes.COTYPE_NOT_ALLOWED,
                    f"{extension.label} type {adjunct} cannot be used in {language.label}",
                    here,
                    node,
                    parser_id="invalidCotypeVersion",
                )
                continue
            fitting.append((adjunct, extension))
            continue
        p.report(
            codes.COTYPE_NOT_ALLOWED,
            f"{extension.label} type {adjunct} can only be given to a {either(classes)}, not to a {node.cls}",
            here,
            node,
            parser_id="invalidCotype",
        )
        if not language.closed:
            break  # (DTDL v2: the first is reported, and the element keeps none)
    adjuncts = [adjunct for adjunct, _ in fitting]
    for adjunct, extension in fitting:
        needed = extension.cocotypes.get(adjunct)
        if needed is not None and needed not in adjuncts:
            p.report(
                codes.MISSING_COTYPE,
                f"{adjunct} needs the co-type {needed} beside it",
                here,
                node,
                parser_id="missingCocotype",
            )
    unit_adders = semantic + [a for a in adjuncts if a in language.unit_types]
    if len(unit_adders) > 1:
        p.report(
            codes.CONFLICTING_SEMANTIC_TYPES,
            f"{node.cls} has several types that add a unit: {', '.join(unit_adders)}",
            here,
            node,
        )
        semantic = []
        adjuncts = [a for a in adjuncts if a not in language.unit_types]
    return semantic, adjuncts


def unusable_cotype(t: str, ctx: Ctx) -> str:
    """The parser id of a co-type (no class) that makes the element's @type unusable, "" if it is usable."""
    language = ctx.language
    if t in language.terms["semantic type"] or ctx.extension_type(t) is not None:
        return ""
    if language.terms["abstract class"].get(t) in language.abstract_supplemental:
        return "abstractSupplementalType"
    if t.startswith("dtmi:") and not is_dtmi(t):
        return "typeInvalidDtmi"
    if language.closed and ":" in t and not t.startswith("dtmi:"):
        return "typeNotDtmiNorTerm"  # (whether the context is complete or not)
    if ctx.undefined:
        return ""  # an informal co-type
    if t in language.reserved or t.startswith("dtmi:") or (language.closed and ctx.is_term(t)):
        return "typeIrrelevantDtmiOrTerm"
    if language.closed:
        return "typeUndefinedTerm"
    return ""


def supplemental(node: Element, name: str | None) -> MemberSpec | None:
    """The member that a co-type adds to its element: `unit`, which semantic types (and extension types with a unit
    type) add to Property and Telemetry."""
    language = node.language
    if name == language.unit.name and (node.semantic_type or any(a in language.unit_types for a in node.adjuncts)):
        return language.unit
    return None


def adds_unit(language: Language, cotypes: tuple[str, ...]) -> bool:
    """Is one of these co-types (as written, whatever the context) a semantic type or an extension type with a unit?
    (Then the finding about the co-type covers the unit.)"""
    for t in cotypes:
        if t in language.terms["semantic type"]:
            return True
        extension = next((e for e in language.extensions if t in e.types), None)
        if extension is not None and extension.types[t] in language.unit_types:
            return True
    return False


def unit_type(node: Element) -> str:
    """The unit type of the unit an element's semantic type (or extension type) requires."""
    unit_types = node.language.unit_types
    return unit_types.get(node.semantic_type) or next((unit_types[a] for a in node.adjuncts if a in unit_types), "")


def cotype_constraints(p: Parse, node: Element, pointer: str) -> None:
    """The unit and schema a semantic or extension type demands (references are checked in modelcheck)."""
    language = node.language
    if language.unit.name in node.where:
        unit, here = getattr(node, language.unit.attribute), node.where[language.unit.name]
        kind = unit_type(node)
        units = language.units_of[kind]
        if unit not in units:
            p.report(
                codes.INVALID_UNIT,
                f"unit {unit} is not a {kind} (one of {', '.join(sorted(units))})",
                here,
                node,
                parser_id=language.wrong_unit_id,
            )
    if not (node.semantic_type or node.adjuncts) or "schema" not in node.where:
        return
    schema = getattr(node, "schema", None)
    here = node.where["schema"] or pointer
    if node.semantic_type and schema not in language.numeric_schemas:
        p.report(
            codes.SCHEMA_NOT_FOR_COTYPE,
            f"{node.cls} with semantic type {node.semantic_type} needs schema "
            f"{choice(language.numeric_schemas)}, found {_schema_name(schema)}",
            here,
            node,
            parser_id="notRequiredType",
        )
    for adjunct in node.adjuncts:
        rule = language.schema_rules.get(adjunct)
        if rule is not None and not _meets(rule, schema):
            p.report(
                codes.SCHEMA_NOT_FOR_COTYPE,
                f"{node.cls} of {language.extension_of_cotype[adjunct].label} type {adjunct} needs {rule.needs}, "
                f"found {_schema_name(schema)}",
                here,
                node,
                parser_id=rule.parser_id,
            )


def _meets(rule: SchemaRule, schema: object) -> bool:
    """Does the schema of an element meet what its co-type requires? (A reference is resolved in modelcheck.)"""
    if isinstance(schema, Element):
        return schema.cls in rule.classes
    if isinstance(schema, str):
        return schema.startswith("dtmi:") or schema in rule.terms
    return rule.absent


def _schema_name(schema: object) -> str:
    if isinstance(schema, Element):
        return f"an inline {schema.cls}"
    return f"'{clip(schema)}'" if isinstance(schema, str) else "nothing"
