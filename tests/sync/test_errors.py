"""What a person sees when the token, the sharing or the data source choice is wrong."""

from __future__ import annotations

import httpx
import pytest

from emulator import Emulator, RateLimit, Workshop, build, emulator_transport
from schemas.settings import Settings
from sync import errors
from sync.client import build_client
from sync.gateway import Gateway
from sync.progress import Silent
from sync.reader import read
from tests.sync.workspaces import TODAY, TOKEN, database_ids, gateway_for, settings_for, unlimited

NOWHERE = "0b9f3c2e-1d4a-4e5b-9c6d-7e8f9a0b1c2d"


def test_a_wrong_token_is_told_once_without_the_token() -> None:
    workspace = build("demo", today=TODAY)
    emulator = Emulator(workspace, token="secret_the_right_one", rate_limit=RateLimit(None))
    settings = settings_for(workspace)

    with pytest.raises(errors.InvalidToken) as raised:
        read(gateway_for(emulator, settings), settings, progress=Silent())

    message = str(raised.value)
    assert message.startswith(
        "NOTION_TOKEN is not a valid integration token (Notion answered 401 unauthorized): "
        "copy the Internal Integration Secret of your integration from "
        "https://www.notion.so/profile/integrations into the NOTION_TOKEN environment variable"
    )
    assert TOKEN not in message
    assert TOKEN not in repr(raised.value)
    assert len(emulator.log) == 1  # a 401 is not retried


def test_a_missing_token_is_told_before_any_call() -> None:
    workspace = build("demo", today=TODAY)
    ids = database_ids(workspace)
    databases = {"streams": ids["Streams"], "epics": ids["Epics"], "tasks": ids["Tasks"]}
    settings = Settings.model_validate({"databases": databases})
    with pytest.raises(errors.InvalidToken, match=r"^NOTION_TOKEN is not set: create an internal"):
        Gateway.from_settings(settings)


def test_an_unshared_database_is_named_with_the_way_to_share_it() -> None:
    workspace = build("demo", today=TODAY)
    workshop = Workshop(workspace)
    private = workshop.add_page("Private planning")
    hidden, _ = workshop.add_database(private, "Epics (private)", {"Name": {"title": {}}})
    workshop.set_shared(private, False)  # Workshop cannot build under an unshared page
    emulator = unlimited(workspace)
    settings = settings_for(workspace, titles={"streams": "Streams", "epics": "Epics (private)",
                                               "tasks": "Tasks"})  # fmt: skip

    with pytest.raises(errors.NotShared) as raised:
        read(gateway_for(emulator, settings), settings, progress=Silent())

    assert str(raised.value) == (
        f"database {hidden} (epics) is not shared with the integration, or does not exist: "
        "open the epics database in Notion → ••• → Connections → add 'Quarterdeck', and check "
        "that [databases] epics in quarterdeck.toml is its link."
    )
    assert raised.value.object_id == hidden


def test_an_id_that_is_no_database_gets_the_same_advice() -> None:
    workspace = build("demo", today=TODAY)
    emulator = unlimited(workspace)
    ids = database_ids(workspace)
    databases = {"streams": ids["Streams"], "epics": ids["Epics"], "tasks": NOWHERE}
    settings = Settings.model_validate({"databases": databases, "NOTION_TOKEN": TOKEN})
    with pytest.raises(errors.NotShared, match=f"^database {NOWHERE} \\(tasks\\) is not shared"):
        read(gateway_for(emulator, settings), settings, progress=Silent())


@pytest.fixture
def two_sources() -> tuple[Emulator, str]:
    """The demo, whose Epics database gained a second data source, "Archive"."""
    workspace = build("demo", today=TODAY)
    emulator = unlimited(workspace)
    epics = database_ids(workspace)["Epics"]
    client = build_client(TOKEN, http=httpx.Client(transport=emulator_transport(emulator)))
    client.data_sources.create(
        parent={"type": "database_id", "database_id": epics},
        title=[{"text": {"content": "Archive"}}],
        properties={"Name": {"title": {}}},
    )
    return emulator, epics


def test_several_data_sources_need_a_name_and_the_error_lists_them(
    two_sources: tuple[Emulator, str],
) -> None:
    emulator, epics = two_sources
    settings = settings_for(emulator.store.workspace)
    with pytest.raises(errors.DataSourceChoice) as raised:
        read(gateway_for(emulator, settings), settings, progress=Silent())
    assert str(raised.value) == (
        f"database {epics} (epics) holds 2 data sources ('Epics', 'Archive'): set "
        "[data_sources] epics in quarterdeck.toml to the one Quarterdeck should read."
    )


def test_an_unknown_data_source_name_lists_the_names(two_sources: tuple[Emulator, str]) -> None:
    emulator, epics = two_sources
    settings = settings_for(emulator.store.workspace, data_sources={"epics": "Current"})
    with pytest.raises(errors.DataSourceChoice) as raised:
        read(gateway_for(emulator, settings), settings, progress=Silent())
    assert str(raised.value) == (
        f"database {epics} (epics) has no data source named 'Current'; it holds 'Epics', "
        "'Archive': set [data_sources] epics to one of these names."
    )


def test_the_named_data_source_is_read(two_sources: tuple[Emulator, str]) -> None:
    emulator, _ = two_sources
    settings = settings_for(emulator.store.workspace, data_sources={"epics": "archive"})
    gateway = gateway_for(emulator, settings)
    reading = read(gateway, settings, progress=Silent())
    assert reading.schemas["epics"].data_source_name == "Archive"
    assert reading.snapshot.epics == ()


def test_a_notion_client_is_wrapped_in_a_gateway(two_sources: tuple[Emulator, str]) -> None:
    emulator, _ = two_sources
    settings = settings_for(emulator.store.workspace, data_sources={"epics": "Epics"})
    http = httpx.Client(transport=emulator_transport(emulator))
    client = build_client(TOKEN, base_url="http://emulator.test", http=http)
    emulator.clear_log()
    assert len(read(client, settings, progress=Silent()).snapshot.epics) == 25
    assert len(emulator.log) == 15
