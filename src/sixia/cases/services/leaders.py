"""领导包案: a named leader owns a case, writes periodic progress notes, and signs it off (销号)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from sixia.cases.models import Case, LeaderNote
from sixia.cases.services.intake import record_event
from sixia.core import audit, jurisdiction
from sixia.core.errors import Conflict, Forbidden, InvalidInput
from sixia.org.models import Official


def _may_manage(actor) -> bool:
    return actor is None or actor.has_role("admin", "dispatcher", "leader")


@transaction.atomic
def set_owner_leader(*, actor, case: Case, official: Official, now: datetime | None = None) -> Case:
    now = now or timezone.now()
    if not _may_manage(actor):
        raise Forbidden("not_permitted", "您无权指定包案领导", "you may not name the owning leader")
    if not official.is_leader or (actor is not None and not jurisdiction.covers(actor, official.unit.region_id)):
        raise InvalidInput("invalid_leader", "包案领导须为管辖范围内的领导干部", "the owner must be a leader in your jurisdiction",
                           field="official_id")
    case = Case.objects.select_for_update().get(pk=case.pk)
    case.owner_leader, case.leader_signed_off_at = official, None
    case.version += 1
    case.save(update_fields=["owner_leader", "leader_signed_off_at", "version", "updated_at"])
    record_event(case=case, actor=actor, action="own", from_state=case.state, to_state=case.state, at=now,
                 data={"official_id": official.pk, "official": official.name})
    audit.record(audit.Action.ACTION, obj=case, actor=actor, summary=f"领导包案 {case.tracking_no} {official.name}")
    return case


@transaction.atomic
def add_leader_note(*, actor, case: Case, text: str, sign_off: bool = False, now: datetime | None = None) -> LeaderNote:
    """A progress note by the owning leader (or the desk on the leader's behalf); ``sign_off`` is 销号."""
    now = now or timezone.now()
    case = Case.objects.select_for_update(of=("self",)).select_related("owner_leader").get(pk=case.pk)
    if case.owner_leader is None:
        raise Conflict("no_owner_leader", "该诉求没有包案领导", "this case has no owning leader")
    is_owner = actor is not None and case.owner_leader.user_id == actor.pk
    if not (is_owner or _may_manage(actor)):
        raise Forbidden("not_permitted", "只有包案领导或受理派单员可以填写包案进展", "only the owning leader may add notes")
    if case.leader_signed_off_at:
        raise Conflict("signed_off", "该包案已销号", "this ownership is already signed off")
    text = (text or "").strip()
    if not text:
        raise InvalidInput("text_required", "进展内容不能为空", "the note needs text", field="text")
    note = LeaderNote.objects.create(case=case, official=case.owner_leader, at=now, text=text, sign_off=sign_off)
    if sign_off:
        case.leader_signed_off_at = now
        case.version += 1
        case.save(update_fields=["leader_signed_off_at", "version", "updated_at"])
    action = "leader_sign_off" if sign_off else "leader_note"
    record_event(case=case, actor=actor, action=action, from_state=case.state, to_state=case.state, at=now,
                 reason=text, data={"official": case.owner_leader.name})
    audit.record(audit.Action.ACTION, obj=case, actor=actor,
                 summary=f"{'包案销号' if sign_off else '包案进展'} {case.tracking_no}")
    return note
