import json

import pytest
from django.core.management import call_command
from django.db import connection

from sixia.people.models import Person


@pytest.mark.django_db
def test_demo_is_reproducible_and_keeps_personal_data_encrypted(capsys):
    call_command("demo", seed=7, persons=40)
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["persons"] == 40 and summary["officials"] >= 90 and summary["units"] >= 30
    assert {"admin", "dispatcher", "handler", "leader", "supervisor", "auditor"} <= set(summary["users"])
    from sixia.core import crypto

    clear_phones = [crypto.decrypt(t) for t in Person.objects.values_list("phone_token", flat=True)]
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM people_person")
        dump = " ".join(str(v) for row in cur.fetchall() for v in row)
    assert not any(p in dump for p in clear_phones)


@pytest.mark.django_db
def test_after_the_demo_the_deadline_warnings_are_current():
    """The demo ends with one scan after every app populated, so a second scan finds nothing left to mark."""
    from sixia.cases.services import scan_deadlines

    call_command("demo", seed=7, persons=40)
    result = scan_deadlines()
    assert sum(result.marked.values()) == 0, result.marked
