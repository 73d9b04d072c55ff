"""Shaping activities for the API (plain dicts that the typed schemas of ``schemas`` validate)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from ninja import Status

from sixia.activities import research, selectors, services
from sixia.activities.api.schemas import ActivityIn, ListFilter, ProblemIn
from sixia.activities.models import Activity, Kind, Problem
from sixia.api.pagination import page_by_pk


def case_ref(case) -> dict:
    return {"id": case.pk, "tracking_no": case.tracking_no, "state": case.state,
            "responsible_unit_id": case.responsible_unit_id}


def problem(row: dict) -> dict:
    p: Problem = row["problem"]
    person = p.person
    return {"id": p.pk, "description": p.description, "outcome": p.outcome, "action_taken": p.action_taken,
            "visitor_name": p.visitor_name, "person_id": p.person_id,
            "phone_masked": person.phone_masked if person else "",
            "id_number_masked": person.id_number_masked if person else "", "headcount": p.headcount,
            "unit_id": p.unit_id, "due_date": p.due_date, "status": row["status"], "closed": row["closed"],
            "overdue": row["overdue"], "case": case_ref(p.case) if p.case_id else None}


def activity_out(activity: Activity, *, created: list | None = None, detail: bool = True) -> dict:
    data = {
        "id": activity.pk, "kind": activity.kind, "status": activity.status, "title": activity.title,
        "start_day": activity.start_day, "days": float(activity.days), "region_code": activity.region_id,
        "place": activity.place, "target_name": activity.target_name,
        "officials": [{"id": p.official_id, "name": p.official.name, "role": p.role,
                       "at_linked_place": p.at_linked_place} for p in activity.participants.all()],
        "four_not_two_direct": activity.four_not_two_direct, "people_met": activity.people_met,
        "audience": activity.audience, "team": activity.team,
        "lecture_form": activity.lecture_form.name if activity.lecture_form else "",
        "topic_id": activity.topic_id, "visit_type": activity.visit_type,
        "households": [h for h in activity.households if isinstance(h, dict)],
        "case_id": activity.case_id, "is_published": activity.is_published,
    }
    if created is not None:
        data["cases"] = [case_ref(c) for c in created]
    if detail:
        rows = selectors.problems_of(activity)
        data["problems"] = [problem(r) for r in rows]
        data["all_closed"] = all(r["closed"] for r in rows)
        data["carried_cases"] = [{"case": case_ref(c.case), "action_taken": c.action_taken, "outcome": c.outcome,
                                  "recorded_at": c.recorded_at} for c in selectors.carried_of(activity)]
        if activity.kind == Kind.RECEPTION:
            with translation.override(settings.LANGUAGE_CODE):  # API data text is Chinese, whatever the client asks
                summary = selectors.day_summary(activity)
            data["summary"] = summary["sentence"]
            data["followup"] = summary["followup"]
    return data


def problems(items: list[ProblemIn]) -> list[dict]:
    out = []
    for item in items:
        d = item.dict()
        if d.get("own") is None:
            d.pop("own")
        if d.get("headcount") is None:
            d.pop("headcount")
        out.append(d)
    return out


def base(payload: ActivityIn, default_title: str) -> dict:
    data = payload.dict(include=set(ActivityIn.model_fields))
    data["title"] = data["title"] or default_title
    return data


def created(request, recorded: services.Recorded):
    activity = selectors.get_activity(request.auth, recorded.activity.pk)
    return Status(201, activity_out(activity, created=recorded.cases))


def listing(request, kind: str, filters: ListFilter) -> dict:
    qs = selectors.activities_for(request.auth, kind=kind, start=filters.start, end=filters.end,
                                  region_code=filters.region_code, official_id=filters.official, q=filters.q)
    items, next_cursor = page_by_pk(qs, page_size=filters.page_size, cursor=filters.cursor)
    return {"items": [activity_out(a, detail=False) for a in items], "next_cursor": next_cursor}


def topic_out(topic) -> dict:
    return {"id": topic.pk, "title": topic.title, "leader_id": topic.leader_id, "leader": topic.leader.name,
            "year": topic.year, "status": topic.status, "region_code": topic.region_id,
            "report_summary": topic.report_summary, "progress": research.topic_progress(topic),
            "trips": [{"id": t.pk, "day": t.start_day, "days": float(t.days)} for t in topic.trips.all()],
            "measures": [{k: v for k, v in row.items() if k != "measure"} for row in research.measure_tree(topic)],
            "reports": [{"id": a.pk, "name": a.name} for a in topic.attachments.filter(is_report=True)],
            "exchange_meetings": [{"id": m.pk, "day": m.day} for m in topic.exchange_meetings.all()]}


def cancelled(appt) -> dict:
    return {"code": appt.code, "status": appt.status, "day": appt.activity.start_day,
            "slot": appt.slot.strftime("%H:%M"), "cancelled_at": appt.cancelled_at}


def attachment(row) -> dict:
    return {"id": row.pk, "name": row.name, "size": row.size, "content_type": row.content_type}
