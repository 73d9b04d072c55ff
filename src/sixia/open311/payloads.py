"""GeoReport v2 documents built from the platform's rows.

Privacy: a public request shows the case's title (``description``), its public status (open/closed and the
state's label as ``status_notes``), its dates, category and responsible unit. Never the case's text, its
petitioners (names, phones, addresses), the problem's address or coordinates, nor internal notes.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from sixia.cases.labels import STATES
from sixia.cases.models import Case, Category
from sixia.engines.workflow.catalog import TERMINAL
from sixia.open311.formats import FORMATS, stamp

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-02T00:00:00+08:00"  # when this endpoint's shape last changed (discovery's changeset)
REGION_ATTRIBUTE = "region"


def service(category: Category) -> dict:
    parent = category.parent.name if category.parent else None
    return {"service_code": category.code, "service_name": category.name,
            "description": f"{parent} / {category.name}" if parent else category.name,
            "metadata": True, "type": "realtime", "keywords": None, "group": parent}


def definition(category: Category) -> dict:
    """Every service takes one optional attribute: the region (问题属地) the request is about."""
    return {"service_code": category.code, "attributes": [{
        "variable": True, "code": REGION_ATTRIBUTE, "datatype": "string", "required": False, "order": 1,
        "datatype_description": _("行政区划代码（6至12位数字），须在本平台辖区 %(region)s 之内")
        % {"region": settings.OPEN311_REGION},
        "description": _("问题所在的行政区划；不填则为 %(region)s") % {"region": settings.OPEN311_REGION},
    }]}


def request(case: Case) -> dict:
    closed = case.state in TERMINAL
    category, unit = case.category, case.responsible_unit
    changed = getattr(case, "public_changed_at", None) or case.registered_at
    return {
        "service_request_id": case.tracking_no, "status": "closed" if closed else "open",
        "status_notes": str(STATES.get(case.state, case.state)),
        "service_name": category.name if category else None,
        "service_code": category.code if category else "",
        "description": case.title[:4000],
        "agency_responsible": unit.name if unit else None,
        "service_notice": None,
        "requested_datetime": stamp(case.registered_at),
        "updated_datetime": stamp(case.closed_at if closed and case.closed_at else changed),
        "expected_datetime": stamp(case.handle_due or case.accept_due),
        "address": None, "address_id": None, "zipcode": None, "lat": None, "long": None, "media_url": None,
    }


def created(case: Case) -> dict:
    return {"service_request_id": case.tracking_no,
            "service_notice": _("已登记，查询码 %(no)s；受理期限 %(due)s")
            % {"no": case.tracking_no, "due": stamp(case.accept_due) or "-"},
            "account_id": None}


def discovery(base_url: str) -> dict:
    return {"changeset": CHANGESET, "contact": _("请联系本平台管理员"),
            "key_service": _("接入密钥由平台管理员用 sixia open311-client 命令签发"),
            "endpoints": [{"specification": SPECIFICATION, "url": base_url, "changeset": CHANGESET,
                           "type": "production", "formats": [FORMATS["xml"].split(";")[0],
                                                             FORMATS["json"].split(";")[0]]}]}
