"""Hooks on the case system, in the same transaction as the write that triggers them:

* the repeat index (signature + LSH band keys) follows every change of a case's text; saves that name their
  ``update_fields`` without the text (every workflow action) skip it;
* a petition registered with a body above the competent level is flagged 越级 right after its ``register``
  entry (the hotline is a city-level service by design, so hotline cases are not flagged).
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from sixia.cases.models import Case, CaseEvent

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


@receiver(post_save, sender=CaseEvent, dispatch_uid="insight-over-level-on-register")
def flag_over_level_on_register(sender, instance: CaseEvent, created: bool = False, raw: bool = False,
                                **kwargs) -> None:
    if raw or not created or instance.action != "register":
        return
    case = instance.case
    if case.track == "hotline" or case.first_receiver_id is None:
        return
    from sixia.insight.repeats import apply_over_level

    apply_over_level(actor=instance.actor, case=case, now=instance.at)
