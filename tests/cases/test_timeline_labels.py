"""The events sixia.insight writes read in Chinese on the case page, in the timeline API and in the 一案一档
export; the classifier's entry says what was suggested, what was chosen and whether the suggestion stood."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sixia.cases.models import Case
from sixia.insight import classify, repeats
from sixia.reports.casefile import export_case_file

pytestmark = pytest.mark.django_db

SUGGESTED = classify.Suggestions(
    model_version="20260101T000000", auto_dispatch=False,
    category=[{"code": "urban.housing", "name": "住房保障与物业", "probability": 0.9312},
              {"code": "education.school", "name": "学校教育", "probability": 0.0411}],
    unit=[{"id": 1, "name": "霞浦县住建局", "probability": 0.88}])


def timeline_item(body: str, action: str) -> str:
    found = re.search(rf'<li data-action="{action}">(.*?)</li>', body, re.S)
    assert found, f"no {action} entry on the page"
    return found.group(1)


def what(item: str) -> str:
    return re.sub(r"<[^>]+>", "", re.search(r'<div class="what">(.*?)</div>', item, re.S).group(1)).strip()


def page(client, case) -> str:
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def merged(new_case, owner):
    main = new_case()
    repeat = new_case(title="电梯又停运了", channel="online")
    repeats.mark_repeated(actor=owner, case=repeat, into=main, reason="同一事项重复反映", similarity=0.92)
    return Case.objects.get(pk=main.pk), Case.objects.get(pk=repeat.pk)


def test_a_marked_repeated_case_shows_the_chinese_label(client, owner, merged):
    main, repeat = merged
    client.force_login(owner)
    item = timeline_item(page(client, repeat), "mark_repeated")
    assert what(item).startswith("标记为重复件")
    assert "mark_repeated" not in re.sub(r"<[^>]+>", "", item)  # the raw code is not shown
    assert main.tracking_no in item and "92%" in item and "同一事项重复反映" in item
    item = timeline_item(page(client, main), "merged_in")
    assert what(item).startswith("重复件并入") and repeat.tracking_no in item


def test_the_timeline_api_and_the_case_file_export_use_the_same_labels(api, token_for, owner, merged):
    main, repeat = merged
    rows = api.get(f"/cases/{repeat.pk}/timeline", headers=token_for(owner)).json()
    assert {r["action"]: r["action_label"] for r in rows}["mark_repeated"] == "标记为重复件"
    rows = api.get(f"/cases/{main.pk}/timeline", headers=token_for(owner)).json()
    assert {r["action"]: r["action_label"] for r in rows}["merged_in"] == "重复件并入"
    out = io.BytesIO()
    export_case_file(actor=owner, case_id=repeat.pk, out=out)
    cells = {c for row in load_workbook(io.BytesIO(out.getvalue()))["办理过程"].iter_rows(values_only=True)
             for c in row}
    assert {"登记", "并单", "标记为重复件"} <= cells and "mark_repeated" not in cells


def test_the_over_level_flag_reads_in_chinese(client, owner, new_case):
    from sixia.cases.services.intake import record_event

    case = new_case()
    record_event(case=case, actor=owner, action="flag_over_level", from_state=case.state, to_state=case.state,
                 at=case.registered_at, data={"over_level": True, "receiver": "宁德市信访局"})
    client.force_login(owner)
    item = timeline_item(page(client, case), "flag_over_level")
    assert what(item) == "越级标记" and "越级" in item and "是" in item and "宁德市信访局" in item


def test_an_overridden_suggestion_says_what_was_suggested_and_chosen(client, owner, new_case):
    case = new_case(category="")
    classify.record_suggestion(case=case, actor=owner, suggestions=SUGGESTED, prefilled=False)
    case = classify.record_choice(actor=owner, case=Case.objects.get(pk=case.pk), category="education.school",
                                  reason="反映的是学校周边问题")
    client.force_login(owner)
    body = page(client, case)
    intake, choice = re.findall(r'<li data-action="classify">(.*?)</li>', body, re.S)
    assert what(intake) == "智能分类 待人工确认（未达自动预填阈值）"
    assert "住房保障与物业（93%）、学校教育（4%）" in intake and "霞浦县住建局（88%）" in intake
    assert what(choice) == "智能分类 改选（未采纳建议）"
    assert "<dt>选定分类</dt><dd>学校教育</dd>" in choice and "反映的是学校周边问题" in choice
    assert "classify" not in re.sub(r"<[^>]+>", "", choice)


def test_an_accepted_suggestion_says_so_and_names_the_replaced_category(client, owner, new_case):
    case = new_case(category="education.school")
    classify.record_suggestion(case=case, actor=owner, suggestions=SUGGESTED, prefilled=False)
    case = classify.record_choice(actor=owner, case=Case.objects.get(pk=case.pk), category="urban.housing")
    client.force_login(owner)
    intake, choice = re.findall(r'<li data-action="classify">(.*?)</li>', page(client, case), re.S)
    assert what(intake) == "智能分类 登记分类与建议不同" and "<dt>登记分类</dt><dd>学校教育</dd>" in intake
    assert what(choice) == "智能分类 采纳建议"
    assert "<dt>选定分类</dt><dd>住房保障与物业</dd>" in choice and "<dt>原分类</dt><dd>学校教育</dd>" in choice


def test_a_prefilled_category_is_shown_as_waiting_for_confirmation(client, owner, new_case):
    case = new_case(category="urban.housing")
    classify.record_suggestion(case=case, actor=owner, suggestions=SUGGESTED, prefilled=True)
    client.force_login(owner)
    item = timeline_item(page(client, case), "classify")
    assert "已按建议自动预填分类，待人工确认" in what(item) and "<dt>预填分类</dt><dd>住房保障与物业</dd>" in item
