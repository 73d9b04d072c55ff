"""The Django admin of the organisation: superusers only, regions as raw ids (never a list of every region)."""

from __future__ import annotations

import re

import pytest

from sixia.org.models import User
from tests.conftest import PASSWORD


@pytest.fixture
def superuser(make_user):
    return make_user("root", ["admin"], "350921", is_superuser=True)


@pytest.mark.parametrize("model", ["unit", "official", "linkage", "user"])
def test_a_superuser_opens_the_add_form_without_a_region_dropdown(client, superuser, model):
    client.force_login(superuser)
    r = client.get(f"/django-admin/org/{model}/add/")
    assert r.status_code == 200
    html = r.content.decode()
    for name in ("region", "jurisdiction"):
        assert not re.search(rf'<select[^>]+name="{name}"', html)
    assert 'class="vForeignKeyRawIdAdminField"' in html or model == "official"


def test_a_unit_change_page_and_list(client, superuser, units):
    client.force_login(superuser)
    assert client.get("/django-admin/org/unit/").status_code == 200
    r = client.get(f"/django-admin/org/unit/{units['housing'].pk}/change/")
    assert r.status_code == 200 and 'name="region"' in r.content.decode()


def test_staff_that_is_not_superuser_cannot_use_it(client, owner):
    User.objects.filter(pk=owner.pk).update(is_staff=True)
    client.login(username="owner", password=PASSWORD)
    assert client.get("/django-admin/org/unit/").status_code == 403
    assert client.get("/django-admin/org/user/").status_code == 403
