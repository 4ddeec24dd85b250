"""``quarterdeck check`` output: text for a terminal, JSON for machines, Markdown, GitHub.

The JSON shape is a stable contract (``docs/check-output.md``); the others are for people.
Findings arrive sorted; every format keeps that order.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from itertools import groupby
from typing import Any

from jobs.findings import Finding, Severity

JSON_VERSION = 1

_LABELS = {
    "en": {
        "none": "No findings: the roadmap is in order.",
        "summary": "{errors} error(s), {warnings} warning(s), {infos} info in {total} finding(s).",
        "fix": "fix",
        "title": "Roadmap check",
        "rule": "Rule",
        "page": "Page",
        "finding": "Finding",
    },
    "fr": {
        "none": "Aucun constat : la feuille de route est en ordre.",
        "summary": (
            "{errors} erreur(s), {warnings} avertissement(s), {infos} info sur {total} constat(s)."
        ),
        "fix": "correction",
        "title": "Vérification de la feuille de route",
        "rule": "Règle",
        "page": "Page",
        "finding": "Constat",
    },
}
_MARKS = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.INFO: "·"}


def _label(locale: str, key: str) -> str:
    return _LABELS.get(locale, _LABELS["en"])[key]


def summary_line(findings: Sequence[Finding], locale: str) -> str:
    if not findings:
        return _label(locale, "none")
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return _label(locale, "summary").format(
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
        total=len(findings),
    )


def _by_rule(findings: Iterable[Finding]) -> list[tuple[tuple[str, str, Severity], list[Finding]]]:
    ordered = sorted(findings, key=lambda f: (f.code, f.sort_key()))
    return [
        (key, list(group))
        for key, group in groupby(ordered, key=lambda f: (f.code, f.rule_name, f.severity))
    ]


def to_text(findings: Sequence[Finding], locale: str = "en") -> str:
    """Grouped by rule, with counts: readable in a terminal and in CI logs."""
    lines: list[str] = []
    for (code, name, severity), group in _by_rule(findings):
        lines.append(f"{code} {name} ({severity.value}) — {len(group)}")
        for finding in group:
            link = f"  {finding.entity.url}" if finding.entity.url else ""
            lines.append(f"  {_MARKS[severity]} {finding.message}{link}")
            if finding.fix:
                lines.append(f"      {_label(locale, 'fix')}: {finding.fix}")
        lines.append("")
    lines.append(summary_line(findings, locale))
    return "\n".join(lines) + "\n"


def finding_json(finding: Finding) -> dict[str, Any]:
    entity = finding.entity
    return {
        "code": finding.code,
        "rule": finding.rule_name,
        "severity": finding.severity.value,
        "entity": {"kind": entity.kind, "id": entity.id, "title": entity.title, "url": entity.url},
        "message": finding.message,
        "fix": finding.fix,
    }


def to_json(findings: Sequence[Finding], locale: str = "en") -> str:
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    document = {
        "version": JSON_VERSION,
        "locale": locale,
        "summary": {**counts, "total": len(findings)},
        "findings": [finding_json(f) for f in findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(findings: Sequence[Finding], locale: str = "en") -> str:
    """A report for a pull request, a wiki page or the GitHub job summary."""
    lines = [f"## {_label(locale, 'title')}", "", summary_line(findings, locale), ""]
    for (code, name, severity), group in _by_rule(findings):
        lines += [f"### `{code}` {name} — {severity.value} ({len(group)})", ""]
        lines += [
            f"| {_label(locale, 'page')} | {_label(locale, 'finding')} | {_label(locale, 'fix')} |",
            "|---|---|---|",
        ]
        for finding in group:
            title = _markdown_cell(finding.entity.title or finding.entity.id)
            page = f"[{title}]({finding.entity.url})" if finding.entity.url else title
            lines.append(
                f"| {page} | {_markdown_cell(finding.message)} | {_markdown_cell(finding.fix)} |"
            )
        lines.append("")
    return "\n".join(lines)


_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_command(text: str) -> str:
    """Workflow command values: ``%``, CR and LF must be escaped, and ``:``/``,`` in properties."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def to_github(findings: Sequence[Finding], locale: str = "en") -> str:
    """One workflow annotation per finding; the job summary is written separately."""
    lines = []
    for finding in findings:
        title = (
            _escape_command(f"{finding.code} {finding.rule_name}")
            .replace(":", "%3A")
            .replace(",", "%2C")
        )
        link = f" {finding.entity.url}" if finding.entity.url else ""
        level = _GITHUB_LEVELS[finding.severity]
        lines.append(f"::{level} title={title}::{_escape_command(finding.message + link)}")
    lines.append(summary_line(findings, locale))
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Sequence[Finding], str], str]] = {
    "text": to_text,
    "json": to_json,
    "markdown": to_markdown,
    "github": to_github,
}
