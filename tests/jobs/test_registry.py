"""The table of codes: stable, well-formed, one rule per code, one family per prefix."""

from __future__ import annotations

import re

import pytest

from jobs.findings import EntityKind, EntityRef, Finding, Severity, sort_findings
from jobs.rules.base import FAMILIES, Rule
from jobs.rules.registry import RETIRED, RULES, rules_matching

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_rule_identity_is_well_formed(rule: Rule) -> None:
    assert re.fullmatch(r"QD[1-9]\d\d", rule.code)
    assert rule.code.startswith(rule.family.prefix)
    assert rule.family in FAMILIES
    assert KEBAB.fullmatch(rule.name)
    assert rule.code not in RETIRED
    assert rules_matching(rule.code) == (rule,)
    assert rules_matching(rule.name) == (rule,)


def test_codes_and_names_are_unique() -> None:
    rules = list(RULES.values())
    assert len({rule.name for rule in rules}) == len(rules)
    assert len({type(rule) for rule in rules}) == len(rules)
    assert list(RULES) == sorted(RULES)


def test_every_family_has_rules_and_a_distinct_name() -> None:
    assert len({family.prefix for family in FAMILIES}) == len({f.name for f in FAMILIES})
    for family in FAMILIES:
        assert rules_matching(family.prefix) == rules_matching(family.name)
        assert rules_matching(family.name)


def test_the_codes_published_so_far_keep_their_rules() -> None:
    """A code names one rule forever: renaming or renumbering breaks people's configs."""
    published = {
        "QD101": "orphan-task", "QD102": "task-epic-unreachable",
        "QD103": "epic-without-stream", "QD104": "stream-without-epic",
        "QD105": "too-few-streams", "QD106": "too-many-streams",
        "QD201": "epic-without-owner", "QD202": "task-without-assignee",
        "QD203": "owner-overloaded", "QD301": "epic-without-kpi",
        "QD302": "kpi-without-target", "QD303": "kpi-without-current",
        "QD304": "kpi-target-equals-baseline", "QD305": "no-north-star",
        "QD306": "key-result-without-target", "QD401": "epic-without-dates",
        "QD402": "epic-end-before-start", "QD403": "epic-outside-quarter",
        "QD404": "task-overdue", "QD405": "epic-overdue", "QD406": "stale-in-progress",
        "QD501": "in-progress-epic-without-tasks", "QD502": "done-epic-with-open-tasks",
        "QD503": "open-task-in-closed-epic", "QD504": "duplicate-epic-title",
        "QD505": "unreadable-value", "QD506": "unusable-property",
    }  # fmt: skip
    for code, name in published.items():
        assert code in RETIRED or RULES[code].name == name


def test_severities_are_ordered() -> None:
    assert Severity.ERROR > Severity.WARNING > Severity.INFO
    assert sorted([Severity.INFO, Severity.ERROR, Severity.WARNING]) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]
    assert max(Severity) is Severity.ERROR
    assert Severity.WARNING >= Severity.WARNING


def test_sort_key_is_severity_then_code_kind_title_and_id() -> None:
    def finding(severity: Severity, code: str, kind: EntityKind, title: str, id_: str) -> Finding:
        return Finding(code, "rule", severity, EntityRef(kind, id_, title), "m", "f")

    expected = [
        finding(Severity.ERROR, "QD301", EntityKind.EPIC, "b", "2"),
        finding(Severity.WARNING, "QD104", EntityKind.WORKSPACE, "", "workspace"),
        finding(Severity.WARNING, "QD104", EntityKind.STREAM, "A", "9"),
        finding(Severity.WARNING, "QD104", EntityKind.STREAM, "a", "1"),
        finding(Severity.WARNING, "QD104", EntityKind.STREAM, "a", "2"),
        finding(Severity.WARNING, "QD104", EntityKind.EPIC, "a", "0"),
        finding(Severity.INFO, "QD101", EntityKind.TASK, "a", "0"),
    ]
    assert list(sort_findings(tuple(reversed(expected)))) == expected
