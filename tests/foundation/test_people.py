import pytest
from django.db import connection

from sixia.core.errors import Forbidden, InvalidInput
from sixia.core.identity import id_check_char
from sixia.core.models import AuditEntry
from sixia.people.models import Person
from sixia.people.services import create_person, update_person

BODY = "35092119850101123"
ID = BODY + id_check_char(BODY)


def test_it_stores_no_clear_personal_data(db, owner):
    person = create_person(actor=owner, name="郑四", region_code="350921101", id_number=ID, phone="13900001111")
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM people_person WHERE id = %s", [person.pk])
        row = " ".join(str(v) for v in cur.fetchone())
        cur.execute("SELECT changes, summary FROM core_auditentry")
        audit_text = " ".join(str(v) for r in cur.fetchall() for v in r)
    for clear in (ID, "13900001111"):
        assert clear not in row and clear not in audit_text
    assert person.gender == "M"  # derived from the 17th digit


def test_bad_input_changes_nothing_and_says_why(db, owner):
    before = Person.objects.count(), AuditEntry.objects.count()
    with pytest.raises(InvalidInput) as err:
        create_person(actor=owner, name="郑四", region_code="350921101", id_number=ID[:-1] + "0")
    assert "校验位" in err.value.message
    assert (Person.objects.count(), AuditEntry.objects.count()) == before


def test_api_reports_bad_input_in_json(api, owner, token_for):
    response = api.post("/persons", {"name": "郑四", "region_code": "350921101", "phone": "12345"},
                        headers=token_for(owner))
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_phone"
    assert "电话号码格式不正确" in response.json()["message"]


def test_outsider_cannot_create_in_my_county(db, outsider):
    with pytest.raises(Forbidden):
        create_person(actor=outsider, name="王五", region_code="350921101")


def test_updates_are_audited_with_masked_diffs(db, owner):
    person = create_person(actor=owner, name="郑四", region_code="350921101", phone="13900001111")
    update_person(actor=owner, person=person, phone="13900002222", address="长春镇1号")
    entry = AuditEntry.objects.filter(action="update", object_id=str(person.pk)).get()
    assert entry.changes["phone"] == ["139****1111", "139****2222"]
    assert entry.changes["address"] == ["", "长春镇1号"]


def test_an_official_records_the_language_a_person_is_told_in(client, owner):
    """The SMS templates exist per language; the person form sets it (the portal sets it from its own)."""
    person = create_person(actor=owner, name="John Smith", region_code="350921101", language="en")
    assert person.language == "en"
    assert create_person(actor=owner, name="郑四", region_code="350921101").language == "zh-hans"
    with pytest.raises(InvalidInput) as refused:
        update_person(actor=owner, person=person, language="fr")
    assert refused.value.field == "language"
    assert update_person(actor=owner, person=person, language="zh-hans").language == "zh-hans"
    client.force_login(owner)
    response = client.post("/persons/new/", {"name": "Jane Doe", "kind": "person", "region_code": "350921101",
                                             "language": "en"})
    assert response.status_code == 302
    assert Person.objects.get(name="Jane Doe").language == "en"
    kept = client.post("/persons/new/", {"name": "Jane Roe", "kind": "person", "region_code": "350921101",
                                         "language": "xx"})
    assert kept.status_code == 200 and "Jane Roe" in kept.content.decode()  # refused, what was typed is kept
    assert not Person.objects.filter(name="Jane Roe").exists()
