"""The PyPI client ``georeport`` (0.3.x, read-only) reads the live endpoint: services, a definition, requests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_georeport_reads_services_and_requests(live_server, api_key, client):
    from georeport import GeoReport

    from tests.open311.conftest import post_request

    created = post_request(client, api_key=api_key, service_code="urban.housing", address_string="长春镇",
                           description="路灯不亮").json()[0]["service_request_id"]
    for fmt in ("json", "xml"):
        reader = GeoReport(f"{live_server.url}/open311/v2", output_format=fmt)
        services = reader.get_service_list()
        codes = [s["service_code"] for s in services]  # XML: xmltodict's dicts, a list of many
        assert "urban.housing" in codes and "other" in codes
    reader = GeoReport(f"{live_server.url}/open311/v2")
    assert reader.get_service_definition("urban.housing")["attributes"][0]["code"] == "region"
    assert reader.get_service_request(created)["service_request_id"] == created
    assert [r["service_request_id"] for r in reader.get_service_requests(service_request_id=created)] == [created]
