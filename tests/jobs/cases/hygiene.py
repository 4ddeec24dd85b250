"""QD5xx consistency and hygiene cases."""

from __future__ import annotations

from schemas.models import Kind, SchemaProblem, State, ValueProblem
from tests.jobs.builders import PIPELINE, ROUTING, done, dropped, epic, snapshot, task
from tests.jobs.case import Case, fails, passes

SCORING = epic("Lead scoring v1")
ROUTING_RULES = done(epic("Inbound lead routing rules"))
TERRITORY = dropped(epic("Territory planning"))
NOT_STARTED = {"status": "Planned", "state": State.NOT_STARTED}
BAD_TARGET = ValueProblem(Kind.EPIC, SCORING.id, SCORING.title, SCORING.url, "kpi_target",
                          "KPI target", "“about 20” is text, not a number")  # fmt: skip
BAD_DUE = ValueProblem(Kind.TASK, "task-call-list", "Call list", "", "due", "Échéance",
                       "the formula returns an error")  # fmt: skip
NO_TARGET = SchemaProblem(Kind.EPIC, "kpi_target", "KPI target", "the database has no such property",
                          required=False)  # fmt: skip
NO_OWNER = SchemaProblem(Kind.EPIC, "owner", "Owner", "it is a text property, not people",
                         required=True)  # fmt: skip

CASES: tuple[Case, ...] = (
    passes("QD501", "in-progress-with-tasks", snapshot(SCORING, task(of=SCORING))),
    fails("QD501", "in-progress-without-tasks", snapshot(epic("Partner deal registration")),
          "Partner deal registration", says="is in progress but has no tasks"),
    passes("QD501", "not-started-without-tasks", snapshot(epic(**NOT_STARTED))),
    passes("QD501", "tasks-found-from-the-task-side",
           snapshot(SCORING, *(task(f"Task {n}", of=SCORING) for n in range(30)))),
    passes("QD502", "done-with-closed-tasks",
           snapshot(ROUTING_RULES, done(task(of=ROUTING_RULES)), dropped(task("B", of=ROUTING_RULES)))),
    fails("QD502", "done-with-open-task",
          snapshot(ROUTING_RULES, done(task("Rules", of=ROUTING_RULES)),
                   task("Document exceptions", of=ROUTING_RULES)),
          "Inbound lead routing rules",
          says="is done but still has open tasks (1): “Document exceptions”."),
    passes("QD502", "in-progress-with-open-tasks", snapshot(SCORING, task(of=SCORING))),
    passes("QD503", "open-task-in-live-epic", snapshot(SCORING, task(of=SCORING))),
    fails("QD503", "open-task-in-done-epic",
          snapshot(ROUTING_RULES, task("Document exceptions", of=ROUTING_RULES)),
          "Document exceptions", says="its epic “Inbound lead routing rules” is done"),
    fails("QD503", "open-task-in-dropped-epic", snapshot(TERRITORY, task("Compare tools", of=TERRITORY)),
          "Compare tools", says="“Territory planning” was dropped"),
    fails("QD503", "leftover-of-last-quarter",
          snapshot(done(epic("Old", quarter="2026-Q3")), task("Leftover", of="epic-old")),
          "Leftover"),
    passes("QD503", "closed-task-in-done-epic", snapshot(ROUTING_RULES, done(task(of=ROUTING_RULES)))),
    passes("QD504", "distinct-titles", snapshot(SCORING, epic("Lead scoring v2"))),
    fails("QD504", "same-title-two-streams",
          snapshot(epic("Lead scoring v1", id="epic-a"),
                   epic("lead  Scoring V1 ", id="epic-b", stream_ids=(ROUTING.id,))),
          "lead  Scoring V1 ", "Lead scoring v1",
          says="is one of 2 epics with this title in 2026-Q4"),
    passes("QD504", "other-quarter", snapshot(SCORING, epic(id="epic-old", quarter="2026-Q3"))),
    passes("QD504", "dropped-copy-is-exempt", snapshot(SCORING, dropped(epic(id="epic-old")))),
    fails("QD504", "undated-copy-counts",
          snapshot(SCORING, epic(id="epic-undated", quarter=None, dates=None)),
          "Lead scoring v1", "Lead scoring v1"),
    passes("QD505", "no-problems", snapshot(PIPELINE, SCORING)),
    fails("QD505", "one-finding-per-value", snapshot(SCORING, problems=[BAD_TARGET, BAD_DUE]),
          "Lead scoring v1", "Call list",
          says="Epic “Lead scoring v1”: the value of “KPI target” cannot be used: “about 20” is"
               " text, not a number"),
    passes("QD506", "no-schema-problems", snapshot(SCORING)),
    fails("QD506", "missing-property", snapshot(schema_problems=(NO_TARGET,)), "KPI target",
          says="Property “KPI target” of the Epics database cannot be used"),
    fails("QD506", "required-and-optional", snapshot(schema_problems=(NO_TARGET, NO_OWNER)),
          "Owner", "KPI target"),
)  # fmt: skip
