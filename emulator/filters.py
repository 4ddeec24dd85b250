"""Data-source query filters: validated up front, then evaluated against rows.

``compile_filter`` checks a whole ``filter`` body (raising :class:`~emulator.errors.ApiError`
400 ``validation_error`` before any row is looked at) and returns a predicate over
:class:`Row`. Sorts live in :mod:`emulator.sorts` (``sort_key_function`` is re-exported here).
Sources: the 2025-09-03 "Filter data source entries" page and Notion's OpenAPI description.

Supported filters
    * Property filters ``{"property": <id or name>, "<type>": {<one condition>}}`` (an
      optional ``"type": "<type>"`` is allowed) for title, rich_text, url, email,
      phone_number, number, unique_id, checkbox, select, multi_select, status, date, people,
      created_by, last_edited_by, relation, files, formula, rollup, created_time and
      last_edited_time, with exactly the conditions the docs list for each.
    * Timestamp filters ``{"timestamp": "created_time", "created_time": {<date condition>}}``;
      giving ``property`` too is refused, as the docs warn.
    * ``{"and": [...]}`` / ``{"or": [...]}`` up to two levels deep (a compound inside a compound
      may hold only property and timestamp filters); arrays of at most 100 filters.
    * Not supported (refused as unknown keys): ``verification`` filters and the status
      ``group_equals`` / ``group_does_not_equal`` operators, which need a beta header.

Choices where Notion's documentation is silent (and what they rest on)
    * A property is named by id first (URL-encoded or not), then by its exact, case-sensitive
      name, like the rest of the emulator (``schema.find``).
    * The filter key must be the property's type, except that a title also takes ``rich_text``
      (the docs' list of filter keys names ``rich_text`` but no ``title``, and
      ramnes/notion-sdk-py#174 reports ``rich_text`` finding pages by their title) and
      created_by / last_edited_by also take ``people`` (the docs' people example filters "Last
      edited by"). Any other key is Notion's mismatch error.
    * Text conditions ignore case (``str.casefold``) for every operator. Neither the docs nor
      any report we found settles it; the docs say the filter "mimics the data source filter
      option in the Notion UI", and the UI's text filters ignore case, so we do too. Select,
      multi-select and status names must match exactly (they name options).
    * Empty values: ``does_not_equal`` / ``does_not_contain`` match empty values (number, text,
      select, status, multi-select, people, relation); every other comparison is false for them.
    * ``equals`` with an array means "is any of", ``does_not_equal`` with one "is none of". A
      status name may be an option's or a status group's (``equals`` per the docs; we apply
      groups to ``does_not_equal`` too so that it stays the negation of ``equals``).
    * People ``"me"``: the emulator only has internal integrations, which per the docs have no
      user, so ``contains: "me"`` matches nothing and ``does_not_contain: "me"`` everything.
      ``FilterContext.bot_user_id`` is the bot's own id; ``"me"`` never resolves to it.
    * Dates compare the value's ``start`` only, never ``end`` (makenotion/notion-sdk-js#431:
      "the database only filters based on the start date"). A filter date is an interval: a
      calendar date is that whole UTC day, a date-time (UTC when it has no offset) is one
      millisecond; ``equals`` = inside it, ``before`` = before its start, ``after`` = after its
      end, ``on_or_before`` / ``on_or_after`` include it. A stored calendar date is midnight UTC;
      a naive stored date-time is local time in its ``time_zone`` (UTC without one).
    * Relative dates use ``FilterContext.now``'s UTC day: ``today``, ``tomorrow``, ``yesterday``,
      ``one_week_ago`` / ``_from_now`` (7 days), ``one_month_ago`` / ``_from_now`` (same day of
      month, clamped). Windows are whole UTC days, today included: ``past_week`` = the 7 days
      before today through today, ``past_month`` / ``past_year`` likewise from one month / year
      before; ``next_week`` / ``next_month`` / ``next_year`` = today through 7 days / one month /
      one year ahead; ``this_week`` = Sunday to Saturday (Notion's default week start).
    * A formula or rollup whose result is of another type than the condition reads as empty.
      Rollup ``every`` is true for an empty array; ``number`` / ``date`` apply to scalar rollups.
    * Empty ``and`` / ``or`` arrays filter nothing (every row matches), like an empty UI group.

Errors (all 400 ``validation_error``)
    * Unknown property: "Could not find property with name or id: {name}".
    * Wrong filter key: "The property type in the database does not match the property type of
      the filter provided: database property {type} does not match filter {key}" (the real
      message, as quoted in client code handling it).
    * Shapes: ``body failed validation: body.filter.and[0].select.equals should be a string or
      an array of strings, instead was `3`.`` and the like; an unknown or extra key, and a
      third nesting level, are "should be not present". As with Notion's validator, a shape
      error is reported before an unknown property or a mismatched filter key.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from emulator import checks, errors
from emulator.filter_values import (
    TIMESTAMPS,
    date_window,
    filter_date,
    instant,
    midnight,
    read_value,
    utc,
)
from emulator.ids import same_property_id
from emulator.state import Json, PropertySchema


@dataclass(frozen=True)
class Row:
    """One page as filters see it."""

    properties: Mapping[str, Json]
    """By property id: the full, untruncated response-form value (``{"type": t, t: ...}``)."""
    created_time: str
    last_edited_time: str


@dataclass(frozen=True)
class FilterContext:
    now: datetime
    """Aware UTC datetime; relative dates are resolved against its UTC day."""
    bot_user_id: str
    """The integration's own user id (``"me"`` does not resolve to it: see the module docs)."""


Predicate = Callable[[Row], bool]
Test = Callable[[Any], bool]
"""A condition applied to a value already read for its kind (see :func:`read_value`)."""

MAX_NESTING = 2
TEXT_TYPES = ("title", "rich_text", "url", "email", "phone_number")

_KIND = {
    **dict.fromkeys(TEXT_TYPES, "text"),
    **dict.fromkeys(("number", "unique_id"), "number"),
    **dict.fromkeys(("date", *TIMESTAMPS), "date"),
    **dict.fromkeys(("people", "created_by", "last_edited_by"), "people"),
    **dict.fromkeys(("select", "status", "multi_select"), "options"),
    **{name: name for name in ("checkbox", "relation", "files", "formula", "rollup")},
}
"""Each filter key and the kind of condition it takes."""
_ALSO_ACCEPTED = {"title": "rich_text", "created_by": "people", "last_edited_by": "people"}
"""The one other filter key a property type takes (see the module docs)."""
_EXISTENCE = ("is_empty", "is_not_empty")
_TEXT_OPS = ("equals", "does_not_equal", "contains", "does_not_contain", "starts_with", "ends_with")
_NUMBER_OPS = {
    "equals": operator.eq,
    "does_not_equal": operator.ne,
    "greater_than": operator.gt,
    "less_than": operator.lt,
    "greater_than_or_equal_to": operator.ge,
    "less_than_or_equal_to": operator.le,
}
_OPTION_OPS = {"multi_select": ("contains", "does_not_contain")}
_DATE_OPS = ("equals", "before", "after", "on_or_before", "on_or_after")
_DATE_WINDOWS = tuple(
    f"{when}_{span}" for when in ("past", "next") for span in ("week", "month", "year")
)
_FORMULA_KINDS = {"string": "text", "checkbox": "checkbox", "number": "number", "date": "date"}
_ROLLUP_ELEMENTS = (
    "rich_text", "number", "checkbox", "select", "multi_select",
    "relation", "date", "people", "files", "status",
)  # fmt: skip
_QUANTIFIERS: dict[str, Callable[[list[bool]], bool]] = {
    "any": any,
    "every": all,
    "none": lambda results: not any(results),
}


def compile_filter(
    filter_json: object,
    schema: Mapping[str, PropertySchema],
    context: FilterContext,
    path: str = "body.filter",
) -> Predicate:
    """Validate a whole ``filter`` body against ``schema`` (keyed by property id)."""
    return _compile(filter_json, path, schema, context, depth=0)


def sort_key_function(
    sorts_json: object, schema: Mapping[str, PropertySchema], path: str = "body.sorts"
) -> Callable[[list[Row]], list[Row]]:
    """See :func:`emulator.sorts.sort_key_function`."""
    from emulator import sorts  # noqa: PLC0415 - sorts builds on this module

    return sorts.sort_key_function(sorts_json, schema, path)


def find_property(key: str, schema: Mapping[str, PropertySchema]) -> PropertySchema | None:
    """A property by id (URL-encoded or not), else by exact name."""
    for prop in schema.values():
        if same_property_id(key, prop.id):
            return prop
    return next((prop for prop in schema.values() if prop.name == key), None)


# --------------------------------------------------------------------------- filter objects


def _compile(
    raw: object, path: str, schema: Mapping[str, PropertySchema], context: FilterContext, depth: int
) -> Predicate:
    body = checks.obj(raw, path)
    junction = next((key for key in ("and", "or") if key in body), None)
    if junction is None:
        if "timestamp" in body:
            return _timestamp_filter(body, path, context)
        if "property" in body:
            return _property_filter(body, path, schema, context)
        expected = 'should be a property, timestamp or compound ("and" / "or") filter'
        raise errors.body_invalid(path, expected, body)
    if depth >= MAX_NESTING:
        raise errors.body_invalid(f"{path}.{junction}", "should be not present", body[junction])
    checks.no_unknown_keys(body, {junction}, path)
    items = checks.array(body[junction], f"{path}.{junction}")
    parts = [
        _compile(item, f"{path}.{junction}[{index}]", schema, context, depth + 1)
        for index, item in enumerate(items)
    ]
    if not parts:
        return lambda row: True
    combine = all if junction == "and" else any
    return lambda row: combine(part(row) for part in parts)


def _timestamp_filter(body: Json, path: str, context: FilterContext) -> Predicate:
    if "property" in body:
        raise errors.body_invalid(f"{path}.property", "should be not present", body["property"])
    stamp = checks.one_of(body["timestamp"], TIMESTAMPS, f"{path}.timestamp")
    checks.no_unknown_keys(body, {"timestamp", "type", stamp}, path)
    _check_type_key(body, stamp, path)
    test = _date_condition(checks.required(body, stamp, path), f"{path}.{stamp}", context)
    return lambda row: test(instant(getattr(row, stamp)))


def _property_filter(
    body: Json, path: str, schema: Mapping[str, PropertySchema], context: FilterContext
) -> Predicate:
    name = checks.string(body["property"], f"{path}.property")
    keys = [key for key in body if key not in ("property", "type")]
    for key in keys:
        if key not in _KIND:
            raise errors.body_invalid(f"{path}.{key}", "should be not present", body[key])
    if len(keys) > 1:
        raise errors.body_invalid(f"{path}.{keys[1]}", "should be not present", body[keys[1]])
    if not keys:
        raise errors.missing(f"{path}.{_lookup(name, schema).type}")
    key = keys[0]
    _check_type_key(body, key, path)
    test = _condition(key, body[key], f"{path}.{key}", context)
    prop = _lookup(name, schema)
    if key not in (prop.type, _ALSO_ACCEPTED.get(prop.type)):
        raise errors.validation(
            "The property type in the database does not match the property type of the filter "
            f"provided: database property {prop.type} does not match filter {key}"
        )
    read = _status_reader(prop) if prop.type == "status" else _reader(_KIND[key], prop.id)
    return lambda row: test(read(row))


def _lookup(name: str, schema: Mapping[str, PropertySchema]) -> PropertySchema:
    prop = find_property(name, schema)
    if prop is None:
        raise errors.validation(f"Could not find property with name or id: {name}")
    return prop


def _check_type_key(body: Json, key: str, path: str) -> None:
    if "type" in body and body["type"] != key:
        raise errors.body_invalid(f"{path}.type", f'should be `"{key}"`', body["type"])


def _reader(kind: str, property_id: str) -> Callable[[Row], Any]:
    return lambda row: read_value(kind, row.properties.get(property_id))


def _status_reader(prop: PropertySchema) -> Callable[[Row], Any]:
    """Status names plus the names of the groups the option belongs to."""
    groups: dict[str, set[str]] = {}
    names = {option.get("id"): option.get("name") for option in prop.config.get("options", [])}
    for group in prop.config.get("groups", []):
        for option_id in group.get("option_ids", []):
            for key in (option_id, names.get(option_id)):
                if key is not None:
                    groups.setdefault(str(key), set()).add(str(group.get("name")))

    def read(row: Row) -> frozenset[str]:
        value = row.properties.get(prop.id) or {}
        option = value.get("status")
        if not isinstance(option, dict):
            return frozenset()
        found = groups.get(str(option.get("id"))) or groups.get(str(option.get("name"))) or set()
        return frozenset({str(option.get("name")), *found})

    return read


# --------------------------------------------------------------------------- conditions


def _condition(key: str, raw: object, path: str, context: FilterContext) -> Test:
    kind = _KIND[key]
    if kind == "options":
        return _options_condition(raw, path, _OPTION_OPS.get(key, ("equals", "does_not_equal")))
    return _CONDITIONS[kind](raw, path, context)


def _single(raw: object, allowed: tuple[str, ...], path: str) -> tuple[str, Any]:
    """The one ``{condition: value}`` pair of a condition object."""
    body = checks.obj(raw, path)
    checks.no_unknown_keys(body, set(allowed), path)
    if len(body) != 1:
        choices = ", ".join(f'"{key}"' for key in allowed)
        raise errors.body_invalid(path, f"should have exactly one of {choices}", body)
    return next(iter(body.items()))


def _existence(name: str, value: object, path: str, empty: Test) -> Test:
    if value is not True:
        raise errors.body_invalid(f"{path}.{name}", "should be `true`", value)
    return empty if name == "is_empty" else lambda found: not empty(found)


def _text_condition(raw: object, path: str, context: FilterContext) -> Test:
    name, value = _single(raw, _TEXT_OPS + _EXISTENCE, path)
    if name in _EXISTENCE:
        return _existence(name, value, path, lambda text: text == "")
    wanted = checks.string(value, f"{path}.{name}").casefold()
    tests: dict[str, Callable[[str], bool]] = {
        "equals": lambda text: text == wanted,
        "does_not_equal": lambda text: text != wanted,
        "contains": lambda text: wanted in text,
        "does_not_contain": lambda text: wanted not in text,
        "starts_with": lambda text: text.startswith(wanted),
        "ends_with": lambda text: text.endswith(wanted),
    }
    test = tests[name]
    return lambda text: test(str(text).casefold())


def _number_condition(raw: object, path: str, context: FilterContext) -> Test:
    name, value = _single(raw, (*_NUMBER_OPS, *_EXISTENCE), path)
    if name in _EXISTENCE:
        return _existence(name, value, path, lambda number: number is None)
    wanted = checks.number(value, f"{path}.{name}")
    compare = _NUMBER_OPS[name]
    if name == "does_not_equal":
        return lambda number: number is None or bool(compare(number, wanted))
    return lambda number: number is not None and bool(compare(number, wanted))


def _checkbox_condition(raw: object, path: str, context: FilterContext) -> Test:
    name, value = _single(raw, ("equals", "does_not_equal"), path)
    wanted = checks.boolean(value, f"{path}.{name}")
    if name == "equals":
        return lambda checked: bool(checked) == wanted
    return lambda checked: bool(checked) != wanted


def _options_condition(raw: object, path: str, operators: tuple[str, str]) -> Test:
    name, value = _single(raw, operators + _EXISTENCE, path)
    if name in _EXISTENCE:
        return _existence(name, value, path, lambda labels: not labels)
    wanted = _names(value, f"{path}.{name}")
    if name == operators[0]:
        return lambda labels: not wanted.isdisjoint(labels)
    return wanted.isdisjoint


def _names(value: object, path: str) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if not isinstance(value, list):
        raise errors.body_invalid(path, "should be a string or an array of strings", value)
    items = checks.array(value, path)
    return frozenset(checks.string(item, f"{path}[{index}]") for index, item in enumerate(items))


def _people_condition(raw: object, path: str, context: FilterContext) -> Test:
    return _reference_condition(raw, path, allow_me=True)


def _relation_condition(raw: object, path: str, context: FilterContext) -> Test:
    return _reference_condition(raw, path, allow_me=False)


def _reference_condition(raw: object, path: str, *, allow_me: bool) -> Test:
    name, value = _single(raw, ("contains", "does_not_contain", *_EXISTENCE), path)
    if name in _EXISTENCE:
        return _existence(name, value, path, lambda ids: not ids)
    wanted = None if allow_me and value == "me" else checks.uuid(value, f"{path}.{name}")
    if name == "contains":
        return lambda ids: wanted is not None and wanted in ids
    return lambda ids: wanted is None or wanted not in ids


def _files_condition(raw: object, path: str, context: FilterContext) -> Test:
    name, value = _single(raw, _EXISTENCE, path)
    return _existence(name, value, path, lambda files: not files)


def _date_condition(raw: object, path: str, context: FilterContext) -> Test:
    name, value = _single(raw, (*_DATE_OPS, *_DATE_WINDOWS, "this_week", *_EXISTENCE), path)
    if name in _EXISTENCE:
        return _existence(name, value, path, lambda moment: moment is None)
    today = utc(context.now).date()
    if name in _DATE_OPS:
        start, end = filter_date(value, f"{path}.{name}", today)
    else:
        checks.no_unknown_keys(checks.obj(value, f"{path}.{name}"), set(), f"{path}.{name}")
        first, last = date_window(name, today)
        start, end = midnight(first), midnight(last + timedelta(days=1))
    tests: dict[str, Callable[[datetime], bool]] = {
        "before": lambda moment: moment < start,
        "after": lambda moment: moment >= end,
        "on_or_before": lambda moment: moment < end,
        "on_or_after": lambda moment: moment >= start,
    }

    def within(moment: datetime) -> bool:
        return start <= moment < end

    test = tests.get(name, within)
    return lambda moment: moment is not None and test(moment)


def _formula_condition(raw: object, path: str, context: FilterContext) -> Test:
    key, inner = _single(raw, tuple(_FORMULA_KINDS), path)
    kind = _FORMULA_KINDS[key]
    test = _CONDITIONS[kind](inner, f"{path}.{key}", context)
    return lambda result: test(read_value(kind, result))


def _rollup_condition(raw: object, path: str, context: FilterContext) -> Test:
    key, inner = _single(raw, (*_QUANTIFIERS, "number", "date"), path)
    if key in ("number", "date"):
        scalar = _CONDITIONS[key](inner, f"{path}.{key}", context)
        return lambda rollup: scalar(read_value(key, rollup))
    element, condition = _single(inner, _ROLLUP_ELEMENTS, f"{path}.{key}")
    kind = _KIND[element]
    test = _condition(element, condition, f"{path}.{key}.{element}", context)
    quantifier = _QUANTIFIERS[key]

    def check(rollup: Any) -> bool:
        is_array = isinstance(rollup, dict) and rollup.get("type") == "array"
        items = (rollup.get("array") or []) if is_array else []
        return quantifier([test(read_value(kind, item)) for item in items])

    return check


_CONDITIONS: dict[str, Callable[[object, str, FilterContext], Test]] = {
    "text": _text_condition,
    "number": _number_condition,
    "checkbox": _checkbox_condition,
    "date": _date_condition,
    "people": _people_condition,
    "relation": _relation_condition,
    "files": _files_condition,
    "formula": _formula_condition,
    "rollup": _rollup_condition,
}
