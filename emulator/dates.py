"""Date values as Notion reads and writes them.

Written dates are either a calendar date (``2026-09-15``), a date-time with an offset, or a
naive date-time with ``time_zone``. Notion answers date-times with milliseconds and an
offset, and always answers ``time_zone: null`` (the zone becomes the offset): "The public
API will always return the time_zone field as null when rendering dates".
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from emulator import checks, errors
from emulator.state import Json

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date_value(raw: object, path: str) -> Json:
    """Validate a date object from a request and return it in response form."""
    body = checks.obj(raw, path)
    checks.no_unknown_keys(body, {"start", "end", "time_zone"}, path)
    zone_name = checks.optional_string(body.get("time_zone"), f"{path}.time_zone")
    zone = _zone(zone_name, f"{path}.time_zone")
    start = _moment(checks.required(body, "start", path), f"{path}.start", zone)
    end_raw = body.get("end")
    end = None if end_raw is None else _moment(end_raw, f"{path}.end", zone)
    return {"start": start, "end": end, "time_zone": None}


def _zone(name: str | None, path: str) -> ZoneInfo | None:
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise errors.body_invalid(path, "should be a valid IANA time zone", name) from None


def _moment(raw: object, path: str, zone: ZoneInfo | None) -> str:
    text = checks.string(raw, path)
    if _DATE_ONLY.match(text):
        if zone is not None:
            raise errors.validation(f"{path}: a date with time_zone must include a time.")
        try:
            date.fromisoformat(text)
        except ValueError:
            raise errors.body_invalid(
                path, "should be a valid ISO 8601 date string", text
            ) from None
        return text
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise errors.body_invalid(path, "should be a valid ISO 8601 date string", text) from None
    if zone is not None:
        if moment.tzinfo is not None:
            raise errors.validation(
                f"{path}: a date with time_zone cannot also carry a UTC offset."
            )
        moment = moment.replace(tzinfo=zone)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return format_moment(moment)


def format_moment(moment: datetime) -> str:
    """``2026-09-15T10:00:00.000+02:00``: Notion's rendering of a date-time."""
    offset = moment.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else "+00:00"
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}{offset}"


def to_datetime(stamp: str) -> datetime:
    """An aware datetime for comparisons; a calendar date is midnight UTC."""
    if _DATE_ONLY.match(stamp):
        return datetime.fromisoformat(stamp + "T00:00:00+00:00")
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
