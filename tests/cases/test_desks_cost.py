"""The desks' reads stay a fixed number of statements whatever the number of cases: the ledger annotates the last
note with a subquery (no query per case), the 通报 is two queries (overdue cases, supervisions of the period)."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sixia.cases.services import add_leader_note, set_owner_leader, supervise_case
from tests.cases.test_desks_api import desk_users  # noqa: F401  (fixture)


def statements(call) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert call().status_code == 200
    return len(ctx.captured_queries)


def test_ledger_and_notice_do_not_grow_with_the_cases(api, token_for, desk_users, new_case, act, owner,  # noqa: F811
                                                      units):
    sup = token_for(desk_users["supervisor"])
    reply_by = timezone.localdate() + timedelta(days=5)

    def add(n: int) -> None:
        for i in range(n):
            case = act(owner, act(owner, new_case(title=f"件{i}"), "accept"), "assign", unit_id=units["housing"].pk)
            case = set_owner_leader(actor=desk_users["dispatcher"], case=case, official=desk_users["official"],
                                    reason="包案")
            add_leader_note(actor=desk_users["leader"], case=case, text="进展")
            supervise_case(actor=desk_users["supervisor"], case=case.__class__.objects.get(pk=case.pk), level=2,
                           reason="请加快", reply_by=reply_by)

    add(2)
    api.get("/leaders/cases", sup)  # the token's first use records it (then at most once a minute)
    ledger_few = statements(lambda: api.get("/leaders/cases", sup))
    notice_few = statements(lambda: api.get("/supervision/notice", sup))
    add(8)
    assert len(api.get("/leaders/cases", sup).json()) == 10
    assert statements(lambda: api.get("/leaders/cases", sup)) == ledger_few
    assert statements(lambda: api.get("/supervision/notice", sup)) == notice_few
    print(f"\nledger {ledger_few} statements, notice {notice_few} statements (2 and 10 cases)")
