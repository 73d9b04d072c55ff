"""Fixtures of the region page tests: a county whose two townships differ in a known way.

长春镇 (350921101): 6 cases — 3 repeated, 2 overdue, 2 rated of which 1 dissatisfied, none collective.
牙城镇 (350921102): 7 plain cases, 1 of them closed.
古田县 (350922, the outsider's county): 4 cases that 霞浦县 must never see.

Default weights (0.2 / 0.25 / 0.2 / 0.2 / 0.15) by hand:
长春镇 = 100 × (0.2 × 6/7 + 0.25 × 3/6 + 0.2 × 2/6 + 0.2 × 1/2 + 0) = 46.3 (medium, ≥ 25);
牙城镇 = 100 × 0.2 × 7/7 = 20.0 (low) — the busier township ranks second.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.conftest import OTHER_TOWNSHIP, PASSWORD, TOWNSHIP


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # hot issues are cached per user id, which the database reuses between tests
    yield
    cache.clear()


@pytest.fixture
def signed_in(client):
    def sign(user):
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return sign


@pytest.fixture
def make_cases():
    from sixia.cases.services import create_case

    def make(actor, region: str, n: int, title: str = "诉求", content: str = "内容"):
        return [create_case(actor=actor, channel="visit", title=f"{title}{i}", content=content, region_code=region)
                for i in range(n)]

    return make


@pytest.fixture
def county_cases(owner, outsider, make_cases):
    from sixia.cases.models import Case

    chang = make_cases(owner, TOWNSHIP, 6)
    ya = make_cases(owner, OTHER_TOWNSHIP, 7)
    make_cases(outsider, "350922101", 4)
    Case.objects.filter(pk__in=[c.pk for c in chang[:3]]).update(is_repeated=True)
    Case.objects.filter(pk__in=[c.pk for c in chang[3:5]]).update(due_at=timezone.now() - timedelta(days=1))
    Case.objects.filter(pk=chang[4].pk).update(satisfaction="dissatisfied")
    Case.objects.filter(pk=chang[5].pk).update(satisfaction="satisfied")
    Case.objects.filter(pk=ya[0].pk).update(state="closed")
    return {"chang": chang, "ya": ya}


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def section(html: str, testid: str) -> str:
    """The inside of the element carrying ``data-testid`` (same-tag nesting counted)."""
    match = re.search(rf'<(\w+)[^>]*data-testid="{testid}"[^>]*>', html)
    assert match is not None, f"{testid} not on the page"
    tag, depth = match.group(1), 1
    for m in re.finditer(rf"<(/?){tag}\b[^>]*>", html[match.end():]):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return html[match.end(): match.end() + m.start()]
    raise AssertionError(f"{testid} is not closed")


def rows(html: str, testid: str) -> list[tuple[str, list[str]]]:
    """(data-code, cell texts) of the rows of a table."""
    body = section(html, testid)
    return [(code, [text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)])
            for code, row in re.findall(r'<tr data-code="([^"]+)">(.*?)</tr>', body, re.S)]
