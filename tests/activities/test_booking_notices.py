"""约访 notices go through the SMS outbox (issue 15 item 2): the booking's confirmation, its refusal for the phone's
limits (the answer stays 202 either way), and its cancellation by the person or by the office — sealed phone,
linked to the appointment (no case), in the language of the page, sent and audited like the case notices."""

from __future__ import annotations

import pytest

from sixia.cases.models import OutboundMessage
from sixia.cases.services import notices
from sixia.core.models import AuditEntry
from tests.activities.test_appointment_cancel import OTHER_PHONE, PHONE, day, schedule  # noqa: F401 (fixtures)
from tests.conftest import to_english

pytestmark = pytest.mark.django_db


def request(day, phone=PHONE, slot="09:00", matter="反映宅基地纠纷"):  # noqa: F811
    from sixia.activities import services

    return services.request_appointment(activity=day, slot=slot, name="郑一", phone=phone, matter=matter)


def test_a_booking_is_confirmed_through_the_outbox_and_sent(day):  # noqa: F811
    appt = request(day)
    message = OutboundMessage.objects.get()
    assert (message.kind, message.case, message.appointment, message.status) == (
        "booking_confirmed", None, appt, "pending")
    assert appt.code in message.text and "09:00" in message.text and day.start_day.isoformat() in message.text
    assert message.phone_masked == "139****1111" and PHONE not in message.phone_token
    assert notices.send_pending() == {"sent": 1}
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 1)
    sent = AuditEntry.objects.filter(object_type="activities.appointment", object_id=str(appt.pk),
                                     summary__startswith="发送告知短信").get()
    assert sent.region_code == day.region_id and PHONE not in sent.summary


def test_a_refusal_for_the_phones_limits_is_told_by_sms_only(day):  # noqa: F811
    assert request(day) is not None
    assert request(day, slot="09:30", matter="另一件事") is None  # per_person_day_limit: refused, silently
    refused = OutboundMessage.objects.get(kind="booking_refused")
    assert refused.appointment is None and refused.case is None and "约访未成功" in refused.text
    assert notices.send_pending() == {"sent": 2}


def test_cancellations_by_the_person_and_by_the_office_are_told(day, owner):  # noqa: F811
    from sixia.activities import services

    mine, theirs = request(day), request(day, phone=OTHER_PHONE, slot="09:30")
    services.cancel_appointment_by_code(code=mine.code, phone=PHONE)
    services.cancel_appointment(actor=owner, appointment=theirs, reason="接待日改期")
    told = {m.appointment_id: m for m in OutboundMessage.objects.filter(kind="booking_cancelled")}
    assert "已取消：本人在线取消" in told[mine.pk].text and mine.code in told[mine.pk].text
    assert "已取消：接待日改期" in told[theirs.pk].text and told[theirs.pk].phone_masked == "139****2222"


def test_a_booking_made_in_english_is_told_in_english(client, day):  # noqa: F811
    to_english(client)
    answer = client.post(f"/api/v1/activities/public/reception-days/{day.pk}/appointments",
                         {"slot": "09:00", "name": "Zheng", "phone": PHONE, "matter": "land dispute"},
                         content_type="application/json", headers={"accept-language": "en"})
    assert answer.status_code == 202, answer.content
    message = OutboundMessage.objects.get()
    assert message.language == "en" and message.text.startswith("Booked:")
