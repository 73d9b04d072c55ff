"""Create the group of the 组织部 role (organization_dept): it sets the quota rules of its region."""

from django.db import migrations

ROLE = "organization_dept"


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=ROLE)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [("org", "0004_org_admin")]
    operations = [migrations.RunPython(create_role, remove_role)]
