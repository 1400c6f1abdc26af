"""The command line: parse arguments, call the library, print findings, return an exit code.

Exit codes: 0 no findings, 1 findings, 2 usage or I/O error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="dtdl-lint")
def main() -> None:
    """Validate DTDL v2 models; lint twins, relationships and JSON Patches against them.

    Exit codes: 0 nothing to report, 1 findings, 2 usage, configuration or I/O error.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How findings are printed.")
def check(paths: tuple[str, ...], output_format: str) -> None:
    """Check the JSON files in PATHS (files, folders, or - for standard input)."""
    from .api import iter_files, lint_models

    sources = {}
    try:
        for path in paths:
            if path == "-":
                sources["<stdin>"] = sys.stdin.buffer.read()
                continue
            if not Path(path).exists():
                raise click.UsageError(f"{path}: no such file or folder")
            for file in iter_files([path]):
                sources[str(file)] = file.read_bytes()
    except OSError as error:
        raise click.UsageError(f"{error.filename}: {error.strerror}") from None
    found = lint_models(sources)
    if output_format == "json":
        import json
        from dataclasses import asdict

        click.echo(json.dumps([asdict(d) for d in found], indent=2))
        sys.exit(1 if found else 0)
    for d in found:
        click.echo(f"{d.file}:{d.line}:{d.column}: {d.code} {d.message}")
    files = f"{len(sources)} file{'s' if len(sources) != 1 else ''}"
    click.echo(f"Found {len(found)} problem{'s' if len(found) != 1 else ''} in {files}." if found
               else f"All checks passed ({files}).")
    sys.exit(1 if found else 0)
