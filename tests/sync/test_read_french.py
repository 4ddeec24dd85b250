"""A French team's workspace (Nom, Axe, Responsable, Échéance, Statut...) read by settings alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from emulator import ManualClock, Workshop
from schemas.models import DateSpan, Snapshot, State
from sync.progress import Silent
from sync.reader import read
from tests.sync.workspaces import START, gateway_for, settings_for, unlimited

STATUTS = [
    ("À faire", "default", "To-do"),
    ("En cours", "blue", "In progress"),
    ("Terminé", "green", "Complete"),
    ("Abandonné", "gray", "Complete"),
]
FIELDS = {
    "streams": {"name": "Nom", "owner": "Responsable"},
    "epics": {
        "name": "Nom", "stream": "Axe", "owner": "Responsable", "contributors": "Contributeurs",
        "status": "Statut", "dates": "Échéance", "quarter": "Trimestre", "kpi": "Indicateur",
        "kpi_baseline": "Valeur initiale", "kpi_target": "Cible", "kpi_current": "Valeur actuelle",
        "tasks": "Tâches",
    },
    "tasks": {
        "name": "Nom", "epic": "Épopée", "assignee": "Responsable", "status": "Statut",
        "due": "Échéance",
    },
}  # fmt: skip
TITLES = {"streams": "Axes", "epics": "Épopées", "tasks": "Tâches"}


def titre(text: str) -> dict[str, Any]:
    return {"title": [{"text": {"content": text}}]}


def lien(*ids: str) -> dict[str, Any]:
    return {"relation": [{"id": i} for i in ids]}


def personnes(*ids: str) -> dict[str, Any]:
    return {"people": [{"id": i} for i in ids]}


def relation(source: str, back: str) -> dict[str, Any]:
    return {"relation": {"data_source_id": source, "type": "dual_property",
                         "dual_property": {"synced_property_name": back}}}  # fmt: skip


@dataclass
class Equipe:
    workshop: Workshop
    lea: str
    hugo: str
    axes: dict[str, str]
    epopees: dict[str, str]


def build_french() -> Equipe:
    workshop = Workshop.new(name="Équipe RevOps", seed="fr", clock=ManualClock(START))
    lea = workshop.add_user("Léa Dupont", "lea.dupont@example.fr")
    hugo = workshop.add_user("Hugo Bernard", "hugo.bernard@example.fr")
    root = workshop.add_page("Feuille de route")
    _, axes = workshop.add_database(
        root, "Axes", {"Nom": {"title": {}}, "Responsable": {"people": {}}}
    )
    _, epopees = workshop.add_database(root, "Épopées", {
        "Nom": {"title": {}}, "Axe": relation(axes, "Épopées"), "Responsable": {"people": {}},
        "Contributeurs": {"people": {}}, "Statut": {"status": {}}, "Échéance": {"date": {}},
        "Trimestre": {"select": {"options": [{"name": "2026-T4"}]}},
        "Indicateur": {"rich_text": {}}, "Valeur initiale": {"number": {}},
        "Cible": {"number": {}}, "Valeur actuelle": {"number": {}},
    })  # fmt: skip
    workshop.set_status_options(epopees, "Statut", STATUTS)
    options = {"options": [{"name": name, "color": color} for name, color, _ in STATUTS]}
    _, taches = workshop.add_database(root, "Tâches", {
        "Nom": {"title": {}}, "Épopée": relation(epopees, "Tâches"),
        "Responsable": {"people": {}}, "Statut": {"select": options}, "Échéance": {"date": {}},
    })  # fmt: skip
    axe_ids = {
        name: workshop.add_row(axes, {"Nom": titre(name), "Responsable": personnes(lea)})
        for name in ("Pipeline", "Qualité des données")
    }
    epics = {
        "Scoring des leads": ("En cours", "2026-10-05", "2026-12-18", "Pipeline"),
        "Nettoyage du CRM": ("Terminé", "2026-10-01", "2026-10-30", "Qualité des données"),
        "Outil de territoires": ("Abandonné", "2026-10-12", "2026-11-27", "Pipeline"),
        "Tableau de bord": ("À faire", "2026-11-16", "2026-12-31", "Pipeline"),
    }
    epic_ids = {}
    for name, (statut, debut, fin, axe) in epics.items():
        epic_ids[name] = workshop.add_row(epopees, {
            "Nom": titre(name), "Axe": lien(axe_ids[axe]), "Responsable": personnes(hugo),
            "Contributeurs": personnes(lea), "Statut": {"status": {"name": statut}},
            "Échéance": {"date": {"start": debut, "end": fin}},
            "Indicateur": {"rich_text": [{"text": {"content": "Taux de conversion"}}]},
            "Valeur initiale": {"number": 12}, "Cible": {"number": 20},
        })  # fmt: skip
    for n, (statut, due) in enumerate(
        [("Terminé", "2026-10-20"), ("En cours", "2026-11-30T23:30:00+00:00"),
         ("À faire", "2026-12-10"), ("Abandonné", "2026-11-02")]
    ):  # fmt: skip
        workshop.add_row(taches, {
            "Nom": titre(f"Tâche {n + 1}"), "Épopée": lien(epic_ids["Scoring des leads"]),
            "Responsable": personnes(lea), "Statut": {"select": {"name": statut}},
            "Échéance": {"date": {"start": due}},
        })  # fmt: skip
    return Equipe(workshop, lea, hugo, axe_ids, epic_ids)


STATUSES = [
    pytest.param({"done": ["Terminé"], "dropped": ["Abandonné"], "not_started": ["À faire"]},
                 id="explicit-statuses"),
    pytest.param({}, id="default-statuses"),
]  # fmt: skip


@pytest.mark.parametrize("statuses", STATUSES)
def test_a_french_workspace_reads_by_configuration_alone(statuses: dict[str, Any]) -> None:
    equipe = build_french()
    workspace = equipe.workshop.workspace
    emulator = unlimited(workspace)
    settings = settings_for(
        workspace, titles=TITLES, fields=FIELDS, statuses=statuses,
        quarter={"time_zone": "Europe/Paris"}, locale="fr",
    )  # fmt: skip

    reading = read(gateway_for(emulator, settings), settings, progress=Silent())

    snapshot = reading.snapshot
    assert_epics(snapshot, equipe)
    assert_tasks(snapshot, equipe)
    assert snapshot.problems == ()
    mapped = {(p.kind.value, p.field) for p in snapshot.schema_problems}
    assert mapped == {
        ("stream", "description"), ("epic", "type"), ("epic", "priority"),
        ("epic", "estimate"), ("epic", "deliverables"), ("task", "estimate"),
    }  # only what this team does not track  # fmt: skip
    assert not any(p.required for p in snapshot.schema_problems)
    assert reading.schemas["epics"].properties["Statut"].groups["Abandonné"] == "Complete"


def assert_epics(snapshot: Snapshot, equipe: Equipe) -> None:
    epics = {e.title: e for e in snapshot.epics}
    assert {name: (e.status, e.state) for name, e in epics.items()} == {
        "Scoring des leads": ("En cours", State.IN_PROGRESS),
        "Nettoyage du CRM": ("Terminé", State.DONE),
        "Outil de territoires": ("Abandonné", State.DROPPED),
        "Tableau de bord": ("À faire", State.NOT_STARTED),
    }
    scoring = epics["Scoring des leads"]
    assert scoring.stream_ids == (equipe.axes["Pipeline"],)
    assert scoring.owner_ids == (equipe.hugo,)
    assert scoring.contributor_ids == (equipe.lea,)
    assert snapshot.person_name(equipe.hugo) == "Hugo Bernard"
    assert scoring.dates == DateSpan(date(2026, 10, 5), date(2026, 12, 18))
    assert (scoring.kpi, scoring.kpi_baseline, scoring.kpi_target) == ("Taux de conversion", 12, 20)
    assert scoring.quarter is None  # Trimestre is empty: jobs derive it from the dates
    streams = {s.title: s.owner_ids for s in snapshot.streams}
    assert streams == {"Pipeline": (equipe.lea,), "Qualité des données": (equipe.lea,)}


def assert_tasks(snapshot: Snapshot, equipe: Equipe) -> None:
    tasks = {t.title: t for t in snapshot.tasks}
    assert {name: t.state for name, t in tasks.items()} == {
        "Tâche 1": State.DONE, "Tâche 2": State.IN_PROGRESS,
        "Tâche 3": State.NOT_STARTED, "Tâche 4": State.DROPPED,
    }  # fmt: skip
    assert tasks["Tâche 2"].due == DateSpan(date(2026, 12, 1), has_time=True)  # Paris time
    assert {t.epic_ids for t in tasks.values()} == {(equipe.epopees["Scoring des leads"],)}
    assert all(t.assignee_ids == (equipe.lea,) for t in tasks.values())
