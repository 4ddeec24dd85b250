"""The roadmap dashboard: a page Quarterdeck owns under the reports page, rewritten whole.

Found through ``RunState.dashboard`` (page id and digest), or without it by listing the
parent page for a child page with the dashboard's title. What it costs:

- **same digest as recorded**: nothing at all;
- **digest changed**: ``PATCH /v1/pages/{id}`` with ``erase_content`` (and the title, so a
  renamed ``dashboard_title`` follows), then its blocks appended, 100 per call; a page
  trashed or gone meanwhile is created again;
- **missing**: ``POST /v1/pages`` with the first 100 blocks, the rest appended;
- **no state** but the page is there: its content is read and compared with the plan's
  (one list per 100 blocks, plus one per block with children): rewritten only if it differs.

The state is saved as soon as the page exists, with an empty digest until its content is
complete: a run stopped half-way leaves a page the next one finds and rewrites, never a
second dashboard.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from schemas.plan import Dashboard
from schemas.wire import Json
from sync import errors
from sync.blocks import batches, fit_block, overflows, trimmed
from sync.run_state import DashboardState
from sync.session import Session

Save = Callable[[DashboardState], None]
"""Records the dashboard's state at once (the writer saves the state file)."""


class DashboardOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def sync_dashboard(
    session: Session, dashboard: Dashboard, known: DashboardState | None, save: Save
) -> tuple[DashboardOutcome, str | None]:
    """Make the dashboard page hold the plan's blocks; (outcome, its page id if known)."""
    if known is not None and known.digest == dashboard.digest:
        return DashboardOutcome.UNCHANGED, known.page_id
    desired = [fit_block(dict(block)) for block in dashboard.blocks]
    page_id = known.page_id if known is not None else _find(session, dashboard)
    if page_id is None:
        if session.dry_run:
            return DashboardOutcome.CREATED, None
        return DashboardOutcome.CREATED, _create(session, dashboard, desired, save)
    if known is None and session.holds(session.children(page_id), desired):
        if not session.dry_run:
            save(DashboardState(page_id, dashboard.digest))
        return DashboardOutcome.UNCHANGED, page_id
    if session.dry_run:
        return DashboardOutcome.UPDATED, page_id
    if not _erase(session, page_id, dashboard.title):
        return DashboardOutcome.CREATED, _create(session, dashboard, desired, save)
    save(DashboardState(page_id, ""))
    session.append_tree(page_id, desired)
    save(DashboardState(page_id, dashboard.digest))
    return DashboardOutcome.UPDATED, page_id


def _find(session: Session, dashboard: Dashboard) -> str | None:
    """The live child page of the parent with the dashboard's title (the first, if several)."""
    for block in session.children(dashboard.parent_page_id):
        if block.get("type") == "child_page" and (
            (block.get("child_page") or {}).get("title") == dashboard.title
        ):
            return str(block["id"])
    return None


def _erase(session: Session, page_id: str, title: str) -> bool:
    """Empty the page (and set its title); False when it is trashed or gone."""

    def check(_: errors.WriteNotConfirmed) -> Json | None:
        left = [b for b in session.children(page_id) if b.get("type") != "child_page"]
        return None if left else {"id": page_id}

    try:
        session.write(lambda: session.gateway.erase_content(page_id, title), check)
    except errors.ObjectNotFound:
        return False
    except errors.RequestRefused:
        if _alive(session, page_id):
            raise
        return False  # Notion refuses to edit a page in the trash
    return True


def _alive(session: Session, page_id: str) -> bool:
    try:
        page = session.gateway.retrieve_page(page_id)
    except errors.ObjectNotFound:
        return False
    return not (page.get("in_trash") or page.get("archived"))


def _create(session: Session, dashboard: Dashboard, desired: list[Json], save: Save) -> str:
    """A new dashboard page with the first batch of blocks; the rest appended after."""
    first = next(batches(desired), [])
    request = [trimmed(block, levels) for block, levels in first]
    parent = dashboard.parent_page_id

    def check(unsure: errors.WriteNotConfirmed) -> Json | None:
        if unsure.committed_id and unsure.committed_id != parent:
            return {"id": unsure.committed_id}
        page_id = _find(session, dashboard)
        return {"id": page_id} if page_id else None

    page = session.write(
        lambda: session.gateway.create_page(parent, dashboard.title, request), check
    )
    page_id = str(page["id"])
    save(DashboardState(page_id, ""))
    if any(overflows(block, levels) for block, levels in first):
        listed = session.children(page_id)[: len(first)]
        for (block, levels), made in zip(first, listed, strict=True):
            session.finish(str(made["id"]), block, levels)
    session.append_tree(page_id, desired[len(first) :])
    save(DashboardState(page_id, dashboard.digest))
    return page_id
