"""Running the catalog: rule selection, opt-outs, the clean roadmap, and stable order."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from jobs.check import UnknownRule, run_checks, selected_rules
from jobs.findings import EntityKind, Severity
from jobs.rules.registry import RULES
from schemas.settings import RuleSettings
from tests.jobs.builders import (
    PIPELINE,
    TODAY,
    clean_roadmap,
    epic,
    messy_roadmap,
    settings,
    snapshot,
)
from tests.jobs.cases.hygiene import BAD_TARGET, NO_OWNER, NO_TARGET, SCORING


def codes(rule_settings: RuleSettings) -> list[str]:
    return [rule.code for rule in selected_rules(rule_settings)]


def test_a_clean_roadmap_has_no_findings() -> None:
    assert run_checks(clean_roadmap(), settings(), TODAY) == ()


def test_every_rule_runs_by_default() -> None:
    assert codes(RuleSettings()) == list(RULES)


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("QD201", ["QD201"]),
        ("qd201", ["QD201"]),
        (" epic-without-owner ", ["QD201"]),
        ("QD2", ["QD201", "QD202", "QD203"]),
        ("ownership", ["QD201", "QD202", "QD203"]),
        ("Ownership", ["QD201", "QD202", "QD203"]),
        ("QD10", ["QD101", "QD102", "QD103", "QD104", "QD105", "QD106"]),
        ("QD", list(RULES)),
    ],
)
def test_select_by_code_name_or_family(selector: str, expected: list[str]) -> None:
    assert codes(RuleSettings(select=(selector,))) == expected


def test_ignore_removes_from_the_selection() -> None:
    chosen = codes(RuleSettings(select=("ownership", "QD301"), ignore=("task-without-assignee",)))
    assert chosen == ["QD201", "QD203", "QD301"]


def test_ignore_alone_removes_from_every_rule() -> None:
    assert "QD406" not in codes(RuleSettings(ignore=("schedule",)))
    assert len(codes(RuleSettings(ignore=("QD4",)))) == len(RULES) - 6


@pytest.mark.parametrize(
    ("selector", "setting", "suggestion"),
    [
        ("epic-without-owners", "select", "epic-without-owner"),
        ("epic_without_owner", "select", "epic-without-owner"),
        ("QD299", "select", "QD2"),
        ("ownrship", "ignore", "ownership"),
        ("stale", "ignore", "stale-in-progress"),
    ],
)
def test_unknown_selector_names_it_and_suggests_the_closest(
    selector: str, setting: str, suggestion: str
) -> None:
    with pytest.raises(UnknownRule) as raised:
        selected_rules(RuleSettings(**{setting: (selector,)}))  # type: ignore[arg-type]
    message = str(raised.value)
    assert message.startswith(f"rules.{setting}: {selector!r} names no rule; did you mean")
    assert raised.value.suggestions[0] == suggestion
    assert (raised.value.selector, raised.value.setting) == (selector, setting)
    assert message.endswith("docs/rules.md lists them all.")


def test_unknown_selector_message_reads_well() -> None:
    with pytest.raises(UnknownRule) as raised:
        selected_rules(RuleSettings(select=("epic-without-owners",)))
    assert str(raised.value) == (
        "rules.select: 'epic-without-owners' names no rule; did you mean 'epic-without-owner',"
        " 'epic-without-dates' or 'epic-without-kpi'? Name rules by code (QD201), name"
        " (epic-without-owner) or family (QD2, ownership); docs/rules.md lists them all."
    )


def test_unknown_selector_without_anything_close() -> None:
    with pytest.raises(UnknownRule) as raised:
        run_checks(clean_roadmap(), settings(select=("zzzz",)), TODAY)
    assert raised.value.suggestions == ()
    assert str(raised.value).startswith("rules.select: 'zzzz' names no rule. Name rules by")


@pytest.mark.parametrize("entry", ["QD201", "epic-without-owner", "QD2", "ownership"])
def test_a_page_opts_out_by_code_name_or_family(entry: str) -> None:
    quiet = epic("Quiet", owner_ids=(), ignored_rules=frozenset({entry}))
    loud = epic("Loud", owner_ids=())
    findings = run_checks(snapshot(quiet, loud), settings(select=("QD201",)), TODAY)
    assert [finding.entity.title for finding in findings] == ["Loud"]


def test_opt_out_is_per_rule_and_per_page() -> None:
    quiet = epic("Quiet", owner_ids=(), kpi="", ignored_rules=frozenset({"QD201"}))
    findings = run_checks(snapshot(quiet), settings(select=("QD201", "QD301")), TODAY)
    assert [finding.code for finding in findings] == ["QD301"]


def test_unknown_opt_out_entries_on_a_page_are_skipped() -> None:
    page = epic("Typo", owner_ids=(), ignored_rules=frozenset({"QD999", "no-such-rule"}))
    findings = run_checks(snapshot(page), settings(select=("QD201",)), TODAY)
    assert [finding.code for finding in findings] == ["QD201"]


def test_opt_out_applies_to_unreadable_values_of_the_page() -> None:
    quiet = replace(SCORING, ignored_rules=frozenset({"unreadable-value"}))
    findings = run_checks(
        snapshot(quiet, problems=[BAD_TARGET]), settings(select=("QD505",)), TODAY
    )
    assert findings == ()


def test_findings_are_sorted_worst_first_then_by_code_kind_and_title() -> None:
    findings = run_checks(messy_roadmap(), settings(), TODAY)
    keys = [finding.sort_key() for finding in findings]
    assert keys == sorted(keys)
    severities = [finding.severity for finding in findings]
    assert severities == sorted(severities, reverse=True)
    assert severities[0] is Severity.ERROR
    assert {finding.code for finding in findings} >= {"QD101", "QD201", "QD301", "QD404", "QD504"}


def test_order_does_not_depend_on_the_snapshot_order() -> None:
    messy = messy_roadmap()
    expected = run_checks(messy, settings(), TODAY)
    shuffler = random.Random(7)
    for _ in range(5):
        epics, tasks = list(messy.epics), list(messy.tasks)
        shuffler.shuffle(epics)
        shuffler.shuffle(tasks)
        reordered = replace(messy, epics=tuple(epics), tasks=tuple(tasks))
        assert run_checks(reordered, settings(), TODAY) == expected


def test_workspace_findings_come_first_among_equals() -> None:
    lonely = snapshot(PIPELINE, epic(owner_ids=()))
    findings = run_checks(lonely, settings(select=("QD105", "QD104", "QD201")), TODAY)
    assert [(finding.code, finding.entity.kind) for finding in findings] == [
        ("QD201", EntityKind.EPIC),
        ("QD105", EntityKind.WORKSPACE),
    ]


def test_required_schema_problem_is_an_error() -> None:
    broken = snapshot(schema_problems=(NO_TARGET, NO_OWNER))
    findings = run_checks(broken, settings(select=("QD506",)), TODAY)
    assert [(f.entity.title, f.severity) for f in findings] == [
        ("Owner", Severity.ERROR),
        ("KPI target", Severity.WARNING),
    ]


def test_findings_carry_a_link_to_the_page() -> None:
    (finding,) = run_checks(snapshot(epic(owner_ids=())), settings(select=("QD201",)), TODAY)
    assert finding.entity.url == "https://www.notion.so/epic-lead-scoring-v1"
    assert finding.rule_name == "epic-without-owner"
    assert finding.fix == "Name one owner in “Owner”; keep the others in “Contributors”."


def test_a_retired_code_says_it_was_removed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("jobs.check.RETIRED", {"QD299": "old-rule"})
    with pytest.raises(UnknownRule, match="'QD299' was the rule 'old-rule', which was removed"):
        selected_rules(RuleSettings(select=("QD299",)))
