"""Issue 15's portal leftovers: photos through the public API (multipart, as the page sends them; JSON still
works), the notices shown on the tracking page and in the API (kind, time, delivered or not, masked phone only),
and notices in the language the person used the portal in."""

from __future__ import annotations

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from sixia.cases.models import Attachment, Case, OutboundMessage
from sixia.cases.services import receipts
from sixia.people.models import Person

from .conftest import PHONE, at
from .test_pages import PNG

SUBMIT = "/api/v1/public/cases"


def _photo(name: str = "lamp.png", data: bytes = PNG, kind: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=kind)


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_the_api_takes_photos_as_multipart(client, regions, submission):
    answer = client.post(SUBMIT, submission | {"photos": [_photo(), _photo("b.png")]})  # multipart/form-data
    assert answer.status_code == 201, answer.content
    case = Case.objects.get(tracking_no=answer.json()["code"])
    assert Attachment.objects.filter(case=case).count() == 2
    assert case.petitioners.get().person.name == submission["name"]


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_multipart_refusals_are_the_json_ones_and_write_nothing(client, regions, submission):
    four = client.post(SUBMIT, submission | {"photos": [_photo(f"{n}.png") for n in range(4)]})
    assert four.status_code == 422 and four.json()["code"] == "too_many_photos"
    not_a_photo = client.post(SUBMIT, submission | {"photos": [_photo("notes.txt", b"hello", "text/plain")]})
    assert not_a_photo.status_code == 422
    too_long = client.post(SUBMIT, submission | {"text": "x" * 2001})
    assert too_long.status_code == 422 and too_long.json()["field"] == "text"
    missing = client.post(SUBMIT, {k: v for k, v in submission.items() if k != "phone"})
    assert missing.status_code == 422 and missing.json()["field"] == "phone"
    assert client.post(SUBMIT, b"{not json", content_type="application/json").status_code == 422
    assert not Case.objects.exists() and not Attachment.objects.exists()


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_the_tracking_page_and_api_show_the_notices_and_whether_they_arrived(client, api, regions, submission,
                                                                           reply_as_desk, huey_now):
    code = api.post("/public/cases", submission).json()["code"]
    case = Case.objects.get(tracking_no=code)
    with huey_now():
        reply_as_desk(case.pk)  # the acceptance and reply notices go out through the (logging) gateway
    accepted = OutboundMessage.objects.get(case=case, kind="accepted")
    receipts.record_receipt(reference=str(accepted.pk), delivered=True, at=at(2026, 3, 2, 10, 5))

    shown = api.get(f"/public/cases/{code}", phone=PHONE).json()["notices"]
    assert [(n["kind"], n["label"], n["delivery"], n["phone"]) for n in shown] == [
        ("accepted", "受理告知", "delivered", "139****2222"), ("replied", "答复告知", "", "139****2222")]
    assert shown[0]["delivery_label"] == "已送达" and shown[0]["at"]

    page = client.post("/public/track/", {"code": code, "phone": PHONE}, follow=True).content.decode()
    assert 'data-testid="notices"' in page and "受理告知" in page and "答复告知" in page
    assert 'data-delivery="delivered"' in page and "已送达" in page
    assert PHONE not in page and "139****2222" in page


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_a_person_who_used_the_portal_in_english_is_told_in_english(client, regions, submission, reply_as_desk):
    answer = client.post(SUBMIT, submission, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 201, answer.content
    case = Case.objects.get(tracking_no=answer.json()["code"])
    assert Person.objects.get(pk=case.petitioners.get().person_id).language == "en"
    reply_as_desk(case.pk)
    told = {m.kind: m for m in OutboundMessage.objects.filter(case=case)}
    assert told["accepted"].language == "en" and told["accepted"].text.startswith("Your matter")
    assert "has been answered: Supported." in told["replied"].text  # the outcome's label in English too
    chinese = client.post(SUBMIT, submission | {"phone": "13900003333"})
    other = Case.objects.get(tracking_no=chinese.json()["code"])
    assert other.petitioners.get().person.language == "zh-hans"
