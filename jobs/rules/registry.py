"""The central table of rules: code → rule, like ruff's ``codes.rs``.

A code, once published, names one rule forever. Retiring a rule moves its code to
:data:`RETIRED` (with the name it had) so that it is never handed to another rule, and so
that configurations still naming it get a clear answer instead of a silent no-op.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from jobs.rules.base import FAMILIES, Family, Rule
from jobs.rules.goals import (
    EpicWithoutKpi,
    KeyResultWithoutTarget,
    KpiTargetEqualsBaseline,
    KpiWithoutCurrent,
    KpiWithoutTarget,
    NoNorthStar,
)
from jobs.rules.hygiene import (
    DoneEpicWithOpenTasks,
    DuplicateEpicTitle,
    InProgressEpicWithoutTasks,
    OpenTaskInClosedEpic,
    UnreadableValue,
    UnusableProperty,
)
from jobs.rules.ownership import EpicWithoutOwner, OwnerOverloaded, TaskWithoutAssignee
from jobs.rules.schedule import (
    EpicEndBeforeStart,
    EpicOutsideQuarter,
    EpicOverdue,
    EpicWithoutDates,
    StaleInProgress,
    TaskOverdue,
)
from jobs.rules.structure import (
    EpicWithoutStream,
    OrphanTask,
    StreamWithoutEpic,
    TaskEpicUnreachable,
    TooFewStreams,
    TooManyStreams,
)

_ALL_RULES: tuple[Rule, ...] = (
    OrphanTask(),
    TaskEpicUnreachable(),
    EpicWithoutStream(),
    StreamWithoutEpic(),
    TooFewStreams(),
    TooManyStreams(),
    EpicWithoutOwner(),
    TaskWithoutAssignee(),
    OwnerOverloaded(),
    EpicWithoutKpi(),
    KpiWithoutTarget(),
    KpiWithoutCurrent(),
    KpiTargetEqualsBaseline(),
    NoNorthStar(),
    KeyResultWithoutTarget(),
    EpicWithoutDates(),
    EpicEndBeforeStart(),
    EpicOutsideQuarter(),
    TaskOverdue(),
    EpicOverdue(),
    StaleInProgress(),
    InProgressEpicWithoutTasks(),
    DoneEpicWithOpenTasks(),
    OpenTaskInClosedEpic(),
    DuplicateEpicTitle(),
    UnreadableValue(),
    UnusableProperty(),
)

RULES: Mapping[str, Rule] = MappingProxyType({rule.code: rule for rule in _ALL_RULES})
"""Every active rule by code, in code order."""

RETIRED: Mapping[str, str] = MappingProxyType({})
"""Codes of removed rules → the name they had. Never reuse one of these codes."""

_CODE_PREFIX = re.compile(r"QD\d{0,3}")
_BY_NAME: Mapping[str, Rule] = MappingProxyType({rule.name: rule for rule in _ALL_RULES})
_FAMILY_BY_NAME: Mapping[str, Family] = MappingProxyType({f.name: f for f in FAMILIES})


def rules_matching(selector: str) -> tuple[Rule, ...] | None:
    """The rules a selector names, or None when it names none.

    A selector is a code (``QD201``), a code prefix such as a family (``QD2``, or ``QD``
    for all), a rule name (``epic-without-owner``) or a family name (``ownership``); case
    and surrounding spaces do not matter.
    """
    text = selector.strip()
    upper, lower = text.upper(), text.lower()
    if _CODE_PREFIX.fullmatch(upper):
        matched = tuple(rule for code, rule in RULES.items() if code.startswith(upper))
        return matched or None
    if lower in _BY_NAME:
        return (_BY_NAME[lower],)
    if lower in _FAMILY_BY_NAME:
        family = _FAMILY_BY_NAME[lower]
        return tuple(rule for rule in RULES.values() if rule.family == family)
    return None


def known_selectors() -> tuple[str, ...]:
    """Every code, name, family prefix and family name: what suggestions are drawn from."""
    families = tuple(token for family in FAMILIES for token in (family.prefix, family.name))
    rules = tuple(token for rule in RULES.values() for token in (rule.code, rule.name))
    return families + rules
