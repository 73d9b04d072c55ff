"""Seed the statutory defaults of issue 11 item 4: the 12345 urgency classes' time limits and the texts told to
the petitioner. The figures are data — admins change the rows; removing a row falls back to the general limit
(policies) or to ``cases.defaults.MESSAGE_TEMPLATES`` (texts)."""

from django.db import migrations

# (track, kind_key, step, kind, amount, note). Sources: 国办发〔2020〕53号 (便民热线归并: 紧急诉求转110/119/120/122,
# 一般诉求限时办理); GB/T 33358-2016 政府热线服务规范; rules.md §2 — every figure is UNVERIFIED there. The urgent
# orders' 30-minute response and 2-hour first feedback are not seeded: the policy counts whole hours.
URGENCY_POLICIES = [
    ("hotline", "emergency", "handle", "hours", 2, "紧急诉求2小时内办理（UNVERIFIED，rules.md §2；国办发〔2020〕53号）"),
    ("hotline", "urgent", "handle", "hours", 24, "加急工单24小时内最终答复（UNVERIFIED，rules.md §2）"),
    ("hotline", "complex", "handle", "calendar", 15, "疑难复杂诉求15日（UNVERIFIED，rules.md §2）"),
]


def seed(apps, schema_editor):
    from sixia.cases.defaults import MESSAGE_TEMPLATES

    DeadlinePolicy = apps.get_model("cases", "DeadlinePolicy")
    MessageTemplate = apps.get_model("cases", "MessageTemplate")
    for track, kind_key, step, kind, amount, note in URGENCY_POLICIES:
        DeadlinePolicy.objects.get_or_create(region_prefix="", track=track, kind_key=kind_key, category_code="",
                                             step=step, defaults={"kind": kind, "amount": amount, "note": note})
    for kind, (text, _source) in MESSAGE_TEMPLATES.items():
        MessageTemplate.objects.get_or_create(kind=kind, region_prefix="", defaults={"text": text})


def unseed(apps, schema_editor):
    DeadlinePolicy = apps.get_model("cases", "DeadlinePolicy")
    for track, kind_key, step, _kind, _amount, _note in URGENCY_POLICIES:
        DeadlinePolicy.objects.filter(region_prefix="", track=track, kind_key=kind_key, category_code="",
                                      step=step).delete()
    apps.get_model("cases", "MessageTemplate").objects.filter(region_prefix="").delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_statutory_rules")]
    operations = [migrations.RunPython(seed, unseed)]
