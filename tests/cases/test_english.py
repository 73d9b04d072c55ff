"""The case pages in English after the language switch, and still in Chinese without it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import to_english

pytestmark = pytest.mark.django_db


def test_the_queue_in_english(client, owner, new_case):
    new_case()
    client.force_login(owner)
    to_english(client)
    html = client.get(reverse("cases:queue")).content.decode()
    assert "Work queue" in html and "Tracking no." in html and "Responsible unit" in html
    assert "Overdue only" in html and "Approaching" in html  # a filter label and a warning tab (model choice)
    assert "工作队列" not in html and "查询码" not in html and "承办单位" not in html


def test_the_queue_stays_chinese_without_the_switch(client, owner, new_case):
    new_case()
    client.force_login(owner)
    html = client.get(reverse("cases:queue")).content.decode()
    assert "工作队列" in html and "查询码" in html and "临期" in html
    assert "Work queue" not in html and "Tracking no." not in html


def test_the_case_page_in_english(client, owner, new_case):
    case = new_case()
    client.force_login(owner)
    to_english(client)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Case history" in html and "Available actions" in html and "Acceptance deadline" in html
    assert "ID number" in html and "Attachments" in html
    assert "办理过程" not in html and "可执行的操作" not in html and "受理期限" not in html
    assert "郑四" in html  # data is not translated


def test_the_inbox_and_intake_in_english(client, owner):
    client.force_login(owner)
    to_english(client)
    inbox = client.get(reverse("cases:inbox")).content.decode()
    assert "To do" in inbox and "Messages" in inbox and "待办事项" not in inbox
    intake = client.get(reverse("cases:intake")).content.decode()
    assert "Case information" in intake and "Add petitioner" in intake
    assert "诉求信息" not in intake and "添加诉求人" not in intake


def test_the_forbidden_page_in_english(client, colleague):
    client.force_login(colleague)
    to_english(client)
    r = client.get(reverse("cases:intake"))
    assert r.status_code == 403
    html = r.content.decode()
    assert "Access denied" in html and "无权访问" not in html


def test_the_translated_workflow_labels_are_the_engines_chinese_ones():
    """The pages translate the engine's labels through sixia.cases.labels: same codes, same Chinese msgids."""
    from sixia.cases import labels, workflow

    with translation.override("zh-hans"):
        assert {k: str(v) for k, v in labels.STATES.items()} == dict(workflow.STATES)
        assert {k: str(v) for k, v in labels.ACTIONS.items()} == {k: r.label for k, r in workflow.ACTIONS.items()}
        for ours, engine in ((labels.CHANNELS, workflow.CHANNELS), (labels.DEMAND_TYPES, workflow.DEMAND_TYPES),
                             (labels.PETITION_CLASSES, workflow.PETITION_CLASSES),
                             (labels.OUTCOMES, workflow.OUTCOMES)):
            assert {k: str(v) for k, v in ours.items()} == dict(engine)


def test_states_actions_and_form_labels_in_english(client, owner, new_case):
    case = new_case()
    client.force_login(owner)
    to_english(client)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Registered" in html and "Confirm: Accept" in html and "Tracking no. of the case to merge into" in html
    assert "已登记" not in html and "确认受理" not in html
    r = client.post(reverse("cases:act", args=[case.pk, "accept"]), {}, follow=True)
    assert "Done: Accept" in r.content.decode()
    queue = client.get(reverse("cases:queue")).content.decode()
    assert "All states" in queue and "全部状态" not in queue
