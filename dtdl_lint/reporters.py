"""Output formats for the findings of one run: text, json, sarif, github. REPORTERS maps a name to a function
`(result, out, *, color, statistics, quiet)` writing to the text stream `out`.

Each writes a finding as soon as the run gives it (JSON and SARIF are written item by item), so memory stays
flat however many findings a JSON Lines file has. What comes from the input is written so that it cannot break
the format: control characters, line breaks and lone surrogates are escaped, and the places a finding names
(pointer, DTMI) are clipped as its message quotes are."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

import click

from . import __version__
from .codes import ALL
from .diagnostics import Diagnostic, Severity, clip

if TYPE_CHECKING:
    from .run import Result

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
PLACE = 2048  # characters of a pointer or DTMI a report writes at most (as long as a DTMI may be)
# What a terminal or a log would take for something else: C0 and C1 control characters (ESC starts terminal
# commands), line and paragraph separators, the bidirectional overrides, and the lone surrogates of undecodable
# file names and of JSON escapes like "\ud800" (which no UTF-8 stream can write).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNPRINTABLE_IN_JSON = re.compile(_UNPRINTABLE.pattern.replace("\x00-\x1f", ""))  # (json escapes those itself)


def printable(text: str) -> str:
    """`text` with every character a terminal or log would not show as itself written as a Python escape
    (`\\n`, `\\x1b`, `\\ud800`)."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(lambda m: _ESCAPES.get(m[0]) or repr(m[0])[1:-1], text)


def text(result: Result, out: TextIO, *, color: bool = False, statistics: bool = False, quiet: bool = False) -> None:
    """`path:line:col: CODE message [ServiceError] at /pointer` per finding (or counts per code), then a summary
    line."""

    def style(value: str, **how) -> str:
        return click.style(value, **how) if color else value

    for d in result.findings():
        if not statistics:
            tone = "red" if d.severity == Severity.ERROR else "yellow"
            out.write(
                f"{style(printable(d.file), bold=True)}:{d.line}:{d.column}: {style(d.code, fg=tone, bold=True)} "
                f"{printable(d.message)}{style(printable(_suffix(d)), dim=True)}\n"
            )
    if statistics:
        for code, count in result.counts.most_common():
            out.write(f"{count:>6}  {style(code, bold=True)}  {_name(code)}\n")
    if not quiet:
        out.write(summary(result) + "\n")


def summary(result: Result) -> str:
    """One line: how many problems of which severity in how many files (of the findings read), and how many model
    documents were not checked (of a DTDL version dtdl-lint does not check), even when DTL106 is not reported."""
    files = _plural(result.checked, "file")
    skipped = f", {_plural(result.skipped, 'other JSON file')} skipped" if result.skipped else ""
    found = sum(result.counts.values())
    unchecked = ""
    if result.unchecked:
        unchecked = f"{_plural(result.unchecked, 'document')} not checked: DTDL version not supported (DTL106)"
    if not found:
        if unchecked:
            return f"No problems found in {files}{skipped}, but {unchecked}."
        return f"All checks passed ({files}{skipped})."
    kinds = f"{_plural(result.errors, 'error')}, {_plural(found - result.errors, 'warning')}"
    return f"Found {_plural(found, 'problem')} ({kinds}) in {files}{skipped}" + (
        f"; {unchecked}." if unchecked else "."
    )


def json_(result: Result, out: TextIO, *, statistics: bool = False, **_) -> None:
    """A JSON array of findings with every Diagnostic field (or of {code, name, count} with --statistics)."""
    if statistics:
        for _diagnostic in result.findings():  # (counting)
            pass
        out.write(
            _json([{"code": code, "name": _name(code), "count": count} for code, count in result.counts.most_common()])
            + "\n"
        )
        return
    _json_array((_fields(d) for d in result.findings()), out, "")
    out.write("\n")


def sarif(result: Result, out: TextIO, **_) -> None:
    """SARIF 2.1.0: one run, one rule per code of the catalog (with its help), one result per finding."""
    index = {code: i for i, code in enumerate(ALL)}
    placeholder = "results of the run"
    run = {
        "tool": {
            "driver": {
                "name": "dtdl-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_sarif_rule(code) for code in ALL.values()],
            }
        },
        "results": placeholder,
        "columnKind": "unicodeCodePoints",
    }
    head, tail = _json({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}).split(f'"{placeholder}"')
    out.write(head)
    _json_array((_sarif_result(d, index) for d in result.findings()), out, " " * 6)
    out.write(tail + "\n")


def _json(value: object) -> str:
    """JSON as the reports write it: indented, non-ASCII as itself but for what `printable` escapes, which is
    written as a JSON escape (`\\u001b`, `\\ud800`)."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    if _UNPRINTABLE_IN_JSON.search(text) is None:
        return text
    return _UNPRINTABLE_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _json_array(items: Iterator[object], out: TextIO, indent: str) -> None:
    """A JSON array written item by item, as json.dumps(indent=2) writes it at `indent`."""
    separator = "["
    for item in items:
        out.write(f"{separator}\n{indent}  " + _json(item).replace("\n", f"\n{indent}  "))
        separator = ","
    out.write("[]" if separator == "[" else f"\n{indent}]")


def _fields(d: Diagnostic) -> dict:
    fields = {**asdict(d), "pointer": clip(d.pointer, PLACE), "dtmi": clip(d.dtmi, PLACE)}
    if not d.related:
        del fields["related"]  # (only diff's findings have other places)
    return fields


def _sarif_rule(code) -> dict:
    help_text = f"{code.summary}\n\nWhy: {code.why}\n\nExample: {code.example}" + "".join(
        f"\n\n{label}: {value}" for label, value in origin(code)
    )
    rule = {
        "id": code.code,
        "name": code.name,
        "shortDescription": {"text": code.summary},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": str(code.severity)},
        "properties": {"tags": [code.name]},
    }
    if code.why:
        rule["fullDescription"] = {"text": code.why}
    return rule


def _sarif_location(file: str, line: int, column: int, end_line: int = 0, end_column: int = 0) -> dict:
    region = {"startLine": max(line, 1), "startColumn": max(column, 1)}
    if end_line >= line and end_column > 0:
        region.update(endLine=end_line, endColumn=end_column)
    uri = quote(_bytes(file.replace("\\", "/")))
    return {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}


def _sarif_result(d: Diagnostic, index: dict[str, int]) -> dict:
    location = _sarif_location(d.file, d.line, d.column, d.end_line, d.end_column)
    dtmi, pointer = clip(d.dtmi, PLACE), clip(d.pointer, PLACE)
    if dtmi:
        location["logicalLocations"] = [{"fullyQualifiedName": dtmi, "kind": "element"}]
    result: dict[str, object] = {
        "ruleId": d.code,
        "level": str(d.severity),
        "message": {"text": d.message},
        "locations": [location],
        "properties": {
            key: value
            for key, value in (("pointer", pointer), ("dtmi", dtmi), ("parserId", d.parser_id), ("service", d.service))
            if value
        },
    }
    if d.related:
        result["relatedLocations"] = [
            {"id": number, **_sarif_location(r.file, r.line, r.column), "message": {"text": r.message}}
            for number, r in enumerate(d.related)
        ]
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    return result


def _bytes(name: str) -> bytes:
    """A file name's bytes: those it was read from (undecodable ones come back as lone surrogates), or UTF-8."""
    try:
        return name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogatepass")


def github(result: Result, out: TextIO, **_) -> None:
    """GitHub Actions workflow commands: `::error file=...,line=...,col=...,title=CODE::message`."""
    for d in result.findings():
        where = {"file": d.file, "line": d.line, "col": d.column}
        if d.end_line >= d.line and d.end_column:
            where.update(endLine=d.end_line, endColumn=d.end_column)
        where["title"] = f"{d.code} {_name(d.code)}"
        properties = ",".join(f"{key}={_escape(str(value), True)}" for key, value in where.items())
        out.write(f"::{d.severity} {properties}::{_escape(d.code + ' ' + d.message + _suffix(d))}\n")


def _suffix(d: Diagnostic) -> str:
    """The service error a finding predicts, the JSON Pointer of its place and its other places, after the
    message."""
    service = f" [{d.service}]" if d.service else ""
    found = f"{service} at {clip(d.pointer)}" if d.pointer else service
    return found + "".join(f" ({r.message}: {r.file}:{r.line}:{r.column})" for r in d.related)


def _escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(value.replace(":", "%3A").replace(",", "%2C") if property_value else value)


def _name(code: str) -> str:
    return ALL[code].name if code in ALL else ""


def origin(code) -> list[tuple[str, str]]:
    """What a code corresponds to outside dtdl-lint: the official parser's ids, the service's error."""
    origin = []
    if code.parser_ids:
        origin.append(("Official parser", ", ".join(f"dtmi:dtdl:parsingError:{p}" for p in code.parser_ids)))
    if code.service:
        origin.append(("Service error", code.service))
    return origin


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


REPORTERS = {"text": text, "json": json_, "sarif": sarif, "github": github}
