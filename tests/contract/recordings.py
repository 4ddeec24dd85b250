"""Loading the real Notion recordings (VCR cassettes from notion-sdk-py 3.1.0).

The cassettes live in ``/work/shared/reference/notion-recordings`` (override with the
``NOTION_RECORDINGS`` environment variable). They come in two formats:

* ``response.body.string`` + ``response.status.code`` (recorded Oct 2025 - Apr 2026), and
* ``response.content`` + ``response.status_code`` (recorded Dec 2024).

All requests carry ``Notion-Version: 2025-09-03``, but the Dec 2024 ones predate that version
(released Sept 2025): their answers are in the older 2022-06-28 shapes (databases carry
``properties``, search lists ``page_or_database``). :attr:`Cassette.era` tells them apart so
that the replay test can explain each difference by when it was recorded.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml

RECORDINGS = Path(os.environ.get("NOTION_RECORDINGS", "/work/shared/reference/notion-recordings"))

Era = Literal["2024-12", "2025", "2026-04"]
"""When a cassette was recorded: ``2024-12`` (pre-2025-09-03 shapes), ``2025`` (Oct-Dec 2025),
``2026-04`` (Apr 2026: pages gained ``is_archived``, databases ``archived``, and ``archived``
moved after ``in_trash`` everywhere)."""

_STAMP = re.compile(r'"(?:created_time|last_edited_time)":"(\d{4}-\d{2})')


@dataclass(frozen=True)
class Interaction:
    index: int
    method: str
    url: str
    host: str
    path: str
    """Raw path, percent-encoding kept."""
    query: str
    headers: dict[str, str]
    """Lower-case names, first value of each recorded header."""
    body: str
    status: int
    response_text: str

    @property
    def response(self) -> Any:
        """The recorded answer as JSON (None when it was not JSON, e.g. mock.httpstatus.io)."""
        try:
            return json.loads(self.response_text)
        except ValueError:
            return None

    def describe(self) -> str:
        return f"#{self.index} {self.method} {self.path}{'?' + self.query if self.query else ''} -> {self.status}"


@dataclass(frozen=True)
class Cassette:
    name: str
    """File name without ``.yaml``, e.g. ``test_pages_create``."""
    path: Path
    era: Era
    interactions: tuple[Interaction, ...]


def _first(value: Any) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return "" if value is None else str(value)


def _interaction(index: int, raw: dict[str, Any]) -> Interaction:
    request, response = raw["request"], raw["response"]
    parts = urlsplit(request["uri"])
    if "status_code" in response:
        status, text = int(response["status_code"]), _first(response.get("content"))
    else:
        status, text = (
            int(response["status"]["code"]),
            _first(response.get("body", {}).get("string")),
        )
    body = request.get("body")
    return Interaction(
        index=index,
        method=str(request["method"]).upper(),
        url=request["uri"],
        host=parts.hostname or "",
        path=parts.path,
        query=parts.query,
        headers={str(k).lower(): _first(v) for k, v in (request.get("headers") or {}).items()},
        body="" if body is None else body if isinstance(body, str) else body.decode(),
        status=status,
        response_text=text,
    )


def _era(text: str, legacy_format: bool) -> Era:
    if legacy_format:
        return "2024-12"
    months = _STAMP.findall(text)
    return "2026-04" if months and max(months) >= "2026-04" else "2025"


def load(path: Path) -> Cassette:
    text = path.read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    interactions = tuple(_interaction(i, item) for i, item in enumerate(raw["interactions"]))
    legacy = any("status_code" in item["response"] for item in raw["interactions"])
    return Cassette(path.stem, path, _era(text, legacy), interactions)


@cache
def all_cassettes() -> tuple[Cassette, ...]:
    return tuple(load(path) for path in sorted(RECORDINGS.glob("*.yaml")))
