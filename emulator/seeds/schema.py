"""What both seeds build on: the roadmap's four databases, value forms and a lived-in timeline.

The schema follows the data model of ``DESIGN.md`` with its default property names: Streams,
Epics, Tasks and Key results, what the team fills in first and Quarterdeck's output properties
after. Values are the request forms ``POST /v1/pages`` takes, so every seeded value passes the
API's own validation. :class:`Timeline` turns "days from today" into dates inside the quarter
containing ``today``, whatever day of the quarter that is, so the seeds stay consistent in time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from emulator.clock import ManualClock
from emulator.seeds.base import ROOT_PAGE_TITLE
from emulator.state import Json, Workspace
from emulator.workshop import Workshop

Colored = tuple[tuple[str, str], ...]
Statuses = tuple[tuple[str, str, str], ...]

HEALTH: Colored = (
    ("On track", "green"), ("At risk", "yellow"), ("Off track", "red"), ("Done", "blue"),
    ("Dropped", "gray"), ("Not started", "default"), ("No data", "brown"),
)  # fmt: skip
"""Options of the Health output (Streams and Epics)."""
EPIC_STATUSES: Statuses = (
    ("Not started", "default", "To-do"), ("Planned", "gray", "To-do"),
    ("In progress", "blue", "In progress"), ("Blocked", "red", "In progress"),
    ("Done", "green", "Complete"), ("Dropped", "brown", "Complete"),
)  # fmt: skip
"""Epic status options as the team sets them up in the app: name, colour, group."""
TASK_STATUSES: Statuses = (
    ("To do", "default", "To-do"), ("In progress", "blue", "In progress"),
    ("Done", "green", "Complete"), ("Cancelled", "gray", "Complete"),
)  # fmt: skip
"""Task status options: name, colour, group."""
OPEN_EPIC_STATUSES = frozenset({"Not started", "Planned", "In progress", "Blocked"})
OPEN_TASK_STATUSES = frozenset({"To do", "In progress"})
TYPES: Colored = (("Build", "blue"), ("Run", "purple"), ("Ad hoc", "orange"))
PRIORITIES: Colored = (("P0", "red"), ("P1", "orange"), ("P2", "yellow"), ("P3", "gray"))
LEVELS: Colored = (("North Star", "purple"), ("Epic", "blue"))
UNITS: Colored = (
    ("%", "green"), ("hours", "blue"), ("days", "orange"), ("count", "gray"),
    ("score", "pink"), ("accounts", "brown"),
)  # fmt: skip

NOMINAL_DAYS = 45
"""Timeline marks run from -45 (the quarter's first day) to +45 (its last day); 0 is today."""
MIN_SPAN_DAYS = 14
"""Real days a half of the timeline covers at least: near a quarter's edge, dates spill over."""
WORKDAY_START = time(9, 0)


# -- the timeline --------------------------------------------------------------------------


def quarter_of(day: date) -> tuple[str, date, date]:
    """``("2026-Q4", first day, last day)`` of the calendar quarter holding ``day``."""
    index = (day.month - 1) // 3
    first = date(day.year, 3 * index + 1, 1)
    following = date(day.year + (index == 3), (3 * index + 3) % 12 + 1, 1)
    return f"{day.year}-Q{index + 1}", first, following - timedelta(days=1)


def moment(day: date, hour: int = 9, minute: int = 0) -> float:
    """Epoch seconds of ``day`` at ``hour:minute`` UTC."""
    return datetime.combine(day, time(hour, minute), UTC).timestamp()


@dataclass(frozen=True)
class Timeline:
    """The quarter around ``today``, with marks that keep their side of today.

    A negative mark is always a day before today and a positive one a day after, so whether a
    date is past (overdue, done) never depends on where ``today`` falls in the quarter. Marks
    spread over the days actually elapsed and remaining, at least ``MIN_SPAN_DAYS`` each way.
    """

    today: date
    quarter: str
    start: date
    end: date
    previous: tuple[str, date, date]
    following: tuple[str, date, date]

    @classmethod
    def around(cls, today: date) -> Timeline:
        label, start, end = quarter_of(today)
        return cls(
            today, label, start, end, quarter_of(start - timedelta(days=1)),
            quarter_of(end + timedelta(days=1)),
        )  # fmt: skip

    @property
    def now(self) -> float:
        """Today at the start of the working day, UTC: the seeds' clock."""
        return datetime.combine(self.today, WORKDAY_START, UTC).timestamp()

    @property
    def quarters(self) -> tuple[str, str, str]:
        return self.previous[0], self.quarter, self.following[0]

    def day(self, mark: int) -> date:
        """The date of ``mark`` (-45..45): the sign says past, today or future."""
        if not -NOMINAL_DAYS <= mark <= NOMINAL_DAYS:
            raise ValueError(f"timeline mark {mark} is outside -{NOMINAL_DAYS}..{NOMINAL_DAYS}")
        if mark == 0:
            return self.today
        elapsed = max((self.today - self.start).days, MIN_SPAN_DAYS)
        remaining = max((self.end - self.today).days, MIN_SPAN_DAYS)
        span = elapsed if mark < 0 else remaining
        offset = max(1, round(abs(mark) * span / NOMINAL_DAYS))
        return self.today + timedelta(days=offset if mark > 0 else -offset)

    @property
    def planning(self) -> date:
        """When the quarter was planned: a week before its earliest date."""
        return self.day(-NOMINAL_DAYS) - timedelta(days=7)


# -- request forms of property values ------------------------------------------------------


def title(content: str) -> Json:
    return {"title": [{"text": {"content": content}}]}


def text(content: str | None) -> Json:
    return {"rich_text": [{"text": {"content": content}}] if content else []}


def people(*user_ids: str | None) -> Json:
    return {"people": [{"id": user_id} for user_id in user_ids if user_id]}


def relation(*page_ids: str | None) -> Json:
    return {"relation": [{"id": page_id} for page_id in page_ids if page_id]}


def select(name: str | None) -> Json:
    return {"select": {"name": name} if name else None}


def status(name: str) -> Json:
    return {"status": {"name": name}}


def number(value: float | None) -> Json:
    return {"number": value}


def dates(start: date | None, end: date | None = None) -> Json:
    if start is None:
        return {"date": None}
    return {"date": {"start": start.isoformat(), "end": end.isoformat() if end else None}}


# -- the four databases --------------------------------------------------------------------


def _options(kind: str, options: Colored) -> Json:
    return {kind: {"options": [{"name": name, "color": color} for name, color in options]}}


def _number(fmt: str = "number") -> Json:
    return {"number": {"format": fmt}}


def _dual(data_source_id: str, synced_name: str) -> Json:
    return {
        "relation": {
            "data_source_id": data_source_id,
            "type": "dual_property",
            "dual_property": {"synced_property_name": synced_name},
        }
    }


def _outputs() -> Json:
    """Progress, Health and Flags: written by Quarterdeck on streams and epics."""
    return {
        "Progress": _number("percent"),
        "Health": _options("select", HEALTH),
        "Flags": {"multi_select": {"options": []}},
    }


def stream_schema() -> Json:
    return {"Name": {"title": {}}, "Owner": {"people": {}}, "Description": {"rich_text": {}}} | (
        _outputs()
    )


def epic_schema(streams: str, quarters: tuple[str, ...]) -> Json:
    """Epics; the Stream relation adds "Epics" to Streams. Tasks comes with the Tasks database."""
    colored = tuple((name, "default") for name in quarters)
    filled_in: Json = {
        "Name": {"title": {}}, "Stream": _dual(streams, "Epics"), "Owner": {"people": {}},
        "Contributors": {"people": {}}, "Status": {"status": {}}, "Dates": {"date": {}},
        "Quarter": _options("select", colored), "Type": _options("select", TYPES),
        "Priority": _options("select", PRIORITIES), "Estimate": _number(),
        "Deliverables": {"rich_text": {}}, "KPI": {"rich_text": {}},
        "KPI baseline": _number(), "KPI target": _number(), "KPI current": _number(),
    }  # fmt: skip
    outputs = _outputs() | {
        "Tasks done": _number(), "Tasks open": _number(), "Overdue tasks": _number(),
        "KPI attainment": _number("percent"), "Next due": {"date": {}},
    }  # fmt: skip
    return filled_in | outputs


def task_schema(epics: str) -> Json:
    return {
        "Name": {"title": {}}, "Epic": _dual(epics, "Tasks"), "Assignee": {"people": {}},
        "Status": {"status": {}}, "Due": {"date": {}}, "Estimate": _number(),
        "Flags": {"multi_select": {"options": []}},
    }  # fmt: skip


def key_result_schema(epics: str) -> Json:
    return {
        "Name": {"title": {}}, "Level": _options("select", LEVELS),
        "Epic": {"relation": {"data_source_id": epics, "type": "single_property"}},
        "Baseline": _number(), "Target": _number(), "Current": _number(),
        "Unit": _options("select", UNITS), "Check-in date": {"date": {}},
        "Attainment": _number("percent"),
    }  # fmt: skip


@dataclass(frozen=True)
class Roadmap:
    """Data source ids of the four databases, and the page that holds them."""

    root: str
    streams: str
    epics: str
    tasks: str
    key_results: str


def create_roadmap(workshop: Workshop, root: str, quarters: tuple[str, ...]) -> Roadmap:
    """The four databases under ``root``, status options set up as a person does in the app."""
    _, streams = workshop.add_database(root, "Streams", stream_schema())
    _, epics = workshop.add_database(root, "Epics", epic_schema(streams, quarters))
    _, tasks = workshop.add_database(root, "Tasks", task_schema(epics))
    _, key_results = workshop.add_database(root, "Key results", key_result_schema(epics))
    workshop.set_status_options(epics, "Status", list(EPIC_STATUSES))
    workshop.set_status_options(tasks, "Status", list(TASK_STATUSES))
    return Roadmap(root, streams, epics, tasks, key_results)


# -- a workshop whose clock follows the rows --------------------------------------------------


class Seeder:
    """A workshop whose clock is set to each row's time, so relation back-links and block
    timestamps written on the way carry that time too, not the day the seed runs.

    The workspace (root page and databases) was set up two weeks before the previous quarter.
    """

    def __init__(self, seed: str, timeline: Timeline) -> None:
        self.timeline = timeline
        self.clock = ManualClock(moment(timeline.previous[1] - timedelta(days=14)))
        self.workshop = Workshop.new(seed=seed, clock=self.clock)

    def person(self, name: str, email: str) -> str:
        return self.workshop.add_user(name, email)

    def roadmap(self) -> Roadmap:
        root = self.workshop.add_page(ROOT_PAGE_TITLE)
        return create_roadmap(self.workshop, root, self.timeline.quarters)

    def row(
        self,
        source: str,
        values: Json,
        *,
        actor: str,
        at: float,
        edited: float | None = None,
        body: list[Json] | None = None,
    ) -> str:
        """A row ``actor`` created at ``at``; ``edited``: when they last touched it (the cheap
        way, without replaying the edit)."""
        self.clock.now = at
        page_id = self.workshop.add_row(source, values, actor=actor, at=at, children=body)
        if edited is not None:
            self.workshop.workspace.pages[page_id].last_edited_time = edited
        return page_id

    def edit(self, page_id: str, values: Json, *, actor: str, at: float) -> None:
        self.clock.now = at
        self.workshop.edit(page_id, values, actor=actor, at=at)

    def finish(self) -> Workspace:
        """The workspace, its clock back at today 09:00 UTC."""
        self.clock.now = self.timeline.now
        return self.workshop.workspace
