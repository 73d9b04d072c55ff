"""Fixtures of the portal tests: a submission, the desk's steps up to the reply, the Huey task run in-process."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

TZ = ZoneInfo("Asia/Shanghai")
PHONE = "13900002222"


def at(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


@pytest.fixture
def submission():
    return {"name": "林阿姨", "phone": PHONE, "region": "霞浦县长春镇", "category": "urban.housing",
            "text": "小区门口路灯坏了一个月，晚上很黑。", "location": "长春镇文化路12号"}


@pytest.fixture
def reply_as_desk(api, owner, colleague, units, token_for):
    """The desk accepts and assigns, the housing bureau signs and replies — through the API."""

    def run(case_id: int, outcome: str = "supported") -> None:
        desk, handler = token_for(owner), token_for(colleague)
        for headers, action, args in [
            (desk, "accept", {}),
            (desk, "assign", {"unit_id": units["housing"].pk}),
            (handler, "sign", {}),
            (handler, "reply", {"outcome": outcome, "text": "路灯已于3月3日修复。"}),
        ]:
            answer = api.post(f"/cases/{case_id}/actions/{action}", args, headers=headers)
            assert answer.status_code == 200, (action, answer.content)

    return run
