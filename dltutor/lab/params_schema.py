"""An exercise's `Params` as JSON Schema and back, so the app can build its form without importing torch.

The training process (which has torch) sends `Params.model_json_schema()`; the app rebuilds an
equivalent pydantic model with `model_from_schema` and validates the learner's values with it.
Covered: int, float, str, bool, Literal (enum/const), Optional[...] (anyOf with null), with
defaults, descriptions, the bounds ge/gt/le/lt and a text pattern. Anything else is kept as "any value" so the
training process, which validates again with the real model, stays the judge.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, create_model

from dltutor.i18n import _

_TYPES = {"integer": int, "number": float, "string": str, "boolean": bool}
_BOUNDS = {"minimum": "ge", "exclusiveMinimum": "gt", "maximum": "le", "exclusiveMaximum": "lt", "pattern": "pattern"}


def _annotation(prop: dict[str, Any]) -> Any:
    if "enum" in prop:
        return Literal[tuple(prop["enum"])]
    if "const" in prop:
        return Literal[prop["const"]]
    if "anyOf" in prop:
        options = [p for p in prop["anyOf"] if p.get("type") != "null"]
        inner = _annotation(options[0]) if len(options) == 1 else Any
        return Optional[inner] if len(options) < len(prop["anyOf"]) else inner
    return _TYPES.get(prop.get("type"), Any)


def model_from_schema(schema: dict[str, Any], name: str | None = None) -> type[BaseModel]:
    """A pydantic model with the fields, defaults, descriptions and bounds of `schema` (a model's JSON Schema).

    Raises ValueError when `schema` is not an object schema with properties.
    """
    props = schema.get("properties")
    if schema.get("type") != "object" or not isinstance(props, dict):
        raise ValueError("not an object schema with properties")
    fields = {}
    for field_name, prop in props.items():
        bounds = {kw: prop[key] for key, kw in _BOUNDS.items() if key in prop}
        default = prop.get("default", ...)
        fields[field_name] = (_annotation(prop), Field(default, description=prop.get("description"), **bounds))
    return create_model(name or schema.get("title", "Params"), __config__=ConfigDict(extra="forbid"), **fields)


def translated_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with each property's description (an English msgid marked with N_()) in the current language;
    the field names, types, defaults and bounds are left as they are. Returns a new dict."""
    props = schema.get("properties")
    if not isinstance(props, dict):
        return schema
    return {**schema, "properties": {
        name: ({**prop, "description": _(prop["description"])} if isinstance(prop.get("description"), str) else prop)
        for name, prop in props.items()}}
