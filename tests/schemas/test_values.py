"""Parsing Notion property values: one table of named cases per kind of value.

Values are written the way page objects hold them (``{"id", "type", <type>: ...}``); every
wrong type or shape must raise ``UnexpectedValue`` naming what was expected and found.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from schemas import values
from schemas.models import DateSpan, Person, State
from schemas.settings import StatusSettings
from schemas.values import PeopleDirectory, PersonRef, StatusRules, UnexpectedValue

UTC = ZoneInfo("UTC")
PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
LEA = "4f9b7a52-6c3e-4d8e-9a51-0c3b2d1e7f60"
MARC = "9d0c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d"


def rich(*parts: str) -> list[dict[str, Any]]:
    return [{"type": "text", "text": {"content": p}, "plain_text": p} for p in parts]


def user_mention(user_id: str, name: str) -> dict[str, Any]:
    return {
        "type": "mention",
        "mention": {"type": "user", "user": {"object": "user", "id": user_id}},
        "plain_text": f"@{name}",
    }


def prop(kind: str, payload: Any, **extra: Any) -> dict[str, Any]:
    return {"id": "p1", "type": kind, kind: payload, **extra}


def formula(kind: str, result: Any) -> dict[str, Any]:
    return prop("formula", {"type": kind, kind: result})


def rollup(kind: str, result: Any, function: str = "sum") -> dict[str, Any]:
    return prop("rollup", {"type": kind, kind: result, "function": function})


def day(start: str, end: str | None = None, zone: str | None = None) -> dict[str, Any]:
    return {"start": start, "end": end, "time_zone": zone}


def element(kind: str, payload: Any) -> dict[str, Any]:
    """One value of a show_original rollup array."""
    return {"type": kind, kind: payload}


# -- text ----------------------------------------------------------------------------------

TEXT_CASES = [
    pytest.param(prop("title", rich("Lead ", "scoring")), "Lead scoring", id="title-joins-items"),
    pytest.param(prop("rich_text", rich("  NPS 40 ")), "NPS 40", id="rich-text-stripped"),
    pytest.param(prop("rich_text", []), "", id="empty-rich-text"),
    pytest.param(formula("string", "Q4 push"), "Q4 push", id="text-formula"),
    pytest.param(formula("string", None), "", id="empty-text-formula"),
    pytest.param(formula("number", None), "", id="empty-formula-of-any-type"),
    pytest.param(
        rollup("array", [element("rich_text", rich("a")), element("title", rich("b"))]),
        "a, b",
        id="rollup-of-texts-joined",
    ),
    pytest.param(rollup("array", []), "", id="empty-rollup"),
]


@pytest.mark.parametrize(("value", "expected"), TEXT_CASES)
def test_text(value: dict[str, Any], expected: str) -> None:
    assert values.text(value) == expected


# -- choices -------------------------------------------------------------------------------

CHOICE_CASES = [
    pytest.param(prop("select", {"id": "o1", "name": "P1", "color": "red"}), "P1", id="select"),
    pytest.param(prop("select", None), None, id="empty-select"),
    pytest.param(prop("status", {"id": "o2", "name": "En cours"}), "En cours", id="status"),
    pytest.param(prop("rich_text", rich("Build")), "Build", id="rich-text"),
    pytest.param(prop("rich_text", []), None, id="empty-rich-text"),
    pytest.param(formula("string", "2026-Q4"), "2026-Q4", id="text-formula"),
]


@pytest.mark.parametrize(("value", "expected"), CHOICE_CASES)
def test_choice(value: dict[str, Any], expected: str | None) -> None:
    assert values.choice(value) == expected


# -- numbers -------------------------------------------------------------------------------

NUMBER_CASES = [
    pytest.param(prop("number", 8), 8.0, id="integer"),
    pytest.param(prop("number", 0.25), 0.25, id="fraction"),
    pytest.param(prop("number", None), None, id="empty"),
    pytest.param(formula("number", 16), 16.0, id="number-formula"),
    pytest.param(formula("number", None), None, id="empty-number-formula"),
    pytest.param(rollup("number", 13), 13.0, id="sum-rollup"),
    pytest.param(rollup("array", [element("number", 5)], "show_original"), 5.0, id="one-value"),
    pytest.param(
        rollup("array", [element("number", None), element("number", 7)], "show_original"),
        7.0,
        id="one-value-among-empties",
    ),
    pytest.param(rollup("array", [], "show_original"), None, id="empty-array-rollup"),
]


@pytest.mark.parametrize(("value", "expected"), NUMBER_CASES)
def test_number(value: dict[str, Any], expected: float | None) -> None:
    assert values.number(value) == expected


# -- dates ---------------------------------------------------------------------------------

DATE_CASES = [
    pytest.param(prop("date", day("2026-11-02")), UTC, DateSpan(date(2026, 11, 2)), id="date-only"),
    pytest.param(
        prop("date", day("2026-10-01", "2026-12-15")),
        UTC,
        DateSpan(date(2026, 10, 1), date(2026, 12, 15)),
        id="range",
    ),
    pytest.param(prop("date", None), UTC, None, id="empty"),
    pytest.param(
        prop("date", day("2026-11-30T23:30:00.000+00:00")),
        PARIS,
        DateSpan(date(2026, 12, 1), has_time=True),
        id="late-utc-evening-is-next-day-in-paris",
    ),
    pytest.param(
        prop("date", day("2026-12-01T03:00:00.000Z")),
        NEW_YORK,
        DateSpan(date(2026, 11, 30), has_time=True),
        id="early-utc-morning-is-previous-day-in-new-york",
    ),
    pytest.param(
        prop("date", day("2026-11-02T09:30:00.000+01:00")),
        PARIS,
        DateSpan(date(2026, 11, 2), has_time=True),
        id="date-time-with-offset",
    ),
    pytest.param(
        prop("date", day("2026-11-02T23:30:00", zone="America/New_York")),
        PARIS,
        DateSpan(date(2026, 11, 3), has_time=True),
        id="naive-time-read-in-its-time-zone",
    ),
    pytest.param(
        prop("date", day("2026-11-02T23:30:00")),
        PARIS,
        DateSpan(date(2026, 11, 2), has_time=True),
        id="naive-time-without-zone-read-in-the-teams",
    ),
    pytest.param(
        prop("date", day("2026-10-05T22:00:00.000+00:00", "2026-10-09T23:00:00.000+00:00")),
        PARIS,
        DateSpan(date(2026, 10, 6), date(2026, 10, 10), has_time=True),
        id="date-time-range-in-the-teams-days",
    ),
    pytest.param(
        prop("date", day("2026-12-20", "2026-12-01")),
        UTC,
        DateSpan(date(2026, 12, 20), date(2026, 12, 1)),
        id="reversed-range-kept-as-written",
    ),
    pytest.param(
        formula("date", day("2026-11-15")), UTC, DateSpan(date(2026, 11, 15)), id="date-formula"
    ),
    pytest.param(formula("date", None), UTC, None, id="empty-date-formula"),
    pytest.param(
        rollup("date", day("2026-10-01", "2026-11-30"), "date_range"),
        UTC,
        DateSpan(date(2026, 10, 1), date(2026, 11, 30)),
        id="date-range-rollup",
    ),
    pytest.param(
        rollup(
            "array",
            [element("date", day("2026-11-20")), element("date", day("2026-10-03", "2026-10-09"))],
            "show_original",
        ),
        UTC,
        DateSpan(date(2026, 10, 3), date(2026, 11, 20)),
        id="rollup-of-dates-spans-them-all",
    ),
    pytest.param(
        rollup("array", [element("date", day("2026-11-20"))], "show_original"),
        UTC,
        DateSpan(date(2026, 11, 20)),
        id="rollup-of-one-date",
    ),
]


@pytest.mark.parametrize(("value", "zone", "expected"), DATE_CASES)
def test_date_span(value: dict[str, Any], zone: ZoneInfo, expected: DateSpan | None) -> None:
    assert values.date_span(value, zone) == expected


# -- wrong types and shapes ----------------------------------------------------------------

PROBLEM_CASES = [
    pytest.param(values.number, formula("string", "42"), "expected a number, found a string formula (42)", id="number-from-text-formula"),
    pytest.param(values.number, prop("rich_text", rich("8")), "expected a number, found a rich_text value (8)", id="number-from-rich-text"),
    pytest.param(values.number, prop("number", True), "expected a number", id="boolean-is-no-number"),
    pytest.param(
        values.number,
        rollup("array", [element("number", 1), element("number", 2)], "show_original"),
        "expected one number, found a rollup listing 2 numbers (set the rollup's calculation",
        id="rollup-listing-several-numbers",
    ),
    pytest.param(values.number, prop("rollup", {"type": "unsupported", "unsupported": {}}), "found a rollup Notion did not compute (unsupported)", id="unsupported-rollup"),
    pytest.param(values.text, formula("number", 3), "expected text, found a number formula (3)", id="text-from-number-formula"),
    pytest.param(values.text, prop("number", 3), "expected text, found a number value (3)", id="text-from-number"),
    pytest.param(values.choice, prop("multi_select", []), "expected a select, a status or a short text", id="choice-from-multi-select"),
    pytest.param(values.relation_ids, prop("people", []), "expected a relation, found a people value", id="relation-from-people"),
    pytest.param(values.people, prop("select", {"name": "Léa"}), "expected people, found a select value (Léa)", id="people-from-select"),
    pytest.param(values.rule_codes, prop("number", 201), "expected a multi-select or a text listing rule codes", id="opt-out-from-number"),
]  # fmt: skip


@pytest.mark.parametrize(("parse", "value", "message"), PROBLEM_CASES)
def test_unusable_value_names_what_was_expected_and_found(
    parse: Any, value: dict[str, Any], message: str
) -> None:
    with pytest.raises(UnexpectedValue) as raised:
        parse(value)
    assert message in str(raised.value)


DATE_PROBLEM_CASES = [
    pytest.param(prop("rich_text", rich("next week")), "expected a date, found a rich_text value (next week)", id="text"),
    pytest.param(prop("date", day("next week")), "expected an ISO 8601 date, found 'next week'", id="unreadable-start"),
    pytest.param(prop("date", {"end": "2026-11-02"}), "expected a date with a start", id="range-without-start"),
    pytest.param(formula("number", 3), "expected a date, found a number formula (3)", id="number-formula"),
    pytest.param(prop("date", day("2026-11-02T10:00:00", zone="Mars/Olympus")), "expected an ISO 8601 date", id="unknown-time-zone"),
]  # fmt: skip


@pytest.mark.parametrize(("value", "message"), DATE_PROBLEM_CASES)
def test_unusable_date_is_a_problem(value: dict[str, Any], message: str) -> None:
    with pytest.raises(UnexpectedValue) as raised:
        values.date_span(value, UTC)
    assert message in str(raised.value)


# -- states --------------------------------------------------------------------------------

DEFAULT_RULES = StatusRules.from_settings(StatusSettings())
GROUPS = {
    "Backlog": "To-do",
    "Doing": "In progress",
    "Shipped": "Complete",
    "Dropped": "Complete",
    "Won't do": "Complete",
}


def status(name: str) -> dict[str, Any]:
    return prop("status", {"id": "s", "name": name, "color": "blue"})


def select(name: str) -> dict[str, Any]:
    return prop("select", {"id": "s", "name": name, "color": "blue"})


STATE_CASES = [
    pytest.param(status("Backlog"), DEFAULT_RULES, ("Backlog", State.NOT_STARTED), id="to-do-group"),
    pytest.param(status("Doing"), DEFAULT_RULES, ("Doing", State.IN_PROGRESS), id="in-progress-group"),
    pytest.param(status("Shipped"), DEFAULT_RULES, ("Shipped", State.DONE), id="complete-group"),
    pytest.param(status("Dropped"), DEFAULT_RULES, ("Dropped", State.DROPPED), id="complete-but-dropped"),
    pytest.param(status("Won't do"), StatusRules.from_settings(StatusSettings(dropped=("Won't do",))), ("Won't do", State.DROPPED), id="configured-dropped"),
    pytest.param(status("Shipped"), StatusRules.from_settings(StatusSettings(not_started=("Shipped",))), ("Shipped", State.NOT_STARTED), id="explicit-list-beats-group"),
    pytest.param(status("Doing"), StatusRules.from_settings(StatusSettings(done=("doing",))), ("Doing", State.DONE), id="explicit-done-ignores-case"),
    pytest.param(status("Done"), DEFAULT_RULES, ("Done", State.DONE), id="status-without-known-group-uses-names"),
    pytest.param(select("Terminé"), DEFAULT_RULES, ("Terminé", State.DONE), id="french-done"),
    pytest.param(select("Abandonné"), DEFAULT_RULES, ("Abandonné", State.DROPPED), id="french-dropped"),
    pytest.param(select("À faire"), DEFAULT_RULES, ("À faire", State.NOT_STARTED), id="french-not-started"),
    pytest.param(select("a faire"), DEFAULT_RULES, ("a faire", State.NOT_STARTED), id="accents-and-case-ignored"),
    pytest.param(select("En cours"), DEFAULT_RULES, ("En cours", State.IN_PROGRESS), id="french-in-progress"),
    pytest.param(select("To-do"), DEFAULT_RULES, ("To-do", State.NOT_STARTED), id="hyphen-ignored"),
    pytest.param(select("Cancelled"), DEFAULT_RULES, ("Cancelled", State.DROPPED), id="english-dropped"),
    pytest.param(select("Blocked"), DEFAULT_RULES, ("Blocked", State.IN_PROGRESS), id="other-name-is-in-progress"),
    pytest.param(prop("select", None), DEFAULT_RULES, (None, None), id="no-status"),
    pytest.param(prop("checkbox", True), DEFAULT_RULES, (None, State.DONE), id="checked"),
    pytest.param(prop("checkbox", False), DEFAULT_RULES, (None, State.NOT_STARTED), id="unchecked"),
]  # fmt: skip


@pytest.mark.parametrize(("value", "rules", "expected"), STATE_CASES)
def test_state(
    value: dict[str, Any], rules: StatusRules, expected: tuple[str | None, State | None]
) -> None:
    assert values.state(value, rules, GROUPS) == expected


def test_french_status_groups_are_understood() -> None:
    french = {"Planifié": "À faire", "En revue": "En cours", "Livré": "Terminé"}
    assert values.state(status("En revue"), DEFAULT_RULES, french)[1] is State.IN_PROGRESS
    assert values.state(status("Planifié"), DEFAULT_RULES, french)[1] is State.NOT_STARTED


def test_state_from_a_text_is_a_problem() -> None:
    with pytest.raises(UnexpectedValue, match="expected a status, a select or a checkbox"):
        values.state(prop("rich_text", rich("Done")), DEFAULT_RULES)


# -- people --------------------------------------------------------------------------------

PEOPLE_CASES = [
    pytest.param(
        prop("people", [{"object": "user", "id": LEA}, {"object": "user", "id": MARC}]),
        (PersonRef(id=LEA), PersonRef(id=MARC)),
        id="people",
    ),
    pytest.param(prop("people", []), (), id="nobody"),
    pytest.param(prop("created_by", {"object": "user", "id": MARC}), (PersonRef(id=MARC),), id="creator"),
    pytest.param(
        prop("rich_text", rich("Léa Dupont, Marc Petit")),
        (PersonRef(name="Léa Dupont"), PersonRef(name="Marc Petit")),
        id="names-split-on-commas",
    ),
    pytest.param(
        prop("rich_text", rich("Léa ", "Dupont et Marc")),
        (PersonRef(name="Léa Dupont"), PersonRef(name="Marc")),
        id="name-across-styled-items-and-french-et",
    ),
    pytest.param(
        prop("rich_text", [user_mention(LEA, "Léa Dupont"), *rich(" and Sam")]),
        (PersonRef(id=LEA), PersonRef(name="Sam")),
        id="mention-and-a-name",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("value", "expected"), PEOPLE_CASES)
def test_people(value: dict[str, Any], expected: tuple[PersonRef, ...]) -> None:
    assert values.people(value) == expected


def test_names_resolve_to_users_ignoring_case_and_accents_else_to_name_only_people() -> None:
    directory = PeopleDirectory(
        [Person(LEA, "Léa Dupont", "lea@example.com"), Person(MARC, "Marc Petit")]
    )
    refs = values.people(prop("rich_text", rich("lea dupont; Marc Petit; sam@ext.com, LEA DUPONT")))
    assert directory.resolve(refs) == (LEA, MARC, "name:sam@ext.com")
    assert directory.resolve([PersonRef(name="lea@example.com")]) == (LEA,)
    assert directory.people["name:sam@ext.com"] == Person("name:sam@ext.com", "sam@ext.com")


def test_a_name_two_users_share_is_not_guessed() -> None:
    directory = PeopleDirectory([Person(LEA, "Alex Martin"), Person(MARC, "Alex Martin")])
    assert directory.resolve([PersonRef(name="Alex Martin")]) == ("name:alex martin",)


# -- relations, truncation, rule codes, quarters ------------------------------------------


def test_relation_ids() -> None:
    value = prop("relation", [{"id": LEA}, {"id": MARC}], has_more=False)
    assert values.relation_ids(value) == (LEA, MARC)


TRUNCATION_CASES = [
    pytest.param(prop("relation", [{"id": LEA}] * 25, has_more=True), True, id="relation-has-more"),
    pytest.param(prop("relation", [{"id": LEA}] * 25, has_more=False), False, id="relation-complete"),
    pytest.param(prop("people", [{"id": LEA}] * 25), True, id="exactly-25-people"),
    pytest.param(prop("people", [{"id": LEA}] * 24), False, id="24-people"),
    pytest.param(prop("rich_text", [user_mention(LEA, "L")] * 25), True, id="25-mentions"),
    pytest.param(prop("rich_text", rich("x") * 30), False, id="long-text-without-mentions"),
    pytest.param(prop("number", 3), False, id="other-types"),
]  # fmt: skip


@pytest.mark.parametrize(("value", "expected"), TRUNCATION_CASES)
def test_may_be_truncated(value: dict[str, Any], expected: bool) -> None:
    assert values.may_be_truncated(value) is expected


RULE_CASES = [
    pytest.param(prop("multi_select", [{"name": "QD201"}, {"name": "QD305"}]), {"QD201", "QD305"}, id="multi-select"),
    pytest.param(prop("rich_text", rich("qd201, QD4;  epic-without-owner")), {"QD201", "QD4", "epic-without-owner"}, id="text-list"),
    pytest.param(prop("rich_text", []), set(), id="empty"),
]  # fmt: skip


@pytest.mark.parametrize(("value", "expected"), RULE_CASES)
def test_rule_codes(value: dict[str, Any], expected: set[str]) -> None:
    assert values.rule_codes(value) == expected
