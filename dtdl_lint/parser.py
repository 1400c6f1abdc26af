"""JSON documents -> elements of model.py, with the element-level findings.

First cut: documents must be objects or arrays of objects, and every @id a valid DTDL v2 DTMI.
"""

from __future__ import annotations

from . import codes, dtmi
from .diagnostics import join_pointer
from .model import ModelSet
from .source import Source


def parse(source: Source, models: ModelSet, *, extensions: str = "allow") -> None:
    """Add the elements of one parsed source to `models`, and the findings about them."""
    data = source.data
    documents = data if isinstance(data, list) else [data]
    for index, document in enumerate(documents):
        pointer = join_pointer("", index) if isinstance(data, list) else ""
        if not isinstance(document, dict):
            models.diagnostics.append(codes.NOT_JSON_OBJECT(
                f"expected a JSON object (an Interface), found {type(document).__name__}",
                file=source.name, pointer=pointer))
            continue
        _check_ids(source, document, pointer, models)


def _check_ids(source: Source, element: dict, pointer: str, models: ModelSet) -> None:
    pending = [(element, pointer)]
    while pending:
        node, here = pending.pop()
        if isinstance(node, dict):
            if "@id" in node:
                _check_id(source, node["@id"], join_pointer(here, "@id"), models)
            pending.extend((v, join_pointer(here, k)) for k, v in node.items() if k != "@id")
        elif isinstance(node, list):
            pending.extend((v, join_pointer(here, i)) for i, v in enumerate(node))


def _check_id(source: Source, value: object, pointer: str, models: ModelSet) -> None:
    if not isinstance(value, str) or not value:
        models.diagnostics.append(codes.ID_NOT_STRING(
            f"@id must be a non-empty string, found {value!r}", file=source.name, pointer=pointer))
        return
    if value.startswith(("dtmi:dtdl:", "dtmi:standard:")):
        models.diagnostics.append(codes.RESERVED_ID(
            f"@id '{value}' uses a prefix reserved for the DTDL language", file=source.name, pointer=pointer,
            dtmi=value))
    for problem in dtmi.problems(value):
        code = codes.ID_TOO_LONG if problem.kind == "length" else codes.INVALID_ID
        models.diagnostics.append(code(f"@id '{value}' {problem.message} (column {problem.offset + 1} of the id)",
                                       file=source.name, pointer=pointer, dtmi=value))
