"""Each logical field is described once, and everything that depends on it agrees with it."""

from __future__ import annotations

from dataclasses import fields

import pytest

from schemas.fields import DATABASES, Database, FieldMap, Holds, Output, database_of
from schemas.models import Kind, Page
from schemas.settings import DatabaseSettings, DataSourceNames

PAGE_BOOKKEEPING = {f.name for f in fields(Page)} - {"title"}
"""What every entity has from its page object rather than from a mapped property."""
FILLED_WITH_STATUS = {"state"}
"""Filled by the status field along with ``status`` (what the status means)."""


@pytest.mark.parametrize("database", DATABASES.values(), ids=list(DATABASES))
def test_every_model_attribute_is_filled_by_exactly_one_field(database: Database) -> None:
    attributes = [spec.attribute for spec in database.specs if spec.attribute is not None]
    assert len(attributes) == len(set(attributes))
    model = {f.name for f in fields(database.model)} - PAGE_BOOKKEEPING - FILLED_WITH_STATUS
    assert set(attributes) == model


@pytest.mark.parametrize("database", DATABASES.values(), ids=list(DATABASES))
def test_a_field_is_either_read_or_written(database: Database) -> None:
    for spec in database.specs:
        assert (spec.holds is None) != (spec.output is None), spec.key
        assert spec.output is None or (spec.attribute is None and not spec.required)
        assert spec.types, spec.key


def test_the_configuration_tables_have_one_key_per_database() -> None:
    for table in (DatabaseSettings, DataSourceNames, FieldMap):
        assert list(table.model_fields) == list(DATABASES), table.__name__


def test_each_kind_has_one_database() -> None:
    assert [database_of(kind).kind for kind in Kind] == list(Kind)


def test_defaults_are_the_names_of_the_default_schema() -> None:
    epics = DATABASES["epics"]
    spec = epics.spec("kpi_baseline")
    assert spec is not None
    assert spec.default == "KPI baseline"
    assert FieldMap().epics.property_name("kpi_baseline") == "KPI baseline"
    renamed = FieldMap.model_validate({"epics": {"kpi_baseline": "KPI départ"}})
    assert renamed.of("epics").property_name("kpi_baseline") == "KPI départ"


def test_outputs_are_held_by_the_property_type_their_output_names() -> None:
    progress = DATABASES["streams"].spec("progress")
    assert progress is not None
    assert progress.output is Output.PERCENT
    assert progress.accepts("number")
    assert not progress.accepts("formula")


def test_a_dated_field_and_a_day_field_accept_the_same_types_yet_read_differently() -> None:
    assert Holds.DATE.types == Holds.DAY.types
    assert len({Holds.DATE, Holds.DAY}) == 2  # equal types must not make DAY an alias of DATE
