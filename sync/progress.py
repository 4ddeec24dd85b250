"""How a read reports its progress: a bar on a terminal, plain lines in CI, nothing in tests.

Rows come 100 per call and no API says how many a database holds, so the bar counts the
databases read and shows the rows of the current one as they arrive. Thirty lines of our
own beat a dependency for this.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Protocol, TextIO

BAR_WIDTH = 20


class Progress(Protocol):
    """What the reader tells about its progress."""

    def begin(self, stages: Sequence[str]) -> None:
        """The stages about to run (``streams``, ``epics``...), in order."""

    def advance(self, stage: str, rows: int) -> None:
        """``rows`` read so far in ``stage`` (called after each page of rows)."""

    def end(self, summary: str) -> None:
        """The read is over; ``summary`` is one line (rows and calls)."""


class Silent:
    """Reports nothing (tests, ``--format json``)."""

    def begin(self, stages: Sequence[str]) -> None:
        pass

    def advance(self, stage: str, rows: int) -> None:
        pass

    def end(self, summary: str) -> None:
        pass


class Lines:
    """One line per finished stage, then the summary: readable in a CI log."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._current: tuple[str, int] | None = None

    def begin(self, stages: Sequence[str]) -> None:
        self._current = None

    def advance(self, stage: str, rows: int) -> None:
        if self._current is not None and self._current[0] != stage:
            self._finish()
        self._current = (stage, rows)

    def end(self, summary: str) -> None:
        self._finish()
        print(f"quarterdeck: {summary}", file=self.stream, flush=True)

    def _finish(self) -> None:
        if self._current is not None:
            stage, rows = self._current
            print(f"quarterdeck: read {rows:,} rows of {stage}", file=self.stream, flush=True)
        self._current = None


class Bar:
    """A one-line bar redrawn in place: databases done, rows of the current one."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._stages: list[str] = []

    def begin(self, stages: Sequence[str]) -> None:
        self._stages = list(stages)

    def advance(self, stage: str, rows: int) -> None:
        done = self._stages.index(stage) if stage in self._stages else 0
        filled = BAR_WIDTH * done // max(1, len(self._stages))
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        line = f"Reading Notion {bar} {done}/{len(self._stages)} · {stage}: {rows:,} rows"
        self.stream.write(f"\r\x1b[K{line}")
        self.stream.flush()

    def end(self, summary: str) -> None:
        self.stream.write(f"\r\x1b[K{summary}\n")
        self.stream.flush()


def progress_for(stream: TextIO | None = None) -> Progress:
    """A bar if ``stream`` (standard error by default) is a terminal, else plain lines."""
    target = stream if stream is not None else sys.stderr
    return Bar(target) if target.isatty() else Lines(target)
