"""The roadmap index: links built from the single-valued side, the quarter in view."""

from __future__ import annotations

from datetime import date

from jobs.index import RoadmapIndex
from jobs.quarters import Quarter
from tests.jobs.builders import PIPELINE, ROUTING, TODAY, epic, key_result, snapshot, task


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
