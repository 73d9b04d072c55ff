"""A case's statutory notices as Word files: each opens in python-docx and holds the case's data, deadlines and
the objection rights the law gives; a notice exists only in the states where it does; outside the jurisdiction
404; each read is audited; a county's own template replaces the default for its regions."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from docx import Document

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def text_of(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def get_docx(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    return text_of(response.content)


@pytest.fixture
def replied(new_case, act, owner, colleague, units):
    case = new_case(now=START)
    act(owner, case, "accept", now=START + timedelta(days=1))
    act(owner, case, "assign", now=START + timedelta(days=2), unit_id=units["housing"].pk)
    act(colleague, case, "sign", now=START + timedelta(days=3))
    return act(colleague, case, "reply", now=START + timedelta(days=10), outcome="supported",
               text="已督促物业维修电梯，电梯已恢复运行。")


def test_the_acceptance_notice_holds_the_code_the_date_and_the_deadline(client, owner, new_case, act):
    case = act(owner, new_case(now=START), "accept", now=START + timedelta(days=1))
    client.force_login(owner)
    text = get_docx(client, f"/documents/cases/{case.pk}/acceptance.docx")
    assert "受理告知书" in text and case.tracking_no in text
    assert "2026年3月3日" in text  # accepted on the day after registration
    due = case.handle_due.astimezone(ZoneInfo("Asia/Shanghai")).date()
    assert f"{due.year}年{due.month}月{due.day}日" in text and "六十日" in text
    assert "郑四" in text


def test_the_acceptance_notice_is_signed_by_the_organ_that_accepted_not_the_one_assigned(client, owner, replied):
    client.force_login(owner)
    text = get_docx(client, f"/documents/cases/{replied.pk}/acceptance.docx")
    accepted_by = replied.events.get(action="accept").actor_unit
    assert accepted_by and accepted_by != replied.responsible_unit.name
    assert text.rstrip().splitlines()[-2] == accepted_by  # the signature line above the date
    opinion = get_docx(client, f"/documents/cases/{replied.pk}/opinion.docx")
    assert opinion.rstrip().splitlines()[-2] == replied.responsible_unit.name  # the handling organ answers


def test_the_opinion_holds_the_outcome_and_the_30_day_right_to_a_review(client, owner, replied):
    client.force_login(owner)
    text = get_docx(client, f"/documents/cases/{replied.pk}/opinion.docx")
    assert "信访处理意见书" in text and "予以支持" in text and "电梯已恢复运行" in text
    assert "三十日内" in text and "复查" in text and "第三十五条" in text
    assert "2026年4月11日" in text  # served on 3-12 (the reply day), 30 days later


def test_review_and_re_review_opinions_keep_each_answer(client, owner, replied, act):
    at = START + timedelta(days=12)
    case = act(owner, replied, "request_review", now=at)
    case = act(owner, case, "reply_review", now=at + timedelta(days=5), outcome="explained", text="维持原处理意见。")
    case = act(owner, case, "request_re_review", now=at + timedelta(days=6))
    case = act(owner, case, "reply_re_review", now=at + timedelta(days=9), outcome="not_supported", text="复核维持。")
    client.force_login(owner)
    opinion = get_docx(client, f"/documents/cases/{case.pk}/opinion.docx")
    assert "予以支持" in opinion and "维持原处理意见" not in opinion  # the first answer, not the review's
    review = get_docx(client, f"/documents/cases/{case.pk}/review.docx")
    assert "复查意见书" in review and "作出解释说明" in review and "维持原处理意见" in review and "第三十六条" in review
    final = get_docx(client, f"/documents/cases/{case.pk}/re_review.docx")
    assert "复核意见书" in final and "不予支持" in final and "不再受理" in final


def test_the_rejection_notice_gives_the_reason_and_the_way_on(client, owner, new_case, act):
    case = act(owner, new_case(now=START), "reject", now=START + timedelta(days=1), reason="属于诉讼途径解决的事项")
    client.force_login(owner)
    text = get_docx(client, f"/documents/cases/{case.pk}/rejection.docx")
    assert "不予受理告知书" in text and "属于诉讼途径解决的事项" in text and "第三十一条" in text
    assert client.get(f"/documents/cases/{case.pk}/acceptance.docx").status_code == 404


def test_a_notice_the_case_has_not_reached_is_not_found_and_the_page_links_only_the_others(client, owner, new_case,
                                                                                          act):
    case = act(owner, new_case(now=START), "accept", now=START + timedelta(days=1))
    client.force_login(owner)
    for kind in ("rejection", "opinion", "review", "re_review", "nonsense"):
        assert client.get(f"/documents/cases/{case.pk}/{kind}.docx").status_code == 404, kind
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'/documents/cases/{case.pk}/acceptance.docx"' in html and "opinion.docx" not in html


def test_outside_the_jurisdiction_is_not_found_and_a_read_is_audited(client, api, owner, outsider, replied,
                                                                     token_for):
    from sixia.core.models import AuditEntry

    client.force_login(outsider)
    assert client.get(f"/documents/cases/{replied.pk}/opinion.docx").status_code == 404
    assert api.get(f"/cases/{replied.pk}/documents/opinion.docx", headers=token_for(outsider)).status_code == 404
    response = api.get(f"/cases/{replied.pk}/documents/opinion.docx", headers=token_for(owner))
    assert response.status_code == 200 and "信访处理意见书" in text_of(response.content)
    entry = AuditEntry.objects.filter(action="export", object_id=str(replied.pk)).latest("id")
    assert "信访处理意见书" in entry.summary and entry.actor_id == owner.pk


def test_a_countys_template_replaces_the_default_for_its_regions(client, owner, replied, outsider):
    from docx import Document as New

    doc = New()
    doc.add_paragraph("霞浦县信访局 告知")
    doc.add_paragraph("查询码：{{ 查询码 }}；结果：{{处理结果}}；{{未知}}")
    out = io.BytesIO()
    doc.save(out)
    client.force_login(owner)
    response = client.post("/documents/templates/", {"kind": "opinion", "region_prefix": "350921",
                                                      "file": _upload("意见书.docx", out.getvalue())})
    assert response.status_code == 302, response.content.decode()[:500]
    text = get_docx(client, f"/documents/cases/{replied.pk}/opinion.docx")
    assert "霞浦县信访局 告知" in text and f"查询码：{replied.tracking_no}；结果：予以支持；" in text
    # not a Word file: refused with the form kept; another county's prefix: not found
    bad = client.post("/documents/templates/", {"kind": "opinion", "region_prefix": "350921",
                                                "file": _upload("意见书.docx", b"PK\x03\x04 not a docx")})
    assert bad.status_code == 400 and 'value="350921"' in bad.content.decode()
    away = client.post("/documents/templates/", {"kind": "opinion", "region_prefix": "350922",
                                                 "file": _upload("意见书.docx", out.getvalue())})
    assert away.status_code == 404
    client.force_login(outsider)
    assert client.post("/documents/templates/", {"kind": "opinion", "region_prefix": "",
                                                 "file": _upload("意见书.docx", out.getvalue())}).status_code == 302
    from sixia.documents.models import DocumentTemplate

    assert sorted(DocumentTemplate.objects.values_list("region_prefix", flat=True)) == ["350921", "350922"]


def test_a_handler_may_not_upload_templates(client, colleague):
    client.force_login(colleague)
    page = client.get("/documents/templates/")
    assert page.status_code == 200 and 'data-testid="template-form"' not in page.content.decode()
    assert client.get("/documents/templates/default/opinion.docx").status_code == 200
    assert client.post("/documents/templates/", {"kind": "opinion"}).status_code == 403


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_the_leaders_and_supervision_lists_as_word(client, owner, replied, units):
    from sixia.cases.models import Case
    from sixia.core.models import AuditEntry
    from sixia.org.models import Rank
    from sixia.org.services import create_official

    leader = create_official(actor=None, name="林副县长", unit=units["county_gov"], rank=Rank.COUNTY, title="副县长",
                             is_leader=True)
    Case.objects.filter(pk=replied.pk).update(owner_leader=leader)
    client.force_login(owner)
    page = client.get("/cases/leaders/").content.decode()
    assert "export=docx" in page
    text = get_docx(client, "/cases/leaders/?export=docx")
    assert "包案台账" in text and replied.tracking_no in text and "林副县长" in text and "包案领导" in text
    assert AuditEntry.objects.filter(action="export", summary__startswith="导出包案台账（Word）").exists()
    text = get_docx(client, "/cases/supervision/?date_from=2026-01-01&date_to=2026-12-31&export=docx")
    assert "督办台账" in text and "督办级别" in text and "2026-01-01 至 2026-12-31" in text
