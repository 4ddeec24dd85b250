"""JSON objects as they cross the wire to and from Notion: the two aliases every layer uses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Json = dict[str, Any]
"""A JSON object Quarterdeck builds or holds: a request body, a block, an answer."""
JsonView = Mapping[str, Any]
"""A JSON object only read: a page object or a property value being parsed."""
