"""Keep the repeat index (signature + LSH band keys) in step with case texts, in the same transaction."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from sixia.cases.models import Case


@receiver(post_save, sender=Case, dispatch_uid="insight-index-case")
def index_on_save(sender, instance: Case, raw: bool = False, **kwargs) -> None:
    if raw:  # fixtures
        return
    from sixia.insight.repeats import index_case

    index_case(instance)
