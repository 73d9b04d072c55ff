from __future__ import annotations

from django.db.models import Q, QuerySet

from sixia.core.errors import Forbidden
from sixia.core.models import AuditEntry


def audit_for(user, *, actor: str = "", action: str = "", object_type: str = "", object_id: str = "",
              since=None, until=None) -> QuerySet[AuditEntry]:
    """The audit log, for auditors and administrators only.

    Entries that belong to the reader's jurisdiction (``region_code``: the object's region, else the actor's),
    anonymous ones included (failed logins, public bookings), plus every entry of an actor inside it. A reader
    without a jurisdiction (national) sees everything.
    """
    if not (user.is_superuser or user.has_role("auditor", "admin")):
        raise Forbidden("forbidden", "仅审计员和管理员可查看审计日志", "only auditors and administrators may read the audit log")
    qs = AuditEntry.objects.all()
    if user.jurisdiction_id:
        qs = qs.filter(Q(region_code__startswith=user.jurisdiction_id)
                       | Q(actor__jurisdiction__code__startswith=user.jurisdiction_id))
    if actor:
        qs = qs.filter(actor_name=actor)
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if since:
        qs = qs.filter(at__gte=since)
    if until:
        qs = qs.filter(at__lt=until)
    return qs
