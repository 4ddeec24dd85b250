"""QD2xx ownership cases."""

from __future__ import annotations

from tests.jobs.builders import CAMILLE, JULIEN, LUCIA, done, dropped, epic, snapshot, task
from tests.jobs.case import Case, fails, passes

FOUR = tuple(epic(f"Epic {n}", owner_ids=(JULIEN.id,)) for n in range(4))

CASES: tuple[Case, ...] = (
    passes("QD201", "owned-epic", snapshot(epic())),
    fails("QD201", "contributors-only",
          snapshot(epic("MQL to SQL definition", owner_ids=(), contributor_ids=(LUCIA.id,))),
          "MQL to SQL definition", says="Epic “MQL to SQL definition” has no owner."),
    fails("QD201", "done-epic-still-needs-an-owner", snapshot(done(epic("Shipped", owner_ids=()))),
          "Shipped"),
    passes("QD201", "dropped-epic-is-exempt", snapshot(dropped(epic(owner_ids=())))),
    passes("QD201", "last-quarter-epic-is-out-of-scope",
           snapshot(epic(owner_ids=(), quarter="2026-Q3"))),
    fails("QD201", "quarter-from-dates-when-no-quarter-value",
          snapshot(epic("Dated", owner_ids=(), quarter=None)), "Dated"),
    passes("QD202", "assigned-task", snapshot(task())),
    fails("QD202", "open-task-unassigned", snapshot(task("Driver metrics", assignee_ids=())),
          "Driver metrics", says="Open task “Driver metrics” has no assignee."),
    passes("QD202", "done-task-is-exempt", snapshot(done(task(assignee_ids=())))),
    passes("QD203", "three-open-epics", snapshot(*FOUR[:3])),
    fails("QD203", "four-open-epics", snapshot(*FOUR), "Julien Moreau",
          says="Julien Moreau owns 4 open epics in 2026-Q4, more than the limit of 3:"
               " “Epic 0”, “Epic 1”, “Epic 2”, “Epic 3”."),
    passes("QD203", "limit-raised", snapshot(*FOUR), max_open_epics_per_owner=4),
    passes("QD203", "done-epics-do-not-count", snapshot(*FOUR[:3], done(FOUR[3]))),
    passes("QD203", "dropped-epics-do-not-count", snapshot(*FOUR[:3], dropped(FOUR[3]))),
    passes("QD203", "last-quarter-epics-do-not-count",
           snapshot(*FOUR[:3], epic("Old", owner_ids=(JULIEN.id,), quarter="2026-Q3"))),
    fails("QD203", "co-owned-epics-count-for-each-owner",
          snapshot(*(epic(f"Shared {n}", owner_ids=(CAMILLE.id, JULIEN.id)) for n in range(4))),
          "Camille Martin", "Julien Moreau"),
    fails("QD203", "unknown-person-is-named-by-id",
          snapshot(*(epic(f"E{n}", owner_ids=("person-gone",)) for n in range(2))),
          "person-gone", max_open_epics_per_owner=1),
)  # fmt: skip
