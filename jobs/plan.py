"""``sync``'s job: from a snapshot to the Plan of every write the sync intends.

:func:`build_plan` runs the checks (unless handed their findings), computes rollups and
health, and renders them (:mod:`jobs.render`): the output properties of every stream, epic
and task page (empty values included, so the writer clears stale ones), a status section per
epic and stream (``[sync] status_sections``), and the dashboard (``[sync] reports_page``).
It is pure: the same snapshot, settings and day give an equal Plan with equal digests.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from jobs.check import run_checks
from jobs.findings import Finding
from jobs.index import RoadmapIndex
from jobs.render.context import RenderContext
from jobs.render.pages import render_plan
from jobs.rollups import compute_rollups
from schemas.models import Snapshot
from schemas.plan import Plan
from schemas.settings import Settings


def build_plan(
    snapshot: Snapshot,
    settings: Settings,
    today: date,
    *,
    findings: Iterable[Finding] | None = None,
) -> Plan:
    """Every output ``quarterdeck sync`` writes for ``snapshot``.

    Args:
        snapshot: what the read returned.
        settings: ``sync`` (sections, dashboard), ``health``, ``rules``, ``quarter``, ``locale``.
        today: the team's local date; the run's own time is never part of the plan.
        findings: the findings of :func:`jobs.check.run_checks` when the caller already has
            them; computed here otherwise.

    Raises:
        UnknownRule: when findings are computed and the rule selection names no rule.
    """
    found = run_checks(snapshot, settings, today) if findings is None else tuple(findings)
    index = RoadmapIndex.build(snapshot, today, settings.quarter.fiscal_year_start_month)
    rollups = compute_rollups(index, settings, today)
    context = RenderContext(index, rollups, settings.locale, today)
    return render_plan(context, found, settings.sync)
