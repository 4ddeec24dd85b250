"""QD4xx schedule: coherent dates, nothing open past its date, nothing silently stuck."""

from __future__ import annotations

from collections.abc import Iterator

from jobs.findings import EntityRef, Severity
from jobs.index import due_day, is_overdue
from jobs.quarters import quarter_field, quarter_of_dates
from jobs.rules.base import SCHEDULE, CheckContext, Rule, Scope, Values, Violation
from schemas.models import Epic, Kind, Page, State


def has_reversed_dates(epic: Epic) -> bool:
    """Whether the epic's Dates end before they start (a CSV import leaves such ranges)."""
    dates = epic.dates
    return dates is not None and dates.end is not None and dates.end < dates.start


class EpicWithoutDates(Rule):
    """Epic with no dates.

    What it checks:
        An epic whose Dates property is empty. Done epics are checked too; dropped epics
        are exempt. Quarter-scoped: an undated epic with no Quarter value is in scope.

    Why it matters:
        Each epic needs a calendar. Without dates it cannot be late, never shows on the
        timeline, and its quarter can only come from the Quarter property.

    Example:
        Epic “Churn signals report”, Dates empty.

    How to fix:
        Fill in Dates with the epic's start and end (a date range).

    Options:
        None.
    """

    code = "QD401"
    name = "epic-without-dates"
    family = SCHEDULE
    severity = Severity.WARNING
    scope = Scope.QUARTER

    def check(self, context: CheckContext) -> Iterator[Violation]:
        values: Values = {"property": context.fields.epics.dates}
        for epic in context.index.live_epics_in_scope:
            if epic.dates is None:
                yield Violation(EntityRef.of(Kind.EPIC, epic), values)


class EpicEndBeforeStart(Rule):
    """Epic whose end date comes before its start date.

    What it checks:
        An epic whose Dates range ends before it starts. Dropped epics are exempt.
        Quarter-scoped.

    Why it matters:
        Notion's date picker refuses such a range, but imports and API writes leave them
        behind; the timeline hides the epic and every duration computed from it is
        negative.

    Example:
        Epic “Quarterly business review pack”, Dates 20 Dec 2026 → 2 Dec 2026.

    How to fix:
        Re-enter the epic's Dates with the start first.

    Options:
        None.
    """

    code = "QD402"
    name = "epic-end-before-start"
    family = SCHEDULE
    severity = Severity.ERROR
    scope = Scope.QUARTER

    def check(self, context: CheckContext) -> Iterator[Violation]:
        for epic in context.index.live_epics_in_scope:
            if epic.dates is not None and has_reversed_dates(epic):
                values: Values = {
                    "start": epic.dates.start,
                    "end": epic.dates.last_day,
                    "property": context.fields.epics.dates,
                }
                yield Violation(EntityRef.of(Kind.EPIC, epic), values)


class EpicOutsideQuarter(Rule):
    """Epic ending outside the quarter its Quarter property names.

    What it checks:
        An epic whose Quarter property names a quarter and whose end date (its start when
        it has no end) falls outside that quarter. Epics with reversed dates are left to
        ``epic-end-before-start``; dropped epics are exempt. Quarter-scoped, in a wider
        sense: checked when either its Quarter property or its dates fall in the current
        quarter, so a mislabelled epic is caught from both sides.

    Why it matters:
        The Quarter property decides which quarter's dashboard, retrospective and
        carry-over the epic belongs to; when the dates say otherwise, one of them is wrong
        and the epic is counted in the wrong quarter.

    Example:
        Epic “Dialer rollout for SDRs”, Quarter 2026-Q4, Dates 2 Nov 2026 → 15 Jan 2027.

    How to fix:
        Move the Quarter property to the quarter the epic really ends in, or bring its end
        date back inside the quarter (split the epic if part of it carries over).

    Options:
        None.
    """

    code = "QD403"
    name = "epic-outside-quarter"
    family = SCHEDULE
    severity = Severity.WARNING
    scope = Scope.QUARTER

    def check(self, context: CheckContext) -> Iterator[Violation]:
        index = context.index
        start_month = index.quarter.start_month
        for epic in index.snapshot.epics:
            labelled = quarter_field(epic, start_month)
            dated = quarter_of_dates(epic, start_month)
            if epic.state is State.DROPPED or labelled is None or dated is None:
                continue
            if index.quarter not in (labelled, dated) or has_reversed_dates(epic):
                continue
            if labelled != dated and epic.dates is not None:
                values: Values = {
                    "quarter": labelled.label,
                    "end": epic.dates.last_day,
                    "actual": dated.label,
                    "property": context.fields.epics.quarter,
                }
                yield Violation(EntityRef.of(Kind.EPIC, epic), values)


class TaskOverdue(Rule):
    """Open task past its due date.

    What it checks:
        An open task (not done, not dropped) whose Due date (the end of a range) is before
        today, the team's local date. Closed tasks and tasks without a due date are
        exempt.

    Why it matters:
        Overdue tasks are the earliest sign that an epic will slip; flagged on the task,
        its assignee sees it in their own views.

    Example:
        Task “Train the SDR team in Madrid”, In progress, due 9 Nov 2026, today 16 Nov
        2026.

    How to fix:
        Finish the task and mark it done, move its due date to a realistic day, or close
        it if it is no longer needed.

    Options:
        None.
    """

    code = "QD404"
    name = "task-overdue"
    family = SCHEDULE
    severity = Severity.WARNING
    scope = Scope.ALL

    def check(self, context: CheckContext) -> Iterator[Violation]:
        for task in context.index.snapshot.tasks:
            if is_overdue(task, context.today) and (due := due_day(task)) is not None:
                values: Values = {"due": due, "property": context.fields.tasks.due}
                yield Violation(EntityRef.of(Kind.TASK, task), values)


class EpicOverdue(Rule):
    """Open epic past its end date.

    What it checks:
        An open epic (not started or in progress) whose end date (its start when it has no
        end) is before today. Quarter-scoped.

    Why it matters:
        An epic still open after its end date is late or forgotten; leadership reads the
        roadmap's dates as commitments.

    Example:
        Epic “Dialer rollout for SDRs”, In progress, Dates ending 6 Nov 2026, today 16 Nov
        2026.

    How to fix:
        Close the epic if its work is finished, or move its end date and tell the
        stakeholders why.

    Options:
        None.
    """

    code = "QD405"
    name = "epic-overdue"
    family = SCHEDULE
    severity = Severity.WARNING
    scope = Scope.QUARTER

    def check(self, context: CheckContext) -> Iterator[Violation]:
        for epic in context.index.epics_in_scope:
            if is_overdue(epic, context.today) and (end := due_day(epic)) is not None:
                values: Values = {"end": end, "property": context.fields.epics.dates}
                yield Violation(EntityRef.of(Kind.EPIC, epic), values)


class StaleInProgress(Rule):
    """Item in progress that nobody has edited for too long.

    What it checks:
        An epic or task in progress whose last edit by a person (as a day in the team's
        time zone) is more than ``stale_after_days`` days before today. Quarterdeck's own
        writes (progress, health, flags, its status section) do not count: for a page it
        edited last, the last edit by a person is the one an earlier run saw. An item with
        no edit by a person known (no earlier run's state) is not reported.
        Epics are quarter-scoped; every task in progress is checked.

    Why it matters:
        Work marked in progress but untouched for weeks is usually stalled or done without
        anyone saying so: either way the roadmap is telling a story that is no longer
        true.

    Example:
        Task “Recorded demo of the quoting process”, In progress, last edited by a person
        25 days ago (Quarterdeck has updated its flags since), with the default of 14 days.

    How to fix:
        Update the item: move its status on (done, blocked, back to not started), or add
        what changed.

    Options:
        ``stale_after_days`` (default 14): how many days without an edit an item in
        progress may go.
    """

    code = "QD406"
    name = "stale-in-progress"
    family = SCHEDULE
    severity = Severity.INFO
    scope = Scope.QUARTER
    options = ("stale_after_days",)
    variants = ("epic", "task")

    def check(self, context: CheckContext) -> Iterator[Violation]:
        index = context.index
        epics = (epic for epic in index.epics_in_scope if epic.state is State.IN_PROGRESS)
        tasks = (task for task in index.snapshot.tasks if task.state is State.IN_PROGRESS)
        for kind, pages in ((Kind.EPIC, epics), (Kind.TASK, tasks)):
            for page in pages:
                violation = self._stale(context, kind, page)
                if violation is not None:
                    yield violation

    def _stale(self, context: CheckContext, kind: Kind, page: Page) -> Violation | None:
        if page.last_human_edit is None:
            return None  # nobody's edit is known: unknown is not stale
        edited = context.local_day(page.last_human_edit)
        days = (context.today - edited).days
        if days <= context.options.stale_after_days:
            return None
        values: Values = {"edited": edited, "days": days, "limit": context.options.stale_after_days}
        return Violation(EntityRef.of(kind, page), values, kind.value)
