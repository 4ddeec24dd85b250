"""Relations past 25 references, related pages out of reach, and values in unusual forms,
all read through the emulator."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from schemas.fields import Holds
from schemas.models import DateSpan, Kind
from sync.progress import Silent
from sync.reader import Reading, read
from sync.rows import PARSERS
from tests.sync.workspaces import Board, calls, gateway_for, people_value, unlimited


def read_board(board: Board, **settings: Any) -> tuple[Reading, dict[str, int]]:
    emulator = unlimited(board.workshop.workspace)
    chosen = board.settings(**settings)
    reading = read(gateway_for(emulator, chosen), chosen, progress=Silent())
    return reading, calls(emulator)


def rich(text: str) -> dict[str, Any]:
    return {"rich_text": [{"text": {"content": text}}]}


def test_an_epic_in_30_streams_pages_its_stream_relation_once() -> None:
    board = Board.new()
    streams = [board.stream(f"Stream {n:02d}") for n in range(30)]
    board.epic("Everywhere", streams)
    board.epic("Somewhere", streams[:2])

    reading, made = read_board(board)

    by_title = {e.title: e for e in reading.snapshot.epics}
    assert list(by_title["Everywhere"].stream_ids) == streams
    assert list(by_title["Somewhere"].stream_ids) == streams[:2]
    assert made["property_items"] == 1


@pytest.mark.parametrize(("contributors", "paged"), [(24, 0), (25, 1), (26, 1), (130, 2)])
def test_people_lists_of_25_or_more_are_paged_in_whole(contributors: int, paged: int) -> None:
    board = Board.new(people=contributors)
    epic_id = board.epic("Crowded", [], **{"Contributors": people_value(board.people[:100])})
    board.hold(epic_id, "Contributors", board.people)

    reading, made = read_board(board)

    (epic,) = reading.snapshot.epics
    assert list(epic.contributor_ids) == board.people
    assert made["property_items"] == paged


def test_a_task_pointing_at_a_deleted_epic_records_it_as_inaccessible() -> None:
    board = Board.new()
    gone = board.epic("Deleted for good", [])
    board.task("Left behind", gone)
    del board.workshop.workspace.pages[gone]  # as if purged from the trash

    reading, made = read_board(board)

    assert reading.snapshot.missing[gone].reason == "inaccessible"
    assert made["pages"] == 1


def test_a_task_pointing_outside_the_configured_epics_database_records_it_elsewhere() -> None:
    board = Board.new()
    real = board.epic("In the real epics", [])
    board.task("Task", real)
    board.workshop.add_database(board.roadmap.root, "Old epics", {"Name": {"title": {}}})
    titles = {"streams": "Streams", "epics": "Old epics", "tasks": "Tasks"}

    reading, _ = read_board(board, titles=titles)

    missing = reading.snapshot.missing[real]
    assert (missing.reason, missing.title) == ("elsewhere", "In the real epics")
    assert not reading.snapshot.has_key_results


def test_opt_out_property_lists_ignored_rules() -> None:
    board = Board.new()
    board.workshop.update_schema(board.roadmap.epics, {"Quarterdeck ignore": {"multi_select": {}}})
    board.workshop.update_schema(board.roadmap.tasks, {"Skip": {"rich_text": {}}})
    tags = {"multi_select": [{"name": "QD201"}, {"name": "QD305"}]}
    epic = board.epic("Quiet", [], **{"Quarterdeck ignore": tags})
    board.task("Also quiet", epic, Skip=rich("qd101, QD4"))

    plain, _ = read_board(board)
    renamed, _ = read_board(board, rules={"opt_out_property": "Skip"})

    assert plain.snapshot.epics[0].ignored_rules == {"QD201", "QD305"}
    assert plain.snapshot.tasks[0].ignored_rules == frozenset()
    assert renamed.snapshot.tasks[0].ignored_rules == {"QD101", "QD4"}


def test_formulas_and_rollups_feed_numbers_and_dates() -> None:
    board = Board.new()
    board.workshop.update_schema(
        board.roadmap.epics,
        {
            "Double": {"formula": {"expression": 'prop("Estimate") * 2'}},
            "Task points": {"rollup": {"relation_property_name": "Tasks",
                                       "rollup_property_name": "Estimate", "function": "sum"}},
        },
    )  # fmt: skip
    board.workshop.update_schema(
        board.roadmap.tasks,
        {"Epic dates": {"rollup": {"relation_property_name": "Epic",
                                   "rollup_property_name": "Dates", "function": "show_original"}}},
    )  # fmt: skip
    window = {"date": {"start": "2026-10-05", "end": "2026-11-20"}}
    epic = board.epic("Computed", [], Estimate={"number": 4}, Dates=window)
    board.task("One", epic, Estimate={"number": 2})
    board.task("Two", epic, Estimate={"number": 3})
    fields = {
        "epics": {"estimate": "Double", "kpi_current": "Task points"},
        "tasks": {"due": "Epic dates"},
    }

    reading, _ = read_board(board, fields=fields)

    (computed,) = reading.snapshot.epics
    assert (computed.estimate, computed.kpi_current) == (8.0, 5.0)
    assert {t.due for t in reading.snapshot.tasks} == {
        DateSpan(date(2026, 10, 5), date(2026, 11, 20))
    }
    assert reading.snapshot.problems == ()


def test_a_value_of_the_wrong_shape_is_a_problem_on_its_page_not_a_crash() -> None:
    board = Board.new()
    board.workshop.update_schema(
        board.roadmap.epics, {"Label": {"formula": {"expression": 'format(prop("Estimate"))'}}}
    )
    board.epic("Labelled", [], Estimate={"number": 5})

    reading, _ = read_board(board, fields={"epics": {"kpi_target": "Label"}})

    (epic,) = reading.snapshot.epics
    assert epic.kpi_target is None
    assert epic.estimate == 5.0
    (problem,) = reading.snapshot.problems
    assert (problem.kind, problem.page_id, problem.page_title) == (Kind.EPIC, epic.id, "Labelled")
    assert (problem.field, problem.property_name) == ("kpi_target", "Label")
    assert problem.message == (
        "'Label': expected a number, found a string formula (5). Change the value in Notion, "
        "or point [fields.epics] kpi_target at a property that holds it."
    )


def test_unmapped_or_mistyped_properties_read_empty_and_are_reported_once() -> None:
    board = Board.new()
    for n in range(3):
        board.epic(f"Epic {n}", [], Dates={"date": {"start": "2026-11-02"}})

    reading, _ = read_board(board, fields={"epics": {"dates": "When", "kpi": "Estimate"}})

    assert all(e.dates is None and e.kpi == "" for e in reading.snapshot.epics)
    assert reading.snapshot.problems == ()
    found = {(p.kind, p.field, p.required): p.message for p in reading.snapshot.schema_problems}
    assert found == {
        (Kind.EPIC, "dates", True): "Epics has no property 'When' (dates): add a date or "
        "formula or rollup property with that name, or set [fields.epics] dates to the one "
        "you use.",
        (Kind.EPIC, "kpi", True): "'Estimate' in Epics is a number property, but kpi needs "
        "rich_text or title or formula or rollup: change its type or set [fields.epics] kpi.",
    }


def test_owners_written_as_text_become_people() -> None:
    board = Board.new()
    board.workshop.update_schema(board.roadmap.epics, {"Lead": {"rich_text": {}}})
    board.epic("Text owners", [], Lead=rich("person 01 & Someone Else"))

    reading, _ = read_board(board, fields={"epics": {"owner": "Lead"}})

    snapshot = reading.snapshot
    (epic,) = snapshot.epics
    assert epic.owner_ids == (board.people[1], "name:someone else")
    assert [snapshot.person_name(p) for p in epic.owner_ids] == ["Person 01", "Someone Else"]


def test_date_times_become_days_in_the_teams_time_zone() -> None:
    board = Board.new()
    epic = board.epic("Late", [])
    board.task("Due at midnight", epic, Due={"date": {"start": "2026-11-30T23:30:00+00:00"}})

    paris, _ = read_board(board, quarter={"time_zone": "Europe/Paris"})
    utc, _ = read_board(board)

    assert paris.snapshot.tasks[0].due == DateSpan(date(2026, 12, 1), has_time=True)
    assert utc.snapshot.tasks[0].due == DateSpan(date(2026, 11, 30), has_time=True)


def test_the_reader_keeps_the_quarter_property_as_written_and_derives_nothing() -> None:
    board = Board.new()
    crossing = {"Dates": {"date": {"start": "2026-09-20", "end": "2026-10-20"}}}
    board.epic("Unlabelled", [], **crossing)
    board.epic("Labelled", [], **crossing, Quarter={"select": {"name": "T4 2026"}})

    reading, _ = read_board(board)

    quarters = {epic.title: epic.quarter for epic in reading.snapshot.epics}
    assert quarters == {"Unlabelled": None, "Labelled": "T4 2026"}


def test_every_kind_of_field_has_a_parser() -> None:
    assert set(PARSERS) == set(Holds)
