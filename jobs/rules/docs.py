"""``docs/rules.md``, generated from the rules' docstrings: ``python -m jobs.rules.docs``.

A rule's docstring is its documentation: a one-line summary, then these sections in this
order, each a line ``Section name:`` followed by indented text.
"""

from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass

from jobs.rules.base import FAMILIES, Rule
from jobs.rules.registry import RULES

SECTIONS = ("What it checks", "Why it matters", "Example", "How to fix", "Options")
REGENERATE = "python -m jobs.rules.docs > docs/rules.md"


class IncompleteRuleDoc(ValueError):
    """Raised when a rule's docstring lacks a section, or has them out of order."""


@dataclass(frozen=True)
class RuleDoc:
    """A rule's docstring, split: its summary and the text of each section."""

    summary: str
    sections: dict[str, str]


def parse_rule_doc(rule: Rule) -> RuleDoc:
    """Split the docstring of ``rule`` into its summary and sections.

    Raises:
        IncompleteRuleDoc: when a section is missing, empty, unknown or out of order.
    """
    lines = inspect.cleandoc(type(rule).__doc__ or "").splitlines()
    if not lines or not lines[0].strip():
        raise IncompleteRuleDoc(f"{rule.code} {rule.name}: the docstring has no summary line")
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines[1:]:
        if line and not line[0].isspace() and line.endswith(":"):
            current = sections.setdefault(line[:-1], [])
        elif current is not None:
            current.append(line)
    found = tuple(sections)
    if found != SECTIONS:
        raise IncompleteRuleDoc(
            f"{rule.code} {rule.name}: expected the sections {', '.join(SECTIONS)} in this"
            f" order, found {', '.join(found) or 'none'}"
        )
    texts = {name: inspect.cleandoc("\n".join(body)) for name, body in sections.items()}
    for name, text in texts.items():
        if not text:
            raise IncompleteRuleDoc(f"{rule.code} {rule.name}: the section {name!r} is empty")
    return RuleDoc(lines[0].strip(), texts)


def _paragraphs(text: str) -> str:
    """Docstring lines wrapped at 100 columns, joined back into one line per paragraph."""
    blocks = text.split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in block.splitlines()) for block in blocks)


def _rule_section(rule: Rule) -> list[str]:
    doc = parse_rule_doc(rule)
    out = [
        f"### {rule.code} `{rule.name}`",
        "",
        f"{doc.summary}",
        "",
        f"- Severity: **{rule.severity.value}**",
        f"- Scope: {rule.scope.description}",
        "",
    ]
    for name in SECTIONS:
        out += [f"#### {name}", "", _paragraphs(doc.sections[name]), ""]
    return out


def render_rules_markdown() -> str:
    """The whole of ``docs/rules.md``: a summary table, then every rule by family."""
    out = [
        "# Quarterdeck rules",
        "",
        f"<!-- Generated from the rule docstrings in jobs/rules/ by `{REGENERATE}`;"
        " do not edit by hand. -->",
        "",
        "Select or ignore rules in `quarterdeck.toml` under `[rules]` (`select`, `ignore`) by"
        " code (`QD201`), name (`epic-without-owner`) or family (`QD2`, `ownership`). A page"
        " opts out of rules by listing them in its opt-out property (`Quarterdeck ignore` by"
        " default). Thresholds live under `[rules.options]`.",
        "",
        "Quarter-scoped rules look only at the epics of the current quarter and at epics with"
        " neither a Quarter value nor dates. Dropped epics and closed tasks are exempt where"
        " each rule says so.",
        "",
        "| Code | Name | Severity | Scope | Summary |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| {r.code} | `{r.name}` | {r.severity.value} | {r.scope.value} | "
        f"{parse_rule_doc(r).summary} |"
        for r in RULES.values()
    ]
    for family in FAMILIES:
        out += ["", f"## {family.prefix}xx {family.title} (`{family.name}`)", ""]
        for rule in RULES.values():
            if rule.family == family:
                out += _rule_section(rule)
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_rules_markdown())
