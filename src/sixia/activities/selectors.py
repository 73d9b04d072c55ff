"""Reads for grassroots activities (下基层活动), jurisdiction-scoped by the activity's place."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from sixia.activities import rules
from sixia.activities.models import (
    Activity,
    Appointment,
    CarriedCase,
    Kind,
    LectureForm,
    Measure,
    Participant,
    Problem,
    ReceptionSchedule,
    ResearchTopic,
)
from sixia.cases.workflow import STATES, TERMINAL
from sixia.core import jurisdiction
from sixia.core.errors import NotFound

PARTICIPATION_KIND: dict[str, str] = {Kind.RECEPTION: "reception", Kind.VISIT: "visit", Kind.ONSITE: "onsite",
                      Kind.RESEARCH: "research", Kind.LECTURE: "lecture"}


@dataclass(frozen=True)
class Participation:
    """One official's part in one grassroots activity, as the quotas engine counts it."""

    official_id: int
    kind: str  # "reception" | "visit" | "onsite" | "research" | "lecture"  (接访, 走访/回访, 现场办公, 调研, 宣讲)
    day: date  # first day of the activity
    days: float  # days spent at the grassroots (a research trip may be 2; others 1 or 0.5)
    region_code: str  # where it happened (a region code of any level)
    activity_id: int
    four_not_two_direct: bool  # 四不两直 flag (research trips; False otherwise)


def participations(official_ids: Iterable[int] | None, start: date, end: date) -> list[Participation]:
    """Every grassroots activity of these officials (None = all) with start <= day <= end (inclusive).

    Only activities that took place count (planned or cancelled reception days do not)."""
    qs = Participant.objects.filter(activity__status=Activity.Status.HELD, activity__start_day__gte=start,
                                    activity__start_day__lte=end)
    if official_ids is not None:
        qs = qs.filter(official_id__in=list(official_ids))
    rows = qs.values_list("official_id", "activity__kind", "activity__start_day", "activity__days",
                          "activity__region_id", "activity_id", "activity__four_not_two_direct")
    return [Participation(official_id=o, kind=PARTICIPATION_KIND[k], day=d, days=float(n), region_code=r,
                          activity_id=a, four_not_two_direct=bool(f and k == Kind.RESEARCH))
            for o, k, d, n, r, a, f in rows.order_by("activity__start_day", "activity_id", "official_id")]


def activities_for(user, *, kind: str = "", start: date | None = None, end: date | None = None,
                   region_code: str = "", official_id: int | None = None, q: str = "", status: str = "",
                   visit_type: str = "") -> QuerySet[Activity]:
    qs = jurisdiction.scope(Activity.objects.all(), user).select_related("region", "host_unit", "lecture_form",
                                                                        "topic")
    if kind:
        qs = qs.filter(kind=kind)
    if start:
        qs = qs.filter(start_day__gte=start)
    if end:
        qs = qs.filter(start_day__lte=end)
    if region_code:
        qs = qs.filter(region__code__startswith=region_code)
    if official_id:
        qs = qs.filter(participants__official_id=official_id)
    if q:
        qs = qs.filter(title__contains=q)
    if status:
        qs = qs.filter(status=status)
    if visit_type:
        qs = qs.filter(visit_type=visit_type)
    return qs.prefetch_related(Prefetch("participants", Participant.objects.select_related("official", "linkage")))


def upcoming_of(user, official_id: int | None, *, kind: str = "", today: date) -> QuerySet[Activity]:
    """An official's activities from ``today`` on that are not cancelled, soonest first (the leader's today list,
    and the activities page with ``mine=on``); nothing without an official."""
    if official_id is None:
        return Activity.objects.none()
    return (activities_for(user, kind=kind, start=today, official_id=official_id)
            .exclude(status=Activity.Status.CANCELLED).order_by("start_day", "id"))


def get_activity(user, activity_id: int, kind: str = "") -> Activity:
    qs = activities_for(user, kind=kind)
    found = qs.filter(pk=activity_id).first()
    if found is None:
        raise NotFound("not_found", "活动不存在或不在您的管辖范围内", "activity not found or outside your jurisdiction")
    return found


def public_reception_days(start: date, region_code: str = "") -> QuerySet[Activity]:
    """Published reception days from ``start`` on — for the public page (no login)."""
    qs = Activity.objects.filter(kind=Kind.RECEPTION, is_published=True, start_day__gte=start).exclude(
        status=Activity.Status.CANCELLED).select_related("region", "schedule")
    if region_code:
        qs = qs.filter(region__code__startswith=region_code)
    return qs.order_by("start_day", "id").prefetch_related(
        Prefetch("participants", Participant.objects.select_related("official")))


def lecture_forms() -> QuerySet[LectureForm]:
    """The active 宣讲形式 (data, editable in the admin), in their order."""
    return LectureForm.objects.filter(is_active=True)


def _one(qs: QuerySet, pk: int, zh: str, en: str):
    """The row ``pk`` of ``qs`` (already scoped, where the caller scopes), or NotFound (404)."""
    found = qs.filter(pk=pk).first()
    if found is None:
        raise NotFound("not_found", zh, en)
    return found


def schedules_for(user) -> QuerySet[ReceptionSchedule]:
    return jurisdiction.scope(ReceptionSchedule.objects.select_related("region"), user)


def get_schedule(user, schedule_id: int) -> ReceptionSchedule:
    return _one(schedules_for(user), schedule_id, "接待日安排不存在", "schedule not found")


def get_reception_day_for_booking(activity_id: int) -> Activity:
    """A reception day as the public booking sees it (no login: ``book_appointment`` refuses unpublished days)."""
    return _one(Activity.objects.select_related("schedule"), activity_id, "接待日不存在", "reception day not found")


def get_appointment(appointment_id: int) -> Appointment:
    """An appointment by id; the caller checks the jurisdiction through its reception day (``get_activity``)."""
    return _one(Appointment.objects.select_related("activity"), appointment_id, "约访不存在", "appointment not found")


def get_problem(problem_id: int) -> Problem:
    """A problem by id; the caller checks the jurisdiction through its activity (``get_activity``)."""
    return _one(Problem.objects.all(), problem_id, "问题不存在", "problem not found")


def get_measure(measure_id: int) -> Measure:
    """A measure by id; the caller checks the jurisdiction through its topic (``research.get_topic``)."""
    return _one(Measure.objects.select_related("topic"), measure_id, "措施不存在", "measure not found")


def get_attachment(user, attachment_id: int):
    """An attachment of an activity or topic in the user's jurisdiction, else None."""
    from sixia.activities.models import Attachment

    row = Attachment.objects.filter(pk=attachment_id).select_related("activity", "topic").first()
    owner = (row.activity or row.topic) if row is not None else None
    if row is None or owner is None or not jurisdiction.covers(user, owner.region_id):
        return None
    return row


def carried_of(activity: Activity) -> QuerySet[CarriedCase]:
    """The cases a reception day or visit carried (带案下访), with what was done about each."""
    return activity.carried.select_related("case", "case__responsible_unit").order_by("id")


def contacts_of(user, person) -> QuerySet[Activity]:
    """The activities where this person was a visitor (problem list), a visited household or booked an
    appointment (matched by the phone's blind index and name, never decrypted) — jurisdiction applied."""
    met = Q(problems__person=person) | Q(household_persons=person)
    if person.phone_index:
        met |= Q(appointments__phone_index=person.phone_index, appointments__name=person.name)
    ids = Activity.objects.filter(met).values("pk")
    return activities_for(user).filter(pk__in=ids).order_by("-start_day", "-id")


def topics_for(user, *, year: int | None = None) -> QuerySet[ResearchTopic]:
    qs = jurisdiction.scope(ResearchTopic.objects.select_related("leader", "unit", "region"), user)
    return qs.filter(year=year) if year else qs


# ---- problems and their follow-up ----

def problem_status(problem: Problem) -> tuple[str, bool]:
    """(label, closed) of a problem: its own outcome, or its case's state when it became a case."""
    if problem.case is not None:
        state = problem.case.state
        return STATES.get(state, state), state in TERMINAL
    if problem.outcome == Problem.Outcome.OPEN:
        return str(Problem.Outcome.OPEN.label), False
    return str(Problem.Outcome(problem.outcome).label), True


def problems_of(activity: Activity) -> list[dict]:
    rows = []
    today = timezone.localdate()
    for p in activity.problems.select_related("case", "unit", "leader", "case__responsible_unit", "person"):
        label, closed = problem_status(p)
        rows.append({"problem": p, "status": label, "closed": closed,
                     "overdue": bool(p.case_id and not closed and p.due_date and p.due_date < today)})
    return rows


def tally(activities: QuerySet[Activity]) -> rules.ReceptionTally:
    """Counts of reception days from their records (people received, matters accepted, solved, still open),
    in three aggregate queries whatever the number of days."""
    held = activities.filter(status=Activity.Status.HELD)
    agg = Problem.objects.filter(activity__in=activities.values("pk")).aggregate(
        received=Sum("headcount"), solved=Count("id", filter=Q(outcome=Problem.Outcome.SOLVED)),
        cases=Count("id", filter=Q(outcome=Problem.Outcome.CASE)),
        open_cases=Count("id", filter=Q(outcome=Problem.Outcome.CASE, case__isnull=False)
                         & ~Q(case__state__in=TERMINAL)))
    solved, cases = agg["solved"] or 0, agg["cases"] or 0
    leaders = Participant.objects.filter(activity__in=held.values("pk"), role=Participant.Role.LEAD).count()
    return rules.ReceptionTally(days=held.count(), leaders=leaders, received=agg["received"] or 0,
                                accepted=solved + cases, solved=solved, cases=cases, open_cases=agg["open_cases"] or 0)


def day_summary(activity: Activity) -> dict:
    t = tally(Activity.objects.filter(pk=activity.pk))
    return {"tally": t, "sentence": rules.day_sentence(t, activity.due_days),
            "followup": rules.followup_sentence(t), "all_closed": t.open_cases == 0}


def period_summary(user, start: date, end: date, label: str = "", region_code: str = "") -> dict:
    days = jurisdiction.scope(Activity.objects.filter(kind=Kind.RECEPTION, start_day__gte=start, start_day__lte=end),
                              user)
    if region_code:
        days = days.filter(region__code__startswith=region_code)
    t = tally(days)
    due = days.aggregate(due=Max("due_days"))["due"] or rules.DEFAULT_DUE_DAYS
    label = label or rules.span_label(start, end)
    return {"tally": t, "sentence": rules.period_sentence(label, t, due)}
