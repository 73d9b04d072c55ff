"""Reads of 点题整治. Officials' reads are scoped by ``core.jurisdiction.scope`` on the topic's (or
nomination's) region; the portal's reads see published topics only (voting, answering, done)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from sixia.core import jurisdiction
from sixia.topics import rules
from sixia.topics.models import Measure, Nomination, Progress, Rating, RatingRule, Topic

PUBLIC_STATES = (Topic.State.VOTING, Topic.State.ANSWERING, Topic.State.DONE)


def _with_counts(qs: QuerySet) -> QuerySet:
    return qs.annotate(vote_count=Count("votes", distinct=True))


def topics_for(user, *, year: int | None = None, state: str = "", unit_id: int | None = None,
               attention: bool = False, today: date | None = None) -> QuerySet:
    qs = jurisdiction.scope(Topic.objects.select_related("region", "lead_unit"), user)
    if year:
        qs = qs.filter(year=year)
    if state in Topic.State.values:
        qs = qs.filter(state=state)
    if unit_id:
        qs = qs.filter(Q(lead_unit_id=unit_id) | Q(co_units__id=unit_id)).distinct()
    if attention:
        qs = needing_attention(qs, today or timezone.localdate())
    return _with_counts(qs).order_by("-year", "id")


def needing_attention(qs: QuerySet, today: date) -> QuerySet:
    """Topics under rectification with an overdue measure, or with no measure yet (答题未启动)."""
    overdue = Measure.objects.filter(topic=OuterRef("pk"), due_date__lt=today, progress__lt=100)
    any_measure = Measure.objects.filter(topic=OuterRef("pk"))
    return qs.filter(state=Topic.State.ANSWERING).filter(Exists(overdue) | ~Exists(any_measure))


def get_topic(user, topic_id: int) -> Topic:
    """One topic inside the user's jurisdiction; anything else is the usual 404."""
    return jurisdiction.get_scoped(Topic.objects.select_related("region", "lead_unit"), user, pk=topic_id)


def nominations_for(user, *, status: str = "") -> QuerySet:
    qs = jurisdiction.scope(Nomination.objects.select_related("region", "category", "topic"), user)
    if status in Nomination.Status.values:
        qs = qs.filter(status=status)
    return qs


def measures_for(user, *, unit_id: int | None = None, due_within: int | None = None, overdue: bool = False,
                 today: date | None = None) -> QuerySet:
    """Open measures (progress below 100) of topics under rectification, in the jurisdiction."""
    today = today or timezone.localdate()
    qs = jurisdiction.scope(Measure.objects.select_related("topic", "unit"), user, field="topic__region__code")
    qs = qs.filter(topic__state=Topic.State.ANSWERING, progress__lt=100)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if due_within is not None:
        qs = qs.filter(due_date__lte=today + timedelta(days=due_within))
    if overdue:
        qs = qs.filter(due_date__lt=today)
    return qs.order_by("due_date", "id")


def public_topics(*, year: int | None = None, state: str = "") -> QuerySet:
    qs = Topic.objects.select_related("region", "lead_unit").filter(state__in=PUBLIC_STATES)
    if year:
        qs = qs.filter(year=year)
    if state in PUBLIC_STATES:
        qs = qs.filter(state=state)
    return _with_counts(qs).order_by("-year", "-vote_count", "id")


def public_years() -> list[int]:
    return list(Topic.objects.filter(state__in=PUBLIC_STATES).order_by("-year").values_list("year", flat=True)
                .distinct())


def public_topic(topic_id: int) -> Topic | None:
    return _with_counts(Topic.objects.select_related("region", "lead_unit")
                        .filter(pk=topic_id, state__in=PUBLIC_STATES)).first()


def rating_rule(region_code: str) -> RatingRule | None:
    """The row of the longest prefix of ``region_code`` (the empty prefix is the default)."""
    prefixes = [region_code[:n] for n in range(len(region_code) + 1)]
    return RatingRule.objects.filter(region_prefix__in=prefixes).order_by("-region_prefix").first()


def rating_counts(topic: Topic) -> dict[str, int]:
    rows = Rating.objects.filter(topic=topic).values("satisfaction").annotate(n=Count("id"))
    counts = dict.fromkeys(Rating.Satisfaction.values, 0)
    counts.update({r["satisfaction"]: r["n"] for r in rows})
    return counts


def satisfaction(topic: Topic) -> tuple[dict[str, int], float | None]:
    """(counts per answer, the rate in percent or None) by the region's RatingRule."""
    counts = rating_counts(topic)
    rule = rating_rule(topic.region_id)
    if rule is None:
        return counts, rules.satisfaction_rate(counts)
    weights = {"satisfied": rule.weight_satisfied, "basically": rule.weight_basically,
               "dissatisfied": rule.weight_dissatisfied}
    return counts, rules.satisfaction_rate(counts, weights, rule.min_ratings)


def measure_rows(topic: Topic, today: date | None = None) -> list[dict]:
    """The 进度督办表 of a topic: each measure with its dated updates and whether it is overdue."""
    today = today or timezone.localdate()
    rows = []
    for m in topic.measures.select_related("unit").prefetch_related("updates"):
        rows.append({"measure": m, "id": m.pk, "title": m.title, "unit": m.unit.name, "due_date": m.due_date,
                     "progress": m.progress, "overdue": rules.is_overdue(m.due_date, m.progress, today),
                     "updates": list(m.updates.all())})
    return rows


def timeline(topic: Topic) -> list[dict]:
    """Progress over time, oldest first: publication, every dated progress report, completion."""
    events: list[dict] = []
    if topic.published_at:
        events.append({"day": topic.published_at.date(), "kind": "published", "label": "", "percent": None,
                       "text": "", "unit": ""})
    for p in Progress.objects.filter(measure__topic=topic).select_related("measure__unit").order_by("day", "id"):
        events.append({"day": p.day, "kind": "progress", "label": p.measure.title, "percent": p.percent,
                       "text": p.text, "unit": p.measure.unit.name})
    if topic.completed_at:
        events.append({"day": topic.completed_at.date(), "kind": "done", "label": "", "percent": 100, "text": "",
                       "unit": ""})
    return sorted(events, key=lambda e: (e["day"], e["kind"] == "done"))
