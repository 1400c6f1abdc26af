"""Checks over a whole model set: references, duplicates, inheritance, names, limits and hierarchy.

Each check is a generator over a ModelSet (its elements as parsed, the language of each, and inheritance as the
ModelSet works it out) yielding Diagnostics; CHECKS lists them in run order. `gate` keeps the findings the
official parser would report, phase by phase (`Language.phases`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping

from . import codes
from .diagnostics import Code, Diagnostic, clip, listing, show
from .language import DEFAULT, GEOSPATIAL_NESTING, Phases
from .language.dtmi import repository_path
from .model import Element, Interface, Unchecked, label
from .modelset import ModelSet, strongly_connected
from .source import Positions, utf16_length

ON_CYCLE, REACHES_CYCLE = -2, -1  # the depth of a complex schema on a cycle, and of one that leads to a cycle


def report(code: Code, message: str, element: Element, pointer: str = "", parser_id: str | None = None) -> Diagnostic:
    return code(message, file=element.source, pointer=pointer or element.pointer, dtmi=element.id, parser_id=parser_id)


def duplicate_definitions(models: ModelSet) -> Iterator[Diagnostic]:
    """@id values are unique across all elements of all documents."""
    for element in models.duplicates:
        first = models.elements[element.id]
        yield report(
            codes.DUPLICATE_DEFINITION,
            f"{clip(element.id)} is defined twice (also at {first.source} {clip(first.pointer or '/')})",
            element,
            element.pointer + "/@id",
        )


def references(models: ModelSet) -> Iterator[Diagnostic]:
    """Dependent references resolve to an element of an allowed class, in a reachable partition and version."""
    missing: dict[tuple[str, str], list[tuple[Element, str, str]]] = {}
    elements = models.elements
    for element in models.parsed:
        if not element.references:
            continue
        table = element.language.classes[element.cls].referring
        for member, value, pointer in element.references:
            target = elements.get(value)
            if target is None:
                missing.setdefault((element.source, value), []).append((element, member, pointer))
                continue
            found = _wrong_target(element, member, table[member].classes, value, target, pointer)
            if found is not None:
                yield found
    for (_, value), uses in missing.items():
        element, member, pointer = uses[0]
        where = "; ".join(f"'{m}' of {clip(e.id)}" for e, m, _ in uses[:5])
        more = f" and {len(uses) - 5} more" if len(uses) > 5 else ""
        if models.repo is None:
            code, problem = codes.UNRESOLVED_REFERENCE, "is not defined in the models given"
        else:  # looked for in a model repository, where its DTMI says
            code, problem = codes.MISSING_DEPENDENCY, f"is not in the repository ({repository_path(value)} lacks it)"
        yield report(code, f"{clip(value)} {problem} (used by {where}{more})", element, pointer)


def _wrong_target(
    element: Element, member: str, classes: frozenset[str], value: str, target: Element, pointer: str
) -> Diagnostic | None:
    """What is wrong with the element a reference resolves to: its DTDL version, its class, its partition."""
    if isinstance(target, Unchecked):
        if not target.version:
            return None  # its document was rejected as a whole: enough
        return report(
            codes.MIXED_VERSION,
            f"'{member}' of {clip(element.id)} refers to {clip(value)}, which is defined in DTDL v{target.version}",
            element,
            pointer,
            parser_id="disallowedVersionReference",
        )
    language = element.language
    if target.language is not language and (
        target.language.version not in language.other_versions or member in language.same_version_members
    ):
        return report(
            codes.MIXED_VERSION,
            f"'{member}' of {clip(element.id)} refers to {clip(value)}, which is defined in "
            f"{target.language.label}; a {language.label} {element.cls} may not refer to it here",
            element,
            pointer,
            parser_id="disallowedVersionReference",
        )
    if target.cls not in classes:
        return report(
            codes.WRONG_REFERENCE_TYPE,
            f"'{member}' of {clip(element.id)} refers to "
            f"{clip(value)}, a {target.cls}; expected {' or '.join(sorted(classes))}",
            element,
            pointer,
            parser_id="badType",
        )
    if target.cls != "Interface" and target.parent is not None and target.partition != element.partition:
        return report(
            codes.CROSS_PARTITION_REFERENCE,
            f"'{member}' of {clip(element.id)} refers to "
            f"{clip(value)}, which belongs to {clip(target.partition)}; only Interfaces, "
            "top-level elements and elements of the same Interface can be referred to",
            element,
            pointer,
        )
    return None


def unresolved(models: ModelSet) -> set[str]:
    """The DTMIs that dependent references of the model set name but no element defines."""
    elements = models.elements
    return {value for element in models.parsed for _, value, _ in element.references if value not in elements}


def extends_hierarchy(models: ModelSet) -> Iterator[Diagnostic]:
    """No extends cycle; extends chains no longer than the language allows (10 levels in DTDL v2)."""
    inheritance = models.inheritance
    inheritance.walk()
    cyclic = inheritance.cyclic
    for interface in inheritance.interfaces:
        if interface in cyclic:
            yield report(
                codes.EXTENDS_CYCLE,
                f"{clip(interface.id)} extends itself (through {listing(b.id for b in inheritance.bases(interface))})",
                interface,
                interface.where.get("extends", ""),
            )
        elif inheritance.extends_depth[interface] > interface.language.limits.extends_depth:
            yield report(
                codes.EXTENDS_TOO_DEEP,
                f"{clip(interface.id)} has an extends chain longer than {interface.language.limits.extends_depth}",
                interface,
                interface.where.get("extends", ""),
            )


def content_names(models: ModelSet) -> Iterator[Diagnostic]:
    """Content names are unique in an Interface, inherited contents included; at most so many contents (300)."""
    inheritance = models.inheritance
    inheritance.walk()
    for interface in inheritance.interfaces:
        limit = interface.language.limits.contents
        named = inheritance.named_of(interface)
        if len(named) > 1:
            seen: dict[str, Element] = {}
            for content, name in named:
                first = seen.setdefault(name, content)
                if first is not content and not (content.explicit_id and content.id == first.id):
                    yield report(
                        codes.DUPLICATE_NAME,
                        f"{clip(interface.id)} has two contents named '{clip(name)}'",
                        content,
                        parser_id="nonUniquePropertyValue",
                    )
        if not interface.extends:
            own = inheritance.own(interface)
            if limit and len(own) > limit:
                yield report(
                    codes.TOO_MANY_CONTENTS,
                    f"{clip(interface.id)} has {len(own)} contents; at most {limit} are allowed",
                    interface,
                    interface.pointer + "/contents",
                )
            continue
        if interface in inheritance.clashing:
            yield from _inherited_conflicts(models, interface)
        count = inheritance.size[interface]
        if limit and count > limit:
            yield report(
                codes.TOO_MANY_CONTENTS,
                f"{clip(interface.id)} has {count} contents with the inherited ones; at most {limit} are allowed",
                interface,
                interface.pointer + "/contents",
            )


def _inherited_conflicts(models: ModelSet, interface: Interface) -> Iterator[Diagnostic]:
    """The names of `interface`'s closure with several elements that come neither from its own contents
    alone nor from a single base."""
    inheritance = models.inheritance
    own = inheritance.own(interface)
    own_names = {name for _, name in inheritance.named_of(interface)}
    bases = inheritance.bases(interface)
    for name, elements in [(n, e) for n, e in inheritance.closure(interface).items() if len(e) > 1]:
        if name in own_names and sum(1 for e in elements if e in own) > 1:
            continue
        if any(len(inheritance.closure(b).get(name, ())) > 1 for b in bases):
            continue
        owners = listing(e.id for e in elements)
        yield report(
            codes.INHERITED_NAME_CONFLICT,
            f"'{clip(name)}' names several contents of {clip(interface.id)} through extends ({owners})",
            interface,
            interface.pointer + "/" + ("contents" if interface.contents else "extends"),
        )


def collection_names(models: ModelSet) -> Iterator[Diagnostic]:
    """Names unique among an Object's fields, an Enum's enumValues, a Relationship's properties; enumValues
    unique in an Enum."""
    for element in models.parsed:
        spec = element.language.classes.get(element.cls)
        member = spec.unique_names if spec is not None else ""
        if not member:
            continue
        names: set[str] = set()
        literals: set[tuple[type, object]] = set()
        for item, pointer in _items(models, element, member):
            name = getattr(item, "name", None)
            if isinstance(name, str):
                if name in names:
                    yield report(
                        codes.DUPLICATE_NAME,
                        f"{element.cls} {clip(element.id)} has two {member} named '{clip(name)}'",
                        item,
                        pointer,
                        parser_id="nonUniquePropertyValue",
                    )
                names.add(name)
            literal = getattr(item, "enum_value", None)
            if member == "enumValues" and literal is not None:
                key = (type(literal), literal)
                if key in literals:
                    yield report(
                        codes.DUPLICATE_NAME,
                        f"Enum {clip(element.id)} has enumValue {show(literal)} twice",
                        item,
                        item.where["enumValue"],
                        parser_id="nonUniquePropertyValue",
                    )
                literals.add(key)


def _items(models: ModelSet, element: Element, member: str) -> Iterator[tuple[Element, str]]:
    """The elements a plural member holds or refers to, each with the pointer of its value."""
    pointers = iter([pointer for name, _, pointer in element.references if name == member])
    for value in getattr(element, element.language.classes[element.cls].members[member].attribute):
        pointer = value.pointer if isinstance(value, Element) else next(pointers)
        item = models.resolve(value)
        if item is not None:
            yield item, pointer


def components(models: ModelSet) -> Iterator[Diagnostic]:
    """The Interface of a Component contains no Component, its inherited contents included."""
    inheritance = models.inheritance
    for element in models.parsed:
        if element.cls != "Component":
            continue
        schema = models.resolve(element.schema)  # type: ignore[attr-defined]
        if schema is None or schema.cls != "Interface":
            continue
        nested = [c for elements in inheritance.closure(schema).values() for c in elements if c.cls == "Component"]
        if nested:
            cycle = any(c is element for c in nested) or schema.id == element.partition
            code = codes.COMPONENT_CYCLE if cycle else codes.NESTED_COMPONENT
            yield report(
                code,
                f"Component {clip(str(getattr(element, 'name', None)))} uses {clip(schema.id)}, which itself "
                f"has Component {clip(str(getattr(nested[0], 'name', None)))}",
                element,
                element.where["schema"],
                parser_id="excludedType",
            )


def schema_depths(models: ModelSet) -> dict[Element, int]:
    """Every complex schema's depth (schema/elementSchema edges to the deepest leaf, a geospatial schema counting
    its own levels), ON_CYCLE or REACHES_CYCLE where there is none; computed deepest first, in one pass."""
    depths: dict[Element, int] = {}
    complex_schemas = [e for e in models.parsed if e.cls in e.language.complex_schema_paths]
    for members, cyclic in strongly_connected(complex_schemas, lambda e: complex_children(models, e), {}):
        if cyclic:
            depths.update(dict.fromkeys(members, ON_CYCLE))
            continue
        deepest = 0
        for child in child_schemas(models, members[0]):
            element = models.resolve(child)
            if element is not None and element.cls in element.language.complex_schema_paths:
                depth = depths[element]
            elif isinstance(child, str) and not child.startswith("dtmi:"):
                depth = members[0].language.standard_depths.get(child, 0)
            else:
                depth = 0
            if depth < 0:
                deepest = REACHES_CYCLE
                break
            deepest = max(deepest, depth)
        depths[members[0]] = REACHES_CYCLE if deepest < 0 else deepest + 1
    return depths


def complex_children(models: ModelSet, element: Element) -> list[Element]:
    """The complex schemas one schema/elementSchema edge below a complex schema."""
    return [
        child
        for child in map(models.resolve, child_schemas(models, element))
        if child is not None and child.cls in child.language.complex_schema_paths
    ]


def child_schemas(models: ModelSet, element: Element) -> list[object]:
    """The schemas one schema/elementSchema edge below a complex schema (the language's `complex_schema_paths`:
    an Array's elementSchema, the schema of a Map's mapValue and of an Object's fields)."""
    member, *rest = element.language.complex_schema_paths[element.cls]
    value = getattr(element, member)
    values: list[object] = list(value) if isinstance(value, (list, tuple)) else [] if value is None else [value]
    for attribute in rest:
        holders = [holder for holder in map(models.resolve, values) if holder is not None]
        values = [v for v in (getattr(holder, attribute, None) for holder in holders) if v is not None]
    return values


def schema_hierarchy(models: ModelSet) -> Iterator[Diagnostic]:
    """Complex schemas nest no deeper than the language allows (5 levels in DTDL v2) and never contain themselves. A
    chain that is too deep is reported once, with its depth, where it starts: at the schemas no complex schema that
    is itself too deep holds."""
    depths = schema_depths(models)
    held = {
        child
        for element, depth in depths.items()
        if depth > element.language.limits.schema_depth
        for child in complex_children(models, element)
    }
    for element in models.parsed:
        depth = depths.get(element)
        if depth is None:
            continue
        if depth == ON_CYCLE:
            yield report(
                codes.RECURSIVE_SCHEMA,
                f"{element.cls} {clip(element.id)} contains itself",
                element,
                parser_id="recursiveStructureWide",
            )
        elif depth > element.language.limits.schema_depth and element not in held:
            yield report(
                codes.SCHEMA_TOO_DEEP,
                f"{element.cls} {clip(element.id)} nests {depth} levels deep; "
                f"at most {element.language.limits.schema_depth} are allowed",
                element,
            )


def arrays_in_properties(models: ModelSet) -> Iterator[Diagnostic]:
    """No Array and no geospatial schema anywhere in a Property's schema (in DTDL v2)."""
    for element in models.parsed:
        if element.cls != "Property" or element.language.property_arrays:
            continue
        schema = element.schema  # type: ignore[attr-defined]
        if schema is None:
            continue
        found = _array_below(models, element, schema)
        if found:
            yield report(
                codes.ARRAY_IN_PROPERTY,
                f"Property {clip(str(getattr(element, 'name', None)))} has {found} in its "
                "schema; Properties may not contain Arrays",
                element,
                element.where["schema"],
            )


def _array_below(models: ModelSet, property: Element, schema: object) -> str:
    geospatial = property.language.geospatial_schemas
    if isinstance(schema, str) and not schema.startswith("dtmi:"):  # a term: primitive, geospatial or unknown
        return f"the geospatial schema {schema}" if schema in geospatial else ""
    pending = [schema]
    seen: set[Element] = set()
    while pending:
        value = pending.pop()
        if isinstance(value, str) and value in geospatial:
            return f"the geospatial schema {value}"
        element = models.resolve(value)
        if element is None or element in seen:
            continue
        seen.add(element)
        if element.cls == "Array":
            return f"Array {clip(element.id)}"
        if element.cls in ("Map", "Object"):
            pending.extend(child_schemas(models, element))
    return ""


def cotype_references(models: ModelSet) -> Iterator[Diagnostic]:
    """A co-type that requires a schema of some class (IoT Central's State: an Enum) requires it of a referenced
    schema too."""
    for element in models.parsed:
        for adjunct in element.adjuncts:
            rule = element.language.schema_rules.get(adjunct)
            schema = getattr(element, "schema", None)
            if rule is None or not rule.classes or not isinstance(schema, str):
                continue
            target = models.resolve(schema)
            if target is not None and target.cls not in rule.classes:
                kind = f"{element.language.extension_of_cotype[adjunct].label} type {adjunct}"
                yield report(
                    codes.SCHEMA_NOT_FOR_COTYPE,
                    f"{element.cls} of {kind} needs {rule.needs}, found {target.cls} {clip(target.id)}",
                    element,
                    element.where["schema"],
                    parser_id=rule.parser_id,
                )


Check = Callable[[ModelSet], Iterator[Diagnostic]]
# the members whose values count in DTDL v3's hierarchy limit (as their attributes)
COUNTED = (
    "contents",
    "fields",
    "enum_values",
    "request",
    "response",
    "properties",
    "schema",
    "element_schema",
    "map_value",
)


def hierarchy_sizes(models: ModelSet) -> Iterator[Diagnostic]:
    """DTDL v3's limits over an Interface's hierarchy: the elements below its contents (those it inherits, and the
    Interfaces of its Components, included) and the Interfaces it extends, both counted per path as the official
    parser counts them (a schema used twice counts twice)."""
    sizes: dict[int, int] = {}
    extended: dict[int, int] = {}
    for interface in models.inheritance.interfaces:
        limits = interface.language.limits
        if limits.hierarchy and (count := _size(models, interface, sizes)) > limits.hierarchy:
            yield report(
                codes.TOO_MANY_CONTENTS,
                f"{clip(interface.id)} has {count} elements in its hierarchy; at most {limits.hierarchy} are allowed",
                interface,
                interface.pointer + "/contents",
                parser_id="excessiveCount",
            )
        if limits.extends_total and (count := _extended(models, interface, extended)) > limits.extends_total:
            yield report(
                codes.TOO_MANY_EXTENDS,
                f"{clip(interface.id)} extends {count} Interfaces, counted per path; at most {limits.extends_total} "
                "are allowed",
                interface,
                interface.where.get("extends", interface.pointer),
                parser_id="excessiveCount",
            )


def value_annotations(models: ModelSet) -> Iterator[Diagnostic]:
    """The Annotation and Overriding extensions: what a ValueAnnotation annotates and what an Override overrides,
    among the contents of each Interface that holds them (its own or inherited); nothing when no content has the
    name annotated (as the official parser)."""
    if not any("ValueAnnotation" in element.adjuncts for element in models.parsed if element.adjuncts):
        return  # (the plain case: no annotation anywhere)
    inheritance = models.inheritance
    inheritance.walk()
    seen: set[tuple[int, int]] = set()
    for interface in inheritance.interfaces:
        if interface in inheritance.cyclic:
            continue
        closure = inheritance.closure(interface)
        overridden: dict[tuple[str, str], list[Element]] = {}
        for elements in closure.values():
            for element in elements:
                if "ValueAnnotation" not in element.adjuncts:
                    continue
                targets = closure.get(getattr(element, "annotates", None) or "", ())
                if not targets:
                    continue
                sibling = targets[0]
                override = _overridden(element, sibling)
                if override is not None and override[0]:
                    overridden.setdefault((sibling.id, override[0]), []).append(element)
                if (id(element), id(sibling)) in seen:
                    continue
                seen.add((id(element), id(sibling)))
                yield from _annotation(element, sibling, override)
        for (_, member), overrides in overridden.items():
            if len(overrides) > 1:
                yield report(
                    codes.INVALID_OVERRIDE,
                    f"{clip(interface.id)} has {len(overrides)} Overrides of '{member}' of "
                    f"'{getattr(overrides[0], 'annotates', '')}': {listing(e.id for e in overrides)}",
                    interface,
                    interface.pointer + "/contents",
                    parser_id="multipleReference",
                )


def _overridden(element: Element, sibling: Element) -> tuple[str, str] | None:
    """For an Override: (the extension member of `sibling` it overrides, "" if none; the problem's parser id, "" if
    none); None for an annotation that overrides nothing."""
    if "Override" not in element.adjuncts:
        return None
    language = element.language
    named = getattr(element, "overrides", None)
    if not isinstance(named, str):
        return None
    if named in language.classes[sibling.cls].spellings:
        return "", "matchingPropertyNotSupplemental"
    unit = next((e.unit_member[named] for e in language.extensions if named in e.unit_member), "")
    if not unit or not sibling.semantic_type:
        return "", "noMatchingSupplementalProperty"
    wanted = sibling.language.unit_types.get(sibling.semantic_type)
    return unit, "" if getattr(element, "schema", None) == wanted else "siblingPropertyMismatch"


def _annotation(element: Element, sibling: Element, override: tuple[str, str] | None) -> Iterator[Diagnostic]:
    """What is wrong with the annotation `element` of `sibling`."""
    annotated = getattr(element, "annotates", "")
    classes = element.language.extension_of_cotype["ValueAnnotation"].classes_of("ValueAnnotation")
    here = element.where.get("annotates", element.pointer)
    if sibling.cls not in classes or "ValueAnnotation" in sibling.adjuncts:
        yield report(
            codes.INVALID_ANNOTATION,
            f"{label(element)} annotates '{clip(annotated)}', a {sibling.cls}"
            + (
                " that is an annotation itself"
                if sibling.cls in classes
                else f"; only a {' or '.join(sorted(classes))}"
            ),
            element,
            here,
            parser_id="disallowedType" if sibling.cls in classes else "notSiblingRequiredType",
        )
    elif override is not None and override[1]:
        member = getattr(element, "overrides", "")
        problem = {
            "matchingPropertyNotSupplemental": f"'{clip(member)}' is a member of every {sibling.cls}, not of a co-type",
            "noMatchingSupplementalProperty": f"no co-type of '{clip(annotated)}' gives it '{clip(member)}'",
            "siblingPropertyMismatch": f"its schema must be the values of '{clip(member)}' of '{clip(annotated)}'",
        }[override[1]]
        yield report(
            codes.INVALID_OVERRIDE,
            f"{label(element)} overrides '{clip(member)}' of '{clip(annotated)}': {problem}",
            element,
            element.where.get("overrides", element.pointer),
            parser_id=override[1],
        )


def interface_texts(models: ModelSet) -> Iterator[Diagnostic]:
    """DTDL v3's limit on the JSON text of an Interface, measured as the official parser does: from its '{' to its
    '}', in UTF-16 code units, each Interface nested in it counted as its quoted @id."""
    by_source: dict[str, list[Interface]] = {}
    for element in models.parsed:
        if isinstance(element, Interface) and element.language.limits.interface_text:
            by_source.setdefault(element.source, []).append(element)
    for source, interfaces in by_source.items():
        text = models.texts.get(source, "")
        if 2 * len(text) <= min(i.language.limits.interface_text for i in interfaces):
            continue  # (no Interface of it can be that long)
        positions = Positions(text, [i.pointer for i in interfaces])
        sizes: dict[str, int] = {}
        for interface in sorted(interfaces, key=lambda i: -len(i.pointer)):  # the nested ones first
            found = positions.offsets(interface.pointer)
            if found is None:
                continue
            start, end = found
            start = text.index("{", start)
            size = utf16_length(text[start:end])
            for inner in interfaces:  # each Interface nested in it directly counts as its quoted @id
                if inner.parent is not None and inner.parent.partition == interface.id and inner is not interface:
                    size -= sizes.get(inner.pointer, 0) - len(json.dumps(inner.id))
            sizes[interface.pointer] = size
            limit = interface.language.limits.interface_text
            if size > limit:
                yield report(
                    codes.INTERFACE_TOO_LARGE,
                    f"{clip(interface.id)} is {size} characters long; at most {limit} are allowed",
                    interface,
                    interface.pointer,
                    parser_id="partitionTooLarge",
                )


def _size(models: ModelSet, element: Element, sizes: dict[int, int]) -> int:
    """The elements below `element` (an Interface: below its contents, inherited ones included), per path."""
    key = id(element)
    if key in sizes:
        return sizes[key]
    sizes[key] = 0  # (a cycle, reported apart, adds nothing)
    total = 0
    for attribute in COUNTED:
        value = getattr(element, attribute, None)
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if item is None:
                continue
            target = models.elements.get(item) if isinstance(item, str) else item
            if isinstance(target, Element):
                total += _size(models, target, sizes) + 1
            elif isinstance(item, str):  # a standard schema (a geospatial one is an Object of fields)
                total += 1 + (GEOSPATIAL_NESTING[item] + 6 if item in GEOSPATIAL_NESTING else 0)
    if isinstance(element, Interface):
        for base in element.extends:
            target = models.elements.get(base) if isinstance(base, str) else base
            if isinstance(target, Interface):
                total += _size(models, target, sizes)
    sizes[key] = total
    return total


def _extended(models: ModelSet, interface: Interface, extended: dict[int, int]) -> int:
    """The Interfaces `interface` extends, directly or not, per path."""
    key = id(interface)
    if key in extended:
        return extended[key]
    extended[key] = 0
    total = 0
    for base in interface.extends:
        target = models.elements.get(base) if isinstance(base, str) else base
        total += 1 + (_extended(models, target, extended) if isinstance(target, Interface) else 0)
    extended[key] = total
    return total


CHECKS: tuple[Check, ...] = (
    duplicate_definitions,
    references,
    extends_hierarchy,
    content_names,
    collection_names,
    components,
    schema_hierarchy,
    arrays_in_properties,
    cotype_references,
    hierarchy_sizes,
    interface_texts,
    value_annotations,
)


def gate(found: list[Diagnostic], checked: set[str], phases_of: Mapping[str, Phases] | None = None) -> list[Diagnostic]:
    """The findings the official parser would report: every error of the first phase that has errors in the
    `checked` files, none of the later phases (their errors often follow from the earlier ones, and the parser
    never gets to them; the phases are the language's, `Language.phases`, of each file's DTDL version as
    `phases_of` gives it, else v2's). Warnings are kept whatever their phase."""
    by_file = phases_of or {}

    def phase(diagnostic: Diagnostic) -> float:
        return by_file.get(diagnostic.file, DEFAULT.phases).of(diagnostic.code, diagnostic.parser_id)

    first = min((phase(d) for d in found if d.severity == "error" and d.file in checked), default=4)
    return [d for d in found if d.severity != "error" or phase(d) <= first]


def phases_of(models: ModelSet) -> dict[str, Phases]:
    """The phases of each file's DTDL version (of its first element), for `gate`."""
    found: dict[str, Phases] = {}
    for element in models.parsed:
        if element.parent is None:
            found.setdefault(element.source, element.language.phases)
    return found


def check(models: ModelSet) -> None:
    """Run every check over the model set, adding the findings to `models.diagnostics`."""
    for run in CHECKS:
        models.diagnostics.extend(run(models))
