"""Settings: ``quarterdeck.toml`` (or ``--config``), ``QUARTERDECK_*`` overrides, ``NOTION_TOKEN``.

Precedence, highest first: environment variables (``QUARTERDECK_LOCALE=fr``,
``QUARTERDECK_DATABASES__EPICS=<id>``: ``__`` separates table and key), then the TOML file,
then the defaults below. The integration token is read from ``NOTION_TOKEN`` only and kept
as a ``SecretStr``: it is never read from a file, never printed, never part of a repr.

:meth:`Settings.from_sources` reads the variables from any mapping (``os.environ`` or a test's
own dict) and never writes the process environment.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    field_validator,
)
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)
from pydantic_settings.sources.utils import parse_env_vars

from schemas.fields import FieldMap
from schemas.ids import NotANotionId, parse_notion_id

ENV_PREFIX = "QUARTERDECK_"
TOKEN_VARIABLE = "NOTION_TOKEN"


def _notion_id(value: str) -> str:
    try:
        return parse_notion_id(value)
    except NotANotionId as problem:
        raise ValueError(str(problem)) from None


NotionId = Annotated[str, AfterValidator(_notion_id)]
"""A bare id or a Notion link, normalized to the dashed id."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NotionSettings(_Section):
    """``[notion]``: where the API is and how hard Quarterdeck may use it."""

    base_url: str = "https://api.notion.com"
    """Notion, or ``http://127.0.0.1:8787`` for the local emulator."""
    requests_per_minute: int = Field(default=180, ge=1, le=10_000)
    """Request budget: 180 per minute on most plans, 600 on Business and Enterprise."""
    timeout_seconds: float = Field(default=60.0, gt=0, le=600)
    max_retries: int = Field(default=5, ge=0, le=20)

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(
                f"expected an http(s) URL such as https://api.notion.com, found {value!r}"
            )
        return value.rstrip("/")


class _PerDatabase(_Section):
    """A table with one optional value per database key (``schemas.fields.DATABASES``)."""

    def of(self, database: str) -> str | None:
        value = getattr(self, database)
        return None if value is None else str(value)


class DatabaseSettings(_PerDatabase):
    """``[databases]``: the databases to read, as ids or links copied from Notion."""

    streams: NotionId
    epics: NotionId
    tasks: NotionId
    key_results: NotionId | None = None


class DataSourceNames(_PerDatabase):
    """``[data_sources]``: which data source to use when a database holds several."""

    streams: str | None = None
    epics: str | None = None
    tasks: str | None = None
    key_results: str | None = None


class StatusSettings(_Section):
    """``[statuses]``: which status (or select) values mean what.

    Left empty, ``done`` and ``not_started`` follow Notion's status groups (Complete, To-do);
    ``dropped`` names the Complete-group values that mean "abandoned", not "done".
    """

    done: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ("Dropped", "Cancelled", "Canceled", "Abandonné", "Annulé")
    not_started: tuple[str, ...] = ()


class QuarterSettings(_Section):
    """``[quarter]``: how dates map to quarters, and the team's clock."""

    fiscal_year_start_month: int = Field(default=1, ge=1, le=12)
    """1 = calendar quarters; 4 = a fiscal year starting in April (April-June is Q1)."""
    time_zone: str = "UTC"

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"expected an IANA time zone such as Europe/Paris, found {value!r}"
            ) from None
        return value


class RuleOptions(_Section):
    """``[rules.options]``: the thresholds rules use."""

    max_open_epics_per_owner: int = Field(default=3, ge=1)
    stale_after_days: int = Field(default=14, ge=1)
    min_streams: int = Field(default=3, ge=0)
    max_streams: int = Field(default=10, ge=1)


class RuleSettings(_Section):
    """``[rules]``: which rules run, by code (``QD201``), name or family (``QD2``)."""

    select: tuple[str, ...] = ()
    """Only these (empty: all)."""
    ignore: tuple[str, ...] = ()
    opt_out_property: str = "Quarterdeck ignore"
    """A property on any page listing rule codes to ignore for that page."""
    options: RuleOptions = Field(default_factory=RuleOptions)


class HealthSettings(_Section):
    """``[health]``: when an epic is at risk or off track (``docs/health.md``).

    Gaps are in percentage points: the share of the start -> end period gone minus the share
    of the work done.
    """

    at_risk_gap: float = Field(default=15.0, ge=0, le=100)
    off_track_gap: float = Field(default=30.0, ge=0, le=100)
    at_risk_overdue_share: float = Field(default=20.0, ge=0, le=100)
    """Percent of an epic's open tasks overdue that makes it at risk."""
    off_track_overdue_share: float = Field(default=50.0, ge=0, le=100)
    kpi_at_risk_gap: float = Field(default=25.0, ge=0, le=100)
    """Points by which KPI attainment may trail the share of time gone before it is at risk."""


class SyncSettings(_Section):
    """``[sync]``: what ``quarterdeck sync`` writes back, and where it keeps its state."""

    progress: Literal["count", "estimate"] = "estimate"
    """``estimate``: tasks weighted by their Estimate when any has one; ``count``: each task 1."""
    reports_page: NotionId | None = None
    """The page under which the roadmap dashboard is created (no dashboard when unset)."""
    dashboard_title: str = "Roadmap dashboard"
    state_file: str = ".quarterdeck/state.json"
    """Relative to the configuration file's folder. What the next run needs for free:
    resolved schemas, section hashes, the dashboard id.
    Keep it between scheduled runs (``actions/cache`` in GitHub Actions); losing it costs one
    run a few extra reads, never a duplicate."""
    status_sections: bool = True
    """Write the managed status section in each epic and stream page."""


class MappingEnvSettingsSource(EnvSettingsSource):
    """pydantic-settings' environment source, reading ``environ`` instead of ``os.environ``.

    Prefix, ``__`` nesting, JSON for lists and tables, case-insensitive names and the
    ``NOTION_TOKEN`` alias all stay the library's own code, so a mapping is read exactly as the
    process environment would be.
    """

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        self._environ = environ  # before super().__init__(), which calls _load_env_vars()
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        # The one private hook: pydantic-settings 2.16 has no public way to give EnvSettingsSource
        # another mapping; its __init__ fills `env_vars` from this method, which reads os.environ.
        # Its own .env, AWS, Azure and GCP sources override it the same way.
        # tests/test_config.py::test_the_mapping_source_reads_only_its_mapping pins it.
        return parse_env_vars(
            self._environ, self.case_sensitive, self.env_ignore_empty, self.env_parse_none_str
        )


# The environment of the Settings being built in this thread or task. settings_customise_sources
# is a classmethod with no per-call argument; a ContextVar hands it the mapping without any state
# shared between threads.
_ENVIRON: ContextVar[Mapping[str, str] | None] = ContextVar("quarterdeck_environ", default=None)


class Settings(BaseSettings):
    """Everything Quarterdeck is configured with."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    notion: NotionSettings = Field(default_factory=NotionSettings)
    databases: DatabaseSettings
    data_sources: DataSourceNames = Field(default_factory=DataSourceNames)
    fields: FieldMap = Field(default_factory=FieldMap)
    statuses: StatusSettings = Field(default_factory=StatusSettings)
    quarter: QuarterSettings = Field(default_factory=QuarterSettings)
    rules: RuleSettings = Field(default_factory=RuleSettings)
    health: HealthSettings = Field(default_factory=HealthSettings)
    sync: SyncSettings = Field(default_factory=SyncSettings)
    locale: Literal["en", "fr"] = "en"
    token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices(TOKEN_VARIABLE), exclude=True, repr=False
    )
    """From the ``NOTION_TOKEN`` environment variable only (the loader refuses it in a file)."""

    @classmethod
    def from_sources(cls, file_values: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
        """``file_values`` (the parsed TOML) overridden by the variables in ``environ``.

        ``environ`` is only read: pass ``os.environ`` itself or any other mapping.
        """
        reset = _ENVIRON.set(environ)
        try:
            return cls(**file_values)
        finally:
            _ENVIRON.reset(reset)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The environment overrides the file (handed in as init values); no .env, no secrets dir.
        environ = _ENVIRON.get()
        if environ is not None:  # from_sources: read its mapping, not os.environ
            env_settings = MappingEnvSettingsSource(settings_cls, environ)
        return (env_settings, init_settings)
