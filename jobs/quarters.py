"""Quarters: labels, bounds, the current quarter and an epic's quarter.

Convention: a fiscal year is named after the calendar year it **starts** in. With
``fiscal_year_start_month = 4``, April-June 2026 is ``2026-Q1`` and January-March 2027 is
``2026-Q4``. With the default start month 1, quarters are calendar quarters (``2026-Q4`` is
October-December 2026). Labels are ``YYYY-Qn``; reading a team's Quarter value also accepts
``YYYY Qn``, ``Qn YYYY``, an ``FY`` prefix and the French ``T`` (trimestre): ``T4 2026``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from schemas.models import Epic

_YEAR_FIRST = re.compile(r"(?:FY)?\s*(\d{4})\s*[-/ ]?\s*[QT]([1-4])", re.IGNORECASE)
_QUARTER_FIRST = re.compile(r"[QT]([1-4])\s*[-/ ]?\s*(?:FY)?\s*(\d{4})", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    """One fiscal quarter: ``Quarter(2026, 4)`` is ``2026-Q4``."""

    fiscal_year: int
    """The calendar year the fiscal year starts in."""
    number: int
    """1 to 4."""
    start_month: int = 1
    """The month the fiscal year starts in (``QuarterSettings.fiscal_year_start_month``)."""

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError(f"a quarter number is 1 to 4, found {self.number}")
        if not 1 <= self.start_month <= 12:
            raise ValueError(f"a fiscal year starts in month 1 to 12, found {self.start_month}")

    @classmethod
    def containing(cls, day: date, start_month: int = 1) -> Quarter:
        """The quarter ``day`` falls in."""
        months_into_year = (day.month - start_month) % 12
        fiscal_year = day.year if day.month >= start_month else day.year - 1
        return cls(fiscal_year, months_into_year // 3 + 1, start_month)

    @property
    def label(self) -> str:
        return f"{self.fiscal_year}-Q{self.number}"

    @property
    def start(self) -> date:
        """The quarter's first day."""
        return _month_start(self.fiscal_year, self.start_month + 3 * (self.number - 1))

    @property
    def end(self) -> date:
        """The quarter's last day."""
        following = _month_start(self.fiscal_year, self.start_month + 3 * self.number)
        return following - timedelta(days=1)

    def __str__(self) -> str:
        return self.label


def _month_start(year: int, month: int) -> date:
    """The first day of ``month`` counted from January of ``year``; 13 is next January."""
    extra_years, month_index = divmod(month - 1, 12)
    return date(year + extra_years, month_index + 1, 1)


def current_quarter(today: date, start_month: int = 1) -> Quarter:
    """The quarter holding ``today`` (the team's local date)."""
    return Quarter.containing(today, start_month)


def parse_quarter(label: str, start_month: int = 1) -> Quarter:
    """The quarter a label names (``2026-Q4``, ``Q4 2026``, ``FY2026 Q4``, ``T4 2026``).

    Raises:
        ValueError: when ``label`` names no quarter.
    """
    text = label.strip()
    if found := _YEAR_FIRST.fullmatch(text):
        return Quarter(int(found.group(1)), int(found.group(2)), start_month)
    if found := _QUARTER_FIRST.fullmatch(text):
        return Quarter(int(found.group(2)), int(found.group(1)), start_month)
    raise ValueError(f"{label!r} is not a quarter; write it like 2026-Q4")


def quarter_field(epic: Epic, start_month: int = 1) -> Quarter | None:
    """The quarter the epic's Quarter property names, if it names one."""
    if not epic.quarter:
        return None
    try:
        return parse_quarter(epic.quarter, start_month)
    except ValueError:
        return None


def quarter_of_dates(epic: Epic, start_month: int = 1) -> Quarter | None:
    """The quarter holding the epic's end date (its start date when it has no end)."""
    if epic.dates is None:
        return None
    return Quarter.containing(epic.dates.last_day, start_month)


def epic_quarter(epic: Epic, start_month: int = 1) -> Quarter | None:
    """The epic's quarter: its Quarter property if readable, else the one its dates give.

    None for an undated epic with no usable Quarter value.
    """
    return quarter_field(epic, start_month) or quarter_of_dates(epic, start_month)
