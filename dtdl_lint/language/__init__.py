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

from .dtmi import DtmiSyntax

DTDL_CONTEXT_PREFIX = "dtmi:dtdl:context;"
UNCHECKED_VERSIONS = frozenset([4])  # DTDL versions the official parser knows and dtdl-lint does not check yet
# The standard schemas by term (their DTMIs differ in version from one DTDL version to the next).
PRIMITIVE_SCHEMAS: frozenset[str] = frozenset(
    ["boolean", "date", "dateTime", "double", "duration", "float", "integer", "long", "string", "time"]
)
NUMERIC_SCHEMAS: frozenset[str] = frozenset(["double", "float", "integer", "long"])
# the least and the greatest value of the integral schemas
INTEGRAL_RANGES: dict[str, tuple[int, int]] = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}
INT32: tuple[int, int] = INTEGRAL_RANGES["integer"]
# The geospatial schemas (GeoJSON geometries), each with the number of arrays around a position in its coordinates.
GEOSPATIAL_NESTING: dict[str, int] = {
    "point": 0,
    "multiPoint": 1,
    "lineString": 1,
    "multiLineString": 2,
    "polygon": 2,
    "multiPolygon": 3,
}
GEOSPATIAL_SCHEMAS: frozenset[str] = frozenset(GEOSPATIAL_NESTING)

# R-DURATION of the rules catalog with ASCII digits; grammars/duration.lark is the same language.
# (The values of the duration schema, and the extension members that take a duration.)
DURATION = re.compile(
    r"P(?!$)(?:(?:(?:[0-9]+Y|[0-9]+\.[0-9]+Y$)?(?:[0-9]+M|[0-9]+\.[0-9]+M$)?)|(?:[0-9]+W|[0-9]+\.[0-9]+W$)?)"
    r"(?:[0-9]+D|[0-9]+\.[0-9]+D$)?"
    r"(?:T(?!$)(?:[0-9]+H|[0-9]+\.[0-9]+H$)?(?:[0-9]+M|[0-9]+\.[0-9]+M$)?(?:[0-9]+(?:\.[0-9]+)?S)?)?"
)

# A DTDL name: of an element (its `name`), and for IoT Hub of every property, component, field and Map key of a twin.
NAME_PATTERN: re.Pattern[str] = re.compile(r"[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?")
MAX_NAME_LENGTH: int = 64


def is_name(text: str) -> bool:
    """Is `text` a DTDL name (NAME_PATTERN, at most MAX_NAME_LENGTH characters)?"""
    return len(text) <= MAX_NAME_LENGTH and NAME_PATTERN.fullmatch(text) is not None


class MemberSpec:
    """How one member of a class is read: its kind (a key of the parser's readers), whether it is plural or
    required, the classes its element values may be (choice: the terms allowed), its counts, length and range.
    `name` is its DTDL name and `attribute` the model element's attribute that holds it (filled in by `members`).
    (Plain classes, here and below: the tables are built at every start of the command line.)"""

    __slots__ = (
        "attribute",
        "classes",
        "deprecated",
        "exactly",
        "kind",
        "max_count",
        "max_length",
        "maximum",
        "min_count",
        "minimum",
        "name",
        "needs_id",
        "pattern",
        "plural",
        "refused",
        "refused_id",
        "required",
        "spellings",
    )

    def __init__(
        self,
        kind: str,
        plural: bool = False,
        required: bool = False,
        classes: frozenset[str] = frozenset(),
        *,
        max_count: int = 0,
        min_count: int = 0,
        max_length: int = 0,
        minimum: int | None = None,
        maximum: int | None = None,
        exactly: int | None = None,
        spellings: Mapping[str, str] | None = None,
        refused: frozenset[str] = frozenset(),
        refused_id: str = "",
        deprecated: bool = False,
        needs_id: bool = False,
        pattern: re.Pattern[str] | None = None,
    ) -> None:
        # name, string, term, pattern, duration, langstring, boolean, integer, literal, identifier, element, schema,
        # choice, unit
        self.kind = kind
        self.plural = plural
        self.required = required
        self.classes = classes  # element, schema: the classes allowed; choice: the terms allowed
        self.max_count = max_count
        self.min_count = min_count
        self.max_length = max_length
        self.minimum = minimum  # integer: the range of its value
        self.maximum = maximum
        self.exactly = exactly  # integer: the one value allowed
        self.spellings = spellings  # choice: spelling -> term of the terms it chooses from
        self.refused = refused  # choice: terms of `spellings` refused as such (not taken for references)
        self.refused_id = refused_id  # ... and the official parser's id for them (pattern: for a value not of it)
        self.deprecated = deprecated
        self.needs_id = needs_id  # element: an inline value needs its own @id (an Interface, a top-level schema)
        self.pattern = pattern  # pattern: the form of its value
        self.name = ""
        self.attribute = ""

    def named(self, name: str) -> MemberSpec:
        """This spec as the member `name`. (Copied slot by slot: copy.copy takes ten times as long, and the tables
        make a few hundred at every start.)"""
        found = MemberSpec.__new__(MemberSpec)
        for slot in MemberSpec.__slots__:
            setattr(found, slot, getattr(self, slot))
        found.name = name
        found.attribute = snake_case(name)
        return found

    def __repr__(self) -> str:
        return f"MemberSpec({self.name or self.kind})"


def snake_case(name: str) -> str:
    """The Python attribute of a DTDL member: displayName -> display_name."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def members(**specs: MemberSpec) -> dict[str, MemberSpec]:
    """A class's member table, each MemberSpec named."""
    return {name: spec.named(name) for name, spec in specs.items()}


class ClassSpec:
    """One material class: its own members, whether @type may be left out where the position implies it, and which
    plural member's items have names unique in an element. Language fills in `spellings` (every spelling of every
    member, the common ones included -> its spec), `required` and `referring` (the members whose values may be
    references to other elements)."""

    def __init__(
        self, name: str, members: dict[str, MemberSpec], *, type_optional: bool = False, unique_names: str = ""
    ) -> None:
        self.name: str = name
        self.members: dict[str, MemberSpec] = members
        self.type_optional = type_optional
        self.unique_names = unique_names
        self.spellings: dict[str, MemberSpec] = {}
        self.required: tuple[MemberSpec, ...] = ()
        self.referring: dict[str, MemberSpec] = {}


class SchemaRule:
    """The schema a co-type requires of its element (IoT Central's State needs an Enum...): the classes of an inline
    schema (or of a referenced one, once resolved) and the schema terms it accepts; whether it accepts that no usable
    schema was given (the schema's own finding says what is wrong)."""

    def __init__(
        self,
        parser_id: str,
        needs: str,
        *,
        classes: frozenset[str] = frozenset(),
        terms: frozenset[str] = frozenset(),
        absent: bool = True,
    ) -> None:
        self.parser_id = parser_id
        self.needs = needs  # for the message: "an Enum schema"
        self.classes = classes
        self.terms = terms
        self.absent = absent


class Extension:
    """A language extension that a context value activates (IoT Central for DTDL v2): its co-types, the schemas it
    defines, the units and schemas its co-types require. Its DTMIs are understood without its context; its terms
    only where it is active."""

    def __init__(
        self,
        *,
        label: str,
        context: str,
        prefix: str,
        types: Mapping[str, str],
        schemas: Mapping[str, str],
        cotype_classes: frozenset[str],
        unit_types: Mapping[str, str],
        schema_rules: Mapping[str, SchemaRule],
        schema_depths: Mapping[str, int],
        type_classes: Mapping[str, frozenset[str]] | None = None,
        members: Mapping[str, Mapping[str, MemberSpec]] | None = None,
        cocotypes: Mapping[str, str] | None = None,
        versions: frozenset[int] = frozenset([2]),
        semantic: bool = False,
        before_dtdl: bool = False,
        units: Mapping[str, str] | None = None,
        unit_member: Mapping[str, str] | None = None,
    ) -> None:
        self.label = label  # "IoT Central"
        self.context = context  # its context specifier
        self.prefix = prefix  # the DTMI prefix it reserves
        self.types = types  # spelling -> co-type
        self.schemas = schemas  # spelling -> schema term
        self.cotype_classes = cotype_classes  # the classes its co-types may be given to
        self.unit_types = unit_types  # co-type -> the unit type of the unit it adds
        self.schema_rules = schema_rules  # co-type -> the schema it requires
        self.schema_depths = schema_depths  # schema term -> the levels of complex schemas it nests
        self.type_classes = type_classes or {}  # co-type -> the classes it may be given to (else cotype_classes)
        self.members = members or {}  # co-type -> the members it adds, by spelling (each term and its DTMI)
        self.cocotypes = cocotypes or {}  # co-type -> the co-type it requires beside it
        self.versions = versions  # the DTDL versions of the elements its co-types may be given to
        self.semantic = semantic  # its co-types are semantic types (a unit of their unit type, a numeric schema)
        self.before_dtdl = before_dtdl  # its context may come before the DTDL context (tolerated, with a warning)
        self.units = units or {}  # spelling -> the unit it names (QuantitativeTypes)
        self.unit_member = unit_member or {}  # spellings of the `unit` member its semantic types add
        self.terms = frozenset(  # the terms it defines (co-types, schemas, members)
            spelling
            for table in (types, schemas, self.units, self.unit_member, *self.members.values())
            for spelling in table
            if not spelling.startswith("dtmi:")
        )

    def classes_of(self, cotype: str) -> frozenset[str]:
        """The classes the co-type `cotype` may be given to."""
        return self.type_classes.get(cotype, self.cotype_classes)


class Limits:
    """The limits of a DTDL version over a whole model (the limits of one member are in its MemberSpec): contents of
    an Interface, inherited ones included; levels of extends; levels of complex schemas; the size of an Interface's
    hierarchy and of its extends hierarchy."""

    def __init__(
        self,
        *,
        contents: int,
        extends_depth: int,
        schema_depth: int,
        hierarchy: int = 0,
        extends_total: int = 0,
        interface_text: int = 0,
    ) -> None:
        self.contents = contents  # 0: no limit
        self.extends_depth = extends_depth
        self.schema_depth = schema_depth
        self.hierarchy = hierarchy  # elements in an Interface's hierarchy, counted per path (0: no limit)
        self.extends_total = extends_total  # Interfaces in its extends hierarchy, counted per path (0: no limit)
        # the JSON text of an Interface, nested Interfaces written as their ids, in UTF-16 code units (0: no limit)
        self.interface_text = interface_text


class Phases:
    """In which phase the official parser finds an error (1 documents, 2 elements, 3 references, 3.5 references
    across partitions, 4 the model as a whole): by finding code, else by parser id, else 1 for the DTL0xx
    codes (reading documents) and 2 for the rest. The parser stops after the first phase that found errors."""

    def __init__(self, of_code: Mapping[str, float], of_parser_id: Mapping[str, float]) -> None:
        self.of_code: Mapping[str, float] = of_code
        self.of_parser_id: Mapping[str, float] = of_parser_id

    def of(self, code: str, parser_id: str) -> float:
        found = self.of_code.get(code) or self.of_parser_id.get(parser_id.rpartition(":")[2])
        if found is not None:
            return found
        return 1 if code.startswith("DTL0") else 2


class Language:
    """One DTDL version, built once per process (see v2.py). What the parser and the checks look up is derived here
    from what a version declares."""

    def __init__(
        self,
        *,
        version: int,
        context: str,
        dtmi: DtmiSyntax,
        classes: dict[str, ClassSpec],
        top_level: frozenset[str],
        common: dict[str, MemberSpec],
        terms: Mapping[str, Mapping[str, str]],
        abstract_supplemental: frozenset[str],
        semantic_unit_type: Mapping[str, str],
        units_of: Mapping[str, frozenset[str]],
        numeric_schemas: frozenset[str],
        semantic_type_classes: frozenset[str],
        unit: MemberSpec,
        extensions: tuple[Extension, ...],
        reserved_prefixes: tuple[str, ...],
        name_pattern: re.Pattern,
        limits: Limits,
        phases: Phases,
        standard_depths: Mapping[str, int],
        primitive_classes: tuple[str, ...],
        complex_schema_paths: Mapping[str, tuple[str, ...]],
        feature_contexts: tuple[str, ...] = (),
        feature_versions: frozenset[str] = frozenset(),
        layering_context: str = "",
        feature_label: str = "",
        feature_cotype_classes: frozenset[str] = frozenset(),
        property_arrays: bool = False,
        undefined_extensions: bool = True,
        closed: bool = False,
        restricted_keywords: bool = False,
        other_versions: frozenset[int] = frozenset(),
        same_version_members: frozenset[str] = frozenset(),
        wrong_unit_id: str = "notRequiredType",
        misplaced_contexts: tuple[str, ...] = (),
        foreign_classes: Mapping[str, str] | None = None,
        other_name_keys: tuple[str, ...] = (),
        foreign_elements: frozenset[str] = frozenset(),
        unusable_id_stops: bool = False,
    ) -> None:
        self.version = version
        self.label = f"DTDL v{version}"
        self.context = context  # its DTDL context specifier
        self.dtmi = dtmi  # the syntax of its identifiers
        self.classes = classes  # material classes
        self.top_level = top_level  # the classes of top-level elements
        self.common = common  # the members every class has (displayName, description, comment)
        self.terms: Mapping[str, Mapping[str, str]] = (
            terms  # what reserved terms name (class, abstract class, member, schema...) -> their spellings
        )
        self.abstract_supplemental = abstract_supplemental  # supplemental types that are abstract: never in @type
        self.semantic_unit_type = semantic_unit_type  # semantic type -> the unit type of its unit
        self.units_of = units_of  # unit type -> its units
        self.numeric_schemas = numeric_schemas  # the schemas a semantic type allows
        self.semantic_type_classes = semantic_type_classes  # the classes a semantic type may be given to
        self.unit = unit  # the member that semantic types (and extension co-types with a unit type) add
        self.extensions = extensions  # the extensions whose contexts it knows
        self.reserved_prefixes = reserved_prefixes  # DTMI prefixes reserved for the language: no user @id has one
        self.name_pattern = name_pattern  # of a name
        self.limits = limits
        self.phases = phases
        self.primitive_classes = primitive_classes  # the classes of the primitive schemas (at the top level: badType)
        self.complex_schema_paths = complex_schema_paths  # class -> the attribute path to the schemas it holds
        self.feature_contexts = feature_contexts  # context DTMI prefixes of a later version's extensions: unusable
        self.feature_versions = feature_versions  # ... with these versions
        self.layering_context = layering_context  # the layering extension: known, its partial definitions invalid
        self.feature_label = feature_label  # what the feature contexts are, for messages ("a DTDL v3 extension")
        self.feature_cotype_classes = feature_cotype_classes  # classes a later version's co-types are a version off
        self.property_arrays = property_arrays  # a Property's schema may hold Arrays and geospatial schemas
        self.undefined_extensions = undefined_extensions  # by default, an undefined extension context is allowed
        # undefined terms, IRIs and irrelevant terms as co-types or member names are errors (unless an undefined
        # extension context is active, which makes the element informally co-typed)
        self.closed = closed
        self.restricted_keywords = restricted_keywords  # an element may carry no @keyword but its own
        self.other_versions = other_versions  # the DTDL versions whose elements its elements may hold
        self.same_version_members = same_version_members  # ... except in these members
        self.wrong_unit_id = wrong_unit_id  # the parser's id for a unit that is not one of its semantic type's
        self.misplaced_contexts = misplaced_contexts  # context prefixes of another version's limits: misplaced here
        self.foreign_elements = foreign_elements  # the standard elements of another version: known, never fitting
        # a top-level element whose @id is unusable is not read further (the official parser does so for v2 too;
        # v2's findings are kept as they were)
        self.unusable_id_stops = unusable_id_stops
        # derived
        self.geospatial_schemas = frozenset(terms["geospatial schema"].values())
        self.schema_by_spelling = {**terms["primitive schema"], **terms["geospatial schema"]}  # its standard schemas
        self.extension_by_context = {extension.context: extension for extension in extensions}
        self.extension_by_base = {extension.context.rpartition(";")[0]: extension for extension in extensions}
        self.extension_of_cotype = {  # (a term several versions of an extension define: the first)
            term: extension for extension in reversed(extensions) for term in extension.types.values()
        }
        self.dtmi_of_term = {  # every reserved term -> its DTMI
            term: spelling for table in terms.values() for spelling, term in table.items() if spelling != term
        }
        self.reserved: frozenset[str] = frozenset().union(*terms.values())  # every reserved spelling of the core
        self.standard_depths = dict(standard_depths)  # standard schema -> the levels of complex schemas it nests
        self.unit_types = dict(semantic_unit_type)  # co-type (semantic or extension) -> the unit type of its unit
        self.schema_rules: dict[str, SchemaRule] = {}  # extension co-type -> the schema it requires
        self.cotype_members: dict[str, dict[str, MemberSpec]] = {}  # extension co-type -> its members by spelling
        for extension in extensions:
            for cotype, added in extension.members.items():
                self.cotype_members.setdefault(cotype, {}).update(added)
            self.standard_depths.update(extension.schema_depths)
            self.unit_types.update(extension.unit_types)
            self.schema_rules.update(extension.schema_rules)
        self.standard_elements: frozenset[str] = frozenset(  # the DTMIs of the standard elements a value may name
            spelling
            for table in (
                terms["primitive schema"],
                terms["geospatial schema"],
                *(extension.schemas for extension in extensions),
                terms["command type"],
                terms["unit"],
                terms["unit prefix"],
            )
            for spelling in table
            if spelling.startswith("dtmi:")
        )
        self.value_prefixes = (*reserved_prefixes, *(extension.prefix for extension in extensions))
        self.other_class_by_spelling = {  # classes that are not material: named in @type, they are a misfit
            **{
                spelling: term
                for table in (terms["abstract class"], terms["unit type"])
                for spelling, term in table.items()
                if term not in abstract_supplemental
            },
            **(foreign_classes or {}),  # the class DTMIs of another version
        }
        # the keys whose value names an element for the id made for it: its name, and those of other versions
        self.id_name_keys = ("name", self.dtmi_of_term["name"], *other_name_keys)
        self.concrete_classes = frozenset([*classes, *terms["unit type"].values(), *primitive_classes])
        self.content_classes = classes["Interface"].members["contents"].classes
        for spec in classes.values():
            _complete(spec, terms["member"], common)

    def spelled(self, kind: str, spelling: object) -> str | None:
        """The term `spelling` names among the reserved terms of `kind` ("member", "unit"...), or None."""
        return self.terms[kind].get(spelling) if isinstance(spelling, str) else None

    def __repr__(self) -> str:
        return f"Language({self.label})"


def _complete(spec: ClassSpec, member_by_spelling: Mapping[str, str], common: dict[str, MemberSpec]) -> None:
    """Fill in what a ClassSpec derives from its members and the language's."""
    spec.spellings = {
        spelling: spec.members.get(member) or common[member]
        for spelling, member in member_by_spelling.items()
        if member in spec.members or member in common
    }
    spec.required = tuple(m for m in spec.members.values() if m.required)
    spec.referring = {n: m for n, m in spec.members.items() if m.kind in ("element", "schema", "choice")}


def spellings(prefix: str, terms: Iterable[str], suffix: str) -> dict[str, str]:
    """Each term and its DTMI (`prefix` + term + `suffix`) -> the term."""
    listed = list(terms)
    return {**{t: t for t in listed}, **{f"{prefix}{t}{suffix}": t for t in listed}}


def language_of(version: int) -> Language | None:
    """The Language of a DTDL major version, if dtdl-lint checks it."""
    return LANGUAGES.get(version)


from .v2 import V2  # noqa: E402  (the tables are built from the types above)
from .v3 import V3  # noqa: E402

LANGUAGES: dict[int, Language] = {2: V2, 3: V3}
DEFAULT = V2  # the language of what names no DTDL version: a top-level element without a usable @context
