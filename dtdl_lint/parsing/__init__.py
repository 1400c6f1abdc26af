"""JSON documents -> the elements of the object model (model.py), with the element-level findings.

Every document is walked top-down, each element read with the Language of its DTDL version (language/, chosen by
its @context): its class comes from its @type and its position (the member holding it), its members are read by
the reader of their kind (READERS, a table as python-jsonschema maps keywords to functions), each after its plain
case (PLAIN). What needs the whole model set (references, inheritance, name clashes through extends, depth and
cycles) is left to modelcheck.py. The modules, one concern each: context (@context), types (@type, co-types), ids
(@id), members (the member loop), literals and references (the readers), elements (elements and element-valued
members), state (what they share).
"""

from __future__ import annotations

from .. import codes
from ..diagnostics import clip, join_pointer, json_kind
from ..language import DEFAULT, LANGUAGES, UNCHECKED_VERSIONS, Language, language_of
from ..model import Unchecked
from ..modelset import ModelSet
from ..source import Source
from . import literals
from .context import dtdl_version, read_context
from .elements import graph_id, read_element, read_elements
from .members import KEYWORDS
from .references import plain_reference, plain_schema
from .state import PLAIN as PLAIN_CONTEXT
from .state import Ctx, Parse, PlainCase, Reader, empty_value, explicit_id

__all__ = ["PLAIN", "READERS", "parse"]

READERS: dict[str, Reader] = {
    "name": literals.read_name,
    "string": literals.read_string,
    "term": literals.read_string,
    "pattern": literals.read_pattern,
    "duration": literals.read_pattern,
    "langstring": literals.read_langstring,
    "boolean": literals.read_literal,
    "integer": literals.read_integer,
    "literal": literals.read_literal,
    "identifier": literals.read_identifier,
    "choice": literals.read_choice,
    "unit": literals.read_unit,
    "element": read_elements,
    "schema": read_elements,
}
PLAIN: dict[str, PlainCase] = {
    "name": literals.plain_name,
    "string": literals.plain_string,
    "langstring": literals.plain_langstring,
    "boolean": literals.plain_boolean,
    "integer": literals.plain_integer,
    "literal": literals.plain_literal,
    "element": plain_reference,
    "schema": plain_schema,
}
_PLAIN_CONTEXTS = {ctx.language.context: ctx for ctx in PLAIN_CONTEXT.values()}


def parse(source: Source, models: ModelSet, *, extensions: str = "version") -> None:
    """Add the elements of one parsed source to `models`, and the findings about them. `extensions`: whether an
    undefined extension context is allowed ("allow"), an error ("disallow"), or as each DTDL version decides
    ("version": v2 allows them, v3 does not)."""
    p = Parse(source.name, models, extensions, READERS, PLAIN)
    data = source.data
    documents = data if isinstance(data, list) else [data]
    for index, document in enumerate(documents):
        pointer = join_pointer("", index) if isinstance(data, list) else ""
        try:
            _document(p, document, pointer)
        except RecursionError:
            p.report(codes.NESTING_TOO_DEEP, "elements are nested too deeply to be checked", pointer)


def _document(p: Parse, document: object, pointer: str) -> None:
    if not isinstance(document, dict) or empty_value(document):
        found = "a value object (empty @value array)" if isinstance(document, dict) else json_kind(document)
        p.report(codes.NOT_JSON_OBJECT, f"expected a JSON object (an Interface), found {found}", pointer)
        return
    context = document.get("@context")
    ctx = _PLAIN_CONTEXTS.get(context) if context.__class__ is str else None  # the plain case: one DTDL context
    if ctx is None:
        ctx = _top_context(p, document, context, pointer)
        if ctx is None:
            return
    if "@graph" in document:
        p.report(
            codes.GRAPH_KEYWORD,
            "@graph is not allowed; give each Interface as a JSON object (a document may be an array of them)",
            join_pointer(pointer, "@graph"),
            parser_id=graph_id(document["@graph"], "topLevelGraphDisallowed"),
        )
        return
    if ctx.language.restricted_keywords:
        top_keywords(p, document, pointer, ctx.language)
    read_element(p, document, pointer, None, "", ctx.language.top_level, "", ctx, top=True)


def top_keywords(p: Parse, document: dict, pointer: str, language: Language) -> None:
    """A top-level element may carry no JSON-LD keyword but @context, @id and @type (found with the document)."""
    for key in document:
        if key[:1] == "@" and key not in KEYWORDS:
            p.report(
                codes.KEYWORD_NOT_ALLOWED,
                f"{clip(key)} is not allowed on a top-level element in {language.label}",
                join_pointer(pointer, key),
                explicit_id(document),
                parser_id="topLevelKeywordDisallowed",
            )


def _top_context(p: Parse, document: dict, context: object, pointer: str) -> Ctx | None:
    """The context of a top-level element from its @context; None (and a finding) when it has none, or one
    that is unusable, or one of a DTDL version that is not checked."""
    version = dtdl_version(context)
    if version in UNCHECKED_VERSIONS:
        checked = ", ".join(f"v{v}" for v in LANGUAGES)
        p.report(
            codes.UNSUPPORTED_VERSION,
            f"this document is DTDL v{version}; dtdl-lint checks DTDL {checked} only, so it is not checked",
            join_pointer(pointer, "@context"),
        )
        _register_unchecked(p, document, pointer, version)
        return None
    language = language_of(version) or DEFAULT
    if "@context" not in document:
        p.report(
            codes.MISSING_CONTEXT,
            f'top-level element has no @context; add "@context": "{language.context}"',
            pointer,
            explicit_id(document),
            parser_id="missingContext",
        )
        _register_unchecked(p, document, pointer, 0)
        return None
    found = read_context(p, context, pointer, PLAIN_CONTEXT[language.version], top=True, where=explicit_id(document))
    if found is None:
        _register_unchecked(p, document, pointer, 0)
    return found


def _register_unchecked(p: Parse, document: dict, pointer: str, version: int) -> None:
    """An Interface not checked (of a DTDL version not checked, or 0 when its @context is unusable): known by id, so
    that references to it say 'other version' or nothing, rather than 'undefined'."""
    ident = document.get("@id")
    if isinstance(ident, str):
        element = Unchecked(ident, p.file, pointer, None, ident, True, 0, DEFAULT)
        element.version = version
        p.models.add(element)
