"""QD2xx ownership: every epic has an owner, every open task an assignee, nobody drowns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from jobs.findings import EntityKind, EntityRef, Severity
from jobs.index import is_open
from jobs.rules.base import OWNERSHIP, CheckContext, Rule, Scope, Values, Violation
from schemas.models import Epic, Kind


class EpicWithoutOwner(Rule):
    """Epic with no owner.

    What it checks:
        An epic whose Owner is empty (contributors do not count). Done epics are checked
        too, since the retrospective needs someone to answer for them; dropped epics are
        exempt. Quarter-scoped.

    Why it matters:
        Each major project needs one owner who answers for its calendar, deliverables and
        KPI. With contributors only, everyone assumes someone else is driving.

    Example:
        Epic “MQL to SQL definition with marketing”: two contributors, Owner empty.

    How to fix:
        Name one owner in the epic's Owner property; keep the others in Contributors.

    Options:
        None.
    """

    code = "QD201"
    name = "epic-without-owner"
    family = OWNERSHIP
    severity = Severity.ERROR
    scope = Scope.QUARTER

    def check(self, context: CheckContext) -> Iterator[Violation]:
        fields = context.fields.epics
        values: Values = {"property": fields.owner, "contributors": fields.contributors}
        for epic in context.index.live_epics_in_scope:
            if not epic.owner_ids:
                yield Violation(EntityRef.of(Kind.EPIC, epic), values)


class TaskWithoutAssignee(Rule):
    """Open task with nobody assigned.

    What it checks:
        An open task (not done, not dropped) whose Assignee is empty. Closed tasks are
        exempt.

    Why it matters:
        A task nobody is assigned to is a task nobody will do: it stays "To do" until it
        is overdue, and the epic's owner finds out at the weekly review.

    Example:
        Task “Driver metrics per stream”, To do, Assignee empty.

    How to fix:
        Assign the task to the person who will do it, or close it if it is not needed.

    Options:
        None.
    """

    code = "QD202"
    name = "task-without-assignee"
    family = OWNERSHIP
    severity = Severity.WARNING
    scope = Scope.ALL

    def check(self, context: CheckContext) -> Iterator[Violation]:
        values: Values = {"property": context.fields.tasks.assignee}
        for task in context.index.open_tasks:
            if not task.assignee_ids:
                yield Violation(EntityRef.of(Kind.TASK, task), values)


class OwnerOverloaded(Rule):
    """Person owning more open epics than one person can drive.

    What it checks:
        For each person, the open epics (not done, not dropped) of the current quarter
        they own, co-owned epics included. One finding per person over the limit, about
        the person, listing the epics. Quarter-scoped; undated epics count.

    Why it matters:
        An ops person owning many epics at once delivers none of them on time: the
        roadmap looks staffed while one person is the bottleneck of half of it.

    Example:
        Julien Moreau owns 6 open epics this quarter with the default limit of 3.

    How to fix:
        Hand some epics over to another owner, or move the least urgent ones to next
        quarter.

    Options:
        ``max_open_epics_per_owner`` (default 3): the most open epics one person may own
        in the quarter.
    """

    code = "QD203"
    name = "owner-overloaded"
    family = OWNERSHIP
    severity = Severity.WARNING
    scope = Scope.QUARTER
    options = ("max_open_epics_per_owner",)

    def check(self, context: CheckContext) -> Iterator[Violation]:
        index, limit = context.index, context.options.max_open_epics_per_owner
        owned: defaultdict[str, list[Epic]] = defaultdict(list)
        for epic in index.epics_in_scope:
            if is_open(epic):
                for owner_id in dict.fromkeys(epic.owner_ids):
                    owned[owner_id].append(epic)
        for owner_id, epics in owned.items():
            if len(epics) > limit:
                name = index.snapshot.person_name(owner_id)
                titles = tuple(sorted((epic.title for epic in epics), key=str.casefold))
                values: Values = {
                    "count": len(epics),
                    "limit": limit,
                    "epics": titles,
                    "quarter": index.quarter.label,
                }
                yield Violation(EntityRef(EntityKind.PERSON, owner_id, name), values)
