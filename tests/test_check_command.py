"""``quarterdeck check`` end to end on the emulated demo quarter: output, formats, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from emulator import Emulator, build
from emulator.state import Workspace
from tests.cli_support import TODAY, database_ids, run_cli, write_config


@pytest.fixture(scope="module")
def demo() -> Workspace:
    return build("demo", today=TODAY)


@pytest.fixture
def config(tmp_path: Path, demo: Workspace) -> Path:
    return write_config(tmp_path / "quarterdeck.toml", demo)


def test_text_report_groups_findings_by_rule(demo: Workspace, config: Path) -> None:
    run = run_cli(Emulator(demo), "check", "--config", str(config))
    assert run.code == 1  # the demo has errors, and --fail-on defaults to error
    assert "QD101 orphan-task (error) — 3" in run.out
    assert run.out.rstrip().endswith("finding(s).")


def test_json_report_is_the_documented_contract(demo: Workspace, config: Path) -> None:
    run = run_cli(Emulator(demo), "check", "--config", str(config), "--format", "json")
    document = json.loads(run.out)
    assert document["version"] == 1
    assert document["summary"]["total"] == len(document["findings"])
    first = document["findings"][0]
    assert set(first) == {"code", "rule", "severity", "entity", "message", "fix"}
    assert set(first["entity"]) == {"kind", "id", "title", "url"}
    assert run.err == ""  # no progress lines mixed into machine output


def test_two_runs_give_identical_output(demo: Workspace, config: Path) -> None:
    first = run_cli(Emulator(demo), "check", "--config", str(config), "--format", "json")
    second = run_cli(Emulator(demo), "check", "--config", str(config), "--format", "json")
    assert first.out == second.out


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on_sets_the_exit_code(demo: Workspace, config: Path, fail_on: str, code: int) -> None:
    assert (
        run_cli(Emulator(demo), "check", "--config", str(config), "--fail-on", fail_on).code == code
    )


def test_github_format_annotates_and_writes_the_job_summary(
    demo: Workspace, config: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    environ = {"NOTION_TOKEN": "secret-token", "GITHUB_STEP_SUMMARY": str(summary)}
    run = run_cli(
        Emulator(demo), "check", "--config", str(config), "--format", "github", environ=environ
    )
    assert run.out.startswith("::error title=QD101 orphan-task::Task “")
    assert "## Roadmap check" in summary.read_text(encoding="utf-8")


def test_markdown_format_links_pages(demo: Workspace, config: Path) -> None:
    run = run_cli(Emulator(demo), "check", "--config", str(config), "--format", "markdown")
    assert "| [Check VAT field on Spanish accounts](https://www.notion.so/" in run.out


def test_rule_selection_and_french_messages(demo: Workspace, tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "q.toml", demo, '[rules]\nselect = ["QD1"]\n', top='locale = "fr"\n'
    )
    run = run_cli(Emulator(demo), "check", "--config", str(config))
    assert {line.split()[0] for line in run.out.splitlines() if line.startswith("QD")} <= {
        "QD101",
        "QD102",
        "QD103",
        "QD104",
        "QD105",
    }
    assert "n’appartient à aucun epic" in run.out or "aucun epic" in run.out


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        pytest.param("token", "NOTION_TOKEN", id="wrong_token"),
        pytest.param("no_token", "NOTION_TOKEN is not set", id="missing_token"),
        pytest.param("unshared", "not shared with the integration", id="unshared_database"),
        pytest.param("missing_property", "has no property 'Proprio'", id="missing_property"),
        pytest.param("malformed", "not valid TOML", id="malformed_toml"),
        pytest.param("unknown_rule", "QD999", id="unknown_rule"),
    ],
)
def test_configuration_and_access_errors_exit_2_with_one_clear_message(
    demo: Workspace, tmp_path: Path, setup: str, expected: str
) -> None:
    emulator = Emulator(demo, token="right-token")
    environ = {"NOTION_TOKEN": "right-token"}
    extra = ""
    if setup == "token":
        environ = {"NOTION_TOKEN": "wrong-token"}
    elif setup == "no_token":
        environ = {}
    elif setup == "missing_property":
        extra = '[fields.epics]\nowner = "Proprio"\n'
    elif setup == "unknown_rule":
        extra = '[rules]\nignore = ["QD999"]\n'
    ids = database_ids(demo)
    if setup == "unshared":
        ids["Tasks"] = "0123456789abcdef0123456789abcdef"
    config = write_config(tmp_path / "q.toml", demo, extra, ids=ids)
    if setup == "malformed":
        config.write_text("[databases\n", encoding="utf-8")
    run = run_cli(emulator, "check", "--config", str(config), environ=environ)
    assert run.code == 2
    assert expected in run.err
    assert "Traceback" not in run.err
    assert "right-token" not in run.err + run.out
