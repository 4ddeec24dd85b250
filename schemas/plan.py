"""The Plan: every write a job intends, built by ``jobs`` and applied by ``sync.writer``.

It lives here, beside the domain models, because both sides use it and ``sync`` may not
import ``jobs`` (import-linter). Everything is frozen data; nothing here talks to Notion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from schemas.models import Kind
from schemas.wire import Json

SECTION_MARKER_URL = (
    "https://github.com/quarterdeck-ops/quarterdeck/blob/main/docs/health.md#status-section"
)
"""The link of the "Updated by Quarterdeck" item that ends every managed section: the writer
finds a page's section again by the callout whose rich text links here."""

OutputValue = float | int | str | date | tuple[str, ...] | None
"""An output property's value: number -> float or int, select -> option name, date -> date,
multi-select -> option names; None clears the property."""
DECIMALS = 4
"""Decimals an output number carries (a share to 0.01 percentage point): jobs round to it
and the writer compares with it, so 0.4 and 0.40000001 are the same progress."""


@dataclass(frozen=True)
class PageOutputs:
    """The output properties of one page, by logical field (``progress``, ``flags``...)."""

    kind: Kind
    page_id: str
    title: str
    values: Mapping[str, OutputValue]


@dataclass(frozen=True)
class Section:
    """The managed status section of one page: one callout block, found again by its marker
    (:data:`SECTION_MARKER_URL`)."""

    kind: Kind
    page_id: str
    title: str
    block: Json
    """A ``callout`` block request object (``{"type": "callout", "callout": {...}}``)."""
    digest: str
    """A stable hash of ``block``: equal digests mean nothing to write."""


@dataclass(frozen=True)
class Dashboard:
    """The roadmap dashboard: a page Quarterdeck owns under ``[sync] reports_page``."""

    parent_page_id: str
    title: str
    blocks: tuple[Json, ...]
    digest: str
    newest_change: datetime | None
    """The newest change by a person it reflects (not the time of the run)."""


@dataclass(frozen=True)
class Plan:
    """Every write one sync intends; the writer diffs it against Notion first."""

    outputs: tuple[PageOutputs, ...]
    sections: tuple[Section, ...] = ()
    dashboard: Dashboard | None = None
