"""The DTDL language as data: one `Language` per DTDL version, and the `Extension`s a context can activate.

A Language holds everything the parser and the model checks need to know about a version: its context, the
spellings of its reserved terms (each term and its DTMI), its classes with their members (`ClassSpec`,
`MemberSpec`: kind, plural, required, allowed classes or terms, counts, lengths, ranges), its standard schemas,
semantic types and units, reserved words and prefixes, limits, DTMI syntax, the extension contexts it knows,
and the phase of the official parser in which each of its errors is found. The parser and the checks take the
Language of each element (chosen by its @context, `language_of`); a difference between versions is a field of
the table, never an `if version` in the code. DTDL v2 is `v2.V2`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from .dtmi import DtmiSyntax

DTDL_CONTEXT_PREFIX = "dtmi:dtdl:context;"
UNCHECKED_VERSIONS = frozenset([3, 4])  # DTDL versions the official parser knows and dtdl-lint does not check yet
INT32 = (-(2**31), 2**31 - 1)  # the DTDL integer (xsd:int)
INT64 = (-(2**63), 2**63 - 1)  # the DTDL long
# The standard schemas by term (their DTMIs differ in version from one DTDL version to the next).
PRIMITIVE_SCHEMAS: tuple[str, ...] = ("boolean", "date", "dateTime", "double", "duration", "float", "integer", "long", "string", "time")
GEOSPATIAL_SCHEMAS: tuple[str, ...] = ("point", "multiPoint", "lineString", "multiLineString", "polygon", "multiPolygon")
NUMERIC_SCHEMAS: frozenset[str] = frozenset(["double", "float", "integer", "long"])


@dataclass(frozen=True, slots=True)
class MemberSpec:
    """How one member of a class is read: its kind (a key of the parser's readers), whether it is plural or
    required, the classes its element values may be (choice: the terms allowed), its counts, length and range.
    `name` is its DTDL name and `attribute` the model element's attribute that holds it (filled in by `members`)."""

    kind: str  # name, string, langstring, boolean, integer, literal, identifier, element, schema, choice, unit
    plural: bool = False
    required: bool = False
    classes: frozenset[str] = frozenset()  # element, schema: the classes allowed; choice: the terms allowed
    max_count: int = 0
    min_count: int = 0
    max_length: int = 0
    minimum: int | None = None  # integer: the range of its value
    maximum: int | None = None
    exactly: int | None = None  # integer: the one value allowed
    spellings: Mapping[str, str] | None = None  # choice: spelling -> term of the terms it chooses from
    refused: frozenset[str] = frozenset()  # choice: terms of `spellings` that are refused as such (not references)
    refused_id: str = ""  # ... and the official parser's id for them
    deprecated: bool = False
    needs_id: bool = False  # element: an inline value needs its own @id (it is an Interface, or a top-level schema)
    name: str = ""
    attribute: str = ""


def snake_case(name: str) -> str:
    """The Python attribute of a DTDL member: displayName -> display_name."""
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def members(**specs: MemberSpec) -> dict[str, MemberSpec]:
    """A class's member table, each MemberSpec named."""
    return {name: replace(spec, name=name, attribute=snake_case(name)) for name, spec in specs.items()}


@dataclass(eq=False)
class ClassSpec:
    """One material class: its own members, and whether @type may be left out where the position implies it."""

    name: str
    members: dict[str, MemberSpec]
    type_optional: bool = False
    unique_names: str = ""  # the plural member whose items' names (and enumValues) are unique in an element
    # filled in by Language: every spelling of every member (the common ones included) -> its spec; the required
    # members; the members whose values may be references to other elements
    spellings: dict[str, MemberSpec] = field(default_factory=dict)
    required: tuple[MemberSpec, ...] = ()
    referring: dict[str, MemberSpec] = field(default_factory=dict)


class SchemaRule(NamedTuple):
    """The schema a co-type requires of its element (IoT Central's State needs an Enum...)."""

    parser_id: str
    needs: str  # for the message: "an Enum schema"
    classes: frozenset[str] = frozenset()  # the classes of an inline schema (or a referenced one, once resolved)
    terms: frozenset[str] = frozenset()  # the schema terms accepted
    absent: bool = True  # no usable schema is accepted (the schema's own finding says what is wrong)


@dataclass(frozen=True, eq=False)
class Extension:
    """A language extension that a context value activates (IoT Central for DTDL v2): its co-types, the schemas it
    defines, the units and schemas its co-types require. Its DTMIs are understood without its context; its terms
    only where it is active."""

    label: str  # "IoT Central"
    context: str  # its context specifier
    prefix: str  # the DTMI prefix it reserves
    types: Mapping[str, str]  # spelling -> co-type
    schemas: Mapping[str, str]  # spelling -> schema term
    cotype_classes: frozenset[str]  # the classes its co-types may be given to
    unit_types: Mapping[str, str] = field(default_factory=dict)  # co-type -> the unit type of the unit it adds
    schema_rules: Mapping[str, SchemaRule] = field(default_factory=dict)  # co-type -> the schema it requires
    schema_depths: Mapping[str, int] = field(default_factory=dict)  # schema term -> the levels it nests


@dataclass(frozen=True)
class Limits:
    """The limits of a DTDL version over a whole model (the limits of one member are in its MemberSpec)."""

    contents: int  # contents of an Interface, inherited ones included
    extends_depth: int  # levels of extends
    schema_depth: int  # levels of complex schemas


@dataclass(frozen=True)
class Phases:
    """In which phase the official parser finds an error (1 documents, 2 elements, 3 references, 3.5 references
    across partitions, 4 the model as a whole): by finding code, else by parser id, else 1 for the DTL0xx
    codes (reading documents) and 2 for the rest. The parser stops after the first phase that found errors."""

    of_code: Mapping[str, float]
    of_parser_id: Mapping[str, float]

    def of(self, code: str, parser_id: str) -> float:
        found = self.of_code.get(code) or self.of_parser_id.get(parser_id.rpartition(":")[2])
        if found is not None:
            return found
        return 1 if code.startswith("DTL0") else 2


@dataclass(eq=False)
class Language:
    """One DTDL version. Built once per process (see v2.py); `__post_init__` derives the lookup tables the parser
    uses from the declared ones."""

    version: int
    context: str  # its DTDL context specifier
    dtmi: DtmiSyntax
    classes: dict[str, ClassSpec]  # material classes
    top_level: frozenset[str]  # the classes of top-level elements
    common: dict[str, MemberSpec]  # the members every class has (displayName, description, comment)
    terms: Mapping[str, Mapping[str, str]]  # what reserved terms name (class, abstract, member, schema...) -> spellings
    abstract_supplemental: frozenset[str]  # supplemental types that are abstract: never in @type
    semantic_unit_type: Mapping[str, str]  # semantic type -> the unit type of its unit
    units_of: Mapping[str, frozenset[str]]  # unit type -> its units
    numeric_schemas: frozenset[str]  # the schemas a semantic type allows
    semantic_type_classes: frozenset[str]  # the classes a semantic type may be given to
    unit: MemberSpec  # the member that semantic types (and extension co-types with a unit type) add
    extensions: tuple[Extension, ...]  # the extensions whose contexts it knows
    reserved_prefixes: tuple[str, ...]  # DTMI prefixes reserved for the language: no user @id starts with them
    name_pattern: re.Pattern  # of a name
    limits: Limits
    phases: Phases
    standard_depths: Mapping[str, int]  # standard schema -> the levels of complex schemas it nests
    primitive_classes: tuple[str, ...]  # the classes of the primitive schemas (abstract; at the top level: badType)
    feature_contexts: tuple[str, ...] = ()  # context DTMI prefixes of a later version's extensions: never usable
    feature_versions: frozenset[str] = frozenset()  # ... with these versions
    layering_context: str = ""  # the layering extension: known, its partial definitions invalid
    feature_label: str = ""  # what the feature contexts are, for messages ("a DTDL v3 extension")
    feature_cotype_classes: frozenset[str] = frozenset()  # classes a later version's co-types are a version off
    property_arrays: bool = False  # a Property's schema may hold Arrays and geospatial schemas
    complex_schema_paths: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # class -> attribute path to
    #                                                                  the schemas it holds
    label: str = field(init=False)
    primitive_schemas: frozenset[str] = field(init=False)
    geospatial_schemas: frozenset[str] = field(init=False)
    schema_by_spelling: dict[str, str] = field(init=False)  # the standard schemas of the core language
    extension_by_context: dict[str, Extension] = field(init=False)
    extension_by_base: dict[str, Extension] = field(init=False)  # its context DTMI without version -> extension
    extension_of_cotype: dict[str, Extension] = field(init=False)  # an extension's co-type -> the extension
    dtmi_of_term: dict[str, str] = field(init=False)  # every reserved term -> its DTMI
    reserved: frozenset[str] = field(init=False)  # every reserved spelling (terms and DTMIs) of the core language
    standard_elements: frozenset[str] = field(init=False)  # the DTMIs of standard elements a value may name
    value_prefixes: tuple[str, ...] = field(init=False)  # prefixes reserved where a value names an element
    other_class_by_spelling: dict[str, str] = field(init=False)  # classes that are not material (badType)
    concrete_classes: frozenset[str] = field(init=False)  # what a top-level element may be named as
    content_classes: frozenset[str] = field(init=False)
    unit_types: dict[str, str] = field(init=False)  # co-type (semantic or extension) -> unit type of its unit
    schema_rules: dict[str, SchemaRule] = field(default_factory=dict, init=False)  # extension co-type -> rule

    def __post_init__(self) -> None:
        terms = self.terms
        self.label = f"DTDL v{self.version}"
        self.primitive_schemas = frozenset(terms["primitive schema"].values())
        self.geospatial_schemas = frozenset(terms["geospatial schema"].values())
        self.schema_by_spelling = {**terms["primitive schema"], **terms["geospatial schema"]}
        self.extension_by_context = {extension.context: extension for extension in self.extensions}
        self.extension_by_base = {extension.context.rpartition(";")[0]: extension for extension in self.extensions}
        self.extension_of_cotype = {
            term: extension for extension in self.extensions for term in extension.types.values()
        }
        self.dtmi_of_term = {
            term: spelling for table in terms.values() for spelling, term in table.items() if spelling != term
        }
        self.reserved = frozenset().union(*terms.values())
        for extension in self.extensions:
            self.standard_depths = {**self.standard_depths, **extension.schema_depths}
        self.standard_elements = frozenset(
            spelling
            for table in (
                terms["primitive schema"],
                terms["geospatial schema"],
                *(extension.schemas for extension in self.extensions),
                terms["command type"],
                terms["unit"],
                terms["unit prefix"],
            )
            for spelling in table
            if spelling.startswith("dtmi:")
        )
        self.value_prefixes = (*self.reserved_prefixes, *(extension.prefix for extension in self.extensions))
        self.other_class_by_spelling = {
            spelling: term
            for table in (terms["abstract class"], terms["unit type"])
            for spelling, term in table.items()
            if term not in self.abstract_supplemental
        }
        self.concrete_classes = frozenset([*self.classes, *terms["unit type"].values(), *self.primitive_classes])
        self.content_classes = self.classes["Interface"].members["contents"].classes
        self.unit_types = dict(self.semantic_unit_type)
        for extension in self.extensions:
            self.unit_types.update(extension.unit_types)
            self.schema_rules.update(extension.schema_rules)
        member_by_spelling = terms["member"]
        for spec in self.classes.values():
            spec.spellings.update(
                (spelling, spec.members.get(member) or self.common[member])
                for spelling, member in member_by_spelling.items()
                if member in spec.members or member in self.common
            )
            spec.required = tuple(m for m in spec.members.values() if m.required)
            spec.referring.update(
                (name, member)
                for name, member in spec.members.items()
                if member.kind in ("element", "schema", "choice")
            )

    def spelled(self, kind: str, spelling: object) -> str | None:
        """The term `spelling` names among the reserved terms of `kind` ("member", "unit"...), or None."""
        return self.terms[kind].get(spelling) if isinstance(spelling, str) else None


def spellings(prefix: str, terms: Iterable[str], suffix: str) -> dict[str, str]:
    """Each term and its DTMI (`prefix` + term + `suffix`) -> the term."""
    listed = list(terms)
    return {**{t: t for t in listed}, **{f"{prefix}{t}{suffix}": t for t in listed}}


def language_of(version: int) -> Language | None:
    """The Language of a DTDL major version, if dtdl-lint checks it."""
    return LANGUAGES.get(version)


from .v2 import V2  # noqa: E402  (the table of v2 is built from the types above)

LANGUAGES: dict[int, Language] = {2: V2}
DEFAULT = V2  # the language of what names no DTDL version: a top-level element without a usable @context
