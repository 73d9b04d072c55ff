"""The case ledger (台账) as .xlsx: layout, masking, jurisdiction, filters, audit, page and API."""

from __future__ import annotations

from sixia.core.models import AuditEntry
from tests.conftest import PASSWORD

HEADER_ROW = 3


def rows_of(ws):
    return [r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


def header(ws):
    return [c.value for c in ws[HEADER_ROW]]


def test_it_exports_the_ledger_in_the_official_layout(client, owner, new_case, read_xlsx, id_number):
    from sixia.core.identity import id_check_char

    other_id = "35092119900202123" + id_check_char("35092119900202123")
    first = new_case()
    second = new_case(title="路灯不亮", petitioners=[{"name": "王五", "phone": "13800002222"},
                                                   {"name": "赵六", "id_number": other_id}])
    client.login(username="owner", password=PASSWORD)
    response = client.get("/reports/ledger/export/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    ws = read_xlsx(response)["诉求台账"]
    assert ws["A1"].value == "诉求案件台账" and ws["A1"].font.b
    assert "制表单位：霞浦县人民政府" in ws["A2"].value and "制表时间：" in ws["A2"].value
    assert "A1:X1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == "A4"
    assert header(ws)[:4] == ["序号", "查询码", "登记时间", "来源渠道"] and "身份证号" in header(ws)
    assert ws.cell(HEADER_ROW + 1, 2).border.left.style == "thin"
    assert ws.column_dimensions["K"].width == 50
    rows = rows_of(ws)
    assert [r[1] for r in rows] == [second.tracking_no, first.tracking_no]  # newest first
    cols = {h: i for i, h in enumerate(header(ws))}
    newest = rows[0]
    assert newest[cols["诉求人"]] == "王五；赵六"
    assert newest[cols["联系电话"]] == "138****2222；"
    assert newest[cols["身份证号"]] == "；350921********" + other_id[-4:]
    assert rows[1][cols["来源渠道"]] == "走访" and rows[1][cols["信访类别"]] == "申诉求决类"
    assert rows[1][cols["问题分类"]] == "住房保障与物业" and rows[1][cols["区划代码"]] == "350921101"
    assert rows[1][cols["办理状态"]] == "已登记"
    assert id_number not in str(rows) and other_id not in str(rows) and "13900001111" not in str(rows)
    entry = AuditEntry.objects.filter(action="export").latest("at")
    assert entry.actor == owner and entry.changes["rows"] == 2 and entry.changes["personal"] == "masked"


def test_it_exports_only_the_jurisdiction_and_the_filters(client, owner, outsider, new_case, act, read_xlsx):
    new_case()
    accepted = act(owner, new_case(title="噪音扰民"), "accept")
    client.login(username="outsider", password=PASSWORD)
    assert rows_of(read_xlsx(client.get("/reports/ledger/export/"))["诉求台账"]) == []
    client.login(username="owner", password=PASSWORD)
    rows = rows_of(read_xlsx(client.get("/reports/ledger/export/?state=accepted"))["诉求台账"])
    assert [r[1] for r in rows] == [accepted.tracking_no]
    assert rows_of(read_xlsx(client.get("/reports/ledger/export/?q=噪音"))["诉求台账"])[0][9] == "噪音扰民"
    assert len(rows_of(read_xlsx(client.get("/reports/ledger/export/?region=350921101"))["诉求台账"])) == 2
    assert rows_of(read_xlsx(client.get("/reports/ledger/export/?date_to=2000-01-01"))["诉求台账"]) == []
    assert client.get("/reports/ledger/export/?date_from=yesterday").status_code == 400


def test_a_full_personal_copy_is_for_unmaskers_only_and_audited(client, owner, auditor, new_case, read_xlsx,
                                                                id_number):
    new_case()
    client.login(username="auditor", password=PASSWORD)
    assert client.get("/reports/ledger/export/?personal=full").status_code == 403
    client.login(username="owner", password=PASSWORD)
    rows = rows_of(read_xlsx(client.get("/reports/ledger/export/?personal=full"))["诉求台账"])
    assert id_number in rows[0] and "13900001111" in rows[0]
    entry = AuditEntry.objects.filter(action="view_personal", actor=owner).latest("at")
    assert entry.changes["personal"] == "full" and entry.changes["rows"] == 1


def test_the_ledger_page_counts_and_links_the_export(client, owner, new_case):
    new_case()
    client.login(username="owner", password=PASSWORD)
    page = client.get("/reports/ledger/?state=registered").content.decode()
    assert 'data-testid="ledger-count">1<' in page and "/reports/ledger/export/?state=registered" in page


def test_the_api_streams_the_ledger(api, owner, colleague, token_for, new_case, read_xlsx):
    case = new_case()
    response = api.get("/reports/ledger.xlsx", headers=token_for(owner), state="registered")
    assert [r[1] for r in rows_of(read_xlsx(response)["诉求台账"])] == [case.tracking_no]
    # a handler sees only its unit's cases
    assert rows_of(read_xlsx(api.get("/reports/ledger.xlsx", headers=token_for(colleague)))["诉求台账"]) == []
    # a full personal-data copy is the desk's and the admin's right (reports.export_personal), not a handler's
    assert api.get("/reports/ledger.xlsx", headers=token_for(colleague), personal="full").status_code == 403
    assert api.get("/reports/ledger.xlsx").status_code == 401


def test_one_case_file_has_the_summary_and_the_whole_timeline(client, api, owner, outsider, token_for,
                                                              handling_case, read_xlsx):
    client.login(username="owner", password=PASSWORD)
    wb = read_xlsx(client.get(f"/reports/cases/{handling_case.pk}/file/"))
    assert wb.sheetnames == ["案件信息", "办理过程", "交办记录", "回访记录"]
    facts = {r[0]: r[1] for r in wb["案件信息"].iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert facts["查询码"] == handling_case.tracking_no and facts["办理状态"] == "办理中"
    assert facts["承办单位"] == "霞浦县住建局" and "139****1111" in facts["诉求人"]
    events = rows_of(wb["办理过程"])
    assert [e[2] for e in events] == ["登记", "受理", "交办", "签收"]
    assert events[-1][5] == "colleague" or events[-1][6] == "霞浦县住建局"
    assert rows_of(wb["交办记录"])[0][1] == "霞浦县住建局"
    assert AuditEntry.objects.filter(action="export", object_id=str(handling_case.pk)).exists()
    client.login(username="outsider", password=PASSWORD)
    assert client.get(f"/reports/cases/{handling_case.pk}/file/").status_code == 404
    assert api.get(f"/reports/cases/{handling_case.pk}/file.xlsx", headers=token_for(outsider)).status_code == 404
    assert read_xlsx(api.get(f"/reports/cases/{handling_case.pk}/file.xlsx", headers=token_for(owner)))
