"""A refused activity form keeps everything typed: the chosen officials and every problem row (issue 12)."""

from __future__ import annotations

from tests.conftest import PASSWORD


def test_a_refused_onsite_form_keeps_officials_and_problem_rows(client, owner, county_leader, township_leader, units):
    from sixia.activities.models import Activity

    assert client.login(username=owner.username, password=PASSWORD)
    answer = client.post("/activities/new/onsite/", {
        "title": "现场办公", "region_code": "350921101", "start_day": "2026-05-20",
        "official_ids": [str(county_leader.pk), str(township_leader.pk)],
        "p0-description": "排污管网未接通", "p0-outcome": "case", "p0-unit_id": str(units["housing"].pk),
        "p0-due_date": "2026-06-30",
        "p1-description": "照明不足", "p1-outcome": "solved", "p1-action_taken": ""})  # refused: solved needs a note
    assert answer.status_code == 422 and not Activity.objects.exists()
    page = answer.content.decode()
    assert f'<option value="{county_leader.pk}" selected>' in page
    assert f'<option value="{township_leader.pk}" selected>' in page
    assert 'name="p0-description" value="排污管网未接通"' in page and 'name="p1-description" value="照明不足"' in page
    assert f'<option value="{units["housing"].pk}" selected>' in page
    assert 'name="p0-due_date" value="2026-06-30"' in page
    assert '<option value="solved" selected>' in page
