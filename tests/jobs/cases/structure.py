"""QD1xx structure cases."""

from __future__ import annotations

from schemas.models import MissingPage
from tests.jobs.builders import (
    PIPELINE,
    REPORTING,
    ROUTING,
    done,
    dropped,
    epic,
    snapshot,
    stream,
    task,
)
from tests.jobs.case import Case, fails, passes

SCORING = epic("Lead scoring v1")
LAST_QUARTER = epic("Renewal playbook", quarter="2026-Q3", stream_ids=(ROUTING.id,))
TRASHED = MissingPage("epic-contact-roles", "trashed", "Contact roles migration")
HIDDEN = MissingPage("epic-secret", "inaccessible")
ELSEWHERE = MissingPage("page-meeting-notes", "elsewhere", "Meeting notes")
TWELVE = tuple(stream(f"Stream {number}") for number in range(12))

CASES: tuple[Case, ...] = (
    passes("QD101", "task-in-an-epic", snapshot(SCORING, task(of=SCORING))),
    fails("QD101", "open-task-without-epic", snapshot(task("Fix broken links")), "Fix broken links"),
    passes("QD101", "done-task-without-epic-is-exempt", snapshot(done(task("Old chore")))),
    passes("QD101", "dropped-task-without-epic-is-exempt", snapshot(dropped(task("Idea")))),
    passes("QD102", "epic-in-snapshot", snapshot(SCORING, task(of=SCORING))),
    fails("QD102", "epic-in-trash",
          snapshot(task("Map legacy contact roles", of=TRASHED.id), missing=[TRASHED]),
          "Map legacy contact roles", says="“Contact roles migration”, which is in the trash"),
    fails("QD102", "epic-not-shared",
          snapshot(task("Secret task", of=HIDDEN.id), missing=[HIDDEN]),
          "Secret task", says="“epic-secret”, which Quarterdeck cannot read"),
    fails("QD102", "relation-to-another-database",
          snapshot(task("Prepare QBR", of=ELSEWHERE.id), missing=[ELSEWHERE]),
          "Prepare QBR", says="not in the Epics database"),
    fails("QD102", "epic-id-nobody-reported", snapshot(task("Ghost", of="epic-gone")),
          "Ghost", says="not among the epics Quarterdeck read"),
    passes("QD102", "closed-task-is-exempt",
           snapshot(done(task("Mapped", of=TRASHED.id)), missing=[TRASHED])),
    passes("QD103", "epic-in-a-stream", snapshot(PIPELINE, SCORING)),
    fails("QD103", "stream-empty", snapshot(epic("Product usage data", stream_ids=())),
          "Product usage data", says="belongs to no stream"),
    fails("QD103", "stream-trashed",
          snapshot(epic("Usage", stream_ids=("stream-old",)),
                   missing=[MissingPage("stream-old", "trashed", "Old stream")]),
          "Usage", says="cannot read: “Old stream”"),
    passes("QD103", "one-of-two-streams-readable",
           snapshot(PIPELINE, epic(stream_ids=("stream-old", PIPELINE.id)))),
    passes("QD103", "dropped-epic-is-exempt", snapshot(dropped(epic(stream_ids=())))),
    passes("QD103", "last-quarter-epic-is-out-of-scope",
           snapshot(epic(stream_ids=(), quarter="2026-Q3"))),
    fails("QD103", "undated-epic-is-in-scope",
          snapshot(epic("Someday", stream_ids=(), quarter=None, dates=None)), "Someday"),
    passes("QD104", "stream-with-epic", snapshot(PIPELINE, SCORING)),
    fails("QD104", "only-last-quarter-epic", snapshot(ROUTING, LAST_QUARTER),
          "Lead routing & hand-offs", says="has no epic in 2026-Q4"),
    fails("QD104", "only-dropped-epic", snapshot(PIPELINE, dropped(SCORING)),
          "Pipeline & forecasting"),
    passes("QD104", "undated-epic-counts",
           snapshot(PIPELINE, epic(quarter=None, dates=None))),
    fails("QD104", "each-empty-stream", snapshot(REPORTING, ROUTING), "Lead routing & hand-offs",
          "Reporting"),
    passes("QD105", "three-streams", snapshot(PIPELINE, ROUTING, REPORTING)),
    fails("QD105", "two-streams", snapshot(PIPELINE, ROUTING), "workspace",
          says="2 streams, fewer than the minimum of 3"),
    passes("QD105", "minimum-lowered", snapshot(PIPELINE), min_streams=1),
    passes("QD105", "zero-turns-it-off", snapshot(), min_streams=0),
    passes("QD106", "ten-streams", snapshot(*TWELVE[:10])),
    fails("QD106", "twelve-streams", snapshot(*TWELVE), "workspace",
          says="12 streams, more than the maximum of 10"),
    passes("QD106", "maximum-raised", snapshot(*TWELVE), max_streams=12),
)  # fmt: skip
