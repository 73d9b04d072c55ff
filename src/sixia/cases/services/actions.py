"""Workflow actions on a case: one transaction, a row lock and a version check, one CaseEvent, one audit entry.

``perform_action`` asks the workflow (``cases.workflow``) whether the action is legal now; an illegal action
raises ``Conflict`` (HTTP 409) and changes nothing. Two users acting at once cannot both succeed: the row is
locked with ``SELECT … FOR UPDATE`` and the caller's ``version`` must still be the current one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from sixia.cases import deadlines, labels, workflow
from sixia.cases import permissions as rights
from sixia.cases.models import Assignment, Case, ReturnVisit
from sixia.cases.notifications import notify
from sixia.cases.services import notices
from sixia.cases.services.intake import apply_clock, dispatch_rule_for, record_event
from sixia.core import audit, jurisdiction, permissions, plausibility
from sixia.core.errors import Conflict, InvalidInput, NotFound
from sixia.org.models import Unit

Effect = Callable[[Case, dict, object, datetime], dict]
ACTIVE_ASSIGNMENT = [Assignment.Status.PENDING, Assignment.Status.SIGNED]


def perform_action(*, actor, case: Case, action: str, args: dict, now: datetime | None = None,
                   on_site: bool = False, author: str = "", event_data: dict | None = None) -> Case:
    """Perform one workflow action; returns the updated case. Raises Conflict when not allowed now.

    ``author`` and ``event_data`` (the system only, ``actor=None``): who the event names instead of "系统" and
    what it adds to its data — the public portal's rating (``sixia.public.services``).

    ``on_site`` (only from ``create_case``, after its ``cases.hand_out_on_site`` check): the accept and assign
    of 现场交办, which the workflow allows as the desk would while the event names the official who handed it out.
    """
    if actor is not None and (author or event_data):
        raise ValueError("author/event_data are for the system acting for the public")
    permissions.require(actor, rights.ACT)
    now = now or timezone.now()
    args = dict(args or {})
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).select_related("category").filter(pk=case.pk).first()
        if locked is None:
            raise NotFound("not_found", "诉求不存在", "case not found")
        if locked.version != case.version:
            raise Conflict("stale_case", "该诉求已被他人处理，请刷新后重试", "the case changed meanwhile; reload and retry")
        decision = workflow.decide(locked, action, None if on_site else actor, args, now)
        before = _values(locked)
        data = EFFECTS.get(action, _no_effect)(locked, args, actor, now)
        if on_site:
            data = data | {"on_site": True}
        locked.state = decision.to_state
        locked.version += 1
        locked.save(update_fields=_changed(locked, before) | {"state", "version", "updated_at"})
        reason = (args.get("reason") or args.get("text") or args.get("note") or "").strip()
        record_event(case=locked, actor=actor, action=action, from_state=decision.from_state,
                     to_state=decision.to_state, at=now, reason=reason, data=data | (event_data or {}),
                     public=decision.public, author=author)
        audit.record(audit.Action.ACTION, obj=locked, actor=actor,
                     summary=f"{workflow.ACTIONS[action].label} {locked.tracking_no}",
                     changes={"action": action, "state": [decision.from_state, decision.to_state]})
    return locked


def _values(case: Case) -> dict[str, object]:
    return {f.name: getattr(case, f.attname) for f in Case._meta.concrete_fields if not f.primary_key}


def _changed(case: Case, before: dict[str, object]) -> set[str]:
    """The fields an effect changed on the freshly locked row. Saving only these (not the whole row) is what
    lets post_save hooks skip actions that cannot touch what they watch (the repeat index reads the text);
    computed rather than listed per action, so that a field a new effect sets is never silently dropped."""
    return {name for name, value in _values(case).items() if before[name] != value}


def _no_effect(case, args, actor, now) -> dict:
    return {}


def _stop(case: Case, now: datetime, *, closed: bool = True) -> None:
    apply_clock(case, None, now)
    if closed:
        case.closed_at = now


def _unit(actor, unit_id) -> Unit:
    unit = Unit.objects.filter(pk=unit_id, is_active=True).select_related("region").first() if unit_id else None
    if unit is None:
        raise InvalidInput("unknown_unit", "承办单位不存在", "unknown responsible unit", field="unit_id")
    return unit


def _due_from_args(args: dict) -> datetime | None:
    raw = args.get("due_date")
    if not raw:
        return None
    try:
        day = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
    except ValueError:
        raise InvalidInput("invalid_date", "期限日期格式应为 YYYY-MM-DD", "due_date must be YYYY-MM-DD",
                           field="due_date")
    return deadlines.end_of_day(day)


def _outcome(args: dict, *, required: bool = True) -> tuple[str, str]:
    outcome, text = (args.get("outcome") or "").strip(), (args.get("text") or "").strip()
    if required and outcome not in workflow.OUTCOMES:
        raise InvalidInput("invalid_outcome", "处理结果应为：予以支持、作出解释说明、不予支持、调解或和解",
                           "outcome must be one of " + ", ".join(workflow.OUTCOMES), field="outcome")
    if required and not text:
        raise InvalidInput("text_required", "答复意见不能为空", "reply text is required", field="text")
    return outcome, text


def _accept(case, args, actor, now) -> dict:
    """受理. The petitioner is told (信访工作条例第23条) through the outbox."""
    case.accepted_at = now
    clock = deadlines.clock_for(case, "handle", now)
    case.handle_due = clock.due_at
    apply_clock(case, clock, now)
    told = notices.enqueue(case=case, kind="accepted", now=now)
    return {"handle_due": clock.due_at.isoformat() if clock.due_at else None} | told


def _terminal(case, args, actor, now) -> dict:
    _stop(case, now)
    return {k: args[k] for k in ("to_organ",) if args.get(k)}


def _reject(case, args, actor, now) -> dict:
    """不予受理, with its reason told to the petitioner (信访工作条例第23条)."""
    data = _terminal(case, args, actor, now)
    return data | notices.enqueue(case=case, kind="not_accepted", context={"reason": args.get("reason", "").strip()},
                                  now=now)


def _dispatch(case: Case, args: dict, actor, now: datetime) -> dict:
    unit_id, copy_unit = args.get("unit_id"), None
    accusation = case.petition_class == ACCUSATION
    if not unit_id:
        # 检举控告 follow the catalogue's row for the 纪检监察 category, whatever the matter's own category
        rule = dispatch_rule_for(category_code=ACCUSATION_CATEGORY if accusation else (
            case.category.code if case.category else ""), region_code=case.region_id)
        if rule is None:
            raise InvalidInput("unit_required", "派单目录中没有对应的承办单位，请指定", "no catalogue entry; name a unit",
                               field="unit_id")
        unit, copy_unit = rule.unit, rule.copy_unit
    else:
        unit = _unit(actor, unit_id)
        if args.get("copy_unit_id"):
            copy_unit = _unit(actor, args["copy_unit_id"])
    if not (jurisdiction.covers(actor, unit.region_id) or case.region_id.startswith(unit.region_id)) and actor:
        raise InvalidInput("unit_outside", "承办单位不在管辖范围内", "unit outside your jurisdiction", field="unit_id")
    if accusation:
        _check_accusation_unit(case, unit)
    due = _due_from_args(args) or case.handle_due
    if due is None:
        due = deadlines.clock_for(case, "handle", now).due_at
        case.handle_due = due
    Assignment.objects.create(case=case, unit=unit, copy_unit=copy_unit, assigned_at=now,
                              assigned_by=actor if getattr(actor, "pk", None) else None, due_at=due,
                              dispute_due=deadlines.dispute_due(case, now), note=(args.get("note") or "").strip())
    case.responsible_unit, case.copy_unit = unit, copy_unit
    if due is not None:
        apply_clock(case, deadlines.with_thresholds("handle", now, due), now)
    notify(unit=unit, case=case, kind="assigned", title=f"新交办诉求 {case.tracking_no}：{case.title}")
    return {"unit_id": unit.pk, "unit": unit.name, "copy_unit": copy_unit.name if copy_unit else "",
            "due": due.isoformat() if due else None}


ACCUSATION = "accusation"
ACCUSATION_CATEGORY = "discipline"


def _check_accusation_unit(case: Case, unit: Unit) -> None:
    """检举控告 go to the discipline and supervision organ (信访工作条例第30条: 纪检监察机关), never to the unit
    accused (第30条第3款、第46条)."""
    if unit.pk == case.respondent_unit_id:
        raise InvalidInput("accused_unit", "检举控告不能交由被检举控告单位办理", "an accusation never goes to the unit accused",
                           field="unit_id")
    if unit.kind != Unit.Kind.SUPERVISION:
        raise InvalidInput("accusation_to_discipline", "检举控告类信访事项应交纪检监察机关办理",
                           "an accusation goes to the discipline and supervision organ", field="unit_id")


def _assign(case, args, actor, now) -> dict:
    return _dispatch(case, args, actor, now)


def _reassign(case, args, actor, now) -> dict:
    previous = case.responsible_unit_id
    case.assignments.filter(status__in=[*ACTIVE_ASSIGNMENT, Assignment.Status.DISPUTED]).update(
        status=Assignment.Status.SUPERSEDED)
    if not args.get("unit_id"):
        raise InvalidInput("unit_required", "改派须指定新的承办单位", "reassign needs a unit", field="unit_id")
    data = _dispatch(case, args, actor, now)
    return data | {"previous_unit_id": previous}


def _current_assignment(case: Case, statuses) -> Assignment:
    row = case.assignments.filter(unit=case.responsible_unit, status__in=statuses).order_by("-assigned_at").first()
    if row is None:
        raise Conflict("no_assignment", "没有待处理的交办记录", "no open assignment for this unit")
    return row


def _sign(case, args, actor, now) -> dict:
    row = _current_assignment(case, [Assignment.Status.PENDING])
    row.status, row.signed_at = Assignment.Status.SIGNED, now
    row.save(update_fields=["status", "signed_at"])
    return {"assignment_id": row.pk}


def _dispute(case, args, actor, now) -> dict:
    row = _current_assignment(case, ACTIVE_ASSIGNMENT)
    if row.dispute_due and now > row.dispute_due:
        raise Conflict("dispute_window_passed", "已超过退单时限（交办后5个工作日），不能退单",
                       "the objection period (5 working days after assignment) has passed")
    row.status, row.disputed_at, row.dispute_reason = Assignment.Status.DISPUTED, now, args["reason"].strip()
    row.save(update_fields=["status", "disputed_at", "dispute_reason"])
    if case.first_receiver_id:
        notify(unit=case.first_receiver, case=case, kind="disputed",
               title=f"诉求 {case.tracking_no} 被退单，请改派", body=row.dispute_reason)
    return {"assignment_id": row.pk, "unit_id": row.unit_id}


def _extend(case, args, actor, now) -> dict:
    """延期 (信访工作条例第34条): approved by the head of the organ, at most 30 days in all, reason told to the
    petitioner.

    Who: only a user with the ``head`` role (机关负责人) may take the action (the workflow table); the approver
    is that user, recorded by id on the case event, never as free text.

    Counting policy: an extension is counted from the *original* handling deadline (the deadline before any
    extension, kept in ``Case.extension_base``), never from the day it is approved nor from the already
    extended deadline: new deadline = original deadline + all days granted so far, in the unit of the
    ``extension`` policy row (calendar days by default). Approving early or late therefore gives the same
    deadline, and two extensions of 10 and 20 days equal one of 30.
    """
    try:
        days = int(args.get("days") or 0)
    except (TypeError, ValueError):
        days = 0
    deadlines.check_extension(case, days)
    base = case.extension_base or case.handle_due or case.due_at or now
    case.extension_base = base
    case.extension_days += days
    case.handle_due = deadlines.add(base, case.extension_days, deadlines.step_kind(case, "extension"))
    apply_clock(case, deadlines.with_thresholds(case.step or "handle", case.step_started_at or now,
                                                case.handle_due), now)
    case.assignments.filter(status__in=ACTIVE_ASSIGNMENT).update(due_at=case.handle_due)
    reason = (args.get("reason") or "").strip()
    told = notices.enqueue(case=case, kind="extended", now=now, context={
        "days": days, "reason": reason, "due": deadlines.local_date(case.handle_due).isoformat()})
    return {"days": days, "approver_id": getattr(actor, "pk", None),
            "approver": getattr(actor, "display_name", "") or getattr(actor, "username", ""),
            "original_due": base.isoformat(), "handle_due": case.handle_due.isoformat()} | told


def _suspend(case, args, actor, now) -> dict:
    case.suspended_at, case.suspended_from = now, case.state
    return {}


RESUMED_CLOCKS = (("due_at", None), ("handle_due", "handle"), ("extension_base", "handle"), ("accept_due", "accept"))


def _resume(case, args, actor, now) -> dict:
    """恢复. Suspended time is not counted (信访工作条例第36条 for a 复核 hearing; the same for every suspension),
    and the time left is carried over in the clock's own unit: a working-day clock keeps its remaining working
    days, a calendar-day clock its remaining days, an hour clock its hours; a resumed day deadline never falls
    on a rest day (``engines.deadlines.resumed_due``)."""
    if case.suspended_at is None:
        paused = timedelta(0)
    else:
        paused = now - case.suspended_at
        calendar = deadlines.load_calendar()
        for name, step in RESUMED_CLOCKS:
            value = getattr(case, name)
            if value is not None:
                kind = deadlines.step_kind(case, step or case.step or "handle")
                setattr(case, name, deadlines.resumed(value, kind, case.suspended_at, now, calendar))
        if case.due_at is not None:
            started = deadlines.shift(case.step_started_at, paused) or now
            clock = deadlines.with_thresholds(case.step or "handle", min(started, case.due_at), case.due_at)
            case.approaching_at, case.urgent_at = clock.approaching_at, clock.urgent_at
    case.suspended_at, case.suspended_from = None, ""
    case.warning = deadlines.warning_at(case.due_at, case.approaching_at, case.urgent_at, now)
    case.assignments.filter(status__in=ACTIVE_ASSIGNMENT).update(due_at=case.handle_due)
    return {"paused_seconds": int(paused.total_seconds()),
            "due": case.due_at.isoformat() if case.due_at else None}


def _served_at(case: Case, args: dict, now: datetime) -> datetime:
    """The day the petitioner received the written reply (送达), from ``served_on`` (YYYY-MM-DD); default today.

    It may be earlier than the moment the reply is typed in (a reply handed over before it was entered), never
    in the future nor before the case was registered."""
    raw = args.get("served_on")
    if not raw:
        return now
    try:
        day = raw if isinstance(raw, date) else date.fromisoformat(str(raw)[:10])
    except ValueError:
        raise InvalidInput("invalid_date", "送达日期格式应为 YYYY-MM-DD", "served_on must be YYYY-MM-DD",
                           field="served_on")
    if day > deadlines.local_date(now) or day < deadlines.local_date(case.registered_at):
        raise InvalidInput("invalid_served_on", "送达日期不能晚于今天，也不能早于登记日期",
                           "the service date must lie between registration and today", field="served_on")
    plausibility.check_in_range(day, field="served_on", label_zh="送达日期", label_en="the service date", now=now)
    if day == deadlines.local_date(now):
        return now
    return datetime.combine(day, time(12, 0), tzinfo=deadlines.TZ)


def _reply(case, args, actor, now) -> dict:
    """答复: records the reply and the day it was served on the petitioner (``served_on``, default today), from
    which the 30-day 复查 window runs (信访工作条例第35条); the petitioner is told through the outbox."""
    outcome, text = _outcome(args)
    case.outcome, case.reply_text, case.replied_at = outcome, text, now
    case.reply_served_at = _served_at(case, args, now)
    case.assignments.filter(status=Assignment.Status.SIGNED).update(status=Assignment.Status.DONE)
    apply_clock(case, deadlines.clock_for(case, "return_visit", now), now)
    told = notices.enqueue(case=case, kind="replied", now=now,
                           context={"outcome": labels.OUTCOMES.get(outcome, outcome), "text": text})
    return {"outcome": outcome, "served_on": deadlines.local_date(case.reply_served_at).isoformat()} | told


def _satisfaction(args: dict, *, required: bool) -> str:
    value = (args.get("satisfaction") or "").strip()
    if (required or value) and value not in ReturnVisit.Satisfaction.values:
        raise InvalidInput("invalid_satisfaction", "满意度应为：满意、基本满意或不满意",
                           "satisfaction must be satisfied|basically|dissatisfied", field="satisfaction")
    return value


def _return_visit(case, args, actor, now) -> dict:
    method = (args.get("method") or "").strip()
    if method not in ReturnVisit.Method.values:
        raise InvalidInput("invalid_method", "回访方式应为：电话、短信、网络或上门", "method must be phone|sms|web|in_person",
                           field="method")
    contacted = bool(args.get("contacted", True))
    satisfaction = _satisfaction(args, required=contacted)
    resolved = bool(args.get("resolved", False))
    plausibility.check_return_visit(contacted=contacted, resolved=resolved, satisfaction=satisfaction)
    visit = ReturnVisit.objects.create(
        case=case, at=now, by=actor if getattr(actor, "pk", None) else None, unit=case.responsible_unit,
        method=method, contacted=contacted, resolved=resolved, satisfaction=satisfaction,
        note=(args.get("note") or "").strip())
    case.satisfaction = satisfaction or case.satisfaction
    apply_clock(case, None, now)
    data = {"return_visit_id": visit.pk, "method": method, "contacted": contacted, "resolved": visit.resolved,
            "satisfaction": satisfaction}
    if not contacted:
        return data  # nobody was reached: nothing to confirm
    return data | notices.enqueue(case=case, kind="return_visit", now=now, context={
        "satisfaction": ReturnVisit.Satisfaction(satisfaction).label})


def _rate(case, args, actor, now) -> dict:
    case.satisfaction = _satisfaction(args, required=True)
    apply_clock(case, None, now)
    return {"satisfaction": case.satisfaction}


def _reopen(case, args, actor, now) -> dict:
    clock = deadlines.clock_for(case, "handle", now)
    case.handle_due, case.closed_at = clock.due_at, None
    apply_clock(case, clock, now)
    row = case.assignments.filter(unit=case.responsible_unit).order_by("-assigned_at").first()
    if row is not None:
        row.status = Assignment.Status.SIGNED
        row.save(update_fields=["status"])
    return {"handle_due": clock.due_at.isoformat() if clock.due_at else None}


def _merge(case, args, actor, now) -> dict:
    target = None
    if args.get("into_id"):
        target = Case.objects.filter(pk=args["into_id"]).first()
    elif args.get("into_tracking_no"):
        target = Case.objects.filter(tracking_no=str(args["into_tracking_no"]).strip().upper()).first()
    if target is None or (actor is not None and not jurisdiction.covers(actor, target.region_id)):
        raise InvalidInput("merge_target_required", "请指定并入的诉求", "name the case to merge into", field="into_id")
    if target.pk == case.pk or target.state in workflow.TERMINAL:
        raise Conflict("invalid_merge_target", "不能并入自身或已终结/已办结的诉求", "cannot merge into itself or a closed case")
    case.merged_into = target
    _stop(case, now)
    return {"into_id": target.pk, "into_tracking_no": target.tracking_no}


def _window(case: Case, step: str, since: datetime | None, now: datetime, code: str, zh: str, en: str) -> None:
    if since is None:
        return
    due = deadlines.clock_for(case, step, since).due_at
    if due is not None and now > due:
        raise Conflict(code, zh, en)


def _review_unit(args: dict, key: str, default: Unit | None, barred: set[int | None]) -> Unit | None:
    unit = _unit(None, args[key]) if args.get(key) else default
    if unit is not None and unit.pk in barred:
        raise InvalidInput("own_review_unit", "复查、复核机关不能是原办理机关（应为上一级机关）",
                           "the reviewing organ cannot be the organ that handled the case (the organ above decides)",
                           field=key)
    return unit


def _request_review(case, args, actor, now) -> dict:
    """申请复查 (信访工作条例第35条): within 30 days of the day the petitioner *received* the reply
    (``reply_served_at``, not the moment the reply was typed in), decided by the organ one level above the
    handling organ: ``review_unit_id`` if named, else the parent unit of the responsible unit. When neither is
    known the organ stays unrecorded and the desk decides — the handling organ is barred either way."""
    _window(case, "review_request", case.reply_served_at or case.replied_at, now, "review_window_passed",
            "已超过申请复查期限（收到答复之日起30日）", "the 30-day period for requesting a review has passed")
    handling = case.responsible_unit
    case.review_unit = _review_unit(args, "review_unit_id", handling.parent if handling else None,
                                    {case.responsible_unit_id})
    case.closed_at = None
    apply_clock(case, deadlines.clock_for(case, "review", now), now)
    return {"review_unit": case.review_unit.name if case.review_unit else ""}


def _reply_review(case, args, actor, now) -> dict:
    """复查/复核意见: the opinion and the day it was served, from which the 复核 window runs (第36条)."""
    outcome, text = _outcome(args)
    case.outcome, case.reply_text, case.replied_at = outcome, text, now
    case.reply_served_at = _served_at(case, args, now)
    apply_clock(case, None, now)
    step = gettext_lazy("复查") if case.state == "review_requested" else gettext_lazy("复核")
    told = notices.enqueue(case=case, kind="reviewed", now=now,  # lazy labels: rendered in each recipient's language
                           context={"outcome": labels.OUTCOMES.get(outcome, outcome), "step": step})
    return {"outcome": outcome, "served_on": deadlines.local_date(case.reply_served_at).isoformat()} | told


def _request_re_review(case, args, actor, now) -> dict:
    """申请复核 (信访工作条例第36条): within 30 days of receiving the 复查 opinion, decided by the organ above the
    reviewing organ (``re_review_unit_id``, else the parent of the 复查 organ)."""
    _window(case, "re_review_request", case.reply_served_at or case.replied_at, now, "re_review_window_passed",
            "已超过申请复核期限（收到复查意见之日起30日）", "the 30-day period for requesting a re-review has passed")
    default = case.review_unit.parent if case.review_unit else None
    case.re_review_unit = _review_unit(args, "re_review_unit_id", default,
                                       {case.responsible_unit_id, case.review_unit_id})
    apply_clock(case, deadlines.clock_for(case, "re_review", now), now)
    return {"re_review_unit": case.re_review_unit.name if case.re_review_unit else ""}


def _answer(case, args, actor, now) -> dict:
    """当场答复: a 12345 consultation (咨询) the desk answers at once is answered and closed on the spot
    (接诉即办: 咨询类诉求能当场答复的当场答复; 国办发〔2020〕53号); the answer is sent to the caller as well."""
    text = (args.get("text") or "").strip()
    if not text:
        raise InvalidInput("text_required", "答复内容不能为空", "the answer is required", field="text")
    case.outcome, case.reply_text = "explained", text
    case.accepted_at = case.replied_at = case.reply_served_at = now
    _stop(case, now)
    return {"outcome": "explained"} | notices.enqueue(case=case, kind="consult_answered", now=now,
                                                      context={"text": text})


def _close(case, args, actor, now) -> dict:
    _stop(case, now)
    return {}


EFFECTS: dict[str, Effect] = {
    "accept": _accept, "reject": _reject, "forward": _terminal, "assign": _assign, "reassign": _reassign,
    "sign": _sign, "dispute": _dispute, "extend": _extend, "suspend": _suspend, "resume": _resume,
    "reply": _reply, "return_visit": _return_visit, "rate": _rate, "reopen": _reopen, "merge": _merge,
    "request_review": _request_review, "reply_review": _reply_review, "request_re_review": _request_re_review,
    "reply_re_review": _reply_review, "finalize": _terminal, "close": _close, "answer": _answer,
}
