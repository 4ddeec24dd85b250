"""What a check reports: frozen, locale-rendered data that outputs turn into text, JSON or flags.

A :class:`Finding` already carries its message and fix in the team's language; how it is
shown (a terminal line, a GitHub annotation, a Notion callout, a Flags label) is decided
later by whoever formats it. Sorting by :meth:`Finding.sort_key` keeps every output stable
from one run to the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from schemas.models import Kind, Page


class Severity(StrEnum):
    """How bad a finding is; ``Severity.ERROR > Severity.WARNING > Severity.INFO``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: 2 for errors, 0 for information."""
        return _SEVERITY_RANKS[self]

    # str's own ordering is alphabetical, which would put "info" above "error".
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


_SEVERITY_RANKS = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


class EntityKind(StrEnum):
    """What a finding is about: a page, a database, a person, or the workspace."""

    WORKSPACE = "workspace"
    DATABASE = "database"
    STREAM = Kind.STREAM.value
    EPIC = Kind.EPIC.value
    TASK = Kind.TASK.value
    KEY_RESULT = Kind.KEY_RESULT.value
    PERSON = "person"

    @property
    def rank(self) -> int:
        """Position in the roadmap's hierarchy, for sorting: the workspace first."""
        return list(EntityKind).index(self)

    @property
    def page_kind(self) -> Kind | None:
        """The database kind of a page finding (a row of one of the databases), else None."""
        return next((kind for kind in Kind if kind.value == self.value), None)


WORKSPACE_ID = "workspace"
"""The id of the one workspace-level entity (stream counts, the North Star)."""


@dataclass(frozen=True)
class EntityRef:
    """The thing a finding points at: enough to name it and link to it."""

    kind: EntityKind
    id: str
    title: str
    url: str = ""

    @classmethod
    def of(cls, kind: Kind | EntityKind, page: Page) -> EntityRef:
        """A reference to a Notion page of the given database."""
        return cls(EntityKind(kind.value), page.id, page.title, page.url)

    @classmethod
    def workspace(cls) -> EntityRef:
        return cls(EntityKind.WORKSPACE, WORKSPACE_ID, "")


@dataclass(frozen=True)
class Finding:
    """One problem one rule found on one entity, worded in the team's language."""

    code: str
    """The rule's stable code (``QD201``)."""
    rule_name: str
    """The rule's kebab-case name (``epic-without-owner``)."""
    severity: Severity
    entity: EntityRef
    message: str
    """What is wrong, naming the entity and the values at fault."""
    fix: str
    """What to do about it."""

    def sort_key(self) -> tuple[int, str, int, str, str, str, str]:
        """Worst first, then by code, entity kind, title, id; the message breaks the last ties."""
        return (
            -self.severity.rank,
            self.code,
            self.entity.kind.rank,
            self.entity.title.casefold(),
            self.entity.title,
            self.entity.id,
            self.message,
        )


def sort_findings(findings: list[Finding] | tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The findings in their stable reporting order."""
    return tuple(sorted(findings, key=Finding.sort_key))
