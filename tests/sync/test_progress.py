"""Progress: a bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io

from emulator import build
from sync.progress import Bar, Lines, progress_for
from sync.reader import read
from tests.sync.workspaces import TODAY, gateway_for, settings_for, unlimited


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_and_a_log_gets_lines() -> None:
    assert isinstance(progress_for(Terminal()), Bar)
    assert isinstance(progress_for(io.StringIO()), Lines)


def test_a_ci_log_gets_one_line_per_database_and_a_summary() -> None:
    emulator = unlimited(build("demo", today=TODAY))
    settings = settings_for(emulator.store.workspace)
    log = io.StringIO()
    read(gateway_for(emulator, settings), settings, progress=Lines(log))
    assert log.getvalue().splitlines() == [
        "quarterdeck: read 6 rows of streams",
        "quarterdeck: read 25 rows of epics",
        "quarterdeck: read 143 rows of tasks",
        "quarterdeck: read 7 rows of key_results",
        "quarterdeck: read 6 streams, 25 epics, 143 tasks, 7 key results in 15 calls",
    ]


def test_the_bar_is_redrawn_in_place_and_ends_with_the_summary() -> None:
    screen = Terminal()
    bar = Bar(screen)
    bar.begin(["streams", "tasks"])
    bar.advance("streams", 6)
    bar.advance("tasks", 100)
    bar.end("read 6 streams in 3 calls")
    drawn = screen.getvalue()
    assert drawn.count("\r\x1b[K") == 3
    assert "1/2 · tasks: 100 rows" in drawn
    assert drawn.endswith("\r\x1b[Kread 6 streams in 3 calls\n")
