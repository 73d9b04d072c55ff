"""一人一表: everything one person brought to the platform, for the person page — every case (open and closed)
and every activity contact (约访, reception-day matters, household visits). Only reads through the apps' scoped selectors,
so a user sees the cases and activities of its own jurisdiction (and, for a handler, its unit's cases)."""

from __future__ import annotations

from dataclasses import dataclass

from sixia.cases import labels as case_labels
from sixia.cases import selectors as case_selectors
from sixia.cases.workflow import TERMINAL
from sixia.people.models import Person

MAX_ROWS = 200  # a person with more has a file to export, not a page to scroll


@dataclass(frozen=True)
class Contact:
    kind: str  # "appointment" (约访) | "problem" (a matter raised at an activity) | "household" (走访户) |
    # "visit" (回访 of a case)
    activity_id: int
    activity_title: str
    activity_kind: str
    day: object
    text: str
    status: str
    case_id: int | None


def cases(user, person: Person) -> list[dict]:
    rows = case_selectors.cases_of_person(user, person.pk)[:MAX_ROWS]
    return [{"case": c, "state_label": case_labels.label(case_labels.STATES, c.state), "closed": c.state in TERMINAL}
            for c in rows]


def contacts(user, person: Person, case_ids: list[int]) -> list[Contact]:
    """Every activity contact of the person: bookings (约访, matched by the phone's blind index — a booking
    stores no person), the matters the person raised as a reception-day visitor (``Problem.person``), the visits
    to the person's household (``Activity.household_persons``), the matters that became one of the person's
    cases, and the visits (上门回访) of those cases. Jurisdiction through the activities' selectors."""
    from sixia.activities.models import Appointment, Problem
    from sixia.activities.selectors import activities_for, contacts_of

    scoped = activities_for(user).values("pk")
    found: list[Contact] = []
    if person.phone_index:
        for a in (Appointment.objects.filter(activity__in=scoped, phone_index=person.phone_index)
                  .select_related("activity").order_by("-activity__start_day", "-id")[:MAX_ROWS]):
            found.append(Contact("appointment", a.activity_id, a.activity.title, a.activity.get_kind_display(),
                                 a.activity.start_day, a.matter, a.get_status_display(), None))
    met = Problem.objects.filter(activity__in=scoped, person=person)
    if case_ids:
        met = met | Problem.objects.filter(activity__in=scoped, case_id__in=case_ids)
    for p in met.select_related("activity").order_by("-activity__start_day", "-id")[:MAX_ROWS]:
        found.append(Contact("problem", p.activity_id, p.activity.title, p.activity.get_kind_display(),
                             p.activity.start_day, p.description, p.get_outcome_display(), p.case_id))
    for h in contacts_of(user, person).filter(household_persons=person)[:MAX_ROWS]:
        found.append(Contact("household", h.pk, h.title, h.get_kind_display(), h.start_day, h.summary,
                             h.get_status_display(), None))
    if case_ids:
        for v in activities_for(user).filter(case_id__in=case_ids).order_by("-start_day", "-id")[:MAX_ROWS]:
            found.append(Contact("visit", v.pk, v.title, v.get_kind_display(), v.start_day, v.summary,
                                 v.get_status_display(), v.case_id))
    return sorted(found, key=lambda c: (c.day, c.activity_id), reverse=True)
