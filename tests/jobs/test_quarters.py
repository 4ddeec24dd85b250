"""Quarter math: labels, bounds and an epic's quarter, for calendar and fiscal years."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from jobs.quarters import (
    Quarter,
    current_quarter,
    epic_quarter,
    parse_quarter,
)
from schemas.models import DateSpan
from tests.jobs.builders import epic


@pytest.mark.parametrize(
    ("day", "start_month", "label"),
    [
        (date(2026, 1, 1), 1, "2026-Q1"),
        (date(2026, 3, 31), 1, "2026-Q1"),
        (date(2026, 4, 1), 1, "2026-Q2"),
        (date(2026, 12, 31), 1, "2026-Q4"),
        (date(2026, 4, 1), 4, "2026-Q1"),
        (date(2026, 6, 30), 4, "2026-Q1"),
        (date(2026, 10, 1), 4, "2026-Q3"),
        (date(2026, 12, 31), 4, "2026-Q3"),
        (date(2027, 1, 1), 4, "2026-Q4"),
        (date(2027, 3, 31), 4, "2026-Q4"),
        (date(2026, 3, 31), 4, "2025-Q4"),
        (date(2026, 2, 1), 2, "2026-Q1"),
        (date(2026, 1, 31), 2, "2025-Q4"),
        (date(2026, 12, 1), 12, "2026-Q1"),
        (date(2026, 11, 30), 12, "2025-Q4"),
    ],
)
def test_quarter_label_names_the_fiscal_year_it_starts_in(
    day: date, start_month: int, label: str
) -> None:
    assert Quarter.containing(day, start_month).label == label


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (Quarter(2026, 1), date(2026, 1, 1), date(2026, 3, 31)),
        (Quarter(2026, 4), date(2026, 10, 1), date(2026, 12, 31)),
        (Quarter(2024, 1), date(2024, 1, 1), date(2024, 3, 31)),
        (Quarter(2026, 1, 4), date(2026, 4, 1), date(2026, 6, 30)),
        (Quarter(2026, 4, 4), date(2027, 1, 1), date(2027, 3, 31)),
        (Quarter(2027, 4, 12), date(2028, 9, 1), date(2028, 11, 30)),
        (Quarter(2023, 4, 12), date(2024, 9, 1), date(2024, 11, 30)),
    ],
)
def test_quarter_bounds(quarter: Quarter, start: date, end: date) -> None:
    assert (quarter.start, quarter.end) == (start, end)
    assert Quarter.containing(start, quarter.start_month) == quarter
    assert Quarter.containing(end, quarter.start_month) == quarter


@pytest.mark.parametrize("start_month", [1, 4, 7, 10, 12])
def test_consecutive_quarters_touch_and_order(start_month: int) -> None:
    quarter = current_quarter(date(2026, 11, 16), start_month)
    following = Quarter.containing(quarter.end + timedelta(days=1), start_month)
    assert following.start == quarter.end + timedelta(days=1)
    assert quarter < following


def test_year_turns_after_the_fourth_quarter() -> None:
    assert Quarter.containing(date(2027, 1, 1)) == Quarter(2027, 1)
    assert Quarter.containing(date(2027, 1, 1), 4) == Quarter(2026, 4, 4)
    assert Quarter.containing(date(2027, 4, 1), 4) == Quarter(2027, 1, 4)


@pytest.mark.parametrize(
    "label",
    ["2026-Q4", "2026 Q4", "2026Q4", "q4 2026", "Q4-2026", "FY2026-Q4", "T4 2026", " 2026-q4 "],
)
def test_parse_quarter_accepts_the_usual_spellings(label: str) -> None:
    assert parse_quarter(label) == Quarter(2026, 4)


@pytest.mark.parametrize("label", ["", "Q5 2026", "2026-Q0", "Autumn", "26-Q4", "2026-Q4-bis"])
def test_parse_quarter_refuses_other_text(label: str) -> None:
    with pytest.raises(ValueError, match="write it like 2026-Q4"):
        parse_quarter(label)


def test_invalid_quarters_cannot_be_built() -> None:
    with pytest.raises(ValueError, match="1 to 4"):
        Quarter(2026, 5)
    with pytest.raises(ValueError, match="month 1 to 12"):
        Quarter(2026, 1, 13)


def test_epic_quarter_prefers_the_quarter_property() -> None:
    labelled = epic(quarter="2027-Q1", dates=DateSpan(date(2026, 11, 1), date(2026, 11, 30)))
    assert epic_quarter(labelled) == Quarter(2027, 1)


def test_epic_quarter_falls_back_on_the_end_date() -> None:
    dated = epic(quarter=None, dates=DateSpan(date(2026, 9, 15), date(2026, 10, 15)))
    assert epic_quarter(dated) == Quarter(2026, 4)
    assert epic_quarter(dated, 4) == Quarter(2026, 3, 4)


def test_epic_quarter_falls_back_on_the_start_date_without_end() -> None:
    assert epic_quarter(epic(quarter=None, dates=DateSpan(date(2026, 9, 15)))) == Quarter(2026, 3)


def test_unreadable_quarter_property_falls_back_on_the_dates() -> None:
    odd = epic(quarter="Autumn", dates=DateSpan(date(2026, 12, 1)))
    assert epic_quarter(odd) == Quarter(2026, 4)


def test_undated_epic_without_quarter_has_none() -> None:
    assert epic_quarter(epic(quarter=None, dates=None)) is None


def test_label_and_str() -> None:
    assert str(Quarter(2026, 4)) == Quarter(2026, 4).label == "2026-Q4"
