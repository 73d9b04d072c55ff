from __future__ import annotations

from datetime import datetime

from ninja import Query, Router, Schema

from sixia.api.pagination import page_by_pk
from sixia.api.schemas import Page
from sixia.core import selectors

router = Router(tags=["audit 审计"])


class AuditOut(Schema):
    id: int
    at: datetime
    actor_name: str
    action: str
    object_type: str
    object_id: str
    summary: str
    changes: dict
    ip: str
    channel: str
    success: bool


class AuditFilter(Schema):
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    page_size: int = 50
    cursor: str | None = None


@router.get("/audit", response=Page[AuditOut], summary="审计日志（审计员、管理员）")
def list_audit(request, filters: Query[AuditFilter]):
    qs = selectors.audit_for(request.auth, actor=filters.actor, action=filters.action,
                             object_type=filters.object_type, object_id=filters.object_id)
    items, next_cursor = page_by_pk(qs, page_size=filters.page_size, cursor=filters.cursor)
    return {"items": items, "next_cursor": next_cursor}
