"""Each package's docstring is a true map of its modules: a new module must be placed on it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PACKAGES = ("schemas", "sync", "jobs", "jobs.render", "jobs.rules", "quarterdeck")


@pytest.mark.parametrize("package", PACKAGES)
def test_the_package_docstring_names_every_module(package: str) -> None:
    doc = importlib.import_module(package).__doc__ or ""
    folder = ROOT.joinpath(*package.split("."))
    modules = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("__"))
    unnamed = [m for m in modules if f"``{m}``" not in doc and f"{package}.{m}`" not in doc]
    assert not unnamed, f"{package}/__init__.py does not say what these hold: {unnamed}"
