"""Identifiers: UUIDs as Notion prints them, and short property ids.

Notion accepts an id with or without dashes and always answers with dashes. Property ids
are short URL-encoded strings (``%3AUPp``) except the title, whose id is always ``title``.
"""

from __future__ import annotations

import random
import re
import uuid
from urllib.parse import quote, unquote

_HEX32 = re.compile(r"^[0-9a-fA-F]{32}$")
_PROPERTY_ID_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&()*+,-./:;<=>?@[]^_`{|}~"
)


def normalize(raw: str) -> str | None:
    """The dashed lowercase form of a Notion id, or None when ``raw`` is not one."""
    compact = raw.replace("-", "")
    if not _HEX32.match(compact):
        return None
    return str(uuid.UUID(compact))


def compact(object_id: str) -> str:
    """The undashed form used in notion.so URLs."""
    return object_id.replace("-", "")


class IdFactory:
    """Deterministic id source, so that a seed always builds the same workspace."""

    def __init__(self, seed: int | str = 0) -> None:
        self._random = random.Random(seed)

    def uuid(self) -> str:
        return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    def property_id(self, taken: set[str]) -> str:
        """A fresh short property id, URL-encoded as Notion sends it."""
        while True:
            raw = "".join(self._random.choice(_PROPERTY_ID_ALPHABET) for _ in range(4))
            encoded = quote(raw, safe="")
            if encoded not in taken and encoded != "title":
                return encoded


def same_property_id(given: str, stored: str) -> bool:
    """Whether a property id from a URL or body names ``stored``.

    Clients pass the encoded id as-is; the URL layer may or may not have decoded it once.
    """
    return given == stored or unquote(given) == unquote(stored)
