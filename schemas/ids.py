"""Notion ids as people paste them: bare (dashed or not) or inside a Notion URL."""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlparse

_HEX32 = re.compile(r"[0-9a-fA-F]{32}")
_DASHED = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_AT_END = re.compile(
    r"(?:^|-)([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
)
"""A page link ends with its id, after the title's slug: ``Q4-Roadmap-0123...cdef``."""
_NOTION_HOSTS = ("notion.so", "www.notion.so", "notion.site")


def compact_id(value: str) -> str:
    """An id as Notion compares them: no dashes, lower case (requests may carry either form)."""
    return value.replace("-", "").lower()


def same_id(one: str, other: str) -> bool:
    return compact_id(one) == compact_id(other)


def is_notion_id(value: str) -> bool:
    """Whether ``value`` is a bare id, dashed or not."""
    return _HEX32.fullmatch(compact_id(value)) is not None


class NotANotionId(ValueError):
    """Raised when a value is neither a Notion id nor a Notion URL holding one."""


def parse_notion_id(value: str) -> str:
    """The dashed id in ``value``: a bare id, or a link copied from Notion.

    A database link (``https://www.notion.so/acme/0123...?v=4567...``) names the database, not
    its view, so the id is taken from the path, never from the ``v`` query parameter.
    """
    text = value.strip()
    if _DASHED.fullmatch(text) or _HEX32.fullmatch(text):
        return str(uuid.UUID(text))
    parsed = urlparse(text)
    host = parsed.netloc.lower()
    if parsed.scheme in ("http", "https") and (
        host in _NOTION_HOSTS or host.endswith(".notion.site")
    ):
        last_segment = parsed.path.rstrip("/").rsplit("/", 1)[-1]
        found = _AT_END.search(last_segment)
        if found:
            return str(uuid.UUID(found.group(1)))
        raise NotANotionId(f"the Notion link {text!r} holds no page or database id")
    raise NotANotionId(
        f"{text!r} is not a Notion id (32 hexadecimal characters) or a link copied from Notion"
    )
