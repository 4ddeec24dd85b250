"""The command line a new user meets first."""

from __future__ import annotations

import io
from datetime import date

import pytest

from quarterdeck import demo
from quarterdeck.cli import main


def test_demo_lists_the_databases_and_their_rows() -> None:
    out = io.StringIO()
    assert demo.run(out, today=date(2026, 11, 16)) == 0
    text = out.getvalue()
    for name in ("Streams", "Epics", "Tasks"):
        assert name in text
    assert "API calls" in text
    assert "QD101 orphan-task (error) — 3" in text


def test_unknown_command_exits_with_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["frobnicate"])
    assert raised.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
