"""Recording audit entries. Call inside the same transaction as the write it describes.

Each entry is chained to the previous one (``sixia.core.audit_chain``) and carries a ``region_code`` — the
region of the object it touched when it has one, else the actor's jurisdiction — so that a county auditor
sees everything that happened in the county, anonymous actions (failed logins, public bookings) included.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Model
from django.db.models.sql import InsertQuery
from django.utils import timezone

from sixia.core import audit_chain, context
from sixia.core.models import AuditChainHead, AuditEntry

Action = AuditEntry.Action
_pending: ContextVar[list[AuditEntry] | None] = ContextVar("sixia_audit_pending", default=None)


@contextmanager
def batched() -> Iterator[None]:
    """Write the entries recorded inside the block together when it ends: one lock of the chain head, one
    multi-row INSERT and one head UPDATE for all of them, instead of three statements per entry. Use it inside
    the transaction of the write (a registration records the new person and the new case). The entries are
    chained in the order they were recorded; nested blocks join the outermost one. Until the block ends the
    recorded entries have no id."""
    if _pending.get() is not None:
        yield
        return
    token = _pending.set([])
    try:
        yield
        entries = _pending.get() or []
    finally:
        _pending.reset(token)
    if entries:
        _append(entries)


def _append(entries: list[AuditEntry]) -> None:
    """Two statements: read the head under its lock (the first hash covers it), then write the entries and move
    the head in one — on PostgreSQL a data-modifying CTE, on SQLite the INSERT whose trigger moves the head
    (migration core/0007). A plpgsql trigger would do on PostgreSQL too, but each new connection (the default
    ``CONN_MAX_AGE=0`` opens one per request) would load and compile it on its first entry."""
    # Inside the caller's transaction no savepoint is needed (a failure rolls back the caller's write too).
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        prev = head.hash
        for entry in entries:
            entry.prev_hash = prev
            fields = {name: getattr(entry, name) for name in audit_chain.HASHED_FIELDS}
            entry.hash = prev = audit_chain.digest(entry.prev_hash, fields)
        db = router.db_for_write(AuditEntry)
        if connections[db].vendor == "postgresql":
            _insert_moving_head(entries, head_id=head.pk, using=db)
        elif len(entries) == 1:
            entries[0].save(force_insert=True)
        else:
            AuditEntry.objects.all()._append_chained(entries)  # ids in list order (one multi-row INSERT … RETURNING)
        head.hash, head.last_id = prev, entries[-1].pk


def _insert_moving_head(entries: list[AuditEntry], *, head_id: int, using: str) -> None:
    """``WITH entries AS (INSERT … RETURNING id), moved AS (UPDATE head …) SELECT id FROM entries``: the INSERT is
    the one Django compiles for ``bulk_create`` (field preparation and all); the head gets the last hash and id."""
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    query = InsertQuery(AuditEntry)
    query.insert_values(fields, list[Model](entries))  # list is invariant
    compiler = query.get_compiler(using=using)
    compiler.returning_fields = [AuditEntry._meta.pk]
    [(insert, params)] = compiler.as_sql()
    head_table = connections[using].ops.quote_name(AuditChainHead._meta.db_table)
    sql = (f"WITH entries AS ({insert}), moved AS (UPDATE {head_table} SET hash = %s, last_id = "
           f"(SELECT max(id) FROM entries) WHERE id = %s) SELECT id FROM entries ORDER BY id")
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [*params, entries[-1].hash, head_id])
        ids = [row[0] for row in cursor.fetchall()]
    for entry, pk in zip(entries, ids, strict=True):  # serial ids follow the VALUES order, as bulk_create relies on
        entry.pk = pk
        entry._state.adding, entry._state.db = False, using


def region_of(obj: Any = None, actor: Any = None) -> str:
    """The region an entry belongs to: the object's (``region_id`` / ``region_code``), else the actor's."""
    for source in (obj, actor):
        for attr in ("region_id", "region_code", "jurisdiction_id"):
            value = getattr(source, attr, None) if source is not None else None
            if isinstance(value, str) and value:
                return value[:12]
    return ""


def record(
    action: str,
    *,
    obj: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    summary: str = "",
    changes: dict | None = None,
    actor: Any = None,
    success: bool = True,
    region_code: str = "",
    ip: str | None = None,
) -> AuditEntry:
    ctx = context.current()
    actor = actor if actor is not None else ctx.user
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    actor_obj = actor if getattr(actor, "pk", None) else None
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor_obj,
        actor_name=(getattr(actor, "username", "") or str(actor or "system"))[:150],
        action=action,
        object_type=object_type,
        object_id=str(object_id or "")[:64],
        summary=summary[:300],
        changes=audit_chain.normalise_changes(changes),
        ip=(ctx.ip if ip is None else ip)[:64],
        channel=ctx.channel,
        success=success,
        region_code=(region_code or region_of(obj, actor_obj))[:12],
    )
    pending = _pending.get()
    if pending is not None:
        pending.append(entry)
    else:
        _append([entry])
    return entry


def _locked_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:  # the first entry ever (the migration creates the row; a flushed test database has none)
        head, _ = AuditChainHead.objects.get_or_create(pk=1)
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field → [old, new] for the fields that changed (personal fields must be passed masked)."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
