"""Panels contributed by apps, found by hook name in ``<app>.panels``:

* ``home_panels(request) -> list[Panel]`` — the officials' home page;
* ``region_panels(request, region) -> list[Panel]`` — the region page (区划概况) of one region that the
  view has already checked is inside the user's jurisdiction.

Discovered like API routers, so a new app adds its panel to a page without editing here. A provider returns
no panel when it has nothing to say for this user, or a panel whose template says so in a short sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sixia.core.hooks import app_modules

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
    for _app, module in app_modules("panels", skip="sixia.web"):
        provider = getattr(module, hook, None)
        if provider is not None:
            panels.extend(provider(request, *args))
    return sorted(panels, key=lambda p: p.order)
