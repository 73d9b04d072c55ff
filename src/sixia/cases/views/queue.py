"""Work queues by deadline colour (正常 / 临期 / 紧急 / 超期) with filters, and a unit's inbox."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import F, QuerySet
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sixia.cases import deadlines, labels, queue_counts, queue_paging, selectors, workflow
from sixia.cases.forms import QueueFilterForm
from sixia.cases.models import Case, Warning
from sixia.cases.views.common import is_desk, mark_links, region_choices, unit_choices

PAGE_SIZE = 30
TEXT_STAT_FIELDS = ("channel", "track", "petition_class", "repeated")
INBOX_ROWS = 50
NOTIFICATIONS = 30


def _by_due(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.order_by(F("due_at").asc(nulls_last=True), "-id")


def filtered_cases(user, f: dict) -> QuerySet[Case]:
    """The queue's cases for cleaned filters ``f`` (all but the colour)."""
    state = f.get("state") or ""
    qs = selectors.cases_for(user, state="" if state == QueueFilterForm.ALL else state,
                             unit=f.get("unit"),
                             overdue=True if f.get("overdue") else None, category=f.get("category") or "",
                             q=(f.get("q") or "").strip())
    if f.get("region"):  # (cases_for's region_code uses a lookup Django refuses on a foreign key)
        qs = qs.filter(region__code__startswith=f["region"])
    if state == QueueFilterForm.OPEN:
        qs = qs.exclude(state__in=workflow.TERMINAL)
    qs = selectors.registered_between(qs, f.get("date_from"), f.get("date_to"))
    stat: dict[str, Any] = {name: f.get(name) or ("" if name in TEXT_STAT_FIELDS else False)
                            for name in QueueFilterForm.STAT_FIELDS}
    qs = selectors.stat_filters(qs, user, **stat)
    return selectors.today_filters(qs, user, warned=bool(f.get("warned")), supervised=bool(f.get("supervised")),
                                   owned=bool(f.get("owned")), due_within=f.get("due_within"),
                                   to_answer=bool(f.get("to_answer")))


@login_required
@require_GET
def queue(request):
    """The queue, paged by keyset ("next"/"previous" carry a cursor; no OFFSET). The colour tabs are counted on
    the first page (exact when cheap, else cached and dated: cases/queue_counts.py); later pages carry those
    counts in the cursor instead of counting again."""
    user = request.user
    form = QueueFilterForm(request.GET, regions=region_choices(user), units=unit_choices(user))
    f = form.values()
    qs = filtered_cases(user, f)
    cursor = queue_paging.decode(request.GET.get("cursor"))
    counts, counted_at = (cursor.counts, None) if cursor is not None and cursor.counts else (None, None)
    if counts is None:
        counts, counted_at = queue_counts.colour_counts(qs, user, f)
    tabs = [{"code": w.value, "label": str(w.label), "count": counts.get(w.value, 0)} for w in Warning]
    warning = f.get("warning") or ""
    if warning:
        qs = qs.filter(warning=warning)
    total = counts.get(warning, 0) if warning else sum(counts.values())
    page = queue_paging.page(qs.select_related("owner_leader"), sort=f.get("sort") or "due", cursor=cursor,
                             size=PAGE_SIZE, counts=counts)
    deadlines.mark_estimated(page.rows)
    labels.mark_states(page.rows)
    mark_links(page.rows)
    return render(request, "cases/queue.html", {
        "form": form, "page": page, "tabs": tabs, "warning": warning, "total": total,
        "carried": page.counts is not None, "counted_at": counted_at,
        "base_query": _query_without(request, "warning", "page", "cursor"),
        "page_query": _query_without(request, "page", "cursor"),
    })


def _query_without(request, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@login_required
@require_GET
def inbox(request):
    """What waits for the user: for a handler the unit's cases to sign for and in handling; for the desk
    the cases to accept, to reassign after a dispute and to visit again; and the messages."""
    user = request.user
    visible = selectors.visible_cases(user).select_related("region", "category", "responsible_unit")
    sections = []
    if user.unit_id and user.has_role("handler"):
        mine = visible.filter(responsible_unit_id=user.unit_id)
        sections += [("sign", _("待签收"), mine.filter(state="assigned")),
                     ("handling", _("办理中"), mine.filter(state__in=["handling", "suspended", "review_requested"]))]
    if is_desk(user):
        sections += [("accept", _("待受理"), visible.filter(state="registered")),
                     ("reassign", _("退单待改派"), visible.filter(state="disputed")),
                     ("visit", _("待回访/办结"), visible.filter(state__in=["replied", "visited"]))]
    groups = [{"code": code, "title": title, "count": qs.count(), "cases": list(_by_due(qs)[:INBOX_ROWS])}
              for code, title, qs in sections]
    deadlines.mark_estimated([c for g in groups for c in g["cases"]])
    labels.mark_states([c for g in groups for c in g["cases"]])
    mark_links([c for g in groups for c in g["cases"]])
    messages_qs = selectors.inbox(user).select_related("case")
    return render(request, "cases/inbox.html", {
        "groups": groups, "notifications": list(messages_qs[:NOTIFICATIONS]),
        "unread": messages_qs.filter(read_at__isnull=True).count(),
    })
