"""Fuzz of every public function and of the command line (issue 12): arbitrary and mutated JSON, text and bytes,
deep nesting and huge strings. Nothing may escape but the documented ValueError for a wrong keyword (an unknown
target, a schema that names none), and the command line answers with findings (exit 0 or 1), never a traceback.

The budget is hypothesis's profile (tests/conftest.py): `ci` in CI, `fuzz` for a long local run
(HYPOTHESIS_PROFILE=fuzz). Seeds are the documents of fixtures/, mutated: a member replaced by a hostile value,
removed, renamed, or added.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dtdl_lint import (
    Diagnostic,
    codes,
    lint_models,
    lint_patch,
    lint_query,
    lint_relationship,
    lint_twin,
    lint_value,
    load_models,
)
from dtdl_lint.cli import main
from dtdl_lint.run import classify

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
MODEL_FOLDERS = [
    FIXTURES / "twins" / "_models",
    FIXTURES / "examples" / "temperature-controller",
    FIXTURES / "examples" / "model-migration",
]
FUZZ = settings(
    max_examples=4 * settings().max_examples,  # (each example is cheap: a few milliseconds)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
LONGEST_LINE = 5000  # (findings quote a bounded part of their input: diagnostics.clip)


class Deep:
    """A value nested `levels` deep in arrays or objects, made only when used: hypothesis prints the examples it
    reports, and a deeply nested one would not print."""

    def __init__(self, levels: int, objects: bool) -> None:
        self.levels, self.objects = levels, objects

    def __repr__(self) -> str:
        return f"Deep({self.levels}, {'objects' if self.objects else 'arrays'})"

    def value(self) -> object:
        value: object = 1
        for _ in range(self.levels):
            value = {"k": value} if self.objects else [value]
        return value

    def text(self) -> str:
        return ('{"k": ' if self.objects else "[") * self.levels + "1" + ("}" if self.objects else "]") * self.levels


class Huge:
    """A huge string, made only when used, printed short."""

    def __init__(self, char: str, size: int) -> None:
        self.char, self.size = char, size

    def __repr__(self) -> str:
        return f"Huge({self.size} x {self.char!r})"

    def __str__(self) -> str:
        return self.char * self.size


def real(value: object) -> object:
    """The JSON value with its Deep parts made (no recursion: a document is walked level by level)."""
    if isinstance(value, Deep):
        return value.value()
    if isinstance(value, Huge):
        return str(value)
    if isinstance(value, dict):
        return {real(k): real(v) for k, v in value.items()}
    if isinstance(value, list):
        return [real(v) for v in value]
    return value


def text_of(value: object) -> str:
    """The JSON text of a value with Deep parts (json.dumps would run out of stack on them)."""
    deep: dict[str, Deep] = {}

    def mark(item: object) -> object:
        if isinstance(item, Deep):
            deep[f"\x00{len(deep)}\x00"] = item
            return f"\x00{len(deep) - 1}\x00"
        if isinstance(item, dict):
            return {str(k): mark(v) for k, v in item.items()}
        if isinstance(item, list):
            return [mark(v) for v in item]
        return str(item) if isinstance(item, Huge) else item

    text = json.dumps(mark(value), ensure_ascii=False)
    for token, item in deep.items():
        text = text.replace(json.dumps(token), item.text())
    return text


# --- strategies ----------------------------------------------------------------------------------------------

names = st.sampled_from(
    [
        "@id",
        "@type",
        "@context",
        "name",
        "schema",
        "contents",
        "extends",
        "$dtId",
        "$metadata",
        "$model",
        "op",
        "path",
        "value",
        "from",
        "sourceTime",
        "displayName",
        "enumValues",
        "valueSchema",
        "mapKey",
        "mapValue",
        "fields",
        "elementSchema",
        "target",
        "unit",
    ]
)
special = st.sampled_from(
    [
        "dtmi:dtdl:context;2",
        "Interface",
        "Property",
        "Telemetry",
        "Component",
        "Relationship",
        "Map",
        "Object",
        "Array",
        "Enum",
        "double",
        "string",
        "integer",
        "dateTime",
        "point",
        "dtmi:com:example:Thermostat;1",
        "dtmi:example:Moon;1",
        "dtmi:a:b;1",
        "dtmi:",
        "/",
        "~",
        "",
        "\ud800",
        "\x1b]0;x\x07",
        "a\nb",
        "\u202e",
        "P1Y",
        "2024-02-30T00:00:00Z",
        "add",
        "replace",
        "remove",
        "move",
        "/$metadata/$model",
        "~1~0",
        "-",
    ]
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(blacklist_categories=()))
    | special
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(names | st.text(max_size=8), inner, max_size=5),
    max_leaves=20,
)
huge = st.builds(Huge, st.sampled_from(["a", "é", "\ud800", ":", "/", "~", "7"]), st.integers(1000, 300_000))
deep = st.builds(
    Deep, st.sampled_from([99, 100, 101, 496, 900, 975, 980, 990, 1000, 3000]) | st.integers(2, 5000), st.booleans()
)
hostile = json_values | huge | deep | special


def positions(document: object) -> list[tuple[object, object]]:
    """(container, key or index) of every member and item of a document, level by level."""
    found, level = [], [document] if isinstance(document, (dict, list)) else []
    while level:
        following = []
        for container in level:
            items = container.items() if isinstance(container, dict) else enumerate(container)
            for key, item in items:
                found.append((container, key))
                if isinstance(item, (dict, list)):
                    following.append(item)
        level = following
    return found


@st.composite
def mutated(draw, seeds: list) -> object:
    """A seed document with a few of its members or items replaced, removed, renamed, or added."""
    document = copy.deepcopy(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 4))):
        places = positions(document)
        if not places or draw(st.integers(0, 9)) == 0:
            document = draw(hostile) if not places else [document, draw(hostile)]
            continue
        container, key = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["replace", "replace", "remove", "rename", "add"]))
        if action == "replace":
            container[key] = draw(hostile)
        elif action == "remove":
            del container[key]
        elif isinstance(container, dict) and action == "rename":
            container[draw(names | st.text() | huge.map(str))] = container.pop(key)
        elif isinstance(container, dict):
            container[draw(names | st.text())] = draw(hostile)
        else:
            container.insert(key, draw(hostile))
    return document


@cache
def seeds() -> dict[str, list]:
    """The documents of fixtures/ by kind (model, twin, relationship, patch)."""
    found: dict[str, list] = {"model": [], "twin": [], "relationship": [], "patch": []}
    for path in sorted(FIXTURES.rglob("*.json")):
        if path.name in ("expected.json", "args.json") or path.is_symlink():
            continue
        try:
            document = json.loads(path.read_text(encoding="utf-8-sig"))
        except (ValueError, RecursionError):  # (the fixtures of broken JSON)
            continue
        kind = classify(document)
        if kind in found:
            found[kind].append(document)
    return found


@cache
def models():
    return load_models(MODEL_FOLDERS)


def encoded(draw, value: object, forms: tuple[str, ...] = ("value", "text", "bytes", "damaged")) -> object:
    """The value itself, its JSON text, or that text as (perhaps damaged) bytes."""
    form = draw(st.sampled_from(forms))
    if form == "value":
        return real(value)
    text = text_of(value)
    if form == "text":
        return text
    raw = text.encode("utf-8", "surrogatepass")
    if form == "damaged" and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + draw(st.binary(max_size=4)) + raw[at + draw(st.integers(0, 3)) :]
    return raw


def assert_findings(found: list) -> None:
    assert isinstance(found, list) and all(isinstance(d, Diagnostic) for d in found)
    assert all(d.code in codes.ALL and len(d.message) < LONGEST_LINE for d in found)


# --- the library ---------------------------------------------------------------------------------------------


@FUZZ
@given(st.data())
def test_models_never_raise(data) -> None:
    documents = data.draw(st.lists(mutated(seeds()["model"]) | hostile, min_size=1, max_size=3))
    sources = {
        f"m{i}.json": encoded(data.draw, document, ("text", "bytes", "damaged")) for i, document in enumerate(documents)
    }
    extensions = data.draw(st.sampled_from(["allow", "disallow"]))
    found = lint_models(sources, extensions=extensions)
    assert_findings(found)
    assert all(d.file in sources and d.line >= 1 for d in found if d.pointer or d.line)
    loaded = load_models(sources, extensions=extensions)
    assert_findings(loaded.diagnostics)


TARGETS = st.sampled_from(["adt", "adt", "iothub", "azure"])


@FUZZ
@given(st.data())
def test_twins_and_relationships_never_raise(data) -> None:
    twin = encoded(data.draw, data.draw(mutated(seeds()["twin"]) | hostile))
    target = data.draw(TARGETS)
    if target == "azure":
        with pytest.raises(ValueError):
            lint_twin(twin, models(), target=target)
        return
    assert_findings(lint_twin(twin, models(), target=target))
    relationship = encoded(data.draw, data.draw(mutated(seeds()["relationship"] + seeds()["twin"]) | hostile))
    twins = {str(t.get("$dtId")): t for t in map(real, seeds()["twin"]) if isinstance(t, dict)}
    assert_findings(lint_relationship(relationship, models(), twins=data.draw(st.sampled_from([None, twins])), seen={}))


@FUZZ
@given(st.data())
def test_patches_never_raise(data) -> None:
    patch = encoded(data.draw, data.draw(mutated(seeds()["patch"]) | hostile))
    twin = data.draw(st.none() | mutated(seeds()["twin"]) | hostile)
    model = data.draw(st.none() | st.sampled_from(sorted(models().interfaces)) | special | huge.map(str))
    target = data.draw(TARGETS)
    if target == "azure":
        with pytest.raises(ValueError):
            lint_patch(patch, models(), model=model, twin=real(twin), target=target)
        return
    assert_findings(lint_patch(patch, models(), model=model, twin=real(twin), target=target))


@FUZZ
@given(st.data())
def test_values_never_raise(data) -> None:
    schemas = sorted(k for k, e in models().elements.items() if type(e).__name__.endswith("Schema"))
    schema = data.draw(
        st.sampled_from(
            [
                "double",
                "float",
                "integer",
                "long",
                "string",
                "boolean",
                "date",
                "time",
                "dateTime",
                "duration",
                "point",
                "multiPolygon",
                "vector",
                "geopoint",
                "dtmi:dtdl:instance:Schema:double;2",
                "nothing",
                "dtmi:example:Nothing;1",
                *schemas,
            ]
        )
    )
    value = encoded(data.draw, data.draw(hostile | mutated(seeds()["twin"])))
    text = data.draw(st.booleans())  # (a str is then JSON text, else a string value)
    if schema in ("nothing", "dtmi:example:Nothing;1"):
        with pytest.raises(ValueError):
            lint_value(value, schema, models(), text=text)
        return
    assert_findings(lint_value(value, schema, models(), text=text))


@cache
def query_seeds() -> list[str]:
    """The queries of fixtures/queries."""
    return [path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "queries").rglob("*.adtquery"))]


@cache
def query_models():
    return load_models([FIXTURES / "queries" / "_models"])


QUERY_WORDS = st.sampled_from(["SELECT", "(", ")", "[", "]", "'", "\\", ".", "-[", "]->", "*", "..", "[[", "$", "\n"])


@st.composite
def mutated_query(draw) -> str:
    """A query of fixtures/queries with a few slices replaced by words of the language, text or a huge string."""
    text = draw(st.sampled_from(query_seeds()))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 12))
        text = text[:at] + str(draw(QUERY_WORDS | st.text(max_size=12) | huge)) + text[at + cut :]
    return text


@FUZZ
@given(st.data())
def test_queries_never_raise(data) -> None:
    query = data.draw(mutated_query() | hostile.map(real))
    found = lint_query(query, data.draw(st.sampled_from([models, query_models]))())
    assert_findings(found)
    assert all(d.line >= 1 and d.column >= 1 for d in found)


# --- the command line ----------------------------------------------------------------------------------------


@st.composite
def checked_folder(draw) -> dict[str, bytes]:
    """Files of a checked folder: mutated models, twins, relationships and patches, JSON Lines of them, bytes."""
    files = {}
    kinds = ["model", "twin", "relationship", "patch"]
    for index in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(kinds))
        if draw(st.booleans()):
            records = draw(st.lists(mutated(seeds()[kind]) | hostile, min_size=1, max_size=4))
            files[f"f{index}.jsonl"] = "\n".join(text_of(r) for r in records).encode("utf-8", "surrogatepass")
        else:
            value = encoded(draw, draw(mutated(seeds()[kind]) | hostile), ("text", "bytes", "damaged"))
            files[f"f{index}.json"] = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        files["noise.json"] = draw(st.binary(max_size=200))
    if draw(st.integers(0, 3)) == 0:
        query = draw(mutated_query())
        files["query.adtquery"] = query.encode("utf-8", "surrogatepass")
        files["queries.jsonl"] = (text_of({"query": query}) + "\n" + text_of({"query": draw(hostile)})).encode(
            "utf-8", "surrogatepass"
        )
    return files


def write(folder: Path, files: dict[str, bytes]) -> None:
    for name, raw in files.items():
        (folder / name).write_bytes(raw)


def options(draw) -> list[str]:
    chosen = ["--output-format", draw(st.sampled_from(["text", "json", "sarif", "github"]))]
    chosen += draw(
        st.sampled_from(
            [
                [],
                ["--target", "iothub"],
                ["--statistics"],
                ["--kind", "twin"],
                ["--kind", "patch", "--model", "dtmi:com:example:Room;1"],
                ["--select", "DTL0"],
                ["--extensions", "disallow"],
                ["--quiet"],
            ]
        )
    )
    return chosen


def assert_report(output_format: str, statistics: bool, stdout: str) -> None:
    assert max(map(len, stdout.splitlines()), default=0) < LONGEST_LINE * 2
    if output_format in ("json", "sarif") and stdout:
        json.loads(stdout)


@FUZZ
@given(st.data())
def test_the_command_line_answers_with_findings(data) -> None:
    files = data.draw(checked_folder())
    chosen = options(data.draw)
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), files)
        result = CliRunner().invoke(main, ["check", *chosen, "--models", str(MODEL_FOLDERS[0]), folder])
    assert result.exit_code in (0, 1), result.output
    assert result.stderr == ""
    assert_report(chosen[1], "--statistics" in chosen, result.stdout)


@settings(FUZZ, max_examples=max(3, FUZZ.max_examples // 100))
@given(st.data())
def test_the_command_line_in_a_process_of_its_own_answers_with_findings(data) -> None:
    """As a user runs it: json.loads reads nesting the checks could not, output goes to a real pipe."""
    files = data.draw(checked_folder())
    chosen = options(data.draw)
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), files)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        result = subprocess.run(
            [sys.executable, "-m", "dtdl_lint", "check", *chosen, "--models", str(MODEL_FOLDERS[0]), "."],
            cwd=folder,
            env=env,
            capture_output=True,
            timeout=120,
        )
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == b""
    assert_report(chosen[1], "--statistics" in chosen, result.stdout.decode("utf-8"))


@FUZZ
@given(st.binary(max_size=2000) | st.text(st.characters(blacklist_categories=("Cs",))).map(str.encode))
def test_standard_input_of_any_bytes_answers_with_findings(raw) -> None:
    result = CliRunner().invoke(main, ["check", "--output-format", "json", "-"], input=raw)
    assert result.exit_code in (0, 1), result.output
    json.loads(result.stdout)
