"""Every ModelAdmin: superusers only, and no dropdown built from every region, unit, official, user or case."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from sixia.org.models import User
from tests.conftest import PASSWORD

# Tables too big for a <select> of every row (665,276 regions; units, officials, users, cases by the thousand).
BIG = {"geo.region", "org.unit", "org.official", "org.user", "cases.case"}


def _big_relations(model_admin, model):
    """Editable ForeignKey/ManyToMany fields of ``model`` pointing at a big table and shown as a dropdown."""
    safe = set(model_admin.raw_id_fields) | set(model_admin.autocomplete_fields) | set(model_admin.readonly_fields)
    for field in model._meta.get_fields():
        if not (field.many_to_one or field.many_to_many) or field.auto_created or not field.editable:
            continue
        if field.many_to_many and not field.remote_field.through._meta.auto_created:
            continue  # a M2M through a model of its own is not a form field
        if field.related_model._meta.label_lower in BIG and field.name not in safe:
            yield field.name


def test_no_model_admin_builds_a_dropdown_of_a_big_table():
    offenders = []
    for model, model_admin in admin.site._registry.items():
        offenders += [f"{model._meta.label}.{name}" for name in _big_relations(model_admin, model)]
        for inline in model_admin.inlines:
            offenders += [f"{inline.model._meta.label}.{name} (inline)"
                          for name in _big_relations(inline(model, admin.site), inline.model)]
    assert offenders == [], "set raw_id_fields (or autocomplete_fields) for: " + ", ".join(offenders)


def test_every_project_model_admin_derives_from_the_superuser_only_base():
    from sixia.core.admin import SuperuserOnly

    loose = [m._meta.label for m, ma in admin.site._registry.items() if not isinstance(ma, SuperuserOnly)]
    assert loose == []


@pytest.fixture
def staff(owner):
    from django.contrib.auth.models import Permission

    User.objects.filter(pk=owner.pk).update(is_staff=True)
    owner.user_permissions.set(Permission.objects.all())  # even with every model permission
    return owner


def test_a_staff_user_that_is_not_superuser_gets_no_admin_page(client, staff):
    client.login(username="owner", password=PASSWORD)
    index = client.get("/django-admin/")
    assert index.status_code == 200 and not index.context["app_list"]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert client.get(reverse(f"{name}_changelist")).status_code == 403, name
        assert client.get(reverse(f"{name}_add")).status_code == 403, name


@pytest.mark.parametrize("path", ["activities/activity", "activities/receptionschedule", "cases/dispatchrule",
                                  "activities/researchtopic", "activities/measure"])
def test_a_superuser_opens_the_add_forms_without_a_big_dropdown(client, make_user, units, path):
    root = make_user("root", ["admin"], "350921", is_superuser=True)
    User.objects.filter(pk=root.pk).update(is_staff=True)
    client.force_login(root)
    r = client.get(f"/django-admin/{path}/add/")
    assert r.status_code == 200
    assert 'class="vForeignKeyRawIdAdminField"' in r.content.decode()


def test_an_admin_save_is_audited(client, make_user, units):
    from sixia.core.models import AuditEntry

    root = make_user("root", ["admin"], "350921", is_superuser=True)
    User.objects.filter(pk=root.pk).update(is_staff=True)
    client.force_login(root)
    r = client.post("/django-admin/activities/lectureform/add/", {"code": "x9", "name": "测试", "sort": 1,
                                                                   "is_active": "on"})
    assert r.status_code == 302
    assert AuditEntry.objects.filter(object_type="activities.lectureform",
                                     changes__via="django-admin").exists()

