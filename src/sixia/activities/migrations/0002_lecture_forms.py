"""Seed the lecture forms (宣讲形式) named in the seeds; editable in the admin afterwards."""

from django.db import migrations

FORMS = [
    ("bench", "村头板凳会"), ("forum", "群众大讲坛"), ("courtyard", "院坝会"), ("field", "田间课堂"),
    ("cavalry", "宣讲轻骑兵"), ("party_class", "专题党课"), ("door", "入户宣讲"), ("bus", "流动课堂"),
    ("opera", "文艺宣讲"), ("online", "线上宣讲"),
]


def seed(apps, schema_editor):
    LectureForm = apps.get_model("activities", "LectureForm")
    for i, (code, name) in enumerate(FORMS):
        LectureForm.objects.get_or_create(code=code, defaults={"name": name, "sort": i * 10})


def unseed(apps, schema_editor):
    apps.get_model("activities", "LectureForm").objects.filter(code__in=[c for c, _ in FORMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
