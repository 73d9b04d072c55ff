"""Fixtures of the 点题整治 tests: a 纪委 user, a handler of another unit, and a topic of the housing bureau
(lead) with the county government co-operating, moved to the state a test needs."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import COUNTY, TOWNSHIP

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 10, 10, 0, tzinfo=TZ)
PHONE = "13900003333"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def discipline(make_user, units):
    return make_user("jiwei", ["discipline"], COUNTY, units["county_gov"])


@pytest.fixture
def other_handler(make_user, units):
    """A handler of the township government: not one of the topic's units."""
    return make_user("other-handler", ["handler"], COUNTY, units["township"])


@pytest.fixture
def nomination(regions):
    from sixia.topics.services import public

    return public.nominate(phone=PHONE, region="霞浦县长春镇", text="小区电梯经常停运", name="林阿姨")


@pytest.fixture
def make_topic(owner, units):
    """A topic of the housing bureau (lead) and the county government, moved to ``state``."""
    from sixia.topics import services
    from sixia.topics.models import Topic

    def make(state: str = Topic.State.ANSWERING, **kw):
        topic = services.create_topic(actor=owner, year=2026, region_code=COUNTY, title=kw.pop("title", "整治电梯停运"),
                                      problem="老旧小区电梯经常停运。", lead_unit_id=units["housing"].pk,
                                      co_unit_ids=[units["county_gov"].pk], **kw)
        path = {"draft": [], "voting": ["voting"], "answering": ["voting", "answering"],
                "done": ["voting", "answering", "done"], "dropped": ["dropped"]}[state]
        for to in path:
            topic = services.move(actor=owner, topic=topic, to=to, result="全部电梯已修复。" if to == "done" else "")
        return topic

    return make


__all__ = ["COUNTY", "NOW", "PHONE", "TOWNSHIP", "date"]
