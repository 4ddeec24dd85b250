"""Rollups: every figure matches the one computed by hand, case by named case.

The epic and stream tables are in :mod:`tests.jobs.fixtures.rollup_cases`. Dates are relative
to ``TODAY`` (Monday 16 Nov 2026, in 2026-Q4); ``NOVEMBER`` epics are exactly half gone.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from jobs.index import RoadmapIndex
from jobs.rollups import attainment, compute_rollups, time_elapsed, weighted_progress
from schemas.health import Health
from schemas.models import DateSpan, KeyResult, Snapshot, Stream
from tests.jobs.builders import (
    PIPELINE,
    ROUTING,
    TODAY,
    day,
    done,
    dropped,
    epic,
    key_result,
    span,
    task,
)
from tests.jobs.fixtures.roadmap import NOVEMBER, november, rollup_settings, rollups_of
from tests.jobs.fixtures.rollup_cases import (
    EPIC_CASES,
    FORECAST,
    SCORING,
    SHARED,
    STREAM_CASES,
    EpicCase,
    quarter_roadmap,
)

# --- per epic ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", EPIC_CASES, ids=[case.name for case in EPIC_CASES])
def test_epic_rollup(case: EpicCase) -> None:
    rollup = rollups_of(case.epic, *case.tasks, today=case.today, **case.options)
    found = rollup.epics[case.epic.id]
    assert {name: getattr(found, name) for name in case.expected} == case.expected


def test_a_task_in_two_epics_counts_in_each() -> None:
    scoring, routing = november("Lead scoring v1"), november("Round-robin routing")
    shared = task("Shared field mapping", epic_ids=(scoring.id, routing.id), due=span(-2))
    rollups = rollups_of(scoring, routing, shared)
    assert rollups.epics[scoring.id].tasks_overdue == 1
    assert rollups.epics[routing.id].tasks_overdue == 1


def test_every_epic_gets_a_rollup_even_outside_the_quarter() -> None:
    last_quarter = epic("Q3 clean-up", quarter="2026-Q3", dates=span(-70, -50))
    rollups = rollups_of(SCORING, last_quarter)
    assert set(rollups.epics) == {SCORING.id, last_quarter.id}
    assert rollups.epics[last_quarter.id].health.health is Health.OFF_TRACK


# --- KPI attainment and time elapsed ---------------------------------------------------------

ATTAINMENT_CASES = [
    ("going-up", 12.0, 20.0, 15.0, 0.375),
    ("going-down-lead-response-36h-to-4h", 36.0, 4.0, 20.0, 0.5),
    ("at-baseline", 12.0, 20.0, 12.0, 0.0),
    ("beyond-target", 12.0, 20.0, 22.0, 1.25),
    ("wrong-way-on-a-decreasing-goal", 36.0, 4.0, 40.0, -0.125),
    ("missing-baseline-positive-target", None, 200.0, 50.0, 0.25),
    ("missing-baseline-zero-target", None, 0.0, 3.0, None),
    ("missing-baseline-negative-target", None, -5.0, -2.0, None),
    ("target-equals-baseline", 24.0, 24.0, 30.0, None),
    ("no-target", 12.0, None, 15.0, None),
    ("no-current", 12.0, 20.0, None, None),
]


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [case[1:] for case in ATTAINMENT_CASES],
    ids=[case[0] for case in ATTAINMENT_CASES],
)
def test_kpi_attainment(
    baseline: float | None, target: float | None, current: float | None, expected: float | None
) -> None:
    assert attainment(baseline, target, current) == expected


TIME_CASES = [
    ("well-before-start", span(10, 39), 0.0),
    ("on-the-start-day", span(0, 29), 0.0),
    ("halfway", NOVEMBER, 0.5),
    ("on-the-end-day-the-last-day-is-still-ahead", span(-29, 0), 29 / 30),
    ("the-day-after-the-end", span(-30, -1), 1.0),
    ("long-after-the-end", span(-90, -60), 1.0),
    ("one-day-range-today", span(0, 0), 0.0),
    ("one-day-range-yesterday", span(-1, -1), 1.0),
    ("single-date", span(5), None),
    ("no-dates", None, None),
    ("end-before-start", span(10, -10), None),
]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [case[1:] for case in TIME_CASES],
    ids=[case[0] for case in TIME_CASES],
)
def test_time_elapsed(dates: DateSpan | None, expected: float | None) -> None:
    assert time_elapsed(dates, TODAY) == expected


def test_weighted_progress_of_nothing_is_none() -> None:
    assert weighted_progress([], [], by_estimate=True) is None


# --- per stream --------------------------------------------------------------------------------


@pytest.mark.parametrize(("pages", "stream", "options", "expected"), STREAM_CASES)
def test_stream_rollup(
    pages: tuple[Any, ...],
    stream: Stream,
    options: Mapping[str, Any],
    expected: dict[str, Any],
) -> None:
    found = rollups_of(*pages, **options).streams[stream.id]
    assert {name: getattr(found, name) for name in expected} == expected


# --- the quarter ---------------------------------------------------------------------------------


def test_quarter_progress_counts_each_live_epic_once() -> None:
    # SHARED is in two streams but counts once: (4 * 0.5 + 2 * 1) / 6
    rollups = rollups_of(
        PIPELINE, ROUTING, SHARED, done(FORECAST), dropped(november("Dropped", estimate=50.0)),
        done(task("Audit", of=SHARED)), task("Dedupe", of=SHARED),
    )  # fmt: skip
    assert rollups.quarter.quarter == "2026-Q4"
    assert rollups.quarter.progress == pytest.approx(4 / 6)


def test_quarter_without_epics_has_no_progress() -> None:
    rollups = rollups_of(PIPELINE)
    assert rollups.quarter.progress is None
    assert rollups.quarter.north_star_id is None
    assert rollups.quarter.north_star_attainment is None


NORTH_STAR_CASES = [
    pytest.param((key_result("Forecast accuracy", level="North Star"),),
                 "kr-forecast-accuracy", 8 / 17, id="north-star"),
    pytest.param((key_result("Epic-level", level="Epic"),
                  key_result("Lower case", level="north star")),
                 "kr-lower-case", 8 / 17, id="any-case"),
    pytest.param((key_result("Team headline", level="Étoile du Nord"),),
                 "kr-team-headline", 8 / 17, id="french-level"),
    pytest.param((key_result("Response time", level="North Star",
                             baseline=36.0, target=4.0, current=20.0),),
                 "kr-response-time", 0.5, id="decreasing-north-star"),
    pytest.param((key_result("No target", level="North Star", target=None),),
                 "kr-no-target", None, id="north-star-without-target"),
    pytest.param((key_result("Older", level="North Star", check_in=date(2026, 9, 30)),
                  key_result("Newer", level="North Star", check_in=date(2026, 11, 10),
                             current=85.0),
                  key_result("Never checked in", level="North Star")),
                 "kr-newer", 1.0, id="latest-check-in-wins"),
    pytest.param((key_result("Epic-level", level="Epic"),), None, None, id="none"),
]  # fmt: skip


@pytest.mark.parametrize(("results", "north_star_id", "expected"), NORTH_STAR_CASES)
def test_north_star(
    results: tuple[KeyResult, ...], north_star_id: str | None, expected: float | None
) -> None:
    quarter = rollups_of(SCORING, *results).quarter
    assert quarter.north_star_id == north_star_id
    assert quarter.north_star_attainment == (
        pytest.approx(expected) if expected is not None else None
    )


def test_rollups_are_read_only() -> None:
    rollups = rollups_of(PIPELINE, SCORING)
    with pytest.raises(TypeError):
        rollups.epics["x"] = rollups.epics[SCORING.id]


def test_a_snapshot_with_nothing_rolls_up_to_nothing() -> None:
    empty = Snapshot(streams=(), epics=(), tasks=())
    rollups = compute_rollups(RoadmapIndex.build(empty, TODAY), rollup_settings(), TODAY)
    assert (dict(rollups.epics), dict(rollups.streams)) == ({}, {})
    assert rollups.quarter.progress is None


# --- one quarter, computed by hand -------------------------------------------------------------

QUARTER_EPICS = {
    # Scoring: weights 3, 3, 6 and the mean 4 for S4: 6 of 16 done
    "epic-scoring": (4, 2, 2, 1, 0.375, day(-2), Health.AT_RISK,
                     "37% done with 50% of the time gone; 1 of 2 open tasks overdue"),
    "epic-shared": (4, 2, 2, 0, 0.5, day(3), Health.ON_TRACK,
                    "50% done with 50% of the time gone"),
    "epic-routing": (2, 1, 1, 1, 0.5, day(-12), Health.OFF_TRACK,
                     "Still open 10 days after its end date, 6 Nov 2026; 50% done;"
                     " 1 of 1 open task overdue"),
    "epic-dashboard": (1, 1, 0, 0, 1.0, None, Health.DONE,
                       "1 of 1 task done; KPI 37% of the way to target"),
    "epic-churn": (1, 0, 1, 1, 0.0, day(-1), Health.DROPPED,
                   "Left out of its stream’s progress and health"),
    "epic-territory": (0, 0, 0, 0, None, None, Health.NOT_STARTED, "Starts on 23 Nov 2026"),
}  # fmt: skip
QUARTER_STREAMS = {
    # Scoring weighs 4, Shared the mean estimate 4: (4 * 0.375 + 4 * 0.5) / 8
    "stream-pipeline-forecasting": (("epic-scoring", "epic-shared"), 0.4375, 1, Health.AT_RISK,
                                    "1 of 2 epics at risk, 1 on track; 1 task overdue"),
    "stream-lead-routing-hand-offs": (("epic-shared", "epic-routing"), 0.5, 1, Health.OFF_TRACK,
                                      "1 of 2 epics off track, 1 on track; 1 task overdue"),
    # Dashboard is complete, Territory (weighing the mean, 3) has no task: 3 / 6
    "stream-reporting": (("epic-dashboard", "epic-territory"), 0.5, 0, Health.NOT_STARTED,
                         "1 of 2 epics not started, 1 done"),
}  # fmt: skip


def test_a_hand_computed_quarter() -> None:
    index = RoadmapIndex.build(quarter_roadmap(), TODAY)
    rollups = compute_rollups(index, rollup_settings(), TODAY)
    epics = {
        epic_id: (r.tasks_total, r.tasks_done, r.tasks_open, r.tasks_overdue, r.progress,
                  r.next_due, r.health.health, r.health.reason)
        for epic_id, r in rollups.epics.items() if epic_id in QUARTER_EPICS
    }  # fmt: skip
    assert epics == QUARTER_EPICS
    streams = {
        stream_id: (r.epic_ids, r.progress, r.tasks_overdue, r.health.health, r.health.reason)
        for stream_id, r in rollups.streams.items()
    }
    assert streams == QUARTER_STREAMS
    # Weights 4, 3 (mean of 4, 2 and 3), 2, 3, 3: (1.5 + 1.5 + 1 + 3 + 0) / 15
    assert rollups.quarter.progress == pytest.approx(7 / 15)
    assert rollups.quarter.north_star_id == "kr-forecast-accuracy"
    assert rollups.quarter.north_star_attainment == pytest.approx(8 / 17)
