"""A citizen's booking has no account: its audit entry carries the client address and the reception day's
region, so that the county auditor sees it."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from sixia.core.models import AuditEntry
from tests.conftest import TOWNSHIP


def test_a_public_booking_is_audited_with_address_and_region(client, owner, auditor, county_leader):
    from sixia.activities import services
    from sixia.activities.models import Activity, Kind

    day = services.record_activity(
        actor=owner, kind=Kind.RECEPTION, title="领导接待日", region_code=TOWNSHIP,
        start_day=timezone.localdate() + timedelta(days=1), official_ids=[county_leader.pk],
        status=Activity.Status.PLANNED, is_published=True, place="镇便民服务中心").activity
    r = client.post(f"/api/v1/activities/public/reception-days/{day.pk}/appointments", json.dumps(
        {"slot": "09:00", "name": "郑一", "phone": "13900001111", "matter": "反映宅基地纠纷"}),
        content_type="application/json", REMOTE_ADDR="203.0.113.7")
    assert r.status_code == 202, r.content  # the same answer whatever the phone holds (issue 15 item 5)
    entry = AuditEntry.objects.get(object_type="activities.appointment", action="create")
    assert (entry.actor_id, entry.actor_name, entry.ip, entry.region_code) == (None, "public", "203.0.113.7", TOWNSHIP)
    from sixia.core.selectors import audit_for

    assert audit_for(auditor).filter(pk=entry.pk).exists()  # the county's auditor sees the anonymous entry
