"""Tables of named pass/fail cases, one module per rule family (run by ``test_rules.py``)."""

from __future__ import annotations

from tests.jobs.case import Case
from tests.jobs.cases import goals, hygiene, ownership, schedule, structure

ALL_CASES: tuple[Case, ...] = (
    *structure.CASES,
    *ownership.CASES,
    *goals.CASES,
    *schedule.CASES,
    *hygiene.CASES,
)
