"""Workflow actions on a case: one transaction, a row lock and a version check, one CaseEvent, one audit entry.

``perform_action`` asks the workflow (``cases.workflow``) whether the action is legal now; an illegal action
raises ``Conflict`` (HTTP 409) and changes nothing. Two users acting at once cannot both succeed: the row is
locked with ``SELECT … FOR UPDATE`` and the caller's ``version`` must still be the current one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from sixia.cases import deadlines, workflow
from sixia.cases import permissions as rights
from sixia.cases.models import Assignment, Case, ReturnVisit
from sixia.cases.notifications import notify
from sixia.cases.services.intake import apply_clock, dispatch_rule_for, record_event
from sixia.core import audit, jurisdiction, permissions
from sixia.core.errors import Conflict, InvalidInput, NotFound
from sixia.org.models import Unit

Effect = Callable[[Case, dict, object, datetime], dict]
ACTIVE_ASSIGNMENT = [Assignment.Status.PENDING, Assignment.Status.SIGNED]


def perform_action(*, actor, case: Case, action: str, args: dict, now: datetime | None = None,
                   on_site: bool = False) -> Case:
    """Perform one workflow action; returns the updated case. Raises Conflict when not allowed now.

    ``on_site`` (only from ``create_case``, after its ``cases.hand_out_on_site`` check): the accept and assign
    of 现场交办, which the workflow allows as the desk would while the event names the official who handed it out.
    """
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
                     to_state=decision.to_state, at=now, reason=reason, data=data, public=decision.public)
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
    case.accepted_at = now
    clock = deadlines.clock_for(case, "handle", now)
    case.handle_due = clock.due_at
    apply_clock(case, clock, now)
    return {"handle_due": clock.due_at.isoformat() if clock.due_at else None}


def _terminal(case, args, actor, now) -> dict:
    _stop(case, now)
    return {k: args[k] for k in ("to_organ",) if args.get(k)}


def _dispatch(case: Case, args: dict, actor, now: datetime) -> dict:
    unit_id, copy_unit = args.get("unit_id"), None
    if not unit_id:
        rule = dispatch_rule_for(category_code=case.category.code if case.category else "",
                                 region_code=case.region_id)
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
    try:
        days = int(args.get("days") or 0)
    except (TypeError, ValueError):
        days = 0
    deadlines.check_extension(case, days)
    approver = (args.get("approver") or "").strip()
    if not approver:
        raise InvalidInput("approver_required", "延期须写明批准人", "an extension needs its approver", field="approver")
    base = case.handle_due or case.due_at or now
    case.handle_due = deadlines.add(base, days, "calendar")
    case.extension_days += days
    apply_clock(case, deadlines.with_thresholds(case.step or "handle", case.step_started_at or now,
                                                case.handle_due), now)
    case.assignments.filter(status__in=ACTIVE_ASSIGNMENT).update(due_at=case.handle_due)
    return {"days": days, "approver": approver, "handle_due": case.handle_due.isoformat(),
            "petitioner_informed": True}


def _suspend(case, args, actor, now) -> dict:
    case.suspended_at, case.suspended_from = now, case.state
    return {}


def _resume(case, args, actor, now) -> dict:
    paused = now - case.suspended_at if case.suspended_at else timedelta(0)
    for name in ("due_at", "approaching_at", "urgent_at", "handle_due", "accept_due"):
        value = getattr(case, name)
        if value is not None:
            setattr(case, name, deadlines.shift(value, paused))
    case.suspended_at, case.suspended_from = None, ""
    case.warning = deadlines.warning_at(case.due_at, case.approaching_at, case.urgent_at, now)
    case.assignments.filter(status__in=ACTIVE_ASSIGNMENT).update(due_at=case.handle_due)
    return {"paused_seconds": int(paused.total_seconds())}


def _reply(case, args, actor, now) -> dict:
    outcome, text = _outcome(args)
    case.outcome, case.reply_text, case.replied_at = outcome, text, now
    case.assignments.filter(status=Assignment.Status.SIGNED).update(status=Assignment.Status.DONE)
    apply_clock(case, deadlines.clock_for(case, "return_visit", now), now)
    return {"outcome": outcome}


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
    visit = ReturnVisit.objects.create(
        case=case, at=now, by=actor if getattr(actor, "pk", None) else None, unit=case.responsible_unit,
        method=method, contacted=contacted, resolved=bool(args.get("resolved", False)), satisfaction=satisfaction,
        note=(args.get("note") or "").strip())
    case.satisfaction = satisfaction or case.satisfaction
    apply_clock(case, None, now)
    return {"return_visit_id": visit.pk, "method": method, "contacted": contacted, "resolved": visit.resolved,
            "satisfaction": satisfaction}


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


def _request_review(case, args, actor, now) -> dict:
    _window(case, "review_request", case.replied_at, now, "review_window_passed",
            "已超过申请复查期限（收到答复之日起30日）", "the 30-day period for requesting a review has passed")
    case.closed_at = None
    apply_clock(case, deadlines.clock_for(case, "review", now), now)
    return {}


def _reply_review(case, args, actor, now) -> dict:
    outcome, text = _outcome(args)
    case.outcome, case.reply_text, case.replied_at = outcome, text, now
    apply_clock(case, None, now)
    return {"outcome": outcome}


def _request_re_review(case, args, actor, now) -> dict:
    _window(case, "re_review_request", case.replied_at, now, "re_review_window_passed",
            "已超过申请复核期限（收到复查意见之日起30日）", "the 30-day period for requesting a re-review has passed")
    apply_clock(case, deadlines.clock_for(case, "re_review", now), now)
    return {}


def _close(case, args, actor, now) -> dict:
    _stop(case, now)
    return {}


EFFECTS: dict[str, Effect] = {
    "accept": _accept, "reject": _terminal, "forward": _terminal, "assign": _assign, "reassign": _reassign,
    "sign": _sign, "dispute": _dispute, "extend": _extend, "suspend": _suspend, "resume": _resume,
    "reply": _reply, "return_visit": _return_visit, "rate": _rate, "reopen": _reopen, "merge": _merge,
    "request_review": _request_review, "reply_review": _reply_review, "request_re_review": _request_re_review,
    "reply_re_review": _reply_review, "finalize": _terminal, "close": _close,
}
