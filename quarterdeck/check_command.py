"""``quarterdeck check``: read the roadmap, run the check catalog, report, exit 0/1/2."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobs.check import UnknownRule, run_checks, selected_rules
from jobs.findings import Finding, Severity
from quarterdeck.config import ConfigError
from quarterdeck.context import EXIT_FINDINGS, EXIT_OK, Context
from quarterdeck.formats import RENDERERS, to_markdown
from schemas.models import SchemaProblem
from sync.errors import SyncError
from sync.gateway import Gateway
from sync.progress import Silent, progress_for
from sync.reader import read
from sync.run_state import RunState

FAIL_ON = ("error", "warning", "never")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=tuple(RENDERERS), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )


def run(arguments: argparse.Namespace, context: Context) -> int:
    try:
        settings = context.settings(arguments.config)
        selected_rules(settings.rules)  # an unknown rule fails before any API call
        gateway = Gateway.from_settings(settings, http=context.http)
        quiet = arguments.format in ("json", "github")
        # The state is read, never saved: it remembers people's last edits, which Quarterdeck's
        # own writes hide, so that "stale" means stale (and it spares the resolution calls).
        state = RunState.load(Path(settings.sync.state_file))
        progress = Silent() if quiet else progress_for(context.err)
        reading = read(gateway, settings, progress=progress, state=state)
        blocking = [p for p in reading.snapshot.schema_problems if p.required]
        if blocking:
            return context.fail(schema_message("check", blocking))
        findings = run_checks(reading.snapshot, settings, context.today(settings))
    except (ConfigError, SyncError, UnknownRule) as problem:
        return context.fail(f"quarterdeck check: {problem}")
    for note in reading.snapshot.schema_problems:
        print(f"note: {note.message}", file=context.err)
    context.out.write(RENDERERS[arguments.format](findings, settings.locale))
    if arguments.format == "github":
        _write_job_summary(context, findings, settings.locale)
    return EXIT_FINDINGS if failing(findings, arguments.fail_on) else EXIT_OK


def failing(findings: tuple[Finding, ...], fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on)
    return any(f.severity >= threshold for f in findings)


def schema_message(command: str, problems: list[SchemaProblem]) -> str:
    """Required properties that cannot be read: the command cannot run meaningfully."""
    count = (
        "1 mapped property is" if len(problems) == 1 else f"{len(problems)} mapped properties are"
    )
    lines = [f"quarterdeck {command}: {count} unusable:"]
    lines += [f"  - {p.message}" for p in problems]
    lines.append("Run `quarterdeck doctor` for the full checklist.")
    return "\n".join(lines)


def _write_job_summary(context: Context, findings: tuple[Finding, ...], locale: str) -> None:
    """GitHub Actions shows this file's Markdown on the run's summary page."""
    target = context.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with Path(target).open("a", encoding="utf-8") as summary:
            summary.write(to_markdown(findings, locale) + "\n")
