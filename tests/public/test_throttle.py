"""Every anonymous entry point of the portal and of Open311 is rate-limited per client address (issue 15 item 6):
past the configured number within the period the answer is 429 with the platform's message, nothing written."""

from __future__ import annotations

import pytest
import time_machine
from django.test import override_settings

from sixia.cases.models import Case

from .conftest import PHONE, at

pytestmark = pytest.mark.django_db


def _limits(**scopes):
    from django.conf import settings

    return override_settings(SIXIA_THROTTLE=settings.SIXIA_THROTTLE | scopes)


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_submissions_from_one_address_stop_at_the_limit(api, submission, huey_now):
    with _limits(public_submit="3/m"), huey_now():
        answers = [api.post("/public/cases", submission).status_code for _ in range(6)]
    assert answers == [201, 201, 201, 429, 429, 429]
    assert Case.objects.count() == 3


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_guessing_codes_and_phones_stops_at_the_limit(api, client):
    with _limits(public_query="4/m"):
        api_answers = [api.get("/public/cases/350921-260302-0099-ABC", phone=PHONE).status_code for _ in range(3)]
        page_answers = [client.post("/public/track/", {"code": "350921-260302-0099-ABC", "phone": PHONE}).status_code
                        for _ in range(2)]
    assert api_answers + page_answers == [404, 404, 404, 404, 429]


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_open311_reads_stop_at_the_limit(client):
    with _limits(open311="2/m"):
        answers = [client.get("/open311/v2/services.json") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert isinstance(answers[2].json(), list) and answers[2].json()[0]["code"] == 429
