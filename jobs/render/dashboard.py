"""The roadmap dashboard: a page Quarterdeck owns, rewritten whole when its digest changes.

It holds few top-level blocks (replacing them costs one call each): a summary callout, then
three headings each followed by a table (``table`` → ``table_row``, the one nesting level
used) or, when there is nothing to list, a paragraph:

- the summary: the quarter's progress, epics by health, the North Star and "Reflects changes
  up to <newest change by a person>" (never the time of the run);
- streams: Stream (mention) | Health | Progress | Epics | Overdue tasks;
- epics at risk or off track: Epic (mention) | Health | Why;
- findings by rule: Rule | Count | Where (mentions of the first pages or people found).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from itertools import groupby

from jobs.findings import EntityKind, EntityRef, Finding
from jobs.render.blocks import RichText, callout, digest, heading, paragraph, table
from jobs.render.context import NO_VALUE, RenderContext
from jobs.render.flags import flag_label
from jobs.render.labels import HEALTH_ORDER
from schemas.health import Health
from schemas.limits import MAX_ITEMS
from schemas.models import Epic
from schemas.plan import Dashboard
from schemas.wire import Json

MAX_AT_RISK = 30
"""Epics listed as at risk or off track; the rest are counted in a last row."""
MAX_EXAMPLES = 5
"""Entities named per rule in the findings table."""
MAX_STREAM_ROWS = MAX_ITEMS - 2
"""Stream rows, leaving room for the header and a "… and N more" row."""
SUMMARY_ICON = "🧭"

_URGENT = (Health.OFF_TRACK, Health.AT_RISK)


def render_dashboard(
    parent_page_id: str,
    title: str,
    findings: Iterable[Finding],
    newest_change: datetime | None,
    context: RenderContext,
) -> Dashboard:
    """The dashboard page's title and blocks, and their digest."""
    blocks = (
        _summary(newest_change, context),
        _heading(context.say("dashboard.streams")),
        _streams(context),
        _heading(context.say("dashboard.at_risk")),
        _at_risk(context),
        _heading(context.say("dashboard.findings")),
        _findings(tuple(findings), context),
    )
    fingerprint = digest({"title": title, "blocks": blocks})
    return Dashboard(parent_page_id, title, blocks, fingerprint, newest_change)


def _heading(words: str) -> Json:
    return heading(2, RichText().text(words))


def _summary(newest_change: datetime | None, context: RenderContext) -> Json:
    quarter = context.rollups.quarter
    text = RichText()
    if quarter.progress is None:
        headline = context.say("dashboard.quarter.none", quarter=quarter.quarter)
    else:
        percent = context.percent(quarter.progress)
        headline = context.say("dashboard.quarter", quarter=quarter.quarter, percent=percent)
    text.text(headline, bold=True)
    text.line().text(_epics_by_health(context))
    text.line()
    if quarter.north_star_id is None:
        text.text(context.say("dashboard.north_star.none"))
    else:
        text.text(context.say("dashboard.north_star")).page(quarter.north_star_id)
        if quarter.north_star_attainment is not None:
            percent = context.percent(quarter.north_star_attainment)
            text.text(context.say("dashboard.north_star.attainment", percent=percent))
    text.line()
    if newest_change is None:
        text.text(context.say("dashboard.reflects.none"))
    else:
        text.text(context.say("dashboard.reflects")).date(newest_change)
    return callout(text, emoji=SUMMARY_ICON, color="blue_background")


def _epics_in_view(context: RenderContext) -> list[Epic]:
    """The quarter's epics (and undated ones) that have a rollup, in snapshot order."""
    return [e for e in context.index.epics_in_scope if e.id in context.rollups.epics]


def _epics_by_health(context: RenderContext) -> str:
    """``24 epics: Off track 2 · At risk 4 · On track 10 · Done 8``."""
    epics = _epics_in_view(context)
    counts = Counter(context.rollups.epics[epic.id].health.health for epic in epics)
    parts = [f"{context.health(h)} {counts[h]}" for h in HEALTH_ORDER if counts[h]]
    count = context.counted("epics", len(epics))
    return context.say("dashboard.epics", epics=count, by_health=" · ".join(parts))


def _streams(context: RenderContext) -> Json:
    columns = ("column.stream", "column.health", "column.progress", "column.epics")
    rows = [_header(*columns, "column.overdue", context=context)]
    streams = context.index.snapshot.streams
    for stream in streams[:MAX_STREAM_ROWS]:
        rollup = context.rollups.streams.get(stream.id)
        cells = [RichText().page(stream.id)]
        if rollup is None:
            cells += [_cell(NO_VALUE) for _ in range(4)]
        else:
            cells += [
                _cell(context.badge(rollup.health.health)),
                _cell(context.percent(rollup.progress)),
                _cell(str(len(rollup.epic_ids))),
                _cell(str(rollup.tasks_overdue)),
            ]
        rows.append(cells)
    if len(streams) > MAX_STREAM_ROWS:
        rows.append(_more_row(len(streams) - MAX_STREAM_ROWS, 5, context))
    return table(rows)


def _at_risk(context: RenderContext) -> Json:
    def health(epic: Epic) -> Health:
        return context.rollups.epics[epic.id].health.health

    epics = [epic for epic in _epics_in_view(context) if health(epic) in _URGENT]
    if not epics:
        return paragraph(RichText().text(context.say("dashboard.at_risk.none")))
    epics.sort(key=lambda epic: (_URGENT.index(health(epic)), epic.title.casefold(), epic.id))
    rows = [_header("column.epic", "column.health", "column.reason", context=context)]
    for epic in epics[:MAX_AT_RISK]:
        verdict = context.rollups.epics[epic.id].health
        rows.append(
            [RichText().page(epic.id), _cell(context.badge(verdict.health)), _cell(verdict.reason)]
        )
    if len(epics) > MAX_AT_RISK:
        rows.append(_more_row(len(epics) - MAX_AT_RISK, 3, context))
    return table(rows)


def _findings(findings: tuple[Finding, ...], context: RenderContext) -> Json:
    if not findings:
        return paragraph(RichText().text(context.say("dashboard.findings.none")))
    rows = [_header("column.rule", "column.count", "column.examples", context=context)]
    by_code = sorted(findings, key=lambda finding: finding.code)
    for code, group in groupby(by_code, key=lambda finding: finding.code):
        found = sorted(group, key=Finding.sort_key)
        rule = RichText().text(code, code=True).text(f" {flag_label(found[0], context.locale)}")
        rows.append([rule, _cell(str(len(found))), _examples(found, context)])
    return table(rows[:MAX_ITEMS])


def _examples(found: list[Finding], context: RenderContext) -> RichText:
    """Mentions of the first entities a rule found: pages, people, or their names."""
    text = RichText()
    entities = list(dict.fromkeys(finding.entity for finding in found))
    for position, entity in enumerate(entities[:MAX_EXAMPLES]):
        if position:
            text.text(", ")
        _entity(text, entity, context)
    context.more(text, len(entities) - MAX_EXAMPLES)
    return text


def _entity(text: RichText, entity: EntityRef, context: RenderContext) -> None:
    if entity.kind.page_kind is not None:
        text.page(entity.id)
    elif entity.kind is EntityKind.PERSON:
        text.user(entity.id)
    elif entity.kind is EntityKind.WORKSPACE:
        text.text(context.say("workspace"))
    else:
        text.text(entity.title or entity.id)


def _cell(words: str) -> RichText:
    return RichText().text(words)


def _header(*keys: str, context: RenderContext) -> list[RichText]:
    return [RichText().text(context.say(key), bold=True) for key in keys]


def _more_row(hidden: int, width: int, context: RenderContext) -> list[RichText]:
    return [_cell(context.and_more(hidden)), *(RichText() for _ in range(width - 1))]
