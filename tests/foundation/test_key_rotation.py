"""Field-key rotation (issue 14, item 1): every token re-encrypted, every blind index recomputed, resumable,
audited, harmless to rerun."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command

from sixia.core import crypto, rotation
from sixia.core.identity import id_check_char
from sixia.core.models import AuditEntry, KeyRotation
from sixia.core.personal import name_address_index
from sixia.org.models import Official, Rank
from sixia.org.services import create_official
from sixia.people.models import Person
from sixia.people.selectors import persons_for
from sixia.people.services import create_person
from tests.conftest import COUNTY

OLD = "the-previous-field-key-" + "o" * 30
NEW = "the-new-field-key-" + "n" * 30


def id_number(i: int) -> str:
    body = f"35092119800101{i:03d}"
    return body + id_check_char(body)


@pytest.fixture
def sealed_under_old_key(settings, owner, units):
    settings.FIELD_KEY = OLD
    people = [create_person(actor=owner, name=f"林{i}", region_code=COUNTY, phone=f"1380000{i:04d}",
                            id_number=id_number(i), address=f"长春镇{i}号" if i % 2 else "") for i in range(7)]
    official = create_official(actor=None, name="王干部", unit=units["housing"], rank=Rank.STAFF,
                               phone="13900001111")
    settings.FIELD_KEY = NEW
    return people, official


def assert_all_readable_and_findable(owner, people, official):
    for i, person in enumerate(people):
        person.refresh_from_db()
        assert crypto.decrypt(person.phone_token, key=NEW) == f"1380000{i:04d}"
        assert crypto.decrypt(person.id_number_token, key=NEW) == id_number(i)
        assert list(persons_for(owner, q=f"1380000{i:04d}")) == [person]
        assert list(persons_for(owner, q=id_number(i))) == [person]
        expected = name_address_index(person.name, person.address) if person.address else ""
        assert person.name_address_index == expected
    official.refresh_from_db()
    assert crypto.decrypt(official.phone_token) == "13900001111"


def test_rotation_re_encrypts_and_reindexes_everything(owner, sealed_under_old_key):
    people, official = sealed_under_old_key
    assert not persons_for(owner, q="13800000003").exists()  # indexes under the old key find nothing
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(people[0].phone_token)
    before = AuditEntry.objects.count()
    run = rotation.rotate(old_key=OLD, batch_size=3)
    assert_all_readable_and_findable(owner, people, official)
    assert run.finished_at and run.rows["people.person"] == 7 and run.rows["org.official"] == 1
    assert OLD not in str(run.__dict__) and NEW not in str(run.__dict__)  # fingerprints only
    entries = AuditEntry.objects.order_by("pk")[before:]
    assert [e.object_type for e in entries] == [t.label.lower() for t in rotation.SEALED_TABLES] + [
        "core.keyrotation"]


def test_an_interrupted_rotation_resumes_where_it_stopped(owner, sealed_under_old_key, monkeypatch):
    people, official = sealed_under_old_key
    real_encrypt, calls = crypto.encrypt, []

    def failing_encrypt(*args, **kwargs):
        calls.append(1)
        if len(calls) > 8:  # the third batch of three people (two tokens each) fails midway
            raise KeyboardInterrupt
        return real_encrypt(*args, **kwargs)

    monkeypatch.setattr(crypto, "encrypt", failing_encrypt)
    with pytest.raises(KeyboardInterrupt):
        rotation.rotate(old_key=OLD, batch_size=2)
    stopped = KeyRotation.objects.get()
    assert stopped.finished_at is None and stopped.progress == {"people.person": people[3].pk}
    monkeypatch.setattr(crypto, "encrypt", real_encrypt)

    resumed = rotation.rotate(old_key=OLD, batch_size=2)
    assert resumed.pk == stopped.pk and resumed.rows["people.person"] == 7  # no row counted twice
    assert_all_readable_and_findable(owner, people, official)


def test_the_command_reads_the_old_key_file_and_a_rerun_is_harmless(owner, sealed_under_old_key, tmp_path):
    people, official = sealed_under_old_key
    key_file = tmp_path / "old_field_key"
    key_file.write_text(OLD + "\n")
    call_command("rotate_field_key", old_key_file=key_file)
    call_command("rotate_field_key", old_key_file=key_file)  # finished: nothing to do
    assert KeyRotation.objects.count() == 1
    call_command("rotate_field_key", old_key_file=key_file, again=True)  # tokens already new: rewritten
    assert KeyRotation.objects.count() == 2
    assert_all_readable_and_findable(owner, people, official)


def test_switching_the_index_mac_with_the_same_key(owner, sealed_under_old_key, settings):
    people, official = sealed_under_old_key
    rotation.rotate(old_key=OLD)
    settings.BLIND_INDEX, settings.FIELD_CIPHER = "hmac-sm3", "sm4"
    rotation.rotate(old_key=NEW)
    people[0].refresh_from_db()
    assert people[0].phone_token.startswith("v1:sm4-gcm:")
    assert_all_readable_and_findable(owner, people, official)


def test_every_model_with_a_token_is_rotated():
    covered = {(t.label.lower(), f"{stem}_token") for t in rotation.SEALED_TABLES for stem, _ in t.fields}
    found = {(m._meta.label_lower, f.name) for m in apps.get_models() for f in m._meta.fields
             if f.name.endswith("_token") and f.get_internal_type() == "TextField"}
    assert found and found <= covered, found - covered
    assert {Person._meta.label_lower, Official._meta.label_lower} <= {t.label.lower() for t in rotation.SEALED_TABLES}
