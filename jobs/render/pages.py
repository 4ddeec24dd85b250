"""The Plan of one sync rendered from rollups: page outputs, status sections, the dashboard.

:func:`render_plan` is :func:`jobs.plan.build_plan` minus the computing: given the findings
and the rollups, it only decides how they look in Notion.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from jobs.figures import EpicRollup, StreamRollup
from jobs.findings import Finding
from jobs.render.context import RenderContext
from jobs.render.dashboard import render_dashboard
from jobs.render.flags import flags_by_page
from jobs.render.sections import epic_section, stream_section
from schemas.models import Kind, Page, Snapshot
from schemas.plan import DECIMALS, OutputValue, PageOutputs, Plan, Section
from schemas.settings import SyncSettings

_EPIC_FIELDS = (
    "progress",
    "health",
    "tasks_done",
    "tasks_open",
    "overdue_tasks",
    "kpi_attainment",
    "next_due",
)


def render_plan(
    context: RenderContext, findings: Iterable[Finding], settings: SyncSettings
) -> Plan:
    """The Plan for ``context``'s rollups and ``findings``, as ``[sync]`` asks for it."""
    found = tuple(findings)
    flags = flags_by_page(found, context.locale)
    sections = render_sections(context) if settings.status_sections else ()
    dashboard = None
    if settings.reports_page is not None:
        change = newest_change(context.index.snapshot)
        title = settings.dashboard_title
        dashboard = render_dashboard(settings.reports_page, title, found, change, context)
    return Plan(outputs=page_outputs(context, flags), sections=sections, dashboard=dashboard)


def newest_change(snapshot: Snapshot) -> datetime | None:
    """The newest edit by a person among the snapshot's pages, in UTC.

    Reads ``Page.last_human_edit``: a page whose only known edits are Quarterdeck's own has
    None there and is skipped, so the dashboard's own writes never make it look newer.
    """
    pages: tuple[Page, ...] = (
        *snapshot.streams,
        *snapshot.epics,
        *snapshot.tasks,
        *snapshot.key_results,
    )
    known = [moment for moment in map(_human_edit, pages) if moment is not None]
    return max(known, default=None)


def _human_edit(page: Page) -> datetime | None:
    moment = page.last_human_edit
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def page_outputs(
    context: RenderContext, flags: Mapping[str, tuple[str, ...]]
) -> tuple[PageOutputs, ...]:
    """Outputs for every stream, epic and task, empty values included, in snapshot order."""
    snapshot, rollups = context.index.snapshot, context.rollups
    streams = [
        _page(Kind.STREAM, stream, _stream_values(rollups.streams.get(stream.id), context), flags)
        for stream in snapshot.streams
    ]
    epics = [
        _page(Kind.EPIC, epic, _epic_values(rollups.epics.get(epic.id), context), flags)
        for epic in snapshot.epics
    ]
    tasks = [_page(Kind.TASK, task, {}, flags) for task in snapshot.tasks]
    return (*streams, *epics, *tasks)


def _page(
    kind: Kind,
    page: Page,
    values: Mapping[str, OutputValue],
    flags: Mapping[str, tuple[str, ...]],
) -> PageOutputs:
    return PageOutputs(kind, page.id, page.title, {**values, "flags": flags.get(page.id, ())})


def _stream_values(rollup: StreamRollup | None, context: RenderContext) -> dict[str, OutputValue]:
    if rollup is None:
        return {"progress": None, "health": None}
    return {"progress": _share(rollup.progress), "health": context.health(rollup.health.health)}


def _epic_values(rollup: EpicRollup | None, context: RenderContext) -> dict[str, OutputValue]:
    if rollup is None:
        return dict.fromkeys(_EPIC_FIELDS)
    return {
        "progress": _share(rollup.progress),
        "health": context.health(rollup.health.health),
        "tasks_done": rollup.tasks_done,
        "tasks_open": rollup.tasks_open,
        "overdue_tasks": rollup.tasks_overdue,
        "kpi_attainment": _share(rollup.kpi_attainment),
        "next_due": rollup.next_due,
    }


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS)


def render_sections(context: RenderContext) -> tuple[Section, ...]:
    """A section for every stream, then every epic, that has a rollup."""
    snapshot, rollups = context.index.snapshot, context.rollups
    streams = [
        stream_section(stream, rollups.streams[stream.id], context)
        for stream in snapshot.streams
        if stream.id in rollups.streams
    ]
    epics = [
        epic_section(epic, rollups.epics[epic.id], context)
        for epic in snapshot.epics
        if epic.id in rollups.epics
    ]
    return (*streams, *epics)
