"""Workflow engine (流程引擎): the case state machine as an explicit transition table. Pure Python."""

from sixia.engines.workflow.catalog import (
    CHANNELS,
    DEMAND_TYPES,
    HOTLINE_CHANNELS,
    INITIAL_STATE,
    OUTCOMES,
    PETITION_CLASSES,
    STATES,
    TERMINAL,
    TRACKS,
    URGENCIES,
)
from sixia.engines.workflow.intake import catalog, track_of
from sixia.engines.workflow.table import (
    ACTIONS,
    DESK,
    HEAD,
    LEADERS,
    RE_REVIEWER,
    REGISTER,
    REGISTER_LABEL,
    REVIEWER,
    SYSTEM,
    UNIT,
    Actor,
    CaseView,
    Decision,
    Refused,
    Rule,
    allowed_actions,
    decide,
    effective_roles,
    initial_state,
)

__all__ = [
    "ACTIONS", "CHANNELS", "DEMAND_TYPES", "DESK", "HEAD", "HOTLINE_CHANNELS", "INITIAL_STATE", "LEADERS",
    "OUTCOMES", "PETITION_CLASSES", "REGISTER", "REGISTER_LABEL", "REVIEWER", "RE_REVIEWER", "STATES", "SYSTEM",
    "TERMINAL", "TRACKS", "UNIT", "URGENCIES", "Actor", "CaseView", "Decision", "Refused", "Rule", "allowed_actions", "catalog",
    "decide", "effective_roles", "initial_state", "track_of",
]
