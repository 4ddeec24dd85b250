"""The demo and scale seeds: deterministic, the right size, and honest about their problems.

Each planted problem kind has a detector below that scans the whole demo workspace; a kind's
detector must find exactly the entities ``PLANTED_PROBLEMS`` lists for it, so the planted set
is the whole set. Records are read straight from the ``Workspace``; the 25-reference
truncation is checked through the emulator's API with the real ``notion_client``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import notion_client
import pytest

from emulator import Emulator, ManualClock, build, emulator_transport
from emulator.dates import to_datetime
from emulator.richtext import plain_text
from emulator.seeds import ROOT_PAGE_TITLE
from emulator.seeds.demo import PLANTED_PROBLEMS, build_demo
from emulator.seeds.scale import (
    ORPHAN_EVERY,
    UNOWNED_EVERY,
    build_scale,
    epic_count,
    people_count,
)
from emulator.seeds.schema import NOMINAL_DAYS, OPEN_EPIC_STATUSES, OPEN_TASK_STATUSES, Timeline
from emulator.state import Workspace

TODAY = date(2026, 11, 12)
EDGE_DAYS = (date(2026, 10, 1), date(2026, 12, 31), date(2027, 2, 28), date(2028, 2, 29))
"""A quarter's first and last days, and leap-year ends of February."""
STALE_AFTER = timedelta(days=21)
DAY = 86_400.0


@dataclass(frozen=True)
class Row:
    """A database row with its values by property name, in plain form."""

    id: str
    title: str
    values: dict[str, Any]
    created: float
    edited: float
    in_trash: bool

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


class View:
    """The rows of a seeded workspace by database title, for the detectors."""

    def __init__(self, workspace: Workspace, today: date) -> None:
        self.workspace = workspace
        self.timeline = Timeline.around(today)
        self.tables: dict[str, list[Row]] = {}
        for source in workspace.data_sources.values():
            rows = [
                _row(workspace, source.id, page_id) for page_id in _pages_of(workspace, source.id)
            ]
            self.tables[plain_text(source.title)] = rows
        self.by_id = {row.id: row for rows in self.tables.values() for row in rows}

    def live(self, table: str) -> list[Row]:
        return [row for row in self.tables[table] if not row.in_trash]

    def epics_this_quarter(self) -> list[Row]:
        return [e for e in self.live("Epics") if e["Quarter"] == self.timeline.quarter]

    def epic_of(self, task: Row) -> Row | None:
        return self.by_id[task["Epic"][0]] if task["Epic"] else None

    def epic_status(self, task: Row) -> str | None:
        """The status of the task's epic; ``(trash)`` when that epic is in the trash."""
        epic = self.epic_of(task)
        if epic is None:
            return None
        return "(trash)" if epic.in_trash else epic["Status"]

    def tasks_of(self, epic: Row) -> list[Row]:
        return [self.by_id[task_id] for task_id in epic["Tasks"]]

    def person(self, user_id: str) -> str:
        return self.workspace.users[user_id].name


def _pages_of(workspace: Workspace, source_id: str) -> Iterator[str]:
    return (p.id for p in workspace.pages.values() if p.parent.get("data_source_id") == source_id)


def _row(workspace: Workspace, source_id: str, page_id: str) -> Row:
    source, page = workspace.data_sources[source_id], workspace.pages[page_id]
    values: dict[str, Any] = {}
    for schema in source.properties.values():
        raw = page.properties.get(schema.id)
        if schema.type in ("title", "rich_text"):
            raw = plain_text(raw or [])
        elif schema.type in ("select", "status"):
            names = {o["id"]: o["name"] for o in schema.config["options"]}
            raw = names.get(raw) if raw else None
        values[schema.name] = raw
    return Row(
        page.id, values["Name"], values, page.created_time, page.last_edited_time, page.in_trash
    )


def _day(value: dict[str, Any] | None, key: str = "start") -> date | None:
    stamp = value.get(key) if value else None
    return to_datetime(stamp).date() if stamp else None


def _before(first: date | None, second: date | None) -> bool:
    return first is not None and second is not None and first < second


def _is_open(task: Row) -> bool:
    return task["Status"] in OPEN_TASK_STATUSES


# -- detectors: every entity of the demo that has the problem --------------------------------

Detector = Callable[[View], list[str]]
Test = Callable[[View, Row], bool]
RUNNING = ("In progress", "Blocked")


def _where(table: str, test: Test) -> Detector:
    return lambda demo: [row.title for row in demo.live(table) if test(demo, row)]


def _overdue(demo: View, task: Row) -> bool:
    return _is_open(task) and _before(_day(task["Due"]), demo.timeline.today)


def _late(demo: View, epic: Row) -> bool:
    ended = _before(_day(epic["Dates"], "end"), demo.timeline.today)
    return epic["Status"] in OPEN_EPIC_STATUSES and ended


def _stale(demo: View, task: Row) -> bool:
    untouched = demo.timeline.now - task.edited >= STALE_AFTER.total_seconds()
    return task["Status"] == "In progress" and untouched


def _idle(demo: View, stream: Row) -> bool:
    return all(stream.id not in epic["Stream"] for epic in demo.epics_this_quarter())


def _overloaded(demo: View) -> list[str]:
    open_epics = (e for e in demo.epics_this_quarter() if e["Status"] in OPEN_EPIC_STATUSES)
    load = Counter(owner for epic in open_epics for owner in epic["Owner"])
    return [demo.person(owner) for owner, count in load.items() if count > 3]


def _duplicates(demo: View) -> list[str]:
    titles = Counter(e.title for e in demo.epics_this_quarter())
    return [title for title, count in titles.items() for _ in range(count) if count > 1]


DETECTORS: dict[str, Detector] = {
    "orphan_task": _where("Tasks", lambda d, t: not t["Epic"]),
    "task_epic_in_trash": _where("Tasks", lambda d, t: d.epic_status(t) == "(trash)"),
    "task_overdue": _where("Tasks", _overdue),
    "task_open_in_done_epic": _where(
        "Tasks", lambda d, t: _is_open(t) and d.epic_status(t) == "Done"
    ),
    "task_stale_in_progress": _where("Tasks", _stale),
    "task_without_assignee": _where("Tasks", lambda d, t: _is_open(t) and not t["Assignee"]),
    "epic_without_owner": _where("Epics", lambda d, e: not e["Owner"]),
    "epic_without_stream": _where("Epics", lambda d, e: not e["Stream"]),
    "epic_without_kpi": _where("Epics", lambda d, e: not e["KPI"]),
    "kpi_without_target": _where("Epics", lambda d, e: bool(e["KPI"]) and e["KPI target"] is None),
    "kpi_target_equals_baseline": _where(
        "Epics", lambda d, e: e["KPI target"] is not None and e["KPI target"] == e["KPI baseline"]
    ),
    "epic_without_dates": _where("Epics", lambda d, e: e["Dates"] is None),
    "epic_end_before_start": _where(
        "Epics", lambda d, e: _before(_day(e["Dates"], "end"), _day(e["Dates"]))
    ),
    "epic_overdue": _where("Epics", _late),
    "epic_over_25_tasks": _where("Epics", lambda d, e: len(e["Tasks"]) > 25),
    "epic_dropped": _where("Epics", lambda d, e: e["Status"] == "Dropped"),
    "epic_blocked": _where("Epics", lambda d, e: e["Status"] == "Blocked"),
    "epic_done_with_open_tasks": _where(
        "Epics", lambda d, e: e["Status"] == "Done" and any(map(_is_open, d.tasks_of(e)))
    ),
    "epic_in_progress_without_tasks": _where(
        "Epics", lambda d, e: e["Status"] in RUNNING and not e["Tasks"]
    ),
    "stream_without_epic_this_quarter": _where("Streams", _idle),
    "owner_overloaded": _overloaded,
    "duplicate_epic_title": _duplicates,
}
"""Problem kind -> the entities (titles, or owners' names) that have it, with repeats."""


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> View:
    return View(build_demo(TODAY), TODAY)


@pytest.fixture(scope="module", params=(TODAY, *EDGE_DAYS), ids=str)
def any_day_demo(request: pytest.FixtureRequest) -> View:
    today: date = request.param
    return View(build_demo(today), today)


@pytest.fixture
def client(demo: View) -> Iterator[notion_client.Client]:
    emulator = Emulator(demo.workspace, clock=ManualClock(demo.timeline.now))
    with httpx.Client(transport=emulator_transport(emulator)) as http:
        yield notion_client.Client(auth="t", base_url="http://emulator", client=http)


def _same(first: Workspace, second: Workspace) -> bool:
    return json.dumps(first.to_json(), sort_keys=True) == json.dumps(
        second.to_json(), sort_keys=True
    )


def _planted(kind: str) -> Counter[str]:
    return Counter(p.entity for p in PLANTED_PROBLEMS if p.kind == kind)


# -- determinism and size --------------------------------------------------------------------


def test_demo_is_the_same_for_the_same_day() -> None:
    assert _same(build_demo(TODAY), build("demo", today=TODAY))


def test_demo_differs_from_one_day_to_the_next() -> None:
    assert not _same(build_demo(TODAY), build_demo(TODAY + timedelta(days=1)))


def test_demo_has_a_six_person_team_and_the_four_databases(demo: View) -> None:
    people = [u for u in demo.workspace.users.values() if u.type == "person"]
    assert len(people) == 6
    assert all(p.email for p in people)
    assert sorted(demo.tables) == ["Epics", "Key results", "Streams", "Tasks"]
    root = next(p for p in demo.workspace.pages.values() if p.parent["type"] == "workspace")
    assert plain_text(root.properties["title"]) == ROOT_PAGE_TITLE
    assert root.shared


def test_demo_counts(demo: View) -> None:
    assert len(demo.live("Streams")) == 6
    assert len(demo.tables["Epics"]) == 26
    assert len(demo.epics_this_quarter()) == 24
    assert len(demo.live("Tasks")) == 143
    levels = Counter(kr["Level"] for kr in demo.live("Key results"))
    assert levels == {"North Star": 1, "Epic": 6}


def test_demo_api_lists_live_rows_only(client: notion_client.Client, demo: View) -> None:
    source = next(s for s in demo.workspace.data_sources.values() if plain_text(s.title) == "Epics")
    first = client.data_sources.query(data_source_id=source.id, page_size=100)
    assert len(first["results"]) == 25  # the trashed epic is not listed
    assert first["has_more"] is False


# -- the planted problems, and nothing else --------------------------------------------------


def test_every_planted_kind_has_a_detector() -> None:
    assert {p.kind for p in PLANTED_PROBLEMS} == set(DETECTORS)


@pytest.mark.parametrize("kind", sorted(DETECTORS))
def test_planted_problem_is_there_and_alone_of_its_kind(any_day_demo: View, kind: str) -> None:
    assert Counter(DETECTORS[kind](any_day_demo)) == _planted(kind)


def test_big_epic_relation_is_truncated_in_its_page_object(
    client: notion_client.Client, demo: View
) -> None:
    (epic,) = (e for e in demo.live("Epics") if len(e["Tasks"]) > 25)
    page = client.pages.retrieve(page_id=epic.id)
    tasks = page["properties"]["Tasks"]
    assert (len(tasks["relation"]), tasks["has_more"]) == (25, True)
    listed: list[str] = []
    cursor: str | None = None
    while True:
        more = {"start_cursor": cursor} if cursor else {}
        items = client.pages.properties.retrieve(
            page_id=epic.id, property_id=tasks["id"], page_size=10, **more
        )
        listed += [item["relation"]["id"] for item in items["results"]]
        cursor = items["next_cursor"]
        if cursor is None:
            break
    assert listed == epic["Tasks"]
    assert len(listed) == 30


def test_other_epics_are_not_truncated(client: notion_client.Client, demo: View) -> None:
    epic = next(e for e in demo.live("Epics") if 0 < len(e["Tasks"]) <= 25)
    page = client.pages.retrieve(page_id=epic.id)
    assert page["properties"]["Tasks"]["has_more"] is False


# -- the rest is clean -----------------------------------------------------------------------


def test_started_epics_with_a_kpi_have_all_three_numbers(demo: View) -> None:
    started = [e for e in demo.live("Epics") if e["Status"] not in ("Planned", "Not started")]
    measured = [e for e in started if e["KPI"]]
    assert all(e["KPI baseline"] is not None and e["KPI current"] is not None for e in measured)
    assert all(e["Type"] and e["Priority"] and e["Estimate"] and e["Deliverables"] for e in started)
    assert all(e["Contributors"] for e in demo.live("Epics"))


def test_statuses_fit_the_calendar(any_day_demo: View) -> None:
    today = any_day_demo.timeline.today
    for epic in any_day_demo.live("Epics"):
        start, end = _day(epic["Dates"]), _day(epic["Dates"], "end")
        if start is None or end is None or end < start:
            continue
        if epic["Status"] == "Done":
            assert end < today, epic.title
        elif epic["Status"] in ("Planned", "Not started"):
            assert start > today, epic.title
        else:
            assert start < today, epic.title


def test_task_due_dates_fall_inside_their_epic(any_day_demo: View) -> None:
    for task in any_day_demo.live("Tasks"):
        epic = any_day_demo.epic_of(task)
        start = _day(epic["Dates"]) if epic else None
        end = _day(epic["Dates"], "end") if epic else None
        due = _day(task["Due"])
        assert due is not None, task.title
        if start is not None and end is not None and start <= end:
            assert start <= due <= end, task.title
        if task["Status"] == "Done":
            assert due < any_day_demo.timeline.today, task.title


def test_timestamps_are_ordered_and_not_in_the_future(any_day_demo: View) -> None:
    now = any_day_demo.timeline.now
    workspace = any_day_demo.workspace
    for page in workspace.pages.values():
        assert page.created_time <= page.last_edited_time <= now, page.id
    first_row = min(row.created for row in any_day_demo.by_id.values())
    assert all(db.created_time < first_row for db in workspace.databases.values())
    running = [t for t in any_day_demo.live("Tasks") if t["Status"] == "In progress"]
    recent = [t for t in running if now - t.edited < 7 * DAY]
    assert len(recent) == len(running) - 1  # the stale one


def test_epics_carry_a_scope_section(demo: View) -> None:
    epic = next(e for e in demo.live("Epics") if e.title == "Lead response SLA")
    blocks = [demo.workspace.blocks[i] for i in demo.workspace.pages[epic.id].children]
    assert [b.type for b in blocks] == ["heading_2", *["bulleted_list_item"] * 3]


# -- the timeline ----------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2026, 2028])
def test_timeline_marks_keep_their_side_of_today(year: int) -> None:
    for offset in range(0, 366, 3):
        timeline = Timeline.around(date(year, 1, 1) + timedelta(days=offset))
        days = [timeline.day(mark) for mark in range(-NOMINAL_DAYS, NOMINAL_DAYS + 1)]
        assert days == sorted(days)
        assert days[NOMINAL_DAYS] == timeline.today
        assert days[NOMINAL_DAYS - 1] < timeline.today < days[NOMINAL_DAYS + 1]
        if (timeline.today - timeline.start).days >= 14:
            assert days[0] == timeline.start
        if (timeline.end - timeline.today).days >= 14:
            assert days[-1] == timeline.end


def test_quarter_labels() -> None:
    timeline = Timeline.around(date(2026, 12, 31))
    assert timeline.quarters == ("2026-Q3", "2026-Q4", "2027-Q1")
    assert (timeline.start, timeline.end) == (date(2026, 10, 1), date(2026, 12, 31))


# -- scale -----------------------------------------------------------------------------------


def _check_scale(workspace: Workspace, n: int) -> View:
    view = View(workspace, TODAY)
    people = [u for u in workspace.users.values() if u.type == "person"]
    assert len(people) == people_count(n)
    assert 6 <= len(people) <= 20
    assert len(view.live("Streams")) == 8
    epics, tasks = view.live("Epics"), view.live("Tasks")
    assert len(epics) == epic_count(n) == max(1, n // 33)
    assert len(tasks) == n
    assert sum(len(e["Tasks"]) for e in epics) == n - n // ORPHAN_EVERY
    assert sum(1 for t in tasks if not t["Epic"]) == n // ORPHAN_EVERY
    return view


@pytest.mark.parametrize("n", [1, 330, 2000])
def test_scale_proportions(n: int) -> None:
    view = _check_scale(build_scale(n, TODAY), n)
    epics = view.live("Epics")
    assert {e["Quarter"] for e in epics} == {view.timeline.quarter}
    if n >= 330:
        assert any(len(e["Tasks"]) > 25 for e in epics)
        assert any(len(e["Tasks"]) <= 25 for e in epics)
        assert sum(1 for e in epics if not e["Owner"]) == len(epics) // UNOWNED_EVERY
        assert DETECTORS["task_overdue"](view)


def test_scale_is_deterministic() -> None:
    assert _same(build_scale(330, TODAY), build("scale:330", today=TODAY))


def test_scale_refuses_a_non_positive_count() -> None:
    with pytest.raises(ValueError, match="positive"):
        build_scale(0, TODAY)


@pytest.mark.slow
def test_scale_20000() -> None:
    _check_scale(build_scale(20_000, TODAY), 20_000)
