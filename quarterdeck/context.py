"""What a command runs with: its streams, environment, clock and (in tests) HTTP client."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

import httpx

from quarterdeck.config import load_settings
from schemas.settings import Settings

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_CONFIG = 2


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    """The outside world of one command. Tests hand in their own; production uses the defaults."""

    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    now: Callable[[], datetime] = _utc_now
    http: httpx.Client | None = None
    """An httpx client to reach Notion through (the emulator's transport in tests and the demo)."""

    def settings(self, config: str | None) -> Settings:
        return load_settings(Path(config) if config else None, self.environ)

    def today(self, settings: Settings) -> date:
        """The team's date: "overdue" is judged in their time zone, not the server's."""
        return self.now().astimezone(ZoneInfo(settings.quarter.time_zone)).date()

    def fail(self, message: str) -> int:
        print(message, file=self.err)
        return EXIT_CONFIG
