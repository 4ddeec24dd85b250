"""QD1xx structure: every task in an epic, every epic in a stream, a sane number of streams."""

from __future__ import annotations

from collections.abc import Iterator

from jobs.findings import EntityRef, Severity
from jobs.rules.base import STRUCTURE, CheckContext, Rule, Scope, Values, Violation
from schemas.models import Kind


class OrphanTask(Rule):
    """Open task that belongs to no epic.

    What it checks:
        An open task (not done, not dropped) whose Epic relation is empty.
        Closed tasks are exempt: they no longer weigh on any epic's progress.

    Why it matters:
        The method asks every task of the quarter to derive from an epic. A task outside
        any epic counts in nobody's progress, is invisible in the epic's status section,
        and is the first thing forgotten at quarter end.

    Example:
        Task “Fix broken links in the sales handbook”, In progress, Epic empty.

    How to fix:
        Link the task to the epic it serves in its Epic relation, or close it if it is not
        worth doing this quarter.

    Options:
        None.
    """

    code = "QD101"
    name = "orphan-task"
    family = STRUCTURE
    severity = Severity.ERROR
    scope = Scope.ALL

    def check(self, context: CheckContext) -> Iterator[Violation]:
        for task in context.index.open_tasks:
            if not task.epic_ids:
                yield Violation(
                    EntityRef.of(Kind.TASK, task), {"property": context.fields.tasks.epic}
                )


class TaskEpicUnreachable(Rule):
    """Open task whose epic is in the trash or out of Quarterdeck's reach.

    What it checks:
        An open task whose Epic relation points at a page the read did not return: an epic
        in Notion's trash, a page not shared with the integration (or deleted), or a page
        that is not a row of the Epics database. One finding per such epic. Closed tasks
        are exempt.

    Why it matters:
        The task looks attached in Notion, yet it counts toward no live epic: its work is
        lost from every rollup, and a trashed epic usually means the task should have gone
        with it or moved elsewhere.

    Example:
        Task “Map legacy contact roles” belongs to epic “Contact roles migration”, which
        is in the trash.

    How to fix:
        Restore the epic from the trash, share it with the integration, or link the task
        to a live epic (or close it).

    Options:
        None.
    """

    code = "QD102"
    name = "task-epic-unreachable"
    family = STRUCTURE
    severity = Severity.ERROR
    scope = Scope.ALL
    variants = ("trashed", "inaccessible", "elsewhere", "unknown")

    def check(self, context: CheckContext) -> Iterator[Violation]:
        index = context.index
        for task in index.open_tasks:
            for epic_id in dict.fromkeys(task.epic_ids):
                if epic_id in index.epics_by_id:
                    continue
                missing = index.snapshot.missing.get(epic_id)
                if missing is None:
                    # The reader did not say why: word it without guessing a reason.
                    variant, label = "unknown", epic_id
                else:
                    known = missing.reason in self.variants
                    variant = missing.reason if known else "unknown"
                    label = missing.title or epic_id
                values: Values = {"epic": label, "property": context.fields.tasks.epic}
                yield Violation(EntityRef.of(Kind.TASK, task), values, variant)


class EpicWithoutStream(Rule):
    """Epic that belongs to no stream.

    What it checks:
        An epic whose Stream relation is empty, or points only at streams the read did not
        return (trashed, not shared, or outside the Streams database). Quarter-scoped;
        dropped epics are exempt.

    Why it matters:
        Streams are the few MECE themes every project must derive from. An epic outside
        them is either a theme the roadmap forgot or work nobody agreed to; either way it
        is missing from the stream's progress and health.

    Example:
        Epic “Product usage data in the CRM”, Stream empty.

    How to fix:
        Link the epic to the stream it serves in its Stream relation (restore or share the
        stream if it is the one out of reach).

    Options:
        None.
    """

    code = "QD103"
    name = "epic-without-stream"
    family = STRUCTURE
    severity = Severity.ERROR
    scope = Scope.QUARTER
    variants = ("", "unreachable")

    def check(self, context: CheckContext) -> Iterator[Violation]:
        index = context.index
        for epic in index.live_epics_in_scope:
            values: Values = {"property": context.fields.epics.stream}
            if not epic.stream_ids:
                yield Violation(EntityRef.of(Kind.EPIC, epic), values)
            elif not any(stream_id in index.streams_by_id for stream_id in epic.stream_ids):
                missing = index.snapshot.missing
                streams = tuple(
                    (missing[stream_id].title if stream_id in missing else "") or stream_id
                    for stream_id in dict.fromkeys(epic.stream_ids)
                )
                yield Violation(
                    EntityRef.of(Kind.EPIC, epic), {**values, "streams": streams}, "unreachable"
                )


class StreamWithoutEpic(Rule):
    """Stream with no epic this quarter.

    What it checks:
        A stream that no epic of the current quarter (or undated epic) belongs to. Dropped
        epics do not count: a stream whose only epics were dropped has no plan left.
        Quarter-scoped.

    Why it matters:
        A stream is a theme the team committed to cover. With no epic this quarter, it is
        either neglected or no longer a theme, and its progress and health mean nothing.

    Example:
        Stream “Customer success ops”: its only epic is last quarter's.

    How to fix:
        Plan at least one epic for the stream this quarter, or archive the stream if the
        theme no longer applies.

    Options:
        None.
    """

    code = "QD104"
    name = "stream-without-epic"
    family = STRUCTURE
    severity = Severity.WARNING
    scope = Scope.QUARTER

    def check(self, context: CheckContext) -> Iterator[Violation]:
        index = context.index
        live = {epic.id for epic in index.live_epics_in_scope}
        for stream in index.snapshot.streams:
            if not any(epic.id in live for epic in index.epics_of(stream)):
                yield Violation(EntityRef.of(Kind.STREAM, stream), {"quarter": index.quarter.label})


class TooFewStreams(Rule):
    """Fewer streams than the method calls for.

    What it checks:
        The Streams database holds fewer than ``min_streams`` streams. One finding for the
        whole workspace.

    Why it matters:
        With one or two streams, themes are too broad to steer anything: every epic fits
        everywhere, and nobody can tell which part of the business is neglected.

    Example:
        Two streams, “Sales ops” and “Everything else”, with the default minimum of 3.

    How to fix:
        Split the roadmap into 3 to 10 themes that do not overlap and together cover the
        team's work, and add them to the Streams database.

    Options:
        ``min_streams`` (default 3): the fewest streams allowed; 0 turns the rule off.
    """

    code = "QD105"
    name = "too-few-streams"
    family = STRUCTURE
    severity = Severity.WARNING
    scope = Scope.WORKSPACE
    options = ("min_streams",)

    def check(self, context: CheckContext) -> Iterator[Violation]:
        count = len(context.index.snapshot.streams)
        if count < context.options.min_streams:
            values: Values = {"count": count, "limit": context.options.min_streams}
            yield Violation(EntityRef.workspace(), values)


class TooManyStreams(Rule):
    """More streams than the method calls for.

    What it checks:
        The Streams database holds more than ``max_streams`` streams. One finding for the
        whole workspace.

    Why it matters:
        Past about ten themes, streams stop being a few mutually exclusive areas and
        become a project list: leadership cannot read the roadmap at a glance any more.

    Example:
        Twelve streams, with the default maximum of 10.

    How to fix:
        Merge streams that overlap, or turn the narrow ones into epics of a broader
        stream.

    Options:
        ``max_streams`` (default 10): the most streams allowed.
    """

    code = "QD106"
    name = "too-many-streams"
    family = STRUCTURE
    severity = Severity.WARNING
    scope = Scope.WORKSPACE
    options = ("max_streams",)

    def check(self, context: CheckContext) -> Iterator[Violation]:
        count = len(context.index.snapshot.streams)
        if count > context.options.max_streams:
            values: Values = {"count": count, "limit": context.options.max_streams}
            yield Violation(EntityRef.workspace(), values)
