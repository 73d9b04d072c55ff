"""Side actions: writes on a case that add to its file without moving its state — the 包案 desk (``set_leader``,
``leader_note``, ``leader_signoff``) and the 督办 desk (``urge``, ``supervise``, ``flag_supervise``,
``answer_supervision``). The case action endpoint and the case page accept them beside the workflow actions;
each names the right its service checks, so the API and the page can refuse before reading the form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sixia.cases import permissions as rights
from sixia.cases import workflow
from sixia.cases.models import Case, Supervision
from sixia.cases.services import leaders, supervising
from sixia.core import permissions


@dataclass(frozen=True)
class SideAction:
    code: str
    right: str
    run: Callable[..., object]  # (actor, case, args, now) → the row written


def _set_leader(actor, case, args, now):
    return leaders.set_owner_leader(actor=actor, case=case, official=args.get("official_id"),
                                    reason=args.get("reason") or "", now=now)


def _leader_note(actor, case, args, now):
    return leaders.add_leader_note(actor=actor, case=case, text=args.get("text") or "", now=now)


def _leader_signoff(actor, case, args, now):
    return leaders.add_leader_note(actor=actor, case=case, text=args.get("text") or "", sign_off=True, now=now)


def _supervising(level: int) -> Callable[..., object]:
    def run(actor, case, args, now):
        return supervising.supervise_case(actor=actor, case=case, level=level, reason=args.get("reason") or "",
                                          reply_by=args.get("reply_by"), now=now)
    return run


def _answer(actor, case, args, now):
    return supervising.answer_supervision(actor=actor, case=case, text=args.get("text") or "", now=now)


SIDE_ACTIONS: dict[str, SideAction] = {a.code: a for a in [
    SideAction("set_leader", rights.SET_LEADER, _set_leader),
    SideAction("leader_note", rights.LEAD, _leader_note),
    SideAction("leader_signoff", rights.LEAD, _leader_signoff),
    *[SideAction(code, rights.SUPERVISE, _supervising(level)) for code, level in supervising.LEVELS.items()],
    SideAction("answer_supervision", rights.ANSWER_SUPERVISION, _answer),
]}


def perform_side_action(*, actor, case: Case, action: str, args: dict, now: datetime | None = None) -> None:
    """Run one side action (the service checks the right, locks the row and checks ``case.version``)."""
    SIDE_ACTIONS[action].run(actor, case, dict(args or {}), now)


def right_of(action: str) -> str:
    """The right an action of the case endpoint needs: its own for a side action, ``cases.act`` otherwise."""
    side = SIDE_ACTIONS.get(action)
    return side.right if side else rights.ACT


def allowed_side_actions(case: Case, user, *, new: bool = False) -> list[str]:
    """The side actions to offer on the case page now (the services decide again when it is posted). ``new``: a
    case just registered, which has no supervision to answer."""
    allowed: list[str] = []
    open_case = case.state not in workflow.TERMINAL
    if open_case and permissions.allows(user, rights.SET_LEADER):
        allowed.append("set_leader")
    leader = case.owner_leader
    owner = leader is not None and leader.user_id == getattr(user, "pk", None)
    if owner and not case.leader_signed_off_at and permissions.allows(user, rights.LEAD):
        allowed.append("leader_note")
        if case.state in leaders.SIGN_OFF_STATES:
            allowed.append("leader_signoff")
    if open_case and permissions.allows(user, rights.SUPERVISE) and (case.responsible_unit_id or case.first_receiver_id):
        allowed.extend(supervising.LEVELS)
    if (not new and permissions.allows(user, rights.ANSWER_SUPERVISION) and getattr(user, "unit_id", None)
            and Supervision.objects.filter(case=case, unit_id=user.unit_id, answered_at__isnull=True).exists()):
        allowed.append("answer_supervision")
    return allowed
