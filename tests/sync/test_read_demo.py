"""The demo quarter read whole: every row, every link, the planted oddities, and the cost."""

from __future__ import annotations

from collections import Counter

import pytest

from emulator import Emulator, build
from emulator.seeds.demo import PLANTED_PROBLEMS
from schemas.models import DateSpan, Snapshot, State
from sync.progress import Silent
from sync.reader import Reading, read
from tests.sync.workspaces import (
    TODAY,
    Expected,
    calls,
    gateway_for,
    settings_for,
    stored_links,
    unlimited,
)

DEMO_ROWS = {"streams": 6, "epics": 25, "tasks": 143, "key_results": 7}
"""26 epics, one of them in the trash; 7 users: six people and the integration's bot."""


@pytest.fixture(scope="module")
def demo() -> tuple[Emulator, Reading]:
    emulator = unlimited(build("demo", today=TODAY))
    settings = settings_for(emulator.store.workspace)
    return emulator, read(gateway_for(emulator, settings), settings, progress=Silent())


@pytest.fixture(scope="module")
def snapshot(demo: tuple[Emulator, Reading]) -> Snapshot:
    return demo[1].snapshot


def by_title(entities: tuple[object, ...], title: str) -> object:
    found = [e for e in entities if getattr(e, "title", None) == title]
    assert len(found) == 1, f"{len(found)} rows titled {title!r}"
    return found[0]


def titles_of(kind: str) -> set[str]:
    return {p.entity for p in PLANTED_PROBLEMS if p.kind == kind}


def test_every_row_is_read(snapshot: Snapshot) -> None:
    counts = {
        "streams": len(snapshot.streams),
        "epics": len(snapshot.epics),
        "tasks": len(snapshot.tasks),
        "key_results": len(snapshot.key_results),
    }
    assert counts == DEMO_ROWS
    assert snapshot.has_key_results
    assert snapshot.problems == ()
    assert snapshot.schema_problems == ()


def test_the_read_costs_one_query_per_100_rows_plus_resolution_users_and_the_trashed_epic(
    demo: tuple[Emulator, Reading],
) -> None:
    emulator, reading = demo
    expected = Expected(DEMO_ROWS, users=7)
    assert calls(emulator) == {
        "databases": 4,
        "data_sources": 4,
        "queries": expected.queries,  # 1 + 1 + 2 + 1
        "users": expected.user_calls,
        "pages": 1,  # the trashed epic a task still points at
        "property_items": 0,
        "total": 15,
    }
    assert reading.calls == 15
    assert {r.status for r in emulator.log} == {200}


def test_the_30_task_epic_has_all_its_tasks_without_paging_its_relation(
    demo: tuple[Emulator, Reading], snapshot: Snapshot
) -> None:
    emulator, _ = demo
    epic = by_title(snapshot.epics, "CRM data hygiene (run)")
    tasks = [t for t in snapshot.tasks if epic.id in t.epic_ids]  # type: ignore[attr-defined]
    assert len(tasks) == 30
    assert len(emulator.requests("GET", "/properties/")) == 0


def test_every_task_keeps_the_epic_notion_holds(demo: tuple[Emulator, Reading]) -> None:
    emulator, reading = demo
    links = stored_links(emulator.store.workspace, "Tasks", "Epic")
    assert {t.id: list(t.epic_ids) for t in reading.snapshot.tasks} == links
    per_epic = Counter(e for t in reading.snapshot.tasks for e in t.epic_ids)
    held = stored_links(emulator.store.workspace, "Epics", "Tasks")
    assert {e: n for e, n in per_epic.items() if e in held} == {
        e: len(ts) for e, ts in held.items() if ts
    }


def test_orphan_tasks_have_no_epic(snapshot: Snapshot) -> None:
    orphans = {t.title for t in snapshot.tasks if not t.epic_ids}
    assert orphans == titles_of("orphan_task")


def test_a_task_whose_epic_is_in_the_trash_points_at_a_missing_trashed_page(
    snapshot: Snapshot,
) -> None:
    task = by_title(snapshot.tasks, "Map legacy contact roles")
    (epic_id,) = task.epic_ids  # type: ignore[attr-defined]
    assert epic_id not in {e.id for e in snapshot.epics}
    missing = snapshot.missing[epic_id]
    assert (missing.reason, missing.title) == ("trashed", "Contact roles migration")
    assert list(snapshot.missing) == [epic_id]


def test_planted_epic_oddities_read_as_written(snapshot: Snapshot) -> None:
    epics = snapshot.epics
    unowned = by_title(epics, "MQL to SQL definition with marketing")
    assert unowned.owner_ids == ()  # type: ignore[attr-defined]
    assert unowned.contributor_ids  # type: ignore[attr-defined]
    assert by_title(epics, "Product usage data in the CRM").stream_ids == ()  # type: ignore[attr-defined]
    assert by_title(epics, "Churn signals report").dates is None  # type: ignore[attr-defined]
    reversed_dates = by_title(epics, "Quarterly business review pack").dates  # type: ignore[attr-defined]
    assert isinstance(reversed_dates, DateSpan)
    assert reversed_dates.last_day < reversed_dates.start
    no_target = by_title(epics, "Data quality scorecard")
    assert (no_target.kpi_baseline, no_target.kpi_target, no_target.kpi_current) == (61, None, 66)  # type: ignore[attr-defined]
    dropped = by_title(epics, "Territory planning tool evaluation")
    assert (dropped.status, dropped.state) == ("Dropped", State.DROPPED)  # type: ignore[attr-defined]
    blocked = by_title(epics, "CPQ quote templates")
    assert (blocked.status, blocked.state) == ("Blocked", State.IN_PROGRESS)  # type: ignore[attr-defined]
    assert sum(e.title == "Lead scoring v1" for e in epics) == 2


def test_statuses_follow_notions_status_groups(snapshot: Snapshot) -> None:
    epic_states = {(e.status, e.state) for e in snapshot.epics}
    assert epic_states == {
        ("Not started", State.NOT_STARTED), ("Planned", State.NOT_STARTED),
        ("In progress", State.IN_PROGRESS), ("Blocked", State.IN_PROGRESS),
        ("Done", State.DONE), ("Dropped", State.DROPPED),
    }  # fmt: skip
    task_states = {(t.status, t.state) for t in snapshot.tasks}
    assert ("Cancelled", State.DROPPED) in task_states
    assert ("To do", State.NOT_STARTED) in task_states


def test_people_have_names_and_owners_are_theirs(snapshot: Snapshot) -> None:
    stream = by_title(snapshot.streams, "Pipeline & forecasting")
    assert [snapshot.person_name(p) for p in stream.owner_ids] == ["Camille Martin"]  # type: ignore[attr-defined]
    assert snapshot.people[stream.owner_ids[0]].email == "camille@example.com"  # type: ignore[attr-defined]
    overloaded = Counter(
        snapshot.person_name(o) for e in snapshot.epics if e.state and e.state.is_open
        for o in e.owner_ids if e.quarter == "2026-Q4"
    )  # fmt: skip
    assert overloaded.most_common(1)[0] == ("Julien Moreau", 6)


def test_quarters_and_key_results(snapshot: Snapshot) -> None:
    assert {e.quarter for e in snapshot.epics} == {"2026-Q3", "2026-Q4"}
    levels = Counter(k.level for k in snapshot.key_results)
    assert levels == {"North Star": 1, "Epic": 6}
    assert all(k.check_in is not None and k.target is not None for k in snapshot.key_results)


def test_schemas_and_outputs_are_exposed_for_doctor_and_the_writer(
    demo: tuple[Emulator, Reading],
) -> None:
    _, reading = demo
    epics = reading.schemas["epics"]
    assert epics.title == "Epics"
    assert epics.types["Dates"] == "date"
    assert epics.properties["Status"].groups["Dropped"] == "Complete"
    assert epics.properties["Status"].options[:2] == ("Not started", "Planned")
    some_epic = reading.snapshot.epics[0].id
    assert set(reading.outputs[some_epic]) >= {"progress", "health", "flags", "next_due"}
