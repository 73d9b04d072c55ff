"""Recording any kind of activity with its officials and its problem list (问题清单): every problem is solved on
the spot, explained, or turned into a case (owned by the leader — 包案 — and/or assigned to a unit with a
deadline). The kind modules (``reception``, ``visits``, ``onsite``, ``research``, ``lectures``) check their own
fields through ``prepare`` and offer a verb of their own that calls ``record_activity``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db import transaction

from sixia.activities import permissions as rights
from sixia.activities import rules
from sixia.activities.models import Activity, Kind, Participant, Problem
from sixia.activities.services import carried, lectures, onsite, persons, reception, research, visits
from sixia.activities.services.common import (
    CASE_CHANNEL,
    SOURCE_TYPE,
    Recorded,
    _calendar,
    _date,
    _days,
    _region,
    check_day,
    check_lengths,
    linkage_for,
    official,
    unit,
)
from sixia.cases import services as case_services
from sixia.core import audit, permissions
from sixia.core.errors import Conflict, InvalidInput

PREPARE: dict[str, Callable[[object, dict, str], list]] = {Kind.RECEPTION: reception.prepare, Kind.VISIT: visits.prepare, Kind.ONSITE: onsite.prepare,
           Kind.RESEARCH: research.prepare, Kind.LECTURE: lectures.prepare}
TEXT_FIELDS = ("title", "place", "other_participants", "target_name", "team")  # checked against their columns


def record_activity(*, actor, kind: str, title: str, region_code: str, start_day, official_ids: list[int],
                    member_ids: list[int] | None = None, days=1, place: str = "", host_unit_id: int | None = None,
                    other_participants: str = "", summary: str = "", problems: list[dict] | None = None,
                    status: str = Activity.Status.HELD, now: datetime | None = None,
                    carried_cases: list | None = None, **fields) -> Recorded:
    """Record one activity, its officials (lead ``official_ids``, ``member_ids``), its problem list and — for a
    reception day or a visit — the cases it carries (带案下访, by id or tracking number).

    A held activity has happened: its day may not lie in the future nor before the earliest date; a planned
    one may lie ahead. ``now`` backdates the registration of the cases (loading past records, the demo)."""
    permissions.require(actor, rights.RECORD)
    if kind not in Kind.values:
        raise InvalidInput("invalid_kind", f"活动类型无效：{kind}", f"unknown activity kind: {kind}", field="kind")
    if status not in Activity.Status.values:
        raise InvalidInput("invalid_status", f"活动状态无效：{status}", "status must be planned|held|cancelled",
                           field="status")
    title = (title or "").strip()
    if not title:
        raise InvalidInput("title_required", "主题不能为空", "title is required", field="title")
    place, other_participants = (place or "").strip(), (other_participants or "").strip()
    check_lengths(Activity, {"title": title, "place": place, "other_participants": other_participants}
                  | {k: fields[k] for k in TEXT_FIELDS if isinstance(fields.get(k), str)})
    if not official_ids:
        raise InvalidInput("officials_required", "请至少选择一名参加的领导干部", "at least one official is required",
                           field="officials")
    region = _region(actor, region_code)
    day = _date(start_day)
    check_day(day, held=status == Activity.Status.HELD)
    leads = [official(actor, pk) for pk in dict.fromkeys(official_ids)]
    members = [official(actor, pk) for pk in dict.fromkeys(member_ids or []) if pk not in official_ids]
    host = unit(actor, host_unit_id) if host_unit_id else None
    household_people = PREPARE[kind](actor, fields, region.code)
    with transaction.atomic():
        activity = Activity.objects.create(
            kind=kind, status=status, title=title, region=region, place=place, start_day=day,
            days=_days(days), host_unit=host, other_participants=other_participants, summary=summary,
            created_by=actor if getattr(actor, "pk", None) else None, **fields)
        if household_people:
            activity.household_persons.set(household_people)
        for role, people in ((Participant.Role.LEAD, leads), (Participant.Role.MEMBER, members)):
            for off in people:
                Participant.objects.create(activity=activity, official=off, role=role,
                                           linkage=linkage_for(off, region.code, day))
        audit.record(audit.Action.CREATE, obj=activity, actor=actor,
                     summary=f"记录{activity.get_kind_display()}：{activity.title}",
                     changes={"kind": kind, "day": day.isoformat(), "region": region.code,
                              "officials": [o.pk for o in leads + members]})
        if carried_cases:
            carried.carry(actor=actor, activity=activity, refs=carried_cases)
        cases = add_problems(actor=actor, activity=activity, problems=problems or [], now=now)
    return Recorded(activity, cases)


def add_problems(*, actor, activity: Activity, problems: list[dict], now: datetime | None = None) -> list:
    """Add problem-list items to an activity; those to be handled become cases. Returns the cases created."""
    permissions.require(actor, rights.RECORD)
    created = []
    if problems:  # a matter raised there means the activity took place
        check_day(activity.start_day, held=True)
    with transaction.atomic():
        for item in problems:
            problem = _problem(actor, activity, item, now)
            if problem.case_id:
                created.append(problem.case)
        if created and activity.status == Activity.Status.PLANNED:
            activity.status = Activity.Status.HELD
            activity.save(update_fields=["status", "updated_at"])
    return created


def _problem(actor, activity: Activity, item: dict, now: datetime | None) -> Problem:
    description = (item.get("description") or "").strip()
    if not description:
        raise InvalidInput("description_required", "问题描述不能为空", "problem description is required",
                           field="problems")
    outcome = item.get("outcome") or Problem.Outcome.CASE
    if outcome not in Problem.Outcome.values:
        raise InvalidInput("invalid_outcome", f"处理方式无效：{outcome}", "outcome must be solved|case|explained|open",
                           field="problems")
    action_taken = (item.get("action_taken") or "").strip()
    if outcome == Problem.Outcome.SOLVED and not action_taken:
        raise InvalidInput("action_required", "当场解决的问题须填写处理情况", "a problem solved on the spot needs what was done",
                           field="problems")
    leader = official(actor, item["leader_id"]) if item.get("leader_id") else None
    if leader is None and (activity.kind == Kind.RECEPTION or item.get("own")):  # 包案 by the leader holding it
        lead = activity.participants.filter(role=Participant.Role.LEAD).select_related("official").first()
        leader = lead.official if lead else None
    responsible = unit(actor, item["unit_id"]) if item.get("unit_id") else None
    due = _date(item["due_date"], "due_date") if item.get("due_date") else None
    # 现场交办: a problem handed to a unit is accepted and assigned at once, with the meeting's deadline unless one
    # is set; without a unit it goes to the desk like any case (issue 12: 交办有关单位限期办理).
    if outcome == Problem.Outcome.CASE and due is None and responsible is not None:
        due = _calendar().add_calendar_days(activity.start_day, activity.due_days or rules.DEFAULT_DUE_DAYS)
    visitor_name = (item.get("visitor_name") or "").strip()
    check_lengths(Problem, {"visitor_name": visitor_name}, field_names={"visitor_name": "visitor_name"})
    if due is not None:  # a deadline lies ahead, but not before the earliest date
        check_day(due, held=False, field="due_date", label_zh="办结期限", label_en="the due date")
    person = persons.resolve(actor=actor, name=visitor_name, id_number=item.get("id_number") or "",
                             phone=item.get("phone") or "", region_code=activity.region_id, field="visitors")
    problem = Problem(activity=activity, description=description, visitor_name=visitor_name, person=person,
                      headcount=int(item.get("headcount") or (1 if activity.kind == Kind.RECEPTION else 0)),
                      leader=leader, outcome=outcome, action_taken=action_taken, unit=responsible, due_date=due)
    if outcome == Problem.Outcome.CASE:
        petitioners = list(item.get("petitioners") or [])
        if not petitioners and person is not None:  # the same person as the visitor row, never a second one
            petitioners = [{"person_id": person.pk}]
        elif not petitioners and problem.visitor_name:
            petitioners = [{"name": problem.visitor_name}]
        owner = leader if item.get("own", activity.kind == Kind.RECEPTION) else None
        problem.case = case_services.create_case(
            actor=actor, channel=CASE_CHANNEL[activity.kind],
            title=(item.get("title") or description.splitlines()[0])[:200], content=description,
            region_code=item.get("region_code") or activity.region_id,
            petition_class=item.get("petition_class") or ("appeal" if activity.kind == Kind.RECEPTION else ""),
            category=item.get("category") or "", petitioners=petitioners,
            source_type=SOURCE_TYPE[activity.kind], source_id=activity.pk, owner_leader=owner,
            assign_to=responsible, due_date=due, now=now)
        if problem.person is None:  # the case's petitioner is the visitor
            first = problem.case.petitioners.order_by("pk").first()
            problem.person = first.person if first else None
    problem.save()
    return problem


def update_problem(*, actor, problem: Problem, outcome: str, action_taken: str = "") -> Problem:
    """Mark an open problem solved or explained (a problem that became a case follows its case)."""
    permissions.require(actor, rights.RECORD)
    if problem.case_id:
        raise Conflict("problem_has_case", "该问题已转为诉求，请在诉求中办理", "the problem is a case; act on the case")
    if outcome not in (Problem.Outcome.SOLVED, Problem.Outcome.EXPLAINED, Problem.Outcome.OPEN):
        raise InvalidInput("invalid_outcome", "处理方式无效", "invalid outcome", field="outcome")
    with transaction.atomic():
        before = problem.outcome
        problem.outcome, problem.action_taken = outcome, action_taken.strip() or problem.action_taken
        problem.save(update_fields=["outcome", "action_taken", "updated_at"])
        audit.record(audit.Action.UPDATE, obj=problem, actor=actor, summary="更新问题处理情况",
                     changes={"outcome": [before, outcome]})
    return problem


