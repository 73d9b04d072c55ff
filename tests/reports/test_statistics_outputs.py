"""The statistics as Excel, the work report as Word (numbers equal the API's), the 组织部's 考核 sheet."""

from __future__ import annotations

import io

import pytest

from tests.conftest import COUNTY

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    assert response.status_code == 200, response.content if not response.streaming else response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_statistics_xlsx_has_the_page_layout_and_inert_cells(county_data, client, owner, read_xlsx, api, token_for):
    from sixia.cases.models import Case

    Case.objects.filter(pk=county_data[0].pk).update(channel="=HYPERLINK(\"x\")")
    client.force_login(owner)
    wb = read_xlsx(client.get("/reports/statistics.xlsx", {"region_code": COUNTY, "period": "2026-11"}))
    assert wb.sheetnames[:2] == ["诉求总量", "受理办结满意"] and "按来源渠道" in wb.sheetnames
    rows = {r[0]: r for r in wb["诉求总量"].iter_rows(min_row=4, values_only=True)}
    assert rows["批次"][1:4] == (5, 2, 3) and rows["人次"][1] == 12
    channel = [r[0] for r in wb["按来源渠道"].iter_rows(min_row=4, values_only=True)]
    assert '=HYPERLINK("x")' in channel  # written as text, never a formula
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
    api_wb = read_xlsx(api.get("/reports/statistics.xlsx", headers=token_for(owner), region_code=COUNTY,
                               period="2026-11"))
    assert api_wb.sheetnames == wb.sheetnames


def test_work_report_docx_carries_the_statistics_numbers_and_a_chart(county_data, client, owner, api, token_for):
    from docx import Document

    s = api.get("/reports/statistics", headers=token_for(owner), region_code=COUNTY, period="2026-11").json()
    cases = {f["key"]: f["value"] for f in s["cases"]}
    acts = {f["key"]: f["value"] for f in s["activities"]}
    client.force_login(owner)
    response = client.get("/reports/work-report.docx", {"region_code": COUNTY, "period": "2026-11"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    doc = Document(io.BytesIO(body(response)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"共登记群众诉求{cases['batches']}批{cases['persons']}人次" in text
    assert f"重复信访{cases['repeated']}件" in text and f"越级信访{cases['over_level']}件" in text
    assert f"调研{acts['research_count']}次{acts['research_days']}天" in text
    assert f"接访群众{acts['received_times']}次{acts['received_persons']}人" in text
    assert "接待5名，受理2件，1件当场解决" in text  # the seeds' sentence, from the reception day's problem list
    rate = next(r for r in s["rates"] if r["key"] == "timely_acceptance")
    assert f"及时受理率{100 * rate['value']:.2f}%" in text
    assert len(doc.inline_shapes) >= 1 and len(doc.tables) >= 2
    via_api = api.get("/reports/work-report.docx", headers=token_for(owner), region_code=COUNTY, period="2026-11")
    assert Document(io.BytesIO(body(via_api))).paragraphs[0].text == doc.paragraphs[0].text


def test_without_a_chinese_font_the_chart_numbers_its_bars(county_data, client, owner, monkeypatch, settings):
    from docx import Document

    from sixia.reports.statistics import work_report

    monkeypatch.setattr(work_report, "FONT_CANDIDATES", ())
    settings.SIXIA_REPORT_FONT = ""
    client.force_login(owner)
    doc = Document(io.BytesIO(body(client.get("/reports/work-report.docx", {"region_code": COUNTY,
                                                                            "period": "2026-11"}))))
    assert len(doc.inline_shapes) == 1
    assert any("未配置中文字体" in p.text for p in doc.paragraphs)


def test_a_county_replaces_a_sentence_by_a_template_row(county_data, client, owner):
    from docx import Document

    from sixia.reports.models import ReportTemplate

    ReportTemplate.objects.create(key="overview", region_prefix=COUNTY, text="本县{period}来信来访{batches}批，计{persons}人次。")
    ReportTemplate.objects.create(key="overview", region_prefix="350922", text="古田县的措辞{batches}")
    client.force_login(owner)
    doc = Document(io.BytesIO(body(client.get("/reports/work-report.docx", {"region_code": COUNTY,
                                                                            "period": "2026-11"}))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "本县2026年11月来信来访5批，计12人次。" in text and "古田县的措辞" not in text


def test_the_report_module_does_not_import_docx_or_a_plotting_library_at_import_time():
    """Workers stay lean: python-docx is loaded when a report is written (Pillow is loaded by the captcha app
    whatever this module does, so it is compared before and after)."""
    import subprocess
    import sys

    code = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'sixia.settings'); django.setup();"
            "import sys; before = 'PIL.ImageDraw' in sys.modules; import sixia.reports.statistics.work_report;"
            "print(('PIL.ImageDraw' in sys.modules) != before, 'docx' in sys.modules, 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False False"


@pytest.fixture
def org_dept(make_user, units):
    return make_user("orgdept", ["organization_dept"], COUNTY, units["county_gov"])


def test_assessment_sheet_per_official(county_data, client, org_dept, owner, outsider, api, token_for, read_xlsx):
    from sixia.cases.models import Case
    from sixia.org.models import Rank
    from sixia.org.services import create_official

    leader = create_official(actor=None, name="陈建华", unit=owner.unit, rank=Rank.COUNTY, title="县长", is_leader=True)
    Case.objects.filter(pk__in=[county_data[0].pk, county_data[1].pk]).update(owner_leader=leader)
    response = api.get("/reports/assessment", headers=token_for(org_dept), year="2026")
    assert response.status_code == 200, response.content
    row = next(r for r in response.json()["officials"] if r["name"] == "陈建华")
    assert (row["owned"], row["owned_rated"], row["owned_satisfied"], row["satisfaction"]) == (2, 2, 1, 0.5)
    client.force_login(org_dept)
    page = client.get("/reports/assessment/", {"year": "2026"})
    assert page.status_code == 200 and "陈建华" in page.content.decode()
    wb = read_xlsx(client.get("/reports/assessment.xlsx", {"year": "2026"}))
    assert any(r[0] == "陈建华" for r in wb["考核表"].iter_rows(min_row=4, values_only=True))
    assert client.get("/reports/assessment/", {"year": "20x6"}).status_code == 400
    assert api.get("/reports/assessment", headers=token_for(owner)).status_code == 200  # admin
    client.force_login(outsider)
    assert client.get("/reports/assessment/", {"region_code": COUNTY}).status_code == 404
    assert api.get("/reports/statistics", headers=token_for(org_dept), region_code=COUNTY).status_code == 403
