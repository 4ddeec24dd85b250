"""The managed status section: one callout per epic and stream page, never a second copy.

The section is found by its **marker**: a rich-text item linking to
:data:`~schemas.plan.SECTION_MARKER_URL`. It is written at the top of the page the first
time and updated in place afterwards; every other block of the page is left alone.

What one page costs, with ``RunState.sections[page]`` = (block id, digest, ``written``, the
page's ``last_edited_time`` after Quarterdeck's last write):

- **same digest, page not edited since** ``written``: nothing at all (no read, no write);
- **new digest, page not edited since**: one ``PATCH /v1/blocks/{id}``, no read (Notion
  refuses it if the block was trashed after all: then it is looked for as below);
- **page edited since** (a person may have deleted or changed the section): one
  ``GET /v1/blocks/{id}``; the callout is rewritten only if it is gone or differs;
- **no state** (first run, lost file) or the stored block is gone: the page's children are
  listed to find marked callouts; the first is kept (updated if it differs), any other is
  deleted (a crash between append and state save, a copy-paste); none: it is appended.

``last_edited_time`` is kept to the minute by Notion, so an edit in the minute of
Quarterdeck's own write goes unseen until the next content change or lost state.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from schemas.ids import same_id
from schemas.limits import MAX_LEVELS
from schemas.plan import SECTION_MARKER_URL, Section
from schemas.wire import Json
from sync import errors
from sync.blocks import children_of, fit_block, same_block, trimmed
from sync.run_state import SectionState, moment, stamp
from sync.session import Session


class SectionOutcome(StrEnum):
    CREATED = "created"
    """Appended where Quarterdeck had no section on record."""
    UPDATED = "updated"
    """The plan's content changed: rewritten in place."""
    RESTORED = "restored"
    """A person deleted or edited the section: written back."""
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class SectionResult:
    outcome: SectionOutcome
    state: SectionState | None
    """What to record (None in a dry run)."""
    duplicates_removed: int = 0


@dataclass(frozen=True)
class _Page:
    """One page's section work: what to write and what is known of the page."""

    section: Section
    desired: Json
    edited: datetime | None
    """The page's ``last_edited_time`` in the snapshot (before this run's writes)."""
    touched: str | None
    """The page's ``last_edited_time`` after this run's property PATCH, if any."""


def sync_section(
    session: Session,
    section: Section,
    known: SectionState | None,
    edited: datetime | None,
    touched: str | None = None,
) -> SectionResult:
    """Make the page hold exactly one marked callout with ``section``'s content."""
    page = _Page(section, fit_block(marked(section.block)), edited, touched)
    if known is not None and not _edited_since(page, known):
        if known.digest == section.digest:
            return SectionResult(SectionOutcome.UNCHANGED, _stamped(page, known.block_id, known))
        updated = _update(session, page, known)
        if updated is not None:
            return updated
    elif known is not None:  # a person may have changed or deleted it: look before writing
        found = session.block(known.block_id)
        if found is not None and _ours(found, section):
            person = known.digest == section.digest
            return _settle(session, page, found, SectionOutcome.RESTORED if person else None)
    return _discover(session, page, known)


def _update(session: Session, page: _Page, known: SectionState) -> SectionResult | None:
    """The new content written straight over the section as Quarterdeck left it (no one
    edited the page since); None if it is gone after all (trashed with the page untouched)."""
    if session.dry_run:
        return SectionResult(SectionOutcome.UPDATED, None)
    try:
        written = _rewrite(session, page.desired, known.block_id)
    except (errors.ObjectNotFound, errors.RequestRefused):
        return None  # Notion refuses to edit a block in the trash: look for it, or append
    return SectionResult(SectionOutcome.UPDATED, _stamped(page, known.block_id, None, written))


def _discover(session: Session, page: _Page, known: SectionState | None) -> SectionResult:
    found = [b for b in session.children(page.section.page_id) if is_marked(b)]
    removed = 0
    for extra in found[1:]:
        if not session.dry_run:
            _delete(session, str(extra["id"]))
        removed += 1
    if found:
        lost = known is not None and known.digest == page.section.digest
        result = _settle(session, page, found[0], SectionOutcome.RESTORED if lost else None)
        return SectionResult(result.outcome, result.state, removed)
    outcome = SectionOutcome.CREATED if known is None else SectionOutcome.RESTORED
    if session.dry_run:
        return SectionResult(outcome, None, removed)
    made = _append(session, page)
    return SectionResult(outcome, _stamped(page, str(made["id"]), None, made), removed)


def _settle(
    session: Session, page: _Page, found: Json, differs: SectionOutcome | None
) -> SectionResult:
    """Keep ``found`` if it holds the section, else rewrite it in place (``differs`` says
    how to count that: restored after a person's edit, updated by default)."""
    block_id = str(found["id"])
    if session.holds([found], [page.desired]):
        return SectionResult(SectionOutcome.UNCHANGED, _stamped(page, block_id, None, found))
    outcome = differs or SectionOutcome.UPDATED
    if session.dry_run:
        return SectionResult(outcome, None)
    written = _rewrite(session, page.desired, block_id)
    return SectionResult(outcome, _stamped(page, block_id, None, written))


def _rewrite(session: Session, desired: Json, block_id: str) -> Json:
    """Update the callout in place; its children (if any) are replaced whole."""
    content = {k: v for k, v in desired["callout"].items() if k != "children"}

    def check(_: errors.WriteNotConfirmed) -> Json | None:
        back = session.block(block_id)
        return back if back is not None and same_block(desired, back) else None

    written = session.write(
        lambda: session.gateway.update_block(block_id, "callout", content), check
    )
    kids = children_of(desired)
    if written.get("has_children") or kids:
        for child in session.children(block_id):
            _delete(session, str(child["id"]))
        session.append_tree(block_id, kids)
    return written


def _append(session: Session, page: _Page) -> Json:
    """The callout appended at the top of the page; after an unconfirmed append, the page
    is listed again and a marked callout found there is taken as the one sent."""
    page_id = page.section.page_id
    request = trimmed(page.desired, MAX_LEVELS)

    def check(_: errors.WriteNotConfirmed) -> Json | None:
        landed = [b for b in session.children(page_id) if is_marked(b)]
        return {"results": landed[:1]} if landed else None

    answer = session.write(
        lambda: session.gateway.append_children(page_id, [request], {"type": "start"}), check
    )
    made: Json = answer["results"][0]
    session.finish(str(made["id"]), page.desired, MAX_LEVELS)
    return made


def _delete(session: Session, block_id: str) -> None:
    def check(_: errors.WriteNotConfirmed) -> Json | None:
        return {"id": block_id} if session.block(block_id) is None else None

    with contextlib.suppress(errors.ObjectNotFound):  # gone already: what deleting is for
        session.write(lambda: session.gateway.delete_block(block_id), check)


# -- the marker --------------------------------------------------------------------------


def _links(block: Mapping[str, Any]) -> Sequence[str]:
    items = (block.get("callout") or {}).get("rich_text") or []
    found = []
    for item in items:
        link = (item.get("text") or {}).get("link") if item.get("type", "text") == "text" else None
        url = item.get("href") or (link or {}).get("url")
        if isinstance(url, str):
            found.append(url)
    return found


def _ours(block: Json, section: Section) -> bool:
    """The stored block still is this page's section (not turned into something else, nor
    moved to another page)."""
    parent = block.get("parent") or {}
    elsewhere = parent.get("type") == "page_id" and not same_id(
        str(parent.get("page_id")), section.page_id
    )
    return is_marked(block) and not elsewhere


def is_marked(block: Mapping[str, Any]) -> bool:
    """Whether ``block`` is a callout carrying the marker (request or response form)."""
    return block.get("type") == "callout" and any(
        url.startswith(SECTION_MARKER_URL) for url in _links(block)
    )


def marked(block: Mapping[str, Any]) -> Json:
    """``block`` as sent: a callout carrying the marker. The plan's renderer ends it with
    its own marker item; one without gets a last "Quarterdeck" item linking to it, since an
    unmarked section could not be found again without the state file."""
    if block.get("type") != "callout":
        raise ValueError(f"a managed section is a callout block, not {block.get('type')!r}")
    if is_marked(block):
        return dict(block)
    tag = {"type": "text", "text": {"content": "Quarterdeck", "link": {"url": SECTION_MARKER_URL}}}
    callout = dict(block["callout"])
    callout["rich_text"] = [*callout.get("rich_text", []), tag]
    return {**block, "callout": callout}


# -- time stamps -------------------------------------------------------------------------


def _edited_since(page: _Page, known: SectionState) -> bool:
    written = moment(known.written)
    return page.edited is None or written is None or page.edited > written


def _stamped(
    page: _Page, block_id: str, known: SectionState | None, block: Json | None = None
) -> SectionState:
    """The state after this run: ``written`` is the latest of what is known of the page, so
    Quarterdeck's own edits never make the next run look at the section."""
    candidates = [
        moment(page.edited),
        moment(page.touched),
        moment(known.written) if known else None,
        moment(block.get("last_edited_time")) if block else None,
    ]
    latest = max((c for c in candidates if c is not None), default=None)
    written = stamp(latest) if latest is not None else ""
    return SectionState(block_id, page.section.digest, written)
