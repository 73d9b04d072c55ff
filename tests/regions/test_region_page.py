"""The region page (区划概况): routes, breadcrumb, children with counts, and the jurisdiction rule (404)."""

from __future__ import annotations

import re

import pytest

from sixia.geo.models import Region
from tests.conftest import COUNTY, OTHER_COUNTY, TOWNSHIP
from tests.regions.conftest import section, text

pytestmark = pytest.mark.django_db


def test_it_redirects_to_the_users_own_jurisdiction(signed_in, owner, township_user, outsider):
    assert signed_in(owner).get("/regions/").headers["Location"] == f"/regions/{COUNTY}/"
    assert signed_in(township_user).get("/regions/").headers["Location"] == f"/regions/{TOWNSHIP}/"
    assert signed_in(outsider).get("/regions/").headers["Location"] == f"/regions/{OTHER_COUNTY}/"


def test_it_asks_an_anonymous_visitor_to_sign_in(client):
    resp = client.get(f"/regions/{COUNTY}/")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/accounts/login/")


def test_it_shows_the_breadcrumb_children_and_counts(signed_in, owner, county_cases):
    html = signed_in(owner).get(f"/regions/{COUNTY}/").content.decode()
    crumbs = section(html, "crumbs")
    # 福建省 and 宁德市 are above the county's jurisdiction: named, not linked
    assert "福建省" in crumbs and "宁德市" in crumbs and "霞浦县" in crumbs
    assert "<a " not in crumbs
    children = section(html, "region-children")
    assert re.search(rf'<li data-code="{TOWNSHIP}"><a href="/regions/{TOWNSHIP}/">长春镇</a> <span class="n">6 / 6</span>',
                     children)
    assert '<a href="/regions/350921102/">牙城镇</a> <span class="n">7 / 6</span>' in children  # one closed
    assert "350922" not in html  # nothing of the other county
    assert "辖区内诉求共 13 件，其中在办 12 件" in text(section(html, "region-total"))


def test_a_township_page_links_back_to_the_county_only_when_it_is_in_jurisdiction(
        signed_in, owner, township_user, county_cases):
    crumbs = section(signed_in(owner).get(f"/regions/{TOWNSHIP}/").content.decode(), "crumbs")
    assert f'<a href="/regions/{COUNTY}/">霞浦县</a>' in crumbs
    crumbs = section(signed_in(township_user).get(f"/regions/{TOWNSHIP}/").content.decode(), "crumbs")
    assert "霞浦县" in crumbs and f'href="/regions/{COUNTY}/"' not in crumbs


@pytest.mark.parametrize("code", [COUNTY, TOWNSHIP, "35", "3509", "999999", "abc"])
def test_an_outsider_gets_404_for_a_region_outside_the_jurisdiction(signed_in, outsider, county_cases, code):
    resp = signed_in(outsider).get(f"/regions/{code}/")
    assert resp.status_code == 404 and "不在您的管辖范围内" in resp.content.decode()


def test_the_owner_gets_404_above_or_beside_the_county(signed_in, owner, township_user):
    assert signed_in(owner).get(f"/regions/{OTHER_COUNTY}/").status_code == 404
    assert signed_in(owner).get("/regions/3509/").status_code == 404
    assert signed_in(township_user).get(f"/regions/{COUNTY}/").status_code == 404
    assert signed_in(township_user).get("/regions/350921102/").status_code == 404


def without_jurisdiction(user):
    type(user).objects.filter(pk=user.pk).update(jurisdiction=None)
    return user


def test_a_user_without_jurisdiction_gets_404(signed_in, make_user, units):
    nobody = without_jurisdiction(make_user("nobody", ["handler"], COUNTY, units["housing"]))
    assert signed_in(nobody).get("/regions/").status_code == 404
    assert signed_in(nobody).get(f"/regions/{COUNTY}/").status_code == 404


def test_a_national_user_gets_the_provinces(signed_in, make_user, county_cases):
    root = without_jurisdiction(make_user("root", ["admin"], COUNTY, is_superuser=True))
    resp = signed_in(root).get("/regions/")
    assert resp.status_code == 200
    children = section(resp.content.decode(), "region-children")
    assert '<a href="/regions/35/">福建省</a> <span class="n">17 / 16</span>' in children


def test_a_village_has_no_children_and_still_renders(signed_in, owner, county_cases):
    village = Region.objects.filter(parent_id=TOWNSHIP).order_by("code").first()
    assert village is not None
    html = signed_in(owner).get(f"/regions/{village.code}/").content.decode()
    assert "本区划没有下级区划" in html and f'<a href="/regions/{TOWNSHIP}/">长春镇</a>' in section(html, "crumbs")


def test_the_page_takes_a_bounded_number_of_queries(signed_in, owner, county_cases, django_assert_max_num_queries):
    client = signed_in(owner)
    client.get(f"/regions/{COUNTY}/")  # warm caches that are not the page's own (content types, settings rows)
    with django_assert_max_num_queries(30):
        assert client.get(f"/regions/{COUNTY}/").status_code == 200


def test_the_nav_links_to_the_region_page(signed_in, owner):
    html = signed_in(owner).get("/").content.decode()
    assert '<a href="/regions/">区划概况</a>' in html
