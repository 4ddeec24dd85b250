"""``docs/rules.md`` is generated from the rule docstrings, and every docstring is complete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jobs.rules.base import CheckContext, Rule, Violation
from jobs.rules.docs import (
    REGENERATE,
    SECTIONS,
    IncompleteRuleDoc,
    parse_rule_doc,
    render_rules_markdown,
)
from jobs.rules.registry import RULES

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date() -> None:
    current = RULES_MD.read_text(encoding="utf-8") if RULES_MD.exists() else ""
    assert current == render_rules_markdown(), (
        f"docs/rules.md is stale: regenerate it with `{REGENERATE}`"
    )


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_every_rule_documents_every_section(rule: Rule) -> None:
    doc = parse_rule_doc(rule)
    assert tuple(doc.sections) == SECTIONS
    assert doc.summary.endswith(".")


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_options_section_names_the_options_the_rule_reads(rule: Rule) -> None:
    options = parse_rule_doc(rule).sections["Options"]
    if rule.options:
        for option in rule.options:
            assert f"``{option}``" in options, f"{rule.code} reads {option} but does not say so"
    else:
        assert options == "None.", f"{rule.code} reads no option: its Options section is 'None.'"


def test_a_rule_missing_a_section_is_refused() -> None:
    class Sloppy(Rule):
        """Something.

        What it checks:
            Things.

        How to fix:
            Fix them.
        """

        code = "QD999"
        name = "sloppy"

        def check(self, context: CheckContext) -> Iterator[Violation]:
            return iter(())

    with pytest.raises(IncompleteRuleDoc, match="QD999 sloppy: expected the sections"):
        parse_rule_doc(Sloppy())


def test_an_empty_section_is_refused() -> None:
    class Hollow(Rule):
        """Something.

        What it checks:
            Things.

        Why it matters:

        Example:
            One.

        How to fix:
            Fix.

        Options:
            None.
        """

        code = "QD998"
        name = "hollow"

        def check(self, context: CheckContext) -> Iterator[Violation]:
            return iter(())

    with pytest.raises(IncompleteRuleDoc, match="'Why it matters' is empty"):
        parse_rule_doc(Hollow())
