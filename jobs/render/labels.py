"""How each :class:`~schemas.health.Health` is named and shown, in every locale.

The label is also the option name of the Health select Quarterdeck writes, so people filter
views on it: change a label and the next sync moves every page to the new option.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jobs.wording import Locale
from schemas.health import HEALTH_LABELS, Health


@dataclass(frozen=True)
class HealthStyle:
    """The callout icon and background of a health."""

    emoji: str
    color: str


HEALTH_STYLES: Mapping[Health, HealthStyle] = {
    Health.ON_TRACK: HealthStyle("🟢", "green_background"),
    Health.AT_RISK: HealthStyle("🟡", "yellow_background"),
    Health.OFF_TRACK: HealthStyle("🔴", "red_background"),
    Health.DONE: HealthStyle("✅", "green_background"),
    Health.DROPPED: HealthStyle("✖️", "gray_background"),
    Health.NOT_STARTED: HealthStyle("⏸️", "gray_background"),
    Health.NO_DATA: HealthStyle("⚪", "gray_background"),
}
"""Fully-qualified emoji (with the emoji variation selector), as Notion's icon check wants."""

HEALTH_ORDER: tuple[Health, ...] = (
    Health.OFF_TRACK,
    Health.AT_RISK,
    Health.ON_TRACK,
    Health.NOT_STARTED,
    Health.NO_DATA,
    Health.DONE,
    Health.DROPPED,
)
"""Most urgent first: the order summaries list healths in."""


def health_label(health: Health, locale: Locale) -> str:
    """The Health option name of ``health`` in ``locale``: ``At risk``, ``À risque``."""
    return HEALTH_LABELS[locale][health]


def health_badge(health: Health, locale: Locale) -> str:
    """The label with its emoji, for lists and tables: ``🟡 At risk``."""
    return f"{HEALTH_STYLES[health].emoji} {health_label(health, locale)}"
