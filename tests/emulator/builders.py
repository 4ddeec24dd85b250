"""Small workspace builders shared by the emulator tests."""

from __future__ import annotations

from dataclasses import dataclass

from emulator import Workshop
from emulator.state import Json


@dataclass(frozen=True)
class Roadmap:
    """Two related data sources, Epics <-> Tasks, as the tests need them."""

    epics: str
    tasks: str
    epics_database: str
    tasks_database: str


def text(content: str) -> list[Json]:
    return [{"type": "text", "text": {"content": content}}]


def title(content: str) -> Json:
    return {"title": text(content)}


def roadmap(workshop: Workshop, root: str) -> Roadmap:
    epics_db, epics = workshop.add_database(
        root,
        "Epics",
        {
            "Name": {"title": {}},
            "Status": {"status": {}},
            "Estimate": {"number": {"format": "number"}},
            "Priority": {"select": {"options": [{"name": "P0", "color": "red"}, {"name": "P1"}]}},
            "Tags": {"multi_select": {}},
            "Owner": {"people": {}},
            "Dates": {"date": {}},
            "Done": {"checkbox": {}},
            "Link": {"url": {}},
            "Summary": {"rich_text": {}},
        },
    )
    tasks_db, tasks = workshop.add_database(
        root,
        "Tasks",
        {
            "Name": {"title": {}},
            "Epic": {
                "relation": {
                    "data_source_id": epics,
                    "type": "dual_property",
                    "dual_property": {"synced_property_name": "Tasks"},
                }
            },
            "Due": {"date": {}},
            "Points": {"number": {}},
            "Task ID": {"unique_id": {"prefix": "TASK"}},
        },
    )
    workshop.update_schema(
        epics,
        {
            "Points": {
                "rollup": {
                    "relation_property_name": "Tasks",
                    "rollup_property_name": "Points",
                    "function": "sum",
                }
            },
            "Double": {"formula": {"expression": 'prop("Estimate") * 2'}},
        },
    )
    return Roadmap(epics, tasks, epics_db, tasks_db)
