"""The portal pages through the Django client: submit, track with code + phone, rate once, refusals that keep
what was typed and speak the page's language."""

from __future__ import annotations

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from sixia.cases.models import Attachment, Case, ReturnVisit
from tests.conftest import to_english

from .conftest import PHONE, at


def _png() -> bytes:
    """A real 2×2 PNG, drawn by Pillow (the upload pipeline decodes and re-encodes every image)."""
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (2, 2), "white").save(out, format="PNG")
    return out.getvalue()


PNG = _png()


def _track(client, code, phone=PHONE):
    return client.post("/public/track/", {"code": code, "phone": phone})


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_submit_then_track_then_rate_once(client, submission, reply_as_desk):
    assert client.get("/public/").status_code == 200
    assert client.get("/public/submit/").status_code == 200
    photo = SimpleUploadedFile("lamp.png", PNG, content_type="image/png")
    answer = client.post("/public/submit/", submission | {"photos": [photo]})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert answer["Location"] == "/public/submitted/"  # POST → redirect → GET
    case = Case.objects.get()
    shown = client.get(answer["Location"])
    assert shown.status_code == 200 and case.tracking_no in shown.content.decode()
    again = client.get(answer["Location"])  # a reload shows the code again and submits nothing
    assert case.tracking_no in again.content.decode() and Case.objects.count() == 1
    assert Attachment.objects.filter(case=case).count() == 1

    page = client.get(f"/public/cases/{case.tracking_no}/")  # the session knows this code
    assert page.status_code == 200 and "已登记" in page.content.decode()
    assert 'data-testid="rate-form"' not in page.content.decode()

    reply_as_desk(case.pk)
    fresh = client.__class__()
    assert fresh.get(f"/public/cases/{case.tracking_no}/").status_code == 302  # another browser must prove it
    followed = _track(fresh, case.tracking_no.lower())
    assert followed.status_code == 302 and followed["Location"] == f"/public/cases/{case.tracking_no}/"
    page = fresh.get(followed["Location"]).content.decode()
    assert "路灯已于3月3日修复。" in page and 'data-testid="rate-form"' in page

    rated = fresh.post(followed["Location"], {"satisfaction": "satisfied", "comment": "<b>谢谢</b>"})
    assert rated.status_code == 200
    body = rated.content.decode()
    assert 'data-testid="rated"' in body and 'data-testid="rate-form"' not in body
    assert "<b>谢谢</b>" not in body
    assert ReturnVisit.objects.get(case=case).note == "<b>谢谢</b>"
    again = fresh.post(followed["Location"], {"satisfaction": "dissatisfied"})
    assert again.status_code == 409 and ReturnVisit.objects.count() == 1


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_wrong_phone_and_unknown_code_read_the_same(client, regions, submission):
    code = client.post("/public/submit/", submission, follow=True).context["code"]
    client.session.flush()
    wrong_phone = _track(client, code, "13900009999")
    unknown = _track(client, "350921-260302-0099-ABC")
    assert wrong_phone.status_code == unknown.status_code == 404
    assert wrong_phone.context["error"] == unknown.context["error"] == "查询码或联系电话不正确"  # the page's language only
    assert 'value="13900009999"' in wrong_phone.content.decode()  # what was typed stays


def test_a_bad_submission_keeps_the_input_and_speaks_the_page_language(client, regions, submission):
    answer = client.post("/public/submit/", submission | {"phone": "12345"})
    assert answer.status_code == 422
    body = answer.content.decode()
    assert "小区门口路灯坏了一个月" in body and 'value="霞浦县长春镇"' in body and 'data-testid="error"' in body
    to_english(client)
    answer = client.post("/public/submit/", submission | {"region": "不存在的镇"})
    assert answer.status_code == 422
    assert answer.context["error"] == "no such region; pick one from the list"
    assert "Submit" in answer.content.decode()
    too_long = client.post("/public/submit/", submission | {"text": "x" * 2001})
    assert too_long.status_code == 422 and "2000" in too_long.context["error"]
    assert not Case.objects.exists()


def test_a_photo_that_is_not_one_is_refused(client, regions, submission):
    fake = SimpleUploadedFile("lamp.pdf", b"%PDF-1.4 nothing", content_type="application/pdf")
    answer = client.post("/public/submit/", submission | {"photos": [fake]})
    assert answer.status_code == 422 and not Case.objects.exists()


def test_the_pages_carry_no_inline_script_or_style(client, regions):
    for url in ("/public/", "/public/submit/", "/public/track/"):
        body = client.get(url).content.decode()
        assert "<script" not in body and "style=" not in body and " onchange=" not in body and "https://" not in body


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_the_officials_case_page_shows_what_was_sent_and_whether_it_left(client, owner, submission, reply_as_desk,
                                                                         huey_now):
    from sixia.cases.models import OutboundMessage

    code = client.post("/public/submit/", submission, follow=True).context["code"]
    case = Case.objects.get(tracking_no=code)
    reply_as_desk(case.pk)  # without the task queue: the acceptance and reply notices wait in the outbox
    client.force_login(owner)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert page.count('data-status="pending"') == 2 and "待发送" in page
    with huey_now():
        from sixia.cases.services.notices import send_pending

        assert send_pending() == {"sent": 2}
    assert set(OutboundMessage.objects.filter(case=case).values_list("status", flat=True)) == {"sent"}
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert page.count('data-status="sent"') == 2 and "受理告知" in page and "答复告知" in page
    assert "告知短信已发送" in page  # and the case file has one entry per message sent


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_the_session_keeps_one_code_and_never_the_phone(client, regions, submission):
    first = client.post("/public/submit/", submission, follow=True).context["code"]
    second = client.post("/public/submit/", submission | {"phone": "13900003333"}, follow=True).context["code"]
    assert client.get(f"/public/cases/{second}/").status_code == 200
    assert client.get(f"/public/cases/{first}/").status_code == 302  # the newer code replaced it
    kept = client.session["public_case"]
    assert kept["code"] == second and "13900003333" not in str(dict(client.session))
