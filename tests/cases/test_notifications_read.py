"""Marking inbox messages read: the service, the inbox page (buttons, PRG, the open link) and the API.

The users: the colleague (housing-bureau handler) and a second member of the housing bureau share the
bureau's messages; the owner (county government) and the outsider (another county) see only theirs."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sixia.cases.models import Notification
from sixia.cases.notifications import notify
from sixia.cases.services import inbox as inbox_service
from sixia.core.errors import NotFound
from tests.cases.conftest import at
from tests.conftest import COUNTY, to_english

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau_member(make_user, units):
    """A second handler of the housing bureau: sees the bureau's messages like the colleague."""
    return make_user("bureau2", ["handler"], COUNTY, units["housing"])


@pytest.fixture
def inboxes(owner, colleague, units):
    """Two messages the colleague sees (own + the bureau's) and three it does not."""
    return {
        "own": notify(kind="test", title="给住建局经办人的消息", user=colleague),
        "bureau": notify(kind="overdue", title="住建局有超期件", unit=units["housing"]),
        "other_unit": notify(kind="overdue", title="长春镇有超期件", unit=units["township"]),
        "owner": notify(kind="test", title="给县里的消息", user=owner),
        "owner_unit": notify(kind="test", title="县政府的消息", unit=units["county_gov"]),
    }


def unread(row: Notification) -> bool:
    return Notification.objects.get(pk=row.pk).read_at is None


# ---- the service ----

def test_it_marks_one_message_read_and_leaves_the_others(colleague, inboxes):
    row = inbox_service.mark_read(actor=colleague, notification_id=inboxes["own"].pk, now=at(2026, 3, 2, 9))
    assert row.read_at == at(2026, 3, 2, 9)
    assert not unread(inboxes["own"])
    assert all(unread(inboxes[k]) for k in ("bureau", "other_unit", "owner", "owner_unit"))


def test_a_units_message_is_marked_by_any_member_and_then_read_for_all(colleague, bureau_member, inboxes):
    inbox_service.mark_read(actor=bureau_member, notification_id=inboxes["bureau"].pk)
    assert not unread(inboxes["bureau"])
    assert unread(inboxes["own"])  # the colleague's personal message is not the other member's
    assert colleague.pk != bureau_member.pk
    with pytest.raises(NotFound):
        inbox_service.mark_read(actor=bureau_member, notification_id=inboxes["own"].pk)


def test_mark_all_touches_only_the_messages_the_user_sees(colleague, inboxes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        marked = inbox_service.mark_all_read(actor=colleague, now=at(2026, 3, 2, 9))
    assert marked == 2
    # One UPDATE of the messages, not a loop; plus one audit entry (chain head read, insert, head moved).
    assert sum('UPDATE "cases_notification"' in q["sql"] for q in queries.captured_queries) == 1
    assert sum('INSERT INTO "core_auditentry"' in q["sql"] for q in queries.captured_queries) == 1
    assert not unread(inboxes["own"]) and not unread(inboxes["bureau"])
    assert unread(inboxes["other_unit"]) and unread(inboxes["owner"]) and unread(inboxes["owner_unit"])


def test_marking_again_keeps_the_first_read_time(colleague, inboxes):
    first, later = at(2026, 3, 2, 9), at(2026, 3, 5, 17)
    inbox_service.mark_read(actor=colleague, notification_id=inboxes["own"].pk, now=first)
    again = inbox_service.mark_read(actor=colleague, notification_id=inboxes["own"].pk, now=later)
    assert again.read_at == first
    assert inbox_service.mark_all_read(actor=colleague, now=later) == 1  # only the bureau's was still unread
    assert Notification.objects.get(pk=inboxes["own"].pk).read_at == first
    assert Notification.objects.get(pk=inboxes["bureau"].pk).read_at == later
    assert inbox_service.mark_all_read(actor=colleague, now=later) == 0


def test_someone_elses_message_is_refused(colleague, outsider, inboxes):
    for key in ("owner", "owner_unit", "other_unit"):
        with pytest.raises(NotFound) as refused:
            inbox_service.mark_read(actor=colleague, notification_id=inboxes[key].pk)
        assert refused.value.code == "notification_not_found"
        assert "消息不存在" in refused.value.message and "not yours" in refused.value.message
        assert unread(inboxes[key])
    with pytest.raises(NotFound):
        inbox_service.mark_read(actor=outsider, notification_id=inboxes["own"].pk)
    with pytest.raises(NotFound):
        inbox_service.mark_read(actor=colleague, notification_id=999999)


# ---- the inbox page ----

def test_the_page_shows_unread_messages_apart_and_the_count_drops(client, colleague, inboxes):
    client.force_login(colleague)
    r = client.get(reverse("cases:inbox"))
    assert r.context["unread"] == 2
    html = r.content.decode()
    assert "2 条未读" in html and "全部标为已读" in html and html.count("标为已读</button>") == 3  # 2 + all
    assert f'data-testid="notification-{inboxes["own"].pk}" class="unread"' in html
    assert "长春镇有超期件" not in html and "给县里的消息" not in html

    r = client.post(reverse("cases:notification_read", args=[inboxes["own"].pk]))
    assert r.status_code == 302 and r["Location"] == reverse("cases:inbox")  # PRG
    assert not unread(inboxes["own"])
    r = client.get(reverse("cases:inbox"))
    html = r.content.decode()
    assert r.context["unread"] == 1 and "1 条未读" in html
    assert f'data-testid="notification-{inboxes["own"].pk}">' in html  # no longer marked unread


def test_mark_all_on_the_page(client, colleague, inboxes):
    client.force_login(colleague)
    r = client.post(reverse("cases:notifications_read_all"))
    assert r.status_code == 302 and r["Location"] == reverse("cases:inbox")
    assert not unread(inboxes["own"]) and not unread(inboxes["bureau"]) and unread(inboxes["other_unit"])
    r = client.get(reverse("cases:inbox"))
    html = r.content.decode()
    assert r.context["unread"] == 0
    assert "条未读" not in html and "全部标为已读" not in html and "标为已读</button>" not in html
    assert "给住建局经办人的消息" in html  # read messages stay listed


def test_the_page_refuses_someone_elses_message(client, colleague, inboxes):
    client.force_login(colleague)
    r = client.post(reverse("cases:notification_read", args=[inboxes["owner"].pk]))
    assert r.status_code == 404
    assert unread(inboxes["owner"])
    r = client.get(reverse("cases:notification_open", args=[inboxes["owner_unit"].pk]))
    assert r.status_code == 404
    assert unread(inboxes["owner_unit"])


def test_marking_read_needs_post_and_the_csrf_token(colleague, inboxes):
    client = Client(enforce_csrf_checks=True)
    client.force_login(colleague)
    url = reverse("cases:notification_read", args=[inboxes["own"].pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403  # no token
    assert client.post(reverse("cases:notifications_read_all")).status_code == 403
    assert unread(inboxes["own"]) and unread(inboxes["bureau"])
    page = client.get(reverse("cases:inbox")).content.decode()
    assert page.count('name="csrfmiddlewaretoken"') >= 3  # each form carries it


def test_opening_a_message_marks_it_read_and_goes_to_the_case(client, owner, new_case):
    case = new_case()
    row = notify(kind="assigned", title="新诉求待受理", user=owner, case=case)
    plain = notify(kind="test", title="无关联诉求的消息", user=owner)
    client.force_login(owner)
    html = client.get(reverse("cases:inbox")).content.decode()
    open_url = reverse("cases:notification_open", args=[row.pk])
    assert f'href="{open_url}"' in html

    r = client.get(open_url)
    assert r.status_code == 302 and r["Location"] == reverse("cases:detail", args=[case.pk])
    first = Notification.objects.get(pk=row.pk).read_at
    assert first is not None
    assert client.get(open_url).status_code == 302  # idempotent: opening again keeps the first read time
    assert Notification.objects.get(pk=row.pk).read_at == first
    assert unread(plain)
    r = client.get(reverse("cases:notification_open", args=[plain.pk]))
    assert r["Location"] == reverse("cases:inbox") and not unread(plain)


def test_the_inbox_buttons_in_english(client, colleague, inboxes):
    client.force_login(colleague)
    to_english(client)
    html = client.get(reverse("cases:inbox")).content.decode()
    assert "Mark as read" in html and "Mark all as read" in html and "Unread" in html and "2 unread" in html
    assert "标为已读" not in html and "未读" not in html


def test_the_inbox_buttons_stay_chinese_without_the_switch(client, colleague, inboxes):
    client.force_login(colleague)
    html = client.get(reverse("cases:inbox")).content.decode()
    assert "全部标为已读" in html and "未读" in html
    assert "Mark as read" not in html and "Mark all as read" not in html


# ---- the API ----

def test_the_api_lists_pages_and_filters_the_users_messages(api, colleague, inboxes, token_for):
    headers = token_for(colleague)
    inbox_service.mark_read(actor=colleague, notification_id=inboxes["own"].pk)
    body = api.get("/notifications", headers).json()
    assert [n["id"] for n in body["items"]] == [inboxes["bureau"].pk, inboxes["own"].pk]
    assert body["unread_count"] == 1 and body["next_cursor"] is None
    assert body["items"][0]["unit_id"] == inboxes["bureau"].unit_id and body["items"][0]["read_at"] is None

    only_unread = api.get("/notifications", headers, unread="true").json()
    assert [n["id"] for n in only_unread["items"]] == [inboxes["bureau"].pk]
    only_read = api.get("/notifications", headers, unread="false").json()
    assert [n["id"] for n in only_read["items"]] == [inboxes["own"].pk]

    first = api.get("/notifications", headers, page_size=1).json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = api.get("/notifications", headers, page_size=1, cursor=first["next_cursor"]).json()
    assert [n["id"] for n in second["items"]] == [inboxes["own"].pk] and second["next_cursor"] is None


def test_the_api_marks_one_and_all(api, colleague, inboxes, token_for):
    headers = token_for(colleague)
    r = api.post(f"/notifications/{inboxes['bureau'].pk}/read", headers=headers)
    assert r.status_code == 200
    body = r.json()
    assert body["notification"]["id"] == inboxes["bureau"].pk and body["notification"]["read_at"]
    assert body["unread_count"] == 1
    first_read = Notification.objects.get(pk=inboxes["bureau"].pk).read_at
    again = api.post(f"/notifications/{inboxes['bureau'].pk}/read", headers=headers).json()
    assert again["unread_count"] == 1
    assert Notification.objects.get(pk=inboxes["bureau"].pk).read_at == first_read

    r = api.post("/notifications/read-all", headers=headers)
    assert r.status_code == 200 and r.json() == {"marked": 1, "unread_count": 0}
    assert unread(inboxes["other_unit"]) and unread(inboxes["owner"]) and unread(inboxes["owner_unit"])


def test_the_api_refuses_someone_elses_message(api, colleague, outsider, inboxes, token_for):
    r = api.post(f"/notifications/{inboxes['owner'].pk}/read", headers=token_for(colleague))
    assert r.status_code == 404
    assert r.json()["code"] == "notification_not_found" and "not yours" in r.json()["message"]
    assert unread(inboxes["owner"])
    assert api.get("/notifications", token_for(outsider)).json() == {"items": [], "next_cursor": None,
                                                                     "unread_count": 0}
    assert api.post("/notifications/read-all", headers=token_for(outsider)).json()["marked"] == 0
    assert api.post("/notifications/read-all").status_code == 401


def test_marking_is_audited_once_and_marking_again_records_nothing(colleague, inboxes):
    from sixia.core.models import AuditEntry

    before = AuditEntry.objects.filter(actor=colleague, object_type="cases.notification").count()
    inbox_service.mark_read(actor=colleague, notification_id=inboxes["own"].pk)
    inbox_service.mark_read(actor=colleague, notification_id=inboxes["own"].pk)
    inbox_service.mark_all_read(actor=colleague)
    inbox_service.mark_all_read(actor=colleague)
    entries = AuditEntry.objects.filter(actor=colleague, object_type="cases.notification").order_by("id")
    assert entries.count() - before == 2
    assert [e.summary for e in entries][-2:] == ["消息标为已读", "全部消息标为已读：1 条"]
