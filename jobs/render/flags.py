"""Findings as Flags: one short label per rule that found something on a page.

Flags is a multi-select, so labels are option names people filter on: one per rule code (a
rule's variants share it), in a stable order, no more than Notion takes in one request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from jobs.findings import Finding
from jobs.messages import FLAG_LABELS
from jobs.wording import Locale
from schemas.fields import DATABASES
from schemas.limits import MAX_ITEMS, option_name

FLAGGED_KINDS = frozenset(
    database.kind for database in DATABASES.values() if database.spec("flags") is not None
)
"""The databases whose pages have a Flags property."""


def flag_label(finding: Finding, locale: Locale) -> str:
    """The Flags option for ``finding``'s rule: ``Orphan task``, ``Tâche orpheline``.

    A rule with no label in the catalog falls back to its name (``epic-without-owner``).
    """
    label = FLAG_LABELS.get(finding.code)
    return option_name(label.get(locale) if label is not None else finding.rule_name)


def ordered_flags(labels: Iterable[str]) -> tuple[str, ...]:
    """Deduplicated, sorted case-insensitively, at most as many as one request takes."""
    return tuple(sorted(set(labels), key=lambda label: (label.casefold(), label)))[:MAX_ITEMS]


def flags_by_page(findings: Iterable[Finding], locale: Locale) -> Mapping[str, tuple[str, ...]]:
    """Each stream, epic or task page with findings, by id, with its Flags labels.

    Pages absent from the result have no finding: their Flags are empty.
    """
    labels: defaultdict[str, set[str]] = defaultdict(set)
    for finding in findings:
        if finding.entity.kind.page_kind in FLAGGED_KINDS:
            labels[finding.entity.id].add(flag_label(finding, locale))
    return MappingProxyType({page_id: ordered_flags(found) for page_id, found in labels.items()})
