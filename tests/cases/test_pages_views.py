"""The case pages through Django's test client: intake, queue, inbox, the case page, its actions and
attachments — each with the owner (county desk), a colleague (housing-bureau handler) and an outsider."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sixia.cases.models import Case

pytestmark = pytest.mark.django_db


def intake_data(**overrides) -> dict:
    data = {"channel": "visit", "demand_type": "", "petition_class": "appeal", "title": "村道路灯损坏",
            "content": "村口路灯坏了两个月。", "region_code": "350921101", "category": "transport.roads",
            "respondent": "", "occurred_at": "",
            "p-TOTAL_FORMS": "1", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "1", "p-MAX_NUM_FORMS": "50",
            "p-0-name": "王五", "p-0-id_number": "", "p-0-phone": "13900002222", "p-0-role": "petitioner"}
    return data | overrides


def test_it_shows_the_intake_form_to_the_desk_only(client, owner, colleague):
    client.force_login(owner)
    r = client.get(reverse("cases:intake"))
    assert r.status_code == 200
    body = r.content.decode()
    assert "登记受理" in body and "长春镇" in body  # townships of the county to choose from
    assert "古田县" not in body
    client.force_login(colleague)
    assert client.get(reverse("cases:intake")).status_code == 403


def test_it_creates_a_case_and_redirects_to_its_page(client, owner):
    client.force_login(owner)
    r = client.post(reverse("cases:intake"), intake_data(**{
        "p-TOTAL_FORMS": "2", "p-1-name": "赵六", "p-1-phone": "13900003333", "p-1-role": "co_signer"}))
    case = Case.objects.get(title="村道路灯损坏")
    assert r.status_code == 302 and r.url == reverse("cases:detail", args=[case.pk])
    assert case.state == "registered" and case.region_id == "350921101"
    assert sorted(case.petitioners.values_list("person__name", flat=True)) == ["王五", "赵六"]


def test_it_keeps_the_input_and_shows_chinese_errors(client, owner):
    client.force_login(owner)
    r = client.post(reverse("cases:intake"), intake_data(title="", **{"p-0-name": "", "p-0-phone": ""}))
    assert r.status_code == 422
    body = r.content.decode()
    assert "请填写标题" in body and "至少填写一名诉求人" in body
    assert "村口路灯坏了两个月。" in body  # the content typed is still there
    assert not Case.objects.exists()


def test_it_refuses_a_region_outside_the_jurisdiction(client, owner):
    client.force_login(owner)
    r = client.post(reverse("cases:intake"), intake_data(region_code="350922100"))
    assert r.status_code == 422 and "选项无效" in r.content.decode()
    assert not Case.objects.exists()


def test_it_checks_id_numbers_and_phones_of_each_petitioner(client, owner, id_number):
    client.force_login(owner)
    wrong = id_number[:17] + ("0" if id_number[17] != "0" else "1")
    r = client.post(reverse("cases:intake"), intake_data(**{"p-0-id_number": wrong, "p-0-phone": "12345"}))
    assert r.status_code == 422
    body = r.content.decode()
    assert "身份证号码校验位错误" in body and "电话号码格式不正确" in body
    assert wrong in body  # kept for correction
    assert not Case.objects.exists()


def test_the_lookup_shows_the_same_persons_open_cases(client, owner, outsider, new_case, id_number):
    case = new_case()
    client.force_login(owner)
    data = client.get(reverse("cases:person_cases"), {"id_number": id_number}).json()
    assert [p["name"] for p in data["persons"]] == ["郑四"]
    assert data["persons"][0]["open_cases"][0]["tracking_no"] == case.tracking_no
    assert id_number not in str(data)  # masked only
    by_name = client.get(reverse("cases:person_cases"), {"name": "郑四"}).json()
    assert by_name["persons"][0]["open_cases"][0]["id"] == case.pk
    client.force_login(outsider)
    assert client.get(reverse("cases:person_cases"), {"id_number": id_number}).json() == {"persons": []}


# ---- work queue and inbox ----

def test_the_queue_shows_visible_cases_with_their_colour(client, owner, outsider, new_case):
    case = new_case()
    client.force_login(owner)
    r = client.get(reverse("cases:queue"))
    assert r.status_code == 200
    body = r.content.decode()
    assert case.tracking_no in body and 'data-testid="tab-normal"' in body
    client.force_login(outsider)
    assert case.tracking_no not in client.get(reverse("cases:queue")).content.decode()


def test_the_queue_filters(client, owner, new_case, act, units):
    overdue = new_case(title="积水严重", category="urban.utilities")
    Case.objects.filter(pk=overdue.pk).update(warning="overdue")
    other = new_case(title="噪声扰民", region_code="350921102", category="urban.management")
    act(owner, other, "reject", reason="不属于信访事项")
    client.force_login(owner)
    url = reverse("cases:queue")

    def titles(**params) -> set[str]:
        page = client.get(url, params).context["page"]
        return {c.title for c in page.rows}

    assert titles() == {"积水严重"}  # open cases by default: the rejected one is done
    assert titles(state="all") == {"积水严重", "噪声扰民"}
    assert titles(state="rejected") == {"噪声扰民"}
    assert titles(warning="overdue") == {"积水严重"}
    assert titles(warning="urgent") == set()
    assert titles(state="all", region="350921102") == {"噪声扰民"}
    assert titles(state="all", category="urban.utilities") == {"积水严重"}
    assert titles(state="all", q="噪声") == {"噪声扰民"}
    assert titles(state="all", q=other.tracking_no) == {"噪声扰民"}
    assert titles(state="all", date_from="2000-01-01", date_to="2000-12-31") == set()
    assert titles(state="all", unit=units["housing"].pk) == set()
    assert titles(state="all", region="not-a-region") == {"积水严重", "噪声扰民"}  # a bad filter is ignored
    counts = {t["code"]: t["count"] for t in client.get(url).context["tabs"]}
    assert counts["overdue"] == 1 and counts["normal"] == 0


def test_the_queue_pages(client, owner, new_case):
    for i in range(32):
        new_case(title=f"诉求{i:02d}", petitioners=[{"name": f"甲{i}", "role": "petitioner"}])
    client.force_login(owner)
    first = client.get(reverse("cases:queue"), {"sort": "new"})
    second = client.get(reverse("cases:queue"), {"sort": "new", "cursor": first.context["page"].next_cursor})
    assert len(first.context["page"].rows) == 30 and len(second.context["page"].rows) == 2
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' not in first.content.decode()
    assert 'rel="prev"' in second.content.decode() and 'rel="next"' not in second.content.decode()


def test_the_inbox_shows_the_units_cases_to_sign_for(client, owner, colleague, new_case, act, units, catalogue):
    case = new_case()
    act(owner, case, "accept")
    act(owner, case, "assign", unit_id=units["housing"].pk)
    client.force_login(colleague)
    r = client.get(reverse("cases:inbox"))
    assert r.status_code == 200
    groups = {g["code"]: g for g in r.context["groups"]}
    assert [c.pk for c in groups["sign"]["cases"]] == [case.pk]
    assert groups["handling"]["count"] == 0
    assert "新交办诉求" in r.content.decode()  # the unit's notification
    client.force_login(owner)
    groups = {g["code"]: g for g in client.get(reverse("cases:inbox")).context["groups"]}
    assert "sign" not in groups and groups["accept"]["count"] == 0
