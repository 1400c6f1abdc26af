"""The objects of model.py from the parsed Nodes (until the parser builds them itself)."""

from __future__ import annotations

from ..modelset import ModelSet
from .state import Node


def build(models: ModelSet, nodes: list[Node] | None = None) -> None:
    """Fill `models.interfaces` and `models.elements` with the objects of model.py, from the parsed Nodes (all of
    them, or those added since the last build)."""
    from .. import model

    built: dict[Node, object] = {}

    def schema(value: object):
        return element(value) if isinstance(value, Node) else value

    def common(node: Node) -> dict:
        members = node.members
        return {
            "id": node.id,
            "source": node.source,
            "pointer": node.pointer,
            "types": node.cotypes,
            "display_name": _text(members["displayName"][0][0]) if members.get("displayName") else "",
            "description": _text(members["description"][0][0]) if members.get("description") else "",
        }

    def children(node: Node, member: str) -> tuple:
        return tuple(element(v) for v, _ in node.members.get(member, ()) if isinstance(v, Node))

    def element(node: Node):
        found = built.get(node)
        if found is not None:
            return found
        kind, first = node.cls, node.first
        name = first("name")
        name = name if isinstance(name, str) else ""
        if kind == "Interface":
            found = model.Interface(
                **common(node),
                contents=tuple(
                    c
                    for c in (element(v) if isinstance(v, Node) else None for v, _ in node.members.get("contents", ()))
                    if c is not None
                ),
                extends=tuple(v.id if isinstance(v, Node) else v for v, _ in node.members.get("extends", ())),
                schemas=children(node, "schemas"),
            )
        elif kind in ("Telemetry", "Property"):
            extra = {"writable": first("writable") is True} if kind == "Property" else {}
            found = getattr(model, kind)(
                **common(node),
                name=name,
                schema=schema(first("schema")),
                semantic_type=node.semantic,
                unit=first("unit") or "",
                **extra,
            )
        elif kind == "Command":
            found = model.Command(
                **common(node),
                name=name,
                request=_optional(element, first("request")),
                response=_optional(element, first("response")),
            )
        elif kind in ("CommandPayload", "Field"):
            found = getattr(model, kind)(**common(node), name=name, schema=schema(first("schema")))
        elif kind == "Relationship":
            found = model.Relationship(
                **common(node),
                name=name,
                target=first("target") or "",
                min_multiplicity=first("minMultiplicity"),
                max_multiplicity=first("maxMultiplicity"),
                writable=first("writable") is True,
                properties=children(node, "properties"),
            )
        elif kind == "Component":
            target = first("schema")
            found = model.Component(
                **common(node), name=name, schema=target.id if isinstance(target, Node) else target or ""
            )
        elif kind == "Array":
            found = model.ArraySchema(**common(node), element_schema=schema(first("elementSchema")))
        elif kind == "Enum":
            value_schema = first("valueSchema")  # "" where the model's is unusable (a reference, a typo...)
            found = model.EnumSchema(
                **common(node),
                value_schema=value_schema if value_schema in ("integer", "string") else "",
                values=children(node, "enumValues"),
            )
        elif kind == "EnumValue":
            found = model.EnumValue(**common(node), name=name, value=first("enumValue"))
        elif kind == "Map":
            key, value = first("mapKey"), first("mapValue")
            found = model.MapSchema(
                **common(node),
                key_name=_name(key),
                value_name=_name(value),
                value_schema=schema(value.first("schema")) if isinstance(value, Node) else None,
            )
        elif kind == "Object":
            found = model.ObjectSchema(**common(node), fields=children(node, "fields"))
        else:  # MapKey, MapValue: folded into their Map
            return None
        built[node] = found
        return found

    for node in models.nodes if nodes is None else nodes:
        if "@version" in node.members:
            continue
        try:
            built_element = element(node)
        except RecursionError:
            continue
        if built_element is None:
            continue
        if node.cls == "Interface":
            models.interfaces.setdefault(node.id, built_element)
        models.elements.setdefault(node.id, built_element)


def _optional(element, value):
    return element(value) if isinstance(value, Node) else None


def _name(node: object) -> str:
    name = node.first("name") if isinstance(node, Node) else None
    return name if isinstance(name, str) else ""


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
