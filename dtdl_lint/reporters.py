"""Output formats for the findings of one run: text, json, sarif, github. REPORTERS maps a name to a function
`(result, out, *, color, statistics, quiet)` writing to the text stream `out`."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from typing import TYPE_CHECKING, TextIO

from .diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from .run import Result

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def text(result: Result, out: TextIO, *, color: bool = False, statistics: bool = False, quiet: bool = False) -> None:
    """`path:line:col: CODE message [ServiceError] at /pointer` per finding (or counts per code), then a summary
    line."""
    import click

    found = result.diagnostics

    def style(value: str, **how) -> str:
        return click.style(value, **how) if color else value

    if statistics:
        for code, count in Counter(d.code for d in found).most_common():
            out.write(f"{count:>6}  {style(code, bold=True)}  {_name(code)}\n")
    else:
        for d in found:
            tone = "red" if d.severity == Severity.ERROR else "yellow"
            out.write(f"{style(d.file, bold=True)}:{d.line}:{d.column}: {style(d.code, fg=tone, bold=True)} "
                      f"{_one_line(d.message)}{style(_suffix(d), dim=True)}\n")
    if not quiet:
        out.write(summary(result) + "\n")


def summary(result: Result) -> str:
    """One line: how many problems of which severity in how many files."""
    found = result.diagnostics
    files = _plural(result.checked, "file")
    skipped = f", {_plural(result.skipped, 'other JSON file')} skipped" if result.skipped else ""
    if not found:
        return f"All checks passed ({files}{skipped})."
    errors = sum(d.severity == Severity.ERROR for d in found)
    kinds = f"{_plural(errors, 'error')}, {_plural(len(found) - errors, 'warning')}"
    return f"Found {_plural(len(found), 'problem')} ({kinds}) in {files}{skipped}."


def json_(result: Result, out: TextIO, *, statistics: bool = False, **_) -> None:
    """A JSON array of findings with every Diagnostic field (or of {code, name, count} with --statistics)."""
    if statistics:
        counts = Counter(d.code for d in result.diagnostics).most_common()
        data: list = [{"code": code, "name": _name(code), "count": count} for code, count in counts]
    else:
        data = [asdict(d) for d in result.diagnostics]
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def sarif(result: Result, out: TextIO, **_) -> None:
    """SARIF 2.1.0: one run, one rule per code of the catalog (with its help), one result per finding."""
    from . import __version__
    from .codes import ALL

    index = {code: i for i, code in enumerate(ALL)}
    run = {
        "tool": {"driver": {"name": "dtdl-lint", "version": __version__, "semanticVersion": __version__,
                            "rules": [_sarif_rule(code) for code in ALL.values()]}},
        "results": [_sarif_result(d, index) for d in result.diagnostics],
        "columnKind": "unicodeCodePoints",
    }
    json.dump({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _sarif_rule(code) -> dict:
    help_text = f"{code.summary}\n\nWhy: {code.why}\n\nExample: {code.example}" + "".join(
        f"\n\n{label}: {value}" for label, value in origin(code))
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


def _sarif_result(d: Diagnostic, index: dict[str, int]) -> dict:
    from urllib.parse import quote

    region = {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)}
    if d.end_line >= d.line and d.end_column > 0:
        region.update(endLine=d.end_line, endColumn=d.end_column)
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": quote(d.file.replace("\\", "/"))},
                                           "region": region}}
    if d.dtmi:
        location["logicalLocations"] = [{"fullyQualifiedName": d.dtmi, "kind": "element"}]
    result = {
        "ruleId": d.code,
        "level": str(d.severity),
        "message": {"text": d.message},
        "locations": [location],
        "properties": {key: value for key, value in (("pointer", d.pointer), ("dtmi", d.dtmi),
                                                      ("parserId", d.parser_id), ("service", d.service)) if value},
    }
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    return result


def github(result: Result, out: TextIO, **_) -> None:
    """GitHub Actions workflow commands: `::error file=...,line=...,col=...,title=CODE::message`."""
    for d in result.diagnostics:
        where = {"file": d.file, "line": d.line, "col": d.column}
        if d.end_line >= d.line and d.end_column:
            where.update(endLine=d.end_line, endColumn=d.end_column)
        where["title"] = f"{d.code} {_name(d.code)}"
        properties = ",".join(f"{key}={_escape(str(value), True)}" for key, value in where.items())
        out.write(f"::{d.severity} {properties}::{_escape(d.code + ' ' + d.message + _suffix(d))}\n")


def _one_line(message: str) -> str:
    """A message as one line of text output (values quoted from the input may hold line breaks)."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


def _suffix(d: Diagnostic) -> str:
    """The service error a finding predicts and the JSON Pointer of its place, after the message."""
    service = f" [{d.service}]" if d.service else ""
    return f"{service} at {d.pointer}" if d.pointer else service


def _escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_value else value


def _name(code: str) -> str:
    from .codes import ALL

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
