"""The today list (issue 13 item 1): per role, at ``GET /api/v1/me/today`` and first on the home page, and every
count equals the number of rows of the list its link opens — requested as the same user, counted from the
page's ``data-total``. The deadline tiles count the user's own scope and open the queue with the same filters.

The clock is frozen on Wednesday 18 November 2026, 10:00 in 霞浦县 (the demo spreads its cases over 2026).
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from tests.conftest import COUNTY

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=TZ)  # a Wednesday
DEMO_ROLES = ["admin", "dispatcher", "handler", "leader", "supervisor", "auditor", "township", "head", "discipline"]
EXPECTED = {  # the sections each demo login must get (a user with several roles: the union)
    "admin": {"desk_accept", "desk_dispatch", "desk_returned", "desk_visit", "desk_overdue"},
    "dispatcher": {"desk_accept", "desk_dispatch", "desk_returned", "desk_visit", "desk_overdue"},
    "handler": {"handler_sign", "handler_reply", "handler_due", "unit_supervision"},
    "leader": {"leader_owned", "leader_receptions", "leader_visits", "leader_quotas"},
    "supervisor": {"supervisor_warned", "supervisor_supervised"},
    "auditor": {"audit_reveals", "audit_exports"},
    "township": {"desk_accept", "desk_dispatch", "desk_returned", "desk_visit", "desk_overdue",
                 "handler_sign", "handler_reply", "handler_due", "unit_supervision"},
    "head": {"leader_owned", "unit_supervision"},
    "discipline": {"handler_sign", "handler_reply", "handler_due", "unit_supervision"},
    "orgdept": {"org_behind"},
}
TOTAL = re.compile(r'data-total="(\d+)"')


def at(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def demo(frozen, regions):
    """The demo organisation and 40 cases, plus what the demo does not make: 包案 cases and planned
    activities of the leader, reveals and exports for the auditor, a 组织部 login, handler work in hand."""
    from sixia.activities import services as activities
    from sixia.cases import demo as cases_demo
    from sixia.cases.models import Case
    from sixia.cases.services import leaders
    from sixia.core import audit
    from sixia.org.demo import build
    from sixia.org.services import create_user

    ctx = build(seed=7)
    ctx.rng = random.Random(7)
    cases_demo.populate(ctx, cases=40)
    users = ctx.users
    leader = users["leader"].official
    admin = users["admin"]
    Case.objects.update(owner_leader=None, leader_signed_off_at=None)  # the demo's own 包案: start from none
    for case in Case.objects.exclude(state__in=["closed", "rejected"]).order_by("id")[:6]:
        leaders.set_owner_leader(actor=admin, case=case, official=leader, reason="领导包案")
    for kind, day in (("reception", NOW.date() + timedelta(days=7)), ("visit", NOW.date() + timedelta(days=2)),
                      ("visit", NOW.date() - timedelta(days=2))):
        activities.record_activity(actor=admin, kind=kind, title=f"{kind} {day}", region_code=COUNTY, start_day=day,
                                   official_ids=[leader.pk], status="planned" if day >= NOW.date() else "held")
    for _ in range(3):
        audit.record(audit.Action.VIEW_PERSONAL, object_type="people.person", object_id="1", actor=users["dispatcher"],
                     summary="查看id_number：核实身份")
    audit.record(audit.Action.EXPORT, object_type="reports.ledger", actor=users["dispatcher"], summary="导出台账")
    with time_machine.travel(NOW - timedelta(days=10), tick=False):  # too old for "the last 7 days"
        audit.record(audit.Action.EXPORT, object_type="reports.ledger", actor=users["dispatcher"], summary="旧导出")
    users["orgdept"] = create_user(actor=None, username="orgdept", password="Xiapu@1988demo",
                                   roles=["organization_dept"], jurisdiction_code=COUNTY, unit=ctx.units["组织部"])
    _handler_work(users["handler"], users["dispatcher"])
    return ctx


def _handler_work(handler, desk):
    """The desk assigns four accepted cases to the housing bureau; its handler signs two — one due in 2 working
    days, one in 4 (over a weekend) —, returns one (退单) and leaves one to sign."""
    from sixia.cases.models import Case
    from sixia.cases.services import perform_action

    accepted = list(Case.objects.filter(state="accepted").order_by("id")[:4])
    assert len(accepted) == 4, "the demo should leave cases to dispatch"
    mine = [perform_action(actor=desk, case=c, action="assign", args={"unit_id": handler.unit_id}) for c in accepted]
    signed = [perform_action(actor=handler, case=c, action="sign", args={}) for c in mine[:2]]
    perform_action(actor=handler, case=mine[2], action="dispute", args={"reason": "不属于本单位职责"})
    Case.objects.filter(pk=signed[0].pk).update(due_at=at(2026, 11, 20, 23, 59, 59), suspended_at=None)
    Case.objects.filter(pk=signed[1].pk).update(due_at=at(2026, 11, 24, 23, 59, 59), suspended_at=None)
    # the supervisor urges one of them (督办待答复 for the unit until it answers)
    from sixia.cases.services.supervising import supervise_case
    from sixia.org.models import User

    supervisor = User.objects.get(username="supervisor")
    supervise_case(actor=supervisor, case=Case.objects.get(pk=signed[0].pk), level=1, reason="请加快办理",
                   reply_by=(NOW + timedelta(days=3)).date())


def fresh(user):
    from sixia.org.models import User

    return User.objects.get(pk=user.pk)  # no cached roles / official from the fixture


def total_of(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    found = TOTAL.findall(response.content.decode())
    assert len(found) == 1, f"{url}: expected one data-total, found {found}"
    return int(found[0])


def test_every_role_gets_its_sections_and_each_count_is_the_list_it_opens(demo, api, token_for, client):
    """One demo for every login (building it costs seconds): each role in turn, as that user."""
    checked = 0
    for username in [*DEMO_ROLES, "orgdept"]:
        user = fresh(demo.users[username])
        response = api.get("/me/today", headers=token_for(user))
        assert response.status_code == 200, username
        sections = response.json()["sections"]
        assert {s["key"] for s in sections} == EXPECTED[username], username
        assert len(sections) == len({s["key"] for s in sections}), "a key appears once"
        client.force_login(user)
        for s in sections:
            assert len(s["items"]) == min(s["count"], 5), s["key"]
            assert total_of(client, s["url"]) == s["count"], f"{username} {s['key']} {s['url']}"
            for g in s["groups"]:
                assert total_of(client, g["url"]) == g["count"], f"{username} {s['key']} {g['label']}"
            checked += s["count"] > 0
        client.logout()
    assert checked >= 18  # most sections have work in them: equal counts of empty lists would prove little


def test_the_counts_are_the_work_of_each_role(demo, api, token_for, django_assert_max_num_queries):
    """Not only equal to their lists: the numbers the fixture made are the ones shown."""
    from sixia.cases.models import Case

    def counts(name):
        user = fresh(demo.users[name])
        return {s["key"]: s for s in api.get("/me/today", headers=token_for(user)).json()["sections"]}

    handler = counts("handler")
    unit = demo.users["handler"].unit_id
    assert handler["handler_sign"]["count"] == Case.objects.filter(responsible_unit_id=unit, state="assigned").count()
    assert handler["handler_sign"]["count"] >= 1
    assert handler["handler_reply"]["count"] == Case.objects.filter(responsible_unit_id=unit, state="handling").count()
    # 督办待答复: the manual 催办/督办 of the demo's supervisor on the unit's cases, less the one it answered
    from sixia.cases.models import Supervision

    unanswered = Supervision.objects.filter(unit_id=unit, automatic=False, answered_at__isnull=True)
    assert handler["unit_supervision"]["count"] == unanswered.values("case_id").distinct().count() >= 1
    # due Friday 20th: within 3 working days; due Tuesday 24th: the 4th working day (Sat/Sun do not count)
    assert [i["due_at"][:10] for i in handler["handler_due"]["items"]] == ["2026-11-20"]

    leader = counts("leader")
    assert leader["leader_owned"]["count"] == 6
    assert leader["leader_receptions"]["count"] == 1 and leader["leader_visits"]["count"] == 1  # not the past one
    assert leader["leader_quotas"]["count"] > 0

    auditor = counts("auditor")
    assert auditor["audit_reveals"]["count"] == 3
    assert auditor["audit_exports"]["count"] == 1  # the export 10 days ago is not recent

    desk = counts("dispatcher")
    assert desk["desk_accept"]["count"] == Case.objects.filter(state="registered").count() > 0
    assert desk["desk_returned"]["count"] == 1
    assert desk["desk_overdue"]["count"] > 0

    supervisor = counts("supervisor")["supervisor_warned"]
    assert supervisor["groups"] and sum(g["count"] for g in supervisor["groups"]) <= supervisor["count"]
    assert all(i["url"].startswith("/cases/") for i in supervisor["items"])  # each case links to its page

    # titles in the client's language; another county's desk sees none of this county's work
    english = api.get("/me/today", headers=token_for(fresh(demo.users["handler"])) | {"Accept-Language": "en"})
    assert [s["title"] for s in english.json()["sections"]] == ["To sign for", "To reply",
                                                                "Due within 3 working days", "Supervision to answer"]
    from sixia.org.services import create_user
    from tests.conftest import OTHER_COUNTY

    outsider = create_user(actor=None, username="outsider-desk", password="Xiapu@1988demo", roles=["dispatcher"],
                           jurisdiction_code=OTHER_COUNTY)
    other = api.get("/me/today", headers=token_for(outsider)).json()["sections"]
    assert {s["key"] for s in other} == EXPECTED["dispatcher"] and all(s["count"] == 0 for s in other)

    # "due within 3 working days": three 24-hour days from Wednesday 10:00 end on Saturday; three working days
    # end on Monday night
    from sixia.cases.selectors import today_filters

    handler = fresh(demo.users["handler"])
    case = Case.objects.filter(responsible_unit_id=handler.unit_id, state="handling").order_by("id").last()
    Case.objects.filter(pk=case.pk).update(due_at=at(2026, 11, 23, 18, 0))  # Monday
    soon = today_filters(Case.objects.all(), handler, due_within=3)
    assert soon.filter(pk=case.pk).exists()
    Case.objects.filter(pk=case.pk).update(due_at=at(2026, 11, 24, 9, 0))  # Tuesday: the 4th working day
    assert not soon.filter(pk=case.pk).exists()

    # a today list is a handful of statements (a COUNT and the first rows per section)
    from sixia.core.today import collect

    for name, limit in (("handler", 9), ("dispatcher", 12), ("leader", 12), ("supervisor", 10)):
        user = fresh(demo.users[name])
        with django_assert_max_num_queries(limit):
            collect(user)


def test_home_shows_the_today_list_first_and_tiles_of_the_own_scope(demo, client):
    from sixia.cases.models import Case

    handler = fresh(demo.users["handler"])
    client.force_login(handler)
    html = client.get("/").content.decode()
    assert html.index('data-testid="today"') < html.index('class="stats"') < html.index('data-testid="deadline-tiles"')
    assert html.index('data-testid="today-handler_sign"') < html.index('data-testid="today-handler_due"')
    tiles = re.findall(r'href="([^"]+)" data-testid="tile-(\w+)"><b>(\d+)</b>', html)
    assert len(tiles) == 4
    open_of_unit = Case.objects.filter(responsible_unit_id=handler.unit_id).exclude(
        state__in=["rejected", "forwarded", "finalized", "closed", "merged"]).count()
    assert sum(int(n) for _url, _code, n in tiles) == open_of_unit  # the unit's cases, not the county's
    assert open_of_unit < Case.objects.count()
    for url, code, n in tiles:
        assert f"unit={handler.unit_id}" in url.replace("&amp;", "&")
        assert total_of(client, url.replace("&amp;", "&")) == int(n), code

    # a leader's tiles: its own 包案 cases
    leader = fresh(demo.users["leader"])
    client.force_login(leader)
    html = client.get("/").content.decode()
    tiles = re.findall(r'href="([^"]+)" data-testid="tile-(\w+)"><b>(\d+)</b>', html)
    assert sum(int(n) for *_rest, n in tiles) == 6
    for url, code, n in tiles:
        assert total_of(client, url.replace("&amp;", "&")) == int(n), code

    # the audit page's "since" (the auditor's sections open the last 7 days)
    auditor = fresh(demo.users["auditor"])
    client.force_login(auditor)
    since = (timezone.localdate() - timedelta(days=6)).isoformat()
    assert total_of(client, f"/audit/?action=export&since={since}") == 1
    assert total_of(client, "/audit/?action=export") == 2
    assert total_of(client, "/audit/?action=export&since=not-a-day") == 2  # ignored, not an error


def test_a_user_without_work_roles_gets_an_empty_list(frozen, make_user, units, api, token_for):
    user = make_user("plain", ["discipline"], COUNTY)  # no unit: not a handler of anything
    response = api.get("/me/today", headers=token_for(user))
    assert response.status_code == 200 and response.json() == {"sections": []}


def test_the_new_list_filters_take_bad_or_missing_input_without_an_error(frozen, owner, client):
    """A hand-edited address: no official to be "mine", a day count that is not a number or too large."""
    client.force_login(owner)
    assert total_of(client, "/activities/?mine=on") == 0  # the owner has no official: nothing is "mine"
    for query in ("due_within=abc", "due_within=999", "owned=on&warned=on&supervised=on"):
        assert client.get(f"/cases/?{query}").status_code == 200
