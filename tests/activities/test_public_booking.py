"""The public booking page and API under abuse (issue 15 items 5, 6): rate limits per address and per phone
(429 with a Chinese message), a captcha after a few attempts, the same answer whether or not a phone already holds
a booking, the slot counter, input kept on error, one language per page, bounded and inert input."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from tests.activities.test_appointment_cancel import reception_day
from tests.conftest import TOWNSHIP, to_english

NOW = datetime(2026, 6, 10, 9, 0, 5, tzinfo=ZoneInfo("Asia/Shanghai"))  # 5 s into a minute: one rate window
TOO_MANY = "操作过于频繁，请稍后再试"
CAPTCHA = {"captcha_0": "any", "captcha_1": "PASSED"}  # CAPTCHA_TEST_MODE (tests/settings.py only)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def roomy_day(frozen, owner, county_leader):
    """A published day tomorrow with one 09:00 slot for 300 visitors (the limits, not the slots, must refuse)."""
    from sixia.activities import services

    schedule = services.create_schedule(actor=owner, name="", region_code=TOWNSHIP, place="镇便民服务中心",
                                        rota_ids=[county_leader.pk], start_time="09:00", end_time="09:30",
                                        slot_minutes=30, slot_capacity=300)
    return reception_day(owner, schedule, leader=county_leader)


@pytest.fixture
def small_day(frozen, owner, county_leader):
    """A published day tomorrow with one 09:00 slot for two visitors."""
    from sixia.activities import services

    schedule = services.create_schedule(actor=owner, name="", region_code=TOWNSHIP, place="镇便民服务中心",
                                        rota_ids=[county_leader.pk], start_time="09:00", end_time="09:30",
                                        slot_minutes=30, slot_capacity=2)
    return reception_day(owner, schedule, leader=county_leader)


def form(day, n: int = 0, **extra) -> dict:
    return {"day_id": day.pk, "slot": "09:00", "name": "郑一", "phone": f"139{n:08d}", "matter": "宅基地纠纷"} | extra


def test_200_page_bookings_from_one_address_in_a_minute(client, roomy_day):
    from sixia.activities.models import Appointment

    statuses = [client.post("/activities/public/", form(roomy_day, n) | CAPTCHA).status_code for n in range(200)]
    assert statuses.count(200) == 10 and statuses.count(429) == 190  # SIXIA_THROTTLE["booking"] = 10/m
    assert Appointment.objects.count() == 10
    refused = client.post("/activities/public/", form(roomy_day, 999) | CAPTCHA)
    assert refused.status_code == 429 and TOO_MANY in refused.content.decode()


def test_200_api_bookings_from_one_address_in_a_minute(api, roomy_day):
    from sixia.activities.models import Appointment

    path = f"/activities/public/reception-days/{roomy_day.pk}/appointments"
    answers = [api.post(path, form(roomy_day, n)) for n in range(200)]
    statuses = [a.status_code for a in answers]
    assert statuses.count(202) == 10 and statuses.count(429) == 190
    assert Appointment.objects.count() == 10
    assert answers[-1].json()["code"] == "too_many_requests" and TOO_MANY in answers[-1].json()["message"]


def test_a_minute_later_the_address_may_book_again(api, roomy_day):
    path = f"/activities/public/reception-days/{roomy_day.pk}/appointments"
    with override_settings(SIXIA_THROTTLE={"booking": "2/m", "booking_phone": "off"}):
        assert [api.post(path, form(roomy_day, n)).status_code for n in range(3)] == [202, 202, 429]
        with time_machine.travel(NOW.replace(minute=1), tick=False):
            assert api.post(path, form(roomy_day, 9)).status_code == 202


def test_one_phone_is_limited_across_addresses(client, api, roomy_day):
    """Five requests an hour per phone (its blind index), wherever they come from."""
    path = f"/api/v1/activities/public/reception-days/{roomy_day.pk}/appointments"
    statuses = [client.post(path, form(roomy_day, 7), content_type="application/json",
                            REMOTE_ADDR=f"10.0.0.{n}").status_code for n in range(7)]
    assert statuses == [202] * 5 + [429, 429]
    assert api.post(path.removeprefix("/api/v1"), form(roomy_day, 8)).status_code == 202  # another phone


def test_the_cancel_form_and_public_list_are_limited(client, api, roomy_day):
    with override_settings(SIXIA_THROTTLE={"booking_cancel": "3/m", "public_read": "2/m"}):
        cancels = [client.post("/activities/public/", {"op": "cancel", "code": "X", "phone": "13900000000"})
                   for _ in range(4)]
        assert [c.status_code for c in cancels] == [422, 422, 422, 429]
        assert TOO_MANY in cancels[-1].content.decode()
        reads = [api.get("/activities/public/reception-days").status_code for _ in range(3)]
        assert reads == [200, 200, 429]


def test_the_captcha_comes_after_two_attempts_and_is_checked(client, roomy_day):
    from sixia.activities.models import Appointment

    assert 'class="captcha"' not in client.get("/activities/public/").content.decode()
    client.post("/activities/public/", form(roomy_day, 1))
    second = client.post("/activities/public/", form(roomy_day, 2, phone="bad"))
    assert second.status_code == 422 and 'class="captcha"' in second.content.decode()  # shown for the next try
    assert 'class="captcha"' in client.get("/activities/public/").content.decode()
    missing = client.post("/activities/public/", form(roomy_day, 3))
    assert missing.status_code == 422 and "请填写验证码" in missing.content.decode()
    wrong = client.post("/activities/public/", form(roomy_day, 3) | {"captcha_0": "x", "captcha_1": "nope"})
    assert wrong.status_code == 422 and "验证码不正确" in wrong.content.decode()
    assert Appointment.objects.count() == 1
    assert client.post("/activities/public/", form(roomy_day, 3) | CAPTCHA).status_code == 200
    assert Appointment.objects.count() == 2


def test_the_captcha_image_is_drawn_offline(client, roomy_day):
    for n in range(2):
        client.post("/activities/public/", form(roomy_day, n))
    page = client.get("/activities/public/").content.decode()
    src = re.search(r'<img src="([^"]+)" alt="captcha"', page).group(1)
    image = client.get(src)
    assert image.status_code == 200 and image["Content-Type"] == "image/png" and len(image.content) > 200
    with override_settings(SIXIA_THROTTLE={"captcha": "1/m"}):
        assert [client.get(src).status_code for _ in range(2)] == [200, 429]


def test_the_counter_shows_the_slots_left(client, small_day):
    assert "（余2/2）" in client.get("/activities/public/").content.decode()
    assert "（余1/2）" in client.post("/activities/public/", form(small_day, 1)).content.decode()
    client.post("/activities/public/", form(small_day, 2))
    page = client.get("/activities/public/").content.decode()
    assert "（余0/2）" in page and 'value="09:00" class="inline-check" disabled' in page


def test_the_same_answer_whether_or_not_the_phone_holds_a_booking(client, api, roomy_day,
                                                                   django_capture_on_commit_callbacks):
    from sixia.activities.models import Appointment
    from sixia.cases.models import OutboundMessage

    path = f"/activities/public/reception-days/{roomy_day.pk}/appointments"
    with django_capture_on_commit_callbacks(execute=True):
        fresh = api.post(path, form(roomy_day, 1))
        holder = api.post(path, form(roomy_day, 1, matter="另一件事"))  # per_person_day_limit = 1
    assert (fresh.status_code, fresh.json()) == (holder.status_code, holder.json()) == (
        202, {"status": "received", "message": "预约申请已收到，我们将以短信通知结果"})
    assert Appointment.objects.count() == 1
    code = Appointment.objects.get().code
    told = list(OutboundMessage.objects.order_by("id"))  # the real outcome goes by SMS, through the outbox
    assert [m.kind for m in told] == ["booking_confirmed", "booking_refused"]
    assert code in told[0].text and told[0].appointment.code == code and "约访未成功" in told[1].text
    assert told[1].appointment is None and told[0].phone_index == told[1].phone_index

    def answer(response) -> str:
        return re.search(r'<li data-testid="booked">(.*?)</li>', response.content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        page_fresh = client.post("/activities/public/", form(roomy_day, 2))
        page_holder = client.post("/activities/public/", form(roomy_day, 2, matter="另一件事"))
    assert page_fresh.status_code == page_holder.status_code == 200
    assert answer(page_fresh) == answer(page_holder)
    assert code not in page_fresh.content.decode()


def test_the_form_keeps_what_was_typed(client, small_day):
    typed = form(small_day, 0, name="郑一", phone="12345", matter="楼道灯坏了 <b>三个月</b>")
    page = client.post("/activities/public/", typed)
    body = page.content.decode()
    assert page.status_code == 422
    assert 'value="郑一"' in body and 'value="12345"' in body and "楼道灯坏了 &lt;b&gt;三个月&lt;/b&gt;" in body
    assert 'value="09:00" class="inline-check" checked' in body


def _error(response) -> str:
    return re.search(r'data-testid="booking-error">(.*?)</div>', response.content.decode()).group(1)


@pytest.mark.parametrize("bad", [{"phone": "12345"}, {"slot": "07:00"}, {"name": "=HYPERLINK(\"x\")"},
                                 {"name": ""}, {"matter": "长" * 1001}])
def test_messages_are_in_the_pages_language_only(client, small_day, bad):
    chinese = _error(client.post("/activities/public/", form(small_day, 1) | bad))
    assert chinese and not re.search(r"[A-Za-z]{3}", chinese)
    to_english(client)
    english = _error(client.post("/activities/public/", form(small_day, 1) | bad))
    assert english and not re.search(r"[\u4e00-\u9fff]", english)


@pytest.mark.parametrize("day_id", ["²", "１", "1e3", "-1", "9" * 30])
def test_odd_day_ids_are_input_errors(client, small_day, day_id):
    response = client.post("/activities/public/", form(small_day, 1) | {"day_id": day_id})
    assert response.status_code == 422


@pytest.mark.parametrize("field,value", [("name", "=1+2"), ("name", "@SUM(A1)"), ("name", "<script>"),
                                         ("matter", "+cmd|' /C calc'!A0"), ("matter", "-2+3"),
                                         ("name", "郑\x00一"), ("matter", "长" * 1001), ("name", "郑" * 41)])
def test_the_api_refuses_formulas_markup_and_long_text(api, roomy_day, field, value):
    from sixia.activities.models import Appointment

    response = api.post(f"/activities/public/reception-days/{roomy_day.pk}/appointments",
                        form(roomy_day, 1, **{field: value}))
    assert response.status_code == 422 and not Appointment.objects.exists()


@pytest.mark.parametrize("remote,forwarded,trusted,expected", [
    ("203.0.113.9", "", [], "203.0.113.9"),
    ("203.0.113.9", "198.51.100.1", [], "203.0.113.9"),  # no trusted proxy: the header is ignored
    ("10.0.0.2", "198.51.100.1", ["10.0.0.0/8"], "198.51.100.1"),
    ("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.3", ["10.0.0.0/8"], "198.51.100.1"),  # the client's forgery skipped
    ("10.0.0.2", "garbage", ["10.0.0.0/8"], "10.0.0.2"),
])
def test_the_client_address(rf, remote, forwarded, trusted, expected):
    from sixia.core.throttle import client_ip

    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(SIXIA_TRUSTED_PROXIES=trusted):
        assert client_ip(request) == expected
