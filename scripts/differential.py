"""Differential testing of model validation against the official DTDL parser.

A developer script (CI has no node): it mutates the documents
of the visible conformance cases and of the real corpora, runs every model set through the official parser
(one node process for all of them) and through `dtdl_lint.lint_models(..., extensions="version")` (the parser's
default), and compares

- verdicts: valid (no error) or invalid;
- ids, where both say invalid: every parser id we report is among the official parser's ids, and our
  unresolved references name exactly the DTMIs of its ResolutionException ("ParserCrashed" = ids unknown).

    python scripts/differential.py --count 5000 --seed 1              # prints the tables, writes OUT/results.jsonl
    python scripts/differential.py --count 5000 --seed 1 --minimise   # + one minimised example per signature
    python scripts/differential.py --kinds semantic,limits --count 500

What it found, cause by cause (the official parser's behaviour, with minimal examples), and what is left:
scripts/differential-findings.md.

Same seed, same inputs. Needs ../shared (conformance cases, corpora, the official parser, node).
Kinds scratch, pnp and multifile build their model sets from scratch (then, mostly, one mutation of another kind).
Only the parser's default options are compared (extensions="version": v2 allows undefined extension contexts, v3
does not): its driver (parse.mjs) runs those only. `--version 3` mutates the DTDL v3 cases and the v3 corpus.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
OFFICIAL = SHARED / "tools" / "official-parser" / "official-dtdl-parser"
CRASHED = "ParserCrashed"
RESOLUTION = "ResolutionException"
UNRESOLVED_MESSAGE = re.compile(r"^(dtmi:\S+) is not defined")

Docs = list  # the JSON documents of one model set
Path_ = tuple  # a path into Docs: (document index, key or index, ...)

# ---------------------------------------------------------------------------------------------------------
# Vocabulary (from the rule catalog, independent of dtdl_lint's own tables)

CLASSES = [
    "Array",
    "Boolean",
    "Command",
    "CommandPayload",
    "CommandType",
    "ComplexSchema",
    "Component",
    "Content",
    "Date",
    "DateTime",
    "Double",
    "Duration",
    "Entity",
    "Enum",
    "EnumValue",
    "Field",
    "Float",
    "Integer",
    "Interface",
    "Long",
    "Map",
    "MapKey",
    "MapValue",
    "NamedEntity",
    "NumericSchema",
    "Object",
    "PrimitiveSchema",
    "Property",
    "Relationship",
    "Schema",
    "SchemaField",
    "SemanticType",
    "SemanticUnit",
    "String",
    "Telemetry",
    "TemporalSchema",
    "Time",
    "Unit",
    "UnitAttribute",
]
PROPERTIES = [
    "baseUnit",
    "bottomUnit",
    "commandType",
    "comment",
    "contents",
    "description",
    "displayName",
    "elementSchema",
    "enumValue",
    "enumValues",
    "exponent",
    "extends",
    "fields",
    "languageMajorVersion",
    "mapKey",
    "mapValue",
    "maxMultiplicity",
    "minMultiplicity",
    "name",
    "prefix",
    "properties",
    "request",
    "response",
    "schema",
    "schemas",
    "symbol",
    "target",
    "topUnit",
    "unit",
    "valueSchema",
    "writable",
]
PRIMITIVES = ["boolean", "date", "dateTime", "double", "duration", "float", "integer", "long", "string", "time"]
GEOSPATIAL = ["lineString", "multiLineString", "multiPoint", "multiPolygon", "point", "polygon"]
COMMAND_TYPES = ["asynchronous", "synchronous"]
NUMERIC = ["double", "float", "integer", "long"]


def semantic_table() -> dict[str, tuple[str, list[str]]]:
    """Semantic type -> (unit type, units), read from the catalog's §1.19 table."""
    table = {}
    text = (SHARED / "reference" / "dtdl-v2-rules.md").read_text()
    for m in re.finditer(r"^\| ([A-Z][A-Za-z, ]+) \| ([A-Za-z]+) \| ([a-zA-Z, ]+) \|$", text, re.M):
        for semantic in m.group(1).split(", "):
            table[semantic] = (m.group(2), m.group(3).split(", "))
    return table


SEMANTIC = semantic_table()
UNITS = sorted({u for _, units in SEMANTIC.values() for u in units})
UNIT_TYPES = sorted({t for t, _ in SEMANTIC.values()})

TERM_DTMI = {}  # term -> DTMI, for values (types, schemas, units, command types)
for _t in CLASSES:
    TERM_DTMI[_t] = f"dtmi:dtdl:class:{_t};2"
for _t in PRIMITIVES:
    TERM_DTMI[_t] = f"dtmi:dtdl:instance:Schema:{_t};2"
for _t in GEOSPATIAL:
    TERM_DTMI[_t] = f"dtmi:standard:schema:geospatial:{_t};2"
for _t in COMMAND_TYPES:
    TERM_DTMI[_t] = f"dtmi:dtdl:instance:CommandType:{_t};2"
for _t in list(SEMANTIC) + UNIT_TYPES:
    TERM_DTMI[_t] = f"dtmi:standard:class:{_t};2"
for _t in UNITS:
    TERM_DTMI[_t] = f"dtmi:standard:unit:{_t};2"
DTMI_TERM = {v: k for k, v in TERM_DTMI.items()}
MEMBER_DTMI = {p: f"dtmi:dtdl:property:{p};2" for p in PROPERTIES}
DTMI_MEMBER = {v: k for k, v in MEMBER_DTMI.items()}
IOTC = "dtmi:iotcentral:context;2"
DTDL = "dtmi:dtdl:context;2"
IOTC_TYPES = ["State", "Event", "Location", "VelocityVector", "AccelerationVector"]

# ---------------------------------------------------------------------------------------------------------
# Paths into JSON values


def walk(value, path: Path_ = ()) -> Iterator[tuple[Path_, object]]:
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, (*path, i))


def nodes(docs: Docs) -> list[tuple[Path_, object]]:
    return [(p, v) for i, d in enumerate(docs) for p, v in walk(d, (i,))]


def get(docs: Docs, path: Path_):
    value = docs
    for k in path:
        value = value[k]
    return value


def put(docs: Docs, path: Path_, value) -> None:
    get(docs, path[:-1])[path[-1]] = value


def delete(docs: Docs, path: Path_) -> None:
    del get(docs, path[:-1])[path[-1]]


def types_of(obj) -> list[str]:
    t = obj.get("@type") if isinstance(obj, dict) else None
    return [x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def has_type(obj, *classes: str) -> bool:
    names = {DTMI_TERM.get(t, t) for t in types_of(obj)}
    return any(c in names for c in classes)


def elements(docs: Docs, *classes: str) -> list[tuple[Path_, dict]]:
    return [(p, v) for p, v in nodes(docs) if isinstance(v, dict) and (not classes or has_type(v, *classes))]


def interfaces(docs: Docs) -> list[tuple[Path_, dict]]:
    return [(p, v) for p, v in elements(docs, "Interface") if isinstance(v.get("@id"), str)]


def member_key(obj: dict, member: str) -> str:
    """The spelling `obj` uses for `member` (term or DTMI), the term if absent."""
    return MEMBER_DTMI[member] if MEMBER_DTMI.get(member) in obj else member


def as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


# ---------------------------------------------------------------------------------------------------------
# Mutations: each takes (rng, docs) and returns a description after changing docs, or None if not applicable

ODD_VALUES = [
    "x",
    "dtmi:com:example:X;1",
    0,
    1,
    -1,
    1.5,
    2147483648,
    True,
    False,
    None,
    [],
    {},
    {"@value": "x"},
    ["x", "y"],
    {"en": "x"},
]
EDGE_NAMES = [
    "a",
    "A1",
    "a_b",
    "a__b",
    "a_",
    "_a",
    "1a",
    "a-b",
    "a b",
    "",
    "é",
    "a" * 64,
    "a" * 65,
    "a" * 63 + "_",
    "Z" * 64,
    "name",
    "contents",
    "dtmi",
    "@id",
]
EDGE_IDS = [
    "dtmi:a;1",
    "dtmi:a:b;999999999",
    "dtmi:a:b;1000000000",
    "dtmi:a:b;0",
    "dtmi:a:b;01",
    "dtmi:a:b",
    "dtmi:a:b;1.2",
    "dtmi:a:b;1#frag",
    "dtmi:a:_b;1",
    "dtmi:a:b_;1",
    "dtmi:a:b__c;1",
    "dtmi:A:B;1",
    "DTMI:a:b;1",
    "dtmi:1a:b;1",
    "dtmi:dtdl:x;1",
    "dtmi:standard:x;1",
    "dtmi:iotcentral:x;1",
    "dtmi:a:__b;1",
    "urn:a:b",
    "dtmi:a::b;1",
    "dtmi:a:b;1;2",
]
EDGE_TAGS = [
    "en",
    "en-US",
    "en-us",
    "EN",
    "de-DE",
    "zh-Hant",
    "zh-Hant-TW",
    "sr-Latn-RS",
    "es-419",
    "e",
    "abcde",
    "abcd",
    "en-U",
    "en-USA",
    "x-klingon",
    "i-klingon",
    "en-Latn",
    "en-latn",
    "",
    "@language",
    "en_US",
]


def pick(rng: random.Random, items):
    items = list(items)
    return rng.choice(items) if items else None


def m_retype(rng, docs):
    path, value = pick(rng, [(p, v) for p, v in nodes(docs) if len(p) > 1])
    new = pick(rng, [v for v in ODD_VALUES if type(v) is not type(value)])
    put(docs, path, copy.deepcopy(new))
    return f"retype {path}: {json.dumps(value)[:40]} -> {json.dumps(new)}"


def m_drop(rng, docs):
    path, _ = pick(rng, [(p, v) for p, v in nodes(docs) if len(p) > 1]) or (None, None)
    if path is None:
        return None
    delete(docs, path)
    return f"drop {path}"


def m_wrap(rng, docs):
    path, value = pick(rng, [(p, v) for p, v in nodes(docs) if len(p) > 1 and isinstance(p[-1], str)])
    if isinstance(value, list) and len(value) == 1 and rng.random() < 0.6:
        put(docs, path, value[0])
        return f"unwrap {path}"
    choice = rng.choice(["wrap", "empty", "twice"])
    put(docs, path, [value] if choice == "wrap" else [] if choice == "empty" else [value, copy.deepcopy(value)])
    return f"{choice} {path}"


def m_duplicate(rng, docs):
    lists = [(p, v) for p, v in nodes(docs) if isinstance(v, list) and v and len(p) > 1]
    if rng.random() < 0.3 or not lists:
        i = rng.randrange(len(docs))
        docs.append(copy.deepcopy(docs[i]))
        return f"duplicate document {i}"
    path, value = pick(rng, lists)
    item = copy.deepcopy(rng.choice(value))
    how = "same"
    if isinstance(item, dict) and rng.random() < 0.5:
        if "name" in item and rng.random() < 0.5:
            item["name"] = f"{item['name']}Copy" if isinstance(item["name"], str) else "copy"
            how = "renamed"
        elif "@id" in item:
            del item["@id"]
            how = "without @id"
    value.append(item)
    return f"duplicate item of {path} ({how})"


def m_spelling(rng, docs):
    keys = [
        (p, v) for p, v in nodes(docs) if isinstance(v, dict) and any(k in MEMBER_DTMI or k in DTMI_MEMBER for k in v)
    ]
    values = [(p, v) for p, v in nodes(docs) if isinstance(v, str) and (v in TERM_DTMI or v in DTMI_TERM)]
    if (rng.random() < 0.5 or not values) and keys:
        path, obj = pick(rng, keys)
        key = rng.choice([k for k in obj if k in MEMBER_DTMI or k in DTMI_MEMBER])
        other = MEMBER_DTMI.get(key) or DTMI_MEMBER[key]
        if rng.random() < 0.25:
            obj[other] = copy.deepcopy(obj[key])
            return f"both spellings of {key} at {path}"
        get(docs, path)[other] = obj.pop(key)
        return f"member {key} -> {other} at {path}"
    if not values:
        return None
    path, value = pick(rng, values)
    other = TERM_DTMI.get(value) or DTMI_TERM[value]
    if rng.random() < 0.2:
        other = other.replace(";2", ";1") if other.startswith("dtmi:") else other.lower()
    put(docs, path, other)
    return f"value {value} -> {other} at {path}"


CONTEXTS = [
    DTDL,
    [DTDL],
    [DTDL, IOTC],
    [IOTC, DTDL],
    [DTDL, "dtmi:com:example:ext;1"],
    ["dtmi:com:example:ext;1", DTDL],
    ["dtmi:dtdl:context;3", DTDL],
    "dtmi:dtdl:context;1",
    [DTDL, DTDL],
    [DTDL, "dtmi:dtdl:context;3"],
    [],
    "dtmi:dtdl:context",
    "dtmi:dtdl:context;2#x",
    "http://example.com/ctx",
    [DTDL, {"x": "dtmi:a:b;1"}],
    [DTDL, "dtmi:iotcentral:context;1"],
    [DTDL, "dtmi:com:example:ext;1", IOTC],
    2,
    None,
    {"@vocab": "x"},
]


def m_context(rng, docs):
    new = copy.deepcopy(rng.choice(CONTEXTS))
    targets = [(p, v) for p, v in nodes(docs) if isinstance(v, dict) and len(p) > 1 and "@type" in v]
    if targets and rng.random() < 0.3:
        path, obj = pick(rng, targets)
        obj["@context"] = new
        return f"nested @context {json.dumps(new)} at {path}"
    i = rng.randrange(len(docs))
    if not isinstance(docs[i], dict):
        return None
    if rng.random() < 0.1:
        docs[i].pop("@context", None)
        return f"no @context on document {i}"
    docs[i]["@context"] = new
    return f"@context {json.dumps(new)} on document {i}"


SLOTS = [
    "contents",
    "schemas",
    "extends",
    "schema",
    "elementSchema",
    "properties",
    "fields",
    "enumValues",
    "request",
    "response",
    "mapKey",
    "mapValue",
    "target",
]


def m_move(rng, docs):
    """Move (or copy) an element to another member of another element."""
    movable = [(p, v) for p, v in nodes(docs) if isinstance(v, dict) and len(p) > 1 and ("@type" in v or "name" in v)]
    hosts = [(p, v) for p, v in nodes(docs) if isinstance(v, dict) and "@type" in v]
    if not movable or not hosts:
        return None
    path, obj = pick(rng, movable)
    hpath, host = pick(rng, hosts)
    if hpath[: len(path)] == path:
        return None
    slot = rng.choice(SLOTS)
    key = member_key(host, slot)
    moved = copy.deepcopy(obj)
    if rng.random() < 0.7:
        delete(docs, path)  # host paths before path stay valid only if host is not after it in the same list
        hosts_now = [v for p, v in nodes(docs) if v is host]
        if not hosts_now:
            return None
    old = host.get(key)
    host[key] = ([*as_list(old), moved]) if (isinstance(old, list) or rng.random() < 0.5) and old is not None else moved
    return f"move {path} into {slot} of {hpath}"


def m_nest(rng, docs):
    choice = rng.choice(["array", "inline", "extract"])
    if choice == "array":
        slots = [(p, v) for p, v in nodes(docs) if p and p[-1] in ("schema", "elementSchema")]
        path, value = pick(rng, slots) or (None, None)
        if path is None:
            return None
        n = rng.choice([1, 2, 4, 5, 6])
        wrapper = rng.choice(["Array", "Map", "Object"])
        for _ in range(n):
            value = (
                {"@type": "Array", "elementSchema": value}
                if wrapper == "Array"
                else {
                    "@type": "Map",
                    "mapKey": {"name": "k", "schema": "string"},
                    "mapValue": {"name": "v", "schema": value},
                }
                if wrapper == "Map"
                else {"@type": "Object", "fields": [{"name": "f", "schema": value}]}
            )
        put(docs, path, value)
        return f"nest {path} in {n} {wrapper}s"
    defined = {v["@id"]: (p, v) for p, v in nodes(docs) if isinstance(v, dict) and isinstance(v.get("@id"), str)}
    if choice == "inline":
        refs = [(p, v) for p, v in nodes(docs) if isinstance(v, str) and v in defined and p[-1] != "@id"]
        path, ref = pick(rng, refs) or (None, None)
        if path is None:
            return None
        inline = copy.deepcopy(defined[ref][1])
        inline.pop("@context", None)
        put(docs, path, inline)
        if rng.random() < 0.5 and len(defined[ref][0]) == 1 and len(docs) > 1:
            docs[defined[ref][0][0]] = {"@context": DTDL, "@id": "dtmi:com:example:Filler;1", "@type": "Interface"}
            return f"inline {ref} at {path}, definition removed"
        return f"inline {ref} at {path} (also defined elsewhere)"
    inline = [(p, v) for p, v in nodes(docs) if isinstance(v, dict) and len(p) > 1 and isinstance(v.get("@id"), str)]
    path, obj = pick(rng, inline) or (None, None)
    if path is None:
        return None
    put(docs, path, obj["@id"])
    docs.append({"@context": DTDL, **obj})
    return f"extract {obj['@id']} from {path} to a document"


def m_rename(rng, docs):
    if rng.random() < 0.5:
        spots = [(p, v) for p, v in nodes(docs) if p and p[-1] == "name" and isinstance(v, str)]
        new = rng.choice(EDGE_NAMES)
    else:
        spots = [(p, v) for p, v in nodes(docs) if p and p[-1] in ("@id", "target") and isinstance(v, str)]
        new = rng.choice(EDGE_IDS)
    path, old = pick(rng, spots) or (None, None)
    if path is None:
        return None
    put(docs, path, new)
    return f"rename {path}: {old[:40]} -> {new[:70]}"


def interface_doc(dtmi: str, **members) -> dict:
    return {"@context": DTDL, "@id": dtmi, "@type": "Interface", **members}


def prop(name: str, schema="double") -> dict:
    return {"@type": "Property", "name": name, "schema": schema}


def pick_interface(rng, docs):
    """A random Interface with an @id: (element, its @id, the @id without version, its contents list)."""
    ifaces = interfaces(docs)
    if not ifaces:
        return None
    _, iface = pick(rng, ifaces)
    key = member_key(iface, "contents")
    if not isinstance(iface.get(key), list):
        iface[key] = as_list(iface.get(key))
    return iface, iface["@id"], iface["@id"].partition(";")[0], iface[key]


def m_limits(rng, docs):
    if not (picked := pick_interface(rng, docs)):
        return None
    iface, ident, base, contents = picked
    limit = rng.choice(
        [
            "contents",
            "inherited",
            "extends",
            "depth",
            "schemadepth",
            "fields",
            "enumValues",
            "ifaceid",
            "id",
            "text",
            "multiplicity",
            "enumint",
            "properties",
        ]
    )
    over = rng.random() < 0.5
    if limit in ("contents", "inherited"):
        n = 300 + over - len(contents)
        if limit == "contents":
            contents.extend(prop(f"p{i}") for i in range(n))
        else:
            docs.append(interface_doc(f"{base}Base;1", contents=[prop(f"q{i}") for i in range(n)]))
            iface[member_key(iface, "extends")] = [*as_list(iface.get(member_key(iface, "extends"))), f"{base}Base;1"]
        return f"{limit}: {300 + over} contents in {ident}"
    if limit == "extends":
        key = member_key(iface, "extends")
        have = as_list(iface.get(key))
        n = 2 + over - len(have)
        if n <= 0:
            return None
        for i in range(n):
            docs.append(interface_doc(f"{base}Parent{i};1"))
        iface[key] = have + [f"{base}Parent{i};1" for i in range(n)]
        return f"extends: {2 + over} interfaces in {ident}"
    if limit == "depth":
        n = 10 + over
        chain = [f"{base}Level{i};1" for i in range(n)]
        iface[member_key(iface, "extends")] = chain[0]
        for i, c in enumerate(chain):
            docs.append(interface_doc(c, extends=chain[i + 1]) if i + 1 < n else interface_doc(c))
        return f"extends depth {n} from {ident}"
    if limit == "schemadepth":
        n = 5 + over
        schema = rng.choice(
            [
                "double",
                "point",
                {"@type": "Enum", "valueSchema": "integer", "enumValues": [{"name": "a", "enumValue": 1}]},
            ]
        )
        for _ in range(n - (0 if isinstance(schema, str) else 1)):
            schema = (
                {"@type": "Array", "elementSchema": schema}
                if rng.random() < 0.5
                else {"@type": "Object", "fields": [{"name": "f", "schema": schema}]}
            )
        contents.append({"@type": rng.choice(["Telemetry", "Property"]), "name": "deep", "schema": schema})
        return f"schema depth {n} ({json.dumps(schema)[:80]}) in {ident}"
    if limit == "fields":
        contents.append(
            {
                "@type": "Telemetry",
                "name": "obj",
                "schema": {
                    "@type": "Object",
                    "fields": [{"name": f"f{i}", "schema": "double"} for i in range(30 + over)],
                },
            }
        )
        return f"{30 + over} fields in {ident}"
    if limit == "enumValues":
        string = rng.random() < 0.5
        contents.append(
            {
                "@type": "Telemetry",
                "name": "en",
                "schema": {
                    "@type": "Enum",
                    "valueSchema": "string" if string else "integer",
                    "enumValues": [{"name": f"v{i}", "enumValue": f"s{i}" if string else i} for i in range(100 + over)],
                },
            }
        )
        return f"{100 + over} enumValues in {ident}"
    if limit == "properties":
        contents.append(
            {"@type": "Relationship", "name": "rel", "properties": [prop(f"r{i}") for i in range(300 + over)]}
        )
        return f"{300 + over} relationship properties in {ident}"
    if limit == "ifaceid":
        new = "dtmi:" + "a" * (128 + over - len("dtmi:;1")) + ";1"
        renamed = json.loads(json.dumps(docs).replace(json.dumps(ident), json.dumps(new)))
        docs[:] = renamed
        return f"Interface @id of {len(new)} characters"
    if limit == "id":
        new = f"{base}:" + "b" * (2048 + over - len(base) - 3) + ";1"
        contents.append({"@id": new, "@type": "Telemetry", "name": "longid", "schema": "double"})
        return f"Telemetry @id of {len(new)} characters"
    if limit == "text":
        member, n = rng.choice([("displayName", 64), ("description", 512), ("comment", 512), ("name", 64)])
        target = pick(rng, [v for _, v in nodes([iface]) if isinstance(v, dict) and ("name" in v or v is iface)])
        if member == "name" and target is iface:
            return None
        text = ("c" if member == "name" else rng.choice(["x", "é", "\U0001f600"])) * (
            (n + over) // (1 + (rng.random() < 0.2))
        )
        target[member] = text
        return f"{member} of {len(text)} characters ({text[0]!r}) in {ident}"
    if limit == "multiplicity":
        member = rng.choice(["maxMultiplicity", "minMultiplicity"])
        value = rng.choice([0, 1, 500, 501, -1, 2147483647, 2147483648, 1.0, "1"])
        contents.append({"@type": "Relationship", "name": "rel", member: value})
        return f"Relationship {member} {json.dumps(value)} in {ident}"
    value = rng.choice([2147483647, 2147483648, -2147483648, -2147483649, 1.0, 1e3, True, "1"])
    contents.append(
        {
            "@type": "Property",
            "name": "en",
            "schema": {"@type": "Enum", "valueSchema": "integer", "enumValues": [{"name": "a", "enumValue": value}]},
        }
    )
    return f"integer enumValue {json.dumps(value)} in {ident}"


def content_elements(docs: Docs, *classes: str):
    return [(p, v) for p, v in elements(docs, *classes) if len(p) > 1]


def m_semantic(rng, docs):
    targets = content_elements(docs, "Telemetry", "Property")
    others = content_elements(docs, "Command", "Relationship", "Component", "Interface") + [
        (p, v) for p, v in nodes(docs) if isinstance(v, dict) and p and p[-2:-1] in (("fields",), ("mapValue",))
    ]
    wrong_host = rng.random() < 0.15
    path, el = pick(rng, others if wrong_host else targets) or (None, None)
    if path is None:
        return None
    semantic = rng.choice(list(SEMANTIC))
    unit_type, units = SEMANTIC[semantic]
    case = rng.choice(
        [
            "right",
            "right",
            "wrong",
            "unit-type",
            "missing",
            "two-types",
            "dtmi",
            "schema",
            "array-unit",
            "unit-no-type",
            "unit-of-semantic-name",
        ]
    )
    unit = rng.choice(units)
    if case == "wrong":
        unit = rng.choice([u for u in UNITS if u not in units])
    elif case == "unit-type":
        unit = unit_type
    elif case == "unit-of-semantic-name":
        unit = semantic
    types = types_of(el) + ([] if case == "unit-no-type" else [semantic])
    if case == "two-types":
        types.append(rng.choice([s for s in SEMANTIC if s != semantic]))
    if case == "dtmi":
        types = [TERM_DTMI.get(t, t) for t in types]
        unit = TERM_DTMI[unit]
    el["@type"] = types
    if case != "missing":
        el["unit"] = [unit] if case == "array-unit" else unit
    if case == "schema":
        el["schema"] = rng.choice(
            [
                "string",
                "boolean",
                "dateTime",
                {"@type": "Enum", "valueSchema": "integer", "enumValues": [{"name": "a", "enumValue": 1}]},
            ]
        )
    elif "schema" in el and rng.random() < 0.7 and not wrong_host:
        el["schema"] = rng.choice([*NUMERIC, TERM_DTMI["double"]])
    return f"semantic {case}: {types} unit {unit} at {path}"


def m_iotcentral(rng, docs):
    targets = content_elements(docs, "Telemetry", "Property") or content_elements(docs, "Command", "Relationship")
    path, el = pick(rng, targets) or (None, None)
    if path is None:
        return None
    adjunct = rng.choice([*IOTC_TYPES, "vector", "geopoint"])
    schema = rng.choice(
        [
            "vector",
            "geopoint",
            "double",
            "string",
            "point",
            "dtmi:iotcentral:schema:vector;2",
            {"@type": "Enum", "valueSchema": "string", "enumValues": [{"name": "on", "enumValue": "on"}]},
        ]
    )
    if adjunct in ("vector", "geopoint"):
        el["schema"] = adjunct
    else:
        el["@type"] = [*types_of(el), adjunct if rng.random() < 0.8 else f"dtmi:iotcentral:class:{adjunct};2"]
        el["schema"] = schema
        if adjunct.endswith("Vector") and rng.random() < 0.5:
            el["unit"] = rng.choice(SEMANTIC["Velocity"][1] + SEMANTIC["Acceleration"][1])
    where = rng.choice(["root", "root", "none", "element", "root-first"])
    doc = docs[path[0]]
    if where.startswith("root") and isinstance(doc, dict):
        doc["@context"] = [IOTC, DTDL] if where == "root-first" else [DTDL, IOTC]
    elif where == "element":
        el["@context"] = IOTC
    return f"iotcentral {adjunct} schema {json.dumps(el.get('schema'))[:40]} context {where} at {path}"


VALUE_OBJECTS = {
    "name": [
        {"@value": "vo"},
        {"@value": "vo", "@type": "xsd:string"},
        {"@value": "vo", "@type": "xsd:integer"},
        {"@value": 1},
        {"@type": "xsd:string"},
        {"@value": "vo", "@language": "en"},
        {"@value": "vo", "@id": "x"},
        {"@value": "vo", "extra": 1},
        {"@value": "vo", "@type": ["xsd:string"]},
        {"@value": "vo", "@type": "http://www.w3.org/2001/XMLSchema#string"},
    ],
    "writable": [
        {"@value": True},
        {"@value": True, "@type": "xsd:boolean"},
        {"@value": "true"},
        "true",
        1,
        {"@value": True, "@type": "xsd:string"},
    ],
    "maxMultiplicity": [
        {"@value": 5},
        {"@value": 5, "@type": "xsd:integer"},
        {"@value": 5.0},
        {"@value": "5"},
        {"@value": 5, "@type": "http://www.w3.org/2001/XMLSchema#integer"},
        {"@value": 501},
    ],
    "comment": [
        {"@value": "c"},
        {"@value": "c", "@type": "xsd:string"},
        ["c"],
        ["c", "d"],
        {"en": "c"},
        {"@value": "c", "@context": "x"},
    ],
    "enumValue": [
        {"@value": 1},
        {"@value": "one"},
        {"@value": 1, "@type": "xsd:integer"},
        {"@value": 1.5},
        1.5,
        {"@value": "one", "@type": "xsd:string"},
        {"@value": 1, "@type": "xsd:string"},
        True,
        ["one"],
    ],
}


def m_literal(rng, docs):
    member = rng.choice(list(VALUE_OBJECTS))
    wanted = {
        "name": ("Telemetry", "Property", "Command", "Component", "Relationship"),
        "writable": ("Property", "Relationship"),
        "maxMultiplicity": ("Relationship",),
        "comment": (),
        "enumValue": (),
    }[member]
    if member == "enumValue":
        spots = [(p, v) for p, v in nodes(docs) if isinstance(v, dict) and "enumValue" in v]
    elif member == "name":
        spots = [(p, v) for p, v in nodes(docs) if isinstance(v, dict) and isinstance(v.get("name"), str)]
    else:
        spots = elements(docs, *wanted)
    path, el = pick(rng, spots) or (None, None)
    if path is None:
        return None
    value = copy.deepcopy(rng.choice(VALUE_OBJECTS[member]))
    if member == "name" and isinstance(value, dict) and isinstance(value.get("@value"), str):
        value["@value"] = el["name"]
    el[member] = value
    return f"literal {member}: {json.dumps(value)} at {path}"


def m_langstring(rng, docs):
    spots = elements(docs)
    path, el = pick(rng, spots) or (None, None)
    if path is None:
        return None
    member = rng.choice(["displayName", "description"])
    tag, tag2 = rng.choice(EDGE_TAGS), rng.choice(EDGE_TAGS)
    value = rng.choice(
        [
            {tag: "x"},
            {tag: "x", tag2: "y"},
            [{"@value": "x", "@language": tag}],
            [{"@value": "x", "@language": tag}, {"@value": "y", "@language": tag2}],
            ["x", {"@value": "y", "@language": tag}],
            ["x", "y"],
            [{"@value": "x"}, "y"],
            [{"@value": "x", "@type": "xsd:string"}],
            [{"@language": tag}],
            [{"@value": 1, "@language": tag}],
            {"@value": "x", "@language": tag},
            {tag: 1},
            {tag: ["x"]},
            [],
            {},
            ["x"],
            [{"@value": "x", "@language": tag, "@id": "dtmi:a;1"}],
            [{"@value": "x", "@language": tag, "other": 1}],
            [["x"]],
            "x" * (65 if member == "displayName" else 513),
            {"en": "x" * (64 if member == "displayName" else 512)},
        ]
    )
    el[member] = value
    return f"langstring {member}: {json.dumps(value)[:80]} at {path}"


def m_reference(rng, docs):
    if not (picked := pick_interface(rng, docs)):
        return None
    iface, ident, base, contents = picked
    case = rng.choice(
        [
            "cross-extends",
            "cross-component",
            "cross-inline",
            "same-partition",
            "undefined",
            "reserved",
            "self-extends",
            "self-component",
            "component-in-component",
            "inline-extends",
            "inline-component",
            "top-level-schema",
            "target",
            "extends-cycle",
        ]
    )
    enum = {
        "@id": f"{base}:Mode;1",
        "@type": "Enum",
        "valueSchema": "string",
        "enumValues": [{"name": "on", "enumValue": "on"}],
    }
    if case.startswith("cross") or case == "same-partition":
        other = f"{base}Other;1"
        holder = interface_doc(other, schemas=[enum], contents=[])
        user = {"@type": "Telemetry", "name": "mode", "schema": enum["@id"]}
        if case == "same-partition":
            iface.setdefault("schemas", [])
            iface["schemas"] = [*as_list(iface["schemas"]), enum]
            contents.append(user)
            return f"reference {enum['@id']} from its own Interface {ident}"
        docs.append(holder)
        if case == "cross-extends":
            contents.append(user)
            iface[member_key(iface, "extends")] = [*as_list(iface.get(member_key(iface, "extends"))), other]
        elif case == "cross-component":
            holder["contents"].append(user)
            contents.append({"@type": "Component", "name": "comp", "schema": other})
        else:
            holder["contents"].append(
                {
                    "@type": "Component",
                    "name": "comp",
                    "schema": interface_doc(f"{base}Inner;1", contents=[user]) | {"@context": []},
                }
            )
        return f"cross-partition {case}: {enum['@id']} from {ident}"
    if case in ("undefined", "reserved"):
        target = (
            "dtmi:com:example:Nowhere;1"
            if case == "undefined"
            else rng.choice(
                [
                    "dtmi:dtdl:instance:Schema:foo;2",
                    "dtmi:standard:schema:geospatial:point;2",
                    "dtmi:standard:unit:metre;2",
                    "dtmi:dtdl:class:Interface;2",
                    "dtmi:iotcentral:schema:vector;2",
                    "dtmi:standard:schema:foo;2",
                ]
            )
        )
        where = rng.choice(["schema", "extends", "component", "contents", "elementSchema"])
        if where == "schema":
            contents.append({"@type": "Telemetry", "name": "ref", "schema": target})
        elif where == "extends":
            iface[member_key(iface, "extends")] = target
        elif where == "component":
            contents.append({"@type": "Component", "name": "ref", "schema": target})
        elif where == "contents":
            contents.append(target)
        else:
            contents.append(
                {"@type": "Telemetry", "name": "ref", "schema": {"@type": "Array", "elementSchema": target}}
            )
        return f"{case} reference {target} as {where} in {ident}"
    if case == "self-extends":
        iface[member_key(iface, "extends")] = ident
        return f"{ident} extends itself"
    if case == "extends-cycle":
        docs.append(interface_doc(f"{base}Cyc;1", extends=ident))
        iface[member_key(iface, "extends")] = [*as_list(iface.get(member_key(iface, "extends"))), f"{base}Cyc;1"]
        return f"extends cycle {ident} <-> {base}Cyc;1"
    if case == "self-component":
        contents.append({"@type": "Component", "name": "me", "schema": ident})
        return f"{ident} has itself as a component"
    if case == "component-in-component":
        docs.append(interface_doc(f"{base}Leaf;1", contents=[prop("x")]))
        docs.append(
            interface_doc(f"{base}Mid;1", contents=[{"@type": "Component", "name": "leaf", "schema": f"{base}Leaf;1"}])
        )
        contents.append({"@type": "Component", "name": "mid", "schema": f"{base}Mid;1"})
        return f"component in component under {ident}"
    if case in ("inline-extends", "inline-component"):
        inner = {"@id": f"{base}Inline;1", "@type": "Interface", "contents": [prop("inl")]}
        if rng.random() < 0.3:
            del inner["@id"]
        if case == "inline-extends":
            iface[member_key(iface, "extends")] = [*as_list(iface.get(member_key(iface, "extends"))), inner]
        else:
            contents.append({"@type": "Component", "name": "inl", "schema": inner})
        return f"{case}{'' if '@id' in inner else ' without @id'} in {ident}"
    if case == "top-level-schema":
        docs.append({"@context": DTDL} | enum)
        contents.append({"@type": "Property", "name": "mode", "schema": enum["@id"]})
        return f"top-level Enum {enum['@id']} used by {ident}"
    contents.append(
        {
            "@type": "Relationship",
            "name": "rel",
            "target": rng.choice(
                [
                    ident,
                    "dtmi:com:example:Nowhere;1",
                    [],
                    ["dtmi:a;1", "dtmi:b;1"],
                    "dtmi:a",
                    "notadtmi",
                    {"@id": "dtmi:a;1"},
                ]
            ),
        }
    )
    return f"relationship target in {ident}"


COTYPES = [
    "Commercial",
    "http://example.com/Tag",
    "dtmi:foo//bar",
    "dtmi:com:example:Tag;1",
    "Property",
    "Telemetry",
    "Interface",
    "Schema",
    "Double",
    "displayName",
    "SemanticType",
    "TemperatureUnit",
    "Unit",
    "Enum",
    "dtmi:dtdl:class:Boolean;2",
    "NamedInterface",
    "SemanticType/Velocity",
    "State",
    "Historized",
    "name",
    "kelvin",
    "dtmi:standard:class:Temperature;2",
    "xsd:string",
    "",
    "a:b",
]
MEMBERS = [
    "foo",
    "dtmi:com:example:foo;1",
    "dtmi:foo//bar",
    "http://example.com/foo",
    "writable",
    "unit",
    "schema",
    "name",
    "contents",
    "languageMajorVersion",
    "@language",
    "@graph",
    "@value",
    "@index",
    "exponent",
    "a:b",
    "Property",
    "@foo",
]


def m_cotype(rng, docs):
    path, el = pick(rng, elements(docs) or [(None, None)])
    if path is None:
        return None
    extra = rng.choice(COTYPES)
    el["@type"] = [*types_of(el), extra] if rng.random() < 0.85 else [extra]
    note = ""
    if rng.random() < 0.4:
        member = rng.choice(MEMBERS)
        el[member] = rng.choice(["x", 1, True, {"a": 1}])
        note = f" and member {member}"
    return f"cotype {extra}{note} at {path}"


def m_member(rng, docs):
    spots = [(p, v) for p, v in nodes(docs) if isinstance(v, dict) and ("@type" in v or "name" in v)]
    path, el = pick(rng, spots) or (None, None)
    if path is None:
        return None
    member = rng.choice(MEMBERS + PROPERTIES)
    value = copy.deepcopy(rng.choice(["x", 1, True, None, {"@value": "x"}, [], "double", "dtmi:com:example:X;1"]))
    el[member] = value
    return f"member {member}={json.dumps(value)} at {path}"


def m_double(rng, docs):
    first = apply(rng, docs, rng.choice([k for k in MUTATIONS if k != "double"]))
    second = apply(rng, docs, rng.choice([k for k in MUTATIONS if k != "double"])) if first else None
    return f"{first}; {second}" if second else None


# ---------------------------------------------------------------------------------------------------------
# Model sets built from scratch (kinds scratch, pnp, multifile): many features at once, then (often) one mutation


def spell(rng, term: str) -> str:
    """A member or value term in one of its two spellings."""
    other = MEMBER_DTMI.get(term) or TERM_DTMI.get(term)
    return other if other and rng.random() < 0.15 else term


def langstring(rng, text: str):
    return rng.choice(
        [
            text,
            {"en": text, "de": text + "_de"},
            [text, {"@value": text + "_fr", "@language": "fr"}],
            {"en": text},
            [{"@value": text, "@language": "en-US"}],
        ]
    )


def element(rng, cls: str, **members) -> dict:
    """An element with both spellings of members and types now and then, and optional common members."""
    out = {"@type": spell(rng, cls)} if cls else {}
    for key, value in members.items():
        out[spell(rng, key)] = value
    if rng.random() < 0.3:
        out[spell(rng, "displayName")] = langstring(rng, "Shown")
    if rng.random() < 0.2:
        out[spell(rng, "description")] = langstring(rng, "Described here")
    if rng.random() < 0.15:
        out["comment"] = rng.choice(["a comment", {"@value": "a comment", "@type": "xsd:string"}])
    return out


def schema(rng, depth: int = 0, refs=(), iotc: bool = False):
    roll = rng.random()
    if depth >= 3 or roll < 0.35:
        pool = PRIMITIVES + GEOSPATIAL + (["vector", "geopoint"] if iotc else []) + list(refs)
        return spell(rng, rng.choice(pool))
    kind = rng.choice(["Array", "Enum", "Map", "Object"])
    if kind == "Array":
        return element(rng, "Array", elementSchema=schema(rng, depth + 1, refs, iotc))
    if kind == "Enum":
        ints = rng.random() < 0.5
        return element(
            rng,
            "Enum",
            valueSchema=spell(rng, "integer" if ints else "string"),
            enumValues=[
                element(rng, rng.choice(["EnumValue", ""]), name=f"v{i}", enumValue=i if ints else f"s{i}")
                for i in range(rng.randint(1, 4))
            ],
        )
    if kind == "Map":
        return element(
            rng,
            "Map",
            mapKey=element(rng, rng.choice(["MapKey", ""]), name="key", schema="string"),
            mapValue=element(
                rng, rng.choice(["MapValue", ""]), name="value", schema=schema(rng, depth + 1, refs, iotc)
            ),
        )
    return element(
        rng,
        "Object",
        fields=[
            element(rng, rng.choice(["Field", ""]), name=f"f{i}", schema=schema(rng, depth + 1, refs, iotc))
            for i in range(rng.randint(1, 3))
        ],
    )


def content(rng, i: int, refs=(), interfaces_=(), iotc: bool = False) -> dict:
    cls = rng.choice(
        ["Telemetry", "Property", "Command", "Relationship", "Component"]
        if interfaces_
        else ["Telemetry", "Property", "Command", "Relationship"]
    )
    name = f"{cls[0].lower()}{i}"
    if cls in ("Telemetry", "Property"):
        el = element(rng, cls, name=name, schema=schema(rng, 0, refs, iotc))
        roll = rng.random()
        if roll < 0.3:
            semantic = rng.choice(list(SEMANTIC))
            el["@type"] = [el["@type"], spell(rng, semantic)]
            el[member_key(el, "schema")] = spell(rng, rng.choice(NUMERIC))
            el[spell(rng, "unit")] = spell(rng, rng.choice(SEMANTIC[semantic][1]))
        elif roll < 0.45 and iotc:
            adjunct = rng.choice(IOTC_TYPES)
            el["@type"] = [el["@type"], adjunct]
            el[member_key(el, "schema")] = {
                "State": {"@type": "Enum", "valueSchema": "integer", "enumValues": [{"name": "on", "enumValue": 1}]},
                "Event": "string",
                "Location": "geopoint",
            }.get(adjunct, "vector")
            if adjunct.endswith("Vector"):
                el["unit"] = rng.choice(SEMANTIC["Velocity" if adjunct == "VelocityVector" else "Acceleration"][1])
        if cls == "Property" and rng.random() < 0.5:
            el[spell(rng, "writable")] = rng.choice([True, False, {"@value": True}])
        return el
    if cls == "Command":
        el = element(rng, cls, name=name)
        if rng.random() < 0.3:
            el["commandType"] = spell(rng, rng.choice(COMMAND_TYPES))
        for part in ("request", "response"):
            if rng.random() < 0.6:
                el[spell(rng, part)] = element(
                    rng, rng.choice(["CommandPayload", ""]), name=f"{part}Payload", schema=schema(rng, 1, refs, iotc)
                )
        return el
    if cls == "Relationship":
        el = element(rng, cls, name=name)
        if rng.random() < 0.5:
            el["maxMultiplicity"] = rng.choice([1, 5, 500])
            el["minMultiplicity"] = 0
        if rng.random() < 0.5 and interfaces_:
            el["target"] = rng.choice(list(interfaces_))
        if rng.random() < 0.3:
            el["properties"] = [element(rng, "Property", name="since", schema=spell(rng, "dateTime"))]
        return el
    return element(rng, "Component", name=name, schema=rng.choice(list(interfaces_)))


def built_interface(rng, dtmi: str, *, refs=(), interfaces_=(), extends=(), iotc=False, n=None) -> dict:
    ctx = rng.choice([[DTDL, IOTC], [IOTC, DTDL]]) if iotc else rng.choice([DTDL, [DTDL]])
    doc = {"@context": ctx, "@id": dtmi, "@type": "Interface"}
    if extends:
        doc[spell(rng, "extends")] = list(extends) if len(extends) > 1 or rng.random() < 0.5 else extends[0]
    own = []
    if rng.random() < 0.5:
        base = dtmi.partition(";")[0]
        own = [{"@id": f"{base}:S{i};1", **schema(rng, 2)} for i in range(rng.randint(1, 2))]
        own = [s for s in own if s.get("@type")]  # inline terms make no definable schema
        if own:
            doc[spell(rng, "schemas")] = own
    names = [s["@id"] for s in own]
    doc[spell(rng, "contents")] = [
        content(rng, i, refs=tuple(refs) + tuple(names), interfaces_=interfaces_, iotc=iotc)
        for i in range(n or rng.randint(1, 6))
    ]
    if rng.random() < 0.4:
        doc[spell(rng, "displayName")] = langstring(rng, dtmi.split(":")[-1].split(";")[0])
    return doc


def m_scratch(rng, docs):
    """One Interface with many features at once (replaces the base)."""
    docs[:] = [built_interface(rng, "dtmi:com:example:Scratch;1", iotc=rng.random() < 0.4, n=rng.randint(3, 10))]
    return "scratch"


def m_pnp(rng, docs):
    """An IoT Plug and Play / IoT Central style device: language maps, commandType, writable, Enums, Maps of
    Objects, a Component of a second Interface."""
    thermostat = {
        "@context": [IOTC, DTDL] if rng.random() < 0.5 else DTDL,
        "@id": "dtmi:com:example:Thermostat;1",
        "@type": "Interface",
        "displayName": {"en": "Thermostat"},
        "contents": [
            {
                "@type": ["Telemetry", "Temperature"],
                "name": "temperature",
                "schema": "double",
                "unit": "degreeCelsius",
                "displayName": {"en": "Temperature", "de": "Temperatur"},
            },
            {
                "@type": ["Property", "Temperature"],
                "name": "targetTemperature",
                "schema": "double",
                "unit": "degreeCelsius",
                "writable": True,
            },
            {
                "@type": "Command",
                "name": "getMaxMinReport",
                "commandType": "synchronous",
                "request": {"@type": "CommandPayload", "name": "since", "schema": "dateTime"},
                "response": {
                    "@type": "CommandPayload",
                    "name": "report",
                    "schema": {
                        "@type": "Object",
                        "fields": [
                            {"name": "maxTemp", "schema": "double"},
                            {"name": "startTime", "schema": "dateTime"},
                        ],
                    },
                },
            },
        ],
    }
    device = {
        "@context": [DTDL, IOTC],
        "@id": "dtmi:com:example:Device;1",
        "@type": "Interface",
        "displayName": {"en": "Device", "fr": "Appareil"},
        "contents": [
            {"@type": "Component", "name": "thermostat1", "schema": "dtmi:com:example:Thermostat;1"},
            {"@type": ["Telemetry", "Event"], "name": "alarm", "schema": "string"},
            {"@type": ["Telemetry", "Location"], "name": "where", "schema": "geopoint"},
            {"@type": ["Telemetry", "VelocityVector"], "name": "speed", "schema": "vector", "unit": "metrePerSecond"},
            {
                "@type": ["Property", "State"],
                "name": "mode",
                "writable": True,
                "schema": {
                    "@type": "Enum",
                    "valueSchema": "integer",
                    "enumValues": [
                        {"name": "off", "enumValue": 0, "displayName": {"en": "Off"}},
                        {"name": "on", "enumValue": 1, "displayName": {"en": "On"}},
                    ],
                },
            },
            {
                "@type": "Property",
                "name": "colour",
                "schema": {
                    "@type": "Enum",
                    "valueSchema": "string",
                    "enumValues": [{"name": "red", "enumValue": "r"}, {"name": "blue", "enumValue": "b"}],
                },
            },
            {
                "@type": "Property",
                "name": "settings",
                "writable": True,
                "schema": {
                    "@type": "Map",
                    "mapKey": {"name": "key", "schema": "string"},
                    "mapValue": {
                        "name": "value",
                        "schema": {
                            "@type": "Object",
                            "fields": [
                                {"name": "enabled", "schema": "boolean"},
                                {"name": "level", "schema": "integer"},
                            ],
                        },
                    },
                },
            },
            {
                "@type": "Command",
                "name": "reboot",
                "commandType": "asynchronous",
                "request": {"name": "delay", "schema": "duration"},
            },
            {"@type": "Relationship", "name": "installedIn", "target": "dtmi:com:example:Device;1"},
        ],
    }
    docs[:] = [device, thermostat] if rng.random() < 0.5 else [thermostat, device]
    return "pnp"


def m_multifile(rng, docs):
    """Several documents referring to each other: extends chains, Components, schemas of ancestors."""
    n = rng.randint(2, 5)
    ids = [f"dtmi:com:example:Part{i};1" for i in range(n)]
    built = []
    for i, dtmi in enumerate(ids):
        parents = tuple(rng.sample(ids[i + 1 :], min(len(ids) - i - 1, rng.randint(0, 2))))
        built.append(
            built_interface(rng, dtmi, extends=parents, interfaces_=tuple(ids[i + 1 :]), iotc=rng.random() < 0.2)
        )
    if rng.random() < 0.5:  # a schema of an ancestor used by a descendant (same extends chain)
        for doc in built:
            ext = as_list(doc.get("extends") or doc.get(MEMBER_DTMI["extends"]))
            holder = next(
                (d for d in built if d["@id"] in ext and (d.get("schemas") or d.get(MEMBER_DTMI["schemas"]))), None
            )
            if holder:
                sch = (holder.get("schemas") or holder.get(MEMBER_DTMI["schemas"]))[0]["@id"]
                doc[member_key(doc, "contents")].append({"@type": "Property", "name": "inherited", "schema": sch})
                break
    rng.shuffle(built)
    docs[:] = built
    return f"multifile {n}"


# The DTDL v3 feature extensions (dtdl-v3-rules.md, 1.22-1.26): co-type -> (extension, its members and values
# that fit, values that do not)
FEATURES = {
    "Historized": ("historization", {}),
    "ValueAnnotation": ("annotation", {"annotates": (["SIBLING"], [3, "", ["a", "b"]])}),
    "Override": ("overriding", {"overrides": (["unit"], ["schema", "name", 5, "http://x"])}),
    "Mqtt": (
        "mqtt",
        {
            "payloadFormat": (["Json/ecma/404"], [404, ""]),
            "telemetryTopic": (["a/{modelId}/t"], ["a//b", "$x/y", ""]),
            "commandTopic": (["c/{commandName}"], ["c//d"]),
        },
    ),
    "Idempotent": ("mqtt", {}),
    "Cacheable": ("mqtt", {"ttl": (["PT10M", "P1D"], ["10 minutes", "PT", 5])}),
    "Indexed": ("mqtt", {"index": ([1, 7], [0, -1, "1", 2.5])}),
    "Required": ("requirement", {}),
}


def m_extension(rng, docs):
    """A DTDL v3 feature extension co-type on an element, with or without its context, its members, and values
    that fit or do not (for --version 3)."""
    hosts = [
        (p, v)
        for p, v in nodes(docs)
        if isinstance(v, dict) and "@value" not in v and ("@type" in v or p[-1:] == ("request",))
    ]
    path, el = pick(rng, hosts) or (None, None)
    if path is None or not isinstance(el, dict):
        return None
    cotype = rng.choice(list(FEATURES))
    extension, members = FEATURES[cotype]
    version = rng.choice([1, 1, 1, 2]) if extension != "requirement" else 1
    context = f"dtmi:dtdl:extension:{extension};{version}"
    where = rng.choice(["root", "root", "element", "none"])
    if where == "root":
        root = docs[path[0]]
        root["@context"] = [*as_list(root.get("@context", [])), context]
    elif where == "element":
        el["@context"] = ["dtmi:dtdl:context;3", context]
    spelled = cotype if rng.random() < 0.8 else f"dtmi:dtdl:extension:{extension}:v{version}:{cotype}"
    el["@type"] = [*as_list(el.get("@type", [])), spelled]
    if cotype == "Override" and rng.random() < 0.7:
        el["@type"].append("ValueAnnotation")
        members = {**members, **FEATURES["ValueAnnotation"][1]}
    siblings = [
        v["name"] for v in as_list(get(docs, path[:-1])) if isinstance(v, dict) and isinstance(v.get("name"), str)
    ]
    wrong = rng.random() < 0.3
    for member, (good, bad) in members.items():
        if rng.random() < 0.1:
            continue  # missing
        value = rng.choice(bad if wrong else good)
        el[member] = rng.choice(siblings or ["nothing"]) if value == "SIBLING" else value
    return f"extension {cotype} ({context}, context {where}{', bad values' if wrong else ''}) at {path}"


MUTATIONS: dict[str, Callable] = {
    "retype": m_retype,
    "drop": m_drop,
    "wrap": m_wrap,
    "duplicate": m_duplicate,
    "spelling": m_spelling,
    "context": m_context,
    "move": m_move,
    "nest": m_nest,
    "rename": m_rename,
    "limits": m_limits,
    "semantic": m_semantic,
    "iotcentral": m_iotcentral,
    "literal": m_literal,
    "langstring": m_langstring,
    "reference": m_reference,
    "cotype": m_cotype,
    "member": m_member,
    "double": m_double,
}
V3_MUTATIONS: dict[str, Callable] = {"extension": m_extension}  # (of the default kinds with --version 3 only)
BUILDERS: dict[str, Callable] = {"scratch": m_scratch, "pnp": m_pnp, "multifile": m_multifile}


def apply(rng, docs, kind):
    try:
        if kind in BUILDERS:  # a built model set, then in 70% one mutation of another kind
            what = BUILDERS[kind](rng, docs)
            extra = apply(rng, docs, rng.choice(list(MUTATIONS))) if rng.random() < 0.7 else "unchanged"
            return f"{what}; {extra}" if extra else None
        return {**MUTATIONS, **V3_MUTATIONS}[kind](rng, docs)
    except (TypeError, KeyError, IndexError, AttributeError, ValueError):
        return None  # the mutation does not fit this document's shape


# ---------------------------------------------------------------------------------------------------------
# Base model sets


def conformance_bases(version: int) -> list[tuple[str, Docs, bool]]:
    path = SHARED / "conformance" / f"dtdl-v{version}-cases.jsonl"
    cases = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [
        (c["id"], c["models"], c["valid"])
        for c in cases
        if not c["quirks"] and not c.get("extra", {}).get("resolution")
    ]


def corpus_bases(rng: random.Random, n: int, version: int) -> list[tuple[str, Docs, bool]]:
    """Small closed sets: one corpus file and the files defining the DTMIs it depends on, transitively (DTDL v3:
    of the v3 corpus only)."""
    out = []
    for folder in sorted((SHARED / "corpora").iterdir()):
        if version == 3 and folder.name != "opendigitaltwins-building-v3":
            continue
        files = sorted(folder.rglob("*.json"))
        docs, defines = {}, {}
        for f in files:
            try:
                doc = json.loads(f.read_text(encoding="utf-8-sig"))
            except ValueError:
                continue
            docs[f] = doc
            for d in as_list(doc):
                if isinstance(d, dict) and isinstance(d.get("@id"), str):
                    defines[d["@id"]] = f
        for f in rng.sample(list(docs), min(n, len(docs))):
            closure, todo = [], [f]
            while todo and len(closure) < 40:
                g = todo.pop()
                if g in closure:
                    continue
                closure.append(g)
                text = json.dumps(docs[g])
                todo.extend(defines[m] for m in re.findall(r'"(dtmi:[^"]+)"', text) if m in defines)
            out.append((f"corpus/{folder.name}/{f.relative_to(folder)}", [docs[g] for g in closure], True))
    return out


def generate(count: int, seed: int, kinds: list[str], version: int = 2) -> list[dict]:
    rng = random.Random(seed)
    cases = conformance_bases(version)
    valid = [c for c in cases if c[2]]
    corpus = corpus_bases(rng, 60, version)
    inputs = []
    while len(inputs) < count:
        roll = rng.random()
        base_id, base, _ = rng.choice(corpus if roll < 0.2 else valid if roll < 0.85 else cases)
        kind = rng.choice(kinds)
        docs = copy.deepcopy(base)
        what = apply(rng, docs, kind)
        if not what:
            continue
        texts = [json.dumps(d, indent=2, ensure_ascii=False) for d in docs]
        inputs.append({"id": f"m{len(inputs)}", "kind": kind, "base": base_id, "what": what, "modelsText": texts})
    return inputs


# ---------------------------------------------------------------------------------------------------------
# Running both sides


def run_official(inputs: list[dict]) -> list[dict]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for x in inputs:
            f.write(json.dumps({"id": x["id"], "modelsText": x["modelsText"]}) + "\n")
    out = subprocess.run([str(OFFICIAL), "--cases", f.name], capture_output=True, text=True, check=True).stdout
    Path(f.name).unlink()
    results = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert [r["id"] for r in results] == [x["id"] for x in inputs]
    return results


def run_ours(texts: list[str]) -> list:
    from dtdl_lint import lint_models

    found = lint_models({f"doc{i}.json": t for i, t in enumerate(texts)}, extensions="version")
    return [d for d in found if d.severity == "error"]


def our_id(d) -> str:
    from dtdl_lint import codes

    if d.code == codes.UNRESOLVED_REFERENCE.code:
        return RESOLUTION
    return d.parser_id.rpartition(":")[2] or d.code


def compare(x: dict, official: dict) -> dict:
    try:
        errors = run_ours(x["modelsText"])
        crash = ""
    except Exception as e:
        errors, crash = [], f"{type(e).__name__}: {e}"
    off_ids = {e["validationId"].rpartition(":")[2] for e in official["errors"]}
    ours = {our_id(d) for d in errors}
    verdict = (not official["ok"]) == bool(errors) and not crash
    ids = None
    if verdict and errors and CRASHED not in off_ids:
        ids = ours <= off_ids
        if ids and RESOLUTION in ours:
            theirs = {e["primaryId"] for e in official["errors"] if e["validationId"] == RESOLUTION}
            named = {
                m.group(1)
                for d in errors
                if our_id(d) == RESOLUTION
                for m in [UNRESOLVED_MESSAGE.match(d.message)]
                if m
            }
            ids = named == theirs
    if crash:
        signature = f"our crash {crash[:80]}"
    elif not verdict and official["ok"]:
        signature = "we invalid, official valid: " + " ".join(sorted({f"{d.code}/{our_id(d)}" for d in errors}))
    elif not verdict:
        signature = "we valid, official invalid: " + " ".join(sorted(off_ids))
    elif ids is False:
        signature = (
            "ids: ours "
            + " ".join(sorted(ours - off_ids) or [RESOLUTION + " dtmis"])
            + " | official "
            + " ".join(sorted(off_ids))
        )
    else:
        signature = ""
    return {
        "id": x["id"],
        "kind": x["kind"],
        "base": x["base"],
        "what": x["what"],
        "verdict": verdict,
        "ids": ids,
        "signature": signature,
        "modelsText": x["modelsText"],
        "official": {
            "ok": official["ok"],
            "errors": [{k: e.get(k) for k in ("validationId", "cause", "primaryId")} for e in official["errors"]],
        },
        "ours": [
            {"code": d.code, "parser_id": our_id(d), "message": d.message, "file": d.file, "pointer": d.pointer}
            for d in errors
        ]
        + ([{"code": "CRASH", "message": crash}] if crash else []),
    }


# ---------------------------------------------------------------------------------------------------------
# Minimising one example per signature (greedy, every round of candidates in one official-parser run)


def reductions(docs: Docs) -> Iterator[Docs]:
    for i in range(len(docs)):
        if len(docs) > 1:
            yield docs[:i] + docs[i + 1 :]
    for path, value in sorted(nodes(docs), key=lambda pv: len(pv[0])):
        if len(path) < 2:
            continue
        if path[-1] in ("@context", "@id", "@type") and len(path) == 2:
            continue
        smaller = copy.deepcopy(docs)
        delete(smaller, path)
        yield smaller
        if isinstance(value, list) and len(value) > 1:
            for keep in (value[:1], value[-1:], value[: len(value) // 2]):
                smaller = copy.deepcopy(docs)
                put(smaller, path, copy.deepcopy(keep))
                yield smaller
        if isinstance(value, str) and len(value) > 100:
            smaller = copy.deepcopy(docs)
            put(smaller, path, value[: len(value) // 2])
            yield smaller


def minimise(examples: dict[str, dict], rounds: int = 30, per_round: int = 150) -> dict[str, dict]:
    current = {sig: [json.loads(t) for t in ex["modelsText"]] for sig, ex in examples.items()}
    results = dict(examples)
    for _ in range(rounds):
        batch = []
        for sig, docs in current.items():
            for j, cand in enumerate(reductions(docs)):
                if j >= per_round:
                    break
                batch.append(
                    {
                        "id": f"{len(batch)}",
                        "sig": sig,
                        "kind": examples[sig]["kind"],
                        "base": "",
                        "what": examples[sig]["what"],
                        "modelsText": [json.dumps(d, indent=2, ensure_ascii=False) for d in cand],
                    }
                )
        if not batch:
            break
        progressed = set()
        for x, off in zip(batch, run_official(batch), strict=False):
            if x["sig"] in progressed:
                continue
            r = compare(x, off)
            if r["signature"] == x["sig"]:
                progressed.add(x["sig"])
                current[x["sig"]] = [json.loads(t) for t in x["modelsText"]]
                results[x["sig"]] = r
        if not progressed:
            break
        current = {s: d for s, d in current.items() if s in progressed}
    return results


# ---------------------------------------------------------------------------------------------------------
# Report


def table(results: list[dict]) -> str:
    rows = defaultdict(lambda: [0, 0, 0, 0])
    for r in results:
        for key in (r["kind"], "all"):
            row = rows[key]
            row[0] += 1
            row[1] += r["verdict"]
            row[2] += r["ids"] is not None
            row[3] += r["ids"] is True
    lines = ["| mutation kind | inputs | verdicts agree | ids compared | ids agree |", "|---|---|---|---|---|"]
    for key in sorted(rows, key=lambda k: (k == "all", k)):
        n, v, c, i = rows[key]
        lines.append(
            f"| {key} | {n} | {v} ({v / n:.1%}) | {c} | {i} ({i / c:.1%}) |"
            if c
            else f"| {key} | {n} | {v} ({v / n:.1%}) | 0 | - |"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--version", type=int, default=2, choices=(2, 3), help="the DTDL version of the bases")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default="", help="comma-separated mutation kinds [all, for the version]")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "dtdl-differential")
    ap.add_argument("--minimise", action="store_true", help="minimise one example per disagreement signature")
    ap.add_argument("--minimise-at-least", type=int, default=3, help="only signatures seen this many times")
    args = ap.parse_args()
    kinds = (
        args.kinds.split(",") if args.kinds else [*MUTATIONS, *BUILDERS, *(V3_MUTATIONS if args.version == 3 else ())]
    )
    inputs = generate(args.count, args.seed, kinds, args.version)
    results = [compare(x, off) for x, off in zip(inputs, run_official(inputs), strict=False)]
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "results.jsonl", "w") as f:
        for r in results:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(table(results))
    groups = Counter(r["signature"] for r in results if r["signature"])
    print(f"\n{len(groups)} disagreement signatures:")
    for sig, n in groups.most_common():
        print(f"{n:5}  {sig}")
    if args.minimise:
        smallest = {}
        for r in results:
            if groups[r["signature"]] < args.minimise_at_least:
                continue
            if r["signature"] and (
                r["signature"] not in smallest
                or len("".join(r["modelsText"])) < len("".join(smallest[r["signature"]]["modelsText"]))
            ):
                smallest[r["signature"]] = r
        with open(args.out / "minimised.jsonl", "w") as f:
            for sig, r in minimise(smallest).items():
                f.write(json.dumps(r | {"count": groups[sig]}, ensure_ascii=False) + "\n")
        print(f"minimised examples in {args.out / 'minimised.jsonl'}")


if __name__ == "__main__":
    main()
