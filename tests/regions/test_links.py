"""Where the region page is linked from: the risk rows of the hot-issues page and of the home risk panel."""

from __future__ import annotations

import pytest

from tests.conftest import TOWNSHIP

pytestmark = pytest.mark.django_db


def test_the_hotspots_risk_rows_link_to_the_region_page(signed_in, owner, county_cases):
    html = signed_in(owner).get("/insight/hotspots/").content.decode()
    assert f'<a href="/regions/{TOWNSHIP}/">长春镇</a>' in html


def test_the_home_risk_panel_links_to_the_region_page(signed_in, owner, county_cases):
    html = signed_in(owner).get("/").content.decode()
    assert 'data-testid="risk-panel"' in html and f'<a href="/regions/{TOWNSHIP}/">长春镇</a>' in html
