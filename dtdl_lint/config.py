"""Configuration: the [tool.dtdl-lint] table of the nearest pyproject.toml, or a file given with --config.

Paths in the configuration (models, repo, exclude, per-file-ignores and per-file-models globs) are relative to the
folder of the file that holds it. Unknown keys and wrong types are a ConfigError naming the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .codes import ALL
from .modelset import is_model_id
from .reporters import REPORTERS
from .services import TARGETS

# The settings with a fixed set of values, as the configuration and the options of `dtdl-lint check` take them.
CHOICES = {
    "target": TARGETS,
    "extensions": ("version", "allow", "disallow"),
    "output-format": tuple(REPORTERS),
}
LISTS = ("models", "select", "extend-select", "ignore", "exclude", "fail-on")
SEVERITIES = ("error", "warning")  # what fail-on takes besides codes: the lowest severity that fails the run
SELECTOR = re.compile(r"DTL\d{0,3}|ALL")


class ConfigError(Exception):
    """A configuration that cannot be used; the message is one line and names the file and key."""


@dataclass(frozen=True)
class Config:
    """Settings from a configuration file; None or empty where the file says nothing."""

    root: Path = field(default_factory=Path.cwd)  # the folder the paths and globs are relative to
    path: Path | None = None
    models: tuple[str, ...] = ()
    repo: str | None = None
    target: str | None = None
    extensions: str | None = None
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    per_file_models: tuple[tuple[str, str], ...] = ()  # (glob, the model of the twins the patches there patch)
    exclude: tuple[str, ...] = ()
    output_format: str | None = None
    fail_on: tuple[str, ...] = ()  # a severity (error, warning) and codes or prefixes that fail the run


def find(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml with a [tool.dtdl-lint] table, walking up from `start` (default: cwd)."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "dtdl-lint" in _read(candidate).get("tool", {}):
            return candidate
    return None


def load(path: Path | None = None) -> Config:
    """The configuration in `path` (a pyproject.toml, or a TOML file whose top level is the table), or the
    one `find` finds, or an empty Config."""
    if path is None:
        path = find()
        if path is None:
            return Config()
    elif not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    document = _read(path)
    table = document.get("tool", {}).get("dtdl-lint", {}) if "tool" in document else document
    return parse(table, path)


def parse(table: dict, path: Path) -> Config:
    """A Config from the table's contents, checked key by key."""
    values: dict[str, object] = {}
    for key, value in table.items():
        where = f"{path}: [tool.dtdl-lint] {key}"
        if key in CHOICES:
            if value not in CHOICES[key]:
                raise ConfigError(f"{where}: expected one of {', '.join(CHOICES[key])}, got {value!r}")
        elif key == "repo":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: expected a folder path (a string), got {value!r}")
            value = str(path.parent / value)
        elif key in LISTS:
            if isinstance(value, str) and key in ("models", "fail-on"):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
            if key == "models":
                value = [str(path.parent / v) for v in value]
            elif key != "exclude":
                (check_fail_on if key == "fail-on" else check_selectors)(value, where)
            value = tuple(value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: expected a table of glob = [codes], got {value!r}")
            for glob, selectors in value.items():
                if not isinstance(selectors, list) or not all(isinstance(v, str) for v in selectors):
                    raise ConfigError(f"{where}: {glob!r}: expected a list of codes, got {selectors!r}")
                check_selectors(selectors, f"{where}: {glob!r}")
            value = tuple((glob, tuple(selectors)) for glob, selectors in value.items())
        elif key == "per-file-models":
            if not isinstance(value, dict):
                raise ConfigError(f'{where}: expected a table of glob = "DTMI", got {value!r}')
            for glob, model in value.items():
                problem = model_problem(model)
                if problem:
                    raise ConfigError(f"{where}: {glob!r}: {problem}")
            value = tuple(value.items())
        else:
            known = ", ".join(sorted([*CHOICES, *LISTS, "repo", "per-file-ignores", "per-file-models"]))
            raise ConfigError(f"{where}: unknown key (known keys: {known})")
        values[key.replace("-", "_")] = value
    return Config(root=path.parent.resolve(), path=path, **values)  # type: ignore[arg-type]


def check_selectors(selectors, where: str) -> None:
    """Every selector is a code or a code prefix (DTL, DTL1, DTL12, DTL123) or ALL."""
    for selector in selectors:
        if not SELECTOR.fullmatch(selector) or (len(selector) == 6 and selector not in ALL):
            raise ConfigError(f"{where}: {selector!r} is not a code or code prefix (like DTL1, DTL12 or DTL123)")


def check_fail_on(values, where: str) -> None:
    """fail-on: at most one severity (error, warning), and codes or code prefixes."""
    severities = [v for v in values if v in SEVERITIES]
    if len(severities) > 1:
        raise ConfigError(f"{where}: give one severity, error or warning, not {' and '.join(severities)}")
    check_selectors([v for v in values if v not in SEVERITIES], f"{where} (error, warning, or codes)")


def model_problem(value: object) -> str:
    """Why `value` cannot name the model of a twin, or "". (A DTDL v3 model may have a DTMI without a version, so
    one whose ';1' a shell took for the end of a command is looked for, and the finding names the versions.)"""
    if is_model_id(value):
        return ""
    return f"{value!r} is not the DTMI of a model (like 'dtmi:com:example:Room;1')"


def _read(path: Path) -> dict:
    import tomllib  # here, not above: read only where there is a pyproject.toml or --config file (~2 ms of start-up)

    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: {error.strerror}") from None
