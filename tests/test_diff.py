"""`dtdl-lint diff` beyond its golden cases: twins against generated changes (hypothesis), the building ontology
against itself and against an edited copy, a git revision as the old set, the migration patches written."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import event, given
from hypothesis import strategies as st

from dtdl_lint import api, loading
from dtdl_lint.cli import main
from dtdl_lint.diagnostics import split_pointer
from dtdl_lint.diff import diff_models, migrate_twin, successor, version_of
from dtdl_lint.model import EnumSchema, EnumValue, Property, inline

CONTEXT = "dtmi:dtdl:context;2"
CONTEXT3 = ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:requirement;1"]
ROOM, ROOM2, SENSOR = "dtmi:com:example:Room;1", "dtmi:com:example:Room;2", "dtmi:com:example:Sensor;1"
NAMES = ("a", "b", "c", "d")
PRIMITIVES = ("integer", "long", "double", "float", "string", "boolean", "date")


def interface(dtmi: str, contents: list[dict], context: object = CONTEXT) -> str:
    return json.dumps({"@context": context, "@id": dtmi, "@type": "Interface", "contents": contents})


def enum(values: list[str]) -> dict:
    return {"@type": "Enum", "valueSchema": "string", "enumValues": [{"name": v, "enumValue": v} for v in values]}


def obj(fields: dict[str, str], required: tuple[str, ...] = ()) -> dict:
    listed = [
        {"@type": ["Field", "Required"] if n in required else "Field", "name": n, "schema": s}
        for n, s in fields.items()
    ]
    return {"@type": "Object", "fields": listed}


def array(elements: str) -> dict:
    return {"@type": "Array", "elementSchema": elements}


def map_of(values: str) -> dict:
    return {"@type": "Map", "mapKey": {"name": "k", "schema": "string"}, "mapValue": {"name": "v", "schema": values}}


schemas = st.one_of(
    st.sampled_from(PRIMITIVES),
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True).map(enum),
    st.dictionaries(st.sampled_from(NAMES), st.sampled_from(PRIMITIVES), min_size=1, max_size=3).map(obj),
    st.sampled_from(PRIMITIVES).map(map_of),
)
properties = st.dictionaries(st.sampled_from(NAMES), schemas, max_size=4)
# what DTDL v3 adds to a Property's schemas: Arrays, geospatial schemas, Enums and Objects without values or fields,
# Required fields
schemas3 = st.one_of(
    schemas,
    st.sampled_from(PRIMITIVES).map(array),
    st.sampled_from(("point", "lineString")),
    st.sampled_from([enum([]), obj({})]),
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True).map(
        lambda r: obj(dict.fromkeys(r, "long"), (r[0],))
    ),
)
properties3 = st.dictionaries(st.sampled_from(NAMES), schemas3, max_size=4)
# (previous, next) versions: DTDL v2's, and v3's minor and major steps
VERSIONS = {CONTEXT: [(ROOM, ROOM2)], "v3": [(ROOM, "dtmi:com:example:Room;1.1"), ("dtmi:com:example:Room;1.2", ROOM2)]}
GEOMETRY = {
    "point": {"type": "Point", "coordinates": [1.5, 2]},
    "lineString": {"type": "LineString", "coordinates": [[1.5, 2], [3, 4.5]]},
}


def values_of(schema: object) -> st.SearchStrategy:
    """Values of `schema`, and some that are not (a twin may hold either: lint_twin decides)."""
    if isinstance(schema, str) and schema in GEOMETRY:
        right = st.just(GEOMETRY[schema])
    elif isinstance(schema, str):
        right = {
            "integer": st.integers(-(2**31), 2**31 - 1),
            "long": st.integers(-(2**40), 2**40),
            "double": st.floats(-1e6, 1e6) | st.integers(-5, 5),
            "float": st.floats(-1e6, 1e6, width=32),
            "string": st.text(max_size=5),
            "boolean": st.booleans(),
            "date": st.just("2024-02-29"),
        }[schema]
    elif schema["@type"] == "Enum":
        listed = [v["enumValue"] for v in schema["enumValues"]]
        right = st.sampled_from(listed) if listed else st.nothing()
    elif schema["@type"] == "Array":
        right = st.lists(values_of(schema["elementSchema"]), max_size=3)
    elif schema["@type"] == "Object":
        right = st.fixed_dictionaries({}, optional={f["name"]: values_of(f["schema"]) for f in schema["fields"]})
    else:
        right = st.dictionaries(st.text("xyz", min_size=1, max_size=2), values_of(schema["mapValue"]["schema"]))
    return right | st.sampled_from([1.5, "x", 7, True, {"z": 1}])


@st.composite
def evolutions(draw) -> tuple[str, tuple[str, str], dict, dict, tuple[bool, bool], dict]:
    """A DTDL version and two versions of Room in it, the old Room (properties, maybe a component), the new one
    (some removed, retyped, added; a component kept, dropped or added) and a twin of the old one."""
    version = draw(st.sampled_from(sorted(VERSIONS)))
    dtmis = draw(st.sampled_from(VERSIONS[version]))
    old = draw(properties if version == CONTEXT else properties3)
    new = {name: schema for name, schema in old.items() if draw(st.booleans()) or draw(st.booleans())}
    for name in draw(st.lists(st.sampled_from(NAMES), max_size=2)):
        new[name] = draw(schemas if version == CONTEXT else schemas3)
    kept = draw(st.booleans())
    components = (kept, kept if draw(st.integers(0, 3)) else not kept)  # (mostly kept as it was)
    twin: dict = {"$dtId": "r", "$metadata": {"$model": dtmis[0]}}
    for name, schema in old.items():
        if draw(st.booleans()):
            twin[name] = draw(values_of(schema))
    if (components[0] and draw(st.booleans())) or draw(st.integers(0, 9)) == 0:
        twin["sensor"] = {"$metadata": {}, **({"reading": 2.5} if draw(st.booleans()) else {})}
    return version, dtmis, old, new, components, twin


def contents(props: dict, component: bool = False) -> list[dict]:
    found = [{"@type": "Property", "name": name, "schema": schema} for name, schema in props.items()]
    return found + ([{"@type": "Component", "name": "sensor", "schema": SENSOR}] if component else [])


@given(evolutions())
def test_migration_verdicts_are_lint_twins(case) -> None:
    """Whatever the change, a twin `diff` says conforms passes lint_twin against the new version and one it says
    does not fails it; the migration patch passes the patch linter exactly when the twin it makes passes
    lint_twin; where diff finds no breaking change, every twin valid on the old version conforms to the new; in
    DTDL v3 a minor version that breaks anything is said to (DTL612)."""
    version, (before, after), old_props, new_props, (old_component, new_component), twin = case
    context = CONTEXT if version == CONTEXT else CONTEXT3
    sensor = interface(SENSOR, [{"@type": "Property", "name": "reading", "schema": "double"}], context)
    room = interface(before, contents(old_props, old_component), context)
    old = loading.load_models({"room.json": room, "sensor.json": sensor})
    new = loading.load_models(
        {
            "room.json": room,
            "room2.json": interface(after, contents(new_props, new_component), context),
            "sensor.json": sensor,
        }
    )
    assert not old.diagnostics and not new.diagnostics
    migration = migrate_twin(twin, old, new)
    assert migration is not None and migration.target == after
    moved = {**twin, "$metadata": {"$model": after}}
    assert migration.conforms == (not [d for d in api.lint_twin(moved, new) if d.severity == "error"])
    patched = {**moved, **{op["path"][1:]: op["value"] for op in migration.patch[1:]}}
    assert all(op["op"] == "add" and op["path"] == "/sensor" for op in migration.patch[1:])
    assert (not migration.problems) == (not [d for d in api.lint_twin(patched, new) if d.severity == "error"])
    breaking = [d for d in diff_models(old, new) if d.severity == "error"]
    event("migrates" if not migration.problems else "does not migrate")
    event("a breaking change" if breaking else "no breaking change")
    minor = after.endswith(";1.1")
    assert any(d.code == "DTL612" for d in breaking) == (minor and bool(breaking)), breaking
    if not breaking and not [d for d in api.lint_twin(twin, old) if d.severity == "error"]:
        assert migration.conforms, (old_props, new_props, twin)


def test_versions() -> None:
    assert version_of("dtmi:com:example:Room;12") == ("dtmi:com:example:Room", (12,))
    assert version_of("dtmi:com:example:Room;1.2") == ("dtmi:com:example:Room", (1, 2))  # DTDL v3
    assert version_of("dtmi:com:example:Room") == ("dtmi:com:example:Room", ())  # DTDL v3, no version
    assert (1, 10) > (1, 9) > (1,)  # compared as numbers, part by part
    old = loading.load_models({"a.json": interface(ROOM, [])})
    new = loading.load_models({"a.json": interface(ROOM, []), "b.json": interface("dtmi:com:example:Room;10", [])})
    assert successor(ROOM, new) == "dtmi:com:example:Room;10"
    assert successor("dtmi:com:example:Room;11", new) is None and successor(ROOM, old) == ROOM


def test_same_content_is_json_equality() -> None:
    """Formatting, key order and the spelling of numbers are not changes; a description is."""
    body = {
        "@context": CONTEXT,
        "@id": ROOM,
        "@type": "Interface",
        "contents": [{"@type": "Relationship", "name": "has", "maxMultiplicity": 2}],
    }
    old = loading.load_models({"room.json": json.dumps(body)})
    reordered = json.dumps(dict(reversed(body.items())), indent=4).replace(
        '"maxMultiplicity": 2', '"maxMultiplicity": 2.0'
    )
    assert diff_models(old, loading.load_models({"room.json": reordered})) == []
    described = loading.load_models({"room.json": json.dumps({**body, "description": "a room"})})
    (found,) = diff_models(old, described)
    assert (
        found.code == "DTL601" and "only descriptive texts changed" in found.message and found.pointer == "/description"
    )


def building(shared: Path) -> Path:
    return shared / "corpora" / "opendigitaltwins-building"


def test_building_ontology_against_itself(shared) -> None:
    models = loading.load_models([building(shared)])
    assert diff_models(models, loading.load_models([building(shared)])) == []
    result = CliRunner().invoke(main, ["diff", str(building(shared)), str(building(shared))])
    assert result.exit_code == 0 and result.stdout.startswith("All checks passed ("), result.output


def test_a_version_not_checked_is_said(tmp_path) -> None:
    """A file of the new set that was not compared (here: of a DTDL version dtdl-lint does not check) is reported,
    while the new set's warnings about models compared are not (they are check's)."""
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    v4 = json.loads(interface(ROOM, []))
    (tmp_path / "new" / "room.json").write_text(json.dumps({**v4, "@context": "dtmi:dtdl:context;4"}))
    (tmp_path / "new" / "sensor.json").write_text(
        interface(SENSOR, [{"@type": "Property", "name": "x", "dtmi:dtdl:property:schema;2": "double"}])
    )
    result = CliRunner().invoke(main, ["diff", "--output-format", "json", str(tmp_path / "old"), str(tmp_path / "new")])
    assert [(d["code"], Path(d["file"]).name) for d in json.loads(result.stdout)] == [("DTL106", "room.json")]


def test_files_that_are_not_models_are_said_skipped(tmp_path) -> None:
    """JSON files of the new set that are not models (package.json, a file that is not JSON and not DTDL-like) are
    counted in the summary as check counts them, not passed as if compared."""
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "package.json").write_text('{"name": "x"}')
    (tmp_path / "new" / "garbage.json").write_bytes(b"\x00\x01 not json")
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "old"), str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "All checks passed (0 files, 2 other JSON files skipped)."


def test_building_ontology_against_an_edited_copy(shared, tmp_path) -> None:
    """A new version of a model without one of its properties, a new version of another with an Enum value less,
    and a description edited in place give exactly those three findings."""
    copy = tmp_path / "building"
    shutil.copytree(building(shared), copy)
    old = loading.load_models([building(shared)])
    room = next(i for i in old.interfaces.values() if i.id == "dtmi:digitaltwins:rec_3_3:core:Room;1")
    prop = next(
        c
        for i in old.interfaces.values()
        if i.parent is None and i.id != room.id
        for c in i.contents
        if isinstance(c, Property) and isinstance(c.schema, EnumSchema)
    )
    enumerated = old.interfaces[prop.partition]
    edited = Path(room.source).relative_to(building(shared))  # edited in place
    document = json.loads((copy / edited).read_text())
    document["description"] = {"en": "Edited without a new version."}
    (copy / edited).write_text(json.dumps(document, indent=2))
    shrunk = _document(old.interfaces["dtmi:digitaltwins:rec_3_3:core:Space;1"])
    removed = shrunk["contents"].pop(next(i for i, c in enumerate(shrunk["contents"]) if c["@type"] == "Property"))
    shrunk["@id"] = "dtmi:digitaltwins:rec_3_3:core:Space;2"
    (copy / "space-2.json").write_text(json.dumps(shrunk, indent=2))
    narrowed = _document(enumerated)
    lost = inline(prop.schema.enum_values, EnumValue)[-1]  # (its members may be spelled as DTMIs: found by place)
    *above, last = split_pointer(lost.pointer)
    values = narrowed
    for token in above:
        values = values[int(token)] if isinstance(values, list) else values[token]
    del values[int(last)]
    narrowed["@id"] = enumerated.id.replace(";1", ";2")
    (copy / "narrowed-2.json").write_text(json.dumps(narrowed, indent=2))

    found = diff_models(old, loading.load_models([copy]))
    assert sorted((d.code, d.file) for d in found) == [
        ("DTL601", str(copy / edited)),
        ("DTL602", str(copy / "space-2.json")),
        ("DTL603", str(copy / "narrowed-2.json")),
    ]
    messages = " | ".join(d.message for d in found)
    assert f"'{removed['name']}'" in messages and json.dumps(lost.enum_value) in messages
    assert all(d.related and d.related[0].file.startswith(str(building(shared))) for d in found)


def _document(interface) -> dict:
    return json.loads(Path(interface.source).read_text(encoding="utf-8-sig"))


def _git(folder: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True)


def test_base_revision_and_patches(tmp_path, monkeypatch) -> None:
    """--base reads the old models from a git revision (nothing checked out); --write-patches writes the
    migration patch of each twin that migrates, and only those."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "models").mkdir(parents=True)
    (repo / "models" / "room.json").write_text(interface(ROOM, contents({"a": "double", "b": "string"})))
    (repo / "package.json").write_text('{"name": "not a model"}')
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "empty")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "room")
    (repo / "models" / "room-2.json").write_text(interface(ROOM2, contents({"a": "double"}, component=True)))
    (repo / "models" / "sensor.json").write_text(interface(SENSOR, []))
    twins = tmp_path / "twins.json"
    twins.write_text(
        json.dumps(
            [
                {"$dtId": "r/1", "$metadata": {"$model": ROOM}, "a": 1.5},
                {"$dtId": "r2", "$metadata": {"$model": ROOM}, "b": "x"},
            ]
        )
    )
    monkeypatch.chdir(repo)
    out = tmp_path / "patches"
    args = ["diff", "--base", "HEAD", "--output-format", "json", "--twins", str(twins), "--write-patches", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)
    by_code = {d["code"]: d for d in found}
    assert sorted((d["code"], d["file"]) for d in found) == [
        ("DTL602", "models/room-2.json"),
        ("DTL606", "models/room-2.json"),
        ("DTL611", str(twins)),
    ]
    assert by_code["DTL602"]["related"][0]["file"] == "HEAD:models/room.json"
    assert by_code["DTL611"]["pointer"] == "/1"
    assert by_code["DTL611"]["message"] == (
        f"twin r2 does not conform to {ROOM2} even with its missing components added: at /b of the migrated twin, "
        f"Invalid twin specified: 'b' is not a property of {ROOM2}"
    )
    assert [p.name for p in out.iterdir()] == ["r%2F1.json"]
    assert json.loads((out / "r%2F1.json").read_text()) == [
        {"op": "replace", "path": "/$metadata/$model", "value": ROOM2},
        {"op": "add", "path": "/sensor", "value": {"$metadata": {}}},
    ]
    before = CliRunner().invoke(main, ["diff", "--base", "HEAD~1", "--ignore", "DTL6"])  # no models then
    assert before.exit_code == 0, before.output
    assert CliRunner().invoke(main, ["diff", "--base", "no-such-revision"]).exit_code == 2


def test_usage_errors(tmp_path) -> None:
    (tmp_path / "twins.json").write_text("{}")
    for args in (
        [
            "diff",
            str(tmp_path),
            str(tmp_path),
            "--twins",
            str(tmp_path / "twins.json"),
            "--output-file",
            str(tmp_path / "twins.json"),
        ],
        ["diff"],
        ["diff", str(tmp_path)],
        ["diff", str(tmp_path), str(tmp_path / "absent")],
        ["diff", str(tmp_path), str(tmp_path), "--write-patches", str(tmp_path / "p")],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, (args, result.output)
    assert (tmp_path / "twins.json").read_text() == "{}"  # (the report did not overwrite it)


def test_commands_relationship_properties_and_schemas_by_reference() -> None:
    """A Command's request is compared as values sent to the new version, its response the other way; the
    properties of a Relationship as those of an Interface; a schema given by its DTMI is compared by what it
    allows, not by its id. Through the library (api.diff_models, api.migrate_twin), from sources."""
    level = "dtmi:com:example:Level;1"

    def room(dtmi: str, request: str, response: str, props: dict, level_values: list[str]) -> str:
        command = {
            "@type": "Command",
            "name": "reset",
            "request": {"name": "to", "schema": request},
            "response": {"name": "done", "schema": response},
        }
        relationship = {"@type": "Relationship", "name": "near", "properties": contents(props)}
        level_enum = {"@id": level.replace(";1", f"_{dtmi[-1]};1"), **enum(level_values)}
        level_property = {"@type": "Property", "name": "level", "schema": level_enum["@id"]}
        body = json.loads(interface(dtmi, [command, relationship, level_property]))
        return json.dumps({**body, "schemas": [level_enum]})

    old = {"room.json": room(ROOM, "integer", "double", {"p": "double", "q": "string"}, ["a", "b"])}
    new = {**old, "room-2.json": room(ROOM2, "double", "integer", {"p": "integer"}, ["a", "b", "c"])}
    found = api.diff_models(old, new)
    messages = sorted((d.code, d.message.split(f"{ROOM2}: ", 1)[-1]) for d in found)
    assert any(d.message.startswith(f"Property 'p' of Relationship 'near' of {ROOM2}: ") for d in found)
    assert messages == [
        ("DTL602", "Property 'q' of Relationship 'near' of dtmi:com:example:Room;2 is gone"),
        ("DTL603", "a double became an integer (a double value need not be an integer value)"),  # (of 'near')
        ("DTL604", "its Enum changed, which takes every value it took"),
        ("DTL604", "its request: an integer became a double, which takes every value it took"),
        ("DTL604", "its response: a double became an integer, which takes every value it took"),  # (for callers)
    ]
    migration = api.migrate_twin({"$dtId": "r", "$metadata": {"$model": ROOM}, "level": "b"}, old, new)
    assert migration is not None and migration.conforms and not migration.problems
    assert api.migrate_twin({"$dtId": "r", "$metadata": {"$model": ROOM2}}, old, new) is None  # not of the old set


def test_new_versions_of_components_and_targets(tmp_path) -> None:
    """A component whose Interface moves to a new version is compared through it, once (not again when that
    Interface is compared with its previous version); a Relationship whose target moves to a later version of
    the same model does not narrow."""

    def room(dtmi: str, thermostat: str) -> str:
        component = {"@type": "Component", "name": "th", "schema": thermostat}
        return interface(dtmi, [component, {"@type": "Relationship", "name": "uses", "target": thermostat}])

    t1, t2 = "dtmi:com:example:Thermostat;1", "dtmi:com:example:Thermostat;2"
    old = {"room.json": room(ROOM, t1), "t.json": interface(t1, contents({"sp": "double"}))}
    new = {"room.json": room(ROOM2, t2), "t.json": interface(t1, contents({"sp": "double"}))}
    new["t2.json"] = interface(t2, contents({"sp": "integer"}))
    found = api.diff_models(old, new)
    assert [(d.code, d.file, d.dtmi) for d in found] == [("DTL603", "t2.json", t2)]
    elsewhere = {**new, "room.json": room(ROOM2, SENSOR), "sensor.json": interface(SENSOR, [])}
    assert sorted((d.code, d.file) for d in api.diff_models(old, elsewhere)) == [
        ("DTL602", "sensor.json"),  # the component's Interface lacks what the old one had
        ("DTL603", "t2.json"),
        ("DTL607", "room.json"),  # another model entirely
    ]


def test_configuration_is_shared_with_check(tmp_path) -> None:
    """select/ignore and exclude come from [tool.dtdl-lint] as for check; options win."""
    for side, version, schema in (("old", 1, "double"), ("new", 2, "integer")):
        (tmp_path / side / "generated").mkdir(parents=True)
        generated = interface(f"dtmi:com:example:Generated;{version}", contents({"a": schema}))
        (tmp_path / side / "generated" / "room.json").write_text(generated)
    config = tmp_path / "pyproject.toml"
    run = ["diff", "--output-format", "json", "--config", str(config), str(tmp_path / "old"), str(tmp_path / "new")]
    config.write_text("[tool.dtdl-lint]\n")
    assert [d["code"] for d in json.loads(CliRunner().invoke(main, run).stdout)] == ["DTL603"]
    config.write_text('[tool.dtdl-lint]\nignore = ["DTL603"]\n')
    assert json.loads(CliRunner().invoke(main, run).stdout) == []
    assert [d["code"] for d in json.loads(CliRunner().invoke(main, [*run, "--select", "DTL6"]).stdout)] == ["DTL603"]
    config.write_text('[tool.dtdl-lint]\nexclude = ["generated"]\n')
    assert json.loads(CliRunner().invoke(main, run).stdout) == []


def test_twins_that_cannot_be_read_are_findings(tmp_path) -> None:
    """A twin line that is not JSON is a finding at its line, records that are not twins of the old set are left
    alone, and the twins after them are still checked."""
    for side, props in (("old", {"a": "double"}), ("new", {"a": "integer"})):
        (tmp_path / side).mkdir()
        (tmp_path / side / "room.json").write_text(interface(ROOM if side == "old" else ROOM2, contents(props)))
    twins = tmp_path / "twins.ndjson"
    twin = {"$dtId": "r", "$metadata": {"$model": ROOM}, "a": 0.5}
    lines = ["{not json", "[1, 2]", '{"$dtId": "x"}', json.dumps(twin)]
    twins.write_text("\n".join(lines) + "\n\n")
    args = ["diff", "--output-format", "json", "--twins", str(twins), str(tmp_path / "old"), str(tmp_path / "new")]
    found = json.loads(CliRunner().invoke(main, args).stdout)
    assert [(d["code"], d["line"]) for d in found if d["file"] == str(twins)] == [("DTL003", 1), ("DTL611", 4)]


def test_what_narrows_a_complex_schema() -> None:
    """Object fields removed or retyped, a Map's values, an Array's elements, an Enum's valueSchema: each narrows
    and the message says where; fields and Enum values added, integer -> long, a date -> string only widen."""
    integers = {**enum([]), "valueSchema": "integer", "enumValues": [{"name": "a", "enumValue": 1}]}
    narrowing = [
        (obj({"a": "double", "b": "string"}), obj({"a": "double"}), "Object field 'b' is gone"),
        (obj({"a": "double"}), obj({"a": "string"}), "Object field 'a': a double value"),
        (map_of("long"), map_of("integer"), "Map values: a long value need not be an integer value"),
        (map_of("double"), array("double"), "a Map value need not be an Array value"),
        (array("double"), array("float"), "Array elements: a double value need not be a float value"),
        (enum(["a"]), integers, "Enum values of string are not Enum values of integer"),
    ]
    widening = [(obj({"a": "integer"}), obj({"a": "long", "b": "date"})), (enum(["a"]), enum(["a", "b"]))]
    for before, after, reason in [*narrowing, *((a, b, None) for a, b in [*widening, ("date", "string")])]:
        old = {"room.json": interface(ROOM, [{"@type": "Telemetry", "name": "p", "schema": before}])}
        new = {**old, "room2.json": interface(ROOM2, [{"@type": "Telemetry", "name": "p", "schema": after}])}
        (found,) = api.diff_models(old, new)
        expected = "DTL604" if reason is None else "DTL603"
        assert found.code == expected and (reason is None or reason in found.message), found.message


def test_v3_versions_and_schemas() -> None:
    """DTDL v3: a versionless model is compared only with itself (it is nobody's previous or next version); a
    two-part version follows the one-part version of its major (`1` < `1.1`), and breaking it is DTL612 while a major
    step is not; a standard schema by its term or its DTMI is the same schema; an Enum without values loses none; a
    field made Required changes the schema without narrowing it (lint_twin only warns of a value lacking one)."""
    versionless = "dtmi:com:example:Room"

    def room(dtmi: str, props: dict) -> str:
        return interface(dtmi, contents(props), CONTEXT3)

    old = {"room.json": room(versionless, {"a": "double"}), "room1.json": room(ROOM, {"a": "double", "b": "point"})}
    new = {**old, "room2.json": room("dtmi:com:example:Room;1.1", {"b": "point"})}
    found = api.diff_models(old, new)
    assert [(d.code, d.dtmi, d.related[0].file) for d in found] == [
        ("DTL612", "dtmi:com:example:Room;1.1", "room1.json"),
        ("DTL602", "dtmi:com:example:Room;1.1", "room1.json"),
    ]
    assert "breaks it (DTL602)" in found[0].message
    models = loading.load_models(new)
    assert successor(versionless, models) == versionless and successor(ROOM, models) == "dtmi:com:example:Room;1.1"
    assert [d.code for d in api.diff_models(old, {"room.json": room(versionless, {})})] == ["DTL601"]
    assert api.diff_models(old, {**old, "room2.json": room(ROOM2, {"b": "point"})})[0].code == "DTL602"  # (major)
    same = {**old, "room2.json": room(ROOM2, {"a": "double", "b": "dtmi:standard:schema:geospatial:point;3"})}
    assert api.diff_models(old, same) == []
    for before, after, expected in (
        (enum([]), "integer", "DTL604"),
        (obj({"x": "long"}), obj({"x": "long"}, required=("x",)), "DTL604"),
        ("point", "lineString", "DTL603"),
        (array("integer"), array("double"), "DTL604"),
    ):
        pair = {"room1.json": room(ROOM, {"a": before}), "room2.json": room(ROOM2, {"a": after})}
        assert [d.code for d in api.diff_models({"room1.json": pair["room1.json"]}, pair)] == [expected], (
            before,
            after,
        )
