"""Twins and relationships against their models, as Azure Digital Twins or IoT Hub would judge them.

Rules: dtdl-v2-rules.md section 3 (RT-ADT-01..08, RT-PNP-01..05) and dtdl-v3-rules.md section 3 (RT-ADT-301..309).
`check_twin` checks one twin for a target service: "adt" (Azure Digital Twins: known model, only model properties,
every component present, sizes) or "iothub" (IoT Plug and Play: also DTDL names everywhere, no arrays, 5 levels at
most). `check_relationship` checks one relationship against the model of its source twin (the public lint_twin and
lint_relationship of api.py). Both take the body of a request: the ids the request URL carries (the twin's; the
relationship's and its source twin's) may be left out of it or null.
Values are checked by values.iter_errors. Each finding carries the error the service would answer (`service`)
and a message in the service's words.
"""

from __future__ import annotations

import json
import marshal
from collections.abc import Callable, Iterable, Iterator, Mapping

from . import codes
from .diagnostics import QUOTED, Diagnostic, clip, closest, join_pointer, listing, show, split_pointer
from .language import is_name
from .model import Component, Property, Relationship, inline, ref
from .modelset import ModelSet
from .services import IOTHUB_ANSWER, IOTHUB_DTDL_VERSIONS, MAX_BODY_BYTES, TARGETS
from .source import load, too_deep
from .values import check_primitive, conformer, iter_errors, plainly_conforms, undecided

TWIN_MEMBERS = ("$dtId", "$etag", "$metadata")  # the $ members of a twin
COMPONENT_MEMBERS = ("$metadata",)  # ... and of a component
METADATA_TIMES = ("sourceTime", "lastUpdateTime", "$lastUpdateTime")  # in a $metadata entry: dateTimes or null
RELATIONSHIP_MEMBERS = ("$relationshipId", "$sourceId", "$targetId", "$relationshipName")
REQUIRED_RELATIONSHIP_MEMBERS = ("$targetId", "$relationshipName")  # the others may come from the URL
ADT_INVALID_TWIN = "Invalid twin specified"
IOTHUB_NOT_CONFORMANT = "exists within the device twin and is not digital twin conformant property"
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # as json.dumps, without a new encoder each call
Complete = Callable[[ModelSet, list[object]], None]  # adds to a ModelSet, from its repository, the models named


def check_twin(
    twin: object, models: ModelSet, *, twin_id: str | None = None, target: str = "adt", complete: Complete | None = None
) -> list[Diagnostic]:
    """The findings of lint_twin (api.py); `complete` loads the models the twin names from the repository of a
    ModelSet that has one."""
    if target not in TARGETS:
        raise ValueError(f"target must be one of {', '.join(TARGETS)}, not {target!r}")
    found, data, size = _read(twin)
    if data is not _UNREAD:
        if complete is not None and models.repo is not None:
            complete(models, [_model_of(data)])
        if target != "adt" or not _plainly_valid(data, models):  # (which goes only as deep as the model's schemas)
            deep = too_deep(data, "the twin")
            if deep is not None:
                return [*found, deep]
            found.extend(_in_service_words(_TwinChecker(models, target).twin(data), target))
            if target == "iothub":
                found.extend(iothub_version(models, _model_of(data), "/$metadata/$model"))
        if twin_id is not None:
            found.extend(_ignored(data, {"$dtId": twin_id}))
        found.extend(_size(data, size))
    return found


def check_relationship(
    rel: object,
    models: ModelSet,
    *,
    source_id: str | None = None,
    relationship_id: str | None = None,
    twins: Mapping[str, object] | None = None,
    seen: dict | None = None,
    complete: Complete | None = None,
) -> list[Diagnostic]:
    """The findings of lint_relationship (api.py); `complete` as for check_twin."""
    found, data, size = _read(rel)
    deep = None if data is _UNREAD else too_deep(data, "the relationship")
    if deep is not None:
        found.append(deep)
    elif data is not _UNREAD:
        urls = {"$relationshipId": relationship_id, "$sourceId": source_id}
        found.extend(_relationship(data, models, twins or {}, seen if seen is not None else {}, urls, complete))
        found.extend(_ignored(data, urls))
        found.extend(_size(data, size))
    return found


def iothub_version(models: ModelSet, model: object, pointer: str) -> Iterator[Diagnostic]:
    """A warning where the model of a twin sent to IoT Hub is of a DTDL version IoT Plug and Play does not document."""
    interface = models.interfaces.get(model) if isinstance(model, str) else None
    if interface is not None and interface.language.version not in IOTHUB_DTDL_VERSIONS:
        yield codes.IOTHUB_DTDL_VERSION(
            f"model {clip(interface.id)} is DTDL v{interface.language.version}; IoT Plug and Play documents DTDL "
            f"{', '.join(f'v{v}' for v in sorted(IOTHUB_DTDL_VERSIONS))} models, and whether IoT Hub accepts "
            "twins of others is not established",
            pointer=pointer,
            dtmi=interface.id,
        )


def _ignored(body: object, urls: Mapping[str, str | None]) -> Iterator[Diagnostic]:
    """A warning for each id of the body that differs from the one in the request URL."""
    for key, url_id in urls.items():
        value = body.get(key) if isinstance(body, dict) and url_id is not None else None
        if isinstance(value, str) and value and value != url_id:
            yield codes.ID_IGNORED(
                f"{key} {show(value)} differs from the id in the request URL, {show(url_id)}; "
                "the service uses the URL's and ignores the body's",
                pointer=f"/{key}",
            )


_UNREAD = object()  # what _read gives for an instance that is not JSON


def _read(instance: object) -> tuple[list[Diagnostic], object, int | None]:
    """(findings, parsed value or _UNREAD, size in bytes if known) of an instance given as text or value."""
    if not isinstance(instance, (str, bytes)):
        return [], instance, None
    src = load("", instance)
    found = [d.at(service="InvalidArgument") for d in src.diagnostics]
    if not src.ok:
        return found, _UNREAD, None
    return found, src.data, len(src.text.encode("utf-8", "surrogatepass"))


def _size(data: object, size: int | None) -> Iterator[Diagnostic]:
    """The body limit; for a parsed value, `size` is that of its compact JSON, which is only computed when
    a bound computed at C speed cannot show it is small: JSON takes at most 6 bytes for each byte of
    marshal's version-2 format of the same value (no back-references; tests/test_twin.py checks the bound)."""
    if size is None:
        try:
            if len(marshal.dumps(data, 2)) * 6 <= MAX_BODY_BYTES:  # type: ignore[arg-type]
                return
        except ValueError:  # not marshallable: the JSON encoder says what is wrong with it
            pass
        try:
            size = len(_COMPACT.encode(data).encode("utf-8", "surrogatepass"))
        except RecursionError:  # nested deeper than Python encodes: what its members' checks find is reported
            return
    if size > MAX_BODY_BYTES:
        yield codes.TOO_LARGE(f"body of {size} bytes; the service accepts at most {MAX_BODY_BYTES} (32 KB)", pointer="")


def _in_service_words(found: Iterable[Diagnostic], target: str) -> Iterator[Diagnostic]:
    """Findings with the service's error code and the start of its message (warnings as they are: the service
    accepts what they are about, or it is not known whether it does)."""
    for diagnostic in found:
        if target == "iothub" and diagnostic.severity == "error":
            member = split_pointer(diagnostic.pointer)[:1]
            message = diagnostic.message
            if member and not member[0].startswith("$"):
                message = f"'{clip(member[0])}' {IOTHUB_NOT_CONFORMANT}: {message}"
            yield diagnostic.at(message=message, service=IOTHUB_ANSWER)
        elif diagnostic.service == "ValidationFailed":
            yield diagnostic.at(message=f"{ADT_INVALID_TWIN}: {diagnostic.message}")
        else:
            yield diagnostic


def _model_of(twin: object) -> object:
    metadata = twin.get("$metadata") if isinstance(twin, dict) else None
    return metadata.get("$model") if isinstance(metadata, dict) else None


def _not_a_property(name: str, content: object, owner: str, choices: Mapping[str, object]) -> str:
    """Why `name` is not a property of `owner`, with a suggestion."""
    if content is not None:
        kind = type(content).__name__
        return (
            f"'{clip(name)}' is a {kind} of {clip(owner)}, not a property; only properties and components are "
            "twin members"
        )
    close = closest(name, [n for n, c in choices.items() if isinstance(c, (Property, Component))])
    hint = f"; did you mean '{clip(close)}'?" if close else ""
    return f"'{clip(name)}' is not a property of {clip(owner)}{hint}"


class _TwinChecker:
    """Appends its findings to one list (`found`) rather than yielding them: a twin has tens of members, most of
    them valid, and a generator per member and component cost more than the checks themselves."""

    def __init__(self, models: ModelSet, target: str) -> None:
        self.models, self.target = models, target
        self.found: list[Diagnostic] = []

    def twin(self, twin: object) -> list[Diagnostic]:
        add = self.found.append
        if not isinstance(twin, dict):
            add(codes.NOT_AN_OBJECT(f"a twin is a JSON object, found {show(twin)}", pointer=""))
            return self.found
        dt_id = twin.get("$dtId")
        if dt_id is not None and (not isinstance(dt_id, str) or not dt_id):
            add(
                codes.MISSING_ID(
                    f"$dtId must be a non-empty string (or null: the URL names the twin), found {show(dt_id)}",
                    pointer="/$dtId",
                )
            )
        metadata = twin.get("$metadata")
        model = _model_of(twin)
        if metadata is not None and not isinstance(metadata, dict):
            add(codes.MISSING_MODEL(f"$metadata must be an object, found {show(metadata)}", pointer="/$metadata"))
        elif "$model" in (metadata or {}) and not isinstance(model, str):
            add(
                codes.MISSING_MODEL(
                    f"$metadata.$model must be a DTMI string, found {show(model)}", pointer="/$metadata/$model"
                )
            )
        elif model is None and self.target == "adt":
            add(
                codes.MISSING_MODEL(
                    "twin has no $metadata.$model naming its model",
                    pointer="/$metadata" if metadata is not None else "",
                )
            )
        contents = None
        if isinstance(model, str):
            if model in self.models.interfaces:
                contents = self.models.contents(model)
            else:
                add(codes.UNKNOWN_MODEL(self.models.missing(model), pointer="/$metadata/$model", dtmi=model))
        self.members(twin, "", contents, model if isinstance(model, str) else "", TWIN_MEMBERS)
        return self.found

    def members(self, value: dict, pointer: str, contents: dict | None, owner: str, allowed: tuple[str, ...]) -> None:
        """The members of a twin (allowed: its $ members) or of a component (allowed: $metadata); `contents` are
        those of the Interface `owner`, None where it is unknown."""
        profile, models, add = self.target, self.models, self.found.append
        for name, member in value.items():
            if name[:1] == "$":
                if name not in allowed:
                    add(
                        codes.UNKNOWN_PROPERTY(
                            f"'{clip(name)}' is not a member of a twin ({', '.join(allowed)} and properties)",
                            pointer=join_pointer(pointer, name),
                            dtmi=owner,
                        )
                    )
                continue
            if profile == "iothub" and not is_name(name):
                add(
                    codes.INVALID_NAME(
                        f"{show(name, QUOTED)} is not a DTDL name", pointer=join_pointer(pointer, name), dtmi=owner
                    )
                )
            if contents is None:  # no known model: nothing to check the members against
                continue
            content = contents.get(name)
            if isinstance(content, Property):
                if not plainly_conforms(member, content.schema, profile):
                    self.found.extend(
                        iter_errors(member, content.schema, models, join_pointer(pointer, name), profile, content.id)
                    )
            elif isinstance(content, Component):
                self.component(member, join_pointer(pointer, name), content)
            else:
                add(
                    codes.UNKNOWN_PROPERTY(
                        _not_a_property(name, content, owner, contents),
                        pointer=join_pointer(pointer, name),
                        dtmi=getattr(content, "id", owner),
                    )
                )
        metadata = value.get("$metadata")
        if metadata and isinstance(metadata, dict):
            self.metadata(metadata, join_pointer(pointer, "$metadata"), contents, owner)
        if contents is not None and profile == "adt":
            for content in models.components(owner):
                if content.name not in value:
                    name = clip(content.name or "")
                    add(
                        codes.MISSING_COMPONENT(
                            f"twin is missing component '{name}' ({clip(ref(content.schema))}); an empty component is "
                            f'"{name}": {{"$metadata": {{}}}}',
                            pointer=pointer,
                            dtmi=content.id,
                        )
                    )

    def component(self, value: object, pointer: str, component: Component) -> None:
        if not isinstance(value, dict) or not isinstance(value.get("$metadata"), dict):
            found = "no $metadata" if isinstance(value, dict) else show(value)
            self.found.append(
                codes.INVALID_COMPONENT(
                    f"component '{clip(component.name or '')}' must be an object with a $metadata object, "
                    f"found {found}",
                    pointer=pointer,
                    dtmi=component.id,
                )
            )
            if not isinstance(value, dict):
                return
        interface = ref(component.schema)
        contents = self.models.contents(interface) if interface in self.models.interfaces else None
        self.members(value, pointer, contents, interface, COMPONENT_MEMBERS)

    def metadata(self, metadata: dict, pointer: str, contents: dict | None, owner: str) -> None:
        """Per-property metadata: entries for properties of the model, with dateTime times."""
        add = self.found.append
        for name, entry in metadata.items():
            at = join_pointer(pointer, name)
            if name == "$model":
                continue
            if name == "$lastUpdateTime":
                self.times({name: entry}, pointer, owner)
                continue
            content = contents.get(name) if contents is not None else None
            if name.startswith("$") or (contents is not None and not isinstance(content, Property)):
                where = (
                    f"'{clip(name)}' is a Component: its metadata is in {clip(name)}/$metadata"
                    if isinstance(content, Component)
                    else f"'{clip(name)}' is not a property of {clip(owner or 'the twin')}"
                )
                add(codes.UNKNOWN_METADATA(f"$metadata entry {where}", pointer=at, dtmi=owner))
            elif not isinstance(entry, dict):
                add(
                    codes.INVALID_METADATA(
                        f"$metadata entry '{clip(name)}' must be an object, found {show(entry)}", pointer=at, dtmi=owner
                    )
                )
            else:
                self.times(entry, at, getattr(content, "id", owner))
                if self.target == "iothub" and "desiredValue" in entry and content is not None:
                    self.found.extend(
                        iter_errors(
                            entry["desiredValue"],
                            content.schema,
                            self.models,
                            join_pointer(at, "desiredValue"),
                            "iothub",
                            content.id,
                        )
                    )

    def times(self, entry: dict, pointer: str, dtmi: str) -> None:
        """The times of a metadata entry: dateTimes, or null (not set, as the .NET SDK sends an unset one)."""
        for key in METADATA_TIMES:
            if entry.get(key) is not None and check_primitive(entry[key], "dateTime") is not None:
                self.found.append(
                    codes.INVALID_METADATA(
                        f"{key} {show(entry[key])} is not an RFC 3339 dateTime",
                        pointer=join_pointer(pointer, key),
                        dtmi=dtmi,
                    )
                )


# --- the fast path of _TwinChecker: a valid twin for Azure Digital Twins, decided without building a finding ---
# (tests/test_twin.py holds it to the checker: it may say "valid" only where the checker finds nothing)

_PLAIN_TIME = conformer("dateTime", None)
_plans_of: tuple[ModelSet | None, int, dict] = (None, 0, {})  # the last ModelSet used, its size, its plans by DTMI


class _Plan:
    """What the "adt" checks require of a twin or component of one Interface, compiled once per ModelSet: a
    predicate per member name (see values.conformer; None for the $ members allowed), the names of the
    properties (which may have metadata entries) and of the components (which must all be present)."""

    __slots__ = ("component", "components", "properties", "twin")

    def __init__(self, models: ModelSet, plans: dict[str, _Plan], dtmi: str) -> None:
        contents = models.contents(dtmi)
        members = {}
        for name, content in contents.items():
            if name[:1] == "$":  # not a DTDL name: the checker takes it for a $ member
                continue
            if isinstance(content, Property):
                members[name] = conformer(content.schema, models)
            elif isinstance(content, Component):
                members[name] = _component_check(models, plans, ref(content.schema))
        self.properties = frozenset(
            name for name, content in contents.items() if isinstance(content, Property) and name[:1] != "$"
        )
        self.components = frozenset(content.name or "" for content in models.components(dtmi))
        self.twin = {**members, **dict.fromkeys(TWIN_MEMBERS)}
        # (a component in a component, of an invalid model, is left to the checker: a twin nesting components
        # that hold each other may be nested deeper than the checks go without a look at its depth)
        self.component = {**members, **dict.fromkeys(self.components, undecided), **dict.fromkeys(COMPONENT_MEMBERS)}


def _plans(models: ModelSet) -> dict[str, _Plan]:
    """The Plans of `models`' Interfaces, built at their first use. Kept for the last ModelSet used only, read
    and replaced as one tuple, so that threads using other ModelSets cannot mix them; made anew when Interfaces
    were added to the set (from its repository)."""
    global _plans_of
    plans = _plans_of
    if plans[0] is not models or plans[1] != len(models.interfaces):
        plans = _plans_of = (models, len(models.interfaces), {})
    return plans[2]


def _plan(models: ModelSet, plans: dict[str, _Plan], dtmi: str) -> _Plan:
    plan = plans.get(dtmi)
    if plan is None:
        plan = plans[dtmi] = _Plan(models, plans, dtmi)
    return plan


def _plainly_valid(twin: object, models: ModelSet) -> bool:
    """True only if _TwinChecker(models, "adt").twin(twin) finds nothing; False means it must look."""
    if twin.__class__ is not dict:
        return False
    dt_id, metadata = twin.get("$dtId"), twin.get("$metadata")
    if (dt_id is not None and (dt_id.__class__ is not str or not dt_id)) or metadata.__class__ is not dict:
        return False
    model = metadata.get("$model")
    if model.__class__ is not str or model not in models.interfaces:
        return False
    plan = _plan(models, _plans(models), model)
    return _plain_members(twin, plan.twin, plan)


def _component_check(models: ModelSet, plans: dict[str, _Plan], interface: str) -> Callable[[object], bool]:
    """As _TwinChecker.component finds nothing."""
    if interface not in models.interfaces:
        return undecided

    def check(value: object) -> bool:
        if value.__class__ is not dict or value.get("$metadata").__class__ is not dict:
            return False
        plan = plans.get(interface) or _plan(models, plans, interface)
        return _plain_members(value, plan.component, plan)

    return check


def _plain_members(value: dict, checks: dict, plan: _Plan) -> bool:
    """As _TwinChecker.members (and .metadata and .times) finds nothing: every member allowed and plainly
    valid, every property's metadata entry an object with dateTime times, every component present."""
    for name, member in value.items():
        check = checks.get(name, undecided)
        if check is not None and not check(member):
            return False
    metadata = value.get("$metadata")
    if metadata:
        for name, entry in metadata.items():
            if name in plan.properties:
                if entry.__class__ is not dict:
                    return False
                for key in METADATA_TIMES:
                    if entry.get(key) is not None and not _PLAIN_TIME(entry[key]):
                        return False
            elif name == "$lastUpdateTime":
                if entry is not None and not _PLAIN_TIME(entry):
                    return False
            elif name != "$model":
                return False
    return value.keys() >= plan.components


def _relationship(
    rel: object,
    models: ModelSet,
    twins: Mapping[str, object],
    seen: dict,
    urls: Mapping[str, str | None],
    complete: Complete | None,
) -> Iterator[Diagnostic]:
    if not isinstance(rel, dict):
        yield codes.NOT_AN_OBJECT(f"a relationship is a JSON object, found {show(rel)}", pointer="")
        return
    ids = {}
    for key in RELATIONSHIP_MEMBERS:
        value = rel.get(key)
        if isinstance(value, str) and value:
            ids[key] = value
        elif value is not None:
            yield codes.MISSING_ID(f"{key} must be a non-empty string, found {show(value)}", pointer=f"/{key}")
        elif key in REQUIRED_RELATIONSHIP_MEMBERS:
            yield codes.MISSING_ID(
                f"{key} must be a non-empty string, found null" if key in rel else f"relationship has no {key}",
                pointer=f"/{key}" if key in rel else "",
            )
    ids.update((key, url_id) for key, url_id in urls.items() if url_id is not None)
    source, target, name = ids.get("$sourceId"), ids.get("$targetId"), ids.get("$relationshipName")
    if source is not None and source == target:
        yield codes.SELF_RELATIONSHIP(f"relationship connects twin '{clip(source)}' to itself", pointer="/$targetId")
    models_of = {}
    for key, twin_id, service in (
        ("$sourceId", source, "DigitalTwinNotFound"),
        ("$targetId", target, "TargetTwinNotFound"),
    ):
        if twin_id is not None and twins:
            if twin_id in twins:
                models_of[key] = _model_of(twins[twin_id])
            else:
                yield codes.UNKNOWN_TWIN(
                    f"twin '{clip(twin_id)}' is not among the given twins", pointer=f"/{key}", service=service
                )
    if complete is not None and models.repo is not None:
        complete(models, list(models_of.values()))
    source_model = models_of.get("$sourceId")
    if name is None or not isinstance(source_model, str) or source_model not in models.interfaces:
        return  # the source twin's model is unknown (or reported with the twin)
    contents = models.contents(source_model)
    declared = contents.get(name)
    if not isinstance(declared, Relationship):
        names = [n for n, c in contents.items() if isinstance(c, Relationship)]
        close = closest(name, names)
        hint = f"; did you mean '{clip(close)}'?" if close else f" (it has {listing(names) or 'none'})"
        yield codes.UNKNOWN_RELATIONSHIP(
            f"'{clip(name)}' is not a relationship of {clip(source_model)}{hint}",
            pointer="/$relationshipName",
            dtmi=source_model,
        )
        return
    target_model = models_of.get("$targetId")
    if declared.target and isinstance(target_model, str) and target and not models.is_a(target_model, declared.target):
        yield codes.RELATIONSHIP_TARGET_MISMATCH(
            f"Twin relationship does not align with the model: '{clip(name)}' of {clip(source_model)} targets "
            f"{clip(declared.target)}, but twin '{clip(target)}' is a {clip(target_model)}",
            pointer="/$targetId",
            dtmi=declared.id,
        )
    properties = {p.name or "": p for p in inline(declared.properties, Property)}
    for key, value in rel.items():
        at = join_pointer("", key)
        if key.startswith("$"):
            if key not in RELATIONSHIP_MEMBERS and key != "$etag":
                yield codes.UNKNOWN_PROPERTY(
                    f"'{clip(key)}' is not a member of a relationship", pointer=at, dtmi=declared.id
                )
        elif key in properties:
            yield from iter_errors(value, properties[key].schema, models, at, "adt", properties[key].id)
        else:
            yield codes.UNKNOWN_PROPERTY(
                f"'{clip(key)}' is not a property of relationship '{clip(name)}' of "
                f"{clip(source_model)} (properties: {listing(properties) or 'none'})",
                pointer=at,
                dtmi=declared.id,
            )
    yield from _multiplicity(rel, ids, declared, seen)


def _multiplicity(rel: dict, ids: dict, declared: Relationship, seen: dict) -> Iterator[Diagnostic]:
    """Duplicate ids and counts beyond maxMultiplicity among the relationships seen so far."""
    rel_id, source, name = ids.get("$relationshipId"), ids.get("$sourceId"), ids["$relationshipName"]
    if rel_id is None or source is None:
        return
    if ("id", source, rel_id) in seen:
        yield codes.DUPLICATE_RELATIONSHIP_ID(
            f"twin '{clip(source)}' already has a relationship '{clip(rel_id)}'",
            pointer="/$relationshipId",
            dtmi=declared.id,
        )
        return
    seen["id", source, rel_id] = name
    count = seen["n", source, name] = seen.get(("n", source, name), 0) + 1
    if declared.max_multiplicity is not None and count > declared.max_multiplicity:
        yield codes.MAX_MULTIPLICITY_EXCEEDED(
            f"twin '{clip(source)}' has {count} '{clip(name)}' relationships; maxMultiplicity is "
            f"{declared.max_multiplicity}",
            pointer="/$relationshipName",
            dtmi=declared.id,
        )
