"""Workflow adapter: turns a Case row and a User into the engine's CaseView and Actor, and the engine's
refusals into domain errors (409 not now, 403 not you, 422 bad input).

The transition table itself lives in ``sixia.engines.workflow`` (pure Python); the names below are re-exported
so that the rest of the app keeps importing them from here.
"""

from __future__ import annotations

from datetime import datetime
from typing import NoReturn

from sixia.core.errors import Conflict, DomainError, Forbidden, InvalidInput
from sixia.engines import workflow as engine
from sixia.engines.workflow import (  # noqa: F401  (re-exported public names)
    ACTIONS,
    CHANNELS,
    DEMAND_TYPES,
    DESK,
    HOTLINE_CHANNELS,
    LEADERS,
    OUTCOMES,
    PETITION_CLASSES,
    STATES,
    TERMINAL,
    UNIT,
    Actor,
    Decision,
    Rule,
)

_ERRORS: dict[str, type[DomainError]] = {"not_now": Conflict, "forbidden": Forbidden}


def _raise(refused: engine.Refused) -> NoReturn:
    cls = _ERRORS.get(refused.kind, InvalidInput)
    raise cls(refused.code, refused.message_zh, refused.message_en, field=refused.field) from refused


def actor_of(user) -> Actor:
    if user is None:
        return engine.SYSTEM  # the system itself
    roles = set(user.roles)
    if user.is_superuser:
        roles.add("admin")
    return Actor(user.pk, frozenset(roles), user.unit_id)


def reviews_apply(case) -> bool:
    """复查/复核 (信访工作条例第35、36条) apply to petitions; to 12345 orders only when CaseSettings says so."""
    if (case.track or "petition") != "hotline":
        return True
    from sixia.cases.models import CaseSettings

    return CaseSettings.current().hotline_reviews


def view_of(case) -> engine.CaseView:
    return engine.CaseView(state=case.state, responsible_unit_id=case.responsible_unit_id,
                           suspended_from=case.suspended_from or "", track=case.track or "petition",
                           review_unit_id=getattr(case, "review_unit_id", None),
                           re_review_unit_id=getattr(case, "re_review_unit_id", None),
                           reviews_apply=reviews_apply(case), demand_type=getattr(case, "demand_type", "") or "")


def decide(case, action: str, user, args: dict, now: datetime) -> Decision:
    """Is ``action`` legal now for ``user``? Raises Conflict (not now) or Forbidden (not you)."""
    try:
        return engine.decide(view_of(case), action, None if user is None else actor_of(user),
                             reason=args.get("reason") or "")
    except engine.Refused as refused:
        _raise(refused)


def allowed_actions(case, user) -> list[str]:
    return engine.allowed_actions(view_of(case), actor_of(user))


def initial_state(track: str) -> str:
    try:
        return engine.initial_state(track)
    except engine.Refused as refused:
        _raise(refused)


def validate_intake(*, channel: str, demand_type: str, petition_class: str, urgency: str = "") -> str:
    """Check the catalogue values of a new case; returns its track (petition or hotline)."""
    try:
        return engine.track_of(channel=channel, demand_type=demand_type, petition_class=petition_class,
                               urgency=urgency)
    except engine.Refused as refused:
        _raise(refused)


def catalog() -> dict:
    return engine.catalog()
