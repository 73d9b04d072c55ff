"""The audit trail is a hash chain: `sixia audit verify` finds an entry edited behind the application's back."""

import io
import itertools

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from sixia.core import audit, audit_chain
from sixia.core.models import AppendOnlyError, AuditChainHead, AuditEntry


def _entries(n: int) -> list[AuditEntry]:
    return [audit.record(audit.Action.ACTION, object_type="test.thing", object_id=i, summary=f"第{i}条",
                         changes={"n": i, "tuple": (1, 2)}, region_code="350921") for i in range(n)]


def _tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back, as `sqlite3 var/sixia.sqlite3 "…"` would; on PostgreSQL
    the append-only trigger must be disabled first (by the table's owner)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # (deferred FK checks first: ALTER refuses pending trigger events)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_append_only")


def _verify() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), err.getvalue()
    return 0, out.getvalue()


def test_entries_are_chained_and_verify_passes(db, owner):
    rows = _entries(5)
    assert rows[0].prev_hash == AuditEntry.objects.filter(id__lt=rows[0].id).order_by("-id").first().hash
    for before, after in itertools.pairwise(rows):
        assert after.prev_hash == before.hash and after.hash.startswith("sha256:") and len(after.hash) == 71
    assert AuditChainHead.objects.get(pk=1).hash == rows[-1].hash
    code, text = _verify()
    assert code == 0 and text.startswith("OK")


def test_verify_names_the_first_row_edited_with_sql(db, owner):
    rows = _entries(4)
    _tamper("UPDATE core_auditentry SET summary = %s WHERE id = %s", ["改过了", rows[1].id])
    code, text = _verify()
    assert code == 1 and f"id={rows[1].id}" in text and "content" in text


def test_verify_finds_a_deleted_entry_in_the_middle_and_at_the_end(db, owner):
    rows = _entries(4)
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [rows[3].id])
    verdict = audit_chain.verify()
    assert not verdict.ok and verdict.broken_id == rows[3].id and "head" in verdict.reason
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [rows[1].id])
    verdict = audit_chain.verify()
    assert not verdict.ok and verdict.broken_id == rows[2].id and "link" in verdict.reason


def test_the_orm_refuses_bulk_changes(db, owner):
    _entries(1)
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(object_type="test.thing").update(summary="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(object_type="test.thing").delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_create([AuditEntry(action="action")])
    assert AuditEntry.objects.filter(object_type="test.thing", summary="第0条").count() == 1


def test_sm3_by_setting_and_a_chain_may_switch_algorithms(db, owner):
    _entries(2)
    with override_settings(AUDIT_HASH="sm3"):
        rows = _entries(2)
    assert rows[0].hash.startswith("sm3:") and len(rows[0].hash) == 4 + 64
    assert audit_chain.verify().ok


def test_export_writes_the_chain_as_json_lines(db, owner, tmp_path):
    _entries(3)
    target = tmp_path / "audit.jsonl"
    call_command("audit", "export", "--all", "--out", str(target), stderr=io.StringIO())
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == AuditEntry.objects.count() and '"hash": "sha256:' in lines[-1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_update_and_delete_by_trigger(db, owner):
    from django.db import DatabaseError, transaction

    row = _entries(1)[0]
    for sql in ("UPDATE core_auditentry SET summary = 'x' WHERE id = %s", "DELETE FROM core_auditentry WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql, [row.id])
    assert AuditEntry.objects.get(pk=row.pk).summary == "第0条"
