"""How the values a message quotes are written in each locale: dates, numbers, lists of titles.

Dates are written with the month in words (``16 Nov 2026`` / ``16 nov. 2026``): the team
spans countries that order day and month differently, so ``03/11`` would be ambiguous.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

Locale = Literal["en", "fr"]
Value = str | int | float | date | tuple[str, ...]
"""What a message may quote. A tuple is a list of page titles or names, quoted one by one."""

MAX_LISTED = 8
"""Beyond this many titles a list says how many more there are: messages stay one line."""

_MONTHS: dict[Locale, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": (
        "janv.", "févr.", "mars", "avr.", "mai", "juin",
        "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ),
}  # fmt: skip
_QUOTES: dict[Locale, tuple[str, str]] = {"en": ("“", "”"), "fr": ("« ", " »")}
_MORE: dict[Locale, str] = {"en": "and {count} more", "fr": "et {count} autres"}
_UNTITLED: dict[Locale, str] = {"en": "Untitled", "fr": "Sans titre"}


def format_value(value: Value, locale: Locale) -> str:
    """``value`` as the message in ``locale`` shows it."""
    if isinstance(value, date):
        return f"{value.day} {_MONTHS[locale][value.month - 1]} {value.year}"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_number(value, locale)
    if isinstance(value, tuple):
        return format_titles(value, locale)
    return value


def format_number(value: float, locale: Locale) -> str:
    """``24``, ``24.5`` (``24,5`` in French): no exponent, no trailing zeros."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",") if locale == "fr" else text


def format_titles(titles: tuple[str, ...], locale: Locale) -> str:
    """``“A”, “B”`` (``« A », « B »``), the first :data:`MAX_LISTED` then a count of the rest."""
    opening, closing = _QUOTES[locale]
    shown = [f"{opening}{untitled(title, locale)}{closing}" for title in titles[:MAX_LISTED]]
    if len(titles) > MAX_LISTED:
        shown.append(_MORE[locale].format(count=len(titles) - MAX_LISTED))
    return ", ".join(shown)


def untitled(title: str, locale: Locale) -> str:
    """A page's title, or ``Untitled`` for a page nobody named."""
    return title.strip() or _UNTITLED[locale]
