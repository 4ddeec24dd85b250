"""Notion's colour names (``ApiColor``)."""

from __future__ import annotations

BASE = ("default", "gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red")
OPTION_COLORS = frozenset(BASE)
"""Select, multi-select and status options take a colour without ``_background``."""
TEXT_COLORS = frozenset(BASE) | frozenset(f"{c}_background" for c in BASE if c != "default")
"""Rich text annotations and block colours."""
