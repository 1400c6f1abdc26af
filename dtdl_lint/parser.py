"""JSON documents -> DTDL elements (`Node`s, later the objects of model.py), with the element-level findings.

One `_Parser` per source walks each document top-down. Every element is read with the Language of its DTDL
version (language/, chosen by its @context). An element's class comes from its @type and its position (the
member holding it); its members are checked against the class's table (`Language.classes`), both spellings
of every reserved term accepted. What needs the whole model set (references, inheritance, name
clashes through extends, depth and cycles) is left to modelcheck.py, which works on the `Node`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import codes
from .diagnostics import Code, clip, join_pointer, json_kind, listing, quote
from .language import (
    DEFAULT,
    DTDL_CONTEXT_PREFIX,
    INT32,
    LANGUAGES,
    UNCHECKED_VERSIONS,
    Extension,
    Language,
    MemberSpec,
    SchemaRule,
    language_of,
)
from .language.dtmi import is_dtmi
from .modelset import ModelSet
from .source import Source

# Co-types that leave an element without a usable @type (parser id -> message): its members are not checked.
UNUSABLE_COTYPE = {
    "abstractSupplementalType": "'{t}' is abstract; name a semantic type such as Temperature",
    "typeInvalidDtmi": "co-type '{t}' is not a valid DTMI",
    "typeIrrelevantDtmiOrTerm": "co-type '{t}' means nothing for a {cls}",
}
XSD = "http://www.w3.org/2001/XMLSchema#"
LANGUAGE_TAG = re.compile(r"[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?")  # BCP 47, as DTDL takes it
MAX_ELEMENT_DEPTH = 100  # far beyond any valid model (schemas nest at most 5 deep); keeps the walk off the stack limit
KNOWN_VERSIONS = frozenset(str(version) for version in (*LANGUAGES, *UNCHECKED_VERSIONS))  # of DTDL contexts


_TEXT_KINDS = frozenset(["name", "string", "literal"])  # literal kinds a string always is
_KEYWORDS = frozenset(["@context", "@id", "@type", "@graph"])  # read by `element`, not members


@lru_cache(maxsize=256)
def is_language_tag(tag: str) -> bool:
    """A BCP 47 tag of the shape DTDL accepts (en, de-DE, zh-Hans-CN); a model uses a few, again and again."""
    return LANGUAGE_TAG.fullmatch(tag) is not None


def utf16_length(text: str) -> int:
    """Length as .NET counts it (UTF-16 code units)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


class Node:
    """One DTDL element as parsed: its class, id, place, and its member values.

    `members` maps a canonical member name to a list of (value, pointer) where value is a Node (inline
    element), a DTMI string (reference) or a term (primitive schema, unit, choice), or a literal. (A plain
    class: about 2,000 are made for a model set like the building ontology, and a dataclass's keyword
    matching was a tenth of the parse.)
    """

    __slots__ = (
        "adjuncts",
        "cls",
        "cotypes",
        "depth",
        "explicit_id",
        "id",
        "informal",
        "language",
        "members",
        "parent",
        "partition",
        "pointer",
        "semantic",
        "source",
    )

    def __init__(
        self,
        id: str,
        cls: str,
        source: str,
        pointer: str,
        parent: Node | None,
        partition: str,
        explicit_id: bool,
        depth: int,
        language: Language,
    ) -> None:
        self.id = id
        self.cls = cls
        self.source = source
        self.pointer = pointer
        self.parent = parent
        self.partition = partition  # @id of the Interface or top-level element whose partition holds it
        self.explicit_id = explicit_id
        self.depth = depth  # element nesting depth in its document
        self.language = language  # the DTDL version it is checked as
        self.members: dict[str, list] = {}
        self.semantic = ""  # semantic type term
        self.adjuncts: tuple[str, ...] = ()  # IoT Central types
        self.cotypes: tuple[str, ...] = ()  # every co-type as written, beyond the class
        self.informal = False  # has an undefined co-type: open to extra members

    def __repr__(self) -> str:
        return f"Node({self.cls} {self.id} at {self.source}#{self.pointer})"

    def first(self, member: str):
        values = self.members.get(member)
        return values[0][0] if values else None


@dataclass(frozen=True, slots=True)
class Ctx:
    """The active context of an element: its language (DTDL version) and which extensions are in scope."""

    language: Language
    extensions: frozenset[Extension] = frozenset()
    undefined: bool = False  # an undefined extension context is active
    v3ext: bool = False  # a later version's feature extension context is active (its types never fit)
    layering: bool = False  # the layering extension: partial definitions under fragment ids (invalid in v2)

    def extension_type(self, spelling: str) -> str | None:
        """The extension co-type `spelling` names here: an extension's DTMIs are understood anywhere, its terms only
        where its context is active."""
        for extension in self.language.extensions:
            term = extension.types.get(spelling)
            if term is not None and (extension in self.extensions or spelling.startswith("dtmi:")):
                return term
        return None

    def extension_schema(self, spelling: str) -> str | None:
        """The extension schema `spelling` names here (as extension_type)."""
        for extension in self.language.extensions:
            term = extension.schemas.get(spelling)
            if term is not None and (extension in self.extensions or spelling.startswith("dtmi:")):
                return term
        return None


_PLAIN = {version: Ctx(language) for version, language in LANGUAGES.items()}  # no extension in scope
_PLAIN_CONTEXTS = {ctx.language.context: ctx for ctx in _PLAIN.values()}


def parse(source: Source, models: ModelSet, *, extensions: str = "allow") -> None:
    """Add the elements of one parsed source to `models` (`models.nodes`), and the findings about them."""
    parser = _Parser(source, models, extensions == "disallow")
    data = source.data
    documents = data if isinstance(data, list) else [data]
    for index, document in enumerate(documents):
        pointer = join_pointer("", index) if isinstance(data, list) else ""
        try:
            parser.document(document, pointer)
        except RecursionError:
            parser.report(codes.NESTING_TOO_DEEP, "elements are nested too deeply to be checked", pointer)


class _Parser:
    def __init__(self, source: Source, models: ModelSet, strict: bool) -> None:
        self.file = source.name
        self.models = models
        self.strict = strict

    def report(
        self, code: Code, message: str, pointer: str, node: Node | str | None = None, parser_id: str | None = None
    ) -> None:
        dtmi_ = node.id if isinstance(node, Node) else (node or "")
        self.models.diagnostics.append(code(message, file=self.file, pointer=pointer, dtmi=dtmi_, parser_id=parser_id))

    # --- documents and contexts ---------------------------------------------------------------------------

    def document(self, document: object, pointer: str) -> None:
        if not isinstance(document, dict) or _empty_value(document):
            found = "a value object (empty @value array)" if isinstance(document, dict) else json_kind(document)
            self.report(codes.NOT_JSON_OBJECT, f"expected a JSON object (an Interface), found {found}", pointer)
            return
        context = document.get("@context")
        ctx = _PLAIN_CONTEXTS.get(context) if context.__class__ is str else None  # the plain case: one DTDL context
        if ctx is None:
            ctx = self.top_context(document, context, pointer)
            if ctx is None:
                return
        if "@graph" in document:
            self.report(
                codes.GRAPH_KEYWORD,
                "@graph is not allowed; give each Interface as a JSON object (a document may be an array of them)",
                join_pointer(pointer, "@graph"),
                parser_id=_graph_id(document["@graph"], "topLevelGraphDisallowed"),
            )
            return
        self.element(document, pointer, None, "", ctx.language.top_level, "", ctx, top=True)

    def top_context(self, document: dict, context: object, pointer: str) -> Ctx | None:
        """The context of a top-level element from its @context; None (and a finding) when it has none, or one
        that is unusable, or one of a DTDL version that is not checked."""
        version = dtdl_version(context)
        if version in UNCHECKED_VERSIONS:
            checked = ", ".join(f"v{v}" for v in LANGUAGES)
            self.report(
                codes.UNSUPPORTED_VERSION,
                f"this document is DTDL v{version}; dtdl-lint checks DTDL {checked} only, so it is not checked",
                join_pointer(pointer, "@context"),
            )
            self.register_foreign(document, pointer, version)
            return None
        language = language_of(version) or DEFAULT
        if "@context" not in document:
            self.report(
                codes.MISSING_CONTEXT,
                f'top-level element has no @context; add "@context": "{language.context}"',
                pointer,
                _explicit_id(document),
                parser_id="missingContext",
            )
            self.register_foreign(document, pointer, 0)
            return None
        found = self.context(context, pointer, _PLAIN[language.version], top=True, where=_explicit_id(document))
        if found is None:
            self.register_foreign(document, pointer, 0)
        return found

    def register_foreign(self, document: dict, pointer: str, version: int) -> None:
        """An Interface not checked as DTDL v2 (version 3 or 4, or 0 when its @context is unusable): known by id,
        so references to it say 'other version' or nothing, rather than 'undefined'."""
        ident = document.get("@id")
        if isinstance(ident, str):
            node = Node(ident, "Interface", self.file, pointer, None, ident, True, 0, DEFAULT)
            node.members["@version"] = [(version, pointer)]
            self.models.nodes.append(node)

    def context(self, value: object, element: str, outer: Ctx, *, top: bool, where: str = "") -> Ctx | None:
        """The active context after the @context of the element at `element`; None (and a finding) when a
        top-level one is unusable."""
        language = outer.language
        if value == language.context:
            return outer  # the plain case: it changes nothing and has nothing to report
        pointer = join_pointer(element, "@context")
        values = value if isinstance(value, list) else [value]
        first = values[0] if values else None
        if top and (
            isinstance(first, dict)
            or (
                isinstance(first, str)
                and first not in language.extension_by_context
                and not first.startswith(DTDL_CONTEXT_PREFIX)
            )
        ):
            self.report(
                codes.MISSING_CONTEXT,
                f'the first value of a top-level @context must be "{language.context}", found {_show(first)}',
                pointer,
                where,
                parser_id="missingDtdlContext",
            )
            return None
        if not isinstance(value, (str, list)):
            self.report(
                codes.INVALID_CONTEXT,
                f"@context must be a string or an array of strings, found {json_kind(value)}",
                pointer,
                where,
                parser_id="disallowedLocalContext" if isinstance(value, dict) else "invalidContext",
            )
            return None if top else outer
        if top and not values:
            self.report(
                codes.MISSING_CONTEXT,
                f'@context is empty; it must include "{language.context}"',
                pointer,
                where,
                parser_id="emptyContext",
            )
            return None
        active, undefined, v3ext, layering = set(outer.extensions), outer.undefined, outer.v3ext, outer.layering
        ok = True
        dtdl_at = affiliate_at = -1
        follows = ""
        last_dtdl = _last_dtdl_context(values)
        seen: set[str] = set()
        for index, item in enumerate(values):
            here = join_pointer(pointer, index) if isinstance(value, list) else pointer
            if isinstance(item, dict):
                last = index == len(values) - 1
                self.report(
                    codes.INVALID_CONTEXT,
                    f"local context definitions (objects in @context) are not allowed in {language.label}",
                    here,
                    where,
                    parser_id="disallowedLocalContext" if last else "localContextNotLast",
                )
                ok = False
                continue
            if not isinstance(item, str):
                self.report(
                    codes.INVALID_CONTEXT,
                    f"@context values must be strings, found {json_kind(item)}",
                    here,
                    where,
                    parser_id="invalidContext",
                )
                ok = False
                continue
            problem = _context_problem(item, language)
            if problem:
                self.report(
                    codes.INVALID_CONTEXT,
                    f"@context value '{clip(item)}' {problem[1]}",
                    here,
                    where,
                    parser_id=problem[0],
                )
                ok = False
                continue
            if item in seen:
                self.report(codes.CONTEXT_HYGIENE, f"@context lists '{clip(item)}' twice", here, where)
            seen.add(item)
            base, _, ver = item.rpartition(";")
            if base == DTDL_CONTEXT_PREFIX[:-1]:
                if affiliate_at >= 0 and not follows:
                    follows = here
                own = ver == str(language.version)
                if own or (ver in KNOWN_VERSIONS and index != last_dtdl):  # only the last DTDL context counts
                    if dtdl_at >= 0:
                        self.report(
                            codes.CONTEXT_HYGIENE, "@context lists the DTDL context more than once", here, where
                        )
                    dtdl_at = index if dtdl_at < 0 else dtdl_at
                elif ver in KNOWN_VERSIONS:
                    self.report(
                        codes.MIXED_VERSION,
                        f"an element of a {language.label} document may not be defined with '{clip(item)}'",
                        here,
                        where,
                        parser_id="disallowedVersionDefinition",
                    )
                    ok = False
                else:
                    self.report(
                        codes.INVALID_CONTEXT,
                        f"'{clip(item)}' is not a DTDL version (use \"{language.context}\")",
                        here,
                        where,
                        parser_id="unrecognizedContextVersion",
                    )
                    ok = False
                continue
            extension = language.extension_by_context.get(item)
            if extension is not None:
                active.add(extension)
                if dtdl_at < 0:
                    self.report(
                        codes.CONTEXT_HYGIENE, f"put \"{language.context}\" before '{extension.context}'", here, where
                    )
                elif affiliate_at < 0:
                    affiliate_at = index  # the IoT Central context is an affiliate once a DTDL context came
                continue
            if affiliate_at < 0:
                affiliate_at = index
            if base.startswith(language.feature_contexts) and ver in language.feature_versions:
                layering = layering or base == language.layering_context
                v3ext = True
                continue
            other = language.extension_by_base.get(base)  # another version of a known extension
            if other is not None:
                active.discard(other)
            undefined = True
            if self.strict:
                self.report(
                    codes.UNDEFINED_EXTENSION,
                    f"@context value '{clip(item)}' is not a known extension",
                    here,
                    where,
                    parser_id="unresolvableContextVersion" if other is not None else "unresolvableContextSpecifier",
                )
        if ok and follows:
            self.report(
                codes.INVALID_CONTEXT,
                "a DTDL context comes after an extension context; DTDL contexts come first",
                follows,
                where,
                parser_id="dtdlContextFollowsAffiliate",
            )
            ok = False
        if not ok:
            return None if top else outer
        if top and dtdl_at < 0:
            self.report(
                codes.MISSING_CONTEXT,
                f'@context must include "{language.context}"',
                pointer,
                where,
                parser_id="missingDtdlContext",
            )
            return None
        return Ctx(language, frozenset(active), undefined, v3ext, layering)

    # --- elements ------------------------------------------------------------------------------------------

    def element(
        self,
        obj: dict,
        pointer: str,
        parent: Node | None,
        member: str,
        allowed: frozenset[str],
        generated: str,
        ctx: Ctx,
        *,
        top: bool = False,
        nameless: bool = False,
    ) -> Node | None:
        """Check one element object placed where `allowed` classes may go; its Node, or None if it has no
        usable class."""
        holder = parent.id if parent else ""
        depth = parent.depth + 1 if parent else 0
        if depth > MAX_ELEMENT_DEPTH:
            self.report(
                codes.NESTING_TOO_DEEP,
                f"elements are nested more than {MAX_ELEMENT_DEPTH} deep here; the rest of this branch is not checked",
                pointer,
                holder,
            )
            return None
        if not top and "@context" in obj:
            ctx = self.context(obj["@context"], pointer, ctx, top=False, where=_explicit_id(obj) or generated)
        if not top and "@graph" in obj:
            self.report(
                codes.GRAPH_KEYWORD,
                "@graph is not allowed in a DTDL element",
                join_pointer(pointer, "@graph"),
                holder,
                parser_id=_graph_id(obj["@graph"], "graphDisallowed"),
            )
        raw = obj.get("@type")
        if raw.__class__ is str and raw in allowed and (not top or raw == "Interface"):
            cls, inferred, cotypes = raw, False, ()  # the plain case: one class, as a term, that fits the position
        else:
            cls, inferred, cotypes = self.element_class(obj, raw, pointer, parent, member, allowed, ctx, top)
            if not cls:
                return None
        if "@id" in obj:
            node_id, explicit = self.element_id(obj["@id"], pointer, holder, cls, generated, ctx)
        else:
            if top:
                self.report(
                    codes.MISSING_ELEMENT_ID, "top-level Interface has no @id", pointer, parser_id="missingTopLevelId"
                )
            elif cls == "Interface":
                self.report(
                    codes.MISSING_ELEMENT_ID,
                    f"{cls} in '{member}' of {parent.cls} {clip(holder)} needs an @id",
                    pointer,
                    holder,
                    parser_id="missingRequiredId",
                )
            node_id, explicit = generated or f"{holder}#{pointer}", False
        partition = node_id if (parent is None or cls == "Interface") else parent.partition
        node = Node(node_id, cls, self.file, pointer, parent, partition, explicit, depth, ctx.language)
        self.models.nodes.append(node)
        if "#" in node_id and isinstance(obj.get("@id"), str):
            return node  # a partial definition (a layer): its fragment @id is the finding, its members are not
        if not cotypes or self.cotypes(node, obj, pointer, cotypes, ctx):
            self.members(node, obj, pointer, ctx, inferred, nameless)
        return node

    def element_class(
        self,
        obj: dict,
        raw: object,
        pointer: str,
        parent: Node | None,
        member: str,
        allowed: frozenset[str],
        ctx: Ctx,
        top: bool,
    ) -> tuple[str, bool, list[str]]:
        """(class, inferred?, co-type strings) of an element whose @type is `raw` and is not simply one class
        that fits, or ("", ...) after reporting why there is none."""
        language = ctx.language
        implied = _implied(language, allowed)
        if raw is None and implied and "@type" not in obj:
            return implied, True, []  # the other plain case: the class the position implies
        where = parent.id if parent else _explicit_id(obj)
        place = f"'{member}' of {parent.cls} {clip(parent.id)}" if parent else "the top level"
        if raw is None and "@type" not in obj:
            if top:
                self.report(
                    codes.NOT_AN_INTERFACE,
                    'top-level element has no @type; it must be "@type": "Interface"',
                    pointer,
                    where,
                )
            else:
                self.report(
                    codes.WRONG_TYPE, f"element in {place} has no @type; expected {_choice(allowed)}", pointer, where
                )
            return "", False, []
        types = raw if isinstance(raw, list) else [raw]
        bad = [t for t in types if not isinstance(t, str)]
        if bad or not types:
            code = codes.NOT_AN_INTERFACE if top else codes.WRONG_TYPE
            self.report(
                code,
                f"@type must be a string or an array of strings, found {json_kind(raw)}",
                join_pointer(pointer, "@type"),
                where,
            )
            return "", False, []
        materials = []
        cotypes = []
        class_by_spelling = language.terms["class"]
        for t in types:
            cls = class_by_spelling.get(t) or language.other_class_by_spelling.get(t)
            if cls is not None:
                if cls in materials:
                    self.report(
                        codes.REDUNDANT_TYPE, f"@type gives class {cls} twice", join_pointer(pointer, "@type"), where
                    )
                else:
                    materials.append(cls)
                if t != cls:
                    self.report(
                        codes.PREFER_TERM,
                        f"write the class as \"{cls}\" rather than '{clip(t)}'",
                        join_pointer(pointer, "@type"),
                        where,
                    )
            else:
                cotypes.append(t)
        # Every class named in @type must fit the position (at the top level any concrete class does, and
        # rootability is checked after); only then are two classes "several material types".
        if top and "Interface" not in materials:
            found = f"class {materials[0]}" if materials else f"no class ({listing(map(str, types))})"
            self.report(
                codes.NOT_AN_INTERFACE,
                f"top-level element must be an Interface, found {found}",
                join_pointer(pointer, "@type"),
                where,
            )
            return "", False, []
        position = allowed | language.concrete_classes if top else allowed
        misfits = [c for c in materials if c not in position]
        unusable = [(t, problem) for t in cotypes if (problem := _unusable_cotype(t, ctx))]
        if unusable and len(materials) != 1 and not misfits:  # these come before "no class" or "several classes"
            for t, problem in unusable:
                self.report(
                    codes.INVALID_COTYPE,
                    UNUSABLE_COTYPE[problem].format(t=clip(t), cls="class-less element"),
                    join_pointer(pointer, "@type"),
                    where,
                    parser_id=problem,
                )
            return "", False, []
        if len(materials) > 1 and not misfits:
            self.report(
                codes.MULTIPLE_CLASSES,
                f"@type names several classes: {', '.join(materials)}",
                join_pointer(pointer, "@type"),
                where,
            )
            return "", False, []
        if misfits or not materials or materials[0] not in allowed:
            found = f"class {(misfits or materials)[0]}" if materials else f"no class ({listing(map(str, types))})"
            if not materials and implied:
                self.report(
                    codes.WRONG_TYPE,
                    f"@type of the element in {place} must include {implied}",
                    join_pointer(pointer, "@type"),
                    where,
                )
            else:
                self.report(
                    codes.WRONG_TYPE,
                    f"element in {place} is {found}; expected {_choice(allowed)}",
                    join_pointer(pointer, "@type"),
                    where,
                )
            return "", False, []
        return materials[0], False, cotypes

    def element_id(
        self, value: object, pointer: str, holder: str, cls: str, generated: str, ctx: Ctx
    ) -> tuple[str, bool]:
        """(id, explicit?) of an element from its @id `value`; the id it was given, or one made from its place,
        when the @id is unusable."""
        here = pointer + "/@id"
        if not isinstance(value, str) or not value:
            self.report(codes.ID_NOT_STRING, f"@id must be a non-empty string, found {_show(value)}", here, holder)
            return generated or f"{holder}#{pointer}", False
        syntax = ctx.language.dtmi
        problems = syntax.problems(value)
        for problem in problems:
            if problem.kind == "length":
                self.report(
                    codes.ID_TOO_LONG, f"@id '{clip(value, 63)}' {problem.message}", here, value, parser_id="idTooLong"
                )
            else:
                self.report(
                    codes.INVALID_ID,
                    f"@id '{clip(value)}' {problem.message} (character {problem.offset + 1} of the @id)",
                    here,
                    value,
                    parser_id="invalidId",
                )
                break
        if not problems:
            if cls == "Interface" and len(value) > syntax.max_interface_length:
                self.report(
                    codes.ID_TOO_LONG,
                    f"Interface @id is {len(value)} characters long; at most {syntax.max_interface_length} are allowed",
                    here,
                    value,
                    parser_id="idTooLongForType",
                )
            if value.startswith(ctx.language.reserved_prefixes) or (
                ctx.extensions and any(value.startswith(extension.prefix) for extension in ctx.extensions)
            ):
                self.report(
                    codes.RESERVED_ID, f"@id '{clip(value)}' uses a prefix reserved for the DTDL language", here, value
                )
        return value, not problems

    def cotypes(self, node: Node, obj: dict, pointer: str, cotypes: list[str], ctx: Ctx) -> bool:
        """Semantic, extension and undefined co-types of an element. False if one of them leaves the element
        without a usable @type (an invalid DTMI, an irrelevant term, an abstract type): like the official
        parser, its members are then not checked."""
        here = join_pointer(pointer, "@type")
        language = ctx.language
        semantic_types = language.terms["semantic type"]
        usable = True
        semantic: list[str] = []
        adjuncts: list[str] = []
        informal = False
        for t in cotypes:
            adjunct = ctx.extension_type(t)
            if t in semantic_types:
                term = semantic_types[t]
                if term in semantic:
                    self.report(codes.REDUNDANT_TYPE, f"@type gives semantic type {term} twice", here, node)
                    continue
                semantic.append(term)
                if t != term:
                    self.report(
                        codes.PREFER_TERM, f"write the semantic type as \"{term}\" rather than '{clip(t)}'", here, node
                    )
            elif adjunct is not None:
                adjuncts.append(adjunct)
            elif problem := _unusable_cotype(t, ctx):
                self.report(
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
                self.report(
                    codes.COTYPE_NOT_ALLOWED,
                    f"co-type '{clip(t)}' belongs to {language.feature_label} and cannot be used in {language.label}",
                    here,
                    node,
                    parser_id="invalidCotypeVersion"
                    if node.cls in language.feature_cotype_classes
                    else "invalidCotype",
                )
            else:
                informal = True
        if semantic and node.cls not in language.semantic_type_classes:
            self.report(
                codes.COTYPE_NOT_ALLOWED,
                f"semantic type {semantic[0]} can only be given to a {_either(language.semantic_type_classes)}, "
                f"not to a {node.cls}",
                here,
                node,
                parser_id="invalidCotype",
            )
            semantic = []
        extension = language.extension_of_cotype[adjuncts[0]] if adjuncts else None
        if extension is not None and node.cls not in extension.cotype_classes:
            self.report(
                codes.COTYPE_NOT_ALLOWED,
                f"{extension.label} type {adjuncts[0]} can only be given to a {_either(extension.cotype_classes)}, "
                f"not to a {node.cls}",
                here,
                node,
                parser_id="invalidCotype",
            )
            adjuncts = []
        unit_adders = semantic + [a for a in adjuncts if a in language.unit_types]
        if len(unit_adders) > 1:
            self.report(
                codes.CONFLICTING_SEMANTIC_TYPES,
                f"{node.cls} has several types that add a unit: {', '.join(unit_adders)}",
                here,
                node,
            )
            semantic = []
            adjuncts = [a for a in adjuncts if a not in language.unit_types]
        node.semantic = semantic[0] if semantic else ""
        node.adjuncts = tuple(adjuncts)
        node.cotypes = tuple(cotypes)
        node.informal = informal
        return usable

    # --- members -------------------------------------------------------------------------------------------

    def members(self, node: Node, obj: dict, pointer: str, ctx: Ctx, inferred: bool, nameless: bool) -> None:
        language = ctx.language
        spec_of_class = language.classes[node.cls]
        spellings = spec_of_class.spellings
        found = node.members
        seen: dict[str, str] = {}
        spelled: set[str] = set()  # the members given that the class does not have
        twice = False  # a member given twice, in any spelling (allowed here or not)
        for key, value in obj.items():
            spec = spellings.get(key)
            if spec is not None:  # a member of the class (all its spellings come this way)
                name = spec.name
                here = f"{pointer}/{key}"  # no spelling of a member holds '~' or '/'
                if name in seen:
                    twice = True
                    self.duplicate(node, name, seen[name], key, here)
                    continue
            elif key in _KEYWORDS:
                continue
            elif key[:1] == "@":
                self.report(
                    codes.EXTRA_KEYWORD,
                    f"{clip(key)} on a {node.cls} is tolerated by {language.label} only",
                    join_pointer(pointer, key),
                    node,
                )
                continue
            else:  # a member this class does not have (or only with a co-type), or something else
                name = language.terms["member"].get(key)
                here = join_pointer(pointer, key)
                if name in spelled:
                    twice = True
                    if name in seen:
                        self.duplicate(node, name, seen[name], key, here)
                        continue
                elif name is not None:
                    spelled.add(name)
                spec = self.supplemental(node, name)
            if spec is None:
                if node.informal or (name == language.unit.name and _adds_unit(language, node.cotypes)):
                    continue  # the co-type finding covers a unit of a semantic type that does not apply
                what = "member" if name else _member_kind(key)
                self.report(
                    codes.MEMBER_NOT_ALLOWED,
                    f"{what} '{clip(key)}' is not allowed on {_label(node)}",
                    here,
                    node,
                    parser_id="inferredTypeDoesNotAllow" if inferred else "noTypeThatAllows",
                )
                continue
            seen[name] = key
            if key != name:
                self.report(codes.PREFER_TERM, f"write the member as \"{name}\" rather than '{key}'", here, node)
            # The plain cases first, each exactly what `member` would conclude; anything else goes there.
            kind, shape = spec.kind, value.__class__
            if shape is str:
                if kind == "langstring" or kind == "string":
                    if len(value) <= spec.max_length and value.isascii():
                        found[name] = [(value, here)]
                        continue
                elif kind == "name":
                    if len(value) <= spec.max_length and language.name_pattern.fullmatch(value):
                        found[name] = [(value, here)]
                        continue
                elif kind == "schema":
                    if language.schema_by_spelling.get(value) == value:  # a schema term as such
                        found[name] = [(value, here)]
                        continue
                elif kind == "element":  # a reference, as `elements` takes one alone
                    found[name] = [] if self.value_problem(node, name, spec, value, here, ctx) else [(value, here)]
                    continue
            elif shape is bool:
                if kind == "boolean":
                    found[name] = [(value, here)]
                    continue
            elif shape is dict:
                if kind == "langstring" and len(value) == 1:  # a language map of one text
                    (tag,) = value
                    text = value[tag]
                    if (
                        text.__class__ is str
                        and len(text) <= spec.max_length
                        and text.isascii()
                        and is_language_tag(tag)
                    ):
                        found[name] = [(text, here)]
                        continue
            elif shape is list:
                if kind == "element":
                    self.elements(node, name, spec, _items(value, here), here, ctx)
                    continue
            self.member(node, name, spec, value, here, ctx)
        for spec in spec_of_class.required:
            if spec.name not in seen and not (spec.kind == "name" and nameless):
                kind = "missingLiteralProperty" if spec.kind in ("name", "literal") else "missingObjectProperty"
                self.report(codes.MISSING_MEMBER, f"{_label(node)} has no '{spec.name}'", pointer, node, parser_id=kind)
        if node.semantic and language.unit.name not in seen:
            self.report(
                codes.MISSING_MEMBER,
                f"{_label(node)} with semantic type {node.semantic} needs a unit",
                pointer,
                node,
                parser_id="missingSupplementalObjectProperty",
            )
        if not twice and (node.semantic or node.adjuncts or language.unit.name in node.members):
            self.cotype_constraints(node, pointer)  # not when a member is given twice (the official parser stops)
        if node.cls == "Enum":
            self.enum_values(node)

    def duplicate(self, node: Node, name: str, first: str, key: str, pointer: str) -> None:
        self.report(codes.DUPLICATE_MEMBER, f"member '{name}' is given twice ('{first}' and '{key}')", pointer, node)

    def enum_values(self, enum: Node) -> None:
        """Each enumValue has the Enum's valueSchema datatype."""
        value_schema = enum.first("valueSchema")
        if value_schema not in ("integer", "string"):
            return
        for child, _ in enum.members.get("enumValues", ()):
            if not isinstance(child, Node) or "enumValue" not in child.members:
                continue
            value, here = child.members["enumValue"][0]
            if not _is_kind(value, value_schema):
                self.report(
                    codes.ENUM_VALUE_TYPE,
                    f"enumValue {_show(value)} of {clip(child.id)} is not of the Enum's valueSchema {value_schema}",
                    here,
                    child,
                    parser_id="nonConformantDatatype",
                )

    def supplemental(self, node: Node, name: str | None) -> MemberSpec | None:
        """`unit`, which semantic types (and extension types with a unit type) add to Property and Telemetry."""
        language = node.language
        if name == language.unit.name and (node.semantic or any(a in language.unit_types for a in node.adjuncts)):
            return language.unit
        return None

    def member(self, node: Node, name: str, spec: MemberSpec, value: object, pointer: str, ctx: Ctx) -> None:
        kind = spec.kind
        if kind == "langstring":
            self.langstring(node, name, spec, value, pointer)
            return
        items = _items(value, pointer) if isinstance(value, list) else [(value, pointer)]
        if kind in ("element", "schema"):
            return self.elements(node, name, spec, items, pointer, ctx)
        if not items:
            if spec.required:
                self.report(
                    codes.MISSING_MEMBER,
                    f"{node.cls} has an empty '{name}'",
                    pointer,
                    node,
                    parser_id="objectCountBelowMin"
                    if kind in ("choice", "unit")
                    else "literalCountBelowMin"
                    if kind == "literal"
                    else "stringCountBelowMin",
                )
            return
        if len(items) > 1:
            multiple = {
                "name": "string",
                "string": "string",
                "boolean": "boolean",
                "integer": "integer",
                "literal": "literal",
                "identifier": "identifier",
            }.get(kind, "object")
            self.report(
                codes.TOO_MANY_VALUES,
                f"'{name}' takes one value, found {len(items)}",
                pointer,
                node,
                parser_id=f"{multiple}MultipleValues",
            )
            return
        item, here = items[0]
        if kind in ("name", "string", "boolean", "integer", "literal"):
            literal = self.literal(node, name, kind, item, here)
            if literal is None:
                return
            node.members[name] = [(literal, here)]
            if kind == "name":
                self.check_name(node, literal, spec, here)
            elif kind == "string" and utf16_length(literal) > spec.max_length:
                self.report(
                    codes.STRING_TOO_LONG,
                    f"'{name}' is {utf16_length(literal)} characters long; at most {spec.max_length} are allowed",
                    here,
                    node,
                    parser_id="stringTooLong",
                )
            elif kind == "integer":
                self.check_range(node, literal, spec, here)
            return
        if kind == "identifier":
            self.identifier(node, name, item, here)
        elif kind == "choice":
            self.choice(node, name, spec, item, here, ctx)
        elif kind == "unit":
            self.unit(node, item, here)

    def literal(self, node: Node, name: str, kind: str, item: object, pointer: str):
        """The value of a representational string, integer, boolean or (enumValue) literal; None if bad."""
        if (item.__class__ is str and kind in _TEXT_KINDS) or (item.__class__ is bool and kind == "boolean"):
            return item  # the plain case: a JSON value of the kind itself
        prefix = {"name": "string", "string": "string"}.get(kind, kind)
        value = _integral(item)
        value_pointer = pointer
        if isinstance(item, dict):
            problem = _value_object_problem(item)
            if problem:
                self.report(
                    codes.INVALID_LITERAL, f"value object of '{name}' {problem[1]}", pointer, node, parser_id=problem[0]
                )
                return None
            if "@value" not in item:
                self.report(
                    codes.INVALID_LITERAL,
                    f"value object of '{name}' has no @value",
                    pointer,
                    node,
                    parser_id=f"{prefix}ObjectNoValue",
                )
                return None
            value = _integral(item["@value"])
            value_pointer = join_pointer(pointer, "@value")
            declared = item.get("@type")
            if isinstance(declared, list):
                if len(declared) != 1:
                    self.report(
                        codes.INVALID_LITERAL,
                        f"@type of the value object of '{name}' must be one string",
                        pointer,
                        node,
                        parser_id="literalTypeNotSingular",
                    )
                    return None
                declared = declared[0]
            if "@type" not in item:
                self.report(codes.VALUE_OBJECT_HYGIENE, f"value object of '{name}' has no @type", pointer, node)
            elif kind == "literal":
                expected = (
                    "integer"
                    if declared in ("xsd:integer", XSD + "integer")
                    else ("string" if declared in ("xsd:string", XSD + "string") else "")
                )
                if not expected or not _is_kind(value, expected):
                    self.report(
                        codes.INVALID_LITERAL,
                        f"value object of '{name}' has @type {quote(declared)} and @value {_show(value)}",
                        pointer,
                        node,
                        parser_id="literalNotValid",
                    )
                    return None
            elif declared not in (f"xsd:{prefix}", XSD + prefix):
                self.report(
                    codes.INVALID_LITERAL,
                    f"@type of the value object of '{name}' must be xsd:{prefix}, found {quote(declared)}",
                    pointer,
                    node,
                    parser_id=f"{prefix}TypeNotString"
                    if prefix == "string"
                    else f"{prefix}TypeNot{prefix.capitalize()}",
                )
                return None
            if set(item) - {"@value", "@type"}:
                self.report(
                    codes.VALUE_OBJECT_HYGIENE,
                    f"value object of '{name}' should hold only @value and @type",
                    pointer,
                    node,
                )
            if not _is_kind(value, prefix):
                self.report(
                    codes.INVALID_LITERAL,
                    f"@value of '{name}' must be a {prefix}, found {_show(value)}",
                    value_pointer,
                    node,
                    parser_id="literalNotValid" if kind == "literal" else f"{prefix}ValueNot{prefix.capitalize()}",
                )
                return None
            return value
        if not _is_kind(value, prefix):
            self.report(
                codes.INVALID_LITERAL,
                f"'{name}' must be {_article(prefix)}, found {_show(value)}",
                pointer,
                node,
                parser_id="literalNotValid" if kind == "literal" else f"{prefix}Not{prefix.capitalize()}",
            )
            return None
        return value

    def check_range(self, node: Node, value: int, spec: MemberSpec, pointer: str) -> None:
        """An integer member's range (maxMultiplicity) or its one allowed value (minMultiplicity)."""
        if spec.exactly is not None and value != spec.exactly:
            self.report(
                codes.MULTIPLICITY_OUT_OF_RANGE,
                f"{spec.name} is {value}; {node.language.label} requires {spec.exactly}",
                pointer,
                node,
                parser_id="valueNotExact",
            )
        elif (spec.minimum is not None and value < spec.minimum) or (spec.maximum is not None and value > spec.maximum):
            self.report(
                codes.MULTIPLICITY_OUT_OF_RANGE,
                f"{spec.name} is {value}; it must be {spec.minimum} to {spec.maximum}",
                pointer,
                node,
                parser_id="valueBelowRange" if spec.minimum is not None and value < spec.minimum else "valueAboveRange",
            )

    def check_name(self, node: Node, name: str, spec: MemberSpec, pointer: str) -> None:
        length = utf16_length(name)
        if length > spec.max_length:
            self.report(
                codes.INVALID_ELEMENT_NAME,
                f"name '{clip(name, 43)}' is {length} characters long; at most {spec.max_length} are allowed",
                pointer,
                node,
                parser_id="stringTooLong",
            )
        elif not node.language.name_pattern.fullmatch(name):
            self.report(
                codes.INVALID_ELEMENT_NAME,
                f"name '{clip(name)}' must start with a letter and hold only letters, digits and '_' (not at the end)",
                pointer,
                node,
                parser_id="stringInvalid",
            )

    def identifier(self, node: Node, name: str, item: object, pointer: str) -> None:
        if not isinstance(item, str):
            self.report(
                codes.INVALID_TARGET,
                f"'{name}' must be a DTMI string, found {_show(item)}",
                pointer,
                node,
                parser_id="identifierNotString",
            )
        elif item in node.language.dtmi_of_term:  # a DTDL term stands for its DTMI
            node.members[name] = [(node.language.dtmi_of_term[item], pointer)]
        elif not item.startswith("dtmi:"):
            self.report(
                codes.INVALID_TARGET,
                f"'{name}' must be a DTMI, found '{clip(item)}'",
                pointer,
                node,
                parser_id="identifierNotDtmi",
            )
        elif len(item) > node.language.dtmi.max_length:
            self.report(
                codes.INVALID_TARGET,
                f"'{name}' is longer than {node.language.dtmi.max_length} characters",
                pointer,
                node,
                parser_id="identifierTooLong",
            )
        elif not node.language.dtmi.is_valid(item):
            self.report(
                codes.INVALID_TARGET,
                f"'{name}' value '{clip(item)}' is not a valid DTMI",
                pointer,
                node,
                parser_id="identifierNotDtmi",
            )
        else:
            node.members[name] = [(item, pointer)]

    def choice(self, node: Node, name: str, spec: MemberSpec, item: object, pointer: str, ctx: Ctx) -> None:
        allowed = " or ".join(sorted(spec.classes))
        if isinstance(item, dict) and (not item or set(item) == {"@id"} or "@id" not in item):
            problem = (
                ("idReference", '{"@id": ...} is not a reference; write the term')
                if "@id" in item
                else ("missingRequiredId", "an element here cannot be inline, it needs an @id")
            )
            self.report(
                codes.INVALID_REFERENCE if "@id" in item else codes.MISSING_ELEMENT_ID,
                f"'{name}' must be {allowed}: {problem[1]}",
                pointer,
                node,
                parser_id=problem[0],
            )
            return
        if not isinstance(item, str):
            self.report(
                codes.VALUE_NOT_ALLOWED if isinstance(item, dict) else codes.INVALID_REFERENCE,
                f"'{name}' must be {allowed}, found {_show(item)}",
                pointer,
                node,
                parser_id="badType" if isinstance(item, dict) else "refNotStringOrObject",
            )
            return
        term = spec.spellings.get(item) if spec.spellings is not None else None
        if term in spec.classes:
            node.members[name] = [(term, pointer)]
            if item != term:
                self.report(codes.PREFER_TERM, f"write \"{term}\" rather than '{clip(item)}'", pointer, node)
            if spec.deprecated:
                self.report(codes.DEPRECATED_COMMAND_TYPE, f"{name} is deprecated; remove it", pointer, node)
        elif term in spec.refused:  # a term of the kind, but not one allowed here
            self.report(
                codes.VALUE_NOT_ALLOWED,
                f"'{name}' must be {allowed}, found '{clip(item)}'",
                pointer,
                node,
                parser_id=spec.refused_id,
            )
        elif not self.value_problem(node, name, spec, item, pointer, ctx):
            node.members[name] = [(item, pointer)]  # a reference: resolved (and found of the wrong class) later

    def unit(self, node: Node, item: object, pointer: str) -> None:
        language = node.language
        unit_type = _unit_type(node)
        unit = language.spelled("unit", item)
        if unit is None:
            parser_id = (
                "badType"
                if isinstance(item, dict)
                else "refNotStringOrObject"
                if not isinstance(item, str)
                else "notRequiredType"
                if item in language.reserved or item.startswith("dtmi:")
                else "badDtmiOrTerm"
            )
            self.report(
                codes.INVALID_UNIT,
                f'unit must be a unit term such as "{min(language.units_of[unit_type])}", found {_show(item)}',
                pointer,
                node,
                parser_id=parser_id,
            )
            return
        node.members["unit"] = [(unit, pointer)]
        if item != unit:
            self.report(codes.PREFER_TERM, f"write the unit as \"{unit}\" rather than '{clip(item)}'", pointer, node)

    def langstring(self, node: Node, name: str, spec: MemberSpec, value: object, pointer: str) -> None:
        """displayName and description: a string, a language map, or an array of strings and tagged objects."""
        texts: list[tuple[str, str]] = []
        if isinstance(value, str):
            texts.append((value, pointer))
        elif isinstance(value, dict) and "@value" in value and "@language" in value:
            self.report(
                codes.INVALID_LOCALIZED_STRING,
                f"'{name}' is a language-tagged value object; give a language "
                'map ({"en": "..."}) or put the object in an array',
                pointer,
                node,
                parser_id="langTagValueInLangMap",
            )
            return
        elif isinstance(value, dict):
            for tag, text in value.items():
                here = f"{pointer}/{tag}" if "~" not in tag and "/" not in tag else join_pointer(pointer, tag)
                if tag.startswith("@"):
                    self.report(
                        codes.INVALID_LOCALIZED_STRING,
                        f"'{name}' language map may not hold {clip(tag)}; use language tags as keys",
                        here,
                        node,
                        parser_id="langMapObjKeyword",
                    )
                elif not is_language_tag(tag):
                    self.report(
                        codes.INVALID_LOCALIZED_STRING,
                        f"'{clip(tag)}' in '{name}' is not a language tag (such as en or de-DE)",
                        here,
                        node,
                        parser_id="langStringInvalidCode",
                    )
                elif not isinstance(text, str):
                    self.report(
                        codes.INVALID_LOCALIZED_STRING,
                        f"'{name}' text for {clip(tag)} must be a string, found {_show(text)}",
                        here,
                        node,
                        parser_id="langStringValueNotString",
                    )
                else:
                    texts.append((text, here))
        elif isinstance(value, list):
            languages: set[str] = set()
            for item, here in _items(value, pointer):
                if isinstance(item, str):
                    text, language = item, "en"
                elif isinstance(item, dict):
                    found = self.language_object(node, name, item, here)
                    if found is None:
                        continue
                    text, language = found
                    here = join_pointer(here, "@value")
                else:
                    self.report(
                        codes.INVALID_LOCALIZED_STRING,
                        f'\'{name}\' items must be strings or {{"@value", "@language"}} objects, found {_show(item)}',
                        here,
                        node,
                        parser_id="langStringElementNotStringOrObject",
                    )
                    continue
                if language in languages:
                    self.report(
                        codes.INVALID_LOCALIZED_STRING,
                        f"'{name}' gives language {clip(language)} twice (a string without language counts as en)",
                        here,
                        node,
                        parser_id="langStringElementCodeNotUnique",
                    )
                languages.add(language)
                texts.append((text, here))
        else:
            self.report(
                codes.INVALID_LOCALIZED_STRING,
                f"'{name}' must be a string, a language map or an array, found {_show(value)}",
                pointer,
                node,
                parser_id="langStringElementNotStringOrObject",
            )
            return
        for text, here in texts:
            if utf16_length(text) > spec.max_length:
                self.report(
                    codes.STRING_TOO_LONG,
                    f"'{name}' is {utf16_length(text)} characters long; at most {spec.max_length} are allowed",
                    here,
                    node,
                    parser_id="langStringValueTooLong",
                )
        if texts:
            node.members[name] = [(texts[0][0], pointer)]

    def language_object(self, node: Node, name: str, item: dict, pointer: str) -> tuple[str, str] | None:
        for key, parser_id in (
            ("@id", "langStringElementId"),
            ("@context", "langStringElementContext"),
            ("@graph", "langStringElementGraph"),
        ):
            if key in item:
                self.report(
                    codes.INVALID_LOCALIZED_STRING,
                    f"'{name}' item may not hold {key}",
                    join_pointer(pointer, key),
                    node,
                    parser_id=parser_id,
                )
                return None
        language = item.get("@language", "en")
        if not isinstance(language, str) or not language:
            self.report(
                codes.INVALID_LOCALIZED_STRING,
                f"@language of a '{name}' item must be a non-empty string",
                join_pointer(pointer, "@language"),
                node,
                parser_id="langStringElementCodeNotString",
            )
            return None
        if not isinstance(item.get("@value", ""), str):
            self.report(
                codes.INVALID_LOCALIZED_STRING,
                f"@value of a '{name}' item must be a string",
                join_pointer(pointer, "@value"),
                node,
                parser_id="langStringElementValueNotString",
            )
            return None
        extra = [k for k in item if not k.startswith("@")]
        if extra:
            self.report(
                codes.INVALID_LOCALIZED_STRING,
                f"'{name}' item may only hold @value and @language, found '{clip(extra[0])}'",
                join_pointer(pointer, extra[0]),
                node,
                parser_id="langStringElementInvalidProp",
            )
            return None
        if "@value" not in item:
            self.report(
                codes.INVALID_LOCALIZED_STRING,
                f"'{name}' item has no @value",
                pointer,
                node,
                parser_id="langStringElementNoValue",
            )
            return None
        if not is_language_tag(language):
            self.report(
                codes.INVALID_LOCALIZED_STRING,
                f"@language '{clip(language)}' is not a language tag (such as en or de-DE)",
                join_pointer(pointer, "@language"),
                node,
                parser_id="langStringElementInvalidCode",
            )
            return None
        if "@language" not in item or set(item) - {"@value", "@language"}:
            self.report(
                codes.VALUE_OBJECT_HYGIENE, f"'{name}' items should hold exactly @value and @language", pointer, node
            )
        return item["@value"], language

    # --- element-valued members ----------------------------------------------------------------------------

    def elements(self, node: Node, name: str, spec: MemberSpec, items: list, pointer: str, ctx: Ctx) -> None:
        """contents, extends, schemas, schema, elementSchema, request, response, properties, enumValues,
        fields, mapKey, mapValue: inline elements or references (and, for schemas, schema terms)."""
        if not items:
            if spec.required:
                self.report(
                    codes.MISSING_MEMBER,
                    f"{node.cls} has an empty '{name}'",
                    pointer,
                    node,
                    parser_id="objectCountBelowMin",
                )
            return
        if not spec.plural and len(items) > 1:
            self.report(
                codes.TOO_MANY_VALUES,
                f"'{name}' takes one value, found {len(items)}",
                pointer,
                node,
                parser_id="objectMultipleValues",
            )
            return
        if (
            spec.max_count
            and len(items) > spec.max_count
            and (count := len({item if isinstance(item, str) else id(item) for item, _ in items})) > spec.max_count
        ):  # a DTMI twice is one value
            self.report(
                codes.TOO_MANY_EXTENDS if name == "extends" else codes.TOO_MANY_ITEMS,
                f"'{name}' has {count} items; at most {spec.max_count} are allowed",
                pointer,
                node,
                parser_id="objectCountAboveMax",
            )
        if spec.min_count and len(items) < spec.min_count:
            self.report(
                codes.MISSING_MEMBER,
                f"'{name}' needs at least {spec.min_count} item",
                pointer,
                node,
                parser_id="objectCountBelowMin",
            )
        values = node.members.setdefault(name, [])
        base = version = None
        for item, here in items:
            if isinstance(item, str):
                found = self.reference(node, name, spec, item, here, ctx)
                if found is not None:
                    values.append((found, here))
            elif isinstance(item, dict):
                if "@value" in item and _empty_value(item):
                    self.report(
                        codes.NOT_JSON_OBJECT if item["@value"] else codes.INVALID_REFERENCE,
                        f"an object whose @value is an empty array is a value, not an element, in '{name}'",
                        here,
                        node,
                        parser_id="notJsonObject" if item["@value"] else "refNotStringOrObject",
                    )
                    continue
                if len(item) == 1 and "@id" in item:
                    self.report(
                        codes.INVALID_REFERENCE,
                        f"{{\"@id\": ...}} in '{name}' is not a reference; write the DTMI string itself",
                        here,
                        node,
                        parser_id="idReference",
                    )
                    continue
                if version is None:  # the parts of the ids made for inline elements, once per member
                    base, _, version = node.id.rpartition(";")
                    if not base:
                        base, version = node.id, "1"
                child = self.inline(node, name, spec, item, here, ctx, base, version)
                if child is not None:
                    values.append((child, here))
            else:
                self.report(
                    codes.INVALID_REFERENCE,
                    f"'{name}' takes an element or a DTMI, found {_show(item)}",
                    here,
                    node,
                    parser_id="refNotStringOrObject",
                )

    def inline(
        self, node: Node, name: str, spec: MemberSpec, item: dict, pointer: str, ctx: Ctx, base: str, version: str
    ) -> Node | None:
        """An element given inline in member `name` of `node`; the id it takes without an @id is made from
        `base` and `version` (the parts of node's id)."""
        plural = spec.plural
        if "@id" not in item and spec.needs_id:
            what = "an Interface" if spec.classes == {"Interface"} else "an element"
            self.report(
                codes.MISSING_ELEMENT_ID,
                f"{what} given inline in '{name}' of {_label(node)} needs an @id",
                pointer,
                node,
                parser_id="missingRequiredId",
            )  # whatever the object holds
            return None
        if plural:
            child_name = item["name"] if "name" in item else item.get(node.language.dtmi_of_term["name"])
            if child_name.__class__ is str and child_name:  # the plain case: its name makes its id
                return self.element(
                    item, pointer, node, name, spec.classes, f"{base}:_{name}:__{child_name};{version}", ctx
                )
        generated = f"{base}:_{name};{version}"
        if plural:
            if isinstance(child_name, list):
                child_name = _items(child_name, "")[0][0] if len(_items(child_name, "")) == 1 else child_name
            if isinstance(child_name, dict):
                child_name = _segment_value(child_name)
            if child_name_unusable(item, child_name, spec, node.language):
                self.report(
                    codes.MISSING_ELEMENT_ID,
                    f"item of '{name}' has no @id, and its name {_show(child_name)} is not a string or number",
                    pointer,
                    node,
                    parser_id="dtmiSegPropertyNotStringOrNumber",
                )
                return None
            if isinstance(child_name, str) and child_name:
                generated = f"{base}:_{name}:__{child_name};{version}"
            elif "@id" not in item and not spec.needs_id:
                if child_name is None:
                    self.report(
                        codes.MISSING_ELEMENT_ID,
                        f"item of '{name}' has neither @id nor name",
                        pointer,
                        node,
                        parser_id="missingDtmiSegPropertyValue",
                    )
                generated = f"{base}:_{name}:__{pointer};{version}"
        return self.element(
            item,
            pointer,
            node,
            name,
            spec.classes,
            generated,
            ctx,
            nameless=child_name_missing(item, spec, node.language),
        )

    def reference(self, node: Node, name: str, spec: MemberSpec, item: str, pointer: str, ctx: Ctx) -> str | None:
        """A schema term or a DTMI reference as written in an element-valued member; None if invalid."""
        if spec.kind == "schema":
            term = ctx.language.schema_by_spelling.get(item) or ctx.extension_schema(item)
            if term is not None:
                if item != term:
                    self.report(
                        codes.PREFER_TERM, f"write the schema as \"{term}\" rather than '{clip(item)}'", pointer, node
                    )
                return term
        if self.value_problem(node, name, spec, item, pointer, ctx):
            return None
        return item

    def value_problem(self, node: Node, name: str, spec: MemberSpec, item: str, pointer: str, ctx: Ctx) -> bool:
        """Report a string that does not name an element of the expected classes: a term or standard element of
        another class (badType), a reserved-prefix DTMI that names nothing (undefinedReservedId), or neither a
        term nor a DTMI (badDtmiOrTerm). False for a user DTMI: a reference, resolved later."""
        language = ctx.language
        if not item.startswith("dtmi:"):
            if item in language.reserved or any(
                item in extension.types or item in extension.schemas for extension in ctx.extensions
            ):
                self.report(
                    codes.WRONG_TYPE,
                    f"'{clip(item)}' cannot be used as '{name}' of a {node.cls}; expected "
                    f"{_choice(spec.classes, schema=spec.kind == 'schema')}",
                    pointer,
                    node,
                    parser_id="badType",
                )
            else:
                self.report(
                    codes.INVALID_REFERENCE,
                    f"'{name}' value '{clip(item)}' is neither a DTMI nor a DTDL term",
                    pointer,
                    node,
                    parser_id="badDtmiOrTerm",
                )
        elif not is_dtmi(item):
            self.report(
                codes.INVALID_REFERENCE,
                f"'{name}' value '{clip(item)}' is not a valid DTMI",
                pointer,
                node,
                parser_id="badDtmiOrTerm",
            )
        elif item in language.standard_elements:
            self.report(
                codes.WRONG_TYPE,
                f"'{clip(item)}' cannot be used as '{name}' of a {node.cls}; expected "
                f"{_choice(spec.classes, schema=spec.kind == 'schema')}",
                pointer,
                node,
                parser_id="badType",
            )
        elif item.startswith(language.value_prefixes):
            self.report(
                codes.INVALID_REFERENCE,
                f"'{clip(item)}' uses a reserved prefix but names no DTDL element",
                pointer,
                node,
                parser_id="undefinedReservedId",
            )
        else:
            return False
        return True

    def cotype_constraints(self, node: Node, pointer: str) -> None:
        """The unit and schema a semantic or IoT Central type demands (references are checked in modelcheck)."""
        language = node.language
        if language.unit.name in node.members:
            unit, here = node.members[language.unit.name][0]
            unit_type = _unit_type(node)
            units = language.units_of[unit_type]
            if unit not in units:
                self.report(
                    codes.INVALID_UNIT,
                    f"unit {unit} is not a {unit_type} (one of {', '.join(sorted(units))})",
                    here,
                    node,
                    parser_id="notRequiredType",
                )
        if not (node.semantic or node.adjuncts) or "schema" not in node.members:
            return
        schema = node.first("schema")
        here = node.members["schema"][0][1] if node.members["schema"] else pointer
        if node.semantic and schema not in language.numeric_schemas:
            self.report(
                codes.SCHEMA_NOT_FOR_COTYPE,
                f"{node.cls} with semantic type {node.semantic} needs schema "
                f"double, float, integer or long, found {_schema_name(schema)}",
                here,
                node,
                parser_id="notRequiredType",
            )
        for adjunct in node.adjuncts:
            rule = language.schema_rules.get(adjunct)
            if rule is not None and not _meets(rule, schema):
                self.report(
                    codes.SCHEMA_NOT_FOR_COTYPE,
                    f"{node.cls} of {language.extension_of_cotype[adjunct].label} type {adjunct} needs {rule.needs}, "
                    f"found {_schema_name(schema)}",
                    here,
                    node,
                    parser_id=rule.parser_id,
                )


def _unusable_cotype(t: str, ctx: Ctx) -> str:
    """The parser id of a co-type (no class) that makes the element's @type unusable, "" if it is usable."""
    language = ctx.language
    if t in language.terms["semantic type"] or ctx.extension_type(t) is not None:
        return ""
    if language.terms["abstract class"].get(t) in language.abstract_supplemental:
        return "abstractSupplementalType"
    if t.startswith("dtmi:") and not is_dtmi(t):
        return "typeInvalidDtmi"
    if (t in language.reserved or t.startswith("dtmi:")) and not ctx.undefined:
        return "typeIrrelevantDtmiOrTerm"
    return ""


def _segment_value(item: dict) -> object:
    """The value of a name value object as an id segment: None (unusable) without @value, or when it types a
    string as anything but xsd:string."""
    declared = item.get("@type")
    declared = declared[0] if isinstance(declared, list) and len(declared) == 1 else declared
    value = item.get("@value")
    if "@value" not in item or (
        "@type" in item and declared not in ("xsd:string", XSD + "string") and isinstance(value, str)
    ):
        return None
    return value


def child_name_unusable(item: dict, child_name: object, spec: MemberSpec, language: Language) -> bool:
    """An item of a plural member without @id whose name cannot make its generated id."""
    written = "name" in item or language.dtmi_of_term["name"] in item
    return (
        "@id" not in item
        and not spec.needs_id
        and written
        and (isinstance(child_name, bool) or not isinstance(child_name, (str, int, float)))
    )


def child_name_missing(item: dict, spec: MemberSpec, language: Language) -> bool:
    """An item of a plural member with neither @id nor name: its missing name was reported already."""
    return (
        spec.plural
        and not spec.needs_id
        and "@id" not in item
        and "name" not in item
        and language.dtmi_of_term["name"] not in item
    )


def _meets(rule: SchemaRule, schema: object) -> bool:
    """Does the schema of an element meet what its co-type requires? (A reference is resolved in modelcheck.)"""
    if isinstance(schema, Node):
        return schema.cls in rule.classes
    if isinstance(schema, str):
        return schema.startswith("dtmi:") or schema in rule.terms
    return rule.absent


def _unit_type(node: Node) -> str:
    """The unit type of the unit an element's semantic type (or extension type) requires."""
    unit_types = node.language.unit_types
    return unit_types.get(node.semantic) or next((unit_types[a] for a in node.adjuncts if a in unit_types), "")


def _adds_unit(language: Language, cotypes: tuple[str, ...]) -> bool:
    """Is one of these co-types (as written, whatever the context) a semantic type or an extension type with a unit?"""
    for t in cotypes:
        if t in language.terms["semantic type"]:
            return True
        extension = next((e for e in language.extensions if t in e.types), None)
        if extension is not None and extension.types[t] in language.unit_types:
            return True
    return False


def _implied(language: Language, allowed: frozenset[str]) -> str:
    """The class a position implies when an element there has no @type, or ""."""
    if len(allowed) == 1:
        (cls,) = allowed
        spec = language.classes.get(cls)
        if spec is not None and spec.type_optional:
            return cls
    return ""


def _either(classes: frozenset[str]) -> str:
    return " or ".join(sorted(classes))


def _context_problem(item: str, language: Language) -> tuple[str, str] | None:
    """(parser id, message) when a context string is malformed."""
    if not item.startswith("dtmi:"):
        return "nonDtmiContextSpecifier", "is not a DTMI"
    if "#" in item:
        if not item.startswith(DTDL_CONTEXT_PREFIX):
            return "invalidContextSpecifier", "is not a valid DTMI (it has a fragment)"
        if item.partition("#")[2] in ("limits", "limitless"):
            return "disallowedContextFragment", f"has a fragment, which {language.label} does not allow"
        return "invalidContextFragment", "has a fragment other than #limits or #limitless"
    base, _, version = item.partition(";")
    if not is_dtmi(base):
        return "invalidContextSpecifier", "is not a valid DTMI"
    if not version:
        return "invalidContextSpecifierForVersion", "has no version"
    if "." in version:
        return "invalidContextSpecifierForVersion", f"has a two-part version; {language.label} takes one number"
    if not is_dtmi(item):
        return "invalidContextSpecifier", "is not a valid DTMI"
    return None


def _items(value: object, pointer: str) -> list[tuple[object, str]]:
    """The values of a member with their pointers. Member values are read as JSON-LD: nested arrays are
    flattened (`[["x"]]` is `["x"]`, `[[]]` is `[]`)."""
    if not isinstance(value, list):
        return [(value, pointer)]
    found: list[tuple[object, str]] = []
    for index, item in enumerate(value):
        if isinstance(item, list):
            found.extend(_items(item, f"{pointer}/{index}"))
        else:
            found.append((item, f"{pointer}/{index}"))
    return found


def _graph_id(value: object, otherwise: str) -> str:
    """The parser id of a @graph: a value that is no object (nor array of them) is "not an object"."""
    return otherwise if isinstance(value, (dict, list)) else "graphNotObject"


def _empty_value(obj: dict) -> bool:
    """An object with an empty array (nested or not) as @value: JSON-LD reads it as a value, not an element."""
    return isinstance(obj.get("@value"), list) and not _items(obj["@value"], "")


def dtdl_version(value: object) -> int:
    """The DTDL version of a document: the last DTDL context of its @context decides (0: not a version number)."""
    values = value if isinstance(value, list) else [value]
    last = _last_dtdl_context(values)
    if last < 0:
        return DEFAULT.version
    tail = values[last][len(DTDL_CONTEXT_PREFIX) :]
    return int(tail) if tail.isdigit() else 0


def _last_dtdl_context(values: list) -> int:
    """Index of the last DTDL context specifier in an @context array (it decides the version), -1 if none."""
    found = [i for i, v in enumerate(values) if isinstance(v, str) and v.startswith(DTDL_CONTEXT_PREFIX)]
    return found[-1] if found else -1


def _value_object_problem(item: dict) -> tuple[str, str] | None:
    for key, parser_id in (
        ("@id", "valueObjectId"),
        ("@context", "valueObjectContext"),
        ("@graph", "valueObjectGraph"),
    ):
        if key in item:
            return parser_id, f"may not hold {key}"
    extra = [k for k in item if not k.startswith("@")]
    if extra:
        return "valueObjectInvalidProp", f"may only hold @value and @type, found '{clip(extra[0])}'"
    return None


def _is_kind(value: object, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return type(value) is int and INT32[0] <= value <= INT32[1]
    return isinstance(value, (str, int, float))  # literal: its datatype is checked against the Enum's valueSchema


def _integral(value: object) -> object:
    """A JSON number is read as a number, not as a token: 5.0 and 5e0 are the integer 5."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _label(node: Node) -> str:
    """How a message names an element: its class and name, or its class and @id."""
    name = node.first("name")
    return f"{node.cls} '{clip(name)}'" if isinstance(name, str) else f"{node.cls} {clip(node.id)}"


def _explicit_id(obj: dict) -> str:
    value = obj.get("@id")
    return value if isinstance(value, str) else ""


def _member_kind(key: str) -> str:
    if key.startswith("dtmi:"):
        return "member" if is_dtmi(key) else "malformed DTMI member"
    return "IRI member" if ":" in key else "undefined member"


def _show(value: object) -> str:
    if isinstance(value, (dict, list)):
        return json_kind(value)
    return "null" if value is None else quote(value)


def _article(kind: str) -> str:
    return {"integer": "an integer", "literal": "an integer or a string"}.get(kind, f"a {kind}")


def _choice(classes: frozenset[str], schema: bool = False) -> str:
    names = sorted(classes)
    text = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return f"a primitive schema term or {text}" if schema else text


def _schema_name(schema: object) -> str:
    if isinstance(schema, Node):
        return f"an inline {schema.cls}"
    return f"'{clip(schema)}'" if schema is not None else "nothing"


def build(models: ModelSet, nodes: list[Node] | None = None) -> None:
    """Fill `models.interfaces` and `models.elements` with the objects of model.py, from the parsed Nodes (all of
    them, or those added since the last build)."""
    from . import model

    built: dict[Node, object] = {}

    def schema(value: object):
        return element(value) if isinstance(value, Node) else value

    def common(node: Node) -> dict:
        members = node.members
        return {
            "id": node.id,
            "source": node.source,
            "pointer": node.pointer,
            "types": node.cotypes,
            "display_name": _text(members["displayName"][0][0]) if members.get("displayName") else "",
            "description": _text(members["description"][0][0]) if members.get("description") else "",
        }

    def children(node: Node, member: str) -> tuple:
        return tuple(element(v) for v, _ in node.members.get(member, ()) if isinstance(v, Node))

    def element(node: Node):
        found = built.get(node)
        if found is not None:
            return found
        kind, first = node.cls, node.first
        name = first("name")
        name = name if isinstance(name, str) else ""
        if kind == "Interface":
            found = model.Interface(
                **common(node),
                contents=tuple(
                    c
                    for c in (element(v) if isinstance(v, Node) else None for v, _ in node.members.get("contents", ()))
                    if c is not None
                ),
                extends=tuple(v.id if isinstance(v, Node) else v for v, _ in node.members.get("extends", ())),
                schemas=children(node, "schemas"),
            )
        elif kind in ("Telemetry", "Property"):
            extra = {"writable": first("writable") is True} if kind == "Property" else {}
            found = getattr(model, kind)(
                **common(node),
                name=name,
                schema=schema(first("schema")),
                semantic_type=node.semantic,
                unit=first("unit") or "",
                **extra,
            )
        elif kind == "Command":
            found = model.Command(
                **common(node),
                name=name,
                request=_optional(element, first("request")),
                response=_optional(element, first("response")),
            )
        elif kind in ("CommandPayload", "Field"):
            found = getattr(model, kind)(**common(node), name=name, schema=schema(first("schema")))
        elif kind == "Relationship":
            found = model.Relationship(
                **common(node),
                name=name,
                target=first("target") or "",
                min_multiplicity=first("minMultiplicity"),
                max_multiplicity=first("maxMultiplicity"),
                writable=first("writable") is True,
                properties=children(node, "properties"),
            )
        elif kind == "Component":
            target = first("schema")
            found = model.Component(
                **common(node), name=name, schema=target.id if isinstance(target, Node) else target or ""
            )
        elif kind == "Array":
            found = model.ArraySchema(**common(node), element_schema=schema(first("elementSchema")))
        elif kind == "Enum":
            value_schema = first("valueSchema")  # "" where the model's is unusable (a reference, a typo...)
            found = model.EnumSchema(
                **common(node),
                value_schema=value_schema if value_schema in ("integer", "string") else "",
                values=children(node, "enumValues"),
            )
        elif kind == "EnumValue":
            found = model.EnumValue(**common(node), name=name, value=first("enumValue"))
        elif kind == "Map":
            key, value = first("mapKey"), first("mapValue")
            found = model.MapSchema(
                **common(node),
                key_name=_name(key),
                value_name=_name(value),
                value_schema=schema(value.first("schema")) if isinstance(value, Node) else None,
            )
        elif kind == "Object":
            found = model.ObjectSchema(**common(node), fields=children(node, "fields"))
        else:  # MapKey, MapValue: folded into their Map
            return None
        built[node] = found
        return found

    for node in models.nodes if nodes is None else nodes:
        if "@version" in node.members:
            continue
        try:
            built_element = element(node)
        except RecursionError:
            continue
        if built_element is None:
            continue
        if node.cls == "Interface":
            models.interfaces.setdefault(node.id, built_element)
        models.elements.setdefault(node.id, built_element)


def _optional(element, value):
    return element(value) if isinstance(value, Node) else None


def _name(node: object) -> str:
    name = node.first("name") if isinstance(node, Node) else None
    return name if isinstance(name, str) else ""


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
