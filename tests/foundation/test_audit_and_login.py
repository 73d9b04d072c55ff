import pytest
from django.test import override_settings

from sixia.core.models import AppendOnlyError, AuditEntry
from tests.conftest import PASSWORD


def test_audit_entries_cannot_be_changed_or_deleted(db, owner):
    entry = AuditEntry.objects.filter(object_id=str(owner.pk)).first()
    entry.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


@override_settings(LOCKOUT_THRESHOLD=3)
def test_it_locks_an_account_after_repeated_failures(client, owner):
    for _ in range(3):
        response = client.post("/accounts/login/", {"username": "owner", "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"username": "owner", "password": PASSWORD})
    assert "登录失败次数过多，已暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    failures = AuditEntry.objects.filter(action="login_failed", object_id="owner")
    assert failures.count() >= 4 and not failures.first().success


def test_a_good_login_resets_the_counter_and_is_audited(client, owner):
    client.post("/accounts/login/", {"username": "owner", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "owner", "password": PASSWORD})
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.failed_logins == 0
    assert AuditEntry.objects.filter(action="login", actor=owner).exists()


def test_audit_log_is_for_auditors_only(client, api, auditor, colleague, token_for):
    assert api.get("/audit", headers=token_for(auditor)).status_code == 200
    denied = api.get("/audit", headers=token_for(colleague))
    assert denied.status_code == 403 and denied.json()["code"] == "forbidden"
    client.force_login(auditor)
    assert "审计日志" in client.get("/audit/").content.decode()


def test_weak_passwords_are_refused(make_user, units):
    from sixia.core.errors import InvalidInput
    from sixia.org.services import create_user

    with pytest.raises(InvalidInput, match="密码不符合要求"):
        create_user(actor=None, username="weak", password="12345678", roles=["auditor"],
                    jurisdiction_code="350921")
