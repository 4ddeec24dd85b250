"""Large reads: complete relations and exactly ceil(rows/100) queries per database."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from emulator import build
from emulator.seeds.scale import epic_count, people_count
from sync.progress import Silent
from sync.reader import read
from tests.sync.workspaces import (
    TODAY,
    Board,
    Expected,
    calls,
    gateway_for,
    settings_for,
    stored_links,
    unlimited,
)


def test_an_epic_with_60_tasks_has_all_60_from_one_query() -> None:
    board = Board.new()
    stream = board.stream("Pipeline")
    epic = board.epic("CRM hygiene", [stream])
    for n in range(60):
        board.task(f"Clean field {n}", epic)
    board.task("Orphan", None)
    emulator = unlimited(board.workshop.workspace)
    settings = board.settings()
    assert len(stored_links(board.workshop.workspace, "Epics", "Tasks")[epic]) == 60

    snapshot = read(gateway_for(emulator, settings), settings, progress=Silent()).snapshot

    assert Counter(e for t in snapshot.tasks for e in t.epic_ids) == {epic: 60}
    assert [e.stream_ids for e in snapshot.epics] == [(stream,)]
    expected = Expected({"streams": 1, "epics": 1, "tasks": 61, "key_results": 0}, users=4)
    assert calls(emulator) == {
        "databases": 4, "data_sources": 4, "queries": expected.queries, "users": 1,
        "pages": 0, "property_items": 0, "total": 14,  # + users/me: the bot made these rows
    }  # fmt: skip


@pytest.mark.slow
def test_2500_tasks_read_completely_in_ceil_rows_over_100_queries() -> None:
    workspace = build("scale:2500", today=TODAY)
    emulator = unlimited(workspace)
    settings = settings_for(workspace)
    started = time.perf_counter()

    reading = read(gateway_for(emulator, settings), settings, progress=Silent())

    elapsed = time.perf_counter() - started
    snapshot = reading.snapshot
    rows = {
        "streams": len(snapshot.streams),
        "epics": len(snapshot.epics),
        "tasks": len(snapshot.tasks),
        "key_results": len(snapshot.key_results),
    }
    assert rows == {"streams": 8, "epics": epic_count(2500), "tasks": 2500, "key_results": 9}
    expected = Expected(rows, users=people_count(2500) + 1)  # and the integration's bot
    assert calls(emulator) == {
        "databases": 4,
        "data_sources": 4,
        "queries": expected.queries,  # 1 + 1 + 25 + 1
        "users": expected.user_calls,
        "pages": 0,
        "property_items": 0,
        "total": expected.resolution + expected.queries + expected.user_calls,
    }
    assert reading.calls == 37
    assert {t.id: list(t.epic_ids) for t in snapshot.tasks} == stored_links(
        workspace, "Tasks", "Epic"
    )
    assert {e.id: list(e.stream_ids) for e in snapshot.epics} == stored_links(
        workspace, "Epics", "Stream"
    )
    per_epic = Counter(e for t in snapshot.tasks for e in t.epic_ids)
    held = {e: len(ts) for e, ts in stored_links(workspace, "Epics", "Tasks").items()}
    assert per_epic == {e: n for e, n in held.items() if n}
    assert sum(n > 25 for n in per_epic.values()) > 30  # most epics are past the page limit
    assert snapshot.problems == ()
    assert snapshot.missing == {}
    assert elapsed < 10
