"""Two users acting on one case at the same moment: exactly one succeeds (row lock + version check)."""

import threading

import pytest
from django.db import connection

from sixia.cases.models import Case, CaseEvent
from sixia.cases.services import perform_action
from sixia.core.errors import Conflict

pytestmark = pytest.mark.postgres_only



@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


@pytest.mark.django_db(transaction=True)
def test_only_one_of_two_simultaneous_actions_succeeds(owner, make_user, units, new_case):
    other = make_user("dispatcher2", ["dispatcher"], "350921", units["county_gov"])
    case = new_case()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(user, action, args):
        try:
            stale = Case.objects.get(pk=case.pk)  # both read version 1 before either writes
            barrier.wait(timeout=10)
            perform_action(actor=user, case=stale, action=action, args=args)
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(owner, "accept", {})),
               threading.Thread(target=act, args=(other, "reject", {"reason": "不属于信访事项"}))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes) == ["ok", "stale_case"]
    case = Case.objects.get(pk=case.pk)
    assert case.state in {"accepted", "rejected"} and case.version == 2
    assert CaseEvent.objects.filter(case=case).count() == 2  # register + the one that won
