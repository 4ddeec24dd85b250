"""Output properties: the write forms of the values a plan holds, and what actually changed.

Only output properties are ever written (``schemas.fields``: the fields annotated ``Write``),
under the names the team mapped them to, and only when the value Notion holds differs:

- **numbers** compare and are written rounded to :data:`schemas.plan.DECIMALS` decimals
  (0.4 and 0.40000001 are the same progress); NaN and infinities are written as empty;
- **selects** compare by option name;
- **multi-selects** compare as sets (a person reordering flags is no change) and are written
  in the plan's order, duplicates dropped, at most 100 options;
- **dates** compare by their ISO start (a date-time a person typed differs from a date).

Option names are written (and compared) as ``schemas.limits.option_name`` makes them: Notion
refuses commas in them (a semicolon takes their place) and names past 100 characters.

:func:`create_missing_outputs` adds the output properties a database lacks (``sync
--create-properties``), with the type, number format and options each field's ``Output`` asks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from schemas.fields import Output, database_of
from schemas.health import HEALTH_COLORS, HEALTH_LABELS
from schemas.limits import MAX_ITEMS, option_name
from schemas.plan import DECIMALS, OutputValue, PageOutputs
from schemas.wire import Json
from sync import errors
from sync.gateway import Gateway
from sync.reader import Reading
from sync.schema import Binding, DatabaseSchema
from sync.session import Session

Normal = float | int | str | tuple[str, ...] | None
"""A value as compared: rounded number, option name(s), ISO date, or None (empty)."""
HEALTH_OPTIONS: Mapping[str, tuple[tuple[str, str, str], ...]] = MappingProxyType(
    {
        locale: tuple((h.value, labels[h], HEALTH_COLORS[h]) for h in HEALTH_COLORS)
        for locale, labels in HEALTH_LABELS.items()
    }
)
"""Health select options by locale: (health, label, colour), from ``schemas.health``."""


@dataclass(frozen=True)
class PropertyChange:
    """One output property that differs: its values as compared, before and after."""

    field: str
    property_name: str
    old: Normal
    new: Normal


@dataclass(frozen=True)
class SkippedOutput:
    """An output value the writer left alone, and why (``doctor`` and
    ``--create-properties`` deal with missing properties)."""

    database: str
    field: str
    property_name: str
    reason: str


@dataclass(frozen=True)
class PagePatch:
    """The one PATCH a page needs: changed properties only (empty: nothing to send)."""

    page_id: str
    properties: Mapping[str, Json]
    changes: tuple[PropertyChange, ...]
    kinds: Mapping[str, str] = field(default_factory=dict)
    """Property name -> Notion type, to read the page back after an unconfirmed write."""


def diff_page(
    outputs: PageOutputs, reading: Reading
) -> tuple[PagePatch, tuple[SkippedOutput, ...]]:
    """The properties of ``outputs`` whose value Notion does not already hold."""
    key = database_of(outputs.kind).key
    bindings = {b.spec.key: b for b in reading.bindings.get(key, ())}
    held = reading.outputs.get(outputs.page_id, {})
    properties: dict[str, Json] = {}
    changes: list[PropertyChange] = []
    kinds: dict[str, str] = {}
    skipped: list[SkippedOutput] = []
    for name, value in outputs.values.items():
        target = _target(key, bindings.get(name), name)
        if isinstance(target, SkippedOutput):
            skipped.append(target)
            continue
        property_name, kind = target
        try:
            new = wanted(kind, value)
        except (TypeError, ValueError) as problem:
            skipped.append(SkippedOutput(key, name, property_name, str(problem)))
            continue
        old = read_back(kind, held.get(name))
        if not same(kind, old, new):
            properties[property_name] = write_form(kind, new)
            changes.append(PropertyChange(name, property_name, old, new))
            kinds[property_name] = kind
    return PagePatch(outputs.page_id, properties, tuple(changes), kinds), tuple(skipped)


def _target(key: str, binding: Binding | None, name: str) -> tuple[str, str] | SkippedOutput:
    """(property name, Notion type) the output ``name`` is written to, or why it is not."""
    if binding is None or binding.spec.output is None:
        return SkippedOutput(key, name, "", f"{name!r} is not an output of {key}")
    if binding.info is None:
        found = binding.found
        reason = "missing" if found is None else f"is a {found.type} property"
        return SkippedOutput(key, name, binding.property_name, reason)
    return binding.property_name, binding.info.type


def _option(name: object) -> str:
    if not isinstance(name, str):
        raise TypeError(f"expected an option name, found {type(name).__name__}")
    return option_name(name)


def wanted(kind: str, value: OutputValue) -> Normal:
    """A plan value in compared (and written) form for a property of type ``kind``."""
    if value is None:
        return () if kind == "multi_select" else None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"expected a number, found {value!r}")
        if isinstance(value, int):
            return value  # counts go out as integers
        return round(value, DECIMALS) if math.isfinite(value) else None
    if kind == "select":
        return _option(value) or None
    if kind == "multi_select":
        if not isinstance(value, tuple):
            raise TypeError(f"expected a tuple of option names, found {value!r}")
        names = dict.fromkeys(n for n in map(_option, value) if n)
        return tuple(names)[:MAX_ITEMS]
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"expected a date, found {value!r}")


def read_back(kind: str, raw: Mapping[str, Any] | None) -> Normal:
    """A property value as a page object holds it, in compared form."""
    content = (raw or {}).get(kind)
    if kind == "number":
        number = content if isinstance(content, int | float) else None
        return round(float(number), DECIMALS) if number is not None else None
    if kind == "select":
        return str(content["name"]) if isinstance(content, dict) else None
    if kind == "multi_select":
        return tuple(str(o["name"]) for o in content) if isinstance(content, list) else ()
    start = content.get("start") if isinstance(content, dict) else None
    return str(start) if start else None


def same(kind: str, old: Normal, new: Normal) -> bool:
    if kind == "multi_select" and isinstance(old, tuple) and isinstance(new, tuple):
        return sorted(old) == sorted(new)
    return old == new


def write_form(kind: str, value: Normal) -> Json:
    """The request form of ``value`` (``NOTION_API.md`` §2.4); None clears the property."""
    if kind == "number":
        return {"number": value}
    if kind == "select":
        return {"select": {"name": value} if value is not None else None}
    if kind == "multi_select":
        names = value if isinstance(value, tuple) else ()
        return {"multi_select": [{"name": name} for name in names]}
    return {"date": {"start": value} if value is not None else None}


def holds(page: Json, patch: PagePatch) -> bool:
    """Whether a page object read back already holds every value of ``patch``."""
    found = page.get("properties", {})
    return all(
        same(kind, read_back(kind, found.get(name)), wanted_of(patch, name))
        for name, kind in patch.kinds.items()
    )


def wanted_of(patch: PagePatch, property_name: str) -> Normal:
    return next(c.new for c in patch.changes if c.property_name == property_name)


# -- --create-properties -----------------------------------------------------------------


def definition(output: Output, locale: str) -> Json:
    """The schema of a missing output property (``PATCH /v1/data_sources/{id}``)."""
    if output is Output.PERCENT:
        return {"number": {"format": "percent"}}
    if output is Output.COUNT:
        return {"number": {"format": "number"}}
    if output is Output.HEALTH:
        options = HEALTH_OPTIONS.get(locale, HEALTH_OPTIONS["en"])
        return {"select": {"options": [{"name": n, "color": c} for _, n, c in options]}}
    if output is Output.FLAGS:
        return {"multi_select": {"options": []}}
    return {"date": {}}


def create_missing_outputs(gateway: Gateway, reading: Reading, locale: str) -> list[str]:
    """Add every output property a database lacks, one PATCH per data source.

    Returns:
        ``Health (Epics)``-style names of the properties created. A property that exists
        with another type is left alone: ``doctor`` reports it, a person decides.
    """
    session = Session(gateway)
    created: list[str] = []
    for key, schema in reading.schemas.items():
        missing = {
            b.property_name: definition(b.spec.output, locale)
            for b in reading.bindings.get(key, ())
            if b.spec.output is not None and b.found is None
        }
        if not missing:
            continue
        _add_properties(session, schema, missing)
        created.extend(f"{name} ({schema.title or key})" for name in missing)
    return created


def _add_properties(session: Session, schema: DatabaseSchema, missing: Mapping[str, Json]) -> None:
    gateway = session.gateway
    session.write(
        lambda: gateway.update_data_source(schema.data_source_id, missing),
        lambda _: _has_properties(gateway, schema, missing),
    )


def _has_properties(
    gateway: Gateway, schema: DatabaseSchema, wanted: Mapping[str, Json]
) -> Json | None:
    try:
        source = gateway.retrieve_data_source(schema.data_source_id)
    except errors.SyncError:
        return None
    present = source.get("properties", {})
    return source if all(name in present for name in wanted) else None
