"""quarterdeck.toml and the environment: precedence, ids as links, and one clear message per mistake."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pydantic_settings.sources.utils import parse_env_vars

from quarterdeck.config import ConfigError, load_settings
from schemas.fields import DATABASES
from schemas.ids import parse_notion_id
from schemas.settings import MappingEnvSettingsSource, Settings

ID = "0123456789abcdef0123456789abcdef"
DASHED = "01234567-89ab-cdef-0123-456789abcdef"
MINIMAL = f'[databases]\nstreams = "{ID}"\nepics = "{ID}"\ntasks = "{ID}"\n'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "quarterdeck.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_follow_the_design(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, MINIMAL), {})
    assert settings.databases.epics == DASHED
    assert settings.fields.epics.owner == "Owner"
    assert settings.fields.tasks.due == "Due"
    assert settings.notion.requests_per_minute == 180
    assert (settings.locale, settings.quarter.time_zone, settings.token) == ("en", "UTC", None)


@pytest.mark.parametrize(
    "link",
    [
        f"https://www.notion.so/acme/Epics-{ID}?v=fedcba9876543210fedcba9876543210",
        f"https://www.notion.so/{ID}",
        DASHED,
    ],
    ids=["database_link_with_view", "bare_link", "dashed_id"],
)
def test_database_ids_accept_links(tmp_path: Path, link: str) -> None:
    text = MINIMAL.replace(f'epics = "{ID}"', f'epics = "{link}"')
    assert load_settings(write(tmp_path, text), {}).databases.epics == DASHED


def test_environment_overrides_the_file_and_token_comes_from_notion_token(tmp_path: Path) -> None:
    environ = {
        "QUARTERDECK_LOCALE": "fr",
        "QUARTERDECK_NOTION__REQUESTS_PER_MINUTE": "600",
        "NOTION_TOKEN": "ntn_secret",
    }
    settings = load_settings(write(tmp_path, 'locale = "en"\n' + MINIMAL), environ)
    assert (settings.locale, settings.notion.requests_per_minute) == ("fr", 600)
    assert settings.token is not None
    assert settings.token.get_secret_value() == "ntn_secret"
    assert "ntn_secret" not in repr(settings) + str(settings) + settings.model_dump_json()


def test_load_settings_leaves_os_environ_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUARTERDECK_LOCALE", "en")
    monkeypatch.setenv("NOTION_TOKEN", "ntn_process")
    environ, before = os.environ, dict(os.environ)
    during: list[dict[str, str]] = []

    def spying_parse_notion_id(value: str) -> str:  # runs while Settings validates
        during.append(dict(os.environ))
        return parse_notion_id(value)

    monkeypatch.setattr("schemas.settings.parse_notion_id", spying_parse_notion_id)
    given = {
        "QUARTERDECK_LOCALE": "fr",
        "NOTION_TOKEN": "ntn_given",
        "QUARTERDECK_SYNC__PROGRESS": "count",
    }

    settings = load_settings(write(tmp_path, MINIMAL), given)

    assert settings.locale == "fr"  # the mapping was read...
    assert during  # ...while the spy watched...
    assert all(seen == before for seen in during)  # ...and os.environ never changed
    assert os.environ is environ
    assert dict(os.environ) == before


def test_a_variable_only_in_os_environ_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUARTERDECK_LOCALE", "fr")
    monkeypatch.setenv("QUARTERDECK_NOTION__REQUESTS_PER_MINUTE", "600")
    monkeypatch.setenv("NOTION_TOKEN", "ntn_process")
    settings = load_settings(write(tmp_path, MINIMAL), {"QUARTERDECK_SYNC__PROGRESS": "count"})
    assert (settings.locale, settings.notion.requests_per_minute) == ("en", 180)
    assert settings.token is None
    assert settings.sync.progress == "count"


def test_a_variable_only_in_the_given_mapping_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QUARTERDECK_LOCALE", raising=False)
    monkeypatch.delenv("NOTION_TOKEN", raising=False)
    given = {"QUARTERDECK_LOCALE": "fr", "NOTION_TOKEN": "ntn_given"}
    settings = load_settings(write(tmp_path, MINIMAL), given)
    assert settings.locale == "fr"
    assert settings.token is not None
    assert settings.token.get_secret_value() == "ntn_given"
    assert "QUARTERDECK_LOCALE" not in os.environ
    assert "NOTION_TOKEN" not in os.environ


def test_without_a_mapping_os_environ_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUARTERDECK_LOCALE", "fr")
    monkeypatch.setenv("NOTION_TOKEN", "ntn_process")
    before = dict(os.environ)
    settings = load_settings(write(tmp_path, MINIMAL))
    assert settings.locale == "fr"
    assert settings.token is not None
    assert settings.token.get_secret_value() == "ntn_process"
    assert dict(os.environ) == before


def test_without_a_mapping_os_environ_mistakes_name_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUARTERDECK_QUARTER__TIME_ZONE", "Paris")
    with pytest.raises(ConfigError) as raised:
        load_settings(write(tmp_path, MINIMAL))
    assert "environment variable QUARTERDECK_QUARTER__TIME_ZONE: expected an IANA time zone" in str(
        raised.value
    )


def test_a_failed_load_does_not_leave_its_mapping_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUARTERDECK_LOCALE", "fr")
    path = write(tmp_path, MINIMAL)
    with pytest.raises(ConfigError):
        load_settings(path, {"QUARTERDECK_LOCALE": "de"})
    assert load_settings(path).locale == "fr"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        pytest.param(
            {"QUARTERDECK_RULES__SELECT": '["QD201", "QD3"]'},
            {"rules.select": ("QD201", "QD3")},
            id="json_list_for_a_tuple",
        ),
        pytest.param(
            {"QUARTERDECK_RULES": '{"ignore": ["QD4"], "options": {"stale_after_days": 3}}'},
            {"rules.ignore": ("QD4",), "rules.options.stale_after_days": 3},
            id="json_table",
        ),
        pytest.param(
            {"QUARTERDECK_RULES__OPTIONS__STALE_AFTER_DAYS": "7"},
            {"rules.options.stale_after_days": 7, "rules.ignore": ("QD4",)},
            id="nested_key_merges_with_the_file",
        ),
        pytest.param(
            {"quarterdeck_locale": "fr", "Quarterdeck_Notion__Requests_Per_Minute": "600"},
            {"locale": "fr", "notion.requests_per_minute": 600},
            id="names_ignore_case",
        ),
        pytest.param(
            {"QUARTERDECK_DATABASES__EPICS": f"https://www.notion.so/{ID}"},
            {"databases.epics": DASHED},
            id="link_as_id",
        ),
        pytest.param(
            {"QUARTERDECK_SYNC__STATUS_SECTIONS": "false", "QUARTERDECK_TOKEN": "ntn_x"},
            {"sync.status_sections": False, "token": None},
            id="token_only_from_notion_token",
        ),
    ],
)
def test_environment_values_are_parsed_as_pydantic_settings_does(
    tmp_path: Path, environ: dict[str, str], expected: dict[str, object]
) -> None:
    settings = load_settings(write(tmp_path, MINIMAL + '[rules]\nignore = ["QD4"]\n'), environ)
    for dotted, value in expected.items():
        found: object = settings
        for part in dotted.split("."):
            found = getattr(found, part)
        assert found == value, dotted


def test_a_correct_variable_overrides_a_wrong_file_value(tmp_path: Path) -> None:
    path = write(tmp_path, 'locale = "de"\n' + MINIMAL)
    assert load_settings(path, {"QUARTERDECK_LOCALE": "fr"}).locale == "fr"


def test_a_wrong_variable_overrides_a_correct_file_value(tmp_path: Path) -> None:
    path = write(tmp_path, 'locale = "fr"\n' + MINIMAL)
    with pytest.raises(ConfigError) as raised:
        load_settings(path, {"QUARTERDECK_LOCALE": "de"})
    assert (
        "environment variable QUARTERDECK_LOCALE: input should be 'en' or 'fr', found 'de'"
        in str(raised.value)
    )


@pytest.mark.parametrize(
    "environ",
    [{"QUARTERDECK_RULES__SELECT": "QD201"}, {"QUARTERDECK_RULES": "QD201"}],
)
def test_a_list_variable_that_is_not_json_is_named_with_the_form_it_needs(
    tmp_path: Path, environ: dict[str, str]
) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(write(tmp_path, MINIMAL), environ)
    (name,) = environ
    assert str(raised.value).startswith(f"{name}: not valid JSON.")
    assert """QUARTERDECK_RULES__SELECT='["QD201", "QD3"]'""" in str(raised.value)


def test_a_top_level_key_starting_with_an_underscore_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "_cli_parse_args = true\n" + MINIMAL)
    with pytest.raises(ConfigError, match="_cli_parse_args: not a setting Quarterdeck knows"):
        load_settings(path, {})


def test_concurrent_loads_each_read_their_own_mapping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, MINIMAL)
    both_reading = threading.Barrier(2, timeout=10)

    def parse_in_step(*args: Any) -> Mapping[str, str | None]:
        both_reading.wait()  # each load waits here until the other is reading its mapping too
        return parse_env_vars(*args)

    monkeypatch.setattr("schemas.settings.parse_env_vars", parse_in_step)
    before = dict(os.environ)

    def locale_read(locale: str) -> str:
        return load_settings(path, {"QUARTERDECK_LOCALE": locale}).locale

    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(locale_read, ["en", "fr"])) == ["en", "fr"]
    assert dict(os.environ) == before


def test_the_mapping_source_reads_only_its_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pins the private hook MappingEnvSettingsSource overrides: EnvSettingsSource._load_env_vars."""
    monkeypatch.setenv("QUARTERDECK_LOCALE", "en")
    monkeypatch.setenv("NOTION_TOKEN", "ntn_process")
    source = MappingEnvSettingsSource(
        Settings, {"QUARTERDECK_LOCALE": "fr", "QUARTERDECK_DATABASES__EPICS": ID}
    )
    assert source() == {"locale": "fr", "databases": {"epics": ID}}


def test_french_field_names_are_configuration(tmp_path: Path) -> None:
    text = (
        MINIMAL
        + '[fields.epics]\nname = "Nom"\nstream = "Axe"\nowner = "Responsable"\n[fields.tasks]\ndue = "Échéance"\n'
    )
    settings = load_settings(write(tmp_path, text), {})
    assert (settings.fields.epics.stream, settings.fields.tasks.due) == ("Axe", "Échéance")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("[databases\n", "not valid TOML", id="malformed_toml"),
        pytest.param(
            MINIMAL.replace(f'tasks = "{ID}"\n', ""),
            "[databases] tasks: is required but missing",
            id="missing_database",
        ),
        pytest.param(
            MINIMAL.replace(f'streams = "{ID}"', 'streams = "abc"'),
            "[databases] streams: 'abc' is not a Notion id",
            id="bad_id",
        ),
        pytest.param(
            MINIMAL + "[rules]\nselec = []\n",
            "[rules] selec: is not a setting Quarterdeck knows; did you mean 'select'?",
            id="typo_suggests",
        ),
        pytest.param(
            'locale = "de"\n' + MINIMAL,
            "locale: input should be 'en' or 'fr', found 'de'",
            id="bad_locale",
        ),
        pytest.param(
            MINIMAL + '[quarter]\ntime_zone = "Paris"\n',
            "expected an IANA time zone such as Europe/Paris, found 'Paris'",
            id="bad_zone",
        ),
        pytest.param(
            MINIMAL + "[quarter]\nfiscal_year_start_month = 13\n",
            "[quarter] fiscal_year_start_month: input should be less than or equal to 12, found 13",
            id="bad_month",
        ),
        pytest.param(
            MINIMAL + '[notion]\ntoken = "ntn_x"\n',
            "the integration token never goes in a file",
            id="token_in_file",
        ),
    ],
)
def test_bad_configuration_names_the_key_and_what_was_expected(
    tmp_path: Path, text: str, expected: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(write(tmp_path, text), {})
    assert expected in str(raised.value)
    assert "ntn_x" not in str(raised.value)


def test_environment_mistakes_name_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(write(tmp_path, MINIMAL), {"QUARTERDECK_NOTION__TIMEOUT_SECONDS": "soon"})
    assert "environment variable QUARTERDECK_NOTION__TIMEOUT_SECONDS" in str(raised.value)


def test_an_explicit_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_settings(tmp_path / "nope.toml", {})


def test_a_relative_state_file_lives_beside_the_configuration(tmp_path: Path) -> None:
    settings = load_settings(
        write(tmp_path, MINIMAL + '[sync]\nstate_file = "cache/state.json"\n'), {}
    )
    assert settings.sync.state_file == str(tmp_path / "cache" / "state.json")


def test_the_example_file_is_valid() -> None:
    example = Path(__file__).parent.parent / "quarterdeck.example.toml"
    settings = load_settings(example, {"NOTION_TOKEN": "x"})
    assert settings.rules.options.max_open_epics_per_owner == 3


def test_the_configuration_reference_lists_every_field_as_its_spec_says() -> None:
    reference = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text(
        encoding="utf-8"
    )
    for key, database in DATABASES.items():
        table = reference.split(f"## `[fields.{key}]`", 1)[1].split("\n## ", 1)[0]
        for spec in database.specs:
            role = (
                "written by Quarterdeck"
                if spec.output is not None
                else "required"
                if spec.required
                else "optional"
            )
            row = f"| `{spec.key}` | {spec.default} | {', '.join(spec.types)} | {role} |"
            assert row in table
