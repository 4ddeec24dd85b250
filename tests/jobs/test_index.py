"""The roadmap index: links built from the single-valued side, the quarter in view."""

from __future__ import annotations

from datetime import date

import pytest

from jobs.index import RoadmapIndex, due_day, is_overdue
from jobs.quarters import Quarter
from schemas.models import Epic, Task
from tests.jobs.builders import (
    PIPELINE,
    ROUTING,
    TODAY,
    day,
    done,
    dropped,
    epic,
    key_result,
    snapshot,
    span,
    task,
)


def test_an_epics_tasks_come_from_the_tasks_epic_relation() -> None:
    big = epic("CRM data hygiene (run)")
    tasks = [task(f"Clean-up {n}", of=big) for n in range(30)]
    index = RoadmapIndex.build(snapshot(big, *tasks), TODAY)
    assert index.tasks_of(big) == tuple(tasks)
    assert index.tasks_of(epic("Other")) == ()


def test_a_task_in_two_epics_is_listed_in_both_once() -> None:
    first, second = epic("First"), epic("Second")
    shared = task("Shared", epic_ids=(first.id, second.id, first.id))
    index = RoadmapIndex.build(snapshot(first, second, shared), TODAY)
    assert index.tasks_of(first) == index.tasks_of(second) == (shared,)


def test_a_streams_epics_come_from_the_epics_stream_relation() -> None:
    both = epic("Both", stream_ids=(PIPELINE.id, ROUTING.id))
    one = epic("One")
    index = RoadmapIndex.build(snapshot(PIPELINE, ROUTING, both, one), TODAY)
    assert index.epics_of(PIPELINE) == (both, one)
    assert index.epics_of(ROUTING) == (both,)


def test_epics_of_the_current_quarter() -> None:
    now, undated = epic("Now"), epic("Undated", quarter=None, dates=None)
    later = epic("Later", quarter="2027-Q1")
    index = RoadmapIndex.build(snapshot(now, undated, later), TODAY)
    assert index.quarter == Quarter(2026, 4)
    assert index.epics_this_quarter == (now,)
    assert index.epics_in_scope == (now, undated)


def test_the_quarter_follows_the_fiscal_year() -> None:
    index = RoadmapIndex.build(snapshot(epic(quarter="2026-Q3")), date(2026, 11, 16), 4)
    assert index.quarter.label == "2026-Q3"
    assert len(index.epics_this_quarter) == 1


def test_pages_by_id() -> None:
    scoring, chore, result = epic(), task(), key_result()
    index = RoadmapIndex.build(snapshot(PIPELINE, scoring, chore, result), TODAY)
    assert index.page(scoring.id) is scoring
    assert index.page(chore.id) is chore
    assert index.page(PIPELINE.id) is PIPELINE
    assert index.page(result.id) is result
    assert index.page("nope") is None


@pytest.mark.parametrize(
    ("item", "overdue"),
    [
        pytest.param(task(due=span(-1)), True, id="task-due-yesterday"),
        pytest.param(task(due=span(0)), False, id="task-due-today"),
        pytest.param(task(due=span(-9, -1)), True, id="task-range-ended-yesterday"),
        pytest.param(task(due=span(-9, 0)), False, id="task-range-ends-today"),
        pytest.param(task(due=None), False, id="task-undated"),
        pytest.param(task(due=span(-1), state=None, status=None), True, id="task-no-status"),
        pytest.param(done(task(due=span(-1))), False, id="task-done"),
        pytest.param(dropped(task(due=span(-1))), False, id="task-dropped"),
        pytest.param(epic(dates=span(-30, -1)), True, id="epic-ended-yesterday"),
        pytest.param(epic(dates=span(-1)), True, id="epic-one-date-yesterday"),
        pytest.param(epic(dates=span(-30, 0)), False, id="epic-ends-today"),
        pytest.param(done(epic(dates=span(-30, -1))), False, id="epic-done"),
    ],
)
def test_overdue_means_open_and_due_before_today(item: Epic | Task, overdue: bool) -> None:
    assert is_overdue(item, TODAY) is overdue


def test_an_items_due_day_is_the_end_of_its_range() -> None:
    assert due_day(task(due=span(-9, -1))) == day(-1)
    assert due_day(epic(dates=span(-30))) == day(-30)
    assert due_day(task(due=None)) is None
