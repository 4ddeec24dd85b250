"""The roadmap's links, built once per run so that every rule looks things up in constant time.

Parent → children links are built from the children's single-valued side: an epic's tasks
from ``Task.epic_ids``, a stream's epics from ``Epic.stream_ids``. Notion truncates the
multi-valued side of a relation (an epic's Tasks) at 25 references in a page object, so
reading it would silently lose tasks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TypeVar

from jobs.quarters import Quarter, current_quarter, epic_quarter
from schemas.models import Epic, KeyResult, Page, Snapshot, State, Stream, Task

_P = TypeVar("_P", bound=Page)


@dataclass(frozen=True)
class RoadmapIndex:
    """A :class:`Snapshot` with its pages by id, its hierarchy and the quarter in view."""

    snapshot: Snapshot
    quarter: Quarter
    """The current quarter (the one holding ``today``)."""
    streams_by_id: Mapping[str, Stream]
    epics_by_id: Mapping[str, Epic]
    tasks_by_id: Mapping[str, Task]
    key_results_by_id: Mapping[str, KeyResult]
    epic_quarters: Mapping[str, Quarter | None]
    """Each epic's quarter (see :func:`jobs.quarters.epic_quarter`), by epic id."""
    _tasks_by_epic: Mapping[str, tuple[Task, ...]]
    _epics_by_stream: Mapping[str, tuple[Epic, ...]]

    @classmethod
    def build(cls, snapshot: Snapshot, today: date, start_month: int = 1) -> RoadmapIndex:
        """Index ``snapshot`` for the quarter holding ``today``."""
        tasks_by_epic: defaultdict[str, list[Task]] = defaultdict(list)
        for task in snapshot.tasks:
            for epic_id in dict.fromkeys(task.epic_ids):
                tasks_by_epic[epic_id].append(task)
        epics_by_stream: defaultdict[str, list[Epic]] = defaultdict(list)
        for epic in snapshot.epics:
            for stream_id in dict.fromkeys(epic.stream_ids):
                epics_by_stream[stream_id].append(epic)
        return cls(
            snapshot=snapshot,
            quarter=current_quarter(today, start_month),
            streams_by_id=_by_id(snapshot.streams),
            epics_by_id=_by_id(snapshot.epics),
            tasks_by_id=_by_id(snapshot.tasks),
            key_results_by_id=_by_id(snapshot.key_results),
            epic_quarters=MappingProxyType(
                {epic.id: epic_quarter(epic, start_month) for epic in snapshot.epics}
            ),
            _tasks_by_epic=_frozen_groups(tasks_by_epic),
            _epics_by_stream=_frozen_groups(epics_by_stream),
        )

    def tasks_of(self, epic: Epic) -> tuple[Task, ...]:
        """The tasks whose Epic relation points at ``epic``, in snapshot order."""
        return self._tasks_by_epic.get(epic.id, ())

    def epics_of(self, stream: Stream) -> tuple[Epic, ...]:
        """The epics whose Stream relation points at ``stream``, in snapshot order."""
        return self._epics_by_stream.get(stream.id, ())

    def is_in_scope(self, epic: Epic) -> bool:
        """Whether quarter-scoped rules check ``epic``: it is this quarter's, or undated."""
        quarter = self.epic_quarters.get(epic.id)
        return quarter is None or quarter == self.quarter

    @property
    def epics_in_scope(self) -> tuple[Epic, ...]:
        """The epics of the current quarter, and those with no quarter and no dates."""
        return tuple(epic for epic in self.snapshot.epics if self.is_in_scope(epic))

    @property
    def epics_this_quarter(self) -> tuple[Epic, ...]:
        """The epics whose quarter is the current one (undated epics excluded)."""
        return tuple(
            epic for epic in self.snapshot.epics if self.epic_quarters.get(epic.id) == self.quarter
        )

    @property
    def live_epics_in_scope(self) -> tuple[Epic, ...]:
        """The epics in scope that were not dropped: what the quarter's plan still holds."""
        return tuple(epic for epic in self.epics_in_scope if epic.state is not State.DROPPED)

    @property
    def open_tasks(self) -> tuple[Task, ...]:
        """Tasks not done or dropped; a task with no status counts as open."""
        return tuple(task for task in self.snapshot.tasks if is_open(task))

    def page(self, page_id: str) -> Page | None:
        """The stream, epic, task or key result with this id, if the snapshot holds it."""
        for pages in (self.epics_by_id, self.tasks_by_id, self.streams_by_id):
            found = pages.get(page_id)
            if found is not None:
                return found
        return self.key_results_by_id.get(page_id)


def is_open(item: Epic | Task) -> bool:
    """Not done or dropped; no status at all counts as not started, hence open."""
    return item.state is None or item.state.is_open


def due_day(item: Epic | Task) -> date | None:
    """The day an item is due: a task's Due, an epic's end date; the end of a range, else
    its only date."""
    span = item.due if isinstance(item, Task) else item.dates
    return span.last_day if span is not None else None


def is_overdue(item: Epic | Task, today: date) -> bool:
    """The one meaning of "overdue": open, and due before ``today`` (the team's local date).

    A task's rollups, flags and status section, an epic's flag and its "past its end date"
    health all count on it.
    """
    day = due_day(item)
    return is_open(item) and day is not None and day < today


def _by_id(pages: tuple[_P, ...]) -> Mapping[str, _P]:
    return MappingProxyType({page.id: page for page in pages})


def _frozen_groups(groups: Mapping[str, list[_P]]) -> Mapping[str, tuple[_P, ...]]:
    return MappingProxyType({key: tuple(members) for key, members in groups.items()})
