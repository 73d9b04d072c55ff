"""Discovery of what apps contribute: each installed ``sixia.*`` app's ``<app>.<module>`` module.

API routers (``api``), page panels and menu badges (``panels``, ``nav``) and demo data (``demo``) are found this
way, so a new app adds its part without editing the collecting code.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps


def app_modules(module: str, *, skip: str = "") -> Iterator[tuple[str, ModuleType]]:
    """(app name, ``<app>.<module>``) for every installed sixia app that has one, in INSTALLED_APPS order;
    ``skip`` names the collecting app itself."""
    for config in apps.get_app_configs():
        name = f"{config.name}.{module}"
        if config.name.startswith("sixia.") and config.name != skip and find_spec(name) is not None:
            yield config.name, import_module(name)
