"""Fixtures of the case tests: a dispatch catalogue, a leader, and helpers to create and act on cases."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

TZ = ZoneInfo("Asia/Shanghai")
ID_NUMBER = "350921198501011230"  # check digit computed below


def at(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


@pytest.fixture
def id_number():
    from sixia.core.identity import id_check_char

    body = ID_NUMBER[:17]
    return body + id_check_char(body)


@pytest.fixture
def catalogue(units):
    from sixia.cases.models import DispatchRule

    return DispatchRule.objects.create(category_code="urban", region_prefix="350921", unit=units["housing"],
                                       copy_unit=units["county_gov"])


@pytest.fixture
def case_payload(id_number):
    return {"channel": "visit", "petition_class": "appeal", "title": "小区电梯长期停运", "content": "电梯停运三个月无人维修。",
            "region_code": "350921101", "category": "urban.housing",
            "petitioners": [{"name": "郑四", "id_number": id_number, "phone": "13900001111", "role": "petitioner"}]}


@pytest.fixture
def new_case(owner, case_payload):
    from sixia.cases.services import create_case

    def make(**overrides):
        data = case_payload | overrides
        return create_case(actor=owner, **data)

    return make


@pytest.fixture
def act():
    from sixia.cases.models import Case
    from sixia.cases.services import perform_action

    def do(actor, case, action, now=None, **args):
        case = Case.objects.get(pk=case.pk)
        return perform_action(actor=actor, case=case, action=action, args=args, now=now)

    return do


@pytest.fixture
def handling_case(new_case, act, owner, colleague, units):
    """A case accepted, assigned to the housing bureau and signed for by the colleague."""
    case = new_case()
    act(owner, case, "accept")
    act(owner, case, "assign", unit_id=units["housing"].pk)
    return act(colleague, case, "sign")


@pytest.fixture
def head(make_user, units):
    """机关负责人 of the county government: approves extensions (信访工作条例第34条)."""
    return make_user("head", ["head"], "350921", units["county_gov"])
