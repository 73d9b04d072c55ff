import json

import pytest
from django.core.management import call_command

from sixia.geo.models import Region, ancestor_codes, level_of_code


def test_ancestors_come_from_the_code():
    assert ancestor_codes("350921101201") == ["35", "3509", "350921", "350921101"]
    assert level_of_code("350921") == 3


@pytest.mark.django_db
def test_the_session_tree_is_connected():
    village = Region.objects.filter(code__startswith="350921101", level=5).first()
    assert [r.code for r in village.ancestors()] == ["35", "3509", "350921", "350921101"]
    assert village.full_name().startswith("福建省宁德市霞浦县长春镇")
    assert Region.objects.get(code="350921").descendants().filter(level=4).count() == 15


@pytest.mark.django_db
def test_load_regions_is_idempotent_and_prints_counts(capsys):
    call_command("load_regions", levels="province,city,county", no_progress=True)
    first = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    call_command("load_regions", levels="province,city,county", no_progress=True)
    second = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert first == second == {"province": 31, "city": 342, "county": 2978}


@pytest.mark.django_db
def test_load_regions_refuses_unknown_levels():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="区划级别无效"):
        call_command("load_regions", levels="galaxy", no_progress=True)


def test_region_api_is_scoped(api, township_user, outsider, token_for):
    assert api.get("/regions/350921101", headers=token_for(township_user)).status_code == 200
    assert api.get("/regions/350921102", headers=token_for(township_user)).status_code == 404
    children = api.get("/regions/350921/children", headers=token_for(outsider))
    assert children.status_code == 404
    own = api.get("/regions/350922/children", headers=token_for(outsider)).json()
    assert own and all(r["code"].startswith("350922") for r in own)
