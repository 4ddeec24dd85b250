"""On the demo quarter, every planted problem is found, and nothing else."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from emulator import Emulator, build, emulator_transport
from emulator.seeds.demo import PLANTED_PROBLEMS
from jobs.check import run_checks
from quarterdeck.demo import demo_settings
from sync.gateway import Gateway
from sync.progress import Silent
from sync.reader import read

RULE_FOR_PLANTED = {
    "orphan_task": "QD101",
    "task_epic_in_trash": "QD102",
    "epic_without_stream": "QD103",
    "stream_without_epic_this_quarter": "QD104",
    "epic_without_owner": "QD201",
    "task_without_assignee": "QD202",
    "owner_overloaded": "QD203",
    "epic_without_kpi": "QD301",
    "kpi_without_target": "QD302",
    "kpi_target_equals_baseline": "QD304",
    "epic_without_dates": "QD401",
    "epic_end_before_start": "QD402",
    "task_overdue": "QD404",
    "epic_overdue": "QD405",
    "task_stale_in_progress": "QD406",
    "epic_in_progress_without_tasks": "QD501",
    "epic_done_with_open_tasks": "QD502",
    "task_open_in_done_epic": "QD503",
    "duplicate_epic_title": "QD504",
}
NOT_PROBLEMS = {"epic_over_25_tasks", "epic_dropped", "epic_blocked"}
"""Planted to exercise the reader and the statuses, not to be flagged."""


# Mid-quarter days: within two weeks of a quarter's edge the seed's timeline spills epics
# into the neighbouring quarter, and QD403 then rightly flags them too.
@pytest.mark.parametrize(
    "today", [date(2026, 11, 16), date(2027, 2, 14), date(2026, 8, 20)], ids=str
)
def test_demo_findings_are_exactly_the_planted_problems(today: date) -> None:
    workspace = build("demo", today=today)
    settings = demo_settings(workspace)
    http = httpx.Client(transport=emulator_transport(Emulator(workspace)))
    snapshot = read(
        Gateway.from_settings(settings, http=http), settings, progress=Silent()
    ).snapshot
    findings = run_checks(snapshot, settings, today)
    found = sorted((f.code, f.entity.title) for f in findings)
    planted = sorted(
        (RULE_FOR_PLANTED[p.kind], p.entity) for p in PLANTED_PROBLEMS if p.kind not in NOT_PROBLEMS
    )
    assert found == planted
    assert {p.kind for p in PLANTED_PROBLEMS} == set(RULE_FOR_PLANTED) | NOT_PROBLEMS
