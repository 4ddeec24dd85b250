"""QD3xx KPIs and goals: one quantified KPI per epic, and a North Star for the team."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator

from jobs.findings import EntityRef, Severity
from jobs.rules.base import GOALS, CheckContext, Rule, Scope, Values, Violation
from schemas.models import Epic, Kind, State

NORTH_STAR_LEVELS = frozenset({"north star", "etoile du nord"})
"""Key result levels that mean the team's North Star, compared without case or accents."""


def has_kpi(epic: Epic) -> bool:
    """Whether the epic states its KPI (the text; the numbers are checked separately)."""
    return bool(epic.kpi.strip())


def is_north_star(level: str | None) -> bool:
    """``North Star``, ``north-star``, ``Étoile du Nord``… any case, accents or hyphens."""
    if not level:
        return False
    decomposed = unicodedata.normalize("NFKD", level.replace("-", " "))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split()) in NORTH_STAR_LEVELS


class EpicWithoutKpi(Rule):
    """Epic with no KPI.

    What it checks:
        An epic whose KPI text is empty. Done epics are checked too (the retrospective
        measures them); dropped epics are exempt. Quarter-scoped.

    Why it matters:
        The method gives each epic one quantified result that lets the team call it a
        success at quarter end. Without it, "done" only means "we stopped working on it".

    Example:
        Epic “Ad hoc requests from sales leadership”: no KPI, baseline, target or
        current value.

    How to fix:
        Write in the KPI property the measurable result expected by quarter end (for
        example "Median first response to sales requests from 3 days to 1 day"), then
        fill in its baseline and target.

    Options:
        None.
    """

    code = "QD301"
    name = "epic-without-kpi"
    family = GOALS
    severity = Severity.ERROR
    scope = Scope.QUARTER

    def check(self, context: CheckContext) -> Iterator[Violation]:
        values: Values = {"property": context.fields.epics.kpi}
        for epic in context.index.live_epics_in_scope:
            if not has_kpi(epic):
                yield Violation(EntityRef.of(Kind.EPIC, epic), values)


class KpiWithoutTarget(Rule):
    """KPI with no target.

    What it checks:
        An epic that states a KPI but has no KPI target. Epics without a KPI are left to
        ``epic-without-kpi``; dropped epics are exempt. Quarter-scoped.

    Why it matters:
        A KPI without a target cannot be attained or missed: the epic's KPI attainment
        stays empty and the quarter-end review has nothing to compare with.

    Example:
        Epic “Data quality scorecard”: baseline 61, current 66, no target.

    How to fix:
        Fill in the KPI target with the value to reach by quarter end.

    Options:
        None.
    """

    code = "QD302"
    name = "kpi-without-target"
    family = GOALS
    severity = Severity.WARNING
    scope = Scope.QUARTER

    def check(self, context: CheckContext) -> Iterator[Violation]:
        for epic in context.index.live_epics_in_scope:
            if has_kpi(epic) and epic.kpi_target is None:
                values: Values = {
                    "kpi": epic.kpi.strip(),
                    "property": context.fields.epics.kpi_target,
                }
                yield Violation(EntityRef.of(Kind.EPIC, epic), values)


class KpiWithoutCurrent(Rule):
    """Started epic whose KPI has no current value.

    What it checks:
        An epic in progress or done, with a KPI, whose KPI current value is empty. Not
        started and dropped epics are exempt. Quarter-scoped.

    Why it matters:
        Once work has started, the KPI's current value is how the team sees whether the
        epic moves the needle; for a done epic it is the final result the retrospective
        reports.

    Example:
        Epic “Lead scoring v1”, In progress, KPI baseline 12, target 20, current empty.

    How to fix:
        Measure the KPI and write the value in KPI current; update it at each check-in.

    Options:
        None.
    """

    code = "QD303"
    name = "kpi-without-current"
    family = GOALS
    severity = Severity.WARNING
    scope = Scope.QUARTER
    variants = ("in_progress", "done")

    def check(self, context: CheckContext) -> Iterator[Violation]:
        values: Values = {"property": context.fields.epics.kpi_current}
        for epic in context.index.live_epics_in_scope:
            started = epic.state in (State.IN_PROGRESS, State.DONE)
            if started and has_kpi(epic) and epic.kpi_current is None:
                variant = "done" if epic.state is State.DONE else "in_progress"
                yield Violation(EntityRef.of(Kind.EPIC, epic), values, variant)


class KpiTargetEqualsBaseline(Rule):
    """KPI whose target equals its baseline.

    What it checks:
        An epic whose KPI baseline and KPI target are both set and equal. Dropped epics
        are exempt. Quarter-scoped.

    Why it matters:
        A target equal to the baseline asks for no change: the epic is a success before
        it starts, which is almost always a copy-paste slip or a target nobody set.

    Example:
        Epic “Win/loss analysis”: baseline 24, target 24.

    How to fix:
        Set the KPI target to the value the epic should reach, or correct the baseline.

    Options:
        None.
    """

    code = "QD304"
    name = "kpi-target-equals-baseline"
    family = GOALS
    severity = Severity.WARNING
    scope = Scope.QUARTER

    def check(self, context: CheckContext) -> Iterator[Violation]:
        for epic in context.index.live_epics_in_scope:
            baseline, target = epic.kpi_baseline, epic.kpi_target
            if baseline is not None and target is not None and math.isclose(baseline, target):
                values: Values = {"value": target, "property": context.fields.epics.kpi_target}
                yield Violation(EntityRef.of(Kind.EPIC, epic), values)


class NoNorthStar(Rule):
    """No North Star key result.

    What it checks:
        When a Key results database is configured: no key result has the level "North
        Star" (any case; "Étoile du Nord" also counts). One finding for the workspace.

    Why it matters:
        The North Star is the one metric the whole team's quarter is judged on; the epics'
        KPIs are meant to add up to it. Without it the dashboard has no headline.

    Example:
        Key results “Forecast accuracy” and “Lead response time”, both at level “Epic”.

    How to fix:
        Add a key result at level "North Star" for the team's headline metric, with its
        baseline and target.

    Options:
        None.
    """

    code = "QD305"
    name = "no-north-star"
    family = GOALS
    severity = Severity.WARNING
    scope = Scope.WORKSPACE

    def check(self, context: CheckContext) -> Iterator[Violation]:
        snapshot = context.index.snapshot
        if snapshot.has_key_results and not any(
            is_north_star(result.level) for result in snapshot.key_results
        ):
            values: Values = {"property": context.fields.key_results.level}
            yield Violation(EntityRef.workspace(), values)


class KeyResultWithoutTarget(Rule):
    """Key result with no target.

    What it checks:
        When a Key results database is configured: a key result whose Target is empty.
        Every key result is checked, whatever its level.

    Why it matters:
        A key result is a measurable goal; without a target its attainment cannot be
        computed and the dashboard shows a number with no meaning.

    Example:
        Key result “Forecast accuracy at quarter end”, baseline 68, target empty.

    How to fix:
        Fill in the key result's Target with the value to reach by quarter end.

    Options:
        None.
    """

    code = "QD306"
    name = "key-result-without-target"
    family = GOALS
    severity = Severity.WARNING
    scope = Scope.ALL

    def check(self, context: CheckContext) -> Iterator[Violation]:
        snapshot = context.index.snapshot
        if not snapshot.has_key_results:
            return
        values: Values = {"property": context.fields.key_results.target}
        for result in snapshot.key_results:
            if result.target is None:
                yield Violation(EntityRef.of(Kind.KEY_RESULT, result), values)
