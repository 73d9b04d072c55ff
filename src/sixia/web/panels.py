"""Home-page panels contributed by apps: ``<app>.panels.home_panels(request) -> list[Panel]``.

Discovered like API routers, so a new app adds its panel to the officials' home page without editing here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps


@dataclass
class Panel:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50


def collect(request) -> list[Panel]:
    panels: list[Panel] = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.panels"
        if not config.name.startswith("sixia.") or config.name == "sixia.web" or find_spec(module_name) is None:
            continue
        provider = getattr(import_module(module_name), "home_panels", None)
        if provider is not None:
            panels.extend(provider(request))
    return sorted(panels, key=lambda p: p.order)
