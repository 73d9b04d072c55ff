"""The lock every write on a case takes: ``SELECT … FOR UPDATE`` of the row, then the caller's version check.

Workflow actions (``actions.perform_action``) and the side actions of the 包案 and 督办 desks share it, so two
people acting at once never both succeed and a stale page is refused rather than silently overwritten."""

from __future__ import annotations

from sixia.cases.models import Case
from sixia.core.errors import Conflict, NotFound


def lock_case(case: Case) -> Case:
    """The freshly locked row of ``case``; Conflict when its version is no longer the one the caller saw.
    Call inside ``transaction.atomic``."""
    locked = (Case.objects.select_for_update(of=("self",))
              .select_related("owner_leader", "responsible_unit", "first_receiver").filter(pk=case.pk).first())
    if locked is None:
        raise NotFound("not_found", "诉求不存在", "case not found")
    if locked.version != case.version:
        raise Conflict("stale_case", "该诉求已被他人处理，请刷新后重试", "the case changed meanwhile; reload and retry")
    return locked
