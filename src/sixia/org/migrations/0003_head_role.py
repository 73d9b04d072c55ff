"""Two roles of the 信访工作条例: ``head`` (机关负责人, approves extensions, art. 34) and ``discipline``
(纪检监察, the organ that handles 检举控告, art. 30 ¶3 and 46)."""

from django.db import migrations

ROLES = ["head", "discipline"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [("org", "0002_roles")]
    operations = [migrations.RunPython(create_roles, remove_roles)]
