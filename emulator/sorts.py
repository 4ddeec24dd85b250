"""Data-source query sorts: validated up front, then applied to rows.

``sorts`` is an array (at most 100) of ``{"property": <id or name>, "direction": ...}`` or
``{"timestamp": "created_time" | "last_edited_time", "direction": ...}``; ``direction`` is
``"ascending"`` or ``"descending"``. Earlier sorts take precedence ("The order of the sorts in
the request matter, with earlier sorts taking precedence over later ones"); rows that tie on
every sort keep the order they came in (the sort is stable).

How values order (Notion documents none of this beyond precedence; we follow its UI)
    * title, rich_text, url, email, phone_number: plain text, ignoring case.
    * number and unique_id: numerically; checkbox: unchecked before checked.
    * select and status: the order of the options in the schema (not alphabetical); an
      option the schema does not list goes after the listed ones. multi_select: by the
      schema order of its first option, then of the next ones.
    * date: by ``start`` (as filters do); created_time / last_edited_time by the instant.
    * people, created_by, last_edited_by: by user id (there are no user names here).
    * relation and files: by how many items they hold.
    * formula and rollup: by their result (number, then text, checkbox, date across types);
      an array rollup by its elements' values in order.
    * Empty values (no text, no number, no option, no date, no people, no relations or files,
      an empty formula or rollup) come last in both directions.

Errors (400 ``validation_error``): an unknown property is "Could not find sort property with
name or id: {name}"; more than 100 sorts is Notion's ``body.sorts.length should be ≤ `100```;
other shapes read ``body failed validation: body.sorts[0].direction should be one of ...``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from emulator import checks, errors
from emulator.filter_values import TIMESTAMPS, instant, read_value
from emulator.filters import TEXT_TYPES, Row, find_property
from emulator.state import Json, PropertySchema

Key = Callable[[Row], Any]
"""A row's sort value; ``None`` means empty (sorted last whatever the direction)."""

_DIRECTIONS = ("ascending", "descending")
_KEYS_BY_KIND = {
    **dict.fromkeys(TEXT_TYPES, "text"),
    **dict.fromkeys(("number", "unique_id"), "number"),
    **dict.fromkeys(("date", *TIMESTAMPS), "date"),
    **dict.fromkeys(("people", "created_by", "last_edited_by"), "people"),
}
_COUNTED = ("relation", "files")
_SCALAR_RANKS = {"number": 0, "text": 1, "checkbox": 2, "date": 3}
_SCALAR_TYPES = {
    **dict.fromkeys(("number", "unique_id"), "number"),
    **dict.fromkeys((*TEXT_TYPES, "string"), "text"),
    **dict.fromkeys(("checkbox", "boolean"), "checkbox"),
    **dict.fromkeys(("date", *TIMESTAMPS), "date"),
}


def sort_key_function(
    sorts_json: object, schema: Mapping[str, PropertySchema], path: str = "body.sorts"
) -> Callable[[list[Row]], list[Row]]:
    """Validate ``sorts`` against ``schema`` (keyed by property id); return a row sorter."""
    items = checks.array(sorts_json, path)
    keys = [_sort(item, f"{path}[{index}]", schema) for index, item in enumerate(items)]

    def apply(rows: list[Row]) -> list[Row]:
        ordered = list(rows)
        for key, descending in reversed(keys):
            ordered = _ordered(ordered, key, descending)
        return ordered

    return apply


def _sort(raw: object, path: str, schema: Mapping[str, PropertySchema]) -> tuple[Key, bool]:
    body = checks.obj(raw, path)
    subject = "timestamp" if "timestamp" in body else "property"
    checks.no_unknown_keys(body, {subject, "direction"}, path)
    named = checks.required(body, subject, path)
    direction = checks.one_of(
        checks.required(body, "direction", path), _DIRECTIONS, path + ".direction"
    )
    if subject == "timestamp":
        stamp = checks.one_of(named, TIMESTAMPS, f"{path}.timestamp")
        return (lambda row: instant(getattr(row, stamp))), direction == "descending"
    name = checks.string(named, f"{path}.property")
    prop = find_property(name, schema)
    if prop is None:
        raise errors.validation(f"Could not find sort property with name or id: {name}")
    return _property_key(prop), direction == "descending"


def _ordered(rows: list[Row], key: Key, descending: bool) -> list[Row]:
    """Stable sort on one key, empty values last in either direction."""
    keyed = [(key(row), row) for row in rows]
    present = [pair for pair in keyed if pair[0] is not None]
    present.sort(key=lambda pair: pair[0], reverse=descending)
    return [row for _, row in present] + [row for value, row in keyed if value is None]


def _property_key(prop: PropertySchema) -> Key:
    def value(row: Row) -> Json | None:
        return row.properties.get(prop.id)

    kind = _KEYS_BY_KIND.get(prop.type)
    if kind == "text":
        return lambda row: read_value("text", value(row)).casefold() or None
    if kind == "people":
        return lambda row: tuple(read_value("people", value(row))) or None
    if kind is not None:
        return lambda row: read_value(kind, value(row))
    if prop.type == "checkbox":
        return lambda row: bool(read_value("checkbox", value(row)))
    if prop.type in ("select", "status", "multi_select"):
        return _option_key(prop, value)
    if prop.type in _COUNTED:
        return lambda row: len(read_value(prop.type, value(row))) or None
    if prop.type in ("formula", "rollup"):
        return lambda row: _scalar(read_value(prop.type, value(row)))
    return lambda row: None


def _option_key(prop: PropertySchema, value: Callable[[Row], Json | None]) -> Key:
    """Positions of the row's options in the schema's option list."""
    options = [option for option in prop.config.get("options", []) if isinstance(option, dict)]
    unlisted = len(options)
    by_id = {option.get("id"): index for index, option in reversed(list(enumerate(options)))}
    by_name = {option.get("name"): index for index, option in reversed(list(enumerate(options)))}

    def key(row: Row) -> tuple[int, ...] | None:
        held = (value(row) or {}).get(prop.type)
        chosen = [held] if isinstance(held, dict) else held if isinstance(held, list) else []
        positions = tuple(
            by_id.get(option.get("id"), by_name.get(option.get("name"), unlisted))
            for option in chosen
            if isinstance(option, dict)
        )
        return positions or None

    return key


def _scalar(result: object) -> tuple[int, Any] | None:
    """A formula result or rollup value as ``(rank of its type, value)``; None when empty."""
    typed = result if isinstance(result, dict) else {}
    if typed.get("type") == "array":
        elements = [_scalar(item) for item in typed.get("array") or []]
        present = tuple(element for element in elements if element is not None)
        return (len(_SCALAR_RANKS), present) if present else None
    kind = _SCALAR_TYPES.get(str(typed.get("type")))
    if kind is None:
        return None
    found = read_value(kind, typed)
    if kind == "text":
        found = found.casefold() or None
    elif kind == "checkbox" and not isinstance(typed.get(typed["type"]), bool):
        found = None
    return None if found is None else (_SCALAR_RANKS[kind], found)
