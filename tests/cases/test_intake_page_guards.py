"""The intake page: 可能重复登记 before registering (the clerk confirms to register anyway), an occurrence date
in the future refused on its field, and the same person's closed and finalized cases in the lookup."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sixia.cases.models import Case
from tests.cases.test_pages_views import intake_data

pytestmark = pytest.mark.django_db


def test_a_repeat_within_the_hour_is_warned_and_registered_only_when_confirmed(client, owner):
    client.force_login(owner)
    assert client.post(reverse("cases:intake"), intake_data()).status_code == 302
    first = Case.objects.get()

    again = client.post(reverse("cases:intake"), intake_data(title="路灯又坏了", content="另一段话。"))
    body = again.content.decode()
    assert again.status_code == 200
    assert 'data-testid="possible-duplicate"' in body and "可能重复登记" in body
    assert first.tracking_no in body and f"/cases/{first.pk}/" in body
    assert "另一段话。" in body  # everything typed is kept
    assert Case.objects.count() == 1

    confirmed = client.post(reverse("cases:intake"), intake_data(title="路灯又坏了", content="另一段话。",
                                                                 confirm_duplicate="on"))
    assert confirmed.status_code == 302
    assert Case.objects.count() == 2


def test_another_person_and_text_is_no_duplicate(client, owner):
    client.force_login(owner)
    assert client.post(reverse("cases:intake"), intake_data()).status_code == 302
    other = intake_data(title="河道污染", content="河里有油污。", **{"p-0-name": "赵六", "p-0-phone": "13900003333"})
    assert client.post(reverse("cases:intake"), other).status_code == 302


def test_an_occurrence_in_the_future_is_refused_on_its_field(client, owner):
    client.force_login(owner)
    tomorrow = (timezone.localdate() + timedelta(days=2)).isoformat()
    r = client.post(reverse("cases:intake"), intake_data(occurred_at=tomorrow))
    assert r.status_code == 422
    assert "发生时间不能晚于当前时间" in r.content.decode()
    assert not Case.objects.exists()


def test_the_lookup_lists_closed_and_finalized_cases_marked(client, owner, new_case, id_number):
    open_case, done = new_case(), new_case(title="路面塌陷", content="村口路面塌陷。")
    Case.objects.filter(pk=done.pk).update(state="finalized")
    client.force_login(owner)
    person = client.get(reverse("cases:person_cases"), {"id_number": id_number}).json()["persons"][0]
    assert [c["id"] for c in person["open_cases"]] == [open_case.pk]
    assert [(c["id"], c["finalized"], c["state_label"]) for c in person["closed_cases"]] == [(done.pk, True, "已终结")]
