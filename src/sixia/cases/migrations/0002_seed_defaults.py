"""Seed the category tree, deadline policies (rules.md defaults), escalation rules and the settings row."""

from django.db import migrations

from sixia.cases.defaults import CATEGORIES, DEADLINE_POLICIES, ESCALATION_RULES


def seed(apps, schema_editor):
    Category = apps.get_model("cases", "Category")
    DeadlinePolicy = apps.get_model("cases", "DeadlinePolicy")
    EscalationRule = apps.get_model("cases", "EscalationRule")
    CaseSettings = apps.get_model("cases", "CaseSettings")
    for i, (code, name, children) in enumerate(CATEGORIES):
        parent = Category.objects.create(code=code, name=name, sort=i * 100)
        for j, (child_code, child_name) in enumerate(children):
            Category.objects.create(code=child_code, name=child_name, parent=parent, sort=i * 100 + j + 1)
    for prefix, track, kind_key, category, step, kind, amount, note in DEADLINE_POLICIES:
        DeadlinePolicy.objects.create(region_prefix=prefix, track=track, kind_key=kind_key, category_code=category,
                                      step=step, kind=kind, amount=amount, note=note)
    for level, warning, days in ESCALATION_RULES:
        EscalationRule.objects.create(level=level, warning=warning, overdue_days=days)
    CaseSettings.objects.create()


def unseed(apps, schema_editor):
    for name in ("EscalationRule", "DeadlinePolicy", "CaseSettings"):
        apps.get_model("cases", name).objects.all().delete()
    Category = apps.get_model("cases", "Category")
    Category.objects.exclude(parent=None).delete()
    Category.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
