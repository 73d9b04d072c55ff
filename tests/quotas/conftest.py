"""Quotas fixtures: a county leader linked to 长春镇, a township cadre, and a fake activity source.

Until the activities app records real activities, ``activities`` replaces
``sixia.activities.selectors.participations`` with a list the test fills (the contract's shape).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import COUNTY, OTHER_TOWNSHIP, TOWNSHIP

VILLAGE = TOWNSHIP + "201"  # a village of 长春镇 (code shape; need not exist as a Region row)


@pytest.fixture
def leader(make_user, units):
    """县处级 leader of the county government, with a login and a linkage to 长春镇."""
    from sixia.org.models import Linkage, Rank
    from sixia.org.services import create_official

    official = create_official(actor=None, name="林副县长", unit=units["county_gov"], rank=Rank.COUNTY,
                               title="副县长", is_leader=True, phone="13800000001")
    user = make_user("leader", ["leader"], COUNTY, units["county_gov"])
    official.user = user
    official.save(update_fields=["user"])
    Linkage.objects.create(official=official, kind=Linkage.Kind.TOWNSHIP, region_id=TOWNSHIP,
                           starts_on=date(2025, 1, 1))
    return official


@pytest.fixture
def cadre(units):
    """乡科级 cadre of 牙城镇 without a login."""
    from sixia.org.models import Rank
    from sixia.org.services import create_official

    return create_official(actor=None, name="陈镇长", unit=units["other_township"], rank=Rank.TOWNSHIP,
                           title="镇长", is_leader=True)


@pytest.fixture
def activities(monkeypatch):
    """A list of Participation rows served by the activities selector (filtered like the real one)."""
    from sixia.activities import selectors

    rows: list = []

    def participations(official_ids, start, end):
        ids = None if official_ids is None else set(official_ids)
        return [p for p in rows if (ids is None or p.official_id in ids) and start <= p.day <= end]

    monkeypatch.setattr(selectors, "participations", participations)

    class Recorder:
        items = rows

        def add(self, official, kind, day, days=1.0, region=VILLAGE, fntd=False):
            activity_id = len(rows) + 1
            rows.append(selectors.Participation(official.pk, kind, day, days, region, activity_id, fntd))
            return activity_id

    return Recorder()


__all__ = ["OTHER_TOWNSHIP", "VILLAGE"]
