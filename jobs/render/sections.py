"""The managed status section of an epic or stream page: one callout, found again by its marker.

An epic's section reads, line by line::

    🟡 At risk — 40% done with 65% of the time gone; 3 tasks overdue
    Progress: 40% — 6 of 15 tasks done
    KPI: Lead response time 36 → 4, now 20 (50% of the way)
    Overdue (3): @Task (due @date), …
    Next up: @Task (due @date), …
    Updated by Quarterdeck

A stream's lists its epics of the quarter, each with its health and progress. Pages and dates
are mentions, so Notion shows live titles and the reader's date format. The section never
shows the time of the run: a rerun with nothing changed renders the same block, same digest.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from jobs.figures import EpicRollup, HealthVerdict, StreamRollup
from jobs.index import due_day, is_open, is_overdue
from jobs.render.blocks import RichText, callout, digest
from jobs.render.context import RenderContext
from jobs.render.labels import HEALTH_STYLES
from schemas.models import Epic, Kind, Page, Stream, Task
from schemas.plan import SECTION_MARKER_URL, Section

MAX_OVERDUE_LISTED = 5
"""Overdue tasks named in an epic's section; the rest are counted."""
NEXT_MILESTONES = 3
"""Open tasks due next named in an epic's section."""
MAX_EPICS_LISTED = 20
"""Epics named in a stream's section; the rest are counted."""
MAX_KPI_TEXT = 300
"""Characters of the KPI's own wording shown in the section."""


def epic_section(epic: Epic, rollup: EpicRollup, context: RenderContext) -> Section:
    """The status section of one epic's page."""
    text = RichText()
    text.line().text(_progress_line(rollup, context))
    text.line().text(_kpi_line(epic, rollup, context))
    overdue, upcoming = _open_tasks_by_due(context.index.tasks_of(epic), context.today)
    text.line()
    if overdue:
        text.text(context.say("overdue", count=len(overdue)))
        _task_list(text, overdue, MAX_OVERDUE_LISTED, context)
    else:
        text.text(context.say("overdue.none"))
    text.line()
    if upcoming:
        text.text(context.say("next"))
        _task_list(text, upcoming[:NEXT_MILESTONES], NEXT_MILESTONES, context)
    else:
        text.text(context.say("next.none"))
    return _section(Kind.EPIC, epic, rollup.health, text, context)


def stream_section(stream: Stream, rollup: StreamRollup, context: RenderContext) -> Section:
    """The status section of one stream's page."""
    quarter = context.index.quarter.label
    text = RichText().line()
    if not rollup.epic_ids:
        text.text(context.say("stream.no_epics", quarter=quarter))
        return _section(Kind.STREAM, stream, rollup.health, text, context)
    if rollup.progress is None:
        text.text(context.say("stream.progress.none", quarter=quarter))
    else:
        percent = context.percent(rollup.progress)
        epics = context.counted("epics", len(rollup.epic_ids))
        text.text(context.say("stream.progress", percent=percent, epics=epics, quarter=quarter))
    text.line().text(context.say("stream.overdue", count=rollup.tasks_overdue))
    text.line().text(context.say("stream.epics", quarter=quarter))
    _epic_list(text, rollup.epic_ids, context)
    return _section(Kind.STREAM, stream, rollup.health, text, context)


def _section(
    kind: Kind, page: Page, verdict: HealthVerdict, body: RichText, context: RenderContext
) -> Section:
    text = RichText().text(context.health(verdict.health), bold=True)
    if verdict.reason:
        text.text(f" — {verdict.reason}")
    text.extend(body).line()
    text.text(context.say("marker"), italic=True, color="gray", url=SECTION_MARKER_URL)
    style = HEALTH_STYLES[verdict.health]
    block = callout(text, emoji=style.emoji, color=style.color)
    return Section(kind, page.id, page.title, block, digest(block))


def _progress_line(rollup: EpicRollup, context: RenderContext) -> str:
    if rollup.progress is None:
        return context.say("progress.none")
    tasks = context.counted("tasks.done", rollup.tasks_done + rollup.tasks_open)
    percent = context.percent(rollup.progress)
    return context.say("progress", percent=percent, done=rollup.tasks_done, tasks=tasks)


def _kpi_line(epic: Epic, rollup: EpicRollup, context: RenderContext) -> str:
    """``KPI: Lead response time 36 → 4, now 20 (50% of the way)``, with what is known."""
    kpi = " ".join(epic.kpi.split())
    if not kpi:
        return context.say("kpi.none")
    if len(kpi) > MAX_KPI_TEXT:
        kpi = kpi[: MAX_KPI_TEXT - 1].rstrip() + "…"
    parts = [context.say("kpi", kpi=kpi)]
    baseline, target = context.number(epic.kpi_baseline), context.number(epic.kpi_target)
    if epic.kpi_target is None and epic.kpi_baseline is not None:
        parts.append(context.say("kpi.baseline", baseline=baseline))
    elif epic.kpi_target is None:
        parts.append(context.say("kpi.no_target"))
    elif epic.kpi_baseline is None:
        parts.append(context.say("kpi.target", target=target))
    else:
        parts.append(context.say("kpi.range", baseline=baseline, target=target))
    if epic.kpi_current is None:
        parts.append(context.say("kpi.unmeasured"))
    else:
        parts.append(context.say("kpi.current", current=context.number(epic.kpi_current)))
        if rollup.kpi_attainment is not None:
            percent = context.percent(rollup.kpi_attainment)
            parts.append(context.say("kpi.attainment", percent=percent))
    return "".join(parts)


def _open_tasks_by_due(tasks: Iterable[Task], today: date) -> tuple[list[Task], list[Task]]:
    """The open tasks with a due date, earliest first: those past due, and the others."""
    dated = sorted(
        (task for task in tasks if is_open(task) and task.due is not None),
        key=lambda task: (_due(task), task.title.casefold(), task.id),
    )
    overdue = [task for task in dated if is_overdue(task, today)]
    return overdue, [task for task in dated if not is_overdue(task, today)]


def _due(task: Task) -> date:
    return due_day(task) or date.max


def _task_list(text: RichText, tasks: list[Task], limit: int, context: RenderContext) -> None:
    """``@Task (due @date), @Task (due @date) … and 2 more``."""
    for position, task in enumerate(tasks[:limit]):
        if position:
            text.text(", ")
        text.page(task.id).text(context.say("due")).date(_due(task)).text(")")
    context.more(text, len(tasks) - limit)


def _epic_list(text: RichText, epic_ids: tuple[str, ...], context: RenderContext) -> None:
    """One line per epic: ``• @Epic — 🟢 On track · 40%``."""
    for epic_id in epic_ids[:MAX_EPICS_LISTED]:
        text.line().text("• ").page(epic_id)
        rollup = context.rollups.epics.get(epic_id)
        if rollup is not None:
            badge = context.badge(rollup.health.health)
            text.text(f" — {badge} · {context.percent(rollup.progress)}")
    if len(epic_ids) > MAX_EPICS_LISTED:
        text.line().text(context.and_more(len(epic_ids) - MAX_EPICS_LISTED))
