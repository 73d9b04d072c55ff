"""One permission model: every API write names a right of the matrix, the matrix is documented, and a role
without the right is refused with 403 — by the API before it reads the body, and by the service itself — with
nothing written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import COUNTY, TOWNSHIP

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
ROLES = ["admin", "dispatcher", "handler", "leader", "supervisor", "auditor"]


def write_operations():
    """(method, path, operation) of every write the API has, from the routers themselves."""
    from sixia.api.urls import api

    for prefix, router in api._routers:
        for route, path_view in router.path_operations.items():
            for op in path_view.operations:
                for method in set(op.methods) & WRITES:
                    yield method, "/" + (prefix.strip("/") + "/" + route.lstrip("/")).strip("/"), op


def named_right(op) -> str | None:
    names = {getattr(a, "named_right", None) for a in op.auth_callbacks}
    return names.pop() if len(names) == 1 else None


SIGNED_BY_GATEWAY = "/sms/receipts"


def test_every_api_write_names_a_right_or_is_public():
    from sixia.core import permissions

    known = permissions.rights()
    unnamed = []
    for method, path, op in write_operations():
        if not op.auth_callbacks:
            # The public portal needs no login; the SMS gateway's delivery receipts are no user's: they are
            # authenticated by the HMAC signature of the shared secret (cases.api_receipts), 403 otherwise.
            assert "/public/" in path or path.endswith(SIGNED_BY_GATEWAY), \
                f"{method} {path} needs no login but is not under /public/"
            continue
        if named_right(op) not in known:
            unnamed.append(f"{method} {path}")
    assert not unnamed, f"write operations without a right in the permission model: {unnamed}"


def test_the_documented_matrix_is_the_one_in_the_code():
    from sixia.core import permissions

    assert DOC.read_text(encoding="utf-8") == permissions.matrix_markdown(), \
        "regenerate: sixia permissions --markdown > docs/permissions.md"


@pytest.fixture
def one_role_users(make_user, units):
    users = {role: make_user(f"only-{role}", [role], COUNTY, units["county_gov"]) for role in ROLES}
    users["nobody"] = make_user("only-nobody", ["auditor"], COUNTY, units["county_gov"])
    users["nobody"].groups.clear()  # a login whose roles were all taken away
    return users


def _row_counts() -> dict[str, int]:
    from django.apps import apps

    return {m._meta.label: m.objects.count() for m in apps.get_models()
            if m._meta.app_label in {"cases", "activities", "people", "reports", "insight", "quotas"}}


def test_each_role_without_the_right_gets_403_on_every_write_and_nothing_is_written(api, token_for,
                                                                                     one_role_users):
    from sixia.core import permissions

    tokens = {role: token_for(user) for role, user in one_role_users.items()}
    before = _row_counts()
    checked = 0
    for method, path, op in write_operations():
        code = named_right(op)
        if code is None or not all(getattr(a, "right", None) for a in op.auth_callbacks):
            continue  # public, or a right the service checks itself (reveal: audited when refused)
        url = re.sub(r"\{[^}]+\}", "1", path)
        for role, user in one_role_users.items():
            answer = api.post(url, {}, tokens[role]) if method == "POST" else None
            if answer is None:
                continue
            if permissions.allows(user, code):
                assert answer.status_code != 403 or answer.json().get("code") != "forbidden", (role, url)
            else:
                assert answer.status_code == 403, (role, method, url, answer.status_code)
                assert answer.json()["code"] == "forbidden" and "您无权" in answer.json()["message"]
                checked += 1
    assert checked > 60
    assert _row_counts() == before


def test_the_auditor_and_the_handler_cannot_register_a_case(api, token_for, one_role_users, case_payload):
    from sixia.cases.models import Case

    for role in ("auditor", "handler", "supervisor", "nobody"):
        answer = api.post("/cases", case_payload, token_for(one_role_users[role]))
        assert answer.status_code == 403, (role, answer.content)
    assert not Case.objects.exists()
    assert api.post("/cases", case_payload, token_for(one_role_users["dispatcher"])).status_code == 201


def test_the_service_refuses_too_whatever_face_calls_it(one_role_users, case_payload):
    """A command or an import calls the service directly: the same rule, the same refusal."""
    from sixia.activities import services as activities
    from sixia.cases.models import Case
    from sixia.cases.services import create_case
    from sixia.core.errors import Forbidden
    from sixia.people.models import Person
    from sixia.people.services import create_person

    with pytest.raises(Forbidden):
        create_case(actor=one_role_users["auditor"], **case_payload)
    with pytest.raises(Forbidden):
        create_person(actor=one_role_users["supervisor"], name="郑五", region_code=TOWNSHIP)
    with pytest.raises(Forbidden):
        activities.create_schedule(actor=one_role_users["leader"], name="接待日", region_code=TOWNSHIP, place="镇政府",
                                   rota_ids=[], start_time="09:00", end_time="10:00")
    assert not Case.objects.exists() and not Person.objects.exists()


@pytest.fixture
def case_payload():
    return {"channel": "visit", "petition_class": "appeal", "title": "小区电梯长期停运", "content": "电梯停运三个月无人维修。",
            "region_code": TOWNSHIP, "petitioners": [{"name": "郑四", "phone": "13900001111", "role": "petitioner"}]}


def test_a_deactivated_user_has_no_right(one_role_users):
    from sixia.core import permissions

    admin = one_role_users["admin"]
    admin.is_active = False
    assert not permissions.allows(admin, "cases.register")
    assert permissions.allows(None, "cases.register")  # the system itself (commands, the demo)
    with pytest.raises(LookupError):
        permissions.allows(one_role_users["dispatcher"], "cases.no_such_right")


def test_json_bodies_are_not_read_before_the_right_is_checked(api, token_for, one_role_users):
    """A body that would fail validation still gets 403 for a role without the right: nothing about the
    operation's input leaks to those who may not use it."""
    answer = api.post("/activities/lectures", json.loads('{"audience": "many"}'), token_for(one_role_users["supervisor"]))
    assert answer.status_code == 403


# Page forms: the same rule as the API. (path, right) of every form that creates or changes something; a role
# without the right gets 403 and nothing is written, whatever it posts.
PAGE_FORMS = [
    ("/cases/new/", "cases.register"),
    ("/cases/holidays/", "cases.manage_holidays"),
    ("/cases/rules/dispatch/new/", "cases.edit_dispatch"),
    ("/cases/rules/policies/new/", "cases.edit_policies"),
    ("/cases/1/act/set_leader/", "cases.set_leader"),  # the 包案 and 督办 side actions of the case page
    ("/cases/1/act/leader_note/", "cases.lead"),
    ("/cases/1/act/supervise/", "cases.supervise"),
    ("/cases/1/act/answer_supervision/", "cases.answer_supervision"),
    ("/activities/new/lecture/", "activities.record"),
    ("/activities/new/onsite/", "activities.record"),
    ("/activities/reception/schedules/new/", "activities.plan_reception"),
    ("/activities/999999/carried/", "activities.record"),  # 带案下访: the right is checked before the lookup
    ("/reports/import/", "reports.import_ledger"),
    ("/reports/weights/", "reports.edit_weights"),
    ("/insight/weights/", "insight.edit_weights"),
    ("/quotas/rules/new/", "quotas.edit_rules"),
    ("/org/units/new/", "org.manage"),
    ("/org/officials/new/", "org.manage"),
    ("/org/users/new/", "org.manage"),
    ("/persons/new/", "people.register"),
]


def test_each_role_without_the_right_gets_403_on_every_page_form_and_nothing_is_written(client, one_role_users,
                                                                                         county_leader_official):
    from sixia.core import permissions

    def counts():
        from django.apps import apps

        return {m._meta.label: m.objects.count() for m in apps.get_models()
                if m._meta.app_label in {"cases", "activities", "people", "reports", "insight", "quotas", "org"}
                and m._meta.label != "org.ApiToken"}

    before = counts()
    refused = 0
    for path, code in PAGE_FORMS:
        for role, user in one_role_users.items():
            if permissions.allows(user, code):
                continue
            client.force_login(user)
            answer = client.post(path, {"title": "x", "name": "郑五", "region_code": TOWNSHIP, "description": "x",
                                        "content": "x", "official_ids": [county_leader_official.pk],
                                        "start_day": "2026-05-20", "text": "2027-01-04,休"})
            assert answer.status_code == 403, (role, path, answer.status_code)
            refused += 1
    assert refused > 50
    assert counts() == before


@pytest.fixture
def county_leader_official(units):
    from sixia.org.models import Rank
    from sixia.org.services import create_official

    return create_official(actor=None, name="陈建华", unit=units["county_gov"], rank=Rank.COUNTY, title="县长",
                           is_leader=True)
