"""The command line a new user meets first."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from quarterdeck import demo
from quarterdeck.cli import main


def test_demo_checks_syncs_and_renders_what_a_person_sees(tmp_path: Path) -> None:
    out = io.StringIO()
    assert demo.run(out, today=date(2026, 11, 16), output=tmp_path) == 0
    text = out.getvalue()
    for name in ("Streams", "Epics", "Tasks"):
        assert name in text
    assert "QD101 orphan-task (error) — 3" in text
    assert "A second sync with nothing changed: 0 writes" in text
    dashboard = (tmp_path / "dashboard.md").read_text(encoding="utf-8")
    assert dashboard.startswith("# Roadmap dashboard")
    epic = next((tmp_path / "epics").glob("*.md")).read_text(encoding="utf-8")
    assert "| Health |" in epic
    assert "Updated by Quarterdeck" in epic


def test_unknown_command_exits_with_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["frobnicate"])
    assert raised.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
