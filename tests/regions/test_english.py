"""The region page and the foundation lists in English after the language switch, still Chinese without it."""

from __future__ import annotations

import pytest

from tests.conftest import COUNTY, to_english
from tests.regions.conftest import section, text

pytestmark = pytest.mark.django_db


def test_the_region_page_in_english(signed_in, owner, county_cases):
    client = signed_in(owner)
    to_english(client)
    html = client.get(f"/regions/{COUNTY}/").content.decode()
    assert "13 cases in this area, 12 of them open" in text(section(html, "region-total"))
    children = section(html, "region-children")
    assert "Subregions" in children and "下级区划" not in children
    assert "区划概况" not in html
    # the panels contributed by insight and reports are English too
    assert "<h2>Risk index</h2>" in html and "<h2>Hot issues</h2>" in html and "<h2>Three rates</h2>" in html
    assert "风险指数" not in html and "热点问题" not in html


def test_the_region_page_stays_chinese_without_the_switch(signed_in, owner, county_cases):
    html = signed_in(owner).get(f"/regions/{COUNTY}/").content.decode()
    assert "辖区内诉求共 13 件，其中在办 12 件。" in text(section(html, "region-total"))
    assert "下级区划" in html and "Subregions" not in html


@pytest.mark.parametrize("url, english, chinese", [
    ("/units/", ["Unit name", "Parent unit"], "单位名称"),
    ("/officials/", ["Position", "Rank"], "职级"),
    ("/persons/", ["Register a resident", "ID number"], "身份证号"),
    ("/persons/new/", ["Region code", "Save"], "所在区划代码"),
])
def test_the_foundation_lists_in_english(signed_in, owner, url, english, chinese):
    client = signed_in(owner)
    assert chinese in client.get(url).content.decode()
    to_english(client)
    html = client.get(url).content.decode()
    assert all(e in html for e in english) and chinese not in html


def test_model_labels_in_english(signed_in, owner):
    """Choices declared in the models (org, people, core) come from their apps' catalogues."""
    client = signed_in(owner)
    to_english(client)
    assert "Township (subdistrict)" in client.get("/units/").content.decode()
    assert "Township level" in client.get("/officials/").content.decode()
    form = client.get("/persons/new/").content.decode()
    assert "Individual" in form and "Female" in form and ">女<" not in form
