"""Hooks on the case system, in the same transaction as the write that triggers them:

* the repeat index (signature + LSH band keys) follows every change of a case's text; saves that name their
  ``update_fields`` without the text (every workflow action) skip it.

The 越级 flag is no signal: every path that registers cases calls ``cases.services.intake.after_register``
explicitly (the ledger import too, whose bulk inserts send no signal), which runs ``insight.case_hooks``.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from sixia.cases.models import Case

# What the repeat index is computed from (``repeats.index_case`` hashes ``case_text(title, content)``;
# identity comes from the petitioners' blind indexes, not from the case row).
INDEXED_FIELDS = frozenset({"title", "content"})


@receiver(post_save, sender=Case, dispatch_uid="insight-index-case")
def index_on_save(sender, instance: Case, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw:  # fixtures
        return
    if update_fields is not None and not INDEXED_FIELDS & set(update_fields):
        return  # a workflow action or a flag: the text is unchanged, skip the lookup and the normalisation
    from sixia.insight.repeats import index_case

    index_case(instance)
