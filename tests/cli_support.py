"""Running the command line against an emulated workspace, as a user would."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import httpx

from emulator import Emulator, emulator_transport
from emulator.richtext import plain_text
from emulator.state import Workspace
from quarterdeck.cli import main
from quarterdeck.context import Context

TODAY = date(2026, 11, 16)
NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


@dataclass
class Run:
    code: int
    out: str
    err: str


def database_ids(workspace: Workspace) -> dict[str, str]:
    """Database title -> id."""
    return {plain_text(d.title): d.id for d in workspace.databases.values()}


def write_config(
    path: Path,
    workspace: Workspace,
    extra: str = "",
    *,
    top: str = "",
    ids: dict[str, str] | None = None,
) -> Path:
    """A quarterdeck.toml for ``workspace``: ``top`` goes before the first table, ``extra`` after."""
    ids = ids or database_ids(workspace)
    key_results = f'key_results = "{ids["Key results"]}"\n' if "Key results" in ids else ""
    path.write_text(
        f'{top}[notion]\nbase_url = "http://emulator.test"\n\n[databases]\n'
        f'streams = "{ids["Streams"]}"\nepics = "{ids["Epics"]}"\ntasks = "{ids["Tasks"]}"\n'
        f"{key_results}{extra}",
        encoding="utf-8",
    )
    return path


def run_cli(
    emulator: Emulator,
    *arguments: str,
    environ: dict[str, str] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Run:
    """The command line with ``emulator`` standing in for Notion (through ``transport`` if given)."""
    out, err = io.StringIO(), io.StringIO()
    context = Context(
        out=out,
        err=err,
        environ={"NOTION_TOKEN": "secret-token"} if environ is None else environ,
        now=lambda: NOW,
        http=httpx.Client(transport=transport or emulator_transport(emulator)),
    )
    code = main(list(arguments), context)
    return Run(code, out.getvalue(), err.getvalue())
