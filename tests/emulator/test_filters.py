"""Query filters and sorts (``emulator.filters`` / ``emulator.sorts``), table-driven.

Rows are built by hand: each value is the response-form property value Notion would send.
``NOW`` is Wednesday 2026-10-07 15:30 UTC, so "this week" is Sunday 10-04 to Saturday 10-10.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from emulator.errors import ApiError
from emulator.filters import FilterContext, Row, compile_filter, sort_key_function
from emulator.state import Json, PropertySchema

NOW = datetime(2026, 10, 7, 15, 30, tzinfo=UTC)
BOT = "0b0b0b0b-0000-4000-8000-000000000001"
ALICE = "a11ce000-0000-4000-8000-000000000001"
BOB = "b0b00000-0000-4000-8000-000000000002"
PAGE_1 = "dd456007-6c66-4bba-957e-ea501dcda3a6"
PAGE_2 = "0c1f7cb2-8090-4f18-924e-d92965055e32"
CONTEXT = FilterContext(now=NOW, bot_user_id=BOT)

Table = list[tuple[str, Json, Row, bool]]
"""Filter cases: (id, filter, row, whether the row matches)."""


def _options(*names: str) -> list[Json]:
    return [{"id": f"opt-{name}", "name": name, "color": "default"} for name in names]


def _group(group_id: str, name: str, option: str) -> Json:
    return {"id": group_id, "name": name, "color": "default", "option_ids": [f"opt-{option}"]}


STATUS_CONFIG: Json = {
    "options": _options("Not started", "In progress", "Done"),
    "groups": [
        _group("g-todo", "To-do", "Not started"),
        _group("g-doing", "In progress", "In progress"),
        _group("g-done", "Complete", "Done"),
    ],
}
SCHEMA: dict[str, PropertySchema] = {
    prop.id: prop
    for prop in (
        PropertySchema("title", "Name", "title"),
        PropertySchema("txt", "Notes", "rich_text"),
        PropertySchema("url", "Link", "url"),
        PropertySchema("eml", "Email", "email"),
        PropertySchema("phn", "Phone", "phone_number"),
        PropertySchema("num", "Estimate", "number", {"format": "number"}),
        PropertySchema("%3AUPp", "Encoded", "number"),
        PropertySchema("chk", "Done", "checkbox"),
        PropertySchema("sel", "Priority", "select", {"options": _options("High", "Medium", "Low")}),
        PropertySchema("mul", "Tags", "multi_select", {"options": _options("A", "B", "C")}),
        PropertySchema("sts", "Status", "status", STATUS_CONFIG),
        PropertySchema("dat", "Due", "date"),
        PropertySchema("ppl", "Owner", "people"),
        PropertySchema("rel", "Projects", "relation"),
        PropertySchema("fil", "Files", "files"),
        PropertySchema("fml", "Score", "formula", {"expression": "1"}),
        PropertySchema("rol", "Total", "rollup", {"function": "sum"}),
        PropertySchema("uid", "Task ID", "unique_id", {"prefix": "TASK"}),
        PropertySchema("crt", "Created", "created_time"),
        PropertySchema("edt", "Edited", "last_edited_time"),
        PropertySchema("cby", "Creator", "created_by"),
        PropertySchema("eby", "Editor", "last_edited_by"),
        PropertySchema("btn", "Run", "button"),
    )
}

# --------------------------------------------------------------------------- building rows


def text(content: str) -> list[Json]:
    return [{"type": "text", "text": {"content": content, "link": None}, "plain_text": content}]


def option(name: str) -> Json:
    return {"id": f"opt-{name}", "name": name, "color": "default"}


def day(start: str, end: str | None = None, zone: str | None = None) -> Json:
    return {"start": start, "end": end, "time_zone": zone}


def users(*ids: str) -> list[Json]:
    return [{"object": "user", "id": user_id} for user_id in ids]


def user(user_id: str) -> Json:
    return {"object": "user", "id": user_id}


def pages(*ids: str) -> list[Json]:
    return [{"id": page_id} for page_id in ids]


def typed(kind: str, payload: Any) -> Json:
    return {"type": kind, kind: payload}


def array(*items: Json) -> Json:
    return {"type": "array", "array": list(items), "function": "show_original"}


def raw_row(
    payloads: dict[str, Any],
    created: str = "2026-10-05T10:54:00.000Z",
    edited: str = "2026-10-06T09:00:00.000Z",
) -> Row:
    """A row holding ``payloads`` (by property id) as full response-form values."""
    values = {key: {"id": key, **typed(SCHEMA[key].type, value)} for key, value in payloads.items()}
    return Row(properties=values, created_time=created, last_edited_time=edited)


def row(**payloads: Any) -> Row:
    return raw_row(payloads)


def named(title: str, **payloads: Any) -> Row:
    return raw_row({"title": text(title), **payloads})


# --------------------------------------------------------------------------- building filters


def on(name: str, key: str) -> Callable[..., Json]:
    """A builder of ``{"property": name, key: {condition}}`` filters."""

    def build(**condition: Any) -> Json:
        return {"property": name, key: condition}

    return build


NAME, NOTES, LINK = on("Name", "title"), on("Notes", "rich_text"), on("Link", "url")
EMAIL, PHONE, EST = on("Email", "email"), on("Phone", "phone_number"), on("Estimate", "number")
DONE_BOX, PRIORITY, TAGS = (
    on("Done", "checkbox"),
    on("Priority", "select"),
    on("Tags", "multi_select"),
)
STATUS, DUE, OWNER = on("Status", "status"), on("Due", "date"), on("Owner", "people")
PROJECTS, FILES, TASK = on("Projects", "relation"), on("Files", "files"), on("Task ID", "unique_id")
SCORE, TOTAL = on("Score", "formula"), on("Total", "rollup")


def matches(filter_json: object, target: Row, context: FilterContext = CONTEXT) -> bool:
    return compile_filter(filter_json, SCHEMA, context)(target)


def refusal(call: Callable[[], object]) -> str:
    """The message of the 400 ``validation_error`` that ``call`` raises."""
    with pytest.raises(ApiError) as raised:
        call()
    assert (raised.value.status, raised.value.code) == (400, "validation_error")
    return raised.value.message


def cases(table: Table) -> pytest.MarkDecorator:
    params = [pytest.param(f, r, e, id=name) for name, f, r, e in table]
    return pytest.mark.parametrize(("filter_json", "target", "expected"), params)


# --------------------------------------------------------------------------- text

LAUNCH = row(title=text("Launch Checklist"))
UNTITLED = row(title=[])
TEXT_CASES: Table = [
    ("title_equals_ignores_case", NAME(equals="launch checklist"), LAUNCH, True),
    ("title_equals_needs_whole_text", NAME(equals="Launch"), LAUNCH, False),
    ("title_does_not_equal_other", NAME(does_not_equal="x"), LAUNCH, True),
    ("title_does_not_equal_same", NAME(does_not_equal="LAUNCH CHECKLIST"), LAUNCH, False),
    ("title_contains_ignores_case", NAME(contains="CHECK"), LAUNCH, True),
    ("title_contains_missing_text", NAME(contains="plan"), LAUNCH, False),
    ("title_does_not_contain_missing", NAME(does_not_contain="plan"), LAUNCH, True),
    ("title_does_not_contain_present", NAME(does_not_contain="list"), LAUNCH, False),
    ("title_starts_with_matches", NAME(starts_with="launch"), LAUNCH, True),
    ("title_starts_with_other", NAME(starts_with="check"), LAUNCH, False),
    ("title_ends_with_matches", NAME(ends_with="LIST"), LAUNCH, True),
    ("title_ends_with_other", NAME(ends_with="launch"), LAUNCH, False),
    ("title_is_empty_on_empty", NAME(is_empty=True), UNTITLED, True),
    ("title_is_empty_on_text", NAME(is_empty=True), LAUNCH, False),
    ("title_is_not_empty_on_text", NAME(is_not_empty=True), LAUNCH, True),
    ("title_is_not_empty_on_empty", NAME(is_not_empty=True), UNTITLED, False),
    ("title_does_not_contain_matches_empty", NAME(does_not_contain="a"), UNTITLED, True),
    ("title_takes_rich_text_key", on("Name", "rich_text")(contains="launch"), LAUNCH, True),
    ("title_by_id", on("title", "title")(contains="launch"), LAUNCH, True),
    (
        "title_joins_items",
        NAME(equals="launch checklist"),
        row(title=text("Launch ") + text("checklist")),
        True,
    ),
    (
        "title_without_plain_text",
        NAME(equals="draft"),
        row(title=[{"text": {"content": "Draft"}}]),
        True,
    ),
    ("rich_text_contains", NOTES(contains="q2"), row(txt=text("Moved to Q2")), True),
    ("rich_text_missing_value_is_empty", NOTES(is_empty=True), row(), True),
    ("url_starts_with", LINK(starts_with="https://"), row(url="https://x.io"), True),
    ("url_null_is_empty", LINK(is_empty=True), row(url=None), True),
    ("email_ends_with", EMAIL(ends_with="@EXAMPLE.COM"), row(eml="a@example.com"), True),
    ("phone_equals", PHONE(equals="+1 555"), row(phn="+1 555"), True),
    ("phone_null_does_not_equal", PHONE(does_not_equal="1"), row(phn=None), True),
]


@cases(TEXT_CASES)
def test_text_conditions(filter_json: Json, target: Row, expected: bool) -> None:
    assert matches(filter_json, target) is expected


# --------------------------------------------------------------------------- numbers, checkboxes

EIGHT, NO_NUMBER = row(num=8), row(num=None)
ENCODED = raw_row({"%3AUPp": 1})
NUMBER_CASES: Table = [
    ("number_equals_same", EST(equals=8), EIGHT, True),
    ("number_equals_float", EST(equals=8.0), EIGHT, True),
    ("number_equals_other", EST(equals=5), EIGHT, False),
    ("number_does_not_equal_other", EST(does_not_equal=5), EIGHT, True),
    ("number_does_not_equal_same", EST(does_not_equal=8), EIGHT, False),
    ("number_does_not_equal_matches_empty", EST(does_not_equal=8), NO_NUMBER, True),
    ("number_greater_than_below", EST(greater_than=7), EIGHT, True),
    ("number_greater_than_equal", EST(greater_than=8), EIGHT, False),
    ("number_less_than_above", EST(less_than=9.5), EIGHT, True),
    ("number_less_than_equal", EST(less_than=8), EIGHT, False),
    ("number_greater_or_equal_equal", EST(greater_than_or_equal_to=8), EIGHT, True),
    ("number_greater_or_equal_above", EST(greater_than_or_equal_to=9), EIGHT, False),
    ("number_less_or_equal_equal", EST(less_than_or_equal_to=8), EIGHT, True),
    ("number_less_or_equal_below", EST(less_than_or_equal_to=7), EIGHT, False),
    ("number_comparison_false_on_empty", EST(less_than=100), NO_NUMBER, False),
    ("number_is_empty_on_null", EST(is_empty=True), NO_NUMBER, True),
    ("number_is_empty_on_zero", EST(is_empty=True), row(num=0), False),
    ("number_is_not_empty_on_value", EST(is_not_empty=True), EIGHT, True),
    ("number_by_encoded_id", on("%3AUPp", "number")(equals=1), ENCODED, True),
    ("number_by_decoded_id", on(":UPp", "number")(equals=1), ENCODED, True),
    ("unique_id_reads_its_number", TASK(equals=42), row(uid={"number": 42, "prefix": "T"}), True),
    ("unique_id_greater_than", TASK(greater_than=42), row(uid={"number": 42}), False),
    ("unique_id_is_empty", TASK(is_empty=True), row(), True),
    ("checkbox_equals_true", DONE_BOX(equals=True), row(chk=True), True),
    ("checkbox_equals_false_on_checked", DONE_BOX(equals=False), row(chk=True), False),
    ("checkbox_equals_false_on_unchecked", DONE_BOX(equals=False), row(chk=False), True),
    ("checkbox_does_not_equal_true", DONE_BOX(does_not_equal=True), row(chk=False), True),
    ("checkbox_does_not_equal_false", DONE_BOX(does_not_equal=False), row(chk=False), False),
    ("checkbox_missing_reads_unchecked", DONE_BOX(equals=False), row(), True),
]


@cases(NUMBER_CASES)
def test_number_and_checkbox_conditions(filter_json: Json, target: Row, expected: bool) -> None:
    assert matches(filter_json, target) is expected


# --------------------------------------------------------------------------- options

HIGH, NO_PRIORITY = row(sel=option("High")), row(sel=None)
TAGGED, UNTAGGED = row(mul=[option("A"), option("B")]), row(mul=[])
STARTED, DONE = row(sts=option("In progress")), row(sts=option("Done"))
OPTION_CASES: Table = [
    ("select_equals_name", PRIORITY(equals="High"), HIGH, True),
    ("select_equals_is_case_sensitive", PRIORITY(equals="high"), HIGH, False),
    ("select_equals_list_matches_any", PRIORITY(equals=["Low", "High"]), HIGH, True),
    ("select_equals_list_without_it", PRIORITY(equals=["Low", "Medium"]), HIGH, False),
    ("select_equals_empty_list_matches_nothing", PRIORITY(equals=[]), HIGH, False),
    ("select_does_not_equal_other", PRIORITY(does_not_equal="Low"), HIGH, True),
    ("select_does_not_equal_same", PRIORITY(does_not_equal="High"), HIGH, False),
    (
        "select_does_not_equal_list_is_none_of",
        PRIORITY(does_not_equal=["Low", "High"]),
        HIGH,
        False,
    ),
    ("select_does_not_equal_matches_empty", PRIORITY(does_not_equal="High"), NO_PRIORITY, True),
    ("select_equals_false_on_empty", PRIORITY(equals="High"), NO_PRIORITY, False),
    ("select_is_empty_on_null", PRIORITY(is_empty=True), NO_PRIORITY, True),
    ("select_is_empty_on_missing", PRIORITY(is_empty=True), row(), True),
    ("select_is_not_empty_on_value", PRIORITY(is_not_empty=True), HIGH, True),
    ("select_is_not_empty_on_null", PRIORITY(is_not_empty=True), NO_PRIORITY, False),
    ("multi_select_contains_one", TAGS(contains="B"), TAGGED, True),
    ("multi_select_contains_other", TAGS(contains="C"), TAGGED, False),
    ("multi_select_contains_list_any", TAGS(contains=["C", "A"]), TAGGED, True),
    ("multi_select_does_not_contain_other", TAGS(does_not_contain="C"), TAGGED, True),
    ("multi_select_does_not_contain_held", TAGS(does_not_contain="A"), TAGGED, False),
    ("multi_select_does_not_contain_list", TAGS(does_not_contain=["C", "B"]), TAGGED, False),
    ("multi_select_does_not_contain_empty", TAGS(does_not_contain="A"), UNTAGGED, True),
    ("multi_select_is_empty", TAGS(is_empty=True), UNTAGGED, True),
    ("multi_select_is_not_empty", TAGS(is_not_empty=True), TAGGED, True),
    ("status_equals_option", STATUS(equals="Done"), DONE, True),
    ("status_equals_group_name", STATUS(equals="Complete"), DONE, True),
    ("status_equals_other_group", STATUS(equals="To-do"), DONE, False),
    ("status_equals_list_of_groups", STATUS(equals=["To-do", "In progress"]), STARTED, True),
    ("status_does_not_equal_option", STATUS(does_not_equal="Done"), STARTED, True),
    ("status_does_not_equal_own_group", STATUS(does_not_equal="Complete"), DONE, False),
    ("status_does_not_equal_other_group", STATUS(does_not_equal="Complete"), STARTED, True),
    ("status_is_empty_on_null", STATUS(is_empty=True), row(sts=None), True),
    ("status_is_not_empty_on_value", STATUS(is_not_empty=True), DONE, True),
    (
        "status_group_found_by_option_name",
        STATUS(equals="Complete"),
        row(sts={"name": "Done"}),
        True,
    ),
]


@cases(OPTION_CASES)
def test_option_conditions(filter_json: Json, target: Row, expected: bool) -> None:
    assert matches(filter_json, target) is expected


# --------------------------------------------------------------------------- dates

DUE_7TH, NO_DUE = row(dat=day("2026-10-07")), row(dat=None)
DUE_NOON = row(dat=day("2026-10-07T12:00:00.000+00:00"))
NEW_YORK_9AM = row(dat=day("2026-10-07T09:00:00.000", zone="America/New_York"))
OCTOBER_RANGE = row(dat=day("2026-10-01", "2026-10-09"))


def due_on(start: str) -> Row:
    return row(dat=day(start))


DATE_CASES: Table = [
    ("date_equals_same_day", DUE(equals="2026-10-07"), DUE_7TH, True),
    ("date_equals_other_day", DUE(equals="2026-10-08"), DUE_7TH, False),
    ("date_equals_day_holds_its_times", DUE(equals="2026-10-07"), DUE_NOON, True),
    ("date_before_next_day", DUE(before="2026-10-08"), DUE_7TH, True),
    ("date_before_same_day", DUE(before="2026-10-07"), DUE_7TH, False),
    ("date_after_previous_day", DUE(after="2026-10-06"), DUE_7TH, True),
    ("date_after_same_day_excludes_its_times", DUE(after="2026-10-07"), DUE_NOON, False),
    ("date_on_or_before_same_day", DUE(on_or_before="2026-10-07"), DUE_NOON, True),
    ("date_on_or_before_previous_day", DUE(on_or_before="2026-10-06"), DUE_7TH, False),
    ("date_on_or_after_same_day", DUE(on_or_after="2026-10-07"), DUE_NOON, True),
    ("date_on_or_after_next_day", DUE(on_or_after="2026-10-08"), DUE_NOON, False),
    ("datetime_equals_to_the_millisecond", DUE(equals="2026-10-07T12:00:00.000Z"), DUE_NOON, True),
    ("datetime_equals_one_ms_off", DUE(equals="2026-10-07T12:00:00.001Z"), DUE_NOON, False),
    ("datetime_without_offset_is_utc", DUE(equals="2026-10-07T12:00:00"), DUE_NOON, True),
    ("datetime_with_offset", DUE(equals="2026-10-07T14:00:00+02:00"), DUE_NOON, True),
    ("datetime_before_later_time", DUE(before="2026-10-07T12:00:01Z"), DUE_NOON, True),
    ("datetime_after_earlier_time", DUE(after="2026-10-07T11:59:59.999Z"), DUE_NOON, True),
    ("datetime_after_same_time", DUE(after="2026-10-07T12:00:00Z"), DUE_NOON, False),
    ("datetime_on_or_after_same_time", DUE(on_or_after="2026-10-07T12:00:00Z"), DUE_NOON, True),
    ("datetime_on_or_before_same_time", DUE(on_or_before="2026-10-07T12:00:00Z"), DUE_NOON, True),
    ("calendar_date_is_midnight_utc", DUE(before="2026-10-07T00:00:01Z"), DUE_7TH, True),
    ("naive_stored_time_is_in_its_zone", DUE(equals="2026-10-07T13:00:00Z"), NEW_YORK_9AM, True),
    ("range_compares_its_start", DUE(on_or_before="2026-10-01"), OCTOBER_RANGE, True),
    ("range_end_is_ignored", DUE(after="2026-10-05"), OCTOBER_RANGE, False),
    ("date_comparison_false_on_empty", DUE(before="2030-01-01"), NO_DUE, False),
    ("date_is_empty_on_null", DUE(is_empty=True), NO_DUE, True),
    ("date_is_empty_on_value", DUE(is_empty=True), DUE_7TH, False),
    ("date_is_not_empty_on_value", DUE(is_not_empty=True), DUE_7TH, True),
    ("relative_today", DUE(equals="today"), DUE_NOON, True),
    ("relative_tomorrow", DUE(equals="tomorrow"), due_on("2026-10-08"), True),
    ("relative_yesterday", DUE(equals="yesterday"), due_on("2026-10-06"), True),
    ("relative_one_week_ago", DUE(equals="one_week_ago"), due_on("2026-09-30"), True),
    ("relative_one_week_from_now", DUE(equals="one_week_from_now"), due_on("2026-10-14"), True),
    ("relative_one_month_ago", DUE(equals="one_month_ago"), due_on("2026-09-07"), True),
    ("relative_one_month_from_now", DUE(equals="one_month_from_now"), due_on("2026-11-07"), True),
    ("relative_on_or_after_today", DUE(on_or_after="today"), due_on("2026-10-06"), False),
    ("relative_before_tomorrow", DUE(before="tomorrow"), DUE_NOON, True),
    ("past_week_holds_today", DUE(past_week={}), DUE_7TH, True),
    ("past_week_holds_seven_days_back", DUE(past_week={}), due_on("2026-09-30"), True),
    ("past_week_stops_at_eight_days", DUE(past_week={}), due_on("2026-09-29"), False),
    ("past_week_excludes_tomorrow", DUE(past_week={}), due_on("2026-10-08"), False),
    ("past_month_holds_a_month_back", DUE(past_month={}), due_on("2026-09-07"), True),
    ("past_month_stops_before", DUE(past_month={}), due_on("2026-09-06"), False),
    ("past_year_holds_a_year_back", DUE(past_year={}), due_on("2025-10-07"), True),
    ("past_year_stops_before", DUE(past_year={}), due_on("2025-10-06"), False),
    ("this_week_starts_sunday", DUE(this_week={}), due_on("2026-10-04"), True),
    ("this_week_ends_saturday", DUE(this_week={}), due_on("2026-10-10T23:59:59Z"), True),
    ("this_week_excludes_last_saturday", DUE(this_week={}), due_on("2026-10-03"), False),
    ("this_week_excludes_next_sunday", DUE(this_week={}), due_on("2026-10-11"), False),
    ("next_week_holds_seven_days_ahead", DUE(next_week={}), due_on("2026-10-14"), True),
    ("next_week_stops_at_eight_days", DUE(next_week={}), due_on("2026-10-15"), False),
    ("next_week_excludes_yesterday", DUE(next_week={}), due_on("2026-10-06"), False),
    ("next_month_holds_a_month_ahead", DUE(next_month={}), due_on("2026-11-07"), True),
    ("next_month_stops_after", DUE(next_month={}), due_on("2026-11-08"), False),
    ("next_year_holds_a_year_ahead", DUE(next_year={}), due_on("2027-10-07"), True),
    ("next_year_stops_after", DUE(next_year={}), due_on("2027-10-08"), False),
    ("window_false_on_empty", DUE(past_week={}), NO_DUE, False),
    (
        "created_time_property",
        on("Created", "created_time")(on_or_after="2026-09-01"),
        row(crt="2026-09-01T09:00:00.000Z"),
        True,
    ),
    (
        "last_edited_time_property",
        on("Edited", "last_edited_time")(before="2026-09-04"),
        row(edt="2026-09-04T14:30:00.000Z"),
        False,
    ),
]


@cases(DATE_CASES)
def test_date_conditions(filter_json: Json, target: Row, expected: bool) -> None:
    assert matches(filter_json, target) is expected


def test_one_month_ago_clamps_to_the_shorter_month() -> None:
    end_of_march = FilterContext(now=datetime(2026, 3, 31, 8, tzinfo=UTC), bot_user_id=BOT)
    assert matches(DUE(equals="one_month_ago"), due_on("2026-02-28"), end_of_march)


def stamp(kind: str, **condition: Any) -> Json:
    return {"timestamp": kind, kind: condition}


TIMESTAMP_CASES: Table = [
    ("created_time_after", stamp("created_time", after="2026-10-04"), row(), True),
    ("created_time_equals_day", stamp("created_time", equals="2026-10-05"), row(), True),
    ("created_time_past_week", stamp("created_time", past_week={}), row(), True),
    ("created_time_next_week", stamp("created_time", next_week={}), row(), False),
    (
        "edited_on_or_after_the_minute",
        stamp("last_edited_time", on_or_after="2026-10-06T09:00Z"),
        row(),
        True,
    ),
    (
        "edited_after_the_minute",
        stamp("last_edited_time", after="2026-10-06T09:00:00Z"),
        row(),
        False,
    ),
    (
        "with_type_key",
        {**stamp("created_time", is_not_empty=True), "type": "created_time"},
        row(),
        True,
    ),
]


@cases(TIMESTAMP_CASES)
def test_timestamp_filters(filter_json: Json, target: Row, expected: bool) -> None:
    assert matches(filter_json, target) is expected


# --------------------------------------------------------------- people, relations, files

OWNED = row(ppl=users(ALICE))
BY_ALICE, EDITED_BY_BOB = row(cby=user(ALICE)), row(eby=user(BOB))
LINKED = row(rel=pages(PAGE_1))
REFERENCE_CASES: Table = [
    ("people_contains_user", OWNER(contains=ALICE), OWNED, True),
    ("people_contains_undashed_id", OWNER(contains=ALICE.replace("-", "")), OWNED, True),
    ("people_contains_other_user", OWNER(contains=BOB), OWNED, False),
    ("people_does_not_contain_other", OWNER(does_not_contain=BOB), OWNED, True),
    ("people_does_not_contain_held", OWNER(does_not_contain=ALICE), OWNED, False),
    ("people_does_not_contain_matches_empty", OWNER(does_not_contain=ALICE), row(ppl=[]), True),
    ("people_contains_me_matches_nothing", OWNER(contains="me"), row(ppl=users(BOT)), False),
    ("people_does_not_contain_me_matches_all", OWNER(does_not_contain="me"), OWNED, True),
    ("people_is_empty", OWNER(is_empty=True), row(ppl=[]), True),
    ("people_is_not_empty", OWNER(is_not_empty=True), OWNED, True),
    ("created_by_contains", on("Creator", "created_by")(contains=ALICE), BY_ALICE, True),
    ("created_by_takes_people_key", on("Creator", "people")(contains=BOB), BY_ALICE, False),
    ("last_edited_by_takes_people_key", on("Editor", "people")(contains=BOB), EDITED_BY_BOB, True),
    (
        "last_edited_by_is_not_empty",
        on("Editor", "last_edited_by")(is_not_empty=True),
        EDITED_BY_BOB,
        True,
    ),
    ("relation_contains_page", PROJECTS(contains=PAGE_1), LINKED, True),
    ("relation_contains_undashed", PROJECTS(contains=PAGE_1.replace("-", "")), LINKED, True),
    ("relation_contains_other_page", PROJECTS(contains=PAGE_2), LINKED, False),
    ("relation_does_not_contain_other", PROJECTS(does_not_contain=PAGE_2), LINKED, True),
    ("relation_does_not_contain_held", PROJECTS(does_not_contain=PAGE_1), LINKED, False),
    ("relation_is_empty", PROJECTS(is_empty=True), row(rel=[]), True),
    ("relation_is_not_empty", PROJECTS(is_not_empty=True), row(rel=[]), False),
    ("files_is_empty", FILES(is_empty=True), row(fil=[]), True),
    ("files_is_not_empty", FILES(is_not_empty=True), row(fil=[{"name": "a.pdf"}]), True),
    ("files_is_not_empty_on_missing", FILES(is_not_empty=True), row(), False),
]


@cases(REFERENCE_CASES)
def test_people_relation_and_files_conditions(
    filter_json: Json, target: Row, expected: bool
) -> None:
    assert matches(filter_json, target) is expected


# --------------------------------------------------------------------------- formulas, rollups

NUMBERS = row(rol=array(typed("number", 1), typed("number", 5)))
NO_ITEMS = row(rol=array())
SUM_8 = row(rol={"type": "number", "number": 8, "function": "sum"})
COMPUTED_CASES: Table = [
    (
        "formula_string_contains",
        SCORE(string={"contains": "ok"}),
        row(fml=typed("string", "OK!")),
        True,
    ),
    (
        "formula_string_null_is_empty",
        SCORE(string={"is_empty": True}),
        row(fml=typed("string", None)),
        True,
    ),
    (
        "formula_checkbox_equals",
        SCORE(checkbox={"equals": True}),
        row(fml=typed("boolean", True)),
        True,
    ),
    (
        "formula_number_greater_than",
        SCORE(number={"greater_than": 2}),
        row(fml=typed("number", 3)),
        True,
    ),
    (
        "formula_date_after",
        SCORE(date={"after": "2026-10-01"}),
        row(fml=typed("date", day("2026-10-02"))),
        True,
    ),
    (
        "formula_of_other_type_reads_empty",
        SCORE(number={"is_empty": True}),
        row(fml=typed("string", "3")),
        True,
    ),
    (
        "formula_of_other_type_fails",
        SCORE(number={"equals": 3}),
        row(fml=typed("string", "3")),
        False,
    ),
    ("rollup_number", TOTAL(number={"equals": 8}), SUM_8, True),
    (
        "rollup_date",
        TOTAL(date={"on_or_before": "2026-10-07"}),
        row(rol=typed("date", day("2026-10-01"))),
        True,
    ),
    ("rollup_number_on_array_reads_empty", TOTAL(number={"is_empty": True}), NUMBERS, True),
    ("rollup_any_matches_one_item", TOTAL(any={"number": {"greater_than": 4}}), NUMBERS, True),
    ("rollup_any_without_match", TOTAL(any={"number": {"greater_than": 5}}), NUMBERS, False),
    ("rollup_any_false_on_empty_array", TOTAL(any={"number": {"equals": 1}}), NO_ITEMS, False),
    ("rollup_any_on_scalar_reads_empty", TOTAL(any={"number": {"equals": 8}}), SUM_8, False),
    ("rollup_every_needs_all_items", TOTAL(every={"number": {"greater_than": 4}}), NUMBERS, False),
    ("rollup_every_all_items_match", TOTAL(every={"number": {"greater_than": 0}}), NUMBERS, True),
    (
        "rollup_every_true_on_empty_array",
        TOTAL(every={"number": {"greater_than": 0}}),
        NO_ITEMS,
        True,
    ),
    ("rollup_none_without_match", TOTAL(none={"number": {"equals": 3}}), NUMBERS, True),
    ("rollup_none_with_match", TOTAL(none={"number": {"equals": 5}}), NUMBERS, False),
    (
        "rollup_rich_text_reads_titles",
        TOTAL(any={"rich_text": {"contains": "fig"}}),
        row(rol=array(typed("title", text("Take Fig on a walk")))),
        True,
    ),
    (
        "rollup_any_date_item",
        TOTAL(any={"date": {"past_week": {}}}),
        row(rol=array(typed("date", day("2026-10-05")))),
        True,
    ),
    (
        "rollup_any_select_item",
        TOTAL(any={"select": {"equals": ["High"]}}),
        row(rol=array(typed("select", option("High")))),
        True,
    ),
    (
        "rollup_any_status_item",
        TOTAL(any={"status": {"equals": "Done"}}),
        row(rol=array(typed("status", option("Done")))),
        True,
    ),
    (
        "rollup_every_people_item",
        TOTAL(every={"people": {"contains": ALICE}}),
        row(rol=array(typed("people", users(BOB, ALICE)))),
        True,
    ),
    (
        "rollup_none_relation_item",
        TOTAL(none={"relation": {"contains": PAGE_2}}),
        row(rol=array(typed("relation", pages(PAGE_1)))),
        True,
    ),
    (
        "rollup_any_checkbox_item",
        TOTAL(any={"checkbox": {"equals": True}}),
        row(rol=array(typed("checkbox", False))),
        False,
    ),
    (
        "rollup_any_files_item",
        TOTAL(any={"files": {"is_not_empty": True}}),
        row(rol=array(typed("files", [{}]))),
        True,
    ),
    (
        "rollup_any_multi_select_item",
        TOTAL(any={"multi_select": {"contains": "B"}}),
        row(rol=array(typed("multi_select", [option("B")]))),
        True,
    ),
]


@cases(COMPUTED_CASES)
def test_formula_and_rollup_conditions(filter_json: Json, target: Row, expected: bool) -> None:
    assert matches(filter_json, target) is expected


# --------------------------------------------------------------------------- compounds

HIGH_AND_DONE = row(sel=option("High"), chk=True, txt=text("2023 goals"))
IS_HIGH, IS_LOW = PRIORITY(equals="High"), PRIORITY(equals="Low")
IS_DONE, NOT_DONE = DONE_BOX(equals=True), DONE_BOX(equals=False)
RECENT = stamp("created_time", past_week={})
COMPOUND_CASES: Table = [
    ("and_all_match", {"and": [IS_HIGH, IS_DONE]}, HIGH_AND_DONE, True),
    ("and_one_fails", {"and": [IS_HIGH, IS_LOW]}, HIGH_AND_DONE, False),
    ("or_one_matches", {"or": [IS_LOW, IS_DONE]}, HIGH_AND_DONE, True),
    ("or_none_match", {"or": [IS_LOW, NOT_DONE]}, HIGH_AND_DONE, False),
    ("empty_and_matches_all", {"and": []}, HIGH_AND_DONE, True),
    ("empty_or_matches_all", {"or": []}, HIGH_AND_DONE, True),
    (
        "two_levels_as_in_the_docs",
        {"or": [NOTES(contains="2024"), {"and": [IS_HIGH, IS_DONE]}]},
        HIGH_AND_DONE,
        True,
    ),
    (
        "two_levels_with_a_failing_inner_and",
        {"or": [IS_LOW, {"and": [IS_HIGH, NOT_DONE]}]},
        HIGH_AND_DONE,
        False,
    ),
    ("two_levels_with_timestamp", {"and": [{"or": [IS_LOW, RECENT]}]}, HIGH_AND_DONE, True),
]


@cases(COMPOUND_CASES)
def test_compound_filters(filter_json: Json, target: Row, expected: bool) -> None:
    assert matches(filter_json, target) is expected


def test_a_compiled_filter_selects_rows() -> None:
    rows = [named(name, sel=option(name)) for name in ("High", "Low", "Medium", "High")]
    keep = compile_filter({"or": [IS_HIGH, IS_LOW]}, SCHEMA, CONTEXT)
    assert [r.properties["title"]["title"][0]["plain_text"] for r in rows if keep(r)] == [
        "High",
        "Low",
        "High",
    ]


# --------------------------------------------------------------------------- filter refusals

MISMATCH = (
    "The property type in the database does not match the property type of the filter "
    "provided: database property {} does not match filter {}"
)
GONE = "should be not present"
TEXT_CHOICES = (
    '"equals", "does_not_equal", "contains", "does_not_contain", "starts_with", "ends_with", '
    '"is_empty", "is_not_empty"'
)
HIGH_SHOWN = '{"property":"Priority","select":{"equals":"High"}}'


def invalid(where: str, expectation: str, shown: str, root: str = "body.filter") -> str:
    """Notion's validator sentence for ``{root}{where}``."""
    return f"body failed validation: {root}{where} {expectation}, instead was `{shown}`."


REFUSALS: list[tuple[str, object, str]] = [
    (
        "unknown_property",
        on("Colour", "select")(equals="red"),
        "Could not find property with name or id: Colour",
    ),
    (
        "property_name_is_case_sensitive",
        on("name", "title")(equals="x"),
        "Could not find property with name or id: name",
    ),
    (
        "type_mismatch",
        on("Estimate", "rich_text")(equals="5"),
        MISMATCH.format("number", "rich_text"),
    ),
    (
        "select_filter_on_status",
        on("Status", "select")(equals="Done"),
        MISMATCH.format("status", "select"),
    ),
    (
        "title_filter_on_rich_text",
        on("Notes", "title")(equals="x"),
        MISMATCH.format("rich_text", "title"),
    ),
    (
        "people_filter_on_relation",
        on("Projects", "people")(contains=ALICE),
        MISMATCH.format("relation", "people"),
    ),
    (
        "date_filter_on_created_time",
        on("Created", "date")(past_week={}),
        MISMATCH.format("created_time", "date"),
    ),
    ("no_condition_type", {"property": "Priority", "equals": "x"}, invalid(".equals", GONE, "x")),
    (
        "no_filter_key_names_expected",
        {"property": "Priority"},
        invalid(".select", "should be defined", "undefined"),
    ),
    (
        "two_filter_keys",
        {**IS_HIGH, "status": {"equals": "y"}},
        invalid(".status", GONE, '{"equals":"y"}'),
    ),
    (
        "type_key_disagrees",
        {**IS_HIGH, "type": "status"},
        invalid(".type", 'should be `"select"`', "status"),
    ),
    ("unknown_condition", NAME(resembles="x"), invalid(".title.resembles", GONE, "x")),
    (
        "two_conditions",
        NAME(equals="a", contains="b"),
        invalid(
            ".title", f"should have exactly one of {TEXT_CHOICES}", '{"equals":"a","contains":"b"}'
        ),
    ),
    (
        "no_condition",
        DONE_BOX(),
        invalid(".checkbox", 'should have exactly one of "equals", "does_not_equal"', "{}"),
    ),
    (
        "condition_not_an_object",
        {"property": "Done", "checkbox": True},
        invalid(".checkbox", "should be an object", "true"),
    ),
    ("number_given_as_text", EST(equals="5"), invalid(".number.equals", "should be a number", "5")),
    (
        "boolean_is_not_a_number",
        EST(equals=True),
        invalid(".number.equals", "should be a number", "true"),
    ),
    (
        "text_given_a_number",
        NAME(contains=3),
        invalid(".title.contains", "should be a string", "3"),
    ),
    (
        "checkbox_given_text",
        DONE_BOX(equals="yes"),
        invalid(".checkbox.equals", "should be a boolean", "yes"),
    ),
    (
        "is_empty_false",
        NOTES(is_empty=False),
        invalid(".rich_text.is_empty", "should be `true`", "false"),
    ),
    (
        "is_not_empty_null",
        TAGS(is_not_empty=None),
        invalid(".multi_select.is_not_empty", "should be `true`", "null"),
    ),
    (
        "select_given_a_number",
        PRIORITY(equals=3),
        invalid(".select.equals", "should be a string or an array of strings", "3"),
    ),
    (
        "select_list_item_not_text",
        PRIORITY(equals=["High", 2]),
        invalid(".select.equals[1]", "should be a string", "2"),
    ),
    (
        "people_given_a_name",
        OWNER(contains="alice"),
        invalid(".people.contains", "should be a valid uuid", "alice"),
    ),
    (
        "relation_given_me",
        PROJECTS(contains="me"),
        invalid(".relation.contains", "should be a valid uuid", "me"),
    ),
    (
        "date_that_is_not_one",
        DUE(before="soon"),
        invalid(".date.before", "should be a valid ISO 8601 date string", "soon"),
    ),
    (
        "date_out_of_range",
        DUE(equals="2026-02-30"),
        invalid(".date.equals", "should be a valid ISO 8601 date string", "2026-02-30"),
    ),
    (
        "date_given_a_number",
        DUE(equals=20261007),
        invalid(".date.equals", "should be a string", "20261007"),
    ),
    ("window_with_content", DUE(past_week={"days": 3}), invalid(".date.past_week.days", GONE, "3")),
    (
        "window_not_an_object",
        DUE(next_week=True),
        invalid(".date.next_week", "should be an object", "true"),
    ),
    ("files_equals", FILES(equals="a"), invalid(".files.equals", GONE, "a")),
    (
        "formula_text_key",
        SCORE(text={"contains": "a"}),
        invalid(".formula.text", GONE, '{"contains":"a"}'),
    ),
    (
        "formula_inner_condition",
        SCORE(number={"contains": "a"}),
        invalid(".formula.number.contains", GONE, "a"),
    ),
    (
        "rollup_unknown_quantifier",
        TOTAL(some={"number": {}}),
        invalid(".rollup.some", GONE, '{"number":{}}'),
    ),
    (
        "rollup_item_type",
        TOTAL(any={"url": {"equals": "x"}}),
        invalid(".rollup.any.url", GONE, '{"equals":"x"}'),
    ),
    (
        "rollup_item_condition",
        TOTAL(every={"number": {"equals": "x"}}),
        invalid(".rollup.every.number.equals", "should be a number", "x"),
    ),
    (
        "unfilterable_property_type",
        {"property": "Run", "button": {}},
        invalid(".button", GONE, "{}"),
    ),
    (
        "verification_not_supported",
        on("Name", "verification")(status="verified"),
        invalid(".verification", GONE, '{"status":"verified"}'),
    ),
    (
        "property_not_a_string",
        {"property": 3, "number": {"equals": 1}},
        invalid(".property", "should be a string", "3"),
    ),
    ("filter_not_an_object", [IS_HIGH], invalid("", "should be an object", f"[{HIGH_SHOWN}]")),
    (
        "filter_without_a_kind",
        {},
        invalid("", 'should be a property, timestamp or compound ("and" / "or") filter', "{}"),
    ),
    (
        "timestamp_with_property",
        {**RECENT, "property": "Created"},
        invalid(".property", GONE, "Created"),
    ),
    (
        "timestamp_unknown",
        stamp("deleted_time", past_week={}),
        invalid(
            ".timestamp", 'should be one of "created_time", "last_edited_time"', "deleted_time"
        ),
    ),
    (
        "timestamp_condition_missing",
        {"timestamp": "created_time"},
        invalid(".created_time", "should be defined", "undefined"),
    ),
    (
        "timestamp_other_condition_key",
        {"timestamp": "created_time", "date": {}},
        invalid(".date", GONE, "{}"),
    ),
    ("compound_not_an_array", {"and": IS_HIGH}, invalid(".and", "should be an array", HIGH_SHOWN)),
    ("compound_with_both_operators", {"and": [], "or": []}, invalid(".or", GONE, "[]")),
    ("compound_with_property", {"and": [], "property": "Name"}, invalid(".property", GONE, "Name")),
    (
        "compound_three_levels_deep",
        {"and": [{"or": [{"and": [IS_HIGH]}]}]},
        invalid(".and[0].or[0].and", GONE, f"[{HIGH_SHOWN}]"),
    ),
    (
        "compound_three_levels_of_or",
        {"or": [{"or": [{"or": []}]}]},
        invalid(".or[0].or[0].or", GONE, "[]"),
    ),
    (
        "compound_over_100_filters",
        {"or": [IS_HIGH] * 101},
        "body failed validation: body.filter.or.length should be ≤ `100`, instead was `101`.",
    ),
    (
        "nested_error_names_its_place",
        {"and": [IS_HIGH, {"or": [IS_LOW, EST(equals="1")]}]},
        invalid(".and[1].or[1].number.equals", "should be a number", "1"),
    ),
    (
        "shape_is_checked_before_property",
        on("Colour", "select")(equals=3),
        invalid(".select.equals", "should be a string or an array of strings", "3"),
    ),
    (
        "later_filter_still_checked",
        {"or": [IS_HIGH, on("Colour", "select")(equals="x")]},
        "Could not find property with name or id: Colour",
    ),
]


@pytest.mark.parametrize(
    ("filter_json", "message"), [pytest.param(f, m, id=i) for i, f, m in REFUSALS]
)
def test_invalid_filters_are_refused_before_evaluation(filter_json: object, message: str) -> None:
    assert refusal(lambda: compile_filter(filter_json, SCHEMA, CONTEXT)) == message


def test_a_custom_path_is_named_in_messages() -> None:
    message = refusal(lambda: compile_filter({"and": 1}, SCHEMA, CONTEXT, path="body.query"))
    assert message == invalid(".and", "should be an array", "1", root="body.query")


# --------------------------------------------------------------------------- sorts


def order(sorts: object, rows: list[Row]) -> list[str]:
    """Sort ``rows`` and name them by their title."""
    ordered = sort_key_function(sorts, SCHEMA)(rows)
    return ["".join(item["plain_text"] for item in r.properties["title"]["title"]) for r in ordered]


def by(name: str, direction: str = "ascending") -> list[Json]:
    return [{"property": name, "direction": direction}]


def at(
    created: str = "2026-10-05T00:00:00Z", edited: str = "2026-10-06T00:00:00Z", **payloads: Any
) -> Row:
    return raw_row(payloads, created=created, edited=edited)


PRIORITIES = [named("low-9", sel=option("Low"), num=9), named("high-1", sel=option("High"), num=1)]
SORT_CASES: list[tuple[str, list[Json], list[Row], list[str]]] = [
    (
        "title_ascending_ignores_case",
        by("Name"),
        [named("b"), named("C"), named("a")],
        ["a", "b", "C"],
    ),
    (
        "title_descending",
        by("Name", "descending"),
        [named("b"), named("C"), named("a")],
        ["C", "b", "a"],
    ),
    ("title_empty_last_ascending", by("Name"), [named(""), named("b"), named("a")], ["a", "b", ""]),
    (
        "title_empty_last_descending",
        by("Name", "descending"),
        [named(""), named("a"), named("b")],
        ["b", "a", ""],
    ),
    (
        "rich_text_by_plain_text",
        by("Notes"),
        [named("2", txt=text("zeta")), named("1", txt=text("Alpha"))],
        ["1", "2"],
    ),
    (
        "url_by_text_empty_last",
        by("Link"),
        [named("3", url=None), named("2", url="b"), named("1", url="a")],
        ["1", "2", "3"],
    ),
    (
        "number_ascending",
        by("Estimate"),
        [named("10", num=10), named("2", num=2), named("-1", num=-1)],
        ["-1", "2", "10"],
    ),
    (
        "number_descending",
        by("Estimate", "descending"),
        [named("2", num=2), named("10", num=10)],
        ["10", "2"],
    ),
    (
        "number_empty_last_ascending",
        by("Estimate"),
        [named("none", num=None), named("1", num=1)],
        ["1", "none"],
    ),
    (
        "number_empty_last_descending",
        by("Estimate", "descending"),
        [named("none"), named("1", num=1)],
        ["1", "none"],
    ),
    (
        "unique_id_by_number",
        by("Task ID"),
        [named("2", uid={"number": 2}), named("1", uid={"number": 1})],
        ["1", "2"],
    ),
    (
        "checkbox_unchecked_first",
        by("Done"),
        [named("yes", chk=True), named("no", chk=False)],
        ["no", "yes"],
    ),
    (
        "checkbox_descending_checked_first",
        by("Done", "descending"),
        [named("no"), named("yes", chk=True)],
        ["yes", "no"],
    ),
    (
        "select_by_schema_option_order",
        by("Priority"),
        [
            named("low", sel=option("Low")),
            named("high", sel=option("High")),
            named("mid", sel=option("Medium")),
        ],
        ["high", "mid", "low"],
    ),
    (
        "select_descending_empty_still_last",
        by("Priority", "descending"),
        [
            named("none", sel=None),
            named("high", sel=option("High")),
            named("low", sel=option("Low")),
        ],
        ["low", "high", "none"],
    ),
    (
        "select_unlisted_option_after_listed",
        by("Priority"),
        [named("odd", sel={"id": "x", "name": "Urgent"}), named("low", sel=option("Low"))],
        ["low", "odd"],
    ),
    (
        "select_option_found_by_name",
        by("Priority"),
        [named("low", sel={"name": "Low"}), named("high", sel={"name": "High"})],
        ["high", "low"],
    ),
    (
        "status_by_schema_option_order",
        by("Status"),
        [
            named("done", sts=option("Done")),
            named("todo", sts=option("Not started")),
            named("doing", sts=option("In progress")),
        ],
        ["todo", "doing", "done"],
    ),
    (
        "multi_select_by_first_option",
        by("Tags"),
        [
            named("c", mul=[option("C")]),
            named("ba", mul=[option("B"), option("A")]),
            named("none", mul=[]),
            named("a", mul=[option("A")]),
        ],
        ["a", "ba", "c", "none"],
    ),
    (
        "multi_select_then_next_option",
        by("Tags"),
        [named("ac", mul=[option("A"), option("C")]), named("ab", mul=[option("A"), option("B")])],
        ["ab", "ac"],
    ),
    (
        "date_by_start",
        by("Due"),
        [
            named("late", dat=day("2026-10-09")),
            named("range", dat=day("2026-10-01", "2026-12-01")),
            named("noon", dat=day("2026-10-07T12:00:00Z")),
        ],
        ["range", "noon", "late"],
    ),
    (
        "date_empty_last_descending",
        by("Due", "descending"),
        [named("none", dat=None), named("a", dat=day("2026-01-01"))],
        ["a", "none"],
    ),
    (
        "people_by_user_id",
        by("Owner"),
        [named("bob", ppl=users(BOB)), named("alice", ppl=users(ALICE)), named("none", ppl=[])],
        ["alice", "bob", "none"],
    ),
    (
        "relation_by_count",
        by("Projects", "descending"),
        [named("1", rel=pages(PAGE_1)), named("2", rel=pages(PAGE_1, PAGE_2)), named("0", rel=[])],
        ["2", "1", "0"],
    ),
    (
        "files_by_count",
        by("Files"),
        [named("two", fil=[{}, {}]), named("one", fil=[{}])],
        ["one", "two"],
    ),
    (
        "formula_by_number",
        by("Score"),
        [
            named("9", fml=typed("number", 9)),
            named("3", fml=typed("number", 3)),
            named("none", fml=typed("string", None)),
        ],
        ["3", "9", "none"],
    ),
    (
        "formula_by_text",
        by("Score", "descending"),
        [named("a", fml=typed("string", "a")), named("B", fml=typed("string", "B"))],
        ["B", "a"],
    ),
    (
        "formula_by_boolean",
        by("Score"),
        [named("t", fml=typed("boolean", True)), named("f", fml=typed("boolean", False))],
        ["f", "t"],
    ),
    (
        "formula_by_date",
        by("Score"),
        [
            named("2", fml=typed("date", day("2026-02-01"))),
            named("1", fml=typed("date", day("2026-01-01"))),
        ],
        ["1", "2"],
    ),
    (
        "rollup_by_number",
        by("Total"),
        [named("8", rol=typed("number", 8)), named("1", rol=typed("number", 1))],
        ["1", "8"],
    ),
    (
        "rollup_array_by_items",
        by("Total"),
        [
            named("2,1", rol=array(typed("number", 2), typed("number", 1))),
            named("none", rol=array()),
            named("1,5", rol=array(typed("number", 1), typed("number", 5))),
        ],
        ["1,5", "2,1", "none"],
    ),
    (
        "rollup_array_of_titles",
        by("Total"),
        [
            named("b", rol=array(typed("title", text("b")))),
            named("a", rol=array(typed("title", text("A")))),
        ],
        ["a", "b"],
    ),
    (
        "created_time_property",
        by("Created", "descending"),
        [
            named("old", crt="2026-01-01T00:00:00.000Z"),
            named("new", crt="2026-05-01T00:00:00.000Z"),
        ],
        ["new", "old"],
    ),
    (
        "created_by_by_user_id",
        by("Creator"),
        [named("bob", cby=user(BOB)), named("alice", cby=user(ALICE))],
        ["alice", "bob"],
    ),
    ("property_by_id", by("num"), [named("2", num=2), named("1", num=1)], ["1", "2"]),
    ("unsortable_type_keeps_order", by("Run"), [named("b"), named("a")], ["b", "a"]),
    (
        "earlier_sort_takes_precedence",
        [*by("Priority"), *by("Estimate", "descending")],
        [*PRIORITIES, named("high-5", sel=option("High"), num=5)],
        ["high-5", "high-1", "low-9"],
    ),
    (
        "second_sort_breaks_ties_only",
        [*by("Estimate"), *by("Priority")],
        PRIORITIES,
        ["high-1", "low-9"],
    ),
    (
        "ties_keep_their_order",
        by("Priority"),
        [named(n, sel=option("High")) for n in ("1st", "2nd", "3rd")],
        ["1st", "2nd", "3rd"],
    ),
    (
        "descending_ties_keep_their_order",
        by("Done", "descending"),
        [named("1st", chk=True), named("2nd", chk=True), named("3rd")],
        ["1st", "2nd", "3rd"],
    ),
    (
        "timestamp_sort",
        [{"timestamp": "created_time", "direction": "descending"}],
        [
            at("2026-01-01T00:00:00Z", title=text("old")),
            at("2026-06-01T00:00:00Z", title=text("new")),
        ],
        ["new", "old"],
    ),
    (
        "timestamp_then_property",
        [{"timestamp": "last_edited_time", "direction": "ascending"}, *by("Name", "descending")],
        [
            at(edited="2026-02-01T00:00:00Z", title=text("z")),
            at(title=text("a")),
            at(title=text("b")),
        ],
        ["z", "b", "a"],
    ),
    ("no_sorts_keep_order", [], [named("b"), named("a")], ["b", "a"]),
]


@pytest.mark.parametrize(
    ("sorts", "rows", "expected"), [pytest.param(s, r, e, id=i) for i, s, r, e in SORT_CASES]
)
def test_sorts(sorts: list[Json], rows: list[Row], expected: list[str]) -> None:
    assert order(sorts, rows) == expected


def test_sorting_leaves_the_given_list_alone() -> None:
    rows = [named("b"), named("a")]
    assert order(by("Name"), rows) == ["a", "b"]
    assert order([], rows) == ["b", "a"]


SORT_REFUSALS: list[tuple[str, object, str]] = [
    ("unknown_property", by("Colour"), "Could not find sort property with name or id: Colour"),
    (
        "later_sort_named",
        [*by("Name"), *by("Colour")],
        "Could not find sort property with name or id: Colour",
    ),
    (
        "not_an_array",
        by("Name")[0],
        invalid(
            "", "should be an array", '{"property":"Name","direction":"ascending"}', "body.sorts"
        ),
    ),
    (
        "over_100_sorts",
        by("Name") * 101,
        "body failed validation: body.sorts.length should be ≤ `100`, instead was `101`.",
    ),
    ("sort_not_an_object", ["Name"], invalid("[0]", "should be an object", "Name", "body.sorts")),
    (
        "direction_missing",
        [{"property": "Name"}],
        invalid("[0].direction", "should be defined", "undefined", "body.sorts"),
    ),
    (
        "direction_unknown",
        by("Name", "up"),
        invalid("[0].direction", 'should be one of "ascending", "descending"', "up", "body.sorts"),
    ),
    (
        "neither_property_nor_timestamp",
        [{"direction": "ascending"}],
        invalid("[0].property", "should be defined", "undefined", "body.sorts"),
    ),
    (
        "property_and_timestamp",
        [{**by("Name")[0], "timestamp": "created_time"}],
        invalid("[0].property", GONE, "Name", "body.sorts"),
    ),
    (
        "timestamp_unknown",
        [{"timestamp": "deleted_time", "direction": "ascending"}],
        invalid(
            "[0].timestamp",
            'should be one of "created_time", "last_edited_time"',
            "deleted_time",
            "body.sorts",
        ),
    ),
    (
        "property_not_a_string",
        [{"property": 1, "direction": "ascending"}],
        invalid("[0].property", "should be a string", "1", "body.sorts"),
    ),
    (
        "unknown_key",
        [{**by("Name")[0], "nulls": "first"}],
        invalid("[0].nulls", GONE, "first", "body.sorts"),
    ),
]


@pytest.mark.parametrize(
    ("sorts", "message"), [pytest.param(s, m, id=i) for i, s, m in SORT_REFUSALS]
)
def test_invalid_sorts_are_refused_before_sorting(sorts: object, message: str) -> None:
    assert refusal(lambda: sort_key_function(sorts, SCHEMA)) == message
