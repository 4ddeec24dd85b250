"""Each logical field of each database, described once.

A field is one attribute of its database's names model (:class:`EpicFields`...): the
attribute is the logical field (``kpi_baseline``, the ``[fields.epics]`` key), its default
is the Notion property name of the default schema (``KPI baseline``), and its annotation says
the rest, as a :class:`Read` (what the field holds: which Notion property types can hold it
and how its value is parsed, and the model attribute it fills) or a :class:`Write` (an
output Quarterdeck writes, and its kind). Everything else is derived from these classes:
the ``[fields.*]`` configuration, the :class:`FieldSpec` list of each :class:`Database`, the
reader's bindings and parsing (``sync/rows.py``), ``doctor``'s checks, the writer's targets
and ``sync --create-properties``.

This is the only place that knows property names. A team with other names (``Nom``,
``Axe``, ``Responsable``, ``Échéance``, ``Statut``...) only changes configuration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from types import MappingProxyType
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from schemas.models import Entity, Epic, KeyResult, Kind, Stream, Task


class Holds(Enum):
    """What a field a team fills in holds: the property types that can hold it, and (by
    member) how ``sync/rows.py`` parses it."""

    TITLE = "title", ("title",)
    TEXT = "text", ("rich_text", "title", "formula", "rollup")
    PEOPLE = "people", ("people", "rich_text", "created_by")
    RELATION = "relation", ("relation",)
    DATE = "date", ("date", "formula", "rollup")
    """A date or a range."""
    DAY = "day", ("date", "formula", "rollup")
    """One day: the start of a date."""
    NUMBER = "number", ("number", "formula", "rollup")
    STATE = "state", ("status", "select", "checkbox")
    """A status as the team names it, and what it means (``schemas.models.State``)."""
    CHOICE = "choice", ("select", "status", "rich_text", "formula")

    def __init__(self, label: str, types: tuple[str, ...]) -> None:
        self.label = label  # distinct labels keep members with the same types distinct
        self.types = types


class Output(Enum):
    """What Quarterdeck writes into an output property, and the property type that holds it."""

    PERCENT = "percent", "number"
    """A share, 0..1, shown as a percentage."""
    COUNT = "count", "number"
    HEALTH = "health", "select"
    """One of the Health options (``schemas.health``)."""
    FLAGS = "flags", "multi_select"
    """Finding labels people filter on."""
    DATE = "date", "date"

    def __init__(self, label: str, property_type: str) -> None:
        self.label = label  # distinct labels keep members with the same type distinct
        self.property_type = property_type


@dataclass(frozen=True)
class Read:
    """The annotation of a field the team fills in and Quarterdeck reads."""

    holds: Holds
    attribute: str | None = None
    """The model attribute it fills (``stream_ids``). None: described for ``doctor`` only,
    never read (a relation the reader builds from its single-valued side)."""
    required: bool = False
    """Whether a team must have it: ``doctor`` fails and ``check`` stops without it."""


@dataclass(frozen=True)
class Write:
    """The annotation of an output field: Quarterdeck writes it, nobody else should."""

    output: Output


@dataclass(frozen=True)
class FieldSpec:
    """One logical field, as its names model declares it."""

    key: str
    """The logical field: ``kpi_baseline``, its ``[fields.<database>]`` key."""
    default: str
    """The property name of the default schema: ``KPI baseline``."""
    holds: Holds | None = None
    """What it holds, for a field the team fills in; None for an output."""
    attribute: str | None = None
    """The model attribute it fills, if it is read."""
    required: bool = False
    output: Output | None = None
    """What Quarterdeck writes into it, for an output; None otherwise."""

    @property
    def types(self) -> tuple[str, ...]:
        """The Notion property types that can hold the field."""
        if self.output is not None:
            return (self.output.property_type,)
        return self.holds.types if self.holds is not None else ()

    def accepts(self, property_type: str) -> bool:
        return property_type in self.types


class FieldNames(BaseModel):
    """``[fields.<database>]``: the Notion property names a team gives one database's fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def specs(cls) -> tuple[FieldSpec, ...]:
        """Every field of the database, in declaration order (the order ``doctor`` reports)."""
        return _specs(cls)

    def property_name(self, key: str) -> str:
        """The property the team named the logical field ``key`` with."""
        return str(getattr(self, key))


@cache
def _specs(names: type[FieldNames]) -> tuple[FieldSpec, ...]:
    found = []
    for key, info in names.model_fields.items():
        marker = next(m for m in info.metadata if isinstance(m, Read | Write))
        default = str(info.default)
        if isinstance(marker, Write):
            found.append(FieldSpec(key, default, output=marker.output))
        else:
            found.append(FieldSpec(key, default, marker.holds, marker.attribute, marker.required))
    return tuple(found)


Title = Annotated[str, Read(Holds.TITLE, "title", required=True)]
Percent = Annotated[str, Write(Output.PERCENT)]
Count = Annotated[str, Write(Output.COUNT)]
HealthLabel = Annotated[str, Write(Output.HEALTH)]
Flags = Annotated[str, Write(Output.FLAGS)]
Date = Annotated[str, Write(Output.DATE)]
"""The annotations every database's title and outputs share."""


class StreamFields(FieldNames):
    name: Title = "Name"
    owner: Annotated[str, Read(Holds.PEOPLE, "owner_ids")] = "Owner"
    description: Annotated[str, Read(Holds.TEXT, "description")] = "Description"
    progress: Percent = "Progress"
    health: HealthLabel = "Health"
    flags: Flags = "Flags"


class EpicFields(FieldNames):
    name: Title = "Name"
    stream: Annotated[str, Read(Holds.RELATION, "stream_ids", required=True)] = "Stream"
    owner: Annotated[str, Read(Holds.PEOPLE, "owner_ids", required=True)] = "Owner"
    contributors: Annotated[str, Read(Holds.PEOPLE, "contributor_ids")] = "Contributors"
    status: Annotated[str, Read(Holds.STATE, "status", required=True)] = "Status"
    dates: Annotated[str, Read(Holds.DATE, "dates", required=True)] = "Dates"
    quarter: Annotated[str, Read(Holds.CHOICE, "quarter")] = "Quarter"
    type: Annotated[str, Read(Holds.CHOICE, "type")] = "Type"
    priority: Annotated[str, Read(Holds.CHOICE, "priority")] = "Priority"
    estimate: Annotated[str, Read(Holds.NUMBER, "estimate")] = "Estimate"
    deliverables: Annotated[str, Read(Holds.TEXT, "deliverables")] = "Deliverables"
    kpi: Annotated[str, Read(Holds.TEXT, "kpi", required=True)] = "KPI"
    kpi_baseline: Annotated[str, Read(Holds.NUMBER, "kpi_baseline")] = "KPI baseline"
    kpi_target: Annotated[str, Read(Holds.NUMBER, "kpi_target")] = "KPI target"
    kpi_current: Annotated[str, Read(Holds.NUMBER, "kpi_current")] = "KPI current"
    tasks: Annotated[str, Read(Holds.RELATION)] = "Tasks"
    progress: Percent = "Progress"
    health: HealthLabel = "Health"
    tasks_done: Count = "Tasks done"
    tasks_open: Count = "Tasks open"
    overdue_tasks: Count = "Overdue tasks"
    kpi_attainment: Percent = "KPI attainment"
    next_due: Date = "Next due"
    flags: Flags = "Flags"


class TaskFields(FieldNames):
    name: Title = "Name"
    epic: Annotated[str, Read(Holds.RELATION, "epic_ids", required=True)] = "Epic"
    assignee: Annotated[str, Read(Holds.PEOPLE, "assignee_ids")] = "Assignee"
    status: Annotated[str, Read(Holds.STATE, "status", required=True)] = "Status"
    due: Annotated[str, Read(Holds.DATE, "due")] = "Due"
    estimate: Annotated[str, Read(Holds.NUMBER, "estimate")] = "Estimate"
    flags: Flags = "Flags"


class KeyResultFields(FieldNames):
    name: Title = "Name"
    level: Annotated[str, Read(Holds.CHOICE, "level", required=True)] = "Level"
    epic: Annotated[str, Read(Holds.RELATION, "epic_ids")] = "Epic"
    baseline: Annotated[str, Read(Holds.NUMBER, "baseline")] = "Baseline"
    target: Annotated[str, Read(Holds.NUMBER, "target", required=True)] = "Target"
    current: Annotated[str, Read(Holds.NUMBER, "current")] = "Current"
    unit: Annotated[str, Read(Holds.CHOICE, "unit")] = "Unit"
    check_in: Annotated[str, Read(Holds.DAY, "check_in")] = "Check-in date"
    attainment: Percent = "Attainment"


class FieldMap(BaseModel):
    """``[fields.streams]``, ``[fields.epics]``, ``[fields.tasks]``, ``[fields.key_results]``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    streams: StreamFields = Field(default_factory=StreamFields)
    epics: EpicFields = Field(default_factory=EpicFields)
    tasks: TaskFields = Field(default_factory=TaskFields)
    key_results: KeyResultFields = Field(default_factory=KeyResultFields)

    def of(self, database: str) -> FieldNames:
        """The names of the database whose key is ``database`` (``epics``)."""
        names: FieldNames = getattr(self, database)
        return names


@dataclass(frozen=True)
class Database:
    """One of the databases Quarterdeck reads: its key, what it holds, how its fields read."""

    key: str
    """``epics``: its key under ``[databases]``, ``[data_sources]`` and ``[fields]``."""
    kind: Kind
    model: type[Entity]
    names: type[FieldNames]

    @property
    def specs(self) -> tuple[FieldSpec, ...]:
        return self.names.specs()

    def spec(self, key: str) -> FieldSpec | None:
        return next((spec for spec in self.specs if spec.key == key), None)


DATABASES: Mapping[str, Database] = MappingProxyType(
    {
        database.key: database
        for database in (
            Database("streams", Kind.STREAM, Stream, StreamFields),
            Database("epics", Kind.EPIC, Epic, EpicFields),
            Database("tasks", Kind.TASK, Task, TaskFields),
            Database("key_results", Kind.KEY_RESULT, KeyResult, KeyResultFields),
        )
    }
)
"""Every database by key, in reading order (parents before children)."""


def database_of(kind: Kind) -> Database:
    """The database that holds entities of ``kind``."""
    return next(database for database in DATABASES.values() if database.kind is kind)
