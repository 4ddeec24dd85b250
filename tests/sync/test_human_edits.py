"""Who edited last: Quarterdeck's own writes never pass for a person's edit.

A page's ``last_edited_time`` moves with every write, the integration's included. The read
tells the integration's edits by ``last_edited_by`` and keeps the newest person's edit it
saw in the run state; what it never saw is unknown.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from emulator import Emulator
from jobs.check import run_checks
from schemas.models import Epic
from sync.progress import Silent
from sync.reader import Reading, read
from sync.run_state import RunState
from tests.sync.workspaces import START, TODAY, Board, gateway_for, unlimited

DAY = 86_400.0
CREATED = START - 40 * DAY
EDITED = START - 30 * DAY
WRITTEN = START - 3600.0
IN_PROGRESS = {"Status": {"status": {"name": "In progress"}}}


def moment(stamp: float) -> datetime:
    return datetime.fromtimestamp(stamp, UTC)


class Workspace:
    """A board whose rows people create and edit, and the integration writes to."""

    def __init__(self, state_file: Path) -> None:
        self.board = Board.new(people=2)
        self.person = self.board.people[0]
        self.bot = self.board.workshop.workspace.bot_id
        self.emulator: Emulator = unlimited(self.board.workshop.workspace)
        self.state_file = state_file
        self.me_calls = 0

    def epic(self, title: str, *, by: str | None, at: float) -> str:
        """An epic in progress that ``by`` created (the integration when None) at ``at``."""
        values = {"Name": {"title": [{"text": {"content": title}}]}, **IN_PROGRESS}
        return self.board.workshop.add_row(self.board.roadmap.epics, values, actor=by, at=at)

    def edit(self, page_id: str, *, by: str | None, at: float, **values: Any) -> None:
        """``by`` edits the page (the integration, writing an output, when None)."""
        change = values or {"Progress": {"number": 0.5}}
        self.board.workshop.edit(page_id, change, actor=by, at=at)

    def read(self, *, state: bool = True) -> Reading:
        """A read with the state kept in the file (as ``quarterdeck sync`` does), or none."""
        self.emulator.clear_log()
        saved = RunState.load(self.state_file) if state else None
        settings = self.board.settings()
        gateway = gateway_for(self.emulator, settings)
        reading = read(gateway, settings, progress=Silent(), state=saved)
        self.me_calls = len(self.emulator.requests("GET", r"^/v1/users/me$"))
        if saved is not None:
            saved.save(self.state_file)
        return reading

    def saved(self) -> RunState:
        return RunState.load(self.state_file)


def epic_of(reading: Reading, page_id: str) -> Epic:
    (found,) = (epic for epic in reading.snapshot.epics if epic.id == page_id)
    return found


def test_a_page_a_person_edited_last_has_its_last_edit_time(tmp_path: Path) -> None:
    space = Workspace(tmp_path / "state.json")
    epic_id = space.epic("Lead scoring v1", by=space.person, at=CREATED)
    space.edit(epic_id, by=space.person, at=EDITED, **IN_PROGRESS)

    epic = epic_of(space.read(), epic_id)

    assert (epic.last_edited_by, epic.last_edited_time) == (space.person, moment(EDITED))
    assert epic.last_human_edit == moment(EDITED)
    assert space.saved().human_edits == {epic_id: "2026-10-13T08:00:00Z"}


def test_a_page_last_edited_by_the_integration_keeps_the_persons_edit_time(
    tmp_path: Path,
) -> None:
    space = Workspace(tmp_path / "state.json")
    epic_id = space.epic("Lead scoring v1", by=space.person, at=CREATED)
    space.edit(epic_id, by=space.person, at=EDITED, **IN_PROGRESS)
    first = space.read()
    assert space.me_calls == 1  # asked once, kept in the state for the runs after
    assert (first.snapshot.bot_id, space.saved().bot_id) == (space.bot, space.bot)
    space.edit(epic_id, by=None, at=WRITTEN)  # Quarterdeck writes its outputs

    second = space.read()

    epic = epic_of(second, epic_id)
    assert (epic.last_edited_by, epic.last_edited_time) == (space.bot, moment(WRITTEN))
    assert epic.last_human_edit == moment(EDITED)
    assert second.snapshot.bot_id == space.bot
    assert space.me_calls == 0
    assert space.saved().human_edits == {epic_id: "2026-10-13T08:00:00Z"}


def test_a_persons_edit_after_the_integrations_is_the_new_human_edit(tmp_path: Path) -> None:
    space = Workspace(tmp_path / "state.json")
    epic_id = space.epic("Lead scoring v1", by=space.person, at=CREATED)
    space.edit(epic_id, by=None, at=EDITED)
    space.read()
    space.edit(epic_id, by=space.board.people[1], at=WRITTEN, **IN_PROGRESS)

    epic = epic_of(space.read(), epic_id)

    assert epic.last_human_edit == moment(WRITTEN)
    assert space.saved().human_edits == {epic_id: "2026-11-12T07:00:00Z"}


def test_a_persons_creation_is_not_taken_for_the_last_edit_once_the_integration_wrote(
    tmp_path: Path,
) -> None:
    space = Workspace(tmp_path / "state.json")
    epic_id = space.epic("Lead scoring v1", by=space.person, at=CREATED)
    space.edit(epic_id, by=None, at=WRITTEN)  # e.g. the state file was lost since

    epic = epic_of(space.read(), epic_id)

    assert epic.last_edited_by == space.bot
    assert epic.last_human_edit is None  # a person may have edited it after CREATED


def test_a_page_only_the_integration_touched_has_no_known_human_edit(tmp_path: Path) -> None:
    space = Workspace(tmp_path / "state.json")
    epic_id = space.epic("Carried over", by=None, at=CREATED)
    space.edit(epic_id, by=None, at=WRITTEN)

    reading = space.read()

    assert epic_of(reading, epic_id).last_human_edit is None
    assert space.saved().human_edits == {}


def test_without_a_state_the_integrations_id_is_asked_only_when_it_matters(
    tmp_path: Path,
) -> None:
    space = Workspace(tmp_path / "state.json")
    epic_id = space.epic("People's", by=space.person, at=EDITED)

    reading = space.read(state=False)

    assert epic_of(reading, epic_id).last_human_edit == moment(EDITED)
    assert (reading.snapshot.bot_id, space.me_calls) == (None, 0)


def test_without_a_state_the_integrations_edits_are_still_told_apart(tmp_path: Path) -> None:
    space = Workspace(tmp_path / "state.json")
    people_s = space.epic("People's", by=space.person, at=EDITED)
    ours = space.epic("Ours", by=None, at=CREATED)

    reading = space.read(state=False)

    assert epic_of(reading, people_s).last_human_edit == moment(EDITED)
    assert epic_of(reading, ours).last_human_edit is None
    assert reading.snapshot.bot_id == space.bot
    assert space.me_calls == 1
    assert not space.state_file.exists()


def test_pages_no_longer_read_are_forgotten(tmp_path: Path) -> None:
    space = Workspace(tmp_path / "state.json")
    kept = space.epic("Kept", by=space.person, at=EDITED)
    gone = space.epic("Gone", by=space.person, at=EDITED)
    space.read()
    space.board.workshop.trash(gone)

    space.read()

    assert set(space.saved().human_edits) == {kept}


def test_an_epic_only_quarterdeck_touched_lately_is_still_stale_in_progress(
    tmp_path: Path,
) -> None:
    space = Workspace(tmp_path / "state.json")
    quiet = space.epic("Quiet epic", by=space.person, at=EDITED)
    busy = space.epic("Busy epic", by=space.person, at=EDITED)
    space.read()
    space.edit(quiet, by=None, at=WRITTEN)
    space.edit(busy, by=space.person, at=WRITTEN, **IN_PROGRESS)

    reading = space.read()

    stale = [f for f in run_checks(reading.snapshot, space.board.settings(), TODAY)
             if f.code == "QD406"]  # fmt: skip
    assert [f.entity.title for f in stale] == ["Quiet epic"]
    assert "since 13 Oct 2026 (30 days)" in stale[0].message
