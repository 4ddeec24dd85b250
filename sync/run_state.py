"""What one run leaves for the next, so that a run with nothing to do costs only the queries.

The file (``[sync] state_file``, ``.quarterdeck/state.json`` by default) holds:

- ``schemas`` / ``users`` / ``bot_id``: resolved databases and people, re-read only when a
  query shows they drifted (a property the cache does not know, an unknown person);
- ``sections``: per page, the managed section's block id, its digest and the page's
  ``last_edited_time`` right after Quarterdeck wrote it (a later edit means a person may have
  touched the section: look before trusting the digest);
- ``dashboard``: the dashboard page id and digest;
- ``human_edits``: per page, the last edit time known to be a person's (Quarterdeck's own
  writes move ``last_edited_time`` too, and must not make a forgotten epic look fresh);
- ``newest_change``: the newest change by a person the dashboard reflects.

Losing the file is safe: the next run reads what it needs (a few extra calls) and finds its
sections by their marker, never writing a second copy.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from schemas.values import timestamp

STATE_VERSION = 1
_LOG = logging.getLogger(__name__)


def stamp(when: datetime) -> str:
    """``2026-11-02T09:30:00Z``: a moment as the state file keeps it, in UTC to the second
    (Notion's times are to the minute; seconds keep the state's own exact)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def moment(saved: object) -> datetime | None:
    """A moment the state file (or Notion) wrote; None when it is not one, so that the
    caller looks again rather than trusts it."""
    if isinstance(saved, datetime):
        return saved
    try:
        return timestamp(str(saved)) if saved else None
    except ValueError:
        return None


@dataclass
class SectionState:
    block_id: str
    digest: str
    written: str
    """The page's ``last_edited_time`` after the section was written (ISO, minute)."""


@dataclass
class DashboardState:
    page_id: str
    digest: str


@dataclass
class RunState:
    sections: dict[str, SectionState] = field(default_factory=dict)
    dashboard: DashboardState | None = None
    human_edits: dict[str, str] = field(default_factory=dict)
    schemas: dict[str, Any] = field(default_factory=dict)
    users: list[dict[str, Any]] | None = None
    bot_id: str | None = None
    newest_change: str | None = None

    @classmethod
    def load(cls, path: Path) -> RunState:
        """The saved state, or an empty one when the file is missing, unreadable or outdated."""
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("version") != STATE_VERSION:
                raise ValueError(f"version {raw.get('version')!r}")
            return cls(
                sections={k: SectionState(**v) for k, v in raw.get("sections", {}).items()},
                dashboard=DashboardState(**raw["dashboard"]) if raw.get("dashboard") else None,
                human_edits=dict(raw.get("human_edits", {})),
                schemas=dict(raw.get("schemas", {})),
                users=raw.get("users"),
                bot_id=raw.get("bot_id"),
                newest_change=raw.get("newest_change"),
            )
        except (ValueError, TypeError, KeyError) as problem:
            _LOG.warning(
                "ignoring the state file %s (%s): this run reads what it needs", path, problem
            )
            return cls()

    def save(self, path: Path) -> None:
        """Write atomically: a run killed half-way leaves the previous state, never half a file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(path.suffix + ".tmp")
        document = {"version": STATE_VERSION, **asdict(self)}
        temporary.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(path)
