"""Hooks on the case system:

* the repeat index (signature + LSH band keys) follows every change of a case's text; saves that name their
  ``update_fields`` without the text (every workflow action) skip it. A case just registered is indexed on the
  task queue after the commit (setting ``SIXIA_REPEAT_INDEX_LATER``, on by default): the registration does not
  wait for it, and the intake's repeat warning reads the index of the *earlier* cases, computing the new case's
  signature from its text. Changed text is re-indexed in the same transaction, as before.

The 越级 flag is no signal: every path that registers cases calls ``cases.services.intake.after_register``
explicitly (the ledger import too, whose bulk inserts send no signal), which runs ``insight.case_hooks``.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from sixia.cases.models import Case

# What the repeat index is computed from (``repeats.index_case`` hashes ``case_text(title, content)``;
# identity comes from the petitioners' blind indexes, not from the case row).
INDEXED_FIELDS = frozenset({"title", "content"})


@receiver(post_save, sender=Case, dispatch_uid="insight-index-case")
def index_on_save(sender, instance: Case, raw: bool = False, created: bool = False, update_fields=None,
                  **kwargs) -> None:
    if raw:  # fixtures
        return
    if update_fields is not None and not INDEXED_FIELDS & set(update_fields):
        return  # a workflow action or a flag: the text is unchanged, skip the lookup and the normalisation
    from sixia.insight.repeats import index_case, index_later

    if created and getattr(settings, "REPEAT_INDEX_LATER", False):
        index_later([instance.pk])
    else:
        index_case(instance, new=created)
