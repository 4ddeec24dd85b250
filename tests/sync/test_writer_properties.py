"""``sync --create-properties``, the Health options, and requests Notion's own description accepts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas.fields import DATABASES
from schemas.health import HEALTH_LABELS, Health
from schemas.models import Kind
from schemas.plan import Plan
from sync.properties import HEALTH_OPTIONS, create_missing_outputs
from tests.contract.openapi import assert_request_valid, template_for
from tests.sync.test_writer_support import World, epic_values, full_plan, outputs

OUTPUTS = {
    "streams": ["Progress", "Health", "Flags"],
    "epics": ["Progress", "Health", "Flags", "Tasks done", "Tasks open", "Overdue tasks",
              "KPI attainment", "Next due"],
    "tasks": ["Flags"],
    "key_results": ["Attainment"],
}  # fmt: skip


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World.new(tmp_path)


def drop_outputs(world: World) -> dict[str, str]:
    """Remove every output property; the data source id of each database."""
    ws = world.emulator.store.workspace
    sources = {}
    for source in ws.data_sources.values():
        title = "".join(t["plain_text"] for t in source.title)
        key = title.lower().replace(" ", "_")
        sources[key] = source.id
        world.board.workshop.update_schema(source.id, dict.fromkeys(OUTPUTS[key]))
    return sources


def test_missing_outputs_are_created_with_their_types_and_french_health_options(
    world: World,
) -> None:
    sources = drop_outputs(world)
    reading = world.read()

    created = create_missing_outputs(world.gateway(), reading, "fr")

    assert "Health (Epics)" in created
    assert len(created) == sum(len(names) for names in OUTPUTS.values())
    writes = world.sent.writes()
    assert len(writes) == 4  # one PATCH per data source
    for one in writes:
        assert_request_valid("PATCH", "/v1/data_sources/{data_source_id}", one.body)
    ws = world.emulator.store.workspace
    epics = {p.name: p for p in ws.data_sources[sources["epics"]].properties.values()}
    assert epics["Progress"].config == {"format": "percent"}
    assert epics["KPI attainment"].config == {"format": "percent"}
    assert epics["Tasks open"].config == {"format": "number"}
    assert epics["Next due"].type == "date"
    assert epics["Flags"].type == "multi_select"
    assert [(o["name"], o["color"]) for o in epics["Health"].config["options"]] == [
        ("En bonne voie", "green"), ("À risque", "yellow"), ("Hors piste", "red"),
        ("Terminé", "blue"), ("Abandonné", "gray"), ("Pas commencé", "default"),
        ("Pas de données", "brown"),
    ]  # fmt: skip
    key_results = {p.name: p for p in ws.data_sources[sources["key_results"]].properties.values()}
    assert key_results["Attainment"].config == {"format": "percent"}

    assert create_missing_outputs(world.gateway(), world.read(), "fr") == []
    assert world.sent.writes() == []


def test_the_outputs_listed_here_are_every_output_field() -> None:
    for key, database in DATABASES.items():
        assert len([s for s in database.specs if s.output]) == len(OUTPUTS[key])


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_health_options_are_the_labels_the_plan_writes(locale: str) -> None:
    assert {Health(h): name for h, name, _ in HEALTH_OPTIONS[locale]} == HEALTH_LABELS[locale]


def test_every_write_is_valid_for_notions_openapi_description(world: World) -> None:
    world.apply(full_plan(world))
    sent = list(world.sent.writes())
    world.person_deletes(world.sections_of(world.epics[0])[0].id)
    world.apply(full_plan(world, progress=0.8, words="Later", health=None, next_due=None))
    sent += world.sent.writes()

    kinds = {(s.method, template_for(s.method, s.path)) for s in sent}
    assert kinds >= {
        ("PATCH", "/v1/pages/{page_id}"),
        ("PATCH", "/v1/blocks/{block_id}/children"),
        ("PATCH", "/v1/blocks/{block_id}"),
        ("POST", "/v1/pages"),
    }
    for one in sent:
        assert_request_valid(
            one.method, template_for(one.method, one.path), json.loads(json.dumps(one.body))
        )


def test_outputs_under_a_teams_own_names_are_created_then_written(world: World) -> None:
    world.fields = {"epics": {"progress": "Avancement", "health": "Santé", "flags": "Alertes"}}
    created = create_missing_outputs(world.gateway(), world.read(), "fr")
    assert created == ["Avancement (Epics)", "Santé (Epics)", "Alertes (Epics)"]

    epic = world.epics[0]
    values = epic_values(0.25, health="À risque", flags=("Sans responsable",))
    world.apply(Plan((outputs(Kind.EPIC, epic, **values),)))

    (patch,) = world.sent.writes()
    assert set(patch.body["properties"]) >= {"Avancement", "Santé", "Alertes"}
    assert "Progress" not in patch.body["properties"]
    stored = world.properties(epic)
    assert stored["Santé"] == "À risque"
    assert stored["Avancement"] == 0.25
