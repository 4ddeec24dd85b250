"""Rollups: the numbers Notion cannot compute itself, per epic, per stream and for the quarter.

Every figure is documented in ``docs/health.md``; in short:

- **Epic.** Its live tasks (dropped ones left out) split into done and open (no status counts
  as open); overdue = open with a due date (the end of a range) before today
  (:func:`jobs.index.is_overdue`); progress = the
  share of the live tasks done, by count or weighted by estimate (:func:`weighted_progress`);
  next due = the earliest due date of its open tasks, overdue ones included; KPI attainment
  (:func:`attainment`) and time elapsed (:func:`time_elapsed`).
- **Stream.** Its live epics of the current quarter (an epic in several streams counts in
  each): progress = their mean progress, weighted like tasks by the epics' estimates, a done
  epic counting as complete and an open epic with no live task as 0; overdue = the distinct
  overdue tasks of those epics.
- **Quarter.** The same progress over every live epic of the quarter, and the North Star key
  result with its attainment.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import TypeGuard

from jobs.figures import EpicFigures, EpicRollup, QuarterRollup, Rollups, StreamRollup
from jobs.health import epic_health, stream_health
from jobs.index import RoadmapIndex, due_day, is_open, is_overdue
from jobs.rules.goals import is_north_star
from schemas.models import DateSpan, Epic, KeyResult, State, Stream
from schemas.settings import Settings


def compute_rollups(index: RoadmapIndex, settings: Settings, today: date) -> Rollups:
    """Every epic's and stream's rollup and health, and the current quarter's, as of ``today``.

    Args:
        index: the snapshot, indexed for the quarter holding ``today``.
        settings: ``[sync] progress`` (count or estimate), ``[health]`` and the locale.
        today: the team's local date.
    """
    epics = {epic.id: epic_rollup(index, epic, settings, today) for epic in index.snapshot.epics}
    streams = {
        stream.id: stream_rollup(index, stream, epics, settings, today)
        for stream in index.snapshot.streams
    }
    return Rollups(
        epics=MappingProxyType(epics),
        streams=MappingProxyType(streams),
        quarter=quarter_rollup(index, epics, settings),
    )


def epic_rollup(index: RoadmapIndex, epic: Epic, settings: Settings, today: date) -> EpicRollup:
    """One epic's figures and health, from its tasks (``Task.epic_ids``)."""
    live = [task for task in index.tasks_of(epic) if task.state is not State.DROPPED]
    open_tasks = [task for task in live if is_open(task)]
    done = [task.state is State.DONE for task in live]
    figures = EpicFigures(
        tasks_total=len(live),
        tasks_done=sum(done),
        tasks_open=len(open_tasks),
        tasks_overdue=sum(is_overdue(task, today) for task in live),
        progress=weighted_progress(
            [float(is_done) for is_done in done],
            [task.estimate for task in live],
            by_estimate=settings.sync.progress == "estimate",
        ),
        time_elapsed=time_elapsed(epic.dates, today),
        kpi_attainment=attainment(epic.kpi_baseline, epic.kpi_target, epic.kpi_current),
    )
    dues = [day for task in open_tasks if (day := due_day(task)) is not None]
    return EpicRollup(
        **vars(figures),
        epic_id=epic.id,
        next_due=min(dues, default=None),
        health=epic_health(epic, figures, today, settings.health, settings.locale),
    )


def stream_rollup(
    index: RoadmapIndex,
    stream: Stream,
    epic_rollups: Mapping[str, EpicRollup],
    settings: Settings,
    today: date,
) -> StreamRollup:
    """One stream's progress, overdue tasks and health, over its live epics of the quarter."""
    epics = [epic for epic in index.epics_of(stream) if _counts_this_quarter(index, epic)]
    overdue = {
        task.id for epic in epics for task in index.tasks_of(epic) if is_overdue(task, today)
    }
    health = stream_health(
        (epic_rollups[epic.id].health.health for epic in epics),
        len(overdue),
        index.quarter.label,
        settings.locale,
    )
    return StreamRollup(
        stream_id=stream.id,
        epic_ids=tuple(epic.id for epic in epics),
        progress=_epics_progress(epics, epic_rollups, settings),
        tasks_overdue=len(overdue),
        health=health,
    )


def quarter_rollup(
    index: RoadmapIndex, epic_rollups: Mapping[str, EpicRollup], settings: Settings
) -> QuarterRollup:
    """The current quarter's progress over its live epics, and the North Star."""
    epics = [epic for epic in index.epics_this_quarter if epic.state is not State.DROPPED]
    north_star = find_north_star(index.snapshot.key_results)
    return QuarterRollup(
        quarter=index.quarter.label,
        progress=_epics_progress(epics, epic_rollups, settings),
        north_star_id=north_star.id if north_star else None,
        north_star_attainment=(
            attainment(north_star.baseline, north_star.target, north_star.current)
            if north_star
            else None
        ),
    )


def _counts_this_quarter(index: RoadmapIndex, epic: Epic) -> bool:
    """Whether the epic is in the quarter's rollups: of this quarter, and not dropped."""
    return index.epic_quarters.get(epic.id) == index.quarter and epic.state is not State.DROPPED


def _epics_progress(
    epics: Sequence[Epic], epic_rollups: Mapping[str, EpicRollup], settings: Settings
) -> float | None:
    return weighted_progress(
        [epic_share(epic, epic_rollups[epic.id]) for epic in epics],
        [epic.estimate for epic in epics],
        by_estimate=settings.sync.progress == "estimate",
    )


def epic_share(epic: Epic, rollup: EpicRollup) -> float:
    """How much of an epic counts as done in its stream's and the quarter's progress.

    A done epic is complete whatever its tasks say (open tasks left in it are a finding,
    QD502, not work the stream still owes); an open epic with no live task has shown none of
    its work done.
    """
    if epic.state is State.DONE:
        return 1.0
    return rollup.progress if rollup.progress is not None else 0.0


def weighted_progress(
    shares: Sequence[float], estimates: Sequence[float | None], *, by_estimate: bool
) -> float | None:
    """The mean of ``shares`` (0..1, one per item), weighted by estimate when asked.

    With ``by_estimate`` and at least one usable estimate (a positive number), each item
    weighs its estimate and items without one weigh the mean of the usable estimates; else
    each item weighs 1. None when there are no items.
    """
    if not shares:
        return None
    weights = estimate_weights(estimates) if by_estimate else [1.0] * len(shares)
    done = sum(share * weight for share, weight in zip(shares, weights, strict=True))
    return done / sum(weights)


def estimate_weights(estimates: Sequence[float | None]) -> list[float]:
    """Each item's weight: its estimate, or the mean usable estimate; all 1 when none is usable.

    An estimate of 0 or less counts as missing: weighing nothing, the item's completion would
    not move the progress at all, and a negative weight has no meaning.
    """
    usable = [estimate for estimate in estimates if _usable(estimate)]
    if not usable:
        return [1.0] * len(estimates)
    mean = sum(usable) / len(usable)
    return [estimate if _usable(estimate) else mean for estimate in estimates]


def _usable(estimate: float | None) -> TypeGuard[float]:
    return estimate is not None and math.isfinite(estimate) and estimate > 0


def attainment(baseline: float | None, target: float | None, current: float | None) -> float | None:
    """How far a KPI has come from its baseline to its target: 0 at baseline, 1 at target.

    ``(current - baseline) / (target - baseline)``, so a goal that goes down reads the same
    way (36 h -> 4 h, now 20 h: 0.5); below 0 when it moved the wrong way, above 1 beyond the
    target. Without a baseline the goal is read as counting up from 0 (``current / target``)
    when the target is positive, and None otherwise. None without a target or a current
    value, and when the target equals the baseline.
    """
    if target is None or current is None:
        return None
    if baseline is None:
        return current / target if target > 0 else None
    if math.isclose(target, baseline):
        return None
    return (current - baseline) / (target - baseline)


def time_elapsed(dates: DateSpan | None, today: date) -> float | None:
    """The share of the start -> end period gone by the morning of ``today``: 0..1.

    Both days count, so 1 -> 30 Nov is 30 days; the days before ``today`` are gone (15 on
    16 Nov: 0.5). 0 up to the start day, 1 from the day after the end. None without a start
    and an end, or when the end comes before the start.
    """
    if dates is None or dates.end is None or dates.end < dates.start:
        return None
    length = (dates.end - dates.start).days + 1
    gone = (today - dates.start).days
    return min(max(gone / length, 0.0), 1.0)


def find_north_star(key_results: Iterable[KeyResult]) -> KeyResult | None:
    """The team's North Star key result (level "North Star" or "Étoile du Nord", any case).

    When several are, the one checked in last wins (one never checked in comes after those
    that were), then the first in the database.
    """
    stars = [result for result in key_results if is_north_star(result.level)]
    # sorted() is stable even in reverse: among equal check-ins, database order is kept.
    latest_first = sorted(stars, key=lambda result: result.check_in or date.min, reverse=True)
    return latest_first[0] if latest_first else None
