"""Notion's limits, in one place: what one request may carry and what one answer lists.

``jobs.render`` shapes the blocks it renders to them and ``sync`` fits, batches and pages
what it sends and reads by them (``NOTION_API.md`` §1.2). Notion refuses a request past any
of these with a 400 ``validation_error`` naming the limit.
"""

from __future__ import annotations

MAX_TEXT = 2000
"""UTF-16 code units per rich-text ``text.content``, as Notion counts them (an emoji is 2)."""
MAX_ITEMS = 100
"""Elements of any array in a request: rich-text items, block children, table rows, and the
values of a relation, people or multi-select property."""
MAX_LEVELS = 3
"""Levels of blocks one append may carry: the blocks, their children and grandchildren
(Notion's "two levels of nesting")."""
MAX_BLOCKS = 1000
"""Blocks in one request, all levels counted."""
MAX_BYTES = 450_000
"""Bytes of blocks per request: Notion takes 500 KB in all; the rest is headroom."""
MAX_OPTION_NAME = 100
"""Characters of a select or multi-select option's name."""
PAGE_SIZE = 100
"""Results per page of a list or a query: the most Notion returns at once."""
REFERENCE_LIMIT = 25
"""References a page object lists per relation, people or mention value (past it, the
property-item endpoint has them all)."""


def utf16_length(text: str) -> int:
    """The length Notion measures: characters outside the BMP (most emoji) count twice."""
    return len(text.encode("utf-16-le")) // 2


def text_pieces(text: str) -> list[str]:
    """``text`` cut into pieces of at most :data:`MAX_TEXT` UTF-16 code units, never inside a
    character; none for empty text."""
    pieces: list[str] = []
    start = size = 0
    for index, character in enumerate(text):
        width = utf16_length(character)
        if size + width > MAX_TEXT:
            pieces.append(text[start:index])
            start, size = index, 0
        size += width
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def option_name(name: str) -> str:
    """``name`` as a select or multi-select option Notion accepts: no comma (Notion refuses
    them in option names; a semicolon takes its place), trimmed, at most
    :data:`MAX_OPTION_NAME` characters."""
    return name.replace(",", ";").strip()[:MAX_OPTION_NAME].strip()
