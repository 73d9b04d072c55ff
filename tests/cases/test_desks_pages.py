"""The desks' pages: the side-action forms on the case page (shown by right, refused with 403 / 404 / the
service's error on the bound form, nothing written), the 包案台账 and 我的包案, the 督办台账 with its 通报, and the
two Excel exports read back with openpyxl."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from sixia.cases.models import Case, CaseEvent, Supervision
from tests.cases.test_desks_api import desk_users, reply_by  # noqa: F401  (fixture)


@pytest.fixture
def owned(desk_users, handling_case):  # noqa: F811
    from sixia.cases.services import set_owner_leader

    return set_owner_leader(actor=desk_users["dispatcher"], case=handling_case, official=desk_users["official"],
                            reason="重点信访事项")


def workbook_of(response):
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return book


def test_the_case_page_offers_the_side_actions_by_right(client, desk_users, owned, colleague):  # noqa: F811
    client.force_login(desk_users["supervisor"])
    page = client.get(f"/cases/{owned.pk}/").content.decode()
    assert 'data-testid="action-supervise"' in page and 'data-testid="action-set_leader"' not in page
    assert 'data-testid="action-accept"' not in page
    client.force_login(desk_users["leader"])
    page = client.get(f"/cases/{owned.pk}/").content.decode()
    assert 'data-testid="action-leader_note"' in page and 'data-testid="action-leader_signoff"' not in page
    client.force_login(desk_users["other_leader"])
    assert 'data-testid="action-leader_note"' not in client.get(f"/cases/{owned.pk}/").content.decode()
    client.force_login(desk_users["dispatcher"])
    page = client.get(f"/cases/{owned.pk}/").content.decode()
    assert 'data-testid="action-set_leader"' in page and "林志强" in page


def test_a_supervision_from_the_page_and_its_refusals(client, desk_users, owned, colleague, outsider):  # noqa: F811
    url = f"/cases/{owned.pk}/act/urge/"
    events = CaseEvent.objects.count()
    client.force_login(desk_users["dispatcher"])  # no cases.supervise
    assert client.post(url, {"urge-reason": "x", "urge-reply_by": reply_by()}).status_code == 403
    client.force_login(outsider)  # the right, another county
    assert client.post(url, {"urge-reason": "x", "urge-reply_by": reply_by()}).status_code == 404
    client.force_login(desk_users["supervisor"])
    answer = client.post(url, {"urge-reason": "请加快", "urge-reply_by": reply_by(-2)})
    assert answer.status_code == 422 and "答复期限应在今天至90天之内" in answer.content.decode()
    assert 'value="请加快"' not in answer.content.decode() and "请加快" in answer.content.decode()  # kept, typed
    assert CaseEvent.objects.count() == events and not Supervision.objects.exists()
    answer = client.post(url, {"urge-reason": "请加快", "urge-reply_by": reply_by(), "urge-version": owned.version})
    assert answer.status_code == 302
    assert Supervision.objects.get().note == "请加快"
    client.force_login(colleague)
    page = client.get(f"/cases/{owned.pk}/").content.decode()
    assert 'data-testid="action-answer_supervision"' in page and "督办记录" in page
    answer = client.post(f"/cases/{owned.pk}/act/answer_supervision/", {"answer_supervision-text": "已处理"})
    assert answer.status_code == 302 and Supervision.objects.get().answered_at is not None


def test_the_signoff_refusal_shows_on_the_form(client, desk_users, owned):  # noqa: F811
    client.force_login(desk_users["leader"])
    answer = client.post(f"/cases/{owned.pk}/act/leader_signoff/", {"leader_signoff-text": "销号"})
    assert answer.status_code == 409 and "诉求办结或终结后才能销号" in answer.content.decode()
    assert not Case.objects.get(pk=owned.pk).leader_signed_off_at


def test_the_ledger_page_mine_and_its_export(client, desk_users, owned, new_case):  # noqa: F811
    Case.objects.filter(pk=owned.pk).update(due_at=timezone.now() - timedelta(days=1))
    new_case(title="无人包案")
    client.force_login(desk_users["supervisor"])
    page = client.get("/cases/leaders/").content.decode()
    assert owned.tracking_no in page and 'data-testid="overdue-mark"' in page and "无人包案" not in page
    export = client.get("/cases/leaders/", {"overdue": "on", "export": "xlsx"})
    assert export.status_code == 200
    sheet = workbook_of(export)["包案台账"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [(r[0], r[2], r[8]) for r in rows] == [(owned.tracking_no, "陈建华", "超期")]
    client.force_login(desk_users["leader"])
    mine = client.get("/cases/leaders/mine/").content.decode()
    assert owned.tracking_no in mine
    client.force_login(desk_users["other_leader"])
    assert owned.tracking_no not in client.get("/cases/leaders/mine/").content.decode()


def test_the_notice_page_and_export(client, desk_users, owned, colleague, units):  # noqa: F811
    from sixia.cases.services import supervise_case

    supervise_case(actor=desk_users["supervisor"], case=owned, level=3, reason="群众反映强烈",
                   reply_by=reply_by())
    client.force_login(desk_users["supervisor"])
    page = client.get("/cases/supervision/")
    assert page.status_code == 200 and units["housing"].name in page.content.decode()
    today = timezone.localdate()
    export = client.get("/cases/supervision/", {"date_from": today.replace(day=1).isoformat(),
                                                 "date_to": today.isoformat(), "export": "xlsx"})
    book = workbook_of(export)
    summary = list(book["通报"].iter_rows(min_row=4, values_only=True))
    assert summary == [(units["housing"].name, 0, 0, 0, 1, 0, 1)]
    [detail] = list(book["案件明细"].iter_rows(min_row=4, values_only=True))
    assert detail[1] == owned.tracking_no and detail[6] == "挂牌督办" and detail[8] == "未答复"
    bad = client.get("/cases/supervision/", {"date_from": today.isoformat(),
                                              "date_to": (today - timedelta(days=2)).isoformat()})
    assert bad.status_code == 422 and "开始日期不能晚于结束日期" in bad.content.decode()


def test_reasons_that_look_like_formulas_stay_text(client, desk_users, owned):  # noqa: F811
    from sixia.cases.services import add_leader_note

    add_leader_note(actor=desk_users["leader"], case=Case.objects.get(pk=owned.pk), text="=1+1 已约谈")
    client.force_login(desk_users["dispatcher"])
    sheet = workbook_of(client.get("/cases/leaders/", {"export": "xlsx"}))["包案台账"]
    cell = sheet.cell(row=4, column=11)
    assert cell.value == "=1+1 已约谈" and cell.data_type == "s"
