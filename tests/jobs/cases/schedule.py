"""QD4xx schedule cases (today is Monday 16 Nov 2026, in 2026-Q4)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from schemas.models import DateSpan, State
from tests.jobs.builders import NOW, RECENTLY, done, dropped, epic, snapshot, span, task
from tests.jobs.case import Case, fails, passes

IN_PROGRESS = {"status": "In progress", "state": State.IN_PROGRESS}
NOT_STARTED = {"status": "Planned", "state": State.NOT_STARTED}
REVERSED = DateSpan(date(2026, 12, 20), date(2026, 12, 2))
INTO_NEXT_QUARTER = DateSpan(date(2026, 11, 2), date(2027, 1, 15))
WEEKS_AGO = NOW - timedelta(days=20)
LATE_EVENING = datetime(2026, 11, 1, 23, 30, tzinfo=UTC)
"""1 Nov 23:30 UTC is already 2 Nov in Paris: 14 days before today there, 15 in UTC."""
BOT = "user-quarterdeck-bot"
"""The integration's own user: its writes move ``last_edited_time``, not ``last_human_edit``."""

CASES: tuple[Case, ...] = (
    passes("QD401", "dated-epic", snapshot(epic())),
    fails("QD401", "no-dates", snapshot(epic("Churn signals report", dates=None)),
          "Churn signals report", says="Epic “Churn signals report” has no dates."),
    fails("QD401", "no-dates-no-quarter-is-in-scope",
          snapshot(epic("Someday", dates=None, quarter=None)), "Someday"),
    passes("QD401", "dropped-is-exempt", snapshot(dropped(epic(dates=None)))),
    passes("QD401", "other-quarter-is-out-of-scope", snapshot(epic(dates=None, quarter="2027-Q1"))),
    passes("QD402", "start-before-end", snapshot(epic())),
    passes("QD402", "single-day", snapshot(epic(dates=span(3)))),
    fails("QD402", "end-before-start", snapshot(epic("QBR pack", dates=REVERSED)), "QBR pack",
          says="ends on 2 Dec 2026, before it starts on 20 Dec 2026"),
    passes("QD403", "ends-inside-its-quarter", snapshot(epic())),
    fails("QD403", "ends-next-quarter", snapshot(epic("Dialer rollout", dates=INTO_NEXT_QUARTER)),
          "Dialer rollout", says="planned for 2026-Q4 but ends on 15 Jan 2027, in 2027-Q1"),
    fails("QD403", "labelled-last-quarter-but-dated-this-one",
          snapshot(epic("Mislabelled", quarter="2026-Q3")), "Mislabelled"),
    passes("QD403", "no-quarter-value", snapshot(epic(quarter=None, dates=INTO_NEXT_QUARTER))),
    passes("QD403", "unreadable-quarter-value", snapshot(epic(quarter="Autumn"))),
    passes("QD403", "reversed-dates-left-to-QD402", snapshot(epic(dates=REVERSED,
                                                                 quarter="2027-Q1"))),
    passes("QD403", "neither-side-this-quarter",
           snapshot(epic(quarter="2026-Q2", dates=DateSpan(date(2026, 8, 1))))),
    passes("QD403", "dropped-is-exempt", snapshot(dropped(epic(dates=INTO_NEXT_QUARTER)))),
    fails("QD403", "fiscal-quarters", snapshot(epic("Fiscal", quarter="2026-Q3",
                                                    dates=DateSpan(date(2027, 1, 10)))),
          "Fiscal", start_month=4, says="planned for 2026-Q3 but ends on 10 Jan 2027, in 2026-Q4"),
    passes("QD404", "due-later", snapshot(task())),
    passes("QD404", "due-today", snapshot(task(due=span(0)))),
    fails("QD404", "due-yesterday", snapshot(task("Train the SDR team", due=span(-1))),
          "Train the SDR team", says="was due on 15 Nov 2026"),
    fails("QD404", "range-ended", snapshot(task("Range", due=span(-5, -2))), "Range"),
    passes("QD404", "range-still-running", snapshot(task(due=span(-5, 2)))),
    passes("QD404", "done-is-exempt", snapshot(done(task(due=span(-3))))),
    passes("QD404", "no-due-date", snapshot(task(due=None))),
    passes("QD405", "ends-later", snapshot(epic())),
    fails("QD405", "in-progress-past-end", snapshot(epic("Dialer rollout", dates=span(-40, -10))),
          "Dialer rollout", says="was due to end on 6 Nov 2026"),
    fails("QD405", "not-started-past-end",
          snapshot(epic("Never began", dates=span(-20, -1), **NOT_STARTED)), "Never began"),
    passes("QD405", "done-is-exempt", snapshot(done(epic(dates=span(-40, -10))))),
    passes("QD405", "last-quarter-is-out-of-scope",
           snapshot(epic(quarter="2026-Q3", dates=DateSpan(date(2026, 9, 1), date(2026, 9, 30))))),
    passes("QD406", "recently-edited", snapshot(epic(last_human_edit=RECENTLY),
                                                task(last_human_edit=RECENTLY, **IN_PROGRESS))),
    fails("QD406", "task-untouched-for-weeks",
          snapshot(task("Recorded demo", last_human_edit=WEEKS_AGO, **IN_PROGRESS)),
          "Recorded demo", says="nobody has edited it since 27 Oct 2026 (20 days)"),
    fails("QD406", "epic-untouched-for-weeks",
          snapshot(epic("Quiet epic", last_human_edit=WEEKS_AGO)), "Quiet epic"),
    fails("QD406", "quarterdeck-edits-do-not-count",
          snapshot(epic("Rolled up daily", last_edited_time=NOW, last_edited_by=BOT,
                        last_human_edit=WEEKS_AGO)), "Rolled up daily"),
    passes("QD406", "unknown-is-not-stale",
           snapshot(epic(last_edited_time=WEEKS_AGO, last_edited_by=BOT),
                    task(last_edited_time=WEEKS_AGO, **IN_PROGRESS))),
    passes("QD406", "threshold-raised", snapshot(epic(last_human_edit=WEEKS_AGO)),
           stale_after_days=20),
    passes("QD406", "not-started-is-exempt",
           snapshot(task(last_human_edit=WEEKS_AGO), epic(last_human_edit=WEEKS_AGO,
                                                          **NOT_STARTED))),
    fails("QD406", "utc-day", snapshot(task("Late edit", last_human_edit=LATE_EVENING,
                                            **IN_PROGRESS)), "Late edit"),
    passes("QD406", "team-time-zone-day",
           snapshot(task(last_human_edit=LATE_EVENING, **IN_PROGRESS)),
           time_zone="Europe/Paris"),
)  # fmt: skip
