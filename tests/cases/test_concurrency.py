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


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_posts_with_one_idempotency_key_make_one_case(owner, case_payload):
    from sixia.cases.services import create_case
    from sixia.cases.services.idempotency import create_once

    barrier = threading.Barrier(2)
    results: list[tuple[int, bool]] = []

    def post():
        try:
            barrier.wait(timeout=10)
            case, created = create_once(actor=owner, key="retry-1", body=case_payload,
                                        create=lambda: create_case(actor=owner, **case_payload))
            results.append((case.pk, created))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(created for _, created in results) == [False, True]
    assert len({pk for pk, _ in results}) == 1
    assert Case.objects.count() == 1
