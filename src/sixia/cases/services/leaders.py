"""领导包案: a named leader owns a case (``set_leader``), writes progress notes (``leader_note``) and signs it
off (``leader_signoff``, 销号) once the case is closed or finalized.

Who may: ``cases.set_leader`` names or changes the leader (the desk, the head of the organ); ``cases.lead`` is
the leaders' right, and of them only the leader named on the case writes its notes and signs it off — 四包 is
a personal duty, so neither the desk nor another leader writes in the owner's name (403). Outside the
jurisdiction the case is not found (404, by the caller's selector). Each write locks the row, checks the
version, and leaves one CaseEvent (internal) and one audit entry."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from sixia.cases import permissions as rights
from sixia.cases import workflow
from sixia.cases.models import Case, LeaderNote
from sixia.cases.notifications import notify
from sixia.cases.services.intake import record_event
from sixia.cases.services.locking import lock_case
from sixia.core import audit, jurisdiction, permissions
from sixia.core.errors import Conflict, Forbidden, InvalidInput
from sixia.org.models import Official

SIGN_OFF_STATES = frozenset({"closed", "finalized"})  # 已办结, 已终结 (engines/workflow/catalog.py)
TEXT_MAX = 4000


def required_text(value, *, field: str, zh: str, en: str) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if not text:
        raise InvalidInput(f"{field}_required", zh, en, field=field)
    if len(text) > TEXT_MAX:
        raise InvalidInput("text_too_long", f"内容不能超过 {TEXT_MAX} 字", f"at most {TEXT_MAX} characters", field=field)
    return text


def leader_for(actor, official_id) -> Official:
    """The official to name: an active leader whose unit lies in the actor's jurisdiction (else 422)."""
    try:
        pk = int(official_id)
    except (TypeError, ValueError):
        pk = 0
    official = Official.objects.select_related("unit").filter(pk=pk, is_active=True, is_leader=True).first() if pk \
        else None
    if official is None or (actor is not None and not jurisdiction.covers(actor, official.unit.region_id)):
        raise InvalidInput("invalid_leader", "包案领导须为管辖范围内在职的领导干部",
                           "the owner must be an active leader in your jurisdiction", field="official_id")
    return official


def set_owner_leader(*, actor, case: Case, official: Official | int, reason: str = "",
                     now: datetime | None = None) -> Case:
    """Name (or change) the leader who owns the case; a new owner starts unsigned."""
    permissions.require(actor, rights.SET_LEADER)
    now = now or timezone.now()
    reason = required_text(reason, field="reason", zh="请填写指定或更换包案领导的理由", en="a reason is required")
    official = leader_for(actor, official.pk if isinstance(official, Official) else official)
    with transaction.atomic():
        locked = lock_case(case)
        if locked.state in workflow.TERMINAL:
            raise Conflict("case_closed", "该诉求已办结或终结，不能再指定包案领导", "the case is closed; it takes no new owner")
        if locked.owner_leader_id == official.pk:
            raise InvalidInput("same_leader", "该领导已是本件的包案领导", "this leader already owns the case",
                               field="official_id")
        previous = locked.owner_leader
        locked.owner_leader, locked.leader_signed_off_at = official, None
        locked.version += 1
        locked.save(update_fields=["owner_leader", "leader_signed_off_at", "version", "updated_at"])
        record_event(case=locked, actor=actor, action="own", from_state=locked.state, to_state=locked.state, at=now,
                     reason=reason, data={"official_id": official.pk, "official": official.name,
                                          "previous_official": previous.name if previous else ""})
        if official.user_id:
            notify(user=official.user, case=locked, kind="leader_owned",
                   title=f"您被指定为诉求 {locked.tracking_no} 的包案领导：{locked.title}", body=reason)
        audit.record(audit.Action.ACTION, obj=locked, actor=actor,
                     summary=f"领导包案 {locked.tracking_no} {official.name}",
                     changes={"owner_leader": [previous.pk if previous else None, official.pk]})
    return locked


def _owned_for_writing(actor, case: Case) -> tuple[Case, Official]:
    """The locked case and its leader, refused unless ``actor`` is that leader (the system may write for anyone)."""
    locked = lock_case(case)
    leader = locked.owner_leader
    if leader is None:
        raise Conflict("no_owner_leader", "该诉求没有包案领导", "this case has no owning leader")
    if actor is not None and leader.user_id != actor.pk:
        raise Forbidden("not_owner", "只有本件的包案领导本人可以填写包案进展和销号",
                        "only the leader who owns this case writes its notes and signs it off")
    if locked.leader_signed_off_at:
        raise Conflict("signed_off", "该包案已销号", "this ownership is already signed off")
    return locked, leader


def add_leader_note(*, actor, case: Case, text: str, sign_off: bool = False, now: datetime | None = None) -> LeaderNote:
    """A progress note by the owning leader; ``sign_off`` is 销号, only once the case is closed or finalized."""
    permissions.require(actor, rights.LEAD)
    now = now or timezone.now()
    text = required_text(text, field="text", zh="进展内容不能为空", en="the note needs text")
    with transaction.atomic():
        locked, leader = _owned_for_writing(actor, case)
        if sign_off and locked.state not in SIGN_OFF_STATES:
            raise Conflict("not_closed", "诉求办结或终结后才能销号", "a case is signed off only once it is closed or finalized")
        note = LeaderNote.objects.create(case=locked, official=leader, at=now, text=text,
                                         sign_off=sign_off)
        if sign_off:
            locked.leader_signed_off_at = now
            locked.version += 1
            locked.save(update_fields=["leader_signed_off_at", "version", "updated_at"])
        record_event(case=locked, actor=actor, action="leader_sign_off" if sign_off else "leader_note",
                     from_state=locked.state, to_state=locked.state, at=now, reason=text,
                     data={"official": leader.name})
        audit.record(audit.Action.ACTION, obj=locked, actor=actor,
                     summary=f"{'包案销号' if sign_off else '包案进展'} {locked.tracking_no}")
    return note
