"""QD5xx consistency and hygiene: statuses that agree, one title per epic, readable values."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from jobs.findings import EntityKind, EntityRef, Severity
from jobs.index import is_open
from jobs.rules.base import HYGIENE, CheckContext, Rule, Scope, Values, Violation
from schemas.models import Epic, Kind, State


class InProgressEpicWithoutTasks(Rule):
    """Epic in progress with no tasks.

    What it checks:
        An epic in progress that no task belongs to (tasks are found from their own Epic
        relation, so an epic with more than 25 tasks is counted right). Quarter-scoped.

    Why it matters:
        Work that is under way but broken down into nothing cannot show progress: the
        epic's progress stays at 0 % and nobody can tell what is left.

    Example:
        Epic “Partner deal registration”, In progress, no tasks.

    How to fix:
        Break the epic down into tasks in the Tasks database, or move it back to not
        started.

    Options:
        None.
    """

    code = "QD501"
    name = "in-progress-epic-without-tasks"
    family = HYGIENE
    severity = Severity.WARNING
    scope = Scope.QUARTER

    def check(self, context: CheckContext) -> Iterator[Violation]:
        index = context.index
        for epic in index.epics_in_scope:
            if epic.state is State.IN_PROGRESS and not index.tasks_of(epic):
                yield Violation(EntityRef.of(Kind.EPIC, epic))


class DoneEpicWithOpenTasks(Rule):
    """Done epic that still has open tasks.

    What it checks:
        An epic marked done that has tasks still open (not done, not dropped). The finding
        lists them. Quarter-scoped; the tasks themselves are flagged by
        ``open-task-in-closed-epic``.

    Why it matters:
        Either the epic was closed too early, or the leftover tasks are dead: in both cases
        the epic's progress and the team's open work are wrong.

    Example:
        Epic “Inbound lead routing rules”, Done, with task “Document routing exceptions
        for partners” still To do.

    How to fix:
        Close the leftover tasks (done or dropped), move them to another epic, or reopen
        the epic.

    Options:
        None.
    """

    code = "QD502"
    name = "done-epic-with-open-tasks"
    family = HYGIENE
    severity = Severity.WARNING
    scope = Scope.QUARTER

    def check(self, context: CheckContext) -> Iterator[Violation]:
        index = context.index
        for epic in index.epics_in_scope:
            if epic.state is not State.DONE:
                continue
            open_tasks = tuple(task.title for task in index.tasks_of(epic) if is_open(task))
            if open_tasks:
                values: Values = {"count": len(open_tasks), "tasks": open_tasks}
                yield Violation(EntityRef.of(Kind.EPIC, epic), values)


class OpenTaskInClosedEpic(Rule):
    """Open task in a done or dropped epic.

    What it checks:
        An open task whose epic is done or dropped. Every open task is checked, whatever
        its epic's quarter, so leftovers of past quarters surface too. One finding per
        such epic.

    Why it matters:
        Nobody looks at a closed epic's tasks any more: the task will never be done, yet
        it still counts in its assignee's open work and in the overdue counts.

    Example:
        Task “Document routing exceptions for partners”, To do, in the done epic “Inbound
        lead routing rules”.

    How to fix:
        Close the task, or move it to a live epic if the work still matters (carry it
        over).

    Options:
        None.
    """

    code = "QD503"
    name = "open-task-in-closed-epic"
    family = HYGIENE
    severity = Severity.WARNING
    scope = Scope.ALL
    variants = ("done", "dropped")

    def check(self, context: CheckContext) -> Iterator[Violation]:
        index = context.index
        for task in index.open_tasks:
            for epic_id in dict.fromkeys(task.epic_ids):
                epic = index.epics_by_id.get(epic_id)
                if epic is not None and epic.state is not None and epic.state.is_closed:
                    values: Values = {"epic": epic.title, "property": context.fields.tasks.epic}
                    yield Violation(EntityRef.of(Kind.TASK, task), values, epic.state.value)


class DuplicateEpicTitle(Rule):
    """Two or more epics of the quarter with the same title.

    What it checks:
        Epics of the current quarter (undated epics included) whose titles are equal once
        case and spacing are ignored. One finding per epic of each group, so each page
        carries the flag and can opt out on its own. Dropped epics are exempt: re-planning
        a dropped epic under its old name is normal. Quarter-scoped.

    Why it matters:
        Two epics with one name split the work, the tasks and the KPI between two pages;
        reports and mentions point at one of them at random.

    Example:
        Epic “Lead scoring v1” in stream “Pipeline & forecasting”, and epic “Lead scoring
        V1” in stream “Lead routing & hand-offs”.

    How to fix:
        Merge the duplicates into one epic (move the tasks, then drop the other), or
        rename them so each title says what sets it apart.

    Options:
        None.
    """

    code = "QD504"
    name = "duplicate-epic-title"
    family = HYGIENE
    severity = Severity.WARNING
    scope = Scope.QUARTER

    def check(self, context: CheckContext) -> Iterator[Violation]:
        groups: defaultdict[str, list[Epic]] = defaultdict(list)
        for epic in context.index.live_epics_in_scope:
            key = " ".join(epic.title.split()).casefold()
            if key:
                groups[key].append(epic)
        for epics in groups.values():
            if len(epics) > 1:
                values: Values = {"count": len(epics), "quarter": context.index.quarter.label}
                for epic in epics:
                    yield Violation(EntityRef.of(Kind.EPIC, epic), values)


class UnreadableValue(Rule):
    """Property value Quarterdeck could not use.

    What it checks:
        Every value the reader reported as unusable (a KPI target written as text, a
        formula in error, a date it cannot parse…), on any page. One finding per value.

    Why it matters:
        Quarterdeck leaves an unreadable value out rather than guess, so every rule and
        rollup that needs it treats it as empty; the team should know why.

    Example:
        Epic “Lead scoring v1”: KPI target “about 20” is text, not a number.

    How to fix:
        Correct the value in the property named by the finding, using the type the
        property expects.

    Options:
        None.
    """

    code = "QD505"
    name = "unreadable-value"
    family = HYGIENE
    severity = Severity.WARNING
    scope = Scope.ALL
    variants = tuple(kind.value for kind in Kind)

    def check(self, context: CheckContext) -> Iterator[Violation]:
        for problem in context.index.snapshot.problems:
            entity = EntityRef(
                EntityKind(problem.kind.value), problem.page_id, problem.page_title, problem.url
            )
            values: Values = {"property": problem.property_name, "problem": problem.message}
            yield Violation(entity, values, problem.kind.value)


class UnusableProperty(Rule):
    """Mapped property missing from its database, or of a type Quarterdeck cannot read.

    What it checks:
        Every required property the field mapping names that the database lacks, and every
        mapped property held with a type the field cannot be read from (a KPI target stored
        as text). One finding per property, about the database, not per page. An error when
        the field is required (an epic's Owner, Stream, Status, Dates or KPI…), a warning
        otherwise. Optional fields a team does not use (no such property) are not flagged;
        ``quarterdeck doctor`` lists them.

    Why it matters:
        The field then reads as empty on every page: rules that use it flag every page, or
        none, and rollups built on it are wrong. One finding at the source is clearer than
        a hundred on the pages.

    Example:
        The Epics database has no property “KPI target” (the team named it “Cible”).

    How to fix:
        Create the property with a supported type, or point the field at the property the
        team uses in ``[fields]`` of ``quarterdeck.toml`` (``quarterdeck doctor`` lists
        them).

    Options:
        None.
    """

    code = "QD506"
    name = "unusable-property"
    family = HYGIENE
    severity = Severity.WARNING
    scope = Scope.WORKSPACE
    variants = tuple(kind.value for kind in Kind)

    def check(self, context: CheckContext) -> Iterator[Violation]:
        for problem in context.index.snapshot.schema_problems:
            if problem.missing and not problem.required:
                continue  # an optional field the team does not use: doctor mentions it
            table = _FIELD_TABLES[problem.kind]
            entity = EntityRef(
                EntityKind.DATABASE, f"{table}.{problem.field}", problem.property_name
            )
            values: Values = {
                "problem": problem.message,
                "setting": f"fields.{table}.{problem.field}",
            }
            severity = Severity.ERROR if problem.required else None
            yield Violation(entity, values, problem.kind.value, severity)


_FIELD_TABLES = {
    Kind.STREAM: "streams",
    Kind.EPIC: "epics",
    Kind.TASK: "tasks",
    Kind.KEY_RESULT: "key_results",
}
"""The ``[fields.*]`` table (and ``[databases]`` key) of each kind of page."""
