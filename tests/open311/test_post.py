"""POST requests.json: the api_key gate, intake through the one case service, and hostile input refused or made
harmless (bounded, no control characters, no formula, no markup), never a 500."""

from __future__ import annotations

import pytest

from sixia.cases.models import Case
from sixia.core.models import AuditEntry
from sixia.open311.models import Client
from tests.conftest import TOWNSHIP
from tests.open311.conftest import BASE, post_request

pytestmark = pytest.mark.django_db
GOOD = {"service_code": "urban.housing", "lat": "26.88", "long": "120.01", "description": "楼道灯坏了"}


def _error(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert body[0]["code"] == status and body[0]["description"]
    return body[0]["description"]


@pytest.mark.parametrize("key", [None, "", "o311_wrong", "x" * 500])
def test_without_a_valid_key_the_answer_is_403_and_nothing_is_written(client, api_key, key):
    fields = dict(GOOD) if key is None else {**GOOD, "api_key": key}
    _error(post_request(client, **fields), 403)
    assert Case.objects.count() == 0


def test_a_deactivated_client_or_service_account_gets_403(client, api_key, service_user):
    Client.objects.update(is_active=False)
    _error(post_request(client, api_key=api_key, **GOOD), 403)
    Client.objects.update(is_active=True)
    type(service_user).objects.filter(pk=service_user.pk).update(is_active=False)
    _error(post_request(client, api_key=api_key, **GOOD), 403)
    assert Case.objects.count() == 0


def test_a_service_account_that_lost_the_register_right_gets_403(client, api_key, service_user):
    from django.contrib.auth.models import Group

    service_user.groups.set([Group.objects.get_or_create(name="handler")[0]])
    _error(post_request(client, api_key=api_key, **GOOD), 403)
    assert Case.objects.count() == 0


def test_a_good_key_registers_a_case_through_intake(client, api_key, service_user):
    response = post_request(client, api_key=api_key, first_name="小明", last_name="王", phone="13800138000",
                            email="wang@example.com", **{**GOOD, "attribute[region]": TOWNSHIP})
    assert response.status_code == 200
    (answer,) = response.json()
    case = Case.objects.get(tracking_no=answer["service_request_id"])
    assert case.channel == "online" and case.category.code == "urban.housing" and case.region_id == TOWNSHIP
    assert case.created_by == service_user and case.title == "住房保障与物业：楼道灯坏了"
    assert "26.880000, 120.010000" in case.content
    # the person went through people: sealed phone, nothing personal in the case text
    (petitioner,) = case.petitioners.all()
    assert petitioner.person.name == "王小明" and "13800138000" not in str(petitioner.person.__dict__)
    assert "13800138000" not in case.content and "wang@example.com" not in case.content
    assert [e.action for e in case.events.all()] == ["register"]
    summaries = list(AuditEntry.objects.filter(object_id=str(case.pk)).values_list("summary", flat=True))
    assert any("登记诉求" in s for s in summaries) and any("Open311 接入方 city app" in s for s in summaries)
    assert Client.objects.get().last_used is not None


@pytest.mark.parametrize("fields, status", [
    ({"service_code": "no.such"}, 404),
    ({"service_code": ""}, 400),
    ({"lat": "", "long": ""}, 400),  # no location
    ({"lat": "91", "long": "120"}, 400), ({"lat": "nan", "long": "1"}, 400), ({"lat": "1e400", "long": "1"}, 400),
    ({"lat": "北纬26度", "long": "1"}, 400),
    ({"description": "x" * 4001}, 400), ({"address_string": "y" * 100_000}, 400),
    ({"description": "abc\x00def"}, 400), ({"first_name": "a\u202e\x07"}, 400),
    ({"attribute[region]": "350922"}, 400),  # another county: outside this endpoint
    ({"attribute[region]": "3509219999"}, 400), ({"attribute[region]": "<b>"}, 400),
    ({"media_url": "javascript:alert(1)"}, 400),
    ({"phone": "13800138000"}, 400),  # a phone without a name
    ({"phone": "12345", "last_name": "王"}, 400),  # people refuses the number
])
def test_bad_input_is_400_or_404_in_the_spec_format_and_nothing_is_written(client, api_key, fields, status):
    _error(post_request(client, api_key=api_key, **{**GOOD, **fields}), status)
    assert Case.objects.count() == 0


def test_undecodable_bytes_and_oversized_bodies_are_400(client, api_key):
    for body in (f"api_key={api_key}&service_code=other&address_string=%ED%A0%80%00".encode(),
                 f"api_key={api_key}&service_code=other&lat=1&long=2&description=".encode() + b"A" * 70_000,
                 f"api_key={api_key}&service_code=other&lat=1&long=2&".encode() + b"&".join([b"a=1"] * 5000)):
        response = client.generic("POST", f"{BASE}/requests.json", body,
                                   content_type="application/x-www-form-urlencoded")
        _error(response, 400)
    response = client.post(f"{BASE}/requests.json", {"api_key": api_key, "service_code": "other"},
                           content_type="application/json")
    _error(response, 400)
    assert Case.objects.count() == 0


def test_formulas_and_markup_are_neutralised_before_they_travel(client, api_key):
    response = post_request(client, api_key=api_key, **{**GOOD, "description": "=HYPERLINK(\"http://x\")\n-1+2",
                                                         "address_string": "<img src=x onerror=alert(1)>"})
    case = Case.objects.get(tracking_no=response.json()[0]["service_request_id"])
    assert not any(line.startswith(("=", "+", "-", "@")) for line in case.content.splitlines())
    assert "<" not in case.content and ">" not in case.content and "<" not in case.title
    assert case.content.startswith("＝HYPERLINK") and "＜img src=x onerror=alert(1)＞" in case.content


def test_get_of_a_request_shows_only_the_public_part(client, api_key):
    answer = post_request(client, api_key=api_key, first_name="小明", last_name="王", phone="13800138000",
                          **{**GOOD, "address_string": "松山街道12号", "description": "我家门口楼道灯坏了"}).json()
    (shown,) = client.get(f"{BASE}/requests/{answer[0]['service_request_id']}.json").json()
    text = str(shown)
    assert "王小明" not in text and "138" not in text and "松山街道" not in text and "26.88" not in text
    assert shown["description"] == "住房保障与物业：我家门口楼道灯坏了"
    assert shown["lat"] is None and shown["address"] is None and shown["status_notes"] == "已登记"


def test_cases_that_are_not_public_or_are_accusations_are_never_listed(client, api_key):
    answer = post_request(client, api_key=api_key, **GOOD).json()
    request_id = answer[0]["service_request_id"]
    Case.objects.filter(tracking_no=request_id).update(is_public=False)
    _error(client.get(f"{BASE}/requests/{request_id}.json"), 404)
    Case.objects.filter(tracking_no=request_id).update(is_public=True, petition_class="accusation")
    _error(client.get(f"{BASE}/requests/{request_id}.json"), 404)
    assert client.get(f"{BASE}/requests.json", {"service_request_id": request_id}).json() == []


def test_the_rate_limit_hook_can_refuse(client, api_key, settings):
    settings.OPEN311_RATE_LIMIT = "tests.open311.test_post.refuse_writes"
    assert client.get(f"{BASE}/services.json").status_code == 200
    _error(post_request(client, api_key=api_key, **GOOD), 429)
    assert Case.objects.count() == 0


def refuse_writes(request, kind: str) -> bool:
    return kind != "write"


def test_listing_is_one_query_whatever_the_number_of_requests(client, api_key, django_assert_max_num_queries):
    for _ in range(5):
        post_request(client, api_key=api_key, **GOOD)
    with django_assert_max_num_queries(1):  # the public change time is an aggregate, not a query per row
        assert len(client.get(f"{BASE}/requests.json").json()) == 5
