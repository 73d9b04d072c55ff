"""Importing cases from an Excel ledger: column mapping, every row validated, row-level errors in Chinese,
nothing half-imported; an imported case is the case ``create_case`` would have made."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from sixia.cases.models import Case, CaseEvent
from sixia.core.models import AuditEntry
from sixia.people.models import Person
from tests.cases.conftest import at
from tests.conftest import PASSWORD

HEAD = ["序号", "信访人", "身份证号码", "联系方式", "事项标题", "反映内容", "信访形式", "信访类别", "属地", "分类",
        "来访时间", "状态"]


def xlsx(rows: list[list], head: list[str] = HEAD, title: str | None = "2025年信访台账") -> bytes:
    wb = Workbook()
    ws: Any = wb.active
    if title:
        ws.append([title])
        ws.append(["填报单位：霞浦县信访局"])
    ws.append(head)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(data: bytes, name: str = "台账.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@pytest.fixture
def good_rows(id_number):
    return [
        [1, "郑四", id_number, "13900001111", "小区电梯长期停运", "电梯停运三个月无人维修。", "来访", "申诉求决", "长春镇",
         "住房保障与物业", "2025年3月1日", "已登记"],
        [2, "王五；赵六", "", "13800002222；", "路灯不亮", "夜间出行不便", "书信", "建议意见类", "350921102",
         "urban.utilities", datetime(2025, 3, 2, 9, 30), "已办结"],
    ]


def test_the_page_maps_columns_validates_and_imports_everything(client, owner, good_rows, id_number):
    client.login(username="owner", password=PASSWORD)
    response = client.post("/reports/import/", {"file": upload(xlsx(good_rows))})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "表头在第 3 行" in page and "B 信访人" in page
    # the suggested mapping is preselected: 事项标题 → 标题, 属地 → 问题属地
    assert '<option value="4" selected>E 事项标题</option>' in page and '<option value="8" selected>I 属地</option>' in page
    form = {"map_title": 4, "map_content": 5, "map_channel": 6, "map_petition_class": 7, "map_region": 8,
            "map_category": 9, "map_names": 1, "map_id_numbers": 2, "map_phones": 3, "map_registered_at": 10,
            "map_state": 11}
    page = client.post(response["Location"], form).content.decode()
    assert 'data-testid="created">2<' in page
    first, second = Case.objects.order_by("pk")
    assert (first.title, first.channel, first.petition_class, first.region_id, first.category.code) == (
        "小区电梯长期停运", "visit", "appeal", "350921101", "urban.housing")
    assert first.registered_at == at(2025, 3, 1) and first.state == "registered" and first.accept_due is not None
    assert first.petitioners.get().person.id_number_index == Person.objects.get(name="郑四").id_number_index
    assert second.state == "closed" and second.closed_at is not None and second.due_at is None
    assert list(second.petitioners.values_list("person__name", flat=True).order_by("person__name")) == ["王五", "赵六"]
    assert Person.objects.get(name="王五").phone_masked == "138****2222"
    assert list(first.events.values_list("action", flat=True)) == ["register", "import"]
    assert list(second.events.values_list("to_state", flat=True)) == ["registered", "closed"]
    assert AuditEntry.objects.filter(action="import", success=True).exists()
    # the same file cannot be imported twice
    assert "已经导入" in client.post(response["Location"], form).content.decode()


def test_any_bad_row_imports_nothing_and_every_error_is_reported(client, owner, good_rows, read_xlsx):
    bad = [
        ["3", "李四", "350921********1234", "", "标题", "内容", "来访", "", "长春镇", "", "", ""],  # masked ID
        ["4", "", "", "13900001111", "", "内容", "飞鸽传书", "", "古田县", "", "2099-01-01", ""],  # 4 errors+
        ["5", "张三", "", "", "标题", "内容", "来访", "申诉求决", "不存在镇", "不存在分类", "昨天", "办理中"],
    ]
    client.login(username="owner", password=PASSWORD)
    location = client.post("/reports/import/", {"file": upload(xlsx(good_rows + bad))})["Location"]
    cases, persons = Case.objects.count(), Person.objects.count()
    response = client.post(location, {"map_title": 4, "map_content": 5, "map_channel": 6, "map_petition_class": 7,
                                      "map_region": 8, "map_category": 9, "map_names": 1, "map_id_numbers": 2,
                                      "map_phones": 3, "map_registered_at": 10, "map_state": 11})
    assert response.status_code == 422
    assert Case.objects.count() == cases and Person.objects.count() == persons  # nothing half-imported
    page = response.content.decode()
    assert "未导入任何一行" in page
    batch_id = int(location.rstrip("/").rsplit("/", 1)[1])
    report = read_xlsx(client.get(f"/reports/import/{batch_id}/errors/"))["错误报告"]
    errors = [r for r in report.iter_rows(min_row=4, values_only=True)]
    by_row: dict[int, list[tuple[str, str]]] = {}
    for row, column, message in errors:
        by_row.setdefault(row, []).append((column, message))
    assert set(by_row) == {6, 7, 8}  # Excel rows: title, unit line, header, two good rows, then the bad ones
    assert any(c == "C 身份证号码" and "已脱敏" in m for c, m in by_row[6])
    messages7 = " ".join(m for _, m in by_row[7])
    assert "标题不能为空" in messages7 and "来源渠道无效：飞鸽传书" in messages7
    assert "诉求人姓名" in messages7 and "晚于当前时间" in messages7
    assert "古田县" in messages7  # another county's region is outside the jurisdiction
    messages8 = " ".join(m for _, m in by_row[8])
    assert "不存在镇" in messages8 and "问题分类不存在" in messages8 and "无法识别：昨天" in messages8
    assert "不支持“办理中”" in messages8
    assert AuditEntry.objects.filter(action="import", success=False).exists()


def test_mapping_must_name_the_required_fields(client, owner, good_rows):
    client.login(username="owner", password=PASSWORD)
    location = client.post("/reports/import/", {"file": upload(xlsx(good_rows))})["Location"]
    response = client.post(location, {"map_title": 4})
    assert response.status_code == 400 and "请为必填字段选择源列" in response.content.decode()
    assert Case.objects.count() == 0


def test_only_the_desk_may_import_and_only_xlsx(client, owner, colleague, good_rows):
    client.login(username="colleague", password=PASSWORD)
    response = client.post("/reports/import/", {"file": upload(xlsx(good_rows))})
    assert response.status_code == 403 and "您无权导入台账" in response.content.decode()
    client.login(username="owner", password=PASSWORD)
    response = client.post("/reports/import/", {"file": upload(b"not a workbook", "a.xlsx")})
    assert "无法读取文件" in response.content.decode()
    response = client.post("/reports/import/", {"file": upload(b"a,b", "a.csv")})
    assert ".xlsx" in response.content.decode()


def test_an_imported_case_is_the_case_create_case_makes(owner, case_payload, id_number):
    from sixia.cases.services import create_case
    from sixia.cases.services.tracking import is_valid
    from sixia.core import sheet_reader
    from sixia.reports import importer

    when = at(2026, 3, 2, 9, 0)
    made = create_case(actor=owner, now=when, **case_payload)
    data = xlsx([["1", "郑四", id_number, "13900001111", case_payload["title"], case_payload["content"], "走访",
                  "申诉求决类", "350921101", "urban.housing", when.replace(tzinfo=None), ""]])
    sheet = sheet_reader.read(io.BytesIO(data))
    result = importer.run_import(actor=owner, sheet=sheet, mapping=sheet_reader.suggest_mapping(sheet.headers),
                                 now=when + timedelta(hours=1))
    assert result.errors == [] and result.created == 1
    imported = Case.objects.exclude(pk=made.pk).get()
    fields = ["track", "channel", "petition_class", "demand_type", "category_id", "title", "content", "region_id",
              "registered_at", "state", "step", "step_started_at", "accept_due", "due_at", "approaching_at",
              "urgent_at", "warning", "is_collective", "first_receiver_id", "created_by_id", "version"]
    assert {f: getattr(imported, f) for f in fields} == {f: getattr(made, f) for f in fields}
    assert is_valid(imported.tracking_no) and imported.tracking_no != made.tracking_no
    assert imported.tracking_no.rsplit("-", 2)[1] == "0002"  # the day's sequence continues
    assert list(imported.petitioners.values_list("person_id", flat=True)) == list(
        made.petitioners.values_list("person_id", flat=True))  # the same person, found by the blind index
    register = CaseEvent.objects.get(case=imported, action="register")
    assert (register.at, register.actor, register.to_state, register.public) == (when, owner, "registered", True)


def test_the_api_imports_or_reports_every_error(api, client, owner, outsider, token_for, good_rows):
    headers = token_for(owner)
    response = client.post("/api/v1/reports/imports", {"file": upload(xlsx(good_rows))}, headers=headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["rows"], body["created"]) == ("done", 2, 2)
    assert api.get(f"/reports/imports/{body['id']}", headers=token_for(outsider)).status_code == 404
    bad = [*good_rows, ["3", "某", "", "", "", "内容", "来访", "", "长春镇", "", "", ""]]
    response = client.post("/api/v1/reports/imports", {"file": upload(xlsx(bad)),
                                                       "mapping": json.dumps({"title": 4, "content": 5, "channel": 6,
                                                                              "region": 8})}, headers=headers)
    assert response.status_code == 422
    assert response.json()["errors"] == [{"row": 6, "column": "E 事项标题", "message": "标题不能为空"}]
    assert Case.objects.count() == 2
    report = load_workbook(io.BytesIO(b"".join(
        api.get(f"/reports/imports/{response.json()['id']}/errors.xlsx", headers=headers).streaming_content)))
    assert report.active["C4"].value == "标题不能为空"


def test_one_person_named_twice_in_a_row_is_one_petitioner(owner, new_case, id_number):
    from sixia.core import sheet_reader
    from sixia.reports import importer

    existing = new_case().petitioners.get().person  # 郑四 with ID number and phone 13900001111
    data = xlsx([["1", "郑四；郑四", f"{id_number}；", "；13900001111", "标题", "内容", "走访", "", "350921101", "", "", ""]])
    sheet = sheet_reader.read(io.BytesIO(data))
    result = importer.run_import(actor=owner, sheet=sheet, mapping=sheet_reader.suggest_mapping(sheet.headers))
    assert result.errors == []
    imported = Case.objects.get(title="标题")
    assert list(imported.petitioners.values_list("person_id", flat=True)) == [existing.pk]


def test_the_ledger_import_runs_the_after_register_hook_and_flags_over_level(regions, make_user, id_number):
    """越级 was a signal on the register event, which bulk inserts never sent: the import now calls
    ``intake.after_register`` for its whole batch, as ``create_case`` does for one case."""
    from sixia.core import sheet_reader
    from sixia.org.models import Unit
    from sixia.org.services import create_unit
    from sixia.reports import importer

    city = create_unit(actor=None, name="宁德市信访局", kind=Unit.Kind.PETITION_OFFICE, region_code="3509")
    city_desk = make_user("city", ["admin", "dispatcher"], "3509", city)
    when = at(2026, 3, 2, 9, 0)
    data = xlsx([["1", "郑四", id_number, "13900001111", "排水沟堵塞", "村口排水沟堵塞。", "走访", "申诉求决类",
                  "350921101", "", when.replace(tzinfo=None), ""],
                 ["2", "王五", "", "13800002222", "路灯不亮", "夜间出行不便。", "走访", "申诉求决类",
                  "350921102", "", when.replace(tzinfo=None), ""]])
    sheet = sheet_reader.read(io.BytesIO(data))
    result = importer.run_import(actor=city_desk, sheet=sheet, mapping=sheet_reader.suggest_mapping(sheet.headers),
                                 now=when + timedelta(hours=1))
    assert result.errors == [] and result.created == 2
    cases = list(Case.objects.order_by("pk"))
    assert all(c.is_over_level for c in cases)
    assert [list(CaseEvent.objects.filter(case=c).values_list("action", flat=True).order_by("at", "id"))
            for c in cases] == [["register", "import", "flag_over_level"]] * 2
