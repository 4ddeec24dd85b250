"""quarterdeck.toml and the environment: precedence, ids as links, and one clear message per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from quarterdeck.config import ConfigError, load_settings
from schemas.fields import SPECS

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


def test_the_configuration_reference_lists_every_field() -> None:
    reference = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text(
        encoding="utf-8"
    )
    for database, specs in SPECS.items():
        assert f"[fields.{database}]" in reference
        for spec in specs:
            assert f"| `{spec.attribute}` |" in reference
