"""Inherited contents (modelcheck.Graph): an Interface that adds nothing to its base shares the base's closure,
so what others add must never reach it; an element reached through several bases counts once."""

from __future__ import annotations

import json

from dtdl_lint import codes, lint_models

CONTEXT = "dtmi:dtdl:context;2"


def interface(name: str, extends: list[str] = (), contents: list[str] = ()) -> dict:
    return {
        "@context": CONTEXT,
        "@id": f"dtmi:x:{name};1",
        "@type": "Interface",
        "extends": [f"dtmi:x:{base};1" for base in extends],
        "contents": [{"@type": "Property", "name": content, "schema": "double"} for content in contents],
    }


def lint(*interfaces: dict):
    return lint_models({f"{doc['@id']}.json": json.dumps(doc) for doc in interfaces})


def test_what_an_interface_adds_never_reaches_the_closure_its_base_shares() -> None:
    # Same adds nothing to Base (it shares Base's closure); Adds and Both add a name to it, one through its own
    # contents, one through a second base. Had either written into the shared closure, Base's own extenders,
    # which define those names themselves, would clash with them.
    found = lint(
        interface("Base", contents=["x"]),
        interface("Same", ["Base"]),
        interface("Adds", ["Same"], ["y"]),
        interface("Other", contents=["z"]),
        interface("Both", ["Same", "Other"]),
        interface("OwnY", ["Base"], ["y"]),
        interface("OwnZ", ["Base"], ["z"]),
    )
    assert not [d for d in found if d.severity == "error"], [d.message for d in found]


def test_an_element_reached_through_several_bases_counts_once() -> None:
    # Left and Right each give 'n' a second element, so their tuples for 'n' share Base's element: Top holds
    # Base's 298 contents plus those two, 300 in all (the limit), until it adds one of its own.
    base = interface("Base", contents=["n", *(f"p{i}" for i in range(297))])
    left, right = interface("Left", ["Base"], ["n"]), interface("Right", ["Base"], ["n"])

    def too_many(top: dict) -> list[str]:
        return [d.dtmi for d in lint(base, left, right, top) if d.code == codes.TOO_MANY_CONTENTS.code]

    assert too_many(interface("Top", ["Left", "Right"])) == []
    assert too_many(interface("Top", ["Left", "Right"], ["extra"])) == ["dtmi:x:Top;1"]
