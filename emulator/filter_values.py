"""Filter values: the dates a filter names and the values a row's properties hold.

:mod:`emulator.filters` compiles conditions; this module reads what they compare. See the
filters module's docstring for the date semantics (intervals, relative dates, time zones).
"""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from emulator import checks, errors
from emulator.ids import normalize
from emulator.state import Json

TIMESTAMPS = ("created_time", "last_edited_time")
_MILLISECOND = timedelta(milliseconds=1)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1, "one_week_ago": -7, "one_week_from_now": 7}
_RELATIVE_MONTHS = {"one_month_ago": -1, "one_month_from_now": 1}

# --------------------------------------------------------------------------- dates


def filter_date(value: object, path: str, today: date) -> tuple[datetime, datetime]:
    """The interval a filter date stands for: a whole UTC day, or one millisecond."""
    text = checks.string(value, path)
    if text in _RELATIVE or text in _RELATIVE_MONTHS:
        day = today + timedelta(days=_RELATIVE.get(text, 0))
        day = _add_months(day, _RELATIVE_MONTHS.get(text, 0))
        return midnight(day), midnight(day + timedelta(days=1))
    try:
        if _DATE_ONLY.match(text):
            day = date.fromisoformat(text)
            return midnight(day), midnight(day + timedelta(days=1))
        moment = _truncate(utc(datetime.fromisoformat(text)))
    except ValueError:
        raise errors.body_invalid(path, "should be a valid ISO 8601 date string", text) from None
    return moment, moment + _MILLISECOND


def date_window(name: str, today: date) -> tuple[date, date]:
    """First and last day (both included) of a relative window."""
    if name == "this_week":
        sunday = today - timedelta(days=(today.weekday() + 1) % 7)
        return sunday, sunday + timedelta(days=6)
    sign = -1 if name.startswith("past") else 1
    period = name.split("_")[1]
    if period == "week":
        edge = today + timedelta(days=7 * sign)
    else:
        edge = _add_months(today, sign * (1 if period == "month" else 12))
    return (edge, today) if sign < 0 else (today, edge)


def _add_months(day: date, months: int) -> date:
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _truncate(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def instant(stamp: object, time_zone: object = None) -> datetime | None:
    """A stored date or timestamp as an aware UTC datetime at millisecond precision.

    A calendar date is midnight UTC; a naive date-time is local time in ``time_zone``
    (UTC without one). Anything unreadable is treated as empty.
    """
    if not isinstance(stamp, str):
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is None and not _DATE_ONLY.match(stamp) and isinstance(time_zone, str):
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            moment = moment.replace(tzinfo=ZoneInfo(time_zone))
    return _truncate(utc(moment))


# --------------------------------------------------------------------------- values


def read_value(kind: str, value: object) -> Any:
    """A typed value (``{"type": t, t: ...}``) read for a kind of condition.

    Works for page property values, formula results and rollup elements alike; a value of
    another type reads as that kind's empty value.
    """
    typed = value if isinstance(value, dict) else {}
    value_type = typed.get("type")
    payload = typed.get(value_type) if isinstance(value_type, str) else None
    return _READERS[kind](str(value_type), payload)


def _read_text(value_type: str, payload: Any) -> str:
    if value_type in ("title", "rich_text") and isinstance(payload, list):
        return "".join(_plain(item) for item in payload if isinstance(item, dict))
    if value_type in ("url", "email", "phone_number", "string") and isinstance(payload, str):
        return payload
    return ""


def _plain(item: Json) -> str:
    if isinstance(item.get("plain_text"), str):
        return str(item["plain_text"])
    text = item.get("text")
    return str(text.get("content", "")) if isinstance(text, dict) else ""


def _read_number(value_type: str, payload: Any) -> float | int | None:
    if value_type == "unique_id" and isinstance(payload, dict):
        payload = payload.get("number")
    elif value_type != "number":
        return None
    is_number = isinstance(payload, int | float) and not isinstance(payload, bool)
    return payload if is_number else None


def _read_options(value_type: str, payload: Any) -> frozenset[str]:
    if value_type in ("select", "status") and isinstance(payload, dict):
        payload = [payload]
    elif value_type != "multi_select" or not isinstance(payload, list):
        return frozenset()
    return frozenset(str(option.get("name")) for option in payload if isinstance(option, dict))


def _read_date(value_type: str, payload: Any) -> datetime | None:
    if value_type == "date" and isinstance(payload, dict):
        return instant(payload.get("start"), payload.get("time_zone"))
    return instant(payload) if value_type in TIMESTAMPS else None


def _read_ids(value_type: str, payload: Any) -> list[str]:
    if value_type in ("created_by", "last_edited_by"):
        payload = [payload]
    elif value_type not in ("people", "relation") or not isinstance(payload, list):
        return []
    found = [str(item["id"]) for item in payload if isinstance(item, dict) and "id" in item]
    return [normalize(item) or item for item in found]


_READERS: dict[str, Callable[[str, Any], Any]] = {
    "text": _read_text,
    "number": _read_number,
    "checkbox": lambda value_type, payload: payload is True,
    "options": _read_options,
    "date": _read_date,
    "people": _read_ids,
    "relation": _read_ids,
    "files": lambda value_type, payload: payload if value_type == "files" and payload else [],
    "formula": lambda value_type, payload: payload if value_type == "formula" else None,
    "rollup": lambda value_type, payload: payload if value_type == "rollup" else None,
}
