"""An epic's quarter, from the page as the team fills it to what check and sync make of it.

An epic belongs to the quarter its Quarter property names, else to the quarter its end date
falls in (``docs/health.md``). These tests go through the real reader (the emulator, the
command line) rather than hand-built models, for epics whose dates cross a quarter boundary,
in calendar years and in a fiscal year that starts in April.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from emulator import Emulator, RateLimit
from tests.cli_support import database_ids, run_cli, write_config
from tests.sync.workspaces import Board

CROSSING = {"Dates": {"date": {"start": "2026-09-20", "end": "2026-10-20"}}}
"""20 Sep -> 20 Oct 2026: starts in one quarter and ends in the next, in both calendars."""


@dataclass(frozen=True)
class Calendar:
    """A fiscal year and the quarters it gives on the command line's day (16 Nov 2026)."""

    start_month: int
    current: str
    """The quarter of 16 Nov 2026, which is also the one 20 Oct 2026 falls in."""
    previous: str
    """The quarter of 20 Sep 2026."""


CALENDARS = [
    pytest.param(Calendar(1, "2026-Q4", "2026-Q3"), id="calendar-year"),
    pytest.param(Calendar(4, "2026-Q3", "2026-Q2"), id="fiscal-year-from-april"),
]


@dataclass
class Roadmap:
    board: Board
    config: Path
    stream: str
    epics: dict[str, str]

    def run(self, *arguments: str) -> Any:
        emulator = Emulator(self.board.workshop.workspace, rate_limit=RateLimit(budget=None))
        return run_cli(emulator, *arguments, "--config", str(self.config))

    def findings(self, code: str) -> set[str]:
        """Titles of the pages ``check`` reports under ``code``."""
        run = self.run("check", "--format", "json", "--fail-on", "never")
        assert run.code == 0, run.err
        found = json.loads(run.out)["findings"]
        return {f["entity"]["title"] for f in found if f["code"] == code}

    def stream_progress(self) -> float | None:
        """The Progress ``sync`` wrote on the stream, as Notion holds it."""
        page = self.board.workshop.render.page(self.board.workshop.workspace.pages[self.stream])
        value: float | None = page["properties"]["Progress"]["number"]
        return value


@dataclass(frozen=True)
class Epic:
    values: dict[str, Any]
    """Properties beyond its title, stream and status."""
    progress: float
    """0.5: one task of two done; 1.0: both."""


def _roadmap(tmp_path: Path, calendar: Calendar, epics: dict[str, Epic]) -> Roadmap:
    """One stream holding ``epics`` (by title), each in progress with two tasks."""
    board = Board.new()
    stream = board.stream("Pipeline")
    ids = {}
    for title, epic in epics.items():
        status = {"Status": {"status": {"name": "In progress"}}}
        ids[title] = board.epic(title, [stream], **status, **epic.values)
        for n, done in enumerate((True, epic.progress == 1.0)):
            state = "Done" if done else "In progress"
            board.task(f"{title} task {n}", ids[title], Status={"status": {"name": state}})
    config = write_config(
        tmp_path / "quarterdeck.toml",
        board.workshop.workspace,
        f"\n[quarter]\nfiscal_year_start_month = {calendar.start_month}\n",
        ids=database_ids(board.workshop.workspace),
    )
    return Roadmap(board, config, stream, ids)


def _quarter(label: str) -> dict[str, Any]:
    return {"Quarter": {"select": {"name": label}}}


@pytest.mark.parametrize("calendar", CALENDARS)
def test_an_epic_with_no_quarter_value_belongs_to_the_quarter_its_end_date_falls_in(
    tmp_path: Path, calendar: Calendar
) -> None:
    roadmap = _roadmap(tmp_path, calendar, {"Crossing": Epic(CROSSING, 0.5)})

    assert roadmap.findings("QD403") == set()  # nobody set a Quarter: nothing to contradict
    assert roadmap.run("sync").code == 0
    assert roadmap.stream_progress() == 0.5  # it counts in the current quarter's rollups


@pytest.mark.parametrize("calendar", CALENDARS)
def test_a_quarter_value_matching_the_end_date_counts_the_epic_in_that_quarter(
    tmp_path: Path, calendar: Calendar
) -> None:
    epics = {
        "Crossing": Epic(CROSSING, 0.5),
        "Labelled this quarter": Epic(CROSSING | _quarter(calendar.current), 1.0),
    }
    roadmap = _roadmap(tmp_path, calendar, epics)

    assert roadmap.findings("QD403") == set()
    assert roadmap.run("sync").code == 0
    assert roadmap.stream_progress() == 0.75  # both epics: (0.5 + 1.0) / 2


@pytest.mark.parametrize("calendar", CALENDARS)
def test_a_quarter_value_wins_over_the_dates_and_the_mismatch_is_reported(
    tmp_path: Path, calendar: Calendar
) -> None:
    epics = {
        "Crossing": Epic(CROSSING, 0.5),
        "Labelled last quarter": Epic(CROSSING | _quarter(calendar.previous), 1.0),
    }
    roadmap = _roadmap(tmp_path, calendar, epics)

    assert roadmap.findings("QD403") == {"Labelled last quarter"}
    assert roadmap.run("sync").code == 0
    assert roadmap.stream_progress() == 0.5  # the labelled epic is last quarter's


@pytest.mark.parametrize("calendar", CALENDARS)
def test_an_epic_ending_next_quarter_is_left_out_of_this_quarter(
    tmp_path: Path, calendar: Calendar
) -> None:
    later = {"Dates": {"date": {"start": "2026-11-02", "end": "2027-01-15"}}}
    epics = {"Crossing": Epic(CROSSING, 0.5), "Ending next quarter": Epic(later, 1.0)}
    roadmap = _roadmap(tmp_path, calendar, epics)

    assert roadmap.findings("QD403") == set()
    assert roadmap.run("sync").code == 0
    assert roadmap.stream_progress() == 0.5  # only "Crossing" is this quarter's
