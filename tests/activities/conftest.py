"""Fixtures of the activity tests: a county leader linked to a township, a township leader, API headers."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import TOWNSHIP


@pytest.fixture
def county_leader(units):
    from sixia.org.models import Linkage, Rank
    from sixia.org.services import create_official

    leader = create_official(actor=None, name="陈建华", unit=units["county_gov"], rank=Rank.COUNTY, title="县长",
                             is_leader=True)
    Linkage.objects.create(official=leader, kind=Linkage.Kind.TOWNSHIP, region_id=TOWNSHIP, target_name="长春镇",
                           starts_on=date(2026, 1, 1))
    return leader


@pytest.fixture
def township_leader(units):
    from sixia.org.models import Rank
    from sixia.org.services import create_official

    return create_official(actor=None, name="林海燕", unit=units["township"], rank=Rank.TOWNSHIP, title="镇长",
                           is_leader=True)


@pytest.fixture
def headers(owner, token_for):
    return token_for(owner)
