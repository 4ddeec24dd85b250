"""``quarterdeck sync``: the cron job. Read, check, compute, plan, and write only what changed.

``--dry-run`` prints the plan (per page: property old -> new, section changed or not) and
writes nothing; ``--create-properties`` first adds the output properties a database lacks.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from jobs.check import UnknownRule, selected_rules
from quarterdeck.check_command import schema_message
from quarterdeck.config import ConfigError
from quarterdeck.context import EXIT_CONFIG, EXIT_OK, Context
from quarterdeck.pipeline import sync_once
from quarterdeck.sync_report import describe_report, job_summary
from schemas.settings import Settings
from sync.errors import SyncError
from sync.gateway import Gateway
from sync.progress import progress_for
from sync.reader import Reading, read
from sync.run_state import RunState
from sync.writer import WriteReport, create_missing_outputs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="print the planned writes, write nothing"
    )
    parser.add_argument(
        "--create-properties",
        action="store_true",
        help="first add the output properties (Progress, Health, Flags...) a database lacks",
    )


def run(arguments: argparse.Namespace, context: Context) -> int:
    started = time.monotonic()
    try:
        settings = context.settings(arguments.config)
        selected_rules(settings.rules)
        gateway = Gateway.from_settings(settings, http=context.http)
        state_path = Path(settings.sync.state_file)
        state = RunState.load(state_path)
        reading = _read(gateway, settings, state, context)
        blocking = [p for p in reading.snapshot.schema_problems if p.required]
        if blocking:
            return context.fail(schema_message("sync", blocking))
        if arguments.create_properties and not arguments.dry_run:
            created = create_missing_outputs(gateway, reading, settings.locale)
            for name in created:
                print(f"created property {name}", file=context.out)
            if created:
                reading = _read(gateway, settings, state, context)
        today = context.today(settings)
        result = sync_once(gateway, settings, state, today, reading, dry_run=arguments.dry_run)
    except (ConfigError, SyncError, UnknownRule) as problem:
        return context.fail(f"quarterdeck sync: {problem}")
    if not arguments.dry_run:
        state.save(state_path)
    _show(
        context,
        result.report,
        gateway,
        dry_run=arguments.dry_run,
        seconds=time.monotonic() - started,
    )
    # Pages Notion refused are listed above; the rest was written. A red run says "look".
    return EXIT_CONFIG if result.report.failures else EXIT_OK


def _read(gateway: Gateway, settings: Settings, state: RunState, context: Context) -> Reading:
    return read(gateway, settings, progress=progress_for(context.err), state=state)


def _show(
    context: Context, report: WriteReport, gateway: Gateway, *, dry_run: bool, seconds: float
) -> None:
    context.out.write(describe_report(report, dry_run=dry_run))
    line = f"{gateway.calls} API calls in {seconds:.1f} s."
    print(line, file=context.out)
    target = context.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with Path(target).open("a", encoding="utf-8") as summary:
            summary.write(
                job_summary(report, dry_run=dry_run, calls=gateway.calls, seconds=seconds)
            )
