"""Every rule's table of named pass/fail cases (``cases/``), run by this one loader."""

from __future__ import annotations

import pytest

from jobs.check import run_checks
from jobs.rules.registry import RULES
from tests.jobs.builders import settings
from tests.jobs.case import Case, label
from tests.jobs.cases import ALL_CASES as CASES


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_rule_case(case: Case) -> None:
    configured = settings(
        select=(case.code,),
        start_month=case.start_month,
        time_zone=case.time_zone,
        rule_options=case.options,
    )
    findings = run_checks(case.snapshot, configured, case.today)
    assert [label(finding) for finding in findings] == list(case.flagged)
    assert {finding.code for finding in findings} <= {case.code}
    if case.says:
        assert case.says in findings[0].message


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_has_a_passing_and_a_failing_case(code: str) -> None:
    verdicts = {bool(case.flagged) for case in CASES if case.code == code}
    assert verdicts == {True, False}, f"{code} needs both a passing and a failing case"
