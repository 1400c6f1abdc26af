"""run.py: which twins of JSON Lines files are kept for the relationships that follow them."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from dtdl_lint import run

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "examples" / "temperature-controller"
THERMOSTAT = "dtmi:com:example:Thermostat;1"


def twin(dt_id: str) -> dict:
    return {"$dtId": dt_id, "$metadata": {"$model": THERMOSTAT}}


def relationship(source: str, target: str, **extra) -> dict:
    return {
        "$relationshipId": f"{source}-{target}",
        "$sourceId": source,
        "$targetId": target,
        "$relationshipName": "feeds",
        **extra,
    }


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "thermostat-1.json").write_text((EXAMPLE / "thermostat-1.json").read_text())
    return tmp_path


def write(path: Path, *records: object, raw: str = "") -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + raw)
    return path.name


def check(*paths: str, kind: str | None = None) -> tuple[list, run._Run]:
    checker = run._Run(run.Options(paths=paths, models=("thermostat-1.json",), kind=kind))
    return [(d.file, d.line, d.code, d.pointer) for d in checker.result().diagnostics], checker


def test_twins_are_kept_for_relationships_in_later_files(folder) -> None:
    twins = write(folder / "a-twins.jsonl", twin("t1"), twin("t2"))
    rels = write(folder / "b-rels.jsonl", relationship("t1", "t2"), relationship("t1", "t9"))
    found, checker = check(twins, rels)
    assert ("b-rels.jsonl", 1, "DTL430", "/$relationshipName") in found  # Thermostat has no 'feeds'
    assert ("b-rels.jsonl", 2, "DTL433", "/$targetId") in found  # t9 is not a twin
    assert set(checker.twins) == {"t1", "t2"}


def test_twins_of_files_that_no_relationship_follows_are_not_kept(folder) -> None:
    rels = write(folder / "a-rels.jsonl", relationship("t1", "t2"))
    twins = write(folder / "b-twins.jsonl", twin("t1"), twin("t2"))
    found, checker = check(rels, twins)
    assert found == []  # no twins before the relationship: its twins are not looked for
    assert len(checker.twins) == 0
    assert len(check(rels, twins, kind="twin")[1].twins) == 0


@pytest.mark.parametrize("key", ["$sourceId", "$targetId", "$relationshipId", "$relationshipName"])
def test_a_relationship_is_seen_by_any_of_its_keys_also_escaped(folder, key) -> None:
    assert run._may_relate(write(folder / "a.jsonl", twin("t1"), {key: "t1"}))
    escaped = json.dumps({key: "t1"}).replace("$", "\\u0024")
    assert run._may_relate(write(folder / "b.jsonl", twin("t1"), raw=escaped + "\n"))
    assert not run._may_relate(write(folder / "c.jsonl", twin("t1"), {"sourceId": "x"}))
    assert run._may_relate(None)  # standard input cannot be looked at before it is read


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_is_not_read_before_it_is_streamed(folder) -> None:
    os.mkfifo(folder / "pipe.jsonl")
    writer = threading.Thread(target=(folder / "pipe.jsonl").write_text, args=(json.dumps(twin("t1")) + "\n",))
    writer.start()
    found, checker = check("pipe.jsonl")
    writer.join()
    assert found == [] and set(checker.twins) == {"t1"}  # kept: a relationship could not be looked for


def test_a_record_that_is_no_twin_relationship_or_patch_says_what_it_is(folder) -> None:
    name = write(folder / "mixed.jsonl", twin("t1"), 42, None, "x", {"a": 1})
    found = run.run(run.Options(paths=(name,), models=("thermostat-1.json",))).diagnostics
    assert [(d.line, d.code, d.message.split(",")[0]) for d in found] == [
        (2, "DTL010", "record is a number"),
        (3, "DTL010", "record is null"),
        (4, "DTL010", "record is a string"),
        (5, "DTL010", "record is an object with members a"),
    ]
