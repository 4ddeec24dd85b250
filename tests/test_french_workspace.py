"""A French team runs check and doctor with nothing but configuration."""

from __future__ import annotations

from pathlib import Path

from emulator import Emulator
from tests.cli_support import database_ids, run_cli
from tests.sync.test_read_french import FIELDS, TITLES, build_french


def _config(path: Path, ids: dict[str, str]) -> Path:
    tables = "\n".join(
        f"[fields.{database}]\n" + "\n".join(f'{key} = "{name}"' for key, name in fields.items())
        for database, fields in FIELDS.items()
    )
    path.write_text(
        'locale = "fr"\n\n[notion]\nbase_url = "http://emulator.test"\n\n[databases]\n'
        + "".join(f'{key} = "{ids[title]}"\n' for key, title in TITLES.items())
        + '\n[quarter]\ntime_zone = "Europe/Paris"\n\n'
        + tables
        + "\n",
        encoding="utf-8",
    )
    return path


def test_doctor_passes_on_french_names(tmp_path: Path) -> None:
    equipe = build_french()
    config = _config(tmp_path / "quarterdeck.toml", database_ids(equipe.workshop.workspace))
    run = run_cli(Emulator(equipe.workshop.workspace), "doctor", "--config", str(config))
    assert run.code == 0, run.out
    assert (
        "“Statut” values read as not started: À faire; in progress: En cours; done: Terminé; dropped: Abandonné"
        in run.out
    )


def test_check_reports_in_french(tmp_path: Path) -> None:
    equipe = build_french()
    config = _config(tmp_path / "quarterdeck.toml", database_ids(equipe.workshop.workspace))
    run = run_cli(
        Emulator(equipe.workshop.workspace), "check", "--config", str(config), "--fail-on", "never"
    )
    assert run.code == 0
    assert "QD506" not in run.out  # every mapped property was found under its French name
    assert run.out.rstrip().endswith("constat(s).") or "Aucun constat" in run.out
