"""The figures ``sync`` computes per epic, per stream and for the quarter, with their health.

:mod:`jobs.rollups` computes them, :mod:`jobs.health` judges them and :mod:`jobs.render`
shows them. Frozen data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from schemas.health import Health


@dataclass(frozen=True)
class HealthVerdict:
    health: Health
    reason: str
    """One line a person understands, in the team's language:
    "40% done with 65% of the time gone; 3 tasks overdue"."""


@dataclass(frozen=True)
class EpicFigures:
    """What an epic's health is judged on."""

    tasks_total: int
    """Live tasks: dropped ones left out."""
    tasks_done: int
    tasks_open: int
    tasks_overdue: int
    progress: float | None
    """0..1; None when there is nothing to measure (no live task)."""
    time_elapsed: float | None
    """Share of the start -> end period gone today, 0..1; None without both dates."""
    kpi_attainment: float | None
    """(current - baseline) / (target - baseline), may be < 0 or > 1; None when unknown."""


@dataclass(frozen=True)
class EpicRollup(EpicFigures):
    """One epic's figures, with what follows from them."""

    epic_id: str
    next_due: date | None
    """The earliest due date among open tasks."""
    health: HealthVerdict


@dataclass(frozen=True)
class StreamRollup:
    stream_id: str
    epic_ids: tuple[str, ...]
    """The stream's epics of the current quarter, dropped ones excluded, in display order."""
    progress: float | None
    tasks_overdue: int
    health: HealthVerdict


@dataclass(frozen=True)
class QuarterRollup:
    quarter: str
    progress: float | None
    north_star_id: str | None = None
    north_star_attainment: float | None = None


@dataclass(frozen=True)
class Rollups:
    epics: Mapping[str, EpicRollup]
    streams: Mapping[str, StreamRollup]
    quarter: QuarterRollup
