"""What ``sync`` computes and writes: rollups, health, and the Plan of writes.

Shared vocabulary between the pure jobs that build a :class:`Plan` and the writer in
``sync/`` that applies it. Everything here is frozen data; nothing talks to Notion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from jobs.findings import Finding
from schemas.health import Health
from schemas.models import Kind

Json = dict[str, Any]

SECTION_MARKER_URL = (
    "https://github.com/quarterdeck-ops/quarterdeck/blob/main/docs/health.md#status-section"
)
"""The link of the "Updated by Quarterdeck" item that ends every managed section: the writer
finds a page's section again by the callout whose rich text links here."""


@dataclass(frozen=True)
class HealthVerdict:
    health: Health
    reason: str
    """One line a person understands, in the team's language:
    "40% done with 65% of the time gone; 3 tasks overdue"."""


@dataclass(frozen=True)
class EpicRollup:
    epic_id: str
    tasks_total: int
    tasks_done: int
    tasks_open: int
    tasks_overdue: int
    progress: float | None
    """0..1; None when there is nothing to measure (no live task)."""
    time_elapsed: float | None
    """Share of the start -> end period gone today, 0..1; None without both dates."""
    next_due: date | None
    """The earliest due date among open tasks."""
    kpi_attainment: float | None
    """(current - baseline) / (target - baseline), may be < 0 or > 1; None when unknown."""
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


OutputValue = float | int | str | date | tuple[str, ...] | None
"""number -> float/int, select -> str, date -> date, multi_select -> tuple of option names."""


@dataclass(frozen=True)
class PageOutputs:
    """The output properties of one page, by logical field (``progress``, ``flags``...)."""

    kind: Kind
    page_id: str
    title: str
    values: Mapping[str, OutputValue]


@dataclass(frozen=True)
class Section:
    """The managed status section of one page: one callout block, found again by its marker."""

    kind: Kind
    page_id: str
    title: str
    block: Json
    """A ``callout`` block request object (``{"type": "callout", "callout": {...}}``)."""
    digest: str
    """A stable hash of ``block``: equal digests mean nothing to write."""

    @property
    def marker_url(self) -> str:
        """:data:`SECTION_MARKER_URL`, handed to the writer with the section: ``sync`` may
        not import ``jobs`` (import-linter), so it learns the marker from here."""
        return SECTION_MARKER_URL


@dataclass(frozen=True)
class Dashboard:
    """The roadmap dashboard: a page Quarterdeck owns under ``[sync] reports_page``."""

    parent_page_id: str
    title: str
    blocks: tuple[Json, ...]
    digest: str
    newest_change: datetime | None
    """The newest change by a person it reflects (not the time of the run)."""


@dataclass(frozen=True)
class Plan:
    """Every write one sync intends; the writer diffs it against Notion first."""

    outputs: tuple[PageOutputs, ...]
    sections: tuple[Section, ...] = ()
    dashboard: Dashboard | None = None
    findings: tuple[Finding, ...] = field(default=())
    rollups: Rollups | None = None
