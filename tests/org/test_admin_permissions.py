"""Only an administrator writes the organisation, and only inside its jurisdiction: a dispatcher, a handler and
an auditor of the county get 403 on every write and nothing is written; another county's administrator gets 404
on this county's objects (their existence does not leak)."""

from __future__ import annotations

import pytest

from sixia.core.models import AuditEntry
from sixia.org.models import ApiToken, Linkage, Official, Unit, User
from tests.conftest import PASSWORD, TOWNSHIP


@pytest.fixture
def target(units, make_user):
    """One of each object of 霞浦县 for the writes to aim at."""
    from sixia.org import services

    official = services.create_official(actor=None, name="目标干部", unit=units["township"], rank="township")
    user = make_user("target", ["handler"], TOWNSHIP, units["township"])
    return {"unit": units["township"], "official": official, "user": user}


def _writes(t):
    unit, official, user = t["unit"].pk, t["official"].pk, t["user"].pk
    return [
        ("post", "/units", {"name": "新单位", "kind": "department", "region_code": TOWNSHIP, "parent_id": unit}),
        ("patch", f"/units/{unit}", {"name": "改名"}),
        ("post", "/officials", {"name": "新干部", "unit_id": unit, "rank": "staff"}),
        ("patch", f"/officials/{official}", {"name": "改名"}),
        ("post", "/users", {"username": "newbie", "password": PASSWORD, "roles": ["dispatcher"],
                            "jurisdiction_code": TOWNSHIP, "unit_id": unit}),
        ("patch", f"/users/{user}", {"roles": ["leader"]}),
        ("post", f"/users/{user}/deactivate", None),
        ("post", f"/users/{user}/reset-password", {"password": "Other-Horse-55z"}),
        ("post", "/linkages", {"official_id": official, "kind": "township", "region_code": TOWNSHIP,
                               "starts_on": "2026-01-01"}),
    ]


def _snapshot():
    return (list(Unit.objects.order_by("pk").values()), list(Official.objects.order_by("pk").values()),
            list(User.objects.order_by("pk").values()), Linkage.objects.count(), AuditEntry.objects.count(),
            list(User.groups.through.objects.order_by("pk").values()))


@pytest.mark.parametrize("role", ["dispatcher", "handler", "auditor"])
def test_a_non_admin_gets_403_on_every_write_and_nothing_is_written(role, japi, make_user, units, target,
                                                                     token_for):
    someone = make_user(f"a_{role}", [role], "350921", units["county_gov"])
    headers = token_for(someone)
    before = _snapshot()
    for method, path, body in _writes(target):
        r = japi(method, path, body, headers)
        assert r.status_code == 403, (method, path, r.content)
        assert r.json()["code"] == "forbidden"
    assert _snapshot() == before
    assert User.objects.get(pk=target["user"].pk).check_password(PASSWORD)


def test_another_countys_admin_gets_404_on_this_countys_objects(japi, outsider, target, token_for):
    headers = token_for(outsider)
    before = _snapshot()
    for method, path, body in _writes(target):
        r = japi(method, path, body, headers)
        assert r.status_code == 404, (method, path, r.content)
    assert _snapshot() == before


def test_another_countys_admin_cannot_place_its_objects_here(japi, outsider, units, token_for):
    headers = token_for(outsider)
    r = japi("post", "/officials", {"name": "越界", "unit_id": units["other_county"].pk, "rank": "staff"}, headers)
    assert r.status_code == 201  # its own county is fine
    r = japi("patch", f"/officials/{r.json()['id']}", {"unit_id": units["township"].pk}, headers)
    assert r.status_code == 404
    r = japi("post", "/users", {"username": "spy", "password": PASSWORD, "roles": ["dispatcher"],
                                "jurisdiction_code": TOWNSHIP}, headers)
    assert r.status_code == 404 and not User.objects.filter(username="spy").exists()


def test_a_township_admin_cannot_widen_a_users_jurisdiction_to_the_county(japi, make_user, units, target,
                                                                          token_for):
    township_admin = make_user("tadmin", ["admin"], TOWNSHIP, units["township"])
    r = japi("patch", f"/users/{target['user'].pk}", {"jurisdiction_code": "350921"}, token_for(township_admin))
    assert r.status_code == 404
    assert User.objects.get(pk=target["user"].pk).jurisdiction_id == TOWNSHIP


def test_the_admin_api_refuses_anonymous_callers(japi, target):
    assert japi("post", "/units", {"name": "x", "kind": "department", "region_code": TOWNSHIP}).status_code == 401


def test_tokens_are_untouched_by_a_refused_deactivation(japi, dispatcher, target, token_for):
    token_for(target["user"])
    japi("post", f"/users/{target['user'].pk}/deactivate", headers=token_for(dispatcher))
    assert not ApiToken.objects.filter(user=target["user"], revoked=True).exists()
