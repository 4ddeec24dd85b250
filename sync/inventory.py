"""What a token can see: its data sources and how many rows each holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from notion_client import Client
from notion_client.helpers import iterate_paginated_api

PAGE_SIZE = 100


@dataclass(frozen=True)
class DataSourceCount:
    data_source_id: str
    database_id: str
    title: str
    rows: int


def _plain(rich_text: list[dict[str, Any]]) -> str:
    return "".join(item.get("plain_text", "") for item in rich_text)


def count_rows(client: Client, data_source_id: str) -> int:
    """Rows of a data source, paging 100 at a time with only the title property sent back."""
    rows = iterate_paginated_api(
        client.data_sources.query,
        data_source_id=data_source_id,
        page_size=PAGE_SIZE,
        filter_properties=["title"],
    )
    return sum(1 for _ in rows)


def inventory(client: Client) -> list[DataSourceCount]:
    """Every data source shared with the integration, with its row count, sorted by title."""
    found = iterate_paginated_api(
        client.search, filter={"property": "object", "value": "data_source"}, page_size=PAGE_SIZE
    )
    counts = [
        DataSourceCount(
            data_source_id=source["id"],
            database_id=source["parent"]["database_id"],
            title=_plain(source["title"]) or "Untitled",
            rows=count_rows(client, source["id"]),
        )
        for source in found
    ]
    return sorted(counts, key=lambda c: c.title)
