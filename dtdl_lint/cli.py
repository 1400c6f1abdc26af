"""The command line: parse arguments, merge the configuration, call one run function, report, exit.

Exit codes: 0 nothing that --fail-on names, 1 findings, 2 usage, configuration or I/O error. Every error of
the command line itself is one line on standard error, never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path

import click

from . import __version__, loading
from . import config as configlib
from . import run as run_module
from .codes import ALL
from .reporters import REPORTERS, origin
from .run import Options, Rules, UsageError

EXIT_CODES = (
    "Exit codes: 0 no finding that --fail-on names (or --exit-zero); 1 findings; 2 usage, configuration or I/O error."
)


class _Group(click.Group):
    """A group whose errors are one line on standard error with exit code 2 (click prints usage blocks)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name or "dtdl-lint", complete_var, standalone_mode=False, **extra)
        except click.ClickException as error:
            message = error.format_message().replace("\n", " ")
            click.echo(f"dtdl-lint: error: {message}", err=True)
            code = 2
        except click.Abort:
            click.echo("dtdl-lint: interrupted", err=True)
            code = 130
        except BrokenPipeError:  # `dtdl-lint check ... | head`
            if sys.stderr is not None:
                sys.stderr.close()
            code = 1
        except Exception as error:  # a bug in dtdl-lint (bad input is a finding, never an exception)
            import traceback  # here, not above: only a bug needs it (~2 ms of start-up)

            where = traceback.extract_tb(error.__traceback__)[-1]
            click.echo(
                f"dtdl-lint: internal error: {type(error).__name__}: {error} (at "
                f"{os.path.basename(where.filename)}:{where.lineno}; please report it)",
                err=True,
            )
            code = 2
        sys.exit(code if isinstance(code, int) else 0)


@click.group(
    cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}, epilog=EXIT_CODES
)
@click.version_option(__version__, "--version", prog_name="dtdl-lint")
def main() -> None:
    """Validate DTDL v2 and v3 models; lint digital twins, relationships, JSON Patches and queries against them."""


def _model(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    """--model: a DTMI with its version (unquoted in a shell, 'dtmi:example:Moon;1' loses ';1')."""
    if value is not None and configlib.model_problem(value):
        raise click.BadParameter(configlib.model_problem(value))
    return value


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """Codes from repeated and comma-separated option values."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


REPORTING = (
    click.option(
        "--output-format",
        type=click.Choice(configlib.CHOICES["output-format"]),
        help="How findings are printed. [default: text]",
    ),
    click.option("--output-file", metavar="FILE", help="Write the report to FILE instead of standard output."),
    click.option(
        "--select",
        multiple=True,
        metavar="CODES",
        help="Report only these codes or prefixes (DTL1, DTL111); comma-separated, repeatable.",
    ),
    click.option("--extend-select", multiple=True, metavar="CODES", help="Report these codes as well."),
    click.option("--ignore", multiple=True, metavar="CODES", help="Do not report these codes or prefixes."),
    click.option(
        "--fail-on",
        multiple=True,
        metavar="SEVERITY|CODES",
        help="Lowest severity that makes the exit code 1 (error or warning), and codes that do whatever their "
        "severity (DTL106: a document of a DTDL version not checked); comma-separated, repeatable. [default: error]",
    ),
    click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings."),
    click.option("--statistics", is_flag=True, help="Print the number of findings per code instead of each one."),
    click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no progress."),
    click.option(
        "--config",
        "config_file",
        metavar="FILE",
        help="Read settings from FILE instead of the nearest pyproject.toml's [tool.dtdl-lint].",
    ),
)


def reporting(command):
    """The options of how findings are reported, which check, query and diff share."""
    for option in reversed(REPORTING):
        command = option(command)
    return command


MODELS = (
    click.option(
        "--models",
        "models",
        multiple=True,
        metavar="PATH",
        help="Model files or folders loaded to resolve references; reported only if also in PATHS. Repeatable.",
    ),
    click.option(
        "--repo",
        metavar="DIR",
        help="A model repository (dtmi/com/example/room-1.json) to resolve references from. With check, its model "
        "files among PATHS (default: all of them) are checked as the repository's: each with its dependencies, with "
        "the models using it.",
    ),
)
EXTENSIONS = click.option(
    "--extensions",
    type=click.Choice(configlib.CHOICES["extensions"]),
    help="Whether an unknown extension @context is accepted or an error; 'version': as each DTDL version does "
    "by default (v2 accepts it, v3 does not). The extensions dtdl-lint knows are accepted either way. "
    "[default: version]",
)
STDIN_FILENAME = click.option("--stdin-filename", metavar="NAME", help="The name to report for standard input (-).")


def models_given(command):
    """The options of the models instances are checked against, which check and query share."""
    for option in reversed(MODELS):
        command = option(command)
    return command


class _Settings:
    """The configuration file and the command line's options merged: the rules, and each setting (the option
    given wins over the configuration)."""

    def __init__(self, given: dict) -> None:
        try:
            self.config = configlib.load(given["config_file"] and _existing(given["config_file"]))
        except configlib.ConfigError as error:
            raise click.ClickException(str(error)) from None
        self.given = given
        config = self.config
        self.layers = [
            (config.select, config.extend_select, config.ignore),
            (_codes(given["select"]), _codes(given["extend_select"]), _codes(given["ignore"])),
        ]
        self.fail_on = _codes(given["fail_on"])
        try:
            for selectors in self.layers[1]:
                configlib.check_selectors(selectors, "option --select/--extend-select/--ignore")
            configlib.check_fail_on(self.fail_on, "option --fail-on")
        except configlib.ConfigError as error:
            raise click.BadParameter(str(error)) from None
        output_file = given["output_file"]
        if output_file is not None and run_module.same_file(output_file, given["config_file"]):
            raise click.ClickException(f"{output_file}: the report would overwrite the configuration (--config)")

    def __call__(self, name: str, default: str | None = None):
        value = self.given.get(name)
        return value if value is not None else getattr(self.config, name) or default

    def rules(self) -> Rules:
        config = self.config
        return Rules(layers=tuple(self.layers), per_file_ignores=config.per_file_ignores, root=config.root)

    def report(self, result) -> int:
        """Write the report of `result`; the exit code."""
        given = self.given
        _report(
            result,
            self("output_format", "text"),
            given["output_file"],
            statistics=given["statistics"],
            quiet=given["quiet"],
        )
        return 0 if given["exit_zero"] or not result.failing(self.fail_on or self.config.fail_on) else 1


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, metavar="[PATHS]...")
@click.option(
    "--kind",
    type=click.Choice(run_module.KINDS),
    help="Check every file as this kind instead of classifying each by its content.",
)
@models_given
@click.option(
    "--model",
    "model",
    metavar="DTMI",
    callback=_model,
    help="For patches: the model of the twin being patched ('dtmi:com:example:Room;1', quoted).",
)
@click.option("--twin", "twin", metavar="FILE", help="For patches: the current twin the patch applies to.")
@click.option(
    "--target",
    type=click.Choice(configlib.CHOICES["target"]),
    help="The service twins and patches are sent to. [default: adt]",
)
@EXTENSIONS
@reporting
@STDIN_FILENAME
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes that check the twins and relationships of import files. [default: one per core]",
)
def check(paths: tuple[str, ...], **given) -> int:
    """Check the JSON, JSON Lines and query files in PATHS (files, folders, or - for standard input; default: .).

    Each JSON file is classified by its content as a model, twin, relationship, JSON Patch or query request body
    ({"query": "SELECT ..."}); other JSON files (package.json, tsconfig.json) are skipped. Each line of a .jsonl
    or .ndjson file is a twin, relationship, patch or query request body; an .adtquery file is one query. A file
    whose first line is {"Section": "Header"} is an Azure Digital Twins import file, checked section by section.
    Settings come from [tool.dtdl-lint] in the nearest pyproject.toml; options given here win.
    """
    return _check(given, paths or ((given["repo"],) if given["repo"] else (".",)))  # --repo alone: all of it


@main.command(epilog=EXIT_CODES)
@click.argument("query", required=False, metavar="[QUERY | FILE | -]")
@models_given
@EXTENSIONS
@reporting
@STDIN_FILENAME
def query(query: str | None, **given) -> int:
    """Check an Azure Digital Twins query: its text, a file that holds it (an .adtquery file, or a JSON Lines
    file of {"query": "..."} request bodies), or standard input (-, the default).

    Errors are what the service would reject (SqlQueryError); warnings what would make the query silently find
    nothing: names and values that the models (--models, --repo) do not have, where the query says which model
    a twin has (IS_OF_MODEL, $metadata.$model, a JOIN's relationship).
    """
    query = "-" if query is None else query
    if query == "-":
        return _check(given, (), queries=((given["stdin_filename"] or run_module.STDIN, _standard_input()),))
    kind = run_module.suffix(query)
    if kind in (run_module.QUERY, *run_module.JSON_LINES) and " " not in query:
        return _check(given, (query,))  # read as `check` reads it (a missing file is a usage error there)
    if Path(query).is_file():  # a query in a file of another name
        return _check(given, (), queries=((os.path.normpath(query), _query_file(query)),))
    return _check(given, (), queries=(("<query>", query),))


def _standard_input() -> str:
    if sys.stdin is None:
        raise click.ClickException("standard input (-) is closed")
    return _decoded(sys.stdin.buffer.read(), "standard input")


def _query_file(path: str) -> str:
    try:
        with open(path, "rb") as file:
            return _decoded(file.read(), path)
    except OSError as error:
        raise click.ClickException(f"{path}: {error.strerror or error}") from None


def _decoded(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{name} is not UTF-8 text (byte {error.start})") from None


def _check(given: dict, paths: tuple[str, ...], queries: tuple[tuple[str, str], ...] = ()) -> int:
    """Run the checks the `given` options of check or query ask for over `paths` and `queries`; the exit code."""
    setting = _Settings(given)
    config = setting.config
    output_file = given["output_file"]
    progress = None if given["quiet"] else _progress()
    options = Options(
        paths=paths,
        kind=given.get("kind"),
        models=given["models"] or config.models,
        repo=setting("repo"),
        model=given.get("model"),
        per_file_models=config.per_file_models,
        twin=given.get("twin"),
        target=setting("target", "adt"),
        extensions=setting("extensions", "version"),
        exclude=config.exclude,
        stdin_filename=given["stdin_filename"],
        rules=setting.rules(),
        progress=progress,
        output_file=output_file,
        queries=queries,
        stream=True,
        jobs=given.get("jobs"),
    )
    try:
        result = run_module.run(options)
    except UsageError as error:
        raise click.ClickException(str(error)) from None
    finally:
        if progress:
            progress.clear()  # (for good: the findings of JSON Lines files are written as they come)
    return setting.report(result)


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, metavar="[OLD NEW | PATHS]...")
@click.option(
    "--base",
    metavar="REV",
    help="Compare PATHS (default: .) with the same paths at this git revision (origin/main), read through git.",
)
@click.option(
    "--twins",
    multiple=True,
    metavar="FILE|FOLDER",
    help="Twins (JSON or JSON Lines) to check against the new versions of their models. Repeatable.",
)
@click.option(
    "--write-patches", metavar="DIR", help="Write each twin's migration patch, checked, to DIR/<twin id>.json."
)
@reporting
def diff(paths: tuple[str, ...], base: str | None, twins: tuple[str, ...], write_patches: str | None, **given) -> int:
    """Report what the change from the models OLD to NEW (files or folders) breaks, or from the models of PATHS at
    git revision REV (--base) to those in the working tree.

    Compared: a model whose content changed under the same DTMI, and each model with the previous version of it
    (the same DTMI up to the version): removed, narrowed or added contents, new components, relationships,
    extends, models removed while still in use. With --twins, each twin on a previous version is checked against
    the new one and its migration patch (replace /$metadata/$model, and an add for each new component) made.
    """
    from .diffrun import DiffOptions, run_diff  # here: `check` does not import it

    setting = _Settings(given)
    if base is None and len(paths) != 2:
        raise click.UsageError("give two model sets (OLD NEW), or --base REV and the paths to compare")
    if write_patches and not twins:
        raise click.UsageError("--write-patches needs --twins")
    for given_path in (*paths, *twins):
        if run_module.same_file(given["output_file"], given_path):
            raise click.ClickException(f"{given['output_file']}: the report would overwrite an input ({given_path})")
    options = DiffOptions(
        new=(paths or (".",)) if base else paths[1:],
        old=() if base else paths[:1],
        base=base,
        twins=twins,
        write_patches=write_patches,
        exclude=setting.config.exclude,
        root=setting.config.root,
    )
    try:
        found, files = run_diff(options)
    except UsageError as error:
        raise click.ClickException(str(error)) from None
    rules = setting.rules()
    result = run_module.Result([d for d in found if rules.keep(d)], checked=files, skipped=options.skipped)
    code = setting.report(result)
    if options.written and not given["quiet"]:
        click.echo(f"dtdl-lint: {len(options.written)} migration patches written to {write_patches}", err=True)
    return code


def _report(result, output_format: str, output_file: str | None, **how) -> None:
    """Write the report as the findings come; a stream that cannot be written is an error of one line."""
    reporter = REPORTERS[output_format]
    try:
        if output_file:
            with open(output_file, "w", encoding="utf-8") as out:
                reporter(result, out, **how)
            return
        if sys.stdout is None:
            raise click.ClickException("standard output is closed")
        if hasattr(sys.stdout, "reconfigure"):  # (a terminal that is not UTF-8 gets escapes, not an error)
            sys.stdout.reconfigure(errors="backslashreplace")
        color = output_format == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        reporter(result, sys.stdout, color=color, **how)
        sys.stdout.flush()
    except UsageError as error:
        raise click.ClickException(str(error)) from None
    except BrokenPipeError:
        raise
    except OSError as error:
        if not output_file:
            _discard_standard_output()
        raise click.ClickException(f"{output_file or 'standard output'}: {error.strerror or error}") from None


def _discard_standard_output() -> None:
    """Send what is left in standard output's buffer to /dev/null, so that writing it at exit fails no more."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _existing(path: str) -> Path:
    if not Path(path).is_file():
        raise click.ClickException(f"{path}: no such configuration file")
    return Path(path)


def _progress() -> _Progress | None:
    return _Progress() if sys.stderr is not None and sys.stderr.isatty() else None


class _Progress:
    """Progress on standard error, rewritten in place at most ten times a second, after half a second."""

    def __init__(self) -> None:
        self.clock = time.monotonic
        self.started = self.last = self.clock()
        self.shown = self.stopped = False

    def __call__(self, message: str) -> None:
        if self.stopped:
            return
        now = self.clock()
        if now - self.last >= 0.1 and now - self.started >= 0.5:
            self.last, self.shown = now, True
            sys.stderr.write(f"\r\033[Kdtdl-lint: {message}")
            sys.stderr.flush()

    def clear(self) -> None:
        """Clear the line, and show nothing more."""
        self.stopped = True
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


@main.command()
@click.option(
    "--output-format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text: a table for the terminal; markdown: the README's table.",
)
def rules(output_format: str) -> None:
    """List every code with its severity, name and summary."""
    if output_format == "json":
        click.echo(
            json.dumps(
                [
                    {"code": c.code, "name": c.name, "severity": str(c.severity), "summary": c.summary}
                    for c in ALL.values()
                ],
                indent=2,
            )
        )
    elif output_format == "markdown":
        click.echo(rules_markdown())
    else:
        width = max(len(c.name) for c in ALL.values())
        for c in ALL.values():
            click.echo(f"{c.code}  {c.severity!s:<7}  {c.name:<{width}}  {c.summary}")


def rules_markdown() -> str:
    """The table of rules in the README."""
    bar = "|"
    rows = [f"| {c.code} | {c.name} | {c.severity} | {c.summary.replace(bar, '&#124;')} |" for c in ALL.values()]
    return "\n".join(["| Code | Name | Severity | Summary |", "|---|---|---|---|", *rows])


@main.command()
@click.argument("code")
def rule(code: str) -> None:
    """Explain one code (DTL003) or name (invalid-json): what it checks, why, an example, where it comes from."""
    entry = ALL.get(code.upper()) or next((c for c in ALL.values() if c.name == code.lower()), None)
    if entry is None:
        raise click.BadParameter(f"{code!r} is not a code or rule name (see dtdl-lint rules)", param_hint="CODE")
    click.echo(f"{entry.code} {entry.name} ({entry.severity})\n\n{entry.summary}\n")
    if entry.why:
        click.echo(f"Why: {entry.why}\n")
    if entry.example:
        example = "\n".join("    " + line for line in entry.example.splitlines())
        click.echo(f"Example that triggers it:\n{example}\n")
    for label, value in origin(entry):
        click.echo(f"{label}: {value}")


@main.command()
@click.argument("dtmi")
@click.option(
    "--models", "models", multiple=True, metavar="PATH", help="Model files or folders that define DTMI. Repeatable."
)
@click.option("--repo", metavar="DIR", help="A model repository to load DTMI and its references from.")
@click.option("--output-file", metavar="FILE", help="Write the schema to FILE instead of standard output.")
def schema(dtmi: str, models: tuple[str, ...], repo: str | None, output_file: str | None) -> None:
    """Print the JSON Schema (2020-12) of a twin of the Interface DTMI, or of the values of a schema DTMI.

    Editors and other JSON Schema tools can then validate twins as they are written.
    """
    from .jsonschema_export import DIALECT, twin_schema, value_schema  # here: `check` does not import it (~12 ms)

    if not models and not repo:
        raise click.ClickException("give the models that define DTMI with --models PATH or --repo DIR")
    for path in (*models, *([repo] if repo else [])):
        if not Path(path).exists():
            raise click.ClickException(f"{path}: no such file or folder")
    modelset = loading.load_models(models, repo=repo)
    loading.complete(modelset, [dtmi])
    errors = sum(str(d.severity) == "error" for d in modelset.diagnostics)
    if errors:
        click.echo(f"dtdl-lint: warning: the models have {errors} errors (see dtdl-lint check)", err=True)
    try:
        if dtmi in modelset.interfaces:
            document = twin_schema(modelset, dtmi)
        else:
            document = {"$schema": DIALECT, "title": f"Values of {dtmi}", **_as_object(value_schema(modelset, dtmi))}
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output_file:
        try:
            Path(output_file).write_text(text, encoding="utf-8")
        except OSError as error:
            raise click.ClickException(f"{output_file}: {error.strerror}") from None
    else:
        click.echo(text, nl=False)


def _as_object(schema: dict | bool) -> dict:
    """A boolean JSON Schema as the equivalent object (true: {}, false: {"not": {}})."""
    return schema if isinstance(schema, dict) else ({} if schema else {"not": {}})
