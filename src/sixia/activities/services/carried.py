"""带案下访: a reception day or a visit carries existing cases; what was done about each is recorded on the
activity (``CarriedCase``) and on the case's timeline (a ``carried_visit`` side event, state unchanged)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sixia.activities import permissions as rights
from sixia.activities.models import Activity, CarriedCase, Kind
from sixia.activities.services.common import check_day
from sixia.cases.models import Case
from sixia.core import audit, permissions
from sixia.core.errors import Conflict, InvalidInput, NotFound
from sixia.core.validation import is_digits

KINDS = (Kind.RECEPTION, Kind.VISIT)  # the kinds that may carry cases


def find_case(actor, ref) -> Case:
    """A case by its id or its tracking number, among the cases the actor may see; 404 otherwise."""
    from sixia.cases import selectors as case_selectors

    text = str(ref or "").strip().upper()
    qs = case_selectors.visible_cases(actor)
    found = None
    if is_digits(text):
        found = qs.filter(pk=int(text)).first()
    if found is None and text:
        found = qs.filter(tracking_no=text).first()
    if found is None:
        raise NotFound("case_not_found", f"诉求不存在或不在您的管辖范围内：{text}",
                       "case not found or outside your jurisdiction", field="carried_cases")
    return found


def _check_kind(activity: Activity) -> None:
    if activity.kind not in KINDS:
        raise Conflict("cannot_carry", "只有领导接待日和走访可以带案下访", "only a reception day or a visit carries cases")


def carry(*, actor, activity: Activity, refs: list) -> list[CarriedCase]:
    """Take these cases along (by id or tracking no); a case already carried stays as it is."""
    permissions.require(actor, rights.RECORD)
    _check_kind(activity)
    cases = [find_case(actor, ref) for ref in dict.fromkeys(str(r).strip() for r in refs or [] if str(r).strip())]
    rows = []
    with transaction.atomic():
        for case in cases:
            row, created = CarriedCase.objects.get_or_create(activity=activity, case=case)
            rows.append(row)
            if created:
                audit.record(audit.Action.UPDATE, obj=activity, actor=actor,
                             summary=f"带案下访 {case.tracking_no}", changes={"carried_case": case.pk})
    return rows


def record_done(*, actor, activity: Activity, case_ref, action_taken: str, outcome: str) -> CarriedCase:
    """What was done about a carried case (carrying it now if it was not yet): saved on the activity and added
    to the case's timeline. The activity has then been held: its day may not lie in the future."""
    from sixia.cases.services.carried import record_carried_visit

    permissions.require(actor, rights.RECORD)
    _check_kind(activity)
    action_taken = (action_taken or "").strip()
    if not action_taken:
        raise InvalidInput("action_required", "请填写带案下访的处理情况", "what was done is required", field="action_taken")
    if outcome not in CarriedCase.Outcome.values:
        raise InvalidInput("invalid_outcome", f"处理结果无效：{outcome}", "outcome must be "
                           + "|".join(CarriedCase.Outcome.values), field="outcome")
    check_day(activity.start_day, held=True)
    case = find_case(actor, case_ref)
    now = timezone.now()
    with transaction.atomic():
        row, _ = CarriedCase.objects.select_for_update().get_or_create(activity=activity, case=case)
        row.action_taken, row.outcome, row.recorded_at = action_taken, outcome, now
        row.recorded_by = actor if getattr(actor, "pk", None) else None
        row.save()
        record_carried_visit(actor=actor, case=case, activity_id=activity.pk, kind=activity.kind,
                             day=activity.start_day, action_taken=action_taken, outcome=outcome, at=now)
        audit.record(audit.Action.UPDATE, obj=activity, actor=actor, summary=f"带案下访处理情况 {case.tracking_no}",
                     changes={"carried_case": case.pk, "outcome": outcome})
    return row
