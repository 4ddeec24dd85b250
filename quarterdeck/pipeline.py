"""The one place reader results, jobs and writer are joined: a sync, as the cron job runs it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jobs.check import run_checks
from jobs.findings import Finding
from jobs.plan import build_plan
from schemas.settings import Settings
from sync.gateway import Gateway
from sync.reader import Reading
from sync.run_state import RunState
from sync.writer import WriteReport, apply_plan


@dataclass(frozen=True)
class SyncResult:
    reading: Reading
    findings: tuple[Finding, ...]
    report: WriteReport


def sync_once(
    gateway: Gateway,
    settings: Settings,
    state: RunState,
    today: date,
    reading: Reading,
    *,
    dry_run: bool = False,
) -> SyncResult:
    """Check, plan and write what ``reading`` shows; ``state`` is updated, not saved."""
    findings = run_checks(reading.snapshot, settings, today)
    plan = build_plan(reading.snapshot, settings, today, findings=findings)
    report = apply_plan(gateway, plan, reading, settings, state, dry_run=dry_run)
    return SyncResult(reading, findings, report)
