"""Jurisdiction-scoped reads of cases. Dispatchers, leaders, heads, supervisors and admins see every case of their
region subtree; a handler alone sees the cases of its own unit (responsible now or assigned before).

检举控告 (accusations, ``petition_class="accusation"``) are narrower (信访工作条例第30条第3款、第46条: the
accused must never learn who reported nor see the material): inside the jurisdiction only the desk
(``dispatcher``) and the discipline organ (``discipline``, 纪检监察) see them, and never a user of the unit
accused (``Case.respondent_unit``). Every read — pages, API, exports — goes through ``visible_cases``."""

from __future__ import annotations

import contextlib
import re
from datetime import datetime, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from sixia.cases.models import Case, CaseEvent, CasePetitioner, Notification, Supervision, Warning
from sixia.core import jurisdiction
from sixia.core.errors import InvalidInput, NotFound
from sixia.core.personal import id_number_index, phone_index

WIDE_ROLES = ("admin", "dispatcher", "leader", "head", "supervisor", "auditor")
ACCUSATION = "accusation"
ACCUSATION_ROLES = ("dispatcher", "discipline")  # 受理窗口 and 纪检监察: who may read a 检举控告


def visible_cases(user) -> QuerySet[Case]:
    qs = jurisdiction.scope(Case.objects.all(), user)
    if user is None:
        return qs
    reads_accusations = user.has_role(*ACCUSATION_ROLES)
    if not reads_accusations:
        qs = qs.exclude(petition_class=ACCUSATION)
    if user.unit_id:  # never the unit accused, whatever its roles
        qs = qs.exclude(petition_class=ACCUSATION, respondent_unit_id=user.unit_id)
    if not user.is_superuser and not user.has_role(*WIDE_ROLES):
        if not user.unit_id and not user.has_role("discipline"):
            return qs.none()
        own = Q(responsible_unit_id=user.unit_id) | Q(assignments__unit_id=user.unit_id) if user.unit_id else Q(
            pk__in=[])
        if user.has_role("discipline"):
            own |= Q(petition_class=ACCUSATION)
        qs = qs.filter(own).distinct()
    return qs


def cases_for(user, *, state: str = "", region_code: str = "", unit: int | None = None,
              overdue: bool | None = None, warning: str = "", category: str = "", q: str = "") -> QuerySet[Case]:
    qs = visible_cases(user).select_related("region", "category", "responsible_unit")
    if state:
        qs = qs.filter(state__in=[s for s in state.split(",") if s])
    if region_code:
        qs = qs.filter(region__code__startswith=region_code)
    if unit:
        qs = qs.filter(responsible_unit_id=unit)
    if overdue is True:
        qs = qs.filter(due_at__lt=timezone.now(), suspended_at__isnull=True)
    elif overdue is False:
        qs = qs.exclude(due_at__lt=timezone.now(), suspended_at__isnull=True)
    if warning:
        qs = qs.filter(warning=warning)
    if category:
        qs = qs.filter(Q(category__code=category) | Q(category__code__startswith=category + "."))
    if q:
        qs = search(qs, q)
    return qs


def today_filters(qs: QuerySet[Case], user, *, warned: bool = False, supervised: bool = False, owned: bool = False,
                  due_within: int | None = None, to_answer: bool = False) -> QuerySet[Case]:
    """The queue filters the today list links to: warned (临期/紧急/超期), under supervision (督办 of any level),
    the user's own 包案 cases, and running clocks that end within ``due_within`` working days (the calendar,
    not 24-hour days; overdue and suspended clocks excluded)."""
    if warned:
        qs = qs.exclude(warning=Warning.NORMAL)
    if supervised:
        qs = qs.filter(supervision_level__gt=0)
    if owned:
        qs = qs.filter(owner_leader__user=user)
    if to_answer:  # 督办待答复: a 催办/督办/挂牌督办 of the user's own unit that the unit has not answered yet
        qs = qs.filter(pk__in=Supervision.objects.filter(unit_id=user.unit_id, answered_at__isnull=True,
                                                           automatic=False).values("case_id"))
    if due_within:
        from sixia.cases import deadlines

        now = timezone.now()
        qs = qs.filter(due_at__gte=now, due_at__lte=deadlines.add(now, due_within, "working"),
                       suspended_at__isnull=True)
    return qs


CODE_LIKE = re.compile(r"[0-9A-Za-z-]{3,32}")  # a piece of a query code: 350921-260314-0007-KXM
SEARCH_MAX = 100  # a longer query is no name, number or title fragment anyone types


def search(qs: QuerySet[Case], q: str) -> QuerySet[Case]:
    """Narrow ``qs`` (already scoped by ``visible_cases``) to the cases a free-text ``q`` names (一人一表):

    * an ID number or phone (normalised) → the persons with that blind index → their cases. The database only
      ever sees the keyed hash; nothing is decrypted, so this is one indexed lookup however many persons exist;
    * digits/letters/dashes (≥ 3) → any part of the query code (``tracking_no`` contains the upper-cased
      text). A ``LIKE '%…%'`` cannot use the unique index: it scans the visible cases' codes — about what the
      title search costs (docs/benchmarks-cases-pages.md); ``pg_trgm`` indexes are the next step if needed;
    * always: the title contains it, or a petitioner's name contains it (names are stored in clear, as the
      desk types them; ID numbers and phones are not, hence the exact match above).
    """
    q = (q or "").strip()[:SEARCH_MAX]
    if not q:
        return qs
    # ``pk IN (subquery)`` rather than a correlated EXISTS: inside an OR, PostgreSQL runs an EXISTS once per
    # case row, while an uncorrelated IN becomes one hashed subplan (docs/benchmarks-cases-pages.md)
    cond = Q(title__contains=q) | Q(pk__in=CasePetitioner.objects.filter(person__name__contains=q).values("case_id"))
    indexes = Q()
    for index_of, field in ((id_number_index, "id_number_index"), (phone_index, "phone_index")):
        with contextlib.suppress(InvalidInput):
            indexes |= Q(**{f"person__{field}": index_of(q)})
    if indexes:
        cond |= Q(pk__in=CasePetitioner.objects.filter(indexes).values("case_id"))
    if CODE_LIKE.fullmatch(q):
        cond |= Q(tracking_no__contains=q.upper())
    return qs.filter(cond)


def get_case(user, case_id: int) -> Case:
    case = visible_cases(user).select_related("region", "category", "responsible_unit", "copy_unit",
                                              "owner_leader", "first_receiver").filter(pk=case_id).first()
    if case is None:
        raise NotFound("not_found", "诉求不存在或不在您的管辖范围内", "case not found or outside your jurisdiction")
    return case


def timeline(case: Case, *, public_only: bool = False) -> QuerySet[CaseEvent]:
    """The case file in order. ``public_only``: what the petitioner may see (no internal notes)."""
    qs = case.events.order_by("at", "id")
    return qs.filter(public=True) if public_only else qs


def open_cases_of_person(user, person_id: int) -> QuerySet[Case]:
    """The same person's open cases (shown while a dispatcher types an intake)."""
    from sixia.cases.workflow import TERMINAL

    return visible_cases(user).filter(petitioners__person_id=person_id).exclude(state__in=TERMINAL)


def cases_of_person(user, person_id: int) -> QuerySet[Case]:
    """Every visible case of one person (一人一表), open and closed, newest first."""
    return (visible_cases(user).filter(petitioners__person_id=person_id)
            .select_related("region", "responsible_unit").order_by("-registered_at", "-id"))


DUPLICATE_WINDOW = timedelta(hours=1)


def recent_duplicates(user, *, title: str, content: str, petitioners: list[dict], now: datetime | None = None,
                      exclude_id: int | None = None) -> QuerySet[Case]:
    """Cases registered in the last hour that this intake may repeat (可能重复登记: the same visit typed twice,
    the same message entered from two channels): the same petitioner — by ``person_id`` or the blind index of
    an ID number or phone, never a decryption — or the same title or the same text. Visible cases only."""
    now = now or timezone.now()
    people = Q()
    for item in petitioners:
        if item.get("person_id"):
            people |= Q(person_id=item["person_id"])
        for raw, index_of, field in ((item.get("id_number") or "", id_number_index, "id_number_index"),
                                     (item.get("phone") or "", phone_index, "phone_index")):
            if raw.strip():
                with contextlib.suppress(InvalidInput):
                    people |= Q(**{f"person__{field}": index_of(raw)})
    title, content = (title or "").strip(), (content or "").strip()
    cond = Q(title=title) if title else Q(pk__in=[])
    if content:
        cond |= Q(content=content)
    if people:
        cond |= Q(Exists(CasePetitioner.objects.filter(people, case_id=OuterRef("pk"))))
    qs = visible_cases(user).filter(cond, registered_at__gte=now - DUPLICATE_WINDOW, registered_at__lte=now)
    if exclude_id is not None:
        qs = qs.exclude(pk=exclude_id)
    return qs.order_by("-registered_at", "-id")


def inbox(user) -> QuerySet[Notification]:
    return Notification.objects.filter(Q(user=user) | Q(unit_id=user.unit_id) if user.unit_id else Q(user=user))


def counts_by_area(user, *, region_code: str, width: int) -> dict[str, dict[str, int]]:
    """Visible cases under ``region_code`` and the open ones among them, per region-code prefix of ``width``
    characters (a county's townships with width 9): one grouped query, for the region page's child list.
    Cases filed on the region itself come back under their own, shorter code."""
    from sixia.cases.workflow import TERMINAL

    rows = (visible_cases(user).filter(region__code__startswith=region_code)
            .annotate(area=Substr("region_id", 1, width)).values("area")
            .annotate(cases=Count("id"), open=Count("id", filter=~Q(state__in=TERMINAL))).order_by("area"))
    return {str(r["area"]): {"cases": int(r["cases"]), "open": int(r["open"])} for r in rows}


# ---- the 包案 and 督办 desks ----

def owned_cases(user, *, official_id: int | None = None, state: str = "", overdue: bool | None = None
                ) -> QuerySet[Case]:
    """Visible cases that have a 包案 leader, with the last progress note (``last_note``, ``last_note_at``).

    ``state``: ``open`` (not closed/finalized…), ``closed`` (terminal), or a state code; ``overdue``: past the
    current step's deadline and not suspended."""
    from django.db.models import OuterRef, Subquery

    from sixia.cases.models import LeaderNote
    from sixia.cases.workflow import TERMINAL

    notes = LeaderNote.objects.filter(case=OuterRef("pk")).order_by("-at", "-id")
    qs = (visible_cases(user).filter(owner_leader__isnull=False)
          .select_related("owner_leader", "owner_leader__unit", "responsible_unit")
          .annotate(last_note=Subquery(notes.values("text")[:1]), last_note_at=Subquery(notes.values("at")[:1])))
    if official_id:
        qs = qs.filter(owner_leader_id=official_id)
    if state == "open":
        qs = qs.exclude(state__in=TERMINAL)
    elif state == "closed":
        qs = qs.filter(state__in=TERMINAL)
    elif state:
        qs = qs.filter(state=state)
    overdue_q = Q(due_at__lt=timezone.now(), suspended_at__isnull=True) & ~Q(state__in=TERMINAL)
    if overdue is True:
        qs = qs.filter(overdue_q)
    elif overdue is False:
        qs = qs.exclude(overdue_q)
    return qs.order_by("owner_leader__name", "owner_leader_id", "-registered_at", "-id")


def get_leader(user, official_id: int):
    """A leader (干部 marked 领导干部) of the user's jurisdiction; otherwise not found (404)."""
    from sixia.org import selectors as org_selectors

    official = org_selectors.get_official(user, official_id)
    if not official.is_leader:
        raise NotFound("not_found", "该干部不是领导干部", "not a leader")
    return official


def leaders_for(user):
    """The leaders of the user's jurisdiction who own at least one visible case (the ledger's filter)."""
    from sixia.org import selectors as org_selectors

    owning = visible_cases(user).filter(owner_leader__isnull=False).values("owner_leader_id")
    return org_selectors.officials_for(user).filter(pk__in=owning).order_by("name", "pk")


def supervisions_for(user, *, date_from=None, date_to=None) -> QuerySet:
    """催办/督办/挂牌督办 rows on visible cases issued in the period (local dates, both ends included)."""
    from datetime import datetime, time, timedelta

    from sixia.cases.deadlines import TZ
    from sixia.cases.models import Supervision

    qs = Supervision.objects.filter(case__in=visible_cases(user).values("pk")).select_related("case", "unit", "by")
    if date_from:
        qs = qs.filter(at__gte=datetime.combine(date_from, time.min, tzinfo=TZ))
    if date_to:
        qs = qs.filter(at__lt=datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=TZ))
    return qs.order_by("unit_id", "case_id", "at", "id")


# ---- the statistics' filters (reports.statistics links every figure to the queue with these) ----

SATISFIED_CODES = ("satisfied", "basically")  # 群众满意: 满意 or 基本满意 (ReturnVisit.Satisfaction)
STAT_FLAGS = ("over_level", "collective", "three_many", "accepted", "accepted_timely", "replied",
              "replied_on_time", "rated", "satisfied")


def accepted_timely_q() -> Q:
    """及时受理: accepted on or before the acceptance deadline (条例第22条: 15 days; DeadlinePolicy rows)."""
    return Q(accepted_at__isnull=False) & (Q(accept_due__isnull=True) | Q(accepted_at__lte=F("accept_due")))


def replied_on_time_q() -> Q:
    """按期办结: the reply (答复意见) given on or before the handling deadline (条例第32、34条; extensions included)."""
    return Q(replied_at__isnull=False) & (Q(handle_due__isnull=True) | Q(replied_at__lte=F("handle_due")))


def registered_between(qs: QuerySet[Case], first=None, last=None) -> QuerySet[Case]:
    """Cases registered from local day ``first`` to local day ``last`` (both included; either may be None).
    Bounds as instants (local midnight), not ``registered_at__date``: the same rows without a per-row time-zone
    conversion (on SQLite a Python call per row — 27 s instead of 2 s for a county's statistics on 100k cases)."""
    from datetime import time as day_start

    from sixia.cases.deadlines import TZ

    if first:
        qs = qs.filter(registered_at__gte=datetime.combine(first, day_start(), tzinfo=TZ))
    if last:
        qs = qs.filter(registered_at__lt=datetime.combine(last + timedelta(days=1), day_start(), tzinfo=TZ))
    return qs


def three_many_persons(user) -> QuerySet:
    """Persons whose visible cases span several years, levels or receiving bodies (三多 = 多年、多层、多头, the
    thresholds of ``insight.RepeatSettings``; rules.md §4) — per person over all their cases, one grouped query."""
    from django.db.models.functions import ExtractYear, Length

    from sixia.insight.models import RepeatSettings

    s = RepeatSettings.current()
    return (CasePetitioner.objects.filter(case__in=visible_cases(user).values("pk")).values("person_id")
            .annotate(years=Count(ExtractYear("case__registered_at"), distinct=True),
                      levels=Count(Length("case__first_receiver__region_id"), distinct=True),
                      bodies=Count("case__first_receiver_id", distinct=True))
            .filter(Q(years__gte=s.three_many_years) | Q(levels__gte=s.three_many_levels)
                    | Q(bodies__gte=s.three_many_bodies))
            .values("person_id"))


def stat_filters(qs: QuerySet[Case], user, *, channel: str = "", track: str = "", petition_class: str = "",
                 repeated: str = "", over_level: bool = False, collective: bool = False, three_many: bool = False,
                 accepted: bool = False, accepted_timely: bool = False, replied: bool = False,
                 replied_on_time: bool = False, rated: bool = False, satisfied: bool = False,
                 no_category: bool = False, no_unit: bool = False) -> QuerySet[Case]:
    """The filters a statistics figure links to: each narrows the queue to exactly the cases the figure counts
    (``reports.statistics.figures`` counts with the same Q objects)."""
    if channel:
        qs = qs.filter(channel=channel)
    if track:
        qs = qs.filter(track=track)
    if petition_class:
        qs = qs.filter(petition_class=petition_class)
    if repeated in ("1", "0"):  # 重复件 / 初信初访
        qs = qs.filter(is_repeated=repeated == "1")
    if over_level:
        qs = qs.filter(is_over_level=True)
    if collective:
        qs = qs.filter(is_collective=True)
    if three_many:
        qs = qs.filter(pk__in=CasePetitioner.objects.filter(person_id__in=three_many_persons(user)).values("case_id"))
    if accepted:
        qs = qs.filter(accepted_at__isnull=False)
    if accepted_timely:
        qs = qs.filter(accepted_timely_q())
    if replied:
        qs = qs.filter(replied_at__isnull=False)
    if replied_on_time:
        qs = qs.filter(replied_on_time_q())
    if rated:
        qs = qs.exclude(satisfaction="")
    if satisfied:
        qs = qs.filter(satisfaction__in=SATISFIED_CODES)
    if no_category:
        qs = qs.filter(category__isnull=True)
    if no_unit:
        qs = qs.filter(responsible_unit__isnull=True)
    return qs
