"""约访: cancelling a booking (the citizen with code + phone, the desk with a reason) and the per-person limits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sixia.core.errors import Conflict, InvalidInput, NotFound
from tests.conftest import PASSWORD, TOWNSHIP, to_english

PHONE, OTHER_PHONE = "13900001111", "13900002222"


@pytest.fixture
def schedule(county_leader, owner):
    """A township's reception days: two half-hour slots from 09:00, one visitor per slot."""
    from sixia.activities import services

    return services.create_schedule(actor=owner, name="长春镇领导接待日", region_code=TOWNSHIP, place="镇便民服务中心",
                                    rota_ids=[county_leader.pk], start_time="09:00", end_time="10:00",
                                    slot_minutes=30, slot_capacity=1)


def reception_day(owner, schedule, offset: int = 1, leader=None):
    """A published, planned reception day ``offset`` days from today (``schedule`` may be None)."""
    from sixia.activities import services
    from sixia.activities.models import Activity, Kind

    return services.record_activity(
        actor=owner, kind=Kind.RECEPTION, title="领导接待日", region_code=TOWNSHIP,
        start_day=date.today() + timedelta(days=offset), official_ids=[leader.pk] if leader else [],
        status=Activity.Status.PLANNED, schedule=schedule, is_published=True, place="镇便民服务中心").activity


@pytest.fixture
def day(owner, schedule, county_leader):
    return reception_day(owner, schedule, leader=county_leader)


def book(day, slot="09:00", phone=PHONE, name="郑一"):
    from sixia.activities import services

    return services.book_appointment(activity=day, slot=slot, name=name, phone=phone, matter="反映宅基地纠纷")


def booked_counts(day) -> list[int]:
    from sixia.activities import services

    return [n for _, _, n in services.slots_of(day)]


def test_it_frees_the_slot_for_the_next_visitor(day):
    from sixia.activities import services

    first = book(day)
    with pytest.raises(Conflict) as full:
        book(day, phone=OTHER_PHONE, name="吴二")
    assert full.value.code == "slot_full"
    cancelled = services.cancel_appointment_by_code(code=f" {first.code.lower()} ", phone="139-0000-1111",
                                                    reason="时间冲突")
    assert cancelled.status == "cancelled" and cancelled.cancelled_at is not None
    assert cancelled.cancel_reason == "时间冲突" and cancelled.cancelled_by is None
    assert booked_counts(day) == [0, 0]
    again = book(day, phone=OTHER_PHONE, name="吴二")
    assert again.status == "booked" and booked_counts(day) == [1, 0]


def test_a_wrong_code_or_a_wrong_phone_gives_the_same_not_found(day):
    from sixia.activities import services
    from sixia.activities.models import Appointment

    appt = book(day)
    errors = []
    for code, phone in ((appt.code, OTHER_PHONE), ("FFFFFFFF" if appt.code != "FFFFFFFF" else "EEEEEEEE", PHONE),
                        (appt.code, "12345")):
        with pytest.raises(NotFound) as err:
            services.cancel_appointment_by_code(code=code, phone=phone)
        errors.append((err.value.code, err.value.message))
    assert errors[0] == errors[1] == errors[2] == (
        "appointment_not_found", "预约码或联系电话不正确 (wrong booking code or phone number)")
    assert Appointment.objects.get(pk=appt.pk).status == "booked"
    with pytest.raises(InvalidInput):
        services.cancel_appointment_by_code(code=appt.code, phone=" ")


def test_cancelled_received_and_started_bookings_are_refused(day, owner):
    from sixia.activities import services
    from sixia.activities.models import Appointment

    first = book(day)
    services.cancel_appointment_by_code(code=first.code, phone=PHONE)
    with pytest.raises(Conflict) as twice:
        services.cancel_appointment_by_code(code=first.code, phone=PHONE)
    assert twice.value.code == "appointment_cancelled" and "已取消" in twice.value.message
    with pytest.raises(Conflict):
        services.cancel_appointment(actor=owner, appointment=first, reason="重复")

    received = book(day, slot="09:30", phone=OTHER_PHONE)
    Appointment.objects.filter(pk=received.pk).update(status=Appointment.Status.RECEIVED)
    with pytest.raises(Conflict) as came:
        services.cancel_appointment_by_code(code=received.code, phone=OTHER_PHONE)
    assert came.value.code == "appointment_received"

    pending = book(day, slot="09:00", phone="13900003333")
    starts = services.day_starts_at(day)
    assert (starts.date(), starts.hour, starts.minute) == (day.start_day, 9, 0)  # the schedule's first slot
    with pytest.raises(Conflict) as late:
        services.cancel_appointment_by_code(code=pending.code, phone="13900003333", now=starts)
    assert late.value.code == "day_started"
    assert Appointment.objects.get(pk=pending.pk).status == "booked"
    ok = services.cancel_appointment_by_code(code=pending.code, phone="13900003333",
                                             now=starts - timedelta(minutes=1))
    assert ok.status == "cancelled"


def test_the_desk_cancels_with_a_reason_inside_its_jurisdiction(day, owner, outsider, township_user):
    from sixia.activities import services
    from sixia.activities.models import Appointment

    appt = book(day)
    with pytest.raises(InvalidInput) as no_reason:
        services.cancel_appointment(actor=owner, appointment=appt, reason="  ")
    assert no_reason.value.code == "reason_required"
    with pytest.raises(NotFound):
        services.cancel_appointment(actor=outsider, appointment=appt, reason="领导临时出差")
    assert Appointment.objects.get(pk=appt.pk).status == "booked"
    done = services.cancel_appointment(actor=township_user, appointment=appt, reason="领导临时出差，改期接待")
    assert done.status == "cancelled" and done.cancelled_by == township_user
    assert done.cancel_reason == "领导临时出差，改期接待"


def test_each_cancellation_is_audited_with_who_and_why(day, owner):
    from sixia.activities import services
    from sixia.core.models import AuditEntry

    by_public = book(day)
    by_desk = book(day, slot="09:30", phone=OTHER_PHONE)
    services.cancel_appointment_by_code(code=by_public.code, phone=PHONE, reason="身体不适")
    services.cancel_appointment(actor=owner, appointment=by_desk, reason="来电要求取消")
    public = AuditEntry.objects.get(object_type="activities.appointment", object_id=str(by_public.pk),
                                    action="update")
    assert public.actor is None and public.actor_name == "public"
    assert public.changes == {"status": ["booked", "cancelled"], "by": "public", "reason": "身体不适"}
    assert public.summary.startswith("群众取消约访") and public.at is not None
    desk = AuditEntry.objects.get(object_type="activities.appointment", object_id=str(by_desk.pk), action="update")
    assert desk.actor == owner and desk.changes["by"] == "staff" and desk.changes["reason"] == "来电要求取消"
    assert PHONE not in str(public.changes) + public.summary


def test_one_phone_holds_one_slot_per_day_until_the_schedule_allows_more(day, schedule):
    from sixia.activities import services
    from sixia.activities.models import Activity

    first = book(day)
    with pytest.raises(Conflict) as limit:
        book(day, slot="09:30", phone="+86 139 0000 1111")  # the same number, written differently
    assert limit.value.code == "per_day_limit" and "每个接待日最多预约1个" in limit.value.message
    assert "at most 1 appointment(s) per reception day" in limit.value.message

    services.cancel_appointment_by_code(code=first.code, phone=PHONE)  # a cancelled booking does not count
    book(day, slot="09:30")
    with pytest.raises(Conflict):
        book(day, slot="09:00")
    schedule.per_person_day_limit = 2
    schedule.save(update_fields=["per_person_day_limit"])
    fresh = Activity.objects.select_related("schedule").get(pk=day.pk)
    assert book(fresh, slot="09:00").status == "booked"  # the changed limit takes effect
    assert booked_counts(fresh) == [1, 1]


def test_one_phone_holds_at_most_three_upcoming_bookings(owner, schedule, county_leader):
    from sixia.activities.models import Activity, Appointment

    days = [reception_day(owner, schedule, offset=n, leader=county_leader) for n in (1, 2, 3, 4)]
    for d in days[:3]:
        book(d)
    with pytest.raises(Conflict) as limit:
        book(days[3])
    assert limit.value.code == "open_limit" and "最多同时持有3个" in limit.value.message
    # a booking of a day already past does not count any more
    Activity.objects.filter(pk=days[0].pk).update(start_day=date.today() - timedelta(days=1))
    assert Appointment.objects.filter(activity=days[0], status="booked").exists()
    assert book(days[3]).status == "booked"
    schedule.per_person_open_limit = 0  # 0 = no limit
    schedule.save()
    extra = reception_day(owner, schedule, offset=5, leader=county_leader)
    assert book(extra).status == "booked"


def test_a_day_without_a_schedule_uses_the_default_limits(owner, county_leader):
    from sixia.activities import rules, services

    bare = reception_day(owner, None, leader=county_leader)
    assert services.person_limits(bare) == (rules.DEFAULT_APPOINTMENTS_PER_DAY, rules.DEFAULT_OPEN_APPOINTMENTS) \
        == (1, 3)
    book(bare, slot="08:30")
    with pytest.raises(Conflict) as limit:
        book(bare, slot="09:00")
    assert limit.value.code == "per_day_limit"


def test_the_public_api_cancels_and_the_staff_api_needs_a_token(day, api, owner, outsider, token_for):
    from sixia.activities.models import Appointment

    booked = api.post(f"/activities/public/reception-days/{day.pk}/appointments",
                      {"slot": "09:00", "name": "郑一", "phone": PHONE, "matter": "宅基地纠纷"})
    assert booked.status_code == 202  # the code goes to the phone by SMS, not into the answer
    code = Appointment.objects.latest("pk").code
    wrong = api.post("/activities/public/appointments/cancel", {"code": code, "phone": OTHER_PHONE})
    assert wrong.status_code == 404 and wrong.json()["code"] == "appointment_not_found"
    done = api.post("/activities/public/appointments/cancel", {"code": code, "phone": PHONE, "reason": "改天再来"})
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "cancelled" and done.json()["slot"] == "09:00"
    again = api.post("/activities/public/appointments/cancel", {"code": code, "phone": PHONE})
    assert again.status_code == 409 and again.json()["code"] == "appointment_cancelled"

    second = api.post(f"/activities/public/reception-days/{day.pk}/appointments",
                      {"slot": "09:30", "name": "郑一", "phone": PHONE, "matter": "宅基地纠纷"})
    limited = api.post(f"/activities/public/reception-days/{day.pk}/appointments",
                       {"slot": "09:00", "name": "郑一", "phone": PHONE, "matter": "另一件事"})
    # Refused for the phone's per-day limit, yet the same answer as a booking (the SMS says why)
    assert limited.status_code == 202 and limited.json() == second.json()
    assert Appointment.objects.filter(status="booked").count() == 1
    pk = Appointment.objects.get(status="booked").pk
    path = f"/activities/appointments/{pk}/cancel"
    assert api.post(path, {"reason": "领导出差"}).status_code == 401
    assert api.post(path, {"reason": "领导出差"}, token_for(outsider)).status_code == 404
    assert api.post(path, {"reason": ""}, token_for(owner)).status_code == 422
    staff = api.post(path, {"reason": "领导出差"}, token_for(owner))
    assert staff.status_code == 200 and staff.json()["status"] == "cancelled"
    assert api.post("/activities/appointments/999999/cancel", {"reason": "x"}, token_for(owner)).status_code == 404


def _book_on_page(client, day) -> str:
    response = client.post("/activities/public/", {"day_id": day.pk, "slot": "09:00", "name": "郑一", "phone": PHONE,
                                                   "matter": "宅基地纠纷"})
    from sixia.activities.models import Appointment

    assert response.status_code == 200 and 'data-testid="booked"' in response.content.decode()
    return Appointment.objects.latest("pk").code


def test_the_public_page_cancels_a_booking_in_chinese(client, day):
    from sixia.activities.models import Appointment

    page = client.get("/activities/public/").content.decode()
    assert "取消预约" in page and 'data-testid="cancel-form"' in page
    code = _book_on_page(client, day)
    wrong = client.post("/activities/public/", {"op": "cancel", "code": code, "phone": OTHER_PHONE})
    assert wrong.status_code == 422 and "预约码或联系电话不正确" in wrong.content.decode()
    assert Appointment.objects.get(code=code).status == "booked"
    done = client.post("/activities/public/", {"op": "cancel", "code": code, "phone": PHONE, "reason": "时间冲突"})
    assert done.status_code == 302 and done["Location"] == "/activities/public/"
    shown = client.get(done["Location"]).content.decode()
    assert f"已取消预约：{day.start_day.year}年" in shown and code in shown
    assert Appointment.objects.get(code=code).status == "cancelled"
    again = client.post("/activities/public/", {"op": "cancel", "code": code, "phone": PHONE})
    assert again.status_code == 422 and "该预约已取消" in again.content.decode()


def test_the_public_page_cancels_a_booking_in_english(client, day):
    to_english(client)
    page = client.get("/activities/public/").content.decode()
    assert "Cancel a booking" in page and "Reason for cancelling (optional)" in page and "取消原因（选填）" not in page
    code = _book_on_page(client, day)
    wrong = client.post("/activities/public/", {"op": "cancel", "code": "00000000", "phone": PHONE})
    body = wrong.content.decode()
    assert wrong.status_code == 422 and "wrong booking code or phone number" in body and "预约码或联系电话不正确" not in body
    done = client.post("/activities/public/", {"op": "cancel", "code": code, "phone": PHONE}, follow=True)
    assert "Booking cancelled: " in done.content.decode() and "已取消预约" not in done.content.decode()
    limited = client.post("/activities/public/", {"day_id": day.pk, "slot": "09:30", "name": "郑一", "phone": PHONE,
                                                  "matter": "宅基地纠纷"})
    assert limited.status_code == 200  # the cancelled booking no longer counts
    refused = client.post("/activities/public/", {"day_id": day.pk, "slot": "09:00", "name": "郑一", "phone": PHONE,
                                                  "matter": "另一件事", "captcha_0": "x", "captcha_1": "PASSED"})
    # the per-day limit refused it, but the page answers as for a booking: the SMS tells the phone's owner
    assert refused.status_code == 200 and refused.content.decode().count("Request received") == 1


def test_the_desk_cancels_from_the_day_page(client, day, owner):
    from sixia.activities.models import Appointment

    appt = book(day)
    assert client.login(username="owner", password=PASSWORD)
    page = client.get(f"/activities/{day.pk}/").content.decode()
    assert f"/activities/appointments/{appt.pk}/cancel/" in page
    client.post(f"/activities/appointments/{appt.pk}/cancel/", {"reason": ""})
    assert Appointment.objects.get(pk=appt.pk).status == "booked"
    response = client.post(f"/activities/appointments/{appt.pk}/cancel/", {"reason": "领导临时出差"}, follow=True)
    assert "约访已取消" in response.content.decode() and "领导临时出差" in response.content.decode()
    assert Appointment.objects.get(pk=appt.pk).status == "cancelled"
