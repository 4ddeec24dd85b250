"""The roadmap as Quarterdeck reasons about it: frozen, Notion-free domain models.

The reader (``sync/reader.py``) builds a :class:`Snapshot` from the four databases; jobs
only ever see these objects. Values a page holds in an unusable form are kept out of the
model and reported as :class:`ValueProblem` on that page instead of failing the run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType


class State(StrEnum):
    """Where an epic or task stands, whatever the team calls its statuses."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        return self in (State.NOT_STARTED, State.IN_PROGRESS)

    @property
    def is_closed(self) -> bool:
        return not self.is_open


class Kind(StrEnum):
    """Which database an entity comes from."""

    STREAM = "stream"
    EPIC = "epic"
    TASK = "task"
    KEY_RESULT = "key_result"


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    email: str | None = None


@dataclass(frozen=True)
class DateSpan:
    """A Notion date or date range, as calendar days in the team's time zone."""

    start: date
    end: date | None = None
    has_time: bool = False

    @property
    def last_day(self) -> date:
        """The day the span ends on: its end, or its start for a single date."""
        return self.end or self.start


@dataclass(frozen=True)
class Page:
    """What every entity has: identity, title, link, and Notion bookkeeping."""

    id: str
    title: str
    url: str
    created_time: datetime
    last_edited_time: datetime
    ignored_rules: frozenset[str] = frozenset()
    """Rule codes the page opts out of (the configured opt-out property)."""
    last_edited_by: str = ""
    """The user id of whoever edited the page last: a person, or a bot such as the
    integration's own (``Snapshot.bot_id``), whose writes move ``last_edited_time`` too."""
    last_human_edit: datetime | None = None
    """The newest edit known to be a person's: ``last_edited_time`` when the last editor is
    not the integration's bot, else the one an earlier read saw (kept in the run state).
    None when no person's edit is known: the integration edited the page last and no earlier
    read remembers it (a creation by a person is not taken for the last edit then)."""


@dataclass(frozen=True)
class Stream(Page):
    owner_ids: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Epic(Page):
    stream_ids: tuple[str, ...] = ()
    owner_ids: tuple[str, ...] = ()
    contributor_ids: tuple[str, ...] = ()
    status: str | None = None
    """The status as the team names it (``En cours``)."""
    state: State | None = None
    """What the status means; None when there is no status."""
    dates: DateSpan | None = None
    quarter: str | None = None
    """The Quarter property as the team wrote it (``2026-Q4``, ``T4 2026``), or None. The
    epic's quarter is derived from it and the dates in one place:
    ``jobs.quarters.epic_quarter``."""
    type: str | None = None
    priority: str | None = None
    estimate: float | None = None
    deliverables: str = ""
    kpi: str = ""
    kpi_baseline: float | None = None
    kpi_target: float | None = None
    kpi_current: float | None = None


@dataclass(frozen=True)
class Task(Page):
    epic_ids: tuple[str, ...] = ()
    assignee_ids: tuple[str, ...] = ()
    status: str | None = None
    state: State | None = None
    due: DateSpan | None = None
    estimate: float | None = None


@dataclass(frozen=True)
class KeyResult(Page):
    level: str | None = None
    epic_ids: tuple[str, ...] = ()
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    unit: str | None = None
    check_in: date | None = None


Entity = Stream | Epic | Task | KeyResult


@dataclass(frozen=True)
class ValueProblem:
    """A value Quarterdeck could not use, on one page: reported, never fatal."""

    kind: Kind
    page_id: str
    page_title: str
    url: str
    field: str
    """The logical field (``dates``), for the message's fix."""
    property_name: str
    """The Notion property as the team named it (``Échéance``)."""
    message: str


@dataclass(frozen=True)
class MissingPage:
    """A page a relation points at that the read did not return."""

    id: str
    reason: str
    """``trashed`` (in Notion's trash), ``inaccessible`` (not shared, or deleted) or
    ``elsewhere`` (readable, but not a row of the configured database)."""
    title: str = ""
    url: str = ""


@dataclass(frozen=True)
class SchemaProblem:
    """A mapped property one database lacks, or holds with an unusable type: the field reads
    as empty on every page (``doctor`` and ``check`` report it once, not per page)."""

    kind: Kind
    field: str
    property_name: str
    message: str
    required: bool = False
    missing: bool = False
    """The database has no such property (rather than one of an unusable type)."""


def _frozen(mapping: Mapping[str, Person]) -> Mapping[str, Person]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Snapshot:
    """Everything one read returned, ready for the jobs."""

    streams: tuple[Stream, ...]
    epics: tuple[Epic, ...]
    tasks: tuple[Task, ...]
    key_results: tuple[KeyResult, ...] = ()
    people: Mapping[str, Person] = field(default_factory=dict)
    problems: tuple[ValueProblem, ...] = ()
    missing: Mapping[str, MissingPage] = field(default_factory=dict)
    """Related pages that are trashed or out of reach, by id."""
    read_at: datetime | None = None
    has_key_results: bool = False
    """Whether a Key results database is configured (its rules run only then)."""
    schema_problems: tuple[SchemaProblem, ...] = ()
    bot_id: str | None = None
    """The integration's own user id: its edits are not people's. Always known to a read
    with a run state; a read without one asks it only when a page was created or last
    edited by someone other than a listed workspace member (None: no page was)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "people", _frozen(self.people))
        object.__setattr__(self, "missing", MappingProxyType(dict(self.missing)))

    def person_name(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return person.name if person else person_id
