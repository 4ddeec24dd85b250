"""The ``demo`` seed: a RevOps team's quarter in Notion, with a known set of problems planted.

Six people (France, Spain, UK) run six streams, 26 epics (one in the trash, one from the
previous quarter) and 143 tasks, plus key results with a North Star, in the quarter that
holds ``today``. Apart from :data:`PLANTED_PROBLEMS` everything is clean: owners, streams,
KPIs with baseline and target (and current once started), coherent dates, statuses that fit
the calendar, recent edits. The same ``today`` always builds the same workspace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from emulator.schema import find
from emulator.seeds.demo_data import (
    EPICS,
    LEAD,
    NORTH_STAR,
    ORPHAN_TASKS,
    PEOPLE,
    STREAMS,
    Epic,
    Kpi,
    Task,
)
from emulator.seeds.schema import (
    Seeder,
    Timeline,
    dates,
    moment,
    number,
    people,
    relation,
    select,
    status,
    text,
    title,
)
from emulator.state import Json, Workspace

HOUR = 3600.0
DAY = 24 * HOUR
STALE_DAYS = 25
"""How long ago the stale task was last edited: more than three weeks."""
DROPPED_MARK = -5
"""When the dropped epic was dropped (a timeline mark)."""


@dataclass(frozen=True)
class Planted:
    """One deliberate problem: ``entity`` is the title (or person's name) it is about."""

    kind: str
    entity: str
    detail: str


PLANTED_PROBLEMS: tuple[Planted, ...] = (
    Planted("orphan_task", "Check VAT field on Spanish accounts", "no epic"),
    Planted("orphan_task", "Fix broken links in the sales handbook", "no epic"),
    Planted("orphan_task", "Update UK bank holidays in the dialer", "no epic"),
    Planted("task_epic_in_trash", "Map legacy contact roles",
            "its epic, Contact roles migration, is in the trash"),
    Planted("epic_without_owner", "MQL to SQL definition with marketing", "contributors only"),
    Planted("epic_without_stream", "Product usage data in the CRM", "Stream is empty"),
    Planted("epic_without_kpi", "Ad hoc requests from sales leadership",
            "no KPI, baseline, target or current"),
    Planted("kpi_without_target", "Data quality scorecard", "baseline 61, current 66, no target"),
    Planted("kpi_target_equals_baseline", "Win/loss analysis", "baseline and target both 24"),
    Planted("epic_without_dates", "Churn signals report", "Dates is empty"),
    Planted("epic_end_before_start", "Quarterly business review pack", "Dates end before start"),
    Planted("task_overdue", "Backtest weights on the last two quarters", "to do, due date past"),
    Planted("task_overdue", "Slack alert for leads untouched after 2 hours",
            "in progress, due date past"),
    Planted("task_overdue", "Train the SDR team in Madrid", "in progress, due date past"),
    Planted("task_overdue", "Retire manual call logging", "to do, due date past"),
    Planted("task_overdue", "Document routing exceptions for partners", "to do, due date past"),
    Planted("epic_overdue", "Dialer rollout for SDRs", "in progress, end date past"),
    Planted("epic_over_25_tasks", "CRM data hygiene (run)",
            "30 tasks: its page object lists 25 and has_more"),
    Planted("epic_dropped", "Territory planning tool evaluation", "dropped half-way"),
    Planted("epic_blocked", "CPQ quote templates", "blocked, waiting on legal"),
    Planted("epic_done_with_open_tasks", "Inbound lead routing rules", "done, one task to do"),
    Planted("task_open_in_done_epic", "Document routing exceptions for partners", "epic done"),
    Planted("epic_in_progress_without_tasks", "Partner deal registration", "no tasks"),
    Planted("task_stale_in_progress", "Recorded demo of the quoting process",
            f"in progress, last edited {STALE_DAYS} days ago"),
    Planted("stream_without_epic_this_quarter", "Customer success ops",
            "its only epic is last quarter's"),
    Planted("owner_overloaded", "Julien Moreau",
            "6 open epics this quarter; nobody else has more than 3"),
    Planted("duplicate_epic_title", "Lead scoring v1", "in Pipeline & forecasting"),
    Planted("duplicate_epic_title", "Lead scoring v1", "in Lead routing & hand-offs"),
    Planted("task_without_assignee", "Driver metrics per stream", "to do, nobody assigned"),
)  # fmt: skip
"""Every problem the demo holds, each planted on purpose; nothing else is wrong in it."""


def build_demo(today: date) -> Workspace:
    """The demo workspace for the quarter holding ``today``; its clock reads today 09:00 UTC."""
    demo = _Demo(Seeder("demo", Timeline.around(today)))
    demo.add_streams()
    for index, epic in enumerate(EPICS):
        demo.add_epic(index, epic)
    for epic in EPICS:
        demo.add_tasks(epic)
    demo.add_orphans()
    demo.add_key_results()
    for index, epic in enumerate(EPICS):
        demo.settle(index, epic)
    return demo.seeder.finish()


@dataclass
class _TaskRow:
    title: str
    due: date
    status: str
    assignee: str | None
    estimate: float | None
    created: float
    edited: float | None


class _Demo:
    """The demo's rows as they are added: ids by key, and when each epic was created."""

    def __init__(self, seeder: Seeder) -> None:
        self.seeder = seeder
        self.timeline = seeder.timeline
        self.people = {key: seeder.person(name, email) for key, name, email in PEOPLE}
        self.roadmap = seeder.roadmap()
        self.streams: dict[str, str] = {}
        self.epics: dict[str, str] = {}
        self.epic_created: dict[str, float] = {}

    def person(self, key: str | None) -> str | None:
        return self.people[key] if key else None

    def add_streams(self) -> None:
        setup = self.seeder.clock.now + DAY
        for index, (key, name, owner, description) in enumerate(STREAMS):
            values = {"Name": title(name), "Owner": people(self.person(owner))}
            values["Description"] = text(description)
            at = setup + index * 600
            self.streams[key] = self.seeder.row(
                self.roadmap.streams, values, actor=self.people[LEAD], at=at
            )

    # -- epics -------------------------------------------------------------------------

    def window(self, epic: Epic) -> tuple[date, date] | None:
        """The epic's start and end as written (reversed for the epic planted so)."""
        if epic.dates is None:
            return None
        return self.due(epic, epic.dates[0]), self.due(epic, epic.dates[1])

    def due(self, epic: Epic, mark: int) -> date:
        if epic.previous_quarter:
            return self.timeline.previous[1] + timedelta(days=mark)
        return self.timeline.day(mark)

    def add_epic(self, index: int, epic: Epic) -> None:
        window = self.window(epic)
        created = moment(self.timeline.planning, 10) + index * 12 * 60
        if window is not None:
            created = min(created, moment(min(window) - timedelta(days=6), 10))
        started = epic.status not in ("Planned", "Not started")
        values = _epic_values(epic, self.timeline, window) | {
            "Stream": relation(*(self.streams[key] for key in epic.streams)),
            "Owner": people(self.person(epic.owner)),
            "Contributors": people(*(self.people[key] for key in epic.contributors)),
            "Status": status("Planned" if started else epic.status),
        }
        actor = self.people[epic.owner or LEAD]
        page = self.seeder.row(
            self.roadmap.epics, values, actor=actor, at=created, body=_scope(epic)
        )
        self.epics[epic.key] = page
        self.epic_created[epic.key] = created

    def settle(self, index: int, epic: Epic) -> None:
        """The epic's latest edit (status, KPI check-in), then the planted oddities."""
        page = self.epics[epic.key]
        edited = self.last_epic_edit(index, epic)
        if edited is not None:
            values = {"Status": status(epic.status), "KPI current": number(epic.kpi.current)}
            record = self.seeder.workshop.workspace.pages[page]
            at = max(edited, record.last_edited_time + 60)
            self.seeder.edit(page, values, actor=self.people[epic.owner or LEAD], at=at)
        window = self.window(epic)
        if window is not None and window[0] > window[1]:
            self._write_reversed(page, *window)
        if epic.trashed:
            self.seeder.workshop.trash(page)

    def last_epic_edit(self, index: int, epic: Epic) -> float | None:
        now, window = self.timeline.now, self.window(epic)
        if epic.status in ("In progress", "Blocked"):
            return now - (1 + index % 4) * DAY + 2 * HOUR
        if epic.status == "Done" and window is not None:
            return min(moment(window[1] + timedelta(days=1), 11), now - HOUR)
        if epic.status == "Dropped":
            return moment(self.timeline.day(DROPPED_MARK), 15)
        return None

    def _write_reversed(self, page_id: str, start: date, end: date) -> None:
        """Notion's date picker (and the API here) refuse an end before the start, but CSV
        imports leave such ranges behind: the planted one is stored as found, unvalidated."""
        source = self.seeder.workshop.workspace.data_sources[self.roadmap.epics]
        prop = find(source, "Dates")
        assert prop is not None
        value = {"start": start.isoformat(), "end": end.isoformat(), "time_zone": None}
        self.seeder.workshop.workspace.pages[page_id].properties[prop.id] = value

    # -- tasks -------------------------------------------------------------------------

    def add_tasks(self, epic: Epic) -> None:
        actor = self.people[epic.owner or LEAD]
        for row in self.plan_tasks(epic):
            self.add_task(row, self.epics[epic.key], actor)

    def plan_tasks(self, epic: Epic) -> list[_TaskRow]:
        window = epic.task_window or epic.dates or (0, 0)
        marks = _spread(window, len(epic.tasks))
        rotation = [key for key in (epic.owner, *epic.contributors) if key]
        rows, started = [], False
        for index, item in enumerate(epic.tasks):
            task = item if isinstance(item, Task) else Task(item)
            due = self.due(epic, task.due if task.due is not None else marks[index])
            state = task.status or _derived_status(epic.status, due < self.timeline.today, started)
            started = started or (task.status is None and state == "In progress")
            assignee = None if task.unassigned else task.assignee or rotation[index % len(rotation)]
            created = self.task_created(epic, index, task.stale)
            estimate = (0.5, 1, 2)[index % 3] if epic.type == "Build" else None
            row = _TaskRow(task.title, due, state, self.person(assignee), estimate, created, None)
            row.edited = self.task_edited(row, index, task.stale, epic)
            rows.append(row)
        return rows

    def task_created(self, epic: Epic, index: int, stale: bool) -> float:
        start = min(self.window(epic) or (self.timeline.today,))
        created = max(self.epic_created[epic.key] + HOUR, moment(start - timedelta(days=4), 10))
        created = min(created, moment(self.timeline.today - timedelta(days=3), 11)) + index * 420
        if stale:
            created = min(created, self.timeline.now - (STALE_DAYS + 2) * DAY)
        return created

    def task_edited(self, row: _TaskRow, index: int, stale: bool, epic: Epic) -> float | None:
        now = self.timeline.now
        if row.status == "Done":
            edited = moment(row.due, 16, 30)
        elif row.status == "Cancelled" and epic.status == "Dropped":
            edited = moment(self.timeline.day(DROPPED_MARK), 15)
        elif row.status == "Cancelled":
            edited = now - 2 * DAY
        elif row.status == "In progress":
            edited = now - STALE_DAYS * DAY if stale else now - (1 + index % 3) * DAY + 3 * HOUR
        else:
            return None
        return max(edited, row.created + 600)

    def add_task(self, row: _TaskRow, epic_id: str | None, actor: str) -> None:
        values = {
            "Name": title(row.title), "Epic": relation(epic_id), "Assignee": people(row.assignee),
            "Status": status("To do"), "Due": dates(row.due), "Estimate": number(row.estimate),
        }  # fmt: skip
        if row.edited is None:
            values["Status"] = status(row.status)
        page = self.seeder.row(self.roadmap.tasks, values, actor=actor, at=row.created)
        if row.edited is not None:
            editor = row.assignee or actor
            self.seeder.edit(page, {"Status": status(row.status)}, actor=editor, at=row.edited)

    def add_orphans(self) -> None:
        for index, task in enumerate(ORPHAN_TASKS):
            assert task.status is not None
            assert task.due is not None
            assert task.assignee is not None
            created = self.timeline.now - (4 + index) * DAY + 6 * HOUR
            edited = self.timeline.now - DAY if task.status == "In progress" else None
            person = self.people[task.assignee]
            due = self.timeline.day(task.due)
            row = _TaskRow(task.title, due, task.status, person, None, created, edited)
            self.add_task(row, None, person)

    # -- key results -------------------------------------------------------------------

    def add_key_results(self) -> None:
        today, created = self.timeline.today, moment(self.timeline.planning, 15)
        self.add_key_result(NORTH_STAR, "North Star", None, created, today - timedelta(days=3))
        chosen = [epic for epic in EPICS if epic.key_result]
        for index, epic in enumerate(chosen, start=1):
            window = self.window(epic)
            done = epic.status == "Done" and window is not None
            check_in = window[1] if done and window else today - timedelta(days=2 + index % 4)
            at = created + index * 600
            self.add_key_result(epic.kpi, "Epic", epic, at, check_in)

    def add_key_result(
        self, kpi: Kpi, level: str, epic: Epic | None, at: float, check_in: date
    ) -> None:
        assert kpi.text is not None
        values = {
            "Name": title(kpi.text), "Level": select(level),
            "Epic": relation(self.epics[epic.key] if epic else None),
            "Baseline": number(kpi.baseline), "Target": number(kpi.target),
            "Unit": select(kpi.unit),
        }  # fmt: skip
        actor = self.people[(epic.owner if epic else None) or LEAD]
        page = self.seeder.row(self.roadmap.key_results, values, actor=actor, at=at)
        check = {"Current": number(kpi.current), "Check-in date": dates(check_in)}
        self.seeder.edit(page, check, actor=actor, at=moment(check_in, 17))


def _epic_values(epic: Epic, timeline: Timeline, window: tuple[date, date] | None) -> Json:
    quarter = timeline.previous[0] if epic.previous_quarter else timeline.quarter
    start, end = sorted(window) if window else (None, None)
    return {
        "Name": title(epic.title), "Dates": dates(start, end), "Quarter": select(quarter),
        "Type": select(epic.type), "Priority": select(epic.priority),
        "Estimate": number(epic.estimate), "Deliverables": text(epic.deliverables),
        "KPI": text(epic.kpi.text), "KPI baseline": number(epic.kpi.baseline),
        "KPI target": number(epic.kpi.target),
    }  # fmt: skip


def _scope(epic: Epic) -> list[Json]:
    """The page body the owner wrote: a Scope heading and one bullet per deliverable."""
    heading = {"heading_2": {"rich_text": [{"text": {"content": "Scope"}}]}}
    bullets = [
        {"bulleted_list_item": {"rich_text": [{"text": {"content": item}}]}}
        for item in epic.deliverables.split("; ")
    ]
    return [heading, *bullets]


def _spread(window: tuple[int, int], count: int) -> list[int]:
    """``count`` due marks evenly over ``window``, the last on its end; never today itself."""
    first, last = sorted(window)
    marks = [first + round((index + 1) * (last - first) / count) for index in range(count)]
    return [mark or 1 for mark in marks]


def _derived_status(epic_status: str, past: bool, started: bool) -> str:
    """A task's status as the calendar says: done when past, one in progress, the rest to do."""
    if epic_status == "Done":
        return "Done"
    if epic_status == "Dropped":
        return "Done" if past else "Cancelled"
    if epic_status in ("Planned", "Not started"):
        return "To do"
    if past:
        return "Done"
    return "To do" if started else "In progress"
