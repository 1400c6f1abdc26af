"""A model repository checked as one (repository.py): each model with its dependency closure, parsed once; the
models that depend on changed ones; the public repository's sample without a false error."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from dtdl_lint import codes, lint_models, lint_repository, parsing
from dtdl_lint.cli import main
from dtdl_lint.loading import repo_path
from dtdl_lint.repository import Repository

SAMPLE = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "pnp-models-sample"
needs_sample = pytest.mark.skipif(
    not SAMPLE.is_dir(), reason="the corpus ../shared/corpora/pnp-models-sample is not beside this checkout"
)


def interface(dtmi: str, *contents: dict, **members: object) -> dict:
    return {"@context": "dtmi:dtdl:context;2", "@id": dtmi, "@type": "Interface", **members, "contents": list(contents)}


def prop(name: str, schema: object = "double") -> dict:
    return {"@type": "Property", "name": name, "schema": schema}


def write(repo: Path, *documents: dict) -> None:
    for document in documents:
        path = repo_path(repo, document["@id"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=2))


BASE, ROOM, HALL = "dtmi:com:example:Base;1", "dtmi:com:example:Room;1", "dtmi:com:example:Hall;1"


def found(diagnostics) -> list[tuple[str, str]]:
    return [(d.code, Path(d.file).name) for d in diagnostics]


def test_a_changed_dependency_is_checked_in_the_models_using_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        interface(BASE, prop("temp")),
        interface(ROOM, prop("temp", "string"), extends=BASE),
        interface(HALL, {"@type": "Property", "name": "x", "schema": "double", "junk": 1}),
    )
    changed = lint_repository(tmp_path, [repo_path(tmp_path, BASE)])
    assert found(changed) == [(codes.INHERITED_NAME_CONFLICT.code, "room-1.json")]  # the hall is not checked
    assert sorted(found(lint_repository(tmp_path))) == sorted(
        [(codes.INHERITED_NAME_CONFLICT.code, "room-1.json"), (codes.MEMBER_NOT_ALLOWED.code, "hall-1.json")]
    )
    repo_path(tmp_path, BASE).write_text("{")  # broken: the room, which needs it, cannot be resolved
    assert sorted(found(lint_repository(tmp_path, [repo_path(tmp_path, BASE)]))) == [
        (codes.INVALID_JSON.code, "base-1.json"),
        (codes.MISSING_DEPENDENCY.code, "room-1.json"),
    ]


def test_each_file_is_parsed_once(tmp_path: Path, monkeypatch) -> None:
    write(
        tmp_path,
        interface(BASE, prop("serial", "string")),
        interface(ROOM, {"@type": "Component", "name": "base", "schema": BASE}),
        interface(HALL, prop("temp"), extends=[BASE, ROOM]),
    )
    parsed: Counter = Counter()
    parse = parsing.parse
    monkeypatch.setattr(
        parsing, "parse", lambda src, *a, **k: (parsed.update([Path(src.name).name]), parse(src, *a, **k))
    )
    assert lint_repository(tmp_path) == []
    assert parsed == {"base-1.json": 1, "room-1.json": 1, "hall-1.json": 1}


def test_versions_may_share_inner_ids_but_a_closure_may_not(tmp_path: Path) -> None:
    reading = {"@id": "dtmi:com:example:Sensor:reading;1", "@type": "Telemetry", "name": "reading", "schema": "double"}
    write(tmp_path, interface("dtmi:com:example:Sensor;1", reading), interface("dtmi:com:example:Sensor;2", reading))
    assert lint_repository(tmp_path) == []
    assert [d.code for d in lint_models([tmp_path])] == [codes.DUPLICATE_DEFINITION.code]  # as one model set
    write(
        tmp_path, interface(ROOM, {"@type": "Component", "name": "s", "schema": "dtmi:com:example:Sensor;1"}, reading)
    )
    both = lint_repository(tmp_path)
    assert "also at " + str(repo_path(tmp_path, "dtmi:com:example:Sensor;1")) in both[0].message
    assert sorted(found(both)) == [
        (codes.DUPLICATE_DEFINITION.code, "room-1.json"),  # the Component's model holds the same @id
        (codes.ID_OUTSIDE_MODEL.code, "room-1.json"),
    ]


def test_a_closure_is_a_view_over_the_files(tmp_path: Path) -> None:
    write(tmp_path, interface(BASE, prop("serial", "string")), interface(ROOM, prop("temp"), extends=BASE))
    repository = Repository(tmp_path)
    room = "dtmi/com/example/room-1.json"
    assert repository.closure_of(room) == [room, "dtmi/com/example/base-1.json"]
    view = repository.closure(room)
    assert [e.id for e in view.parsed] == [e.id for e in repository.file(room).parsed]  # checked: its own
    assert view.contents(ROOM).keys() == {"temp", "serial"}  # resolved: through the dependency


def test_the_command_line_checks_the_whole_repository_by_default(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "repo", interface(ROOM, prop("temp"), extends=BASE))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--repo", "repo", "--output-format", "json"])
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)
    assert (finding["code"], finding["file"], finding["line"]) == ("DTL305", "repo/dtmi/com/example/room-1.json", 5)


@needs_sample
def test_the_sample_of_the_public_repository_has_no_error_and_each_model_is_checked_as_alone() -> None:
    """Each file's findings are those of the file checked alone with the repository (lint_models(repo=)), but for
    the conventions; loaded as one set, the versions' shared inner ids would be hundreds of DTL202."""
    whole = lint_repository(SAMPLE)
    assert [d for d in whole if d.severity == "error"] == []
    assert {d.code for d in whole if d.code.startswith("DTL3")} <= {codes.RESERVED_WORD_IN_ID.code}
    by_file: dict[str, list] = {}
    for diagnostic in whole:
        if not diagnostic.code.startswith("DTL3"):
            by_file.setdefault(diagnostic.file, []).append(diagnostic)
    for name in sorted(Repository(SAMPLE).names.values())[::10]:
        assert lint_models([name], repo=SAMPLE) == by_file.get(name, []), name


def test_what_is_not_a_repository_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such folder"):
        lint_repository(tmp_path / "nowhere")
    (tmp_path / "repo").mkdir()
    with pytest.raises(ValueError, match="not in the model repository"):
        lint_repository(tmp_path / "repo", [tmp_path / "elsewhere.json"])


def test_a_commit_is_checked_with_the_models_using_what_it_changes(tmp_path: Path, monkeypatch) -> None:
    """As the pre-commit hook runs it: the changed file, and the models that depend on it."""
    write(
        tmp_path,
        interface(BASE, prop("temp")),
        interface(ROOM, prop("temp", "string"), extends=BASE),
        interface(HALL, prop("temp", "string")),
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["check", "--repo", ".", "--output-format", "json", "dtmi/com/example/base-1.json"]
    )
    assert result.exit_code == 1
    assert [(d["code"], d["file"]) for d in json.loads(result.stdout)] == [
        (codes.INHERITED_NAME_CONFLICT.code, "dtmi/com/example/room-1.json")
    ]


def test_an_excluded_model_resolves_references_but_is_not_reported(tmp_path: Path, monkeypatch) -> None:
    write(
        tmp_path,
        interface(BASE, prop("temp")),
        interface(HALL, {"@type": "Property", "name": "x", "schema": "double", "junk": 1}, extends=BASE),
        interface(ROOM, prop("humidity"), extends=HALL),
    )
    monkeypatch.chdir(tmp_path)
    command = ["check", "--repo", ".", "--output-format", "json", "dtmi/com/example/base-1.json"]
    reported = json.loads(CliRunner().invoke(main, command).stdout)
    assert [(d["code"], d["file"]) for d in reported] == [
        (codes.MEMBER_NOT_ALLOWED.code, "dtmi/com/example/hall-1.json")
    ]
    (tmp_path / "pyproject.toml").write_text('[tool.dtdl-lint]\nexclude = ["dtmi/com/example/hall-1.json"]\n')
    result = CliRunner().invoke(main, command)
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])  # the room still resolves through the hall
