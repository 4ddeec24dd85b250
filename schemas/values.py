"""Notion page property values -> Quarterdeck's domain values. Pure: no I/O.

Each parser takes one property value as a page object holds it (``{"id", "type", <type>:
...}``) and returns the domain value, or the empty one (``None``, ``""``, ``()``); an empty
formula or rollup result is empty whatever its type. A value of a type or shape the field
cannot use raises :class:`UnexpectedValue`, which the reader reports as a ``ValueProblem``.

Decisions the API leaves open:

- **Owners written as text** (a ``rich_text`` Owner): user mentions are users; the rest is
  split on commas, semicolons, ``&``, ``/``, new lines and the words "and" / "et". Each name
  is matched to a workspace user by full name or email, ignoring case and accents; a name
  that matches nobody (or several people) becomes a name-only person with the id
  ``name:<name>``, so "has an owner" rules still see the owner.
- **Date-times** become the calendar day they fall on in the team's time zone
  (``[quarter] time_zone``); a date-time without offset is read in its ``time_zone``, else
  in the team's. A rollup or formula listing several dates spans earliest start to latest
  end. A range ending before it starts is kept as written (a rule reports it).
- **Numbers** from a rollup that lists several values are refused: set the rollup's
  calculation (Sum, Average...) in Notion so it gives one number.
- **States**: explicit ``[statuses] done`` / ``not_started`` win, then ``dropped``, then the
  status group of a status property (To-do, In progress, Complete), then the default names
  below (English and French) for selects; any other name means in progress. A checkbox is
  done when checked, not started otherwise. Names compare ignoring case, accents and hyphens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from schemas.fields import Holds
from schemas.limits import REFERENCE_LIMIT
from schemas.models import DateSpan, Person, State
from schemas.settings import StatusSettings
from schemas.wire import JsonView

T = TypeVar("T")
DONE_NAMES = (
    "Done", "Complete", "Completed", "Finished", "Shipped", "Closed",
    "Terminé", "Terminée", "Fait", "Fini", "Livré", "Clos",
)  # fmt: skip
"""Select values that mean done unless ``[statuses]`` says otherwise."""
NOT_STARTED_NAMES = (
    "Not started", "To do", "Todo", "Backlog", "Planned", "Later",
    "À faire", "Pas commencé", "Non commencé", "Non démarré", "Prévu", "Planifié", "À planifier",
)  # fmt: skip
"""Select values that mean not started; ``[statuses] dropped`` lists what means abandoned."""
GROUP_STATES = {
    "to do": State.NOT_STARTED, "todo": State.NOT_STARTED, "a faire": State.NOT_STARTED,
    "in progress": State.IN_PROGRESS, "en cours": State.IN_PROGRESS,
    "complete": State.DONE, "completed": State.DONE, "done": State.DONE, "termine": State.DONE,
}  # fmt: skip
"""Notion's status groups (as the API or a French workspace names them) and what they mean."""
_NAME_SEPARATORS = re.compile(r"[,;&/\n]|\s(?:and|et)\s", re.IGNORECASE)
_RULE_SEPARATORS = re.compile(r"[\s,;]+")
_RULE_CODE = re.compile(r"qd\d+", re.IGNORECASE)


class UnexpectedValue(ValueError):
    """A property value of a type or shape the field cannot use (reported, never fatal)."""

    def __init__(self, expected: str, found: str, hint: str = "") -> None:
        super().__init__(f"expected {expected}, found {found}" + (f" ({hint})" if hint else ""))
        self.expected, self.found, self.hint = expected, found, hint


def fold(name: str) -> str:
    """``"À faire"`` -> ``"a faire"``: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("-", " ").casefold().split())


# -- describing what was found -------------------------------------------------------------


def describe(value: JsonView) -> str:
    """``a rich_text value ("next week")``: what a value is, for messages."""
    kind = value.get("type")
    payload = value.get(kind) if isinstance(kind, str) else None
    if kind in ("formula", "rollup") and isinstance(payload, Mapping):
        inner = payload.get("type")
        if inner == "array":
            return f"a rollup listing {len(payload.get('array') or [])} values"
        if inner in ("unsupported", "incomplete"):
            return f"a {kind} Notion did not compute ({inner})"
        return f"a {inner} {kind}" + _preview(payload.get(inner))
    return f"a {kind} value" + _preview(payload)


def _preview(payload: Any) -> str:
    shown = payload
    if isinstance(payload, list):
        shown = plain_text(i for i in payload if isinstance(i, Mapping))
    elif isinstance(payload, Mapping):
        shown = payload.get("name") or payload.get("start")
    text = "" if shown is None else str(shown)
    return "" if not text else f" ({text[:40]}…)" if len(text) > 40 else f" ({text})"


def _type(value: JsonView, accepted: Sequence[str], expected: str) -> str:
    kind = value.get("type")
    if kind not in accepted:
        raise UnexpectedValue(expected, describe(value))
    return str(kind)


def _result(value: JsonView, expected: str) -> tuple[str, Any]:
    """The result type and value of a formula or (non-array) rollup."""
    payload = value.get(str(value.get("type")))
    if not isinstance(payload, Mapping):
        raise UnexpectedValue(expected, describe(value))
    inner = str(payload.get("type"))
    if inner in ("unsupported", "incomplete"):
        raise UnexpectedValue(expected, describe(value), "Notion cannot compute it here")
    return inner, payload.get("array") if inner == "array" else payload.get(inner)


def _is_empty(result: Any) -> bool:
    return result is None or result in ("", [])


def _computed(
    value: JsonView,
    holds: Holds,
    expected: str,
    *,
    result_type: str,
    read: Callable[[Any, JsonView], T | None],
    combine: Callable[[list[T]], T | None],
) -> T | None:
    """A value a property holds itself, or that a formula or a rollup computes.

    ``read`` turns the property's own payload, or a computed result of ``result_type``, into
    the domain value; a rollup listing values reads each of them and ``combine``s those found.
    """
    kind = _type(value, holds.types, expected)
    if kind not in ("formula", "rollup"):
        return read(value.get(kind), value)
    inner, result = _result(value, expected)
    if _is_empty(result):
        return None
    if inner == result_type:
        return read(result, value)
    if kind == "rollup" and inner == "array":
        found = (
            _computed(e, holds, expected, result_type=result_type, read=read, combine=combine)
            for e in result
        )
        return combine([item for item in found if item is not None])
    raise UnexpectedValue(expected, describe(value))


# -- text and choices ----------------------------------------------------------------------


def plain_text(items: Iterable[JsonView]) -> str:
    return "".join(str(item.get("plain_text", "")) for item in items)


def text(value: JsonView) -> str:
    """Text from a title, rich text, text formula or rollup (its values joined by commas)."""
    found = _computed(value, Holds.TEXT, "text", result_type="string", read=_text, combine=_joined)
    return found or ""


def _text(payload: Any, _: JsonView) -> str:
    """A title's or rich text's items, or a formula's string."""
    return (payload if isinstance(payload, str) else plain_text(payload or [])).strip()


def _joined(parts: list[str]) -> str:
    return ", ".join(part for part in parts if part)


def choice(value: JsonView) -> str | None:
    """The chosen name of a select or status, or a short text (rich text, text formula)."""
    expected = "a select, a status or a short text"
    kind = _type(value, Holds.CHOICE.types, expected)
    if kind in ("select", "status"):
        option = value.get(kind)
        return str(option["name"]) if isinstance(option, Mapping) else None
    return text(value) or None


def rule_codes(value: JsonView) -> frozenset[str]:
    """Rule codes (``QD201``) or names listed in a multi-select or a text."""
    expected = "a multi-select or a text listing rule codes"
    kind = _type(value, ("multi_select", "select", "rich_text", "title", "formula"), expected)
    if kind == "multi_select":
        tokens = [str(option["name"]) for option in value.get(kind) or []]
    elif kind == "select":
        tokens = [choice(value) or ""]
    else:
        tokens = _RULE_SEPARATORS.split(text(value))
    return frozenset(
        t.upper() if _RULE_CODE.fullmatch(t) else t.lower() for t in map(str.strip, tokens) if t
    )


# -- numbers -------------------------------------------------------------------------------


def number(value: JsonView) -> float | None:
    """A number, number formula, or rollup giving one number."""
    return _computed(
        value, Holds.NUMBER, "a number", result_type="number", read=_as_number, combine=_one_number
    )


def _as_number(raw: Any, value: JsonView) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise UnexpectedValue("a number", describe(value))
    return float(raw)


def _one_number(found: list[float]) -> float | None:
    if len(found) > 1:
        hint = "set the rollup's calculation to Sum, Average, Min or Max in Notion"
        raise UnexpectedValue("one number", f"a rollup listing {len(found)} numbers", hint)
    return found[0] if found else None


# -- dates ---------------------------------------------------------------------------------


def date_span(value: JsonView, zone: tzinfo) -> DateSpan | None:
    """A date or range (date property, date formula, date rollup) as days in ``zone``; a
    rollup listing several spans from the earliest start to the latest end."""

    def read(payload: Any, held_by: JsonView) -> DateSpan | None:
        return _span(payload, held_by, zone)

    return _computed(value, Holds.DATE, "a date", result_type="date", read=read, combine=_cover)


def day(value: JsonView, zone: tzinfo) -> date | None:
    """One day: the start of a date, date formula or date rollup, in ``zone``."""
    span = date_span(value, zone)
    return span.start if span is not None else None


def _span(payload: Any, value: JsonView, zone: tzinfo) -> DateSpan | None:
    if payload is None:
        return None
    if not isinstance(payload, Mapping) or not isinstance(payload.get("start"), str):
        raise UnexpectedValue("a date with a start", describe(value))
    named = payload.get("time_zone")
    start, timed = _day(payload["start"], named, zone, value)
    end_text = payload.get("end")
    end = _day(end_text, named, zone, value)[0] if isinstance(end_text, str) else None
    return DateSpan(start, end, has_time=timed)


def _day(stamp: str, named: Any, zone: tzinfo, value: JsonView) -> tuple[date, bool]:
    try:
        if "T" not in stamp:
            return date.fromisoformat(stamp), False
        moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(named) if isinstance(named, str) else zone)
    except (ValueError, ZoneInfoNotFoundError):
        raise UnexpectedValue("an ISO 8601 date", f"{stamp!r} in {describe(value)}") from None
    return moment.astimezone(zone).date(), True


def _cover(spans: list[DateSpan]) -> DateSpan | None:
    if len(spans) < 2:
        return spans[0] if spans else None
    start = min(s.start for s in spans)
    last = max(s.last_day for s in spans)
    return DateSpan(start, last if last != start else None, any(s.has_time for s in spans))


def timestamp(stamp: str) -> datetime:
    """A page's ``created_time`` / ``last_edited_time`` (``2026-11-02T09:30:00.000Z``); a
    stamp without offset is taken as UTC.

    Raises:
        ValueError: ``stamp`` is not an ISO 8601 date-time.
    """
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# -- relations and people ------------------------------------------------------------------


def relation_ids(value: JsonView) -> tuple[str, ...]:
    _type(value, Holds.RELATION.types, "a relation")
    return tuple(str(item["id"]) for item in value.get("relation") or [])


def may_be_truncated(value: JsonView) -> bool:
    """Whether a page object may list only part of this value (25 references at most).

    Relations say so (``has_more``); people past 25 are dropped silently, so exactly 25 is
    suspect; titles and rich texts keep 25 mentions.
    """
    kind = value.get("type")
    if kind == "relation":
        return value.get("has_more") is True
    if kind == "people":
        return len(value.get("people") or []) >= REFERENCE_LIMIT
    if kind in ("title", "rich_text"):
        items = value.get(str(kind)) or []
        return sum(1 for i in items if i.get("type") == "mention") >= REFERENCE_LIMIT
    return False


@dataclass(frozen=True)
class PersonRef:
    """Someone a value names: a Notion user (``id``) or, in a text, only a ``name``."""

    id: str | None = None
    name: str | None = None


def people(value: JsonView) -> tuple[PersonRef, ...]:
    """People from a people property, ``created_by``, or a text naming or mentioning them."""
    expected = "people"
    kind = _type(value, Holds.PEOPLE.types, expected)
    if kind == "people":
        return tuple(PersonRef(id=str(user["id"])) for user in value.get("people") or [])
    if kind == "created_by":
        creator = value.get("created_by")
        return (PersonRef(id=str(creator["id"])),) if isinstance(creator, Mapping) else ()
    refs: list[PersonRef] = []
    written: list[str] = []  # text between mentions: one name may span several styled items
    for item in value.get(kind) or []:
        mention = item.get("mention") if item.get("type") == "mention" else None
        if isinstance(mention, Mapping) and mention.get("type") == "user":
            refs.extend(_named("".join(written)))
            written.clear()
            refs.append(PersonRef(id=str(mention["user"]["id"])))
        else:
            written.append(str(item.get("plain_text", "")))
    refs.extend(_named("".join(written)))
    return tuple(refs)


def _named(written: str) -> list[PersonRef]:
    names = (name.strip(" @") for name in _NAME_SEPARATORS.split(written))
    return [PersonRef(name=name) for name in names if name]


class PeopleDirectory:
    """Workspace users, and the name-only people that texts add as they are resolved."""

    def __init__(self, users: Iterable[Person]) -> None:
        self.people: dict[str, Person] = {user.id: user for user in users}
        self.referenced: set[str] = set()
        """Every id :meth:`resolve` returned: users, and ``name:`` people no user matched."""
        matches: dict[str, set[str]] = {}
        for user in self.people.values():
            for key in (user.name, user.email):
                if key:
                    matches.setdefault(fold(key), set()).add(user.id)
        self._by_name = {key: ids.pop() for key, ids in matches.items() if len(ids) == 1}

    def resolve(self, refs: Iterable[PersonRef]) -> tuple[str, ...]:
        """User ids for ``refs``, in order, without repeats."""
        ids: list[str] = []
        for ref in refs:
            found = ref.id or self._by_name.get(fold(ref.name or ""))
            if found is None and ref.name:
                found = f"name:{fold(ref.name)}"
                self.people.setdefault(found, Person(found, ref.name))
            if found and found not in ids:
                ids.append(found)
        self.referenced.update(ids)
        return tuple(ids)


# -- states --------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusRules:
    """What status names mean: ``[statuses]`` first, then groups, then default names."""

    explicit: Mapping[str, State]
    """Folded name -> state, from ``[statuses]`` (done and not started win over dropped)."""

    @classmethod
    def from_settings(cls, statuses: StatusSettings) -> StatusRules:
        explicit = {fold(name): State.DROPPED for name in statuses.dropped}
        explicit |= {fold(name): State.NOT_STARTED for name in statuses.not_started}
        explicit |= {fold(name): State.DONE for name in statuses.done}
        return cls(explicit)

    def state_of(self, name: str, group: str | None = None) -> State:
        """What status ``name`` means; ``group``: its status group, if it is a status."""
        key = fold(name)
        by_group = GROUP_STATES.get(fold(group)) if group else None
        return self.explicit.get(key) or by_group or _DEFAULTS.get(key, State.IN_PROGRESS)


_DEFAULTS = {fold(n): State.DONE for n in DONE_NAMES} | {
    fold(n): State.NOT_STARTED for n in NOT_STARTED_NAMES
}


def state(
    value: JsonView, rules: StatusRules, groups: Mapping[str, str] | None = None
) -> tuple[str | None, State | None]:
    """``(status as named, what it means)`` from a status, select or checkbox.

    ``groups`` maps a status property's option names to their group (from its schema).
    A checkbox has no name: ``(None, DONE)`` when checked.
    """
    kind = _type(value, Holds.STATE.types, "a status, a select or a checkbox")
    if kind == "checkbox":
        checked = value.get("checkbox")
        if not isinstance(checked, bool):
            raise UnexpectedValue("a checkbox", describe(value))
        return None, State.DONE if checked else State.NOT_STARTED
    option = value.get(kind)
    if not isinstance(option, Mapping) or not option.get("name"):
        return None, None
    name = str(option["name"])
    group = (groups or {}).get(name) if kind == "status" else None
    return name, rules.state_of(name, group)
