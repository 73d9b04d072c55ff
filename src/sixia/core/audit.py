"""Recording audit entries. Call inside the same transaction as the write it describes."""

from __future__ import annotations

from typing import Any

from sixia.core import context
from sixia.core.models import AuditEntry

Action = AuditEntry.Action


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
) -> AuditEntry:
    ctx = context.current()
    actor = actor if actor is not None else ctx.user
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    actor_obj = actor if getattr(actor, "pk", None) else None
    return AuditEntry.objects.create(
        actor=actor_obj,
        actor_name=(getattr(actor, "username", "") or str(actor or "system"))[:150],
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        summary=summary[:300],
        changes=changes or {},
        ip=ctx.ip,
        channel=ctx.channel,
        success=success,
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field → [old, new] for the fields that changed (personal fields must be passed masked)."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
