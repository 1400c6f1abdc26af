"""Digital Twin Model Identifiers: the general syntax, and the syntax of a DTDL version's identifiers.

A valid DTMI is recognised by a regular expression. Only an invalid one is split by grammars/dtmi.lark
into scheme, segments, version and fragment, to say which part is wrong and at which column (0-based
offset into the string). Each DTDL version has one `DtmiSyntax` (its Language's `dtmi`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..diagnostics import clip
from ..grammar import parser

MAX_LENGTH = 2048  # of any DTMI (the general syntax)

SEGMENT = r"[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?"
_SYSTEM_SEGMENT = r"(?:_+[A-Za-z0-9]|[A-Za-z])(?:[A-Za-z0-9_]*[A-Za-z0-9])?"
# Any DTMI (system segments, optional and two-part versions, as the general DTMI grammar allows).
ANY_DTMI = re.compile(
    rf"dtmi:{_SYSTEM_SEGMENT}(?::{_SYSTEM_SEGMENT})*(?:;[1-9][0-9]{{0,8}}(?:\.[1-9][0-9]{{0,5}})?)?"
    r"(?:#[A-Za-z0-9_]*)?"
)


class Problem(NamedTuple):
    """One way a DTMI is wrong; `offset` is the 0-based index into the string where it starts."""

    kind: str  # scheme, segment, underscore, system, empty-segment, version-missing, version-zero,
    #            version-leading-zero, version-too-long, version-two-part, version-invalid, fragment, length
    message: str
    offset: int


def repository_path(dtmi: str) -> str:
    """Where a model repository (the IoT Plug and Play layout) keeps the model `dtmi`, relative to its root:
    dtmi:com:example:Thermostat;1 -> dtmi/com/example/thermostat-1.json (lower case, ':' as '/', ';' as '-')."""
    return dtmi.lower().replace(":", "/").replace(";", "-") + ".json"


def is_dtmi(value: object) -> bool:
    """Is this a DTMI in the general syntax (system segments, fragments and minor versions allowed)?"""
    if not isinstance(value, str):
        return False
    return _matches(ANY_DTMI, value) if len(value) <= MAX_LENGTH else ANY_DTMI.fullmatch(value) is not None


@lru_cache(maxsize=4096)
def _matches(pattern: re.Pattern, value: str) -> bool:
    """A model names the same DTMIs again and again (every Interface extends a few bases); matching one takes
    a microsecond or two, remembering the answer a fifth of that. (Only strings of a DTMI's length are
    remembered.)"""
    return pattern.fullmatch(value) is not None


def version(dtmi: str) -> int | None:
    """The major version of a DTMI, or None."""
    _, _, tail = dtmi.rpartition(";")
    head = tail.split(".")[0].split("#")[0]
    return int(head) if head.isdigit() else None


class DtmiSyntax:
    """The identifiers a DTDL version accepts for its elements (@id) and references: `pattern` recognises the valid
    ones, and `problems` explains the others in the words of `label` ("DTDL v2")."""

    __slots__ = ("label", "max_interface_length", "max_length", "minor", "pattern", "versionless")

    def __init__(
        self,
        label: str,
        pattern: re.Pattern,
        max_length: int = MAX_LENGTH,
        max_interface_length: int = 128,
        *,
        versionless: bool = False,
        minor: bool = False,
    ) -> None:
        self.label = label
        self.pattern = pattern
        self.max_length = max_length
        self.max_interface_length = max_interface_length  # of an Interface's @id
        self.versionless = versionless  # an identifier may have no version
        self.minor = minor  # a version may have a minor part (;major.minor)

    def is_valid(self, value: object) -> bool:
        """Is this a valid DTMI for an @id (or reference) in this version?"""
        return isinstance(value, str) and len(value) <= self.max_length and _matches(self.pattern, value)

    def problems(self, value: str) -> list[Problem]:
        """Every reason `value` is not a valid DTMI of this version; empty if it is one. A value longer than a DTMI
        may be gets that finding, and its scheme's, only: its parts are not explained (the text may be megabytes)."""
        if self.is_valid(value):
            return []
        found: list[Problem] = []
        if len(value) > self.max_length:
            found.append(
                Problem(
                    "length", f"is {len(value)} characters long; at most {self.max_length} are allowed", self.max_length
                )
            )
        if not value.startswith("dtmi:"):
            head = value.split(":", 1)[0] if ":" in value else value
            if head.lower() == "dtmi":
                message = "scheme must be lower-case 'dtmi:'"
            else:
                message = "does not start with the scheme 'dtmi:'"
            return [*found, Problem("scheme", message, 0)]
        if found:
            return found
        return self._explain(value)

    def _explain(self, value: str) -> list[Problem]:
        """The problems of a DTMI-like string of a DTMI's length, from grammars/dtmi.lark."""
        # here, not above: lark (~20 ms to import) is needed only to explain an invalid DTMI
        from lark.exceptions import LarkError

        try:
            tree = parser("dtmi.lark", propagate_positions=True).parse(value)
        except LarkError:
            return [Problem("segment", "is not shaped like a DTMI (dtmi:<segment>:<segment>;<version>)", 5)]
        found: list[Problem] = []
        offset = 5
        for part in tree.children[1:]:
            token = part.children[0] if part.children else None
            text = str(token) if token is not None else ""
            if part.data == "segment":
                found.extend(_segment_problems(text, offset))
                offset += len(text) + 1
            elif part.data == "version":
                found.extend(self._version_problems(text, offset))
                offset += len(text) + 1
            elif part.data == "fragment":
                found.append(
                    Problem(
                        "fragment",
                        f"has a fragment '#{clip(text)}'; {self.label} identifiers take no fragment",
                        offset - 1,
                    )
                )
        if not self.versionless and not any(p.data == "version" for p in tree.children[1:]):
            found.append(
                Problem("version-missing", "has no version; it must end with ';' and a version number", len(value))
            )
        return found

    def _version_problems(self, text: str, offset: int) -> list[Problem]:
        if not text:
            return [Problem("version-missing", "has an empty version after ';'", offset)]
        major, dot, minor = text.partition(".")
        if dot and self.minor:
            if not (minor.isascii() and minor.isdigit()) or minor.startswith("0") or len(minor) > 6:
                return [
                    Problem(
                        "version-invalid",
                        f"minor version '{clip(minor)}' must be 1 to 6 digits without a leading zero",
                        offset + len(major) + 1,
                    )
                ]
            return self._version_problems(major, offset)
        if dot:
            return [
                Problem(
                    "version-two-part",
                    f"version '{clip(text)}' has two parts; {self.label} takes one number",
                    offset + text.index("."),
                )
            ]
        if not text.isascii() or not text.isdigit():
            return [Problem("version-invalid", f"version '{clip(text)}' is not a number", offset)]
        if not text.strip("0"):
            return [Problem("version-zero", "version must be at least 1", offset)]
        if text.startswith("0"):
            return [Problem("version-leading-zero", f"version '{clip(text)}' has a leading zero", offset)]
        if len(text) > 9:
            return [
                Problem(
                    "version-too-long", f"version '{clip(text)}' has {len(text)} digits; at most 9 are allowed", offset
                )
            ]
        return []


def _segment_problems(text: str, offset: int) -> list[Problem]:
    if not text:
        return [Problem("empty-segment", "has an empty path segment", offset)]
    if text.startswith("_"):
        return [
            Problem(
                "system",
                f"segment '{clip(text)}' starts with '_'; such segments are reserved for "
                "identifiers the parser generates",
                offset,
            )
        ]
    if not text[0].isascii() or not text[0].isalpha():
        return [Problem("segment", f"segment '{clip(text)}' must start with a letter", offset)]
    for index, char in enumerate(text):
        if not (char.isascii() and (char.isalnum() or char == "_")):
            return [
                Problem(
                    "segment",
                    f"segment '{clip(text)}' contains '{char}'; only letters, digits and '_' are allowed",
                    offset + index,
                )
            ]
    if text.endswith("_"):
        return [Problem("underscore", f"segment '{clip(text)}' ends with '_'", offset + len(text) - 1)]
    return []
