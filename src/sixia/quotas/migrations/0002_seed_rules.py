"""Seed the default quota rules of rules.md §3 (see sixia.quotas.defaults for sources)."""

from django.db import migrations

from sixia.quotas.defaults import REMIND_DAYS, RULES


def seed(apps, schema_editor):
    QuotaRule = apps.get_model("quotas", "QuotaRule")
    for rank, kind, measure, period, where, amount, source in RULES:
        QuotaRule.objects.get_or_create(
            region_prefix="", rank=rank, kind=kind, measure=measure,
            defaults={"period": period, "where": where, "amount": amount, "source": source,
                      "remind_days_before": REMIND_DAYS[period]})


def unseed(apps, schema_editor):
    QuotaRule = apps.get_model("quotas", "QuotaRule")
    for rank, kind, measure, *_ in RULES:
        QuotaRule.objects.filter(region_prefix="", rank=rank, kind=kind, measure=measure).delete()


class Migration(migrations.Migration):
    dependencies = [("quotas", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
