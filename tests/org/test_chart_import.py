"""The organisation chart from Excel: the downloadable template filled with 500+ officials imports in one go;
one bad row imports nothing and is named; the export reads back, and its text cells are never formulas."""

from __future__ import annotations

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sixia.org.models import Official, Unit
from tests.conftest import TOWNSHIP

TOWNSHIPS = ["350921101", "350921102"]


def _fill(template: bytes, rows: list[list]) -> bytes:
    wb = load_workbook(io.BytesIO(template))
    ws = wb.worksheets[0]
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _chart(n_officials: int) -> list[list]:
    """A county chart: the county government, 20 departments under it, each with officials; a township unit."""
    rows: list[list] = [["霞浦县委", "党委机关", "350921", "", "", "", "", "", "", ""]]
    departments = [f"霞浦县第{i + 1}局" for i in range(20)]
    for i in range(n_officials):
        dept = departments[i % len(departments)]
        principal = i < len(departments)
        rows.append([dept, "职能部门", "350921", "霞浦县委", f"干部{i:04d}", "乡科级" if principal else "一般干部",
                     "局长" if principal else "科员", "是" if principal else "否", "在职" if i % 7 else "退休",
                     f"139{i:08d}"])
    rows.append(["长春镇综治中心", "职能部门", TOWNSHIP, "长春镇人民政府", "林镇干", "乡科级", "主任", "否", "", ""])
    return rows


@pytest.fixture
def template(client, owner):
    client.force_login(owner)
    r = client.get("/org/import/template.xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    return b"".join(r.streaming_content)


def _upload(api_client, content: bytes, headers, name="组织机构.xlsx"):
    return api_client.post("/api/v1/org/import", {"file": SimpleUploadedFile(name, content)}, headers=headers)


def test_it_imports_500_officials_from_the_template_in_one_go(client, template, owner, units, token_for):
    content = _fill(template, _chart(520))
    started = time.perf_counter()
    r = _upload(client, content, token_for(owner))
    elapsed = time.perf_counter() - started
    print(f"\nimported 520 officials + 22 units in {elapsed:.2f} s")
    assert r.status_code == 201, r.json()["errors"][:5]
    body = r.json()
    assert body["officials_created"] == 521 and body["units_created"] == 22 and body["errors"] == []
    assert Official.objects.filter(name__startswith="干部").count() == 520
    dept = Unit.objects.get(name="霞浦县第1局")
    assert dept.parent.name == "霞浦县委" and dept.kind == "department"
    assert Unit.objects.get(name="长春镇综治中心").parent == units["township"]
    assert Official.objects.get(name="干部0000").is_principal
    assert not Official.objects.get(name="干部0007").is_active
    assert Official.objects.get(name="干部0001").phone_masked.startswith("139")

    # importing the same chart again creates nothing twice
    r = _upload(client, content, token_for(owner))
    assert r.status_code == 201 and r.json()["officials_created"] == 0 and r.json()["units_created"] == 0


def test_one_bad_row_imports_nothing_and_is_named(client, template, owner, units, token_for):
    rows = _chart(50)
    rows[31][5] = "处长级"  # an unknown rank on the 32nd data row
    content = _fill(template, rows)
    before = (Unit.objects.count(), Official.objects.count())
    r = _upload(client, content, token_for(owner))
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert len(errors) == 1
    # title, subtitle and header take rows 1-3: the 32nd data row is Excel row 35
    assert errors[0]["row"] == 35 and errors[0]["column"] == "F 职级"
    assert "职级无效：处长级" in errors[0]["message"] and "unknown rank" in errors[0]["message_en"]
    assert (Unit.objects.count(), Official.objects.count()) == before


def test_every_kind_of_mistake_is_reported_by_row_and_column(client, template, owner, units, token_for):
    rows = [
        ["", "职能部门", "350921", "", "甲", "一般干部", "", "", "", ""],
        ["某局", "外星机构", "350921", "", "", "", "", "", "", ""],
        ["某局2", "职能部门", "350922", "", "", "", "", "", "", ""],  # another county
        ["某局3", "职能部门", "999999999", "", "", "", "", "", "", ""],
        ["某局4", "职能部门", "350921", "不存在的单位", "", "", "", "", "", ""],
        ["某局5", "职能部门", "350921", "", "乙", "一般干部", "", "也许", "离家出走", "138****0000"],
        ["某局6", "职能部门", "350921", "", "丙", "一般干部", "", "", "", ""],
        ["某局6", "职能部门", "350921", "", "丙", "一般干部", "", "", "", ""],
    ]
    r = _upload(client, _fill(template, rows), token_for(owner))
    assert r.status_code == 422
    found = {(e["row"], e["column"].split()[0]) for e in r.json()["errors"]}
    assert {(4, "A"), (5, "B"), (6, "C"), (7, "C"), (8, "D"), (9, "H"), (9, "I"), (9, "J"), (11, "E")} <= found
    assert not Unit.objects.filter(name__startswith="某局").exists()


def test_it_refuses_a_non_admin_and_a_file_that_is_not_xlsx(client, template, colleague, owner, token_for):
    r = _upload(client, _fill(template, _chart(3)), token_for(colleague))
    assert r.status_code == 403 and not Official.objects.filter(name__startswith="干部").exists()
    r = _upload(client, b"not a spreadsheet", token_for(owner), name="chart.xlsx")
    assert r.status_code == 422 and r.json()["code"] == "invalid_xlsx"
    r = _upload(client, b"a,b", token_for(owner), name="chart.csv")
    assert r.status_code == 422


def test_the_export_reads_back_and_never_writes_a_formula(client, template, owner, units, token_for):
    from sixia.org import services

    for name in ("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tTab"):
        services.create_official(actor=owner, name=name[:40], unit=units["housing"], rank="staff",
                                 title="=1+1", phone="13900001111")
    client.force_login(owner)
    r = client.get("/org/export.xlsx")
    assert r.status_code == 200
    content = b"".join(r.streaming_content)
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = [c for row in ws.iter_rows(min_row=4) for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value[:1] in ("=", "+", "-", "@", "\t")]
    assert len(risky) >= 9 and all(c.data_type == "s" for c in risky)
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    names = {row[4] for row in ws.iter_rows(min_row=4, values_only=True)}
    assert {"=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)"} <= names and "古田县人民政府" not in {
        row[0] for row in ws.iter_rows(min_row=4, values_only=True)}
    # the export imports back unchanged (masked phones are kept, nothing is created twice)
    before = Official.objects.count()
    r = _upload(client, content, token_for(owner), name="export.xlsx")
    assert r.status_code == 201, r.json()["errors"][:3]
    assert r.json()["officials_created"] == 0 and Official.objects.count() == before


def test_the_export_is_for_admins(client, colleague):
    client.force_login(colleague)
    assert client.get("/org/export.xlsx").status_code == 403


def test_the_upload_page_names_the_bad_row_in_the_pages_language(client, template, owner, units):
    from tests.conftest import to_english

    client.force_login(owner)
    rows = _chart(5)
    rows[2][2] = "350922"  # another county
    content = _fill(template, rows)
    r = client.post("/org/import/", {"file": SimpleUploadedFile("chart.xlsx", content)})
    html = r.content.decode()
    assert r.status_code == 422 and "未导入任何一行" in html and "<td>6</td>" in html and "不在您的管辖范围内" in html
    to_english(client)
    r = client.post("/org/import/", {"file": SimpleUploadedFile("chart.xlsx", content)})
    html = r.content.decode()
    assert "no row was imported" in html and "outside your jurisdiction" in html and "管辖范围内" not in html
    rows[2][2] = "350921"
    r = client.post("/org/import/", {"file": SimpleUploadedFile("chart.xlsx", _fill(template, rows))})
    assert r.status_code == 302 and Official.objects.filter(name__startswith="干部").count() == 5
