"""The work queue pages by keyset (issue 17 item 3): "next"/"previous" carry a cursor (the boundary row's sort key),
no OFFSET and no COUNT after the first page; walking forward and back visits every case once, in the same order
as the unpaged query — ties on the deadline and cases without a clock (sorted last) included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sixia.cases import queue_paging
from sixia.cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def eight(new_case, monkeypatch):
    """Eight open cases: pairs sharing a deadline, two without a clock; pages of three."""
    import importlib

    monkeypatch.setattr(importlib.import_module("sixia.cases.views.queue"), "PAGE_SIZE", 3)
    cases = [new_case(title=f"诉求{i}") for i in range(8)]
    base = cases[0].registered_at.replace(microsecond=0)  # deadlines relative to the cases, not to today
    for i, case in enumerate(cases):
        due = None if i >= 6 else base + timedelta(days=i // 2)
        Case.objects.filter(pk=case.pk).update(due_at=due, warning="overdue" if i == 0 else "normal")
    return cases


def walk(client, params: dict, forward: bool = True, start: str | None = None) -> tuple[list[int], str | None]:
    ids: list[int] = []
    cursor, last_prev = start, None
    for _ in range(10):
        r = client.get(reverse("cases:queue"), params | ({"cursor": cursor} if cursor else {}))
        assert r.status_code == 200
        page = r.context["page"]
        ids = ids + [c.pk for c in page.rows] if forward else [c.pk for c in page.rows] + ids
        last_prev = page.previous_cursor
        cursor = page.next_cursor if forward else page.previous_cursor
        if not cursor:
            break
    return ids, last_prev


@pytest.mark.parametrize("sort", ["due", "new"])
def test_walking_forward_and_back_visits_every_case_once_in_order(client, owner, eight, sort):
    client.force_login(owner)
    order = [F("due_at").asc(nulls_last=True), "-id"] if sort == "due" else ["-registered_at", "-id"]
    expected = list(Case.objects.order_by(*order).values_list("pk", flat=True))
    forward, _ = walk(client, {"sort": sort})
    assert forward == expected
    # from the last page back to the first through the "previous" links
    last = client.get(reverse("cases:queue"), {"sort": sort})
    cursor = last.context["page"].next_cursor
    while True:
        page = client.get(reverse("cases:queue"), {"sort": sort, "cursor": cursor}).context["page"]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    back, _ = walk(client, {"sort": sort}, forward=False, start=cursor)
    assert back == expected


def test_later_pages_carry_the_first_pages_counts_and_do_not_count(client, owner, eight):
    client.force_login(owner)
    first = client.get(reverse("cases:queue"))
    assert 'data-total="8"' in first.content.decode()
    with CaptureQueriesContext(connection) as queries:
        second = client.get(reverse("cases:queue"), {"cursor": first.context["page"].next_cursor})
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "cases_case" in q["sql"]]
    assert 'data-total="8"' in second.content.decode()
    assert {t["code"]: t["count"] for t in second.context["tabs"]}["overdue"] == 1
    assert "OFFSET" not in " ".join(q["sql"] for q in queries).upper()


@pytest.mark.parametrize("bad", ["x", "!!!", "bnVsbA", queue_paging.encode(None, 1, before=False, counts={})[:-2] + "@@",
                                 "eyJpIjoiMSIsInYiOm51bGx9", "eyJpIjowLCJ2IjpudWxsfQ", "eyJpIjoxLCJ2IjoiMjAyNiJ9",
                                 "eyJpIjoxLCJ2IjpudWxsLCJ0IjpbMV19", "A" * 2000])
def test_a_bad_cursor_is_the_first_page(client, owner, eight, bad):
    client.force_login(owner)
    r = client.get(reverse("cases:queue"), {"cursor": bad})
    assert r.status_code == 200
    assert len(r.context["page"].rows) == 3 and r.context["page"].previous_cursor is None


def test_a_cursor_round_trips():
    when = datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC)
    got = queue_paging.decode(queue_paging.encode(when, 42, before=True, counts={"normal": 3}))
    assert got is not None and (got.value, got.pk, got.before, got.counts) == (when, 42, True, {"normal": 3})


def test_a_large_queue_shows_cached_counts_with_their_time(client, owner, eight, monkeypatch):
    """Beyond EXACT_UP_TO cases the colour counts come from the cache (taken at most CACHE_SECONDS ago) and the
    page says when they were taken; below it they are exact (the today list's counts)."""
    from django.core.cache import cache

    from sixia.cases import queue_counts

    client.force_login(owner)
    assert 'data-testid="counted-at"' not in client.get(reverse("cases:queue")).content.decode()
    monkeypatch.setattr(queue_counts, "EXACT_UP_TO", 5)
    cache.clear()
    first = client.get(reverse("cases:queue")).content.decode()
    assert 'data-total="8"' in first and 'data-testid="counted-at"' in first
    Case.objects.filter(pk=eight[0].pk).update(state="closed")  # not yet in the cached counts
    with CaptureQueriesContext(connection) as queries:
        again = client.get(reverse("cases:queue")).content.decode()
    assert 'data-total="8"' in again
    assert not [q for q in queries if "COUNT(" in q["sql"].upper() and "cases_case" in q["sql"]]
    cache.clear()
    assert 'data-total="7"' in client.get(reverse("cases:queue")).content.decode()
