"""The case sections of the today list (``core.today``), per role:

* desk (受理派单): to accept, to dispatch, returned (退单), due for a return visit, overdue — the jurisdiction;
* handler: to sign, to reply, due within 3 working days — its unit's cases;
* leader / head: my 包案 cases, most urgent first;
* supervisor: overdue and warned cases, and cases under supervision (被督办), split per responsible unit.

Each section is the work queue (``cases:queue``) with a set of filters, and its count is computed with the same
filters as the queue applies (``selectors.cases_for`` / ``today_filters``), so the link opens exactly the
counted rows. ``own_scope`` gives the deadline tiles of the home page the same kind of link.
"""

from __future__ import annotations

from django.db.models import Case as Switch
from django.db.models import Count, IntegerField, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop

from sixia.cases import labels, selectors, workflow
from sixia.cases.models import Case, Warning
from sixia.core.today import ITEMS, Group, Item, Section, link

DUE_SOON_DAYS = 3  # working days
SEVERITY = Switch(*[When(warning=w, then=Value(i)) for i, w in enumerate(
    [Warning.OVERDUE, Warning.URGENT, Warning.APPROACHING])], default=Value(9), output_field=IntegerField())
OWNER_ROLES = ("leader", "head")

DESK = [  # key, title, state
    ("accept", gettext_noop("待受理"), "registered"),
    ("dispatch", gettext_noop("待交办"), "accepted"),
    ("returned", gettext_noop("退单待改派"), "disputed"),
    ("visit", gettext_noop("待回访"), "replied"),
]


def open_cases(user, **filters) -> QuerySet[Case]:
    """What the queue lists for ``filters`` when no state is chosen (its default: the open cases)."""
    extra = {k: filters.pop(k) for k in ("warned", "supervised", "owned", "due_within", "to_answer") if k in filters}
    qs = selectors.cases_for(user, **filters)
    if not filters.get("state"):
        qs = qs.exclude(state__in=workflow.TERMINAL)
    return selectors.today_filters(qs, user, **extra)


def own_scope(user) -> tuple[str, dict]:
    """The scope of the user's deadline tiles, as a label and the queue parameters that give it: the desk and
    the county-wide readers their jurisdiction, a handler its unit, a leader its own 包案 cases."""
    if workflow.DESK.intersection(user.roles) or user.is_superuser or user.has_role("supervisor", "head", "auditor"):
        return gettext("整个管辖范围"), {}
    if user.unit_id and user.has_role("handler"):
        return gettext("本单位"), {"unit": user.unit_id}
    if user.has_role("leader"):
        return gettext("我包案的"), {"owned": True}
    return gettext("可见范围"), {}


def queue_params(params: dict) -> dict:
    """Filter values as the queue's query string spells them (a checkbox is ``on``)."""
    return {k: ("on" if v is True else v) for k, v in params.items()}


def _section(user, key: str, title: str, order: int, *, ordered_by_severity: bool = False,
             **filters) -> Section:
    qs = open_cases(user, **dict(filters))
    rows = list((qs.order_by(SEVERITY, "due_at", "-id") if ordered_by_severity else
                 qs.order_by("due_at", "-id")).select_related("responsible_unit")[:ITEMS])
    count = len(rows) if len(rows) < ITEMS else qs.count()  # a short list needs no second query
    return Section(key=key, title_zh=title, count=count, order=order,
                   url=link("cases:queue", **queue_params(filters)), items=[_item(c) for c in rows])


def _item(case: Case) -> Item:
    unit = case.responsible_unit.name if case.responsible_unit else ""
    state = str(labels.STATES.get(case.state, case.state))
    return Item(label=f"{case.tracking_no} {case.title}", url=reverse("cases:detail", args=(case.pk,)),
                note=" · ".join(x for x in (state, unit) if x), due_at=case.due_at,
                warning=case.warning if case.due_at else "")


def _by_unit(user, section: Section, **filters) -> Section:
    """Split ``section`` per responsible unit (cases not yet assigned have none and form no group)."""
    rows = (open_cases(user, **dict(filters)).exclude(responsible_unit__isnull=True).order_by()
            .values("responsible_unit_id", "responsible_unit__name").annotate(n=Count("id", distinct=True))
            .order_by("-n", "responsible_unit__name"))
    section.groups = [Group(label=r["responsible_unit__name"], count=r["n"],
                            url=link("cases:queue", **queue_params(filters | {"unit": r["responsible_unit_id"]})))
                      for r in rows]
    return section


def today_sections(user) -> list[Section]:
    sections: list[Section] = []
    if user.is_superuser or workflow.DESK.intersection(user.roles):
        sections += [_section(user, f"desk_{key}", title, 10, state=state) for key, title, state in DESK]
        sections.append(_section(user, "desk_overdue", gettext_noop("已超期"), 10, overdue=True))
    if user.unit_id and user.has_role("handler"):
        unit = user.unit_id
        sections += [
            _section(user, "handler_sign", gettext_noop("待签收"), 20, state="assigned", unit=unit),
            _section(user, "handler_reply", gettext_noop("待答复"), 20, state="handling", unit=unit),
            _section(user, "handler_due", gettext_noop("3个工作日内到期"), 20, unit=unit, due_within=DUE_SOON_DAYS),
        ]
    if user.unit_id and user.has_role("handler", "head"):
        sections.append(_section(user, "unit_supervision", gettext_noop("督办待答复"), 20, ordered_by_severity=True,
                                 to_answer=True))
    if user.has_role(*OWNER_ROLES):
        sections.append(_section(user, "leader_owned", gettext_noop("我包案的诉求"), 30, ordered_by_severity=True,
                                 owned=True))
    if user.has_role("supervisor"):
        sections += [
            _by_unit(user, _section(user, "supervisor_warned", gettext_noop("超期和预警（按单位）"), 40,
                                    ordered_by_severity=True, warned=True), warned=True),
            _by_unit(user, _section(user, "supervisor_supervised", gettext_noop("被督办（按单位）"), 40,
                                    ordered_by_severity=True, supervised=True), supervised=True),
        ]
    return sections
