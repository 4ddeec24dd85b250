"""Applying a Plan: diff against what Notion holds, then write only what changed.

:func:`apply_plan` takes the plan of a job (:class:`schemas.plan.Plan`) and, page by page:

1. sends **one** ``PATCH /v1/pages/{id}`` with the output properties that changed
   (:mod:`sync.properties`), none for a page whose outputs Notion already holds;
2. keeps the page's status section (:mod:`sync.sections`) and saves the state file right
   after, so a run stopped half-way loses nothing it wrote;

then the dashboard (:mod:`sync.dashboard`). A rerun with nothing changed in Notion makes no
call at all here. Every write goes through :class:`~sync.session.Session`, which reads
back instead of repeating a write whose outcome is unknown.

A page Notion refuses (400), that is gone (404), or whose write stays unconfirmed after the
read-back is reported in :attr:`WriteReport.failures` and the run goes on; the next run
converges. Failures no page can survive (token, rate limit, outage) are raised.

**Dry run**: the same diff, no write. The reads that decide what a section or the dashboard
needs are still made (``GET /v1/blocks/{id}`` for a page edited since the last write, the
page's children without state, the reports page's children to find the dashboard); nothing
is read back and the state is neither changed nor saved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from schemas.models import Kind, Snapshot
from schemas.plan import Dashboard, PageOutputs, Plan, Section
from schemas.settings import Settings
from schemas.wire import Json
from sync import errors
from sync.dashboard import DashboardOutcome, sync_dashboard
from sync.gateway import Gateway
from sync.properties import (
    PagePatch,
    PropertyChange,
    SkippedOutput,
    create_missing_outputs,
    diff_page,
    holds,
)
from sync.reader import Reading
from sync.run_state import DashboardState, RunState
from sync.sections import SectionOutcome, sync_section
from sync.session import Session

__all__ = [
    "DashboardOutcome",
    "PageReport",
    "PropertyChange",
    "SectionOutcome",
    "SkippedOutput",
    "WriteReport",
    "apply_plan",
    "create_missing_outputs",
]

PAGE_FAILURES = (errors.RequestRefused, errors.ObjectNotFound, errors.WriteNotConfirmed)
"""What stops one page's writes but not the run."""
READ_ROUTES = ("GET ", "POST /v1/data_sources/{id}/query")


@dataclass
class PageReport:
    """What was written to one page (or would be, in a dry run)."""

    page_id: str
    kind: Kind
    title: str
    changes: tuple[PropertyChange, ...] = ()
    """Output properties old -> new (values as compared: rounded, ISO dates)."""
    section: SectionOutcome | None = None
    """None: the plan has no section for this page."""
    duplicates_removed: int = 0
    error: str | None = None

    @property
    def written(self) -> bool:
        """Whether the page got (or would get) any write."""
        touched = self.section not in (None, SectionOutcome.UNCHANGED)
        return bool(self.changes) or touched or self.duplicates_removed > 0


@dataclass
class WriteReport:
    """The result of one :func:`apply_plan`, for the summary and ``--dry-run``."""

    dry_run: bool = False
    pages: list[PageReport] = field(default_factory=list)
    """Every page of the plan, in plan order (most say nothing changed)."""
    skipped: list[SkippedOutput] = field(default_factory=list)
    """Output properties not written (missing from the schema, wrong type), once each."""
    dashboard: DashboardOutcome | None = None
    dashboard_page_id: str | None = None
    dashboard_error: str | None = None
    write_calls: int = 0
    """Write requests sent (none in a dry run), attempts after a 429 included."""
    read_calls: int = 0
    """Requests that only read (to decide, or to read back after an unconfirmed write)."""

    @property
    def pages_written(self) -> int:
        return sum(1 for page in self.pages if page.written and page.error is None)

    @property
    def properties_changed(self) -> int:
        return sum(len(page.changes) for page in self.pages if page.error is None)

    @property
    def sections(self) -> Mapping[SectionOutcome, int]:
        """Sections by outcome (created, updated, restored, unchanged)."""
        counts = Counter(page.section for page in self.pages if page.section is not None)
        return {outcome: counts.get(outcome, 0) for outcome in SectionOutcome}

    @property
    def duplicates_removed(self) -> int:
        return sum(page.duplicates_removed for page in self.pages)

    @property
    def failures(self) -> list[str]:
        """One line per page (or the dashboard) whose writes failed."""
        lines = [f"{page.title or page.page_id}: {page.error}" for page in self.pages if page.error]
        return [*lines, *([f"dashboard: {self.dashboard_error}"] if self.dashboard_error else [])]

    @property
    def changed(self) -> list[PageReport]:
        """The pages with something to write, for printing a dry run."""
        return [page for page in self.pages if page.written or page.error]


def apply_plan(
    gateway: Gateway,
    plan: Plan,
    reading: Reading,
    settings: Settings,
    state: RunState,
    *,
    dry_run: bool = False,
) -> WriteReport:
    """Write what ``plan`` holds and Notion does not; record it in ``state``.

    Args:
        gateway: the budgeted gateway the read used.
        plan: the job's plan.
        reading: the read the plan was built from: schemas, output values as found, and the
            pages' ``last_edited_time`` that tell whether a section needs a look.
        settings: property names (``[fields]``), ``[sync] status_sections`` and
            ``state_file``, saved after every page written.
        state: sections and dashboard as last written; updated in place (not in a dry run).
        dry_run: compute and report the writes, send none.

    Raises:
        SyncError: a failure no page can get past (token, rate limit, outage).
    """
    run = _Run(Session(gateway, dry_run=dry_run), reading, settings, state)
    before = Counter(gateway.calls_by)
    try:
        run.pages(plan)
        if plan.dashboard is not None:
            run.dashboard(plan.dashboard)
    finally:
        _count_calls(run.report, gateway, before)
    return run.report


@dataclass
class _Run:
    """One apply: where it writes, what it knows, what it has done."""

    session: Session
    reading: Reading
    settings: Settings
    state: RunState
    report: WriteReport = field(init=False)
    skipped: dict[SkippedOutput, None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.report = WriteReport(dry_run=self.session.dry_run)
        self.path = Path(self.settings.sync.state_file)
        self.edited = _edit_times(self.reading.snapshot)

    def pages(self, plan: Plan) -> None:
        outputs = {page.page_id: page for page in plan.outputs}
        wanted = self.settings.sync.status_sections
        sections = {s.page_id: s for s in plan.sections} if wanted else {}
        for page_id in dict.fromkeys([*outputs, *sections]):
            self.page(outputs.get(page_id), sections.get(page_id))
        self.report.skipped = list(self.skipped)

    def page(self, outputs: PageOutputs | None, section: Section | None) -> None:
        """The page's one PATCH, then its section; the state file saved if it changed."""
        source = outputs or section
        assert source is not None  # every page id comes from one of the two
        page = PageReport(source.page_id, source.kind, source.title)
        self.report.pages.append(page)
        known = self.state.sections.get(page.page_id)
        try:
            touched = self.outputs(outputs, page) if outputs is not None else None
            if section is not None:
                edited = self.edited.get(page.page_id)
                result = sync_section(self.session, section, known, edited, touched)
                page.section, page.duplicates_removed = result.outcome, result.duplicates_removed
                if result.state is not None and not self.session.dry_run:
                    self.state.sections[page.page_id] = result.state
        except PAGE_FAILURES as failure:
            page.error = str(failure)
        if not self.session.dry_run and self.state.sections.get(page.page_id) != known:
            self.state.save(self.path)

    def outputs(self, outputs: PageOutputs, page: PageReport) -> str | None:
        """Send the page's PATCH if anything changed; its ``last_edited_time`` after it."""
        patch, left_out = diff_page(outputs, self.reading)
        self.skipped.update(dict.fromkeys(left_out))
        page.changes = patch.changes
        if not patch.properties or self.session.dry_run:
            return None
        gateway = self.session.gateway
        answer = self.session.write(
            lambda: gateway.update_page(patch.page_id, patch.properties),
            lambda _: _holding(gateway, patch),
        )
        stamp = answer.get("last_edited_time")
        return str(stamp) if stamp else None

    def dashboard(self, dashboard: Dashboard) -> None:
        def save(new: DashboardState) -> None:
            self.state.dashboard = new
            self.state.save(self.path)

        try:
            outcome, page_id = sync_dashboard(self.session, dashboard, self.state.dashboard, save)
        except PAGE_FAILURES as failure:
            self.report.dashboard_error = str(failure)
            return
        self.report.dashboard, self.report.dashboard_page_id = outcome, page_id


def _holding(gateway: Gateway, patch: PagePatch) -> Json | None:
    """The page read back, if it already holds the patch (the write landed)."""
    page = gateway.retrieve_page(patch.page_id)
    return page if holds(page, patch) else None


def _edit_times(snapshot: Snapshot) -> dict[str, datetime]:
    pages = (*snapshot.streams, *snapshot.epics, *snapshot.tasks, *snapshot.key_results)
    return {page.id: page.last_edited_time for page in pages}


def _count_calls(report: WriteReport, gateway: Gateway, before: Counter[str]) -> None:
    sent = Counter(gateway.calls_by)
    sent.subtract(before)
    reads = sum(n for route, n in sent.items() if route.startswith(READ_ROUTES))
    report.read_calls = reads
    report.write_calls = sum(sent.values()) - reads
