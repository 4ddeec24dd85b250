"""Rendering: rich text within the API's limits, flags, status sections and the dashboard."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import timedelta

import pytest

from jobs.check import run_checks
from jobs.findings import EntityKind, EntityRef, Finding, Severity
from jobs.index import RoadmapIndex
from jobs.messages import FLAG_LABELS, REPORT_TEXT
from jobs.render.blocks import RichText, digest, table
from jobs.render.context import RenderContext
from jobs.render.dashboard import render_dashboard
from jobs.render.flags import flag_label, flags_by_page
from jobs.render.labels import HEALTH_STYLES
from jobs.render.pages import newest_change
from jobs.render.sections import epic_section, stream_section
from jobs.rules.registry import RULES
from jobs.wording import Locale
from schemas.health import HEALTH_LABELS, Health
from schemas.models import Snapshot
from schemas.plan import SECTION_MARKER_URL
from tests.contract.openapi import assert_request_valid
from tests.jobs.builders import (
    JULIEN,
    NOW,
    PIPELINE,
    TODAY,
    done,
    epic,
    key_result,
    settings,
    snapshot,
    span,
    stream,
    task,
)
from tests.jobs.test_render_support import hand_rollups, limit_problems, readable

APPEND = "/v1/blocks/{block_id}/children"
SCORING = epic("Lead scoring v1")


def busy_roadmap() -> Snapshot:
    """One epic of 30 tasks: 12 overdue, 10 due later, 8 done; a stream of 25 epics."""
    overdue = [task(f"Late {n:02}", of=SCORING, due=span(-12 + n)) for n in range(12)]
    later = [task(f"Next {n:02}", of=SCORING, due=span(1 + n)) for n in range(10)]
    finished = [done(task(f"Done {n:02}", of=SCORING, due=span(-20))) for n in range(8)]
    crowd = stream("Crowded")
    many = [epic(f"Epic {n:02}", stream_ids=(crowd.id,)) for n in range(25)]
    north_star = key_result("Net revenue retention", level="North Star")
    return snapshot(PIPELINE, crowd, SCORING, *many, *overdue, *later, *finished, north_star)


def context_for(roadmap: Snapshot, locale: Locale = "en") -> RenderContext:
    index = RoadmapIndex.build(roadmap, TODAY)
    return RenderContext(index, hand_rollups(index, TODAY), locale, TODAY)


def page_mentions(items: list[dict[str, object]]) -> int:
    return sum(1 for item in items if item["type"] == "mention" and "page" in str(item))


# Rich text


def test_adjacent_plain_text_of_one_style_is_one_item() -> None:
    text = RichText().text("a").line().text("b").text("c", bold=True).text("d", bold=True)
    assert [item["text"]["content"] for item in text.items] == ["a\nb", "cd"]


def test_text_over_2000_utf16_units_is_split() -> None:
    assert [len(i["text"]["content"]) for i in RichText().text("x" * 4500).items] == [2000] * 2 + [
        500
    ]
    emoji = RichText().text("🟢" * 1500).items  # 3000 UTF-16 code units
    assert [len(i["text"]["content"]) for i in emoji] == [1000, 500]


def test_a_link_is_never_merged_into_plain_text() -> None:
    text = RichText().text("a").text("b", url="https://example.com").text("c")
    assert len(text.items) == 3


def test_digest_depends_on_content_not_key_order() -> None:
    assert digest({"a": 1, "b": [2]}) == digest({"b": [2], "a": 1})
    assert digest({"a": 1}) != digest({"a": 2})
    assert len(digest({})) == 16


def test_a_table_refuses_rows_of_different_widths() -> None:
    with pytest.raises(ValueError, match="same width"):
        table([[RichText()], [RichText(), RichText()]])


# Labels and flags


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_every_health_has_a_distinct_label_and_a_style(locale: Locale) -> None:
    labels = HEALTH_LABELS[locale]
    assert set(labels) == set(Health) == set(HEALTH_STYLES)
    assert len(set(labels.values())) == len(Health)


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_has_a_short_flag_label_without_commas(code: str) -> None:
    for label in (FLAG_LABELS[code].en, FLAG_LABELS[code].fr):
        assert label.strip()
        assert "," not in label
        assert len(label) <= 40


@pytest.mark.parametrize("key", list(REPORT_TEXT))
def test_report_wording_has_the_same_placeholders_in_both_languages(key: str) -> None:
    def names(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    assert names(REPORT_TEXT[key].en) == names(REPORT_TEXT[key].fr)


def _finding(code: str, page_id: str, kind: EntityKind = EntityKind.TASK) -> Finding:
    return Finding(code, "some-rule", Severity.WARNING, EntityRef(kind, page_id, "T"), "m", "f")


def test_flags_are_one_sorted_label_per_rule_and_only_on_pages() -> None:
    findings = [
        _finding("QD404", "task-a"),
        _finding("QD202", "task-a"),
        _finding("QD404", "task-a"),
        _finding("QD101", "task-b"),
        _finding("QD203", "person-julien", EntityKind.PERSON),
        _finding("QD105", "workspace", EntityKind.WORKSPACE),
    ]
    assert dict(flags_by_page(findings, "en")) == {
        "task-a": ("No assignee", "Overdue"),
        "task-b": ("Orphan task",),
    }
    assert dict(flags_by_page(findings, "fr"))["task-a"] == ("En retard", "Non assignée")


def test_a_rule_without_a_label_is_flagged_by_its_name() -> None:
    finding = replace(_finding("QD999", "task-a"), rule_name="new-rule, draft")
    assert flag_label(finding, "en") == "new-rule; draft"  # schemas.limits.option_name


# Status sections


def test_an_epic_section_lists_at_most_five_overdue_and_three_next_tasks() -> None:
    roadmap = busy_roadmap()
    context = context_for(roadmap)
    section = epic_section(SCORING, context.rollups.epics[SCORING.id], context)
    items = section.block["callout"]["rich_text"]
    lines = readable(items, roadmap).split("\n")
    assert lines == [
        "Off track — 8 of 30 tasks done; 12 overdue",
        "Progress: 26% — 8 of 30 tasks done",
        "KPI: MQL to SQL conversion from 12% to 20% — 12 → 20, now 15 (37% of the way)",
        "Overdue (12): @Late 00 (due 2026-11-04), @Late 01 (due 2026-11-05),"
        " @Late 02 (due 2026-11-06), @Late 03 (due 2026-11-07), @Late 04 (due 2026-11-08)"
        " … and 7 more",
        "Next up: @Next 00 (due 2026-11-17), @Next 01 (due 2026-11-18), @Next 02 (due 2026-11-19)",
        f"[Updated by Quarterdeck]({SECTION_MARKER_URL})",
    ]
    assert page_mentions(items) == 8
    assert items[-1]["annotations"] == {"italic": True, "color": "gray"}
    assert section.block["callout"]["icon"] == {"type": "emoji", "emoji": "🔴"}
    assert section.block["callout"]["color"] == "red_background"
    assert limit_problems([section.block]) == []


def test_a_stream_section_lists_twenty_epics_and_counts_the_rest() -> None:
    roadmap = busy_roadmap()
    context = context_for(roadmap)
    crowd = roadmap.streams[1]
    section = stream_section(crowd, context.rollups.streams[crowd.id], context)
    lines = readable(section.block["callout"]["rich_text"], roadmap).split("\n")
    assert lines[:4] == [
        "No data — 25 epics",
        "Progress: nothing to measure in 2026-Q4",
        "Tasks overdue: 0",
        "Epics of 2026-Q4:",
    ]
    assert lines[4] == "• @Epic 00 — ⚪ No data · —"
    assert len([line for line in lines if line.startswith("• ")]) == 20
    assert lines[-2:] == ["… and 5 more", f"[Updated by Quarterdeck]({SECTION_MARKER_URL})"]


def test_a_french_section_speaks_french() -> None:
    roadmap = busy_roadmap()
    context = context_for(roadmap, "fr")
    section = epic_section(SCORING, context.rollups.epics[SCORING.id], context)
    text = readable(section.block["callout"]["rich_text"], roadmap)
    assert text.startswith("Hors piste — ")
    assert "Avancement : 26\u202f% — 8 sur 30 tâches terminées" in text
    assert "(échéance 2026-11-04)" in text
    assert "… et 7 autres" in text
    assert "Mis à jour par Quarterdeck" in text


def test_sections_are_valid_append_requests() -> None:
    roadmap = busy_roadmap()
    context = context_for(roadmap)
    blocks = [
        epic_section(SCORING, context.rollups.epics[SCORING.id], context).block,
        stream_section(PIPELINE, context.rollups.streams[PIPELINE.id], context).block,
    ]
    assert_request_valid("PATCH", APPEND, {"children": blocks})


# Dashboard


def test_the_dashboard_is_a_summary_and_three_tables() -> None:
    roadmap = busy_roadmap()
    context = context_for(roadmap)
    findings = run_checks(roadmap, settings(), TODAY)
    board = render_dashboard("page-reports", "Roadmap", findings, NOW, context)
    assert [block["type"] for block in board.blocks] == [
        "callout", "heading_2", "table", "heading_2", "table", "heading_2", "table",
    ]  # fmt: skip
    summary = readable(board.blocks[0]["callout"]["rich_text"], roadmap).split("\n")
    assert summary == [
        "2026-Q4: 26% of the planned work done",
        "26 epics: Off track 1 · No data 25",
        "North Star: @Net revenue retention — 35% of the way",
        "Reflects changes up to 2026-11-16T09:00:00.000Z",
    ]
    streams = board.blocks[2]["table"]
    assert streams["table_width"] == 5
    header = [readable(cell, roadmap) for cell in streams["children"][0]["table_row"]["cells"]]
    assert header == ["Stream", "Health", "Progress", "Epics", "Overdue tasks"]
    first = [readable(cell, roadmap) for cell in streams["children"][1]["table_row"]["cells"]]
    assert first == ["@Pipeline & forecasting", "🔴 Off track", "26%", "1", "12"]
    assert limit_problems(board.blocks) == []
    assert_request_valid("PATCH", APPEND, {"children": list(board.blocks)})


def test_people_and_the_workspace_appear_in_findings_as_mentions_and_words() -> None:
    roadmap = busy_roadmap()
    findings = [
        _finding("QD203", JULIEN.id, EntityKind.PERSON),
        _finding("QD105", "workspace", EntityKind.WORKSPACE),
    ]
    board = render_dashboard("page-reports", "Roadmap", findings, None, context_for(roadmap))
    rows = board.blocks[6]["table"]["children"][1:]
    cells = [[readable(cell, roadmap) for cell in row["table_row"]["cells"]] for row in rows]
    assert cells == [
        ["QD105 Too few streams", "1", "The roadmap"],
        ["QD203 Owner overloaded", "1", "@Julien Moreau"],
    ]
    assert rows[1]["table_row"]["cells"][2][0]["mention"] == {
        "type": "user",
        "user": {"id": JULIEN.id},
    }


def test_newest_change_ignores_pages_no_person_edited() -> None:
    quiet = busy_roadmap()
    assert newest_change(quiet) is None
    edited = replace(quiet.tasks[3], last_human_edit=NOW - timedelta(hours=2))
    older = replace(quiet.tasks[4], last_human_edit=NOW - timedelta(days=2))
    roadmap = replace(quiet, tasks=(*quiet.tasks[:3], edited, older, *quiet.tasks[5:]))
    assert newest_change(roadmap) == NOW - timedelta(hours=2)


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        ({}, "KPI: Win rate — 12 → 20, now 15 (37% of the way)"),
        ({"kpi_current": None}, "KPI: Win rate — 12 → 20, not measured yet"),
        ({"kpi_baseline": None}, "KPI: Win rate — target 20, now 15"),
        ({"kpi_target": None}, "KPI: Win rate — from 12, no target, now 15"),
        ({"kpi_target": None, "kpi_baseline": None}, "KPI: Win rate — no target, now 15"),
        ({"kpi": "  "}, "KPI: none set"),
        ({"kpi": "x" * 400}, "KPI: " + "x" * 299 + "… — 12 → 20, now 15 (37% of the way)"),
    ],
    ids=["full", "unmeasured", "no-baseline", "no-target", "target-only-missing", "none", "long"],
)
def test_the_kpi_line_says_what_is_known(changes: dict[str, object], line: str) -> None:
    win_rate = epic("Win rate push", **({"kpi": "Win rate"} | changes))
    roadmap = snapshot(PIPELINE, win_rate)
    context = context_for(roadmap)
    section = epic_section(win_rate, context.rollups.epics[win_rate.id], context)
    assert readable(section.block["callout"]["rich_text"], roadmap).split("\n")[2] == line


def test_counts_of_one_are_singular() -> None:
    lonely = stream("Lonely")
    only = epic("Only epic", stream_ids=(lonely.id,))
    roadmap = snapshot(lonely, only, done(task("Single", of=only)))
    context = context_for(roadmap, "fr")
    epic_lines = readable(
        epic_section(only, context.rollups.epics[only.id], context).block["callout"]["rich_text"],
        roadmap,
    ).split("\n")
    assert epic_lines[1] == "Avancement : 100\u202f% — 1 sur 1 tâche terminée"
    stream_lines = readable(
        stream_section(lonely, context.rollups.streams[lonely.id], context).block["callout"][
            "rich_text"
        ],
        roadmap,
    ).split("\n")
    assert stream_lines[1] == "Avancement : 100\u202f% sur 1 epic en 2026-Q4"
    assert context.and_more(1) == "… et 1 autre"
    assert context_for(roadmap).and_more(1) == "… and 1 more"


def test_a_stream_without_epics_says_so_and_nothing_more() -> None:
    empty = stream("Customer success ops")
    roadmap = snapshot(empty)
    context = context_for(roadmap)
    section = stream_section(empty, context.rollups.streams[empty.id], context)
    assert readable(section.block["callout"]["rich_text"], roadmap).split("\n") == [
        "No data — 0 epics",
        "No epic in 2026-Q4.",
        f"[Updated by Quarterdeck]({SECTION_MARKER_URL})",
    ]
    assert section.block["callout"]["icon"]["emoji"] == "⚪"
