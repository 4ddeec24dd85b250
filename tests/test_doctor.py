"""``quarterdeck doctor``: a checklist that names each problem and its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulator import Emulator, build
from emulator.state import Workspace
from tests.cli_support import TODAY, database_ids, run_cli, write_config


@pytest.fixture(scope="module")
def demo() -> Workspace:
    return build("demo", today=TODAY)


def test_everything_in_place_on_the_demo(demo: Workspace, tmp_path: Path) -> None:
    run = run_cli(
        Emulator(demo), "doctor", "--config", str(write_config(tmp_path / "q.toml", demo))
    )
    assert run.code == 0
    assert "✓ token valid: integration “Quarterdeck”" in run.out
    assert "✓ epics: “Epics” reachable (data source “Epics”)" in run.out
    assert "doctor: everything is in place" in run.out


def test_a_misspelt_property_gets_the_nearest_name(demo: Workspace, tmp_path: Path) -> None:
    config = write_config(tmp_path / "q.toml", demo, '[fields.epics]\nowner = "Ownr"\n')
    run = run_cli(Emulator(demo), "doctor", "--config", str(config))
    assert run.code == 2
    assert (
        "✗ epics: no property “Ownr” (owner, required); the nearest existing property is “Owner”"
        in run.out
    )
    assert 'fix: set [fields.epics] owner = "Owner"' in run.out


def test_a_property_of_the_wrong_type_is_named(demo: Workspace, tmp_path: Path) -> None:
    config = write_config(tmp_path / "q.toml", demo, '[fields.epics]\nkpi_target = "KPI"\n')
    run = run_cli(Emulator(demo), "doctor", "--config", str(config))
    assert (
        "! epics: “KPI” is a rich_text property; kpi_target needs number or formula or rollup"
        in run.out
    )
    assert run.code == 0  # an optional field: a warning, not a failure


def test_missing_outputs_are_warnings(demo: Workspace, tmp_path: Path) -> None:
    config = write_config(tmp_path / "q.toml", demo, '[fields.epics]\nprogress = "Avancement"\n')
    run = run_cli(Emulator(demo), "doctor", "--config", str(config))
    assert "! epics: no property “Avancement” for Quarterdeck's progress output" in run.out
    assert run.code == 0


def test_an_unshared_database_says_how_to_share_it(demo: Workspace, tmp_path: Path) -> None:
    ids = database_ids(demo)
    ids["Tasks"] = "0123456789abcdef0123456789abcdef"
    run = run_cli(
        Emulator(demo), "doctor", "--config", str(write_config(tmp_path / "q.toml", demo, ids=ids))
    )
    assert run.code == 2
    assert "✗ tasks: database 01234567-89ab-cdef-0123-456789abcdef not readable" in run.out
    assert "Connections" in run.out
    assert "✓ epics" in run.out  # the others are still checked


def test_wrong_token_stops_early_with_the_fix(demo: Workspace, tmp_path: Path) -> None:
    run = run_cli(
        Emulator(demo, token="right"), "doctor", "--config", str(write_config(tmp_path / "q.toml", demo)),
        environ={"NOTION_TOKEN": "ntn_wrong_secret"},
    )  # fmt: skip
    assert run.code == 2
    assert "✗ token" in run.out
    assert "reachable" not in run.out
    assert "ntn_wrong_secret" not in run.out + run.err


def test_status_names_nobody_has_are_flagged(demo: Workspace, tmp_path: Path) -> None:
    config = write_config(tmp_path / "q.toml", demo, '[statuses]\ndone = ["Done", "Finished"]\n')
    run = run_cli(Emulator(demo), "doctor", "--config", str(config))
    assert "! [statuses] done names “Finished”, which no status property has" in run.out


def test_an_unknown_rule_fails(demo: Workspace, tmp_path: Path) -> None:
    config = write_config(tmp_path / "q.toml", demo, '[rules]\nselect = ["QD9"]\n')
    run = run_cli(Emulator(demo), "doctor", "--config", str(config))
    assert run.code == 2
    assert "✗ rule selection" in run.out
