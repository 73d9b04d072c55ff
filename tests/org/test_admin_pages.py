"""The administrator's pages: the menu entry, the unit tree, forms that keep what was typed and explain a
refusal in the page's language, deactivation and password reset; others get 403, other counties 404."""

from __future__ import annotations

import re

import pytest

from sixia.org.models import Linkage, Official, Unit, User
from tests.conftest import OTHER_COUNTY, PASSWORD, TOWNSHIP, to_english


@pytest.fixture
def admin_client(client, owner):
    client.force_login(owner)
    return client


def _nav(html: str) -> str:
    return re.search(r'<nav class="mainnav">(.*?)</nav>', html, re.S).group(1)


def test_the_menu_entry_is_for_admins_only(client, owner, colleague, auditor):
    client.force_login(owner)
    assert "组织管理" in _nav(client.get("/").content.decode())
    for other in (colleague, auditor):
        client.force_login(other)
        assert "组织管理" not in _nav(client.get("/").content.decode())


def test_units_show_as_a_tree(admin_client, units):
    from sixia.org import services

    services.update_unit(actor=None, unit=units["housing"], changes={"parent_id": units["county_gov"].pk})
    html = admin_client.get("/org/").content.decode()
    assert html.index("霞浦县人民政府") < html.index("└ 霞浦县住建局")
    assert "古田县人民政府" not in html


def test_it_adds_a_unit_and_keeps_the_typed_values_on_a_bad_region(admin_client, units):
    r = admin_client.post("/org/units/new/", {"name": "长春镇综治中心", "kind": "department", "region_code": "999999"})
    html = r.content.decode()
    assert r.status_code == 422 and "行政区划代码 999999 不存在" in html
    assert 'value="长春镇综治中心"' in html and 'value="999999"' in html
    assert not Unit.objects.filter(name="长春镇综治中心").exists()
    r = admin_client.post("/org/units/new/", {"name": "长春镇综治中心", "kind": "department",
                                              "region_code": OTHER_COUNTY})
    assert r.status_code == 422 and "不在您的管辖范围内" in r.content.decode()
    r = admin_client.post("/org/units/new/", {"name": "长春镇综治中心", "kind": "department", "region_code": TOWNSHIP,
                                              "parent_id": units["township"].pk, "is_active": "on"})
    assert r.status_code == 302
    assert Unit.objects.get(name="长春镇综治中心").parent == units["township"]


def test_the_region_field_is_a_text_input_never_a_list_of_regions(admin_client, units):
    html = admin_client.get("/org/units/new/").content.decode()
    assert re.search(r'<input[^>]+name="region_code"', html)
    assert not re.search(r'<select[^>]+name="region_code"', html)
    assert "350921101201" not in html  # no village (nor any region) offered as an option


def test_it_edits_an_official(admin_client, units):
    from sixia.org import services

    o = services.create_official(actor=None, name="郑一", unit=units["housing"], rank="staff")
    r = admin_client.post(f"/org/officials/{o.pk}/edit/", {"name": "郑一", "unit_id": units["housing"].pk,
                                                           "rank": "township", "position": "副局长",
                                                           "is_principal": "on", "status": "active"})
    assert r.status_code == 302
    o.refresh_from_db()
    assert o.rank == "township" and o.title == "副局长" and o.is_principal
    assert "郑一" in admin_client.get("/org/officials/").content.decode()


def test_it_adds_edits_deactivates_a_user_and_resets_its_password(admin_client, units, colleague):
    r = admin_client.post("/org/users/new/", {"username": "zhen", "password": "short", "roles": ["dispatcher"],
                                              "jurisdiction_code": TOWNSHIP})
    assert r.status_code == 422 and 'value="zhen"' in r.content.decode() and "密码不符合要求" in r.content.decode()
    r = admin_client.post("/org/users/new/", {"username": "zhen", "password": PASSWORD, "roles": ["dispatcher"],
                                              "jurisdiction_code": TOWNSHIP, "unit_id": units["township"].pk})
    assert r.status_code == 302
    zhen = User.objects.get(username="zhen")
    assert zhen.jurisdiction_id == TOWNSHIP and zhen.has_role("dispatcher")
    r = admin_client.post(f"/org/users/{zhen.pk}/edit/", {"roles": ["dispatcher", "leader"],
                                                         "jurisdiction_code": TOWNSHIP})
    assert r.status_code == 302 and User.objects.get(pk=zhen.pk).has_role("leader")
    r = admin_client.post(f"/org/users/{zhen.pk}/password/", {"password": "New-Horse-77y"})
    assert r.status_code == 302 and User.objects.get(pk=zhen.pk).check_password("New-Horse-77y")
    r = admin_client.post(f"/org/users/{zhen.pk}/deactivate/")
    assert r.status_code == 302 and not User.objects.get(pk=zhen.pk).is_active
    assert "已停用" in admin_client.get("/org/users/").content.decode()


def test_it_adds_a_linkage(admin_client, units):
    from sixia.org import services

    o = services.create_official(actor=None, name="郑二", unit=units["county_gov"], rank="county")
    r = admin_client.post("/org/linkages/", {"official_id": o.pk, "kind": "township", "region_code": TOWNSHIP,
                                             "starts_on": "2026-03-01", "ends_on": "2026-02-01"})
    assert r.status_code == 422 and "结束日期不能早于开始日期" in r.content.decode()
    r = admin_client.post("/org/linkages/", {"official_id": o.pk, "kind": "township", "region_code": TOWNSHIP,
                                             "starts_on": "2026-03-01"})
    assert r.status_code == 302 and Linkage.objects.filter(official=o).exists()
    assert "郑二" in admin_client.get("/org/linkages/").content.decode()


@pytest.mark.parametrize("path", ["/org/", "/org/units/new/", "/org/officials/", "/org/users/", "/org/linkages/",
                                  "/org/import/", "/org/export.xlsx"])
def test_non_admins_get_403(client, colleague, path):
    client.force_login(colleague)
    assert client.get(path).status_code == 403


def test_a_non_admin_post_writes_nothing(client, colleague, units):
    client.force_login(colleague)
    r = client.post("/org/units/new/", {"name": "偷建单位", "kind": "department", "region_code": TOWNSHIP})
    assert r.status_code == 403 and not Unit.objects.filter(name="偷建单位").exists()


def test_another_countys_admin_gets_404(client, outsider, units, colleague):
    client.force_login(outsider)
    assert client.get(f"/org/units/{units['housing'].pk}/edit/").status_code == 404
    assert client.get(f"/org/users/{colleague.pk}/edit/").status_code == 404
    assert client.post(f"/org/users/{colleague.pk}/deactivate/").status_code == 404
    assert User.objects.get(pk=colleague.pk).is_active


def test_the_pages_speak_english(admin_client, units):
    to_english(admin_client)
    html = admin_client.get("/org/").content.decode()
    assert "Organisation" in _nav(html) and "Add unit" in html
    r = admin_client.post("/org/units/new/", {"name": "X", "kind": "department", "region_code": "999999"})
    assert "unknown region code 999999" in r.content.decode() and "不存在" not in r.content.decode()
    assert Official.objects.count() == 0
