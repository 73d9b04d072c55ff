"""Organisation administration through the API: an administrator adds units, officials, users and linkages
inside its county; the new user's token sees only its township; deactivating the user shuts the token."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sixia.core.models import AuditEntry
from sixia.org.models import Official, Unit, User
from tests.conftest import PASSWORD, TOWNSHIP


@pytest.fixture
def admin_headers(owner, token_for):
    return token_for(owner)


def _case(owner, region_code: str, title: str):
    from sixia.cases.services import create_case

    return create_case(actor=owner, channel="visit", petition_class="appeal", title=title, content=title + "。",
                       region_code=region_code)


def test_it_builds_a_township_dispatcher_whose_token_sees_only_its_township(japi, owner, admin_headers, units):
    # given cases in the township and elsewhere in the county
    inside = _case(owner, TOWNSHIP, "长春镇路灯不亮")
    _case(owner, "350921102", "牙城镇积水")
    _case(owner, "350921", "县城噪音")

    # when the administrator adds a unit, an official and a user through the API
    r = japi("post", "/units", {"name": "长春镇综治中心", "kind": "department", "region_code": TOWNSHIP,
                                "parent_id": units["township"].pk}, admin_headers)
    assert r.status_code == 201, r.content
    unit = r.json()
    assert unit["region_code"] == TOWNSHIP and unit["parent_id"] == units["township"].pk
    r = japi("post", "/officials", {"name": "陈晓东", "unit_id": unit["id"], "rank": "township", "position": "主任",
                                    "is_principal": True, "status": "active"}, admin_headers)
    assert r.status_code == 201, r.content
    official = r.json()
    assert official["is_principal"] and official["status"] == "active" and official["position"] == "主任"
    r = japi("post", "/users", {"username": "cxd", "password": PASSWORD, "unit_id": unit["id"],
                                "official_id": official["id"], "roles": ["dispatcher"],
                                "jurisdiction_code": TOWNSHIP}, admin_headers)
    assert r.status_code == 201, r.content
    user = r.json()
    assert user["roles"] == ["dispatcher"] and user["jurisdiction_code"] == TOWNSHIP
    assert user["official_id"] == official["id"] and user["display_name"] == "陈晓东"

    # then `sixia create-token` gives the new user a token that lists only the township's cases
    out = StringIO()
    call_command("create_token", user="cxd", stdout=out)
    headers = {"Authorization": f"Bearer {out.getvalue().strip()}"}
    r = japi("get", "/cases", headers=headers)
    assert r.status_code == 200
    items = r.json()["items"]
    assert [c["id"] for c in items] == [inside.pk]
    assert all(c["region_code"].startswith(TOWNSHIP) for c in items)

    # and deactivating the user shuts that token (401), without deleting the user
    r = japi("post", f"/users/{user['id']}/deactivate", headers=admin_headers)
    assert r.status_code == 200 and r.json()["is_active"] is False
    assert japi("get", "/cases", headers=headers).status_code == 401
    assert User.objects.filter(username="cxd", is_active=False).exists()
    actions = set(AuditEntry.objects.filter(actor=owner).values_list("summary", flat=True))
    assert {"新增单位 长春镇综治中心", "新增干部 陈晓东", "新增用户 cxd", "停用用户 cxd"} <= actions


def test_it_patches_units_officials_and_users(japi, owner, admin_headers, units, make_user):
    unit = units["housing"]
    r = japi("patch", f"/units/{unit.pk}", {"short_name": "住建局", "parent_id": units["county_gov"].pk},
             admin_headers)
    assert r.status_code == 200, r.content
    assert r.json()["short_name"] == "住建局" and r.json()["name"] == "霞浦县住建局"
    official = japi("post", "/officials", {"name": "林一", "unit_id": unit.pk, "rank": "staff"}, admin_headers).json()
    r = japi("patch", f"/officials/{official['id']}", {"status": "retired", "position": "科员"}, admin_headers)
    assert r.status_code == 200 and r.json()["status"] == "retired" and r.json()["position"] == "科员"
    assert Official.objects.get(pk=official["id"]).is_active is False
    user = make_user("clerk", ["handler"], "350921", unit)
    r = japi("patch", f"/users/{user.pk}", {"roles": ["handler", "leader"], "jurisdiction_code": TOWNSHIP},
             admin_headers)
    assert r.status_code == 200, r.content
    assert r.json()["roles"] == ["handler", "leader"] and r.json()["jurisdiction_code"] == TOWNSHIP
    entry = AuditEntry.objects.filter(object_type="org.user", object_id=str(user.pk), action="update").get()
    assert entry.changes["jurisdiction_code"] == ["350921", TOWNSHIP]


def test_a_parent_unit_cannot_be_its_own_descendant(japi, admin_headers, units):
    japi("patch", f"/units/{units['township'].pk}", {"parent_id": units["county_gov"].pk}, admin_headers)
    r = japi("patch", f"/units/{units['county_gov'].pk}", {"parent_id": units["township"].pk}, admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "parent_id"


def test_it_resets_a_password_and_lifts_the_lockout(japi, owner, admin_headers, colleague, client):
    from django.utils import timezone

    User.objects.filter(pk=colleague.pk).update(failed_logins=9, locked_until=timezone.now() + timezone.timedelta(
        minutes=10))
    r = japi("post", f"/users/{colleague.pk}/reset-password", {"password": "123"}, admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "password"
    r = japi("post", f"/users/{colleague.pk}/reset-password", {"password": "New-Horse-77y"}, admin_headers)
    assert r.status_code == 200 and r.json()["is_locked"] is False
    assert client.login(username="colleague", password="New-Horse-77y")


def test_linkages_are_created_and_listed(japi, admin_headers, units):
    official = japi("post", "/officials", {"name": "郑二", "unit_id": units["county_gov"].pk, "rank": "county"},
                    admin_headers).json()
    r = japi("post", "/linkages", {"official_id": official["id"], "kind": "township", "region_code": TOWNSHIP,
                                   "starts_on": "2026-01-01", "ends_on": "2026-12-31"}, admin_headers)
    assert r.status_code == 201, r.content
    assert r.json()["region_name"] and r.json()["official_name"] == "郑二"
    r = japi("post", "/linkages", {"official_id": official["id"], "kind": "enterprise", "region_code": TOWNSHIP,
                                   "target_name": "福宁海产公司", "starts_on": "2026-01-01"}, admin_headers)
    assert r.status_code == 201
    r = japi("post", "/linkages", {"official_id": official["id"], "kind": "village", "region_code": TOWNSHIP,
                                   "starts_on": "2026-01-01"}, admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "region_code"
    r = japi("post", "/linkages", {"official_id": official["id"], "kind": "township", "region_code": TOWNSHIP,
                                   "starts_on": "2026-05-01", "ends_on": "2026-04-01"}, admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "ends_on"
    r = japi("get", "/linkages", {"official": official["id"]}, admin_headers)
    assert r.status_code == 200 and len(r.json()["items"]) == 2


def test_bad_input_is_a_clear_422(japi, admin_headers, units):
    r = japi("post", "/units", {"name": "", "kind": "department", "region_code": TOWNSHIP}, admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "name"
    r = japi("post", "/units", {"name": "某局", "kind": "nonsense", "region_code": TOWNSHIP}, admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "kind"
    r = japi("post", "/units", {"name": "某局", "kind": "department", "region_code": "999999"}, admin_headers)
    assert r.status_code == 422 and "不存在" in r.json()["message"]
    r = japi("post", "/users", {"username": "owner", "password": PASSWORD, "roles": ["auditor"],
                                "jurisdiction_code": TOWNSHIP}, admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "username"
    r = japi("post", "/users", {"username": "x1", "password": PASSWORD, "roles": ["king"],
                                "jurisdiction_code": TOWNSHIP}, admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "roles"
    assert not User.objects.filter(username="x1").exists() and not Unit.objects.filter(name="某局").exists()


def test_an_admin_cannot_deactivate_itself(japi, owner, admin_headers):
    r = japi("post", f"/users/{owner.pk}/deactivate", headers=admin_headers)
    assert r.status_code == 422
    assert User.objects.get(pk=owner.pk).is_active


def test_the_users_list_is_the_jurisdiction_for_admins_only(japi, owner, admin_headers, colleague, outsider,
                                                             token_for):
    names = {u["username"] for u in japi("get", "/users", headers=admin_headers).json()["items"]}
    assert {"owner", "colleague"} <= names and "outsider" not in names
    assert japi("get", "/users", headers=token_for(colleague)).status_code == 403
    assert japi("get", f"/users/{colleague.pk}", headers=token_for(outsider)).status_code == 404


def test_an_admin_may_rebind_its_own_unit_but_not_change_its_own_roles(japi, owner, admin_headers, units):
    r = japi("patch", f"/users/{owner.pk}", {"roles": ["admin", "dispatcher"], "unit_id": units["housing"].pk},
             admin_headers)
    assert r.status_code == 200 and r.json()["unit_id"] == units["housing"].pk
    r = japi("patch", f"/users/{owner.pk}", {"roles": ["dispatcher"]}, admin_headers)
    assert r.status_code == 422 and User.objects.get(pk=owner.pk).has_role("admin")
