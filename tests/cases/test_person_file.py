"""一人一表: the person page lists every case of the person (open and closed) and the activity contacts tied to
the person; the case page links to its petitioners' pages for those who may open them."""

from __future__ import annotations

from datetime import time

import pytest
from django.utils import timezone

from sixia.cases.models import Case
from tests.conftest import PASSWORD


@pytest.fixture
def person_with_cases(new_case):
    first = new_case()
    second = new_case(title="路面塌陷", content="村口路面塌陷。")
    Case.objects.filter(pk=first.pk).update(state="finalized")
    person = first.petitioners.get().person
    return person, first, second


def test_the_person_page_lists_open_and_closed_cases(client, owner, person_with_cases):
    person, finalized, open_case = person_with_cases
    client.login(username="owner", password=PASSWORD)
    page = client.get(f"/persons/{person.pk}/").content.decode()
    assert 'data-testid="person-cases"' in page
    assert finalized.tracking_no in page and open_case.tracking_no in page
    assert f"/cases/{finalized.pk}/" in page and "已终结" in page


def test_the_person_page_lists_activity_contacts(client, owner, person_with_cases, regions):
    from sixia.activities.models import Activity, Appointment, Kind, Problem
    from sixia.core.personal import seal_phone

    person, finalized, _open = person_with_cases
    day = timezone.localdate()
    reception = Activity.objects.create(kind=Kind.RECEPTION, title="县领导接访日", region_id="350921", start_day=day)
    sealed = seal_phone("13900001111")
    Appointment.objects.create(activity=reception, slot=time(9), name="郑四", phone_token=sealed.token,
                               phone_index=sealed.index, phone_masked=sealed.masked, matter="电梯还是不修", code="A1B2")
    Appointment.objects.create(activity=reception, slot=time(10), name="别人", matter="别的事", code="C3D4",
                               phone_index=seal_phone("13700000000").index)
    Problem.objects.create(activity=reception, description="电梯停运反映", outcome="case", case=finalized)
    client.login(username="owner", password=PASSWORD)
    page = client.get(f"/persons/{person.pk}/").content.decode()
    assert 'data-testid="person-contacts"' in page
    assert "电梯还是不修" in page and "电梯停运反映" in page and "别的事" not in page
    assert f"/activities/{reception.pk}/" in page


def test_an_outsider_sees_no_file(client, outsider, person_with_cases):
    person, *_ = person_with_cases
    client.login(username="outsider", password=PASSWORD)
    assert client.get(f"/persons/{person.pk}/").status_code == 404


def test_the_case_page_links_its_petitioners(client, owner, person_with_cases):
    person, _finalized, open_case = person_with_cases
    client.login(username="owner", password=PASSWORD)
    page = client.get(f"/cases/{open_case.pk}/").content.decode()
    assert f'href="/persons/{person.pk}/" data-testid="person-link"' in page
