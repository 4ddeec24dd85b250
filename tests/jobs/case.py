"""One named pass/fail case of one rule, as the family tables in ``cases/`` list them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from jobs.findings import Finding
from schemas.models import Snapshot
from tests.jobs.builders import TODAY


@dataclass(frozen=True)
class Case:
    """``snapshot`` checked with only rule ``code`` flags exactly ``flagged``, in order."""

    code: str
    name: str
    snapshot: Snapshot
    flagged: tuple[str, ...] = ()
    """The flagged entities' titles (``workspace`` for the workspace), in finding order."""
    says: str = ""
    """A phrase the first finding's English message holds."""
    today: date = TODAY
    start_month: int = 1
    time_zone: str = "UTC"
    options: Mapping[str, int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        verdict = "fails" if self.flagged else "passes"
        return f"{self.code}-{verdict}-{self.name}"


def passes(
    code: str,
    name: str,
    snapshot: Snapshot,
    *,
    today: date = TODAY,
    start_month: int = 1,
    time_zone: str = "UTC",
    **options: int,
) -> Case:
    return Case(code, name, snapshot, (), "", today, start_month, time_zone, options)


def fails(
    code: str,
    name: str,
    snapshot: Snapshot,
    *flagged: str,
    says: str = "",
    today: date = TODAY,
    start_month: int = 1,
    time_zone: str = "UTC",
    **options: int,
) -> Case:
    return Case(code, name, snapshot, flagged, says, today, start_month, time_zone, options)


def label(finding: Finding) -> str:
    """What a case names a finding by: its entity's title, or the kind for the workspace."""
    return finding.entity.title or finding.entity.kind.value
