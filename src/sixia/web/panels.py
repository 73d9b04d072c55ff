"""Panels contributed by apps, found by hook name in ``<app>.panels``:

* ``home_panels(request) -> list[Panel]`` — the officials' home page;
* ``region_panels(request, region) -> list[Panel]`` — the region page (区划概况) of one region that the
  view has already checked is inside the user's jurisdiction.

Discovered like API routers, so a new app adds its panel to a page without editing here. A provider returns
no panel when it has nothing to say for this user, or a panel whose template says so in a short sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps

HOOKS = ("home_panels", "region_panels")


@dataclass
class Panel:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50


def collect(request, *args: Any, hook: str = "home_panels") -> list[Panel]:
    """Every installed sixia app's ``panels.<hook>(request, *args)``, by ``order``."""
    if hook not in HOOKS:  # a typo would otherwise silently show an empty page
        raise ValueError(f"unknown panel hook: {hook}")
    panels: list[Panel] = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.panels"
        if not config.name.startswith("sixia.") or config.name == "sixia.web" or find_spec(module_name) is None:
            continue
        provider = getattr(import_module(module_name), hook, None)
        if provider is not None:
            panels.extend(provider(request, *args))
    return sorted(panels, key=lambda p: p.order)
