"""@context: which DTDL version a document is (its Language), and which extensions an element's context activates."""

from __future__ import annotations

from .. import codes
from ..diagnostics import clip, join_pointer, json_kind, show_scalar
from ..language import DEFAULT, DTDL_CONTEXT_PREFIX, LANGUAGES, UNCHECKED_VERSIONS, Language
from ..language.dtmi import is_dtmi
from .state import Ctx, Parse

KNOWN_VERSIONS = frozenset(str(version) for version in (*LANGUAGES, *UNCHECKED_VERSIONS))  # of DTDL contexts


def dtdl_version(value: object) -> int:
    """The DTDL version of a document: the last DTDL context of its @context decides (0: not a version number)."""
    values = value if isinstance(value, list) else [value]
    last = _last_dtdl_context(values)
    if last < 0:
        return DEFAULT.version
    tail = str(values[last])[len(DTDL_CONTEXT_PREFIX) :]
    major, dot, _ = tail.partition(".")
    if not major.isdigit():
        return 0
    language = LANGUAGES.get(int(major))
    return int(major) if not dot or (language is not None and language.dtmi.minor) else 0  # (;3.1 is v3)


def read_context(p: Parse, value: object, element: str, outer: Ctx, *, top: bool, where: str = "") -> Ctx | None:
    """The active context after the @context `value` of the element at `element`; None (and a finding) when a
    top-level one is unusable, or one that stops its element's reading (an undefined extension in DTDL v3)."""
    language = outer.language
    if value == language.context:
        return outer  # the plain case: it changes nothing and has nothing to report
    pointer = join_pointer(element, "@context")
    values = value if isinstance(value, list) else [value]
    if _unusable(p, value, values, pointer, language, top, where):
        return None if top else outer
    reading = _Reading(p, outer, where, _last_dtdl_context(values), top)
    for index, item in enumerate(values):
        reading.item(item, index, join_pointer(pointer, index) if isinstance(value, list) else pointer, len(values))
    if reading.ok and reading.follows:
        p.report(
            codes.INVALID_CONTEXT,
            "a DTDL context comes after an extension context; DTDL contexts come first",
            reading.follows,
            where,
            parser_id="dtdlContextFollowsAffiliate",
        )
        reading.ok = False
    if not reading.ok:
        return None if top or reading.refused else outer
    if top and reading.dtdl_at < 0:
        p.report(
            codes.MISSING_CONTEXT,
            f'@context must include "{language.context}"',
            pointer,
            where,
            parser_id="missingDtdlContext",
        )
        return None
    if reading.language is not language:  # the extensions of one version are not those of another
        active = frozenset(e for e in reading.active if e in reading.language.extensions)
        later = any(e not in reading.language.extensions for e in reading.active)  # (their types never fit)
        return Ctx(reading.language, active, reading.undefined, reading.v3ext or later)
    return Ctx(language, frozenset(reading.active), reading.undefined, reading.v3ext, reading.layering)


def _unusable(p: Parse, value: object, values: list, pointer: str, language: Language, top: bool, where: str) -> bool:
    """Report an @context that is not even a list of values to read (or, at the top level, does not start with a
    DTDL context or is empty)."""
    first = values[0] if values else None
    if top and (
        isinstance(first, dict)
        or (
            isinstance(first, str)
            and first not in language.extension_by_context
            and not first.startswith(DTDL_CONTEXT_PREFIX)
        )
    ):
        p.report(
            codes.MISSING_CONTEXT,
            f'the first value of a top-level @context must be "{language.context}", found {show_scalar(first)}',
            pointer,
            where,
            parser_id="missingDtdlContext",
        )
        return True
    if not isinstance(value, (str, list)):
        p.report(
            codes.INVALID_CONTEXT,
            f"@context must be a string or an array of strings, found {json_kind(value)}",
            pointer,
            where,
            parser_id="disallowedLocalContext" if isinstance(value, dict) else "invalidContext",
        )
        return True
    if top and not values:
        p.report(
            codes.MISSING_CONTEXT,
            f'@context is empty; it must include "{language.context}"',
            pointer,
            where,
            parser_id="emptyContext",
        )
        return True
    return False


class _Reading:
    """The values of one @context, read in order: the extensions they activate, and what is wrong with them."""

    def __init__(self, p: Parse, outer: Ctx, where: str, last_dtdl: int, top: bool) -> None:
        self.p, self.language, self.where, self.last_dtdl, self.top = p, outer.language, where, last_dtdl, top
        self.active = set(outer.extensions)
        self.undefined, self.v3ext, self.layering = outer.undefined, outer.v3ext, outer.layering
        self.ok = True
        self.refused = False  # an undefined extension context is an error that stops the element's reading
        self.dtdl_at = self.affiliate_at = -1  # where the DTDL context and the first affiliate (extension) are
        self.follows = ""  # the pointer of a DTDL context that follows an affiliate
        self.seen: set[str] = set()

    def item(self, item: object, index: int, here: str, count: int) -> None:
        p, where = self.p, self.where
        if isinstance(item, dict):
            p.report(
                codes.INVALID_CONTEXT,
                f"local context definitions (objects in @context) are not allowed in {self.language.label}",
                here,
                where,
                parser_id="disallowedLocalContext" if index == count - 1 else "localContextNotLast",
            )
            self.ok = False
            return
        if not isinstance(item, str):
            p.report(
                codes.INVALID_CONTEXT,
                f"@context values must be strings, found {json_kind(item)}",
                here,
                where,
                parser_id="invalidContext",
            )
            self.ok = False
            return
        problem = _context_problem(item, self.language)
        if problem:
            p.report(
                codes.INVALID_CONTEXT, f"@context value '{clip(item)}' {problem[1]}", here, where, parser_id=problem[0]
            )
            self.ok = False
            return
        if item in self.seen:
            p.report(codes.CONTEXT_HYGIENE, f"@context lists '{clip(item)}' twice", here, where)
        self.seen.add(item)
        base, _, version = item.rpartition(";")
        if base == DTDL_CONTEXT_PREFIX[:-1]:
            self.dtdl_context(item, version.partition(".")[0] if self.language.dtmi.minor else version, index, here)
        else:
            self.extension_context(item, base, version, index, here)

    def dtdl_context(self, item: str, version: str, index: int, here: str) -> None:
        p, where, language = self.p, self.where, self.language
        if self.affiliate_at >= 0 and not self.follows:
            self.follows = here
        if version == str(language.version) or (version in KNOWN_VERSIONS and index != self.last_dtdl):
            if self.dtdl_at >= 0:  # (only the last DTDL context counts)
                p.report(codes.CONTEXT_HYGIENE, "@context lists the DTDL context more than once", here, where)
            self.dtdl_at = index if self.dtdl_at < 0 else self.dtdl_at
        elif not self.top and version.isdigit() and int(version) in language.other_versions:
            self.dtdl_at = index if self.dtdl_at < 0 else self.dtdl_at
            self.language = LANGUAGES[int(version)]  # an element of an earlier version, inside one of this version
        elif version in KNOWN_VERSIONS:
            p.report(
                codes.MIXED_VERSION,
                f"an element of a {language.label} document may not be defined with '{clip(item)}'",
                here,
                where,
                parser_id="disallowedVersionDefinition",
            )
            self.ok = False
        else:
            p.report(
                codes.INVALID_CONTEXT,
                f"'{clip(item)}' is not a DTDL version (use \"{language.context}\")",
                here,
                where,
                parser_id="unrecognizedContextVersion",
            )
            self.ok = False

    def extension_context(self, item: str, base: str, version: str, index: int, here: str) -> None:
        p, where, language = self.p, self.where, self.language
        extension = language.extension_by_context.get(item if "." not in version else f"{base};{version.split('.')[0]}")
        if extension is not None:
            self.active.add(extension)
            if self.dtdl_at < 0 and extension.before_dtdl:
                p.report(codes.CONTEXT_HYGIENE, f"put \"{language.context}\" before '{extension.context}'", here, where)
            elif self.affiliate_at < 0:
                self.affiliate_at = index  # an extension is an affiliate (once a DTDL context came, for IoT Central)
            return
        if self.affiliate_at < 0:
            self.affiliate_at = index
        if base.startswith(language.feature_contexts) and version in language.feature_versions:
            self.layering = self.layering or base == language.layering_context
            self.v3ext = True
            return
        other = language.extension_by_base.get(base)  # another version of a known extension
        if other is not None:
            self.active.discard(other)
        self.undefined = True
        if p.refuses_undefined(language):
            p.report(
                codes.UNDEFINED_EXTENSION,
                f"@context value '{clip(item)}' is not a known extension",
                here,
                where,
                parser_id="unresolvableContextVersion" if other is not None else "unresolvableContextSpecifier",
            )
            if not language.undefined_extensions:  # (DTDL v3: its element, and all in it, are not read)
                self.ok, self.refused = False, True


def _context_problem(item: str, language: Language) -> tuple[str, str] | None:
    """(parser id, message) when a context string is malformed."""
    if not item.startswith("dtmi:"):
        return "nonDtmiContextSpecifier", "is not a DTMI"
    if "#" in item:
        if not item.startswith(DTDL_CONTEXT_PREFIX):
            return "invalidContextSpecifier", "is not a valid DTMI (it has a fragment)"
        if item.partition("#")[2] in ("limits", "limitless"):
            return "disallowedContextFragment", f"has a fragment, which {language.label} does not allow"
        return "invalidContextFragment", "has a fragment other than #limits or #limitless"
    if item.startswith(language.misplaced_contexts):
        return "misplacedLimitContext", f"is a limits context, which {language.label} does not take"
    base, _, version = item.partition(";")
    if not is_dtmi(base):
        return "invalidContextSpecifier", "is not a valid DTMI"
    if not version:
        return "invalidContextSpecifierForVersion", "has no version"
    if "." in version and not language.dtmi.minor:
        return "invalidContextSpecifierForVersion", f"has a two-part version; {language.label} takes one number"
    if not is_dtmi(item):
        return "invalidContextSpecifier", "is not a valid DTMI"
    return None


def _last_dtdl_context(values: list) -> int:
    """Index of the last DTDL context specifier in an @context array (it decides the version), -1 if none."""
    found = [i for i, v in enumerate(values) if isinstance(v, str) and v.startswith(DTDL_CONTEXT_PREFIX)]
    return found[-1] if found else -1
