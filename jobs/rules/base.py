"""What every rule is: a code, a name, a family, a severity, a scope, and a check.

A rule's ``check`` yields :class:`Violation` objects — the entity at fault and the values
that make the message concrete — never text: :mod:`jobs.check` words them in the team's
language through :mod:`jobs.messages`. The rule's class docstring is its documentation
(see :mod:`jobs.rules.docs` for the sections it must have).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import ClassVar

from jobs.findings import EntityRef, Severity
from jobs.index import RoadmapIndex
from jobs.wording import Value
from schemas.fields import FieldMap
from schemas.settings import RuleOptions


@dataclass(frozen=True)
class Family:
    """A group of rules sharing a code prefix (``QD2``) and a name (``ownership``)."""

    prefix: str
    name: str
    title: str


STRUCTURE = Family("QD1", "structure", "Structure")
OWNERSHIP = Family("QD2", "ownership", "Ownership")
GOALS = Family("QD3", "goals", "KPIs and goals")
SCHEDULE = Family("QD4", "schedule", "Schedule")
HYGIENE = Family("QD5", "hygiene", "Consistency and hygiene")
FAMILIES: tuple[Family, ...] = (STRUCTURE, OWNERSHIP, GOALS, SCHEDULE, HYGIENE)


class Scope(StrEnum):
    """Which part of the roadmap a rule looks at."""

    QUARTER = "quarter"
    """Epics of the current quarter and undated epics (and what hangs off them)."""
    ALL = "all"
    """Every page of its kind, whatever its quarter (tasks have no quarter of their own)."""
    WORKSPACE = "workspace"
    """The roadmap as a whole: one finding at most."""

    @property
    def description(self) -> str:
        return _SCOPE_DESCRIPTIONS[self]


_SCOPE_DESCRIPTIONS = {
    Scope.QUARTER: "current quarter (epics of the current quarter, and undated epics)",
    Scope.ALL: "every page, whatever its quarter",
    Scope.WORKSPACE: "the workspace as a whole",
}


@dataclass(frozen=True)
class CheckContext:
    """What a rule may look at: the indexed snapshot, the day, and the configuration."""

    index: RoadmapIndex
    today: date
    """The team's local date."""
    time_zone: tzinfo
    """The team's time zone, to turn Notion timestamps into local days."""
    options: RuleOptions = field(default_factory=RuleOptions)
    fields: FieldMap = field(default_factory=FieldMap)
    """The team's property names, so fixes name the property to fill in."""

    def local_day(self, moment: datetime) -> date:
        """The team's calendar day of a Notion timestamp (naive ones are taken as UTC)."""
        if moment.tzinfo is None:
            return moment.date()
        return moment.astimezone(self.time_zone).date()


Values = Mapping[str, Value]
"""The values a message quotes, by placeholder name."""


@dataclass(frozen=True)
class Violation:
    """One entity breaking one rule, with the values its message quotes."""

    entity: EntityRef
    values: Values = field(default_factory=dict)
    variant: str = ""
    """Which wording of the rule's message fits (``trashed``), empty for the only one."""
    severity: Severity | None = None
    """This finding's severity when it differs from the rule's default."""


class Rule(ABC):
    """One check. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    """Stable and never reused: ``QD201``."""
    name: ClassVar[str]
    """kebab-case: ``epic-without-owner``."""
    family: ClassVar[Family]
    severity: ClassVar[Severity]
    scope: ClassVar[Scope]
    options: ClassVar[tuple[str, ...]] = ()
    """The ``[rules.options]`` keys the rule reads."""
    variants: ClassVar[tuple[str, ...]] = ("",)
    """The message wordings it may ask for (see :class:`Violation`)."""

    @abstractmethod
    def check(self, context: CheckContext) -> Iterator[Violation]:
        """Every violation of the rule in the snapshot, in any order."""

    @property
    def summary(self) -> str:
        """The first line of the docstring."""
        return (type(self).__doc__ or "").strip().splitlines()[0]

    def __repr__(self) -> str:
        return f"<{self.code} {self.name}>"
