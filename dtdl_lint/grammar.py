"""Finds and compiles the lark grammars, in the source tree (grammars/) or inside the installed package."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PLACES = (
    Path(__file__).resolve().parent / "grammars",  # installed wheel (force-included)
    Path(__file__).resolve().parent.parent / "grammars",  # source tree
)


def grammar_path(name: str) -> Path:
    for place in _PLACES:
        path = place / name
        if path.is_file():
            return path
    raise FileNotFoundError(f"grammar {name} not found in {', '.join(map(str, _PLACES))}")


@cache
def parser(name: str, **options: object):
    """A lark LALR parser for grammars/<name>, compiled once per process."""
    from lark import Lark  # here, not above: most runs need no grammar, and lark takes ~20 ms to import

    return Lark(grammar_path(name).read_text(encoding="utf-8"), parser="lalr", **options)
