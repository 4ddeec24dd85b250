"""Health, the one vocabulary jobs compute and the writer's Health select holds.

The label is the option name of the Health select, so people filter views on it: change a
label and the next sync moves every page to the new option.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Health(StrEnum):
    """An epic's or stream's health, from best known to worst (``docs/health.md``)."""

    DONE = "done"
    DROPPED = "dropped"
    NOT_STARTED = "not_started"
    NO_DATA = "no_data"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


HEALTH_LABELS: Mapping[str, Mapping[Health, str]] = MappingProxyType(
    {
        "en": {
            Health.ON_TRACK: "On track",
            Health.AT_RISK: "At risk",
            Health.OFF_TRACK: "Off track",
            Health.DONE: "Done",
            Health.DROPPED: "Dropped",
            Health.NOT_STARTED: "Not started",
            Health.NO_DATA: "No data",
        },
        "fr": {
            Health.ON_TRACK: "En bonne voie",
            Health.AT_RISK: "À risque",
            Health.OFF_TRACK: "Hors piste",
            Health.DONE: "Terminé",
            Health.DROPPED: "Abandonné",
            Health.NOT_STARTED: "Pas commencé",
            Health.NO_DATA: "Pas de données",
        },
    }
)
"""The Health select's option names, by locale."""

HEALTH_COLORS: Mapping[Health, str] = MappingProxyType(
    {
        Health.ON_TRACK: "green",
        Health.AT_RISK: "yellow",
        Health.OFF_TRACK: "red",
        Health.DONE: "blue",
        Health.DROPPED: "gray",
        Health.NOT_STARTED: "default",
        Health.NO_DATA: "brown",
    }
)
"""The Health select's option colours."""
