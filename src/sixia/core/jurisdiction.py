"""Jurisdiction (管辖范围): a user sees its region and everything under it.

Region codes nest by prefix (35 ⊃ 3509 ⊃ 350921 ⊃ 350921100 ⊃ 350921100201), so every scoped query is a
``startswith`` on a region-code column — an index range scan, no recursion. (``region__code`` is the
foreign key's target, so Django reads the local column and adds no join.)
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from sixia.core.errors import NotFound

NATIONAL = ""  # the empty prefix: the whole country (system administrators of a national deployment)


def prefix_of(user: Any) -> str | None:
    """The region-code prefix a user may see, or ``None`` if the user may see nothing."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    code = getattr(user, "jurisdiction_id", None)
    if code:
        return str(code)
    return NATIONAL if user.is_superuser else None


def region_q(user: Any, field: str = "region__code") -> Q:
    prefix = prefix_of(user)
    if prefix is None:
        return Q(pk__in=[])
    if prefix == NATIONAL:
        return Q()
    return Q(**{f"{field}__startswith": prefix})


def scope(qs: QuerySet, user: Any, field: str = "region__code") -> QuerySet:
    return qs.filter(region_q(user, field))


def covers(user: Any, region_code: str | None) -> bool:
    prefix = prefix_of(user)
    if prefix is None:
        return False
    return prefix == NATIONAL or bool(region_code and str(region_code).startswith(prefix))


def get_scoped(qs: QuerySet, user: Any, field: str = "region__code", **lookup: Any):
    """Fetch one object inside the user's jurisdiction; outside it is indistinguishable from missing."""
    obj = scope(qs, user, field).filter(**lookup).first()
    if obj is None:
        raise NotFound("not_found", "对象不存在或不在您的管辖范围内", "not found or outside your jurisdiction")
    return obj


def rules_q(user: Any, field: str = "region_prefix") -> Q:
    """Rules keyed by a region prefix that a user sees: the defaults (empty prefix), its ancestors' and every
    rule inside its jurisdiction. Another county's rules are not found."""
    prefix = prefix_of(user)
    if prefix is None:
        return Q(pk__in=[])
    if prefix == NATIONAL:
        return Q()
    return Q(**{f"{field}__in": [prefix[:n] for n in range(len(prefix) + 1)]}) | Q(**{f"{field}__startswith": prefix})


def may_edit_rules_of(user: Any, region_prefix: str) -> bool:
    """A user edits the rules of its own jurisdiction (a county admin overrides defaults for the county); only a
    national user edits the defaults (empty prefix). ``None`` is the system."""
    if user is None:
        return True
    prefix = prefix_of(user)
    return prefix is not None and (prefix == NATIONAL or region_prefix.startswith(prefix))
