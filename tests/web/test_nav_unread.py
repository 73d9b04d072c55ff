"""The menu's inbox entry carries the number of unread messages (web/context.py + the cases app's nav hook):
own and unit messages as the inbox shows them, gone once read, never for zero or for an anonymous visitor,
"99+" beyond 99, one COUNT per page, and a spoken label in the page language."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sixia.cases.models import Notification
from sixia.cases.notifications import notify
from tests.conftest import COUNTY, PASSWORD, to_english

pytestmark = pytest.mark.django_db

PAGE = "web:units"  # any page with the frame; a light one, so the query comparison is about the menu


@pytest.fixture
def bureau_member(make_user, units):
    """A second handler of the housing bureau: shares the bureau's messages with the colleague."""
    return make_user("bureau2", ["handler"], COUNTY, units["housing"])


@pytest.fixture
def inboxes(owner, colleague, units):
    notify(kind="test", title="给住建局经办人的消息", user=colleague)
    notify(kind="overdue", title="住建局有超期件", unit=units["housing"])
    notify(kind="overdue", title="住建局又有超期件", unit=units["housing"])
    notify(kind="overdue", title="长春镇有超期件", unit=units["township"])
    notify(kind="test", title="给县里的消息", user=owner)


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def inbox_entry(html: str) -> str:
    nav = re.search(r'<nav class="mainnav">(.*?)</nav>', html, re.S).group(1)
    return re.search(rf'<a href="{reverse("cases:inbox")}"[^>]*>(.*?)</a>', nav, re.S).group(1)


def badge(html: str) -> dict[str, str] | None:
    """The badge next to the inbox entry: its text and its spoken label, or None."""
    m = re.search(r'<span class="badge nav-badge"[^>]*aria-label="([^"]*)" title="([^"]*)">([^<]*)</span>',
                  inbox_entry(html))
    return {"label": m.group(1), "title": m.group(2), "text": m.group(3)} if m else None


def get(client: Client, name: str = PAGE) -> str:
    resp = client.get(reverse(name))
    assert resp.status_code == 200
    return resp.content.decode()


def test_a_unit_member_counts_own_and_unit_messages(colleague, bureau_member, inboxes):
    assert badge(get(signed_in(colleague))) == {"label": "3 条未读消息", "title": "3 条未读消息", "text": "3"}
    assert badge(get(signed_in(bureau_member)))["text"] == "2"  # the bureau's two, not the colleague's own


def test_a_user_counts_own_messages(owner, inboxes):
    assert badge(get(signed_in(owner))) == {"label": "1 条未读消息", "title": "1 条未读消息", "text": "1"}


def test_the_badge_goes_once_everything_is_read(colleague, bureau_member, inboxes):
    client = signed_in(colleague)
    one = Notification.objects.filter(user=colleague).get()
    client.post(reverse("cases:notification_read", args=[one.pk]))
    assert badge(get(client))["text"] == "2"
    resp = client.post(reverse("cases:notifications_read_all"), follow=True)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "待办事项" in inbox_entry(html) and badge(html) is None
    assert badge(get(signed_in(bureau_member))) is None  # the unit's mailbox is shared: read for both


def test_no_badge_without_unread_messages(outsider, inboxes):
    html = get(signed_in(outsider))
    assert "待办事项" in inbox_entry(html) and badge(html) is None and "nav-badge" not in html


def test_an_anonymous_visitor_gets_no_badge_and_no_count(client, inboxes):
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/accounts/login/").content.decode()
    assert "nav-badge" not in html and "mainnav" not in html
    assert not [q for q in queries.captured_queries if "cases_notification" in q["sql"]]


def test_above_99_the_badge_says_99_plus(colleague, units):
    Notification.objects.bulk_create([Notification(kind="test", title=f"消息{i}", unit=units["housing"])
                                      for i in range(150)])
    assert badge(get(signed_in(colleague))) == {"label": "150 条未读消息", "title": "150 条未读消息",
                                                "text": "99+"}
    Notification.objects.filter(pk__in=Notification.objects.values("pk")[:51]).delete()
    assert badge(get(signed_in(colleague)))["text"] == "99"


def test_the_badge_costs_one_count_query_per_page(colleague, units, monkeypatch):
    from sixia.cases import nav

    client = signed_in(colleague)
    get(client)  # warm up: session, caches
    notify(kind="test", title="一条", user=colleague)

    def notification_queries(captured):
        return [q["sql"] for q in captured if "cases_notification" in q["sql"]]

    with CaptureQueriesContext(connection) as with_one:
        get(client)
    Notification.objects.bulk_create([Notification(kind="test", title=f"消息{i}", user=colleague)
                                      for i in range(120)])
    with CaptureQueriesContext(connection) as with_many:
        get(client)
    monkeypatch.setattr(nav, "nav_badges", lambda request: {})
    with CaptureQueriesContext(connection) as without:
        html = get(client)
    assert badge(html) is None  # the hook really was off

    assert len(notification_queries(with_one.captured_queries)) == 1
    assert "COUNT" in notification_queries(with_one.captured_queries)[0].upper()
    assert len(with_one) - len(without) <= 1
    assert len(with_many) == len(with_one)  # does not grow with the inbox


def test_the_inbox_page_marks_only_its_own_entry_active(colleague, inboxes):
    html = get(signed_in(colleague), "cases:inbox")
    nav = re.search(r'<nav class="mainnav">(.*?)</nav>', html, re.S).group(1)
    assert re.findall(r'<a href="([^"]*)" class="active"', nav) == [reverse("cases:inbox")]


def test_the_badge_speaks_english(colleague, owner, inboxes):
    client = signed_in(colleague)
    to_english(client)
    html = get(client)
    assert "To do" in inbox_entry(html)
    assert badge(html) == {"label": "3 unread messages", "title": "3 unread messages", "text": "3"}
    client = signed_in(owner)
    to_english(client)
    assert badge(get(client))["label"] == "1 unread message"
