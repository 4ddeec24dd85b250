"""The one place a Notion client is built.

notion-client 3.1 traps this module exists to avoid: ``with Client(client=...)`` silently
swaps an injected httpx client for a real network one, so the injected client is passed
to the constructor and the ``with`` form is never used; and its retry does not cover
timeouts, connection errors, 502 or 529 (``sync`` adds its own retry for those).
"""

from __future__ import annotations

import logging

import httpx
from notion_client import Client

NOTION_API = "https://api.notion.com"
_QUIET = logging.getLogger("sync.notion_client")
_QUIET.addHandler(logging.NullHandler())  # failures surface as SyncError, not as log noise
NOTION_VERSION = "2025-09-03"
DEFAULT_TIMEOUT_MS = 60_000


def build_client(
    token: str,
    *,
    base_url: str = NOTION_API,
    http: httpx.Client | None = None,
    timeout_ms: int = DEFAULT_TIMEOUT_MS,
    retry: bool = True,
    logger: logging.Logger | None = None,
) -> Client:
    """A notion-client ``Client`` for API version 2025-09-03.

    Args:
        token: the integration token (never logged).
        base_url: Notion, or the emulator's address.
        http: an httpx client to send through, e.g. one over the emulator's in-process transport.
        timeout_ms: per-request timeout.
        retry: notion-client's own retry (429, and 500/503 on GET). ``sync.gateway`` turns it
            off: it retries itself, within the request budget, and must see every attempt.
        logger: where notion-client logs; by default its own console logger.
    """
    return Client(
        auth=token,
        base_url=base_url.rstrip("/"),
        notion_version=NOTION_VERSION,
        timeout_ms=timeout_ms,
        client=http if http is not None else httpx.Client(),
        retry=retry,
        logger=logger,
    )
