"""Checks of a new case's catalogue values, and the catalogue itself."""

from __future__ import annotations

from sixia.engines.workflow.catalog import (
    CHANNELS,
    DEMAND_TYPES,
    HOTLINE_CHANNELS,
    OUTCOMES,
    PETITION_CLASSES,
    STATES,
    URGENCIES,
)
from sixia.engines.workflow.table import ACTIONS, Refused


def track_of(*, channel: str, demand_type: str = "", petition_class: str = "", urgency: str = "") -> str:
    """Validate the catalogue values of a new case; returns its path (``petition`` or ``hotline``)."""
    if urgency and urgency not in URGENCIES:
        raise Refused("invalid", "unknown_urgency", f"紧急程度无效：{urgency}", "unknown urgency class", "urgency")
    if channel not in CHANNELS:
        raise Refused("invalid", "unknown_channel", f"来源渠道无效：{channel}", f"unknown channel: {channel}", "channel")
    if demand_type and demand_type not in DEMAND_TYPES:
        raise Refused("invalid", "unknown_demand_type", f"诉求类型无效：{demand_type}", "unknown demand type",
                      "demand_type")
    if petition_class and petition_class not in PETITION_CLASSES:
        raise Refused("invalid", "unknown_petition_class", f"信访类别无效：{petition_class}", "unknown petition class",
                      "petition_class")
    return "hotline" if channel in HOTLINE_CHANNELS else "petition"


def catalog() -> dict[str, dict[str, str]]:
    return {
        "channel": dict(CHANNELS), "demand_type": dict(DEMAND_TYPES), "petition_class": dict(PETITION_CLASSES),
        "outcome": dict(OUTCOMES), "urgency": dict(URGENCIES), "state": dict(STATES), "action": {a: r.label for a, r in ACTIONS.items()},
    }
