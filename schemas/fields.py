"""The mapping from Quarterdeck's logical fields to the Notion property names a team uses.

This is the only place that knows property names. Defaults are the names of DESIGN.md; a
team with other names (``Nom``, ``Axe``, ``Responsable``, ``Échéance``, ``Statut``...) only
changes configuration. Each logical field also says which Notion property types can hold it,
which ``doctor`` checks and the parser relies on.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

TEXT = ("rich_text", "title", "formula", "rollup")
PEOPLE = ("people", "rich_text", "created_by")
DATE = ("date", "formula", "rollup")
NUMBER = ("number", "formula", "rollup")
STATE = ("status", "select", "checkbox")
CHOICE = ("select", "status", "rich_text", "formula")
RELATION = ("relation",)


@dataclass(frozen=True)
class FieldSpec:
    """One logical field: its attribute name, whether a team must have it, the types it accepts."""

    attribute: str
    types: tuple[str, ...]
    required: bool = False
    output: bool = False
    """Written by Quarterdeck (checked only by ``doctor`` and the writer)."""


class _Fields(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StreamFields(_Fields):
    name: str = "Name"
    owner: str = "Owner"
    description: str = "Description"
    progress: str = "Progress"
    health: str = "Health"
    flags: str = "Flags"


class EpicFields(_Fields):
    name: str = "Name"
    stream: str = "Stream"
    owner: str = "Owner"
    contributors: str = "Contributors"
    status: str = "Status"
    dates: str = "Dates"
    quarter: str = "Quarter"
    type: str = "Type"
    priority: str = "Priority"
    estimate: str = "Estimate"
    deliverables: str = "Deliverables"
    kpi: str = "KPI"
    kpi_baseline: str = "KPI baseline"
    kpi_target: str = "KPI target"
    kpi_current: str = "KPI current"
    tasks: str = "Tasks"
    progress: str = "Progress"
    health: str = "Health"
    tasks_done: str = "Tasks done"
    tasks_open: str = "Tasks open"
    overdue_tasks: str = "Overdue tasks"
    kpi_attainment: str = "KPI attainment"
    next_due: str = "Next due"
    flags: str = "Flags"


class TaskFields(_Fields):
    name: str = "Name"
    epic: str = "Epic"
    assignee: str = "Assignee"
    status: str = "Status"
    due: str = "Due"
    estimate: str = "Estimate"
    flags: str = "Flags"


class KeyResultFields(_Fields):
    name: str = "Name"
    level: str = "Level"
    epic: str = "Epic"
    baseline: str = "Baseline"
    target: str = "Target"
    current: str = "Current"
    unit: str = "Unit"
    check_in: str = "Check-in date"
    attainment: str = "Attainment"


class FieldMap(_Fields):
    """``[fields.streams]``, ``[fields.epics]``, ``[fields.tasks]``, ``[fields.key_results]``."""

    streams: StreamFields = Field(default_factory=StreamFields)
    epics: EpicFields = Field(default_factory=EpicFields)
    tasks: TaskFields = Field(default_factory=TaskFields)
    key_results: KeyResultFields = Field(default_factory=KeyResultFields)


STREAM_SPECS = (
    FieldSpec("name", ("title",), required=True),
    FieldSpec("owner", PEOPLE),
    FieldSpec("description", TEXT),
    FieldSpec("progress", ("number",), output=True),
    FieldSpec("health", ("select",), output=True),
    FieldSpec("flags", ("multi_select",), output=True),
)
EPIC_SPECS = (
    FieldSpec("name", ("title",), required=True),
    FieldSpec("stream", RELATION, required=True),
    FieldSpec("owner", PEOPLE, required=True),
    FieldSpec("contributors", PEOPLE),
    FieldSpec("status", STATE, required=True),
    FieldSpec("dates", DATE, required=True),
    FieldSpec("quarter", CHOICE),
    FieldSpec("type", CHOICE),
    FieldSpec("priority", CHOICE),
    FieldSpec("estimate", NUMBER),
    FieldSpec("deliverables", TEXT),
    FieldSpec("kpi", TEXT, required=True),
    FieldSpec("kpi_baseline", NUMBER),
    FieldSpec("kpi_target", NUMBER),
    FieldSpec("kpi_current", NUMBER),
    FieldSpec("tasks", RELATION),
    FieldSpec("progress", ("number",), output=True),
    FieldSpec("health", ("select",), output=True),
    FieldSpec("tasks_done", ("number",), output=True),
    FieldSpec("tasks_open", ("number",), output=True),
    FieldSpec("overdue_tasks", ("number",), output=True),
    FieldSpec("kpi_attainment", ("number",), output=True),
    FieldSpec("next_due", ("date",), output=True),
    FieldSpec("flags", ("multi_select",), output=True),
)
TASK_SPECS = (
    FieldSpec("name", ("title",), required=True),
    FieldSpec("epic", RELATION, required=True),
    FieldSpec("assignee", PEOPLE),
    FieldSpec("status", STATE, required=True),
    FieldSpec("due", DATE),
    FieldSpec("estimate", NUMBER),
    FieldSpec("flags", ("multi_select",), output=True),
)
KEY_RESULT_SPECS = (
    FieldSpec("name", ("title",), required=True),
    FieldSpec("level", CHOICE, required=True),
    FieldSpec("epic", RELATION),
    FieldSpec("baseline", NUMBER),
    FieldSpec("target", NUMBER, required=True),
    FieldSpec("current", NUMBER),
    FieldSpec("unit", CHOICE),
    FieldSpec("check_in", DATE),
    FieldSpec("attainment", ("number",), output=True),
)
SPECS: dict[str, tuple[FieldSpec, ...]] = {
    "streams": STREAM_SPECS,
    "epics": EPIC_SPECS,
    "tasks": TASK_SPECS,
    "key_results": KEY_RESULT_SPECS,
}
"""Every logical field of every database, in the order ``doctor`` reports them."""
