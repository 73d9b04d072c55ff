"""The case page through Django's test client: scoping, the actions allowed now, errors that keep the
input, a stale page, attachments (checks, storage, scoped download)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sixia.cases.models import Attachment
from sixia.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def detail(client, case):
    return client.get(reverse("cases:detail", args=[case.pk]))


def post_action(client, case, action, **fields):
    data = {f"{action}-{k}": v for k, v in fields.items()}
    return client.post(reverse("cases:act", args=[case.pk, action]), data)


def test_it_shows_the_case_to_its_jurisdiction_only(client, owner, outsider, colleague, new_case, id_number):
    case = new_case()
    client.force_login(owner)
    r = detail(client, case)
    assert r.status_code == 200
    body = r.content.decode()
    assert case.tracking_no in body and "已登记" in body and "郑四" in body
    assert id_number not in body and "13900001111" not in body  # petitioners masked
    client.force_login(outsider)
    assert detail(client, case).status_code == 404
    client.force_login(colleague)  # a handler sees only its unit's cases
    assert detail(client, case).status_code == 404


def test_it_offers_exactly_the_actions_allowed_now(client, owner, colleague, new_case, act, units):
    case = new_case()
    client.force_login(owner)
    offered = [f.action for f in detail(client, case).context["forms"]]
    assert offered == ["accept", "reject", "forward", "merge"]
    act(owner, case, "accept")
    act(owner, case, "assign", unit_id=units["housing"].pk)
    offered = [f.action for f in detail(client, case).context["forms"]]
    assert "sign" not in offered and "reassign" in offered  # signing is the unit's
    client.force_login(colleague)
    offered = [f.action for f in detail(client, case).context["forms"]]
    assert offered == ["sign", "dispute", "suspend"]


def test_an_action_moves_the_case_and_appears_in_the_timeline(client, owner, new_case):
    case = new_case()
    client.force_login(owner)
    r = post_action(client, case, "accept", version=case.version)
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == "accepted"
    page = detail(client, case)
    assert [row["label"] for row in page.context["events"]] == ["登记", "受理"]
    assert "已受理" in page.content.decode()


def test_an_illegal_action_is_refused_and_changes_nothing(client, owner, colleague, new_case):
    case = new_case()
    client.force_login(owner)
    r = post_action(client, case, "close", version=case.version)
    assert r.status_code == 409
    assert "不能执行“办结”" in r.content.decode()
    client.force_login(colleague)
    assert post_action(client, case, "accept").status_code == 404  # not even visible to the unit yet
    case.refresh_from_db()
    assert case.state == "registered" and case.events.count() == 1


def test_a_missing_argument_is_shown_next_to_the_field_with_the_input_kept(client, owner, new_case):
    case = new_case()
    client.force_login(owner)
    r = post_action(client, case, "reject", version=case.version, reason="")
    assert r.status_code == 422 and "请填写理由" in r.content.decode()
    r = post_action(client, case, "merge", version=case.version, into_tracking_no="350921-000000-0000-AAA",
                    reason="同一事项")
    assert r.status_code == 422
    body = r.content.decode()
    assert "请指定并入的诉求" in body and "同一事项" in body and "350921-000000-0000-AAA" in body
    case.refresh_from_db()
    assert case.state == "registered"


def test_a_stale_page_is_refused(client, owner, new_case, act):
    case = new_case()
    seen = case.version
    act(owner, case, "accept")
    client.force_login(owner)
    r = post_action(client, case, "reject", version=seen, reason="重复")
    assert r.status_code == 409 and "已被他人处理" in r.content.decode()


def test_assign_with_a_unit_and_reply_with_outcome(client, owner, colleague, new_case, act, units):
    case = new_case()
    act(owner, case, "accept")
    client.force_login(owner)
    r = post_action(client, case, "assign", unit_id=units["housing"].pk, note="请尽快处理")
    assert r.status_code == 302
    act(colleague, case, "sign")
    client.force_login(colleague)
    r = post_action(client, case, "reply", outcome="", text="")
    assert r.status_code == 422 and "请填写处理结果" in r.content.decode()
    r = post_action(client, case, "reply", outcome="supported", text="已维修电梯")
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == "replied" and case.outcome == "supported" and case.responsible_unit == units["housing"]


def test_extend_needs_days_within_the_limit(client, head, handling_case):
    client.force_login(head)
    r = post_action(client, handling_case, "extend", days=31, reason="案情复杂")
    assert r.status_code == 422 and "延期天数" in r.content.decode()
    r = post_action(client, handling_case, "extend", days=10, reason="案情复杂")
    assert r.status_code == 302
    handling_case.refresh_from_db()
    assert handling_case.extension_days == 10


# ---- attachments ----

@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def upload(client, case, name: str, content: bytes):
    return client.post(reverse("cases:attach", args=[case.pk]), {"file": SimpleUploadedFile(name, content)})


def test_it_stores_an_attachment_and_serves_it_to_the_jurisdiction(client, owner, outsider, new_case, var_dir):
    case = new_case()
    client.force_login(owner)
    r = upload(client, case, "../现场照片说明.txt", "电梯停运照片说明".encode())
    assert r.status_code == 302
    row = Attachment.objects.get(case=case)
    assert row.name == "现场照片说明.txt" and row.uploaded_by == owner
    stored = var_dir / "attachments" / row.file.name
    assert stored.is_file() and Path(row.file.name).parts[:2] == ("cases", str(case.pk))
    assert AuditEntry.objects.filter(object_type="cases.attachment", object_id=str(row.pk)).exists()
    got = client.get(reverse("cases:download", args=[case.pk, row.pk]))
    assert got.status_code == 200 and b"".join(got.streaming_content) == "电梯停运照片说明".encode()
    assert "attachment" in got["Content-Disposition"]
    client.force_login(outsider)
    assert client.get(reverse("cases:download", args=[case.pk, row.pk])).status_code == 404
    assert upload(client, case, "x.txt", b"hello").status_code == 404


@pytest.mark.parametrize("name, content, message", [
    ("tool.exe", b"just text", "不允许上传可执行文件"),
    ("run.SH", b"echo hi", "不允许上传可执行文件"),
    ("report.pdf", b"MZ\x90\x00\x03", "文件内容为可执行程序"),
    ("photo.jpg", b"\x7fELF\x02\x01", "文件内容为可执行程序"),
    ("notes.txt", b"#!/bin/sh\nrm -rf /", "文件内容为可执行程序"),
    # the platform-wide rules of core.uploads: markup a browser would run, and archives holding executables
    ("page.html", b"<script>alert(1)</script>", "不允许上传可执行文件"),
    ("logo.SVG", b"<svg onload=alert(1)>", "不允许上传可执行文件"),
    ("bundle.zip", "zip-with-exe", "文件内容为可执行程序"),
])
def test_it_refuses_executables_by_extension_and_content(client, owner, new_case, var_dir, name, content, message):
    if content == "zip-with-exe":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as archive:
            archive.writestr("readme.txt", "hi")
            archive.writestr("setup.exe", b"MZ\x90\x00")
        content = buf.getvalue()
    case = new_case()
    client.force_login(owner)
    r = upload(client, case, name, content)
    assert r.status_code == 422 and message in r.content.decode()
    assert not Attachment.objects.exists()
    assert not (var_dir / "attachments").exists() or not any((var_dir / "attachments").rglob("*.*"))


def test_it_refuses_a_file_over_the_limit(client, owner, new_case, var_dir, settings):
    settings.SIXIA_ATTACHMENT_MAX_BYTES = 1024
    case = new_case()
    client.force_login(owner)
    r = upload(client, case, "big.txt", b"x" * 1025)
    assert r.status_code == 422 and "附件不能超过" in r.content.decode()
    assert upload(client, case, "ok.txt", b"x" * 1024).status_code == 302


def test_only_the_desk_and_the_responsible_unit_upload(client, colleague, auditor, handling_case, var_dir):
    client.force_login(auditor)
    assert upload(client, handling_case, "a.txt", b"a").status_code == 403
    client.force_login(colleague)
    assert upload(client, handling_case, "b.txt", b"b").status_code == 302
    assert list(Attachment.objects.values_list("name", flat=True)) == ["b.txt"]
