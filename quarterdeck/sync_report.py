"""What ``quarterdeck sync`` says it did (or, with ``--dry-run``, would do)."""

from __future__ import annotations

from sync.properties import Normal
from sync.sections import SectionOutcome
from sync.writer import PageReport, WriteReport


def _value(value: Normal) -> str:
    if value is None or value == ():
        return "∅"
    if isinstance(value, tuple | list | frozenset | set):
        return "[" + ", ".join(sorted(str(v) for v in value)) + "]"
    return str(value)


def _page_lines(page: PageReport) -> list[str]:
    lines = [f"{page.kind.value} “{page.title or page.page_id}”"]
    lines += [f"    {c.property_name}: {_value(c.old)} → {_value(c.new)}" for c in page.changes]
    if page.section not in (None, SectionOutcome.UNCHANGED):
        lines.append(f"    status section: {page.section}")
    if page.duplicates_removed:
        lines.append(f"    duplicate sections removed: {page.duplicates_removed}")
    if page.error:
        lines.append(f"    ✗ {page.error}")
    return lines


def summary_line(report: WriteReport, *, dry_run: bool) -> str:
    sections = report.sections
    section_text = ", ".join(f"{count} {outcome}" for outcome, count in sections.items() if count)
    verb = "would write" if dry_run else "wrote"
    dashboard = f"; dashboard {report.dashboard}" if report.dashboard else ""
    return (
        f"{verb} {report.pages_written} page(s), {report.properties_changed} property value(s); "
        f"sections: {section_text or 'none'}{dashboard}; {report.write_calls} write call(s)."
    )


def describe_report(report: WriteReport, *, dry_run: bool) -> str:
    """Per changed page (all of them in a dry run), then one summary line and any failure."""
    lines: list[str] = []
    if dry_run:
        lines.append("Dry run: nothing is written. Planned changes:")
        for page in report.changed:
            lines += _page_lines(page)
        if not report.changed:
            lines.append("  nothing: Notion already holds every output.")
    for skipped in report.skipped:
        lines.append(f"skipped {skipped.database} {skipped.property_name}: {skipped.reason}")
    lines.append(summary_line(report, dry_run=dry_run))
    lines += [f"✗ {failure}" for failure in report.failures]
    return "\n".join(lines) + "\n"


def job_summary(report: WriteReport, *, dry_run: bool, calls: int, seconds: float) -> str:
    """Markdown for the GitHub Actions run page: the run's own time belongs here."""
    rows = [
        "## Quarterdeck sync" + (" (dry run)" if dry_run else ""),
        "",
        summary_line(report, dry_run=dry_run),
        "",
        f"{calls} API calls in {seconds:.1f} s.",
        "",
    ]
    changed = [page for page in report.changed if page.changes or page.section]
    if changed:
        rows += ["| Page | Changes |", "|---|---|"]
        for page in changed[:50]:
            what = ", ".join(c.property_name for c in page.changes) or str(page.section)
            rows.append(f"| {page.title.replace('|', '/')} | {what} |")
        rows.append("")
    return "\n".join(rows) + "\n"
