"""The 督办 desk: 催办, 督办 and 挂牌督办 by hand (``urge``, ``supervise``, ``flag_supervise``), beside the
automatic escalation of the deadline scan (``services.supervision``), and the supervised unit's answer
(``answer_supervision``).

A manual supervision names a reason and a reply-by date, is addressed to the responsible unit (a
``Supervision`` row with ``unit`` and ``reply_by``, open until the unit answers), tells that unit through its
inbox, and raises ``Case.supervision_level`` to at least its level — never lowers what the scan set. The
notes are internal (not shown to the petitioner): they are the administration's pressure on itself."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from sixia.cases import deadlines, workflow
from sixia.cases import permissions as rights
from sixia.cases.models import Case, Supervision, SupervisionLevel
from sixia.cases.notifications import notify
from sixia.cases.services.intake import record_event
from sixia.cases.services.leaders import required_text
from sixia.cases.services.locking import lock_case
from sixia.core import audit, permissions
from sixia.core.errors import Conflict, Forbidden, InvalidInput

REPLY_BY_MAX_DAYS = 90  # a reply-by date further out is a typo (督办 asks for an answer within days or weeks)
LEVELS = {"urge": SupervisionLevel.REMIND, "supervise": SupervisionLevel.SUPERVISE,
          "flag_supervise": SupervisionLevel.LISTED}


def reply_by_from(value, now: datetime) -> date:
    """The reply-by date: required, YYYY-MM-DD, not before today, at most ``REPLY_BY_MAX_DAYS`` ahead."""
    if not value:
        raise InvalidInput("reply_by_required", "请填写答复期限", "a reply-by date is required", field="reply_by")
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InvalidInput("invalid_date", "答复期限格式应为 YYYY-MM-DD", "reply_by must be YYYY-MM-DD",
                           field="reply_by") from None
    today = deadlines.local_date(now)
    if day < today or day > today + timedelta(days=REPLY_BY_MAX_DAYS):
        raise InvalidInput("invalid_reply_by", f"答复期限应在今天至{REPLY_BY_MAX_DAYS}天之内",
                           f"the reply-by date must lie between today and {REPLY_BY_MAX_DAYS} days ahead",
                           field="reply_by")
    return day


def supervise_case(*, actor, case: Case, level: int, reason: str, reply_by, now: datetime | None = None) -> Supervision:
    """催办 (1), 督办 (2) or 挂牌督办 (3) by hand, addressed to the responsible unit."""
    permissions.require(actor, rights.SUPERVISE)
    now = now or timezone.now()
    level = SupervisionLevel(level)
    reason = required_text(reason, field="reason", zh="请填写督办理由", en="a reason is required")
    day = reply_by_from(reply_by, now)
    with transaction.atomic():
        locked = lock_case(case)
        if locked.state in workflow.TERMINAL:
            raise Conflict("case_closed", "该诉求已办结或终结，无需督办", "the case is closed; there is nothing to supervise")
        unit = locked.responsible_unit or locked.first_receiver
        if unit is None:
            raise Conflict("no_unit", "该诉求尚无承办单位，无法督办", "the case has no unit to supervise yet")
        row = Supervision.objects.create(case=locked, level=level, at=now, by=actor if getattr(actor, "pk", None)
                                         else None, automatic=False, note=reason, unit=unit, reply_by=day)
        locked.supervision_level = max(locked.supervision_level, level)  # never below what the scan set
        locked.supervised_at = now
        locked.version += 1
        locked.save(update_fields=["supervision_level", "supervised_at", "version", "updated_at"])
        action = "urge" if level == SupervisionLevel.REMIND else (
            "supervise" if level == SupervisionLevel.SUPERVISE else "flag_supervise")
        record_event(case=locked, actor=actor, action=action, from_state=locked.state, to_state=locked.state, at=now,
                     reason=reason, data={"level": int(level), "unit": unit.name, "unit_id": unit.pk,
                                          "reply_by": day.isoformat(), "supervision_id": row.pk})
        notify(unit=unit, case=locked, kind="supervise",
               title=f"诉求 {locked.tracking_no} 被{level.label}，请于 {day:%Y-%m-%d} 前答复", body=reason)
        audit.record(audit.Action.ACTION, obj=locked, actor=actor, summary=f"{level.label} {locked.tracking_no}",
                     changes={"level": int(level), "unit_id": unit.pk, "reply_by": day.isoformat()})
    return row


def answer_supervision(*, actor, case: Case, text: str, now: datetime | None = None) -> list[Supervision]:
    """The supervised unit answers: closes every open supervision of the case addressed to the actor's unit."""
    permissions.require(actor, rights.ANSWER_SUPERVISION)
    now = now or timezone.now()
    text = required_text(text, field="text", zh="请填写答复情况", en="the answer needs text")
    with transaction.atomic():
        locked = lock_case(case)
        open_rows = Supervision.objects.select_for_update().filter(case=locked, answered_at__isnull=True)
        if not open_rows.exists():
            raise Conflict("no_open_supervision", "该诉求没有待答复的督办", "this case has no open supervision")
        unit_id = getattr(actor, "unit_id", None) if actor is not None else locked.responsible_unit_id
        rows = list(open_rows.filter(unit_id=unit_id)) if unit_id else []
        if not rows:
            raise Forbidden("not_supervised_unit", "只有被督办单位可以答复督办", "only the supervised unit answers")
        Supervision.objects.filter(pk__in=[r.pk for r in rows]).update(
            answered_at=now, answered_by=actor if getattr(actor, "pk", None) else None, answer=text)
        record_event(case=locked, actor=actor, action="answer_supervision", from_state=locked.state,
                     to_state=locked.state, at=now, reason=text, data={"answered": len(rows)})
        for by_id in {r.by_id for r in rows if r.by_id is not None}:
            notify(user=_user(by_id), case=locked, kind="supervision_answered",
                   title=f"诉求 {locked.tracking_no} 的督办已答复", body=text)
        audit.record(audit.Action.ACTION, obj=locked, actor=actor, summary=f"答复督办 {locked.tracking_no}",
                     changes={"supervisions": [r.pk for r in rows]})
    for row in rows:
        row.answered_at, row.answer = now, text
    return rows


def _user(pk: int):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=pk)
