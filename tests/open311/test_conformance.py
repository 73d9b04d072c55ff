"""Every JSON answer of /open311/v2/ validates against the Open311 schema-validation schemas (Draft 4, ``$ref``
registry, date-time checked); the XML twins parse with the spec's element names; errors are the spec's array."""

from __future__ import annotations

from datetime import datetime
from xml.etree import ElementTree as ET

import pytest
import time_machine

from tests.conftest import TOWNSHIP
from tests.open311.conftest import BASE, post_request

pytestmark = pytest.mark.django_db


def _json(response, status=200):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def _xml(response, status=200):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def _valid(validator, doc):
    errors = sorted(validator.iter_errors(doc), key=str)
    assert errors == [], [e.message for e in errors]
    for item in doc if isinstance(doc, list) else [doc]:
        assert isinstance(item, dict)  # the schemas have no top-level "type": "object"


@pytest.fixture
def submitted(client, api_key):
    """Two requests through the POST, one in a township, one answered at the county default."""
    with time_machine.travel(datetime.fromisoformat("2026-11-20T09:30:00+08:00"), tick=False):
        first = post_request(client, api_key=api_key, service_code="urban.housing", lat="26.88", long="120.0",
                             description="小区路灯不亮", **{"attribute[region]": TOWNSHIP})
        second = post_request(client, api_key=api_key, service_code="transport.roads", address_string="长春镇",
                              description="路面塌陷")
    return [_json(first)[0]["service_request_id"], _json(second)[0]["service_request_id"]]


def test_services_validate_and_every_service_has_a_definition(client, schema):
    services = _json(client.get(f"{BASE}/services.json"))
    _valid(schema("services.json"), services)
    codes = [s["service_code"] for s in services]
    assert "urban.housing" in codes and "urban" not in codes  # leaves; the parent is the group
    housing = next(s for s in services if s["service_code"] == "urban.housing")
    assert housing["group"] == "城乡建设" and housing["type"] == "realtime" and housing["metadata"] is True
    for code in codes:
        definition = _json(client.get(f"{BASE}/services/{code}.json"))
        _valid(schema("service-definition.json"), definition)
        assert definition["service_code"] == code
        assert [a["code"] for a in definition["attributes"]] == ["region"]


def test_requests_list_and_one_request_validate(client, schema, submitted):
    with time_machine.travel(datetime.fromisoformat("2026-11-25T10:00:00+08:00"), tick=False):
        listed = _json(client.get(f"{BASE}/requests.json"))
    _valid(schema("requests.json"), listed)
    assert sorted(r["service_request_id"] for r in listed) == sorted(submitted)
    for request_id in submitted:
        one = _json(client.get(f"{BASE}/requests/{request_id}.json"))
        _valid(schema("requests.json"), one)
        assert len(one) == 1 and one[0]["service_request_id"] == request_id
        assert one[0]["requested_datetime"] == "2026-11-20T09:30:00+08:00"
        assert one[0]["status"] == "open"


def test_the_default_window_is_90_days_and_filters_combine(client, submitted):
    with time_machine.travel(datetime.fromisoformat("2027-03-01T10:00:00+08:00"), tick=False):
        assert _json(client.get(f"{BASE}/requests.json")) == []  # older than 90 days
        # service_request_id overrides every other filter, comma lists work
        ids = ",".join(submitted)
        assert len(_json(client.get(f"{BASE}/requests.json", {"service_request_id": ids, "status": "closed"}))) == 2
    window = {"start_date": "2026-11-01T00:00:00Z", "end_date": "2026-11-30T00:00:00+08:00"}
    assert len(_json(client.get(f"{BASE}/requests.json", window))) == 2
    assert len(_json(client.get(f"{BASE}/requests.json", {**window, "service_code": "transport.roads"}))) == 1
    assert len(_json(client.get(f"{BASE}/requests.json", {**window, "status": "open,closed"}))) == 2
    assert _json(client.get(f"{BASE}/requests.json", {**window, "status": "closed"})) == []
    # an empty optional argument is an absent one
    assert len(_json(client.get(f"{BASE}/requests.json", {**window, "service_code": "", "status": ""}))) == 2


def test_discovery_has_every_field_in_both_formats(client):
    doc = _json(client.get(f"{BASE}/discovery.json"))
    assert set(doc) == {"changeset", "contact", "key_service", "endpoints"}
    datetime.fromisoformat(doc["changeset"])
    (endpoint,) = doc["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2/" and endpoint["type"] == "production"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    root = _xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == ["text/xml", "application/json"]


def test_xml_twins_parse_with_the_spec_elements(client, submitted):
    services = _xml(client.get(f"{BASE}/services.xml"))
    assert services.tag == "services" and services.find("service/metadata").text == "true"
    definition = _xml(client.get(f"{BASE}/services/urban.housing.xml"))
    assert definition.tag == "service_definition"
    assert definition.find("attributes/attribute/code").text == "region"
    requests = _xml(client.get(f"{BASE}/requests/{submitted[0]}.xml"))
    assert requests.tag == "service_requests"
    assert requests.find("request/service_request_id").text == submitted[0]
    assert requests.find("request/lat").text is None  # empty element for an absent value


@pytest.mark.parametrize("path, status", [
    ("/services/no.such.json", 404), ("/requests/350921-000000-0000-XX.json", 404), ("/nothing.json", 404),
    ("/requests.json?start_date=2026-01-01", 400),  # no zone
    ("/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", 400),  # over 90 days
    ("/requests.json?status=pending", 400), ("/requests.json?service_code=%3Cscript%3E", 400),
    ("/requests.json?jurisdiction_id=" + "x" * 5000, 400), ("/requests.json?start_date=%00", 400),
    ("/requests/%ED%A0%80.json", 400), ("/services/%00.json", 400), ("/requests.json?service_request_id=%ED%A0", 400),
])
def test_errors_are_the_spec_array_with_the_status(client, path, status):
    body = _json(client.get(BASE + path), status)
    assert isinstance(body, list) and body and set(body[0]) == {"code", "description"}
    assert body[0]["code"] == status
    root = _xml(client.get(BASE + path.replace(".json", ".xml", 1)), status)
    assert root.tag == "errors" and root.find("error/code").text == str(status)


def test_a_post_answer_has_the_request_id_and_no_token(client, api_key):
    body = _json(post_request(client, api_key=api_key, service_code="other", address_string="霞浦县"))
    assert set(body[0]) == {"service_request_id", "service_notice", "account_id"}
    root = _xml(post_request(client, "xml", api_key=api_key, service_code="other", address_string="霞浦县"))
    assert root.find("request/service_request_id").text and root.find("request/token") is None


def test_an_english_caller_gets_english_texts(client):
    body = _json(client.get(f"{BASE}/services/no.such.json", headers={"Accept-Language": "en"}), 404)
    assert body[0]["description"] == "service_code no.such not found"
    definition = _json(client.get(f"{BASE}/services/other.json", headers={"Accept-Language": "en"}))
    assert definition["attributes"][0]["description"].startswith("The region the problem is in")
    assert "不存在" in _json(client.get(f"{BASE}/services/no.such.json"), 404)[0]["description"]
