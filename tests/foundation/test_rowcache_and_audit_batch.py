"""The per-process caches of rule rows (``core.rowcache``) and the batched audit chain (``audit.batched``), which
keep a registration to a few statements (issue 17) without serving a stale rule or breaking the chain."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sixia.core import audit, audit_chain, rowcache
from sixia.core.models import AuditEntry


def test_a_cached_rule_is_read_once_and_a_change_is_seen_at_once(db):
    from sixia.cases import deadlines
    from sixia.cases.models import CaseSettings

    first = deadlines.case_settings()
    with CaptureQueriesContext(connection) as ctx:
        assert deadlines.case_settings() is first
    assert len(ctx.captured_queries) == 0
    conf = CaseSettings.current()
    conf.approaching_fraction = 0.5
    conf.save()  # post_save: this process forgets the cached row
    assert deadlines.case_settings().approaching_fraction == 0.5


def test_rows_of_an_uncommitted_change_are_not_kept(db):
    """After a change inside a transaction the cache only reads through until the commit: a rollback must not
    leave the rolled-back rows cached."""
    calls = []

    def load():
        calls.append(1)
        return len(calls)

    rowcache.register("test_hold", AuditEntry)  # any model: only the name's bookkeeping matters here
    with transaction.atomic():
        rowcache.bump("test_hold")
        assert rowcache.get("test_hold", load) == 1
        assert rowcache.get("test_hold", load) == 2  # not stored while the change is uncommitted
    rowcache.clear()
    assert rowcache.get("test_hold", load) == 3
    assert rowcache.get("test_hold", load) == 3  # stored once nothing is pending


def test_batched_entries_are_chained_in_order_with_three_statements(db, owner):
    with CaptureQueriesContext(connection) as ctx, transaction.atomic(), audit.batched():
        for i in range(3):
            audit.record(audit.Action.UPDATE, actor=owner, object_type="test.thing", object_id=i + 1, summary=f"第{i}条")
        assert AuditEntry.objects.filter(object_type="test.thing").count() == 0  # written when the block ends
    writes = [q["sql"] for q in ctx.captured_queries if "core_audit" in q["sql"]]
    assert len(writes) == 3  # the count above, then head lock, one INSERT (a trigger moves the head)
    rows = list(AuditEntry.objects.filter(object_type="test.thing").order_by("id"))
    assert [r.object_id for r in rows] == ["1", "2", "3"]
    assert rows[1].prev_hash == rows[0].hash and rows[2].prev_hash == rows[1].hash
    assert audit_chain.verify().ok


def test_a_failed_batch_writes_nothing(db, owner):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic(), audit.batched():
        audit.record(audit.Action.UPDATE, actor=owner, object_type="test.thing", object_id=1)
        raise RuntimeError("the write failed")
    assert AuditEntry.objects.count() == before
    assert audit_chain.verify().ok


def test_a_registration_with_a_new_petitioner_keeps_the_chain(db, owner):
    from sixia.cases.services import create_case

    case = create_case(actor=owner, channel="visit", petition_class="appeal", title="路灯不亮", content="路灯坏了。",
                       region_code="350921101", petitioners=[{"name": "陈建华", "phone": "13800000009"}])
    last_two = list(AuditEntry.objects.order_by("-id")[:2])[::-1]
    assert [e.object_type for e in last_two] == ["people.person", "cases.case"]
    assert last_two[1].object_id == str(case.pk) and last_two[1].prev_hash == last_two[0].hash
    assert audit_chain.verify().ok
