"""What an auditor must find in the trail: refused reveals of any kind, logins from an address, admin edits;
and the county auditor's scope (the entry's region, anonymous entries included)."""

from __future__ import annotations

from sixia.core.models import AuditEntry
from sixia.core.selectors import audit_for
from sixia.people.services import create_person
from tests.conftest import COUNTY, PASSWORD, TOWNSHIP


def _person(owner):
    return create_person(actor=owner, name="郑四", region_code=TOWNSHIP, phone="13900001111")


def test_a_reveal_refused_outside_the_jurisdiction_is_a_404_and_audited(api, owner, outsider, auditor, token_for):
    person = _person(owner)
    r = api.post(f"/persons/{person.pk}/reveal", {"field": "phone", "reason": "核实"}, headers=token_for(outsider))
    assert r.status_code == 404
    entry = AuditEntry.objects.filter(action="view_personal", actor=outsider).get()
    assert not entry.success and entry.object_id == str(person.pk) and entry.region_code == TOWNSHIP
    assert entry.changes == {"field": "phone", "refused": "not_found"}
    assert audit_for(auditor).filter(pk=entry.pk).exists()  # the person's county auditor sees the attempt


def test_a_reveal_refused_on_the_page_outside_the_jurisdiction_is_audited(client, owner, outsider):
    person = _person(owner)
    client.force_login(outsider)
    r = client.post(f"/persons/{person.pk}/", {"field": "phone", "reason": "核实"})
    assert r.status_code == 404
    assert AuditEntry.objects.filter(action="view_personal", actor=outsider, success=False).count() == 1


def test_a_reveal_refused_for_lack_of_the_right_or_an_unknown_field_is_audited(api, owner, auditor, token_for):
    person = _person(owner)
    assert api.post(f"/persons/{person.pk}/reveal", {"field": "phone"}, headers=token_for(auditor)).status_code == 403
    assert api.post(f"/persons/{person.pk}/reveal", {"field": "password"},
                    headers=token_for(owner)).status_code == 422
    refused = AuditEntry.objects.filter(action="view_personal", success=False).order_by("id")
    assert [e.changes.get("refused") for e in refused] == ["forbidden", "unknown_field"]


def test_logins_carry_the_client_address_and_the_accounts_region(client, owner, auditor):
    client.post("/accounts/login/", {"username": "owner", "password": "wrong"}, REMOTE_ADDR="198.51.100.9")
    client.post("/accounts/login/", {"username": "nobody", "password": "wrong"}, REMOTE_ADDR="198.51.100.9")
    client.post("/accounts/login/", {"username": "owner", "password": PASSWORD}, REMOTE_ADDR="198.51.100.9")
    failed = AuditEntry.objects.filter(action="login_failed").order_by("id")
    assert [(e.object_id, e.ip, e.region_code) for e in failed] == [
        ("owner", "198.51.100.9", COUNTY), ("nobody", "198.51.100.9", "")]
    ok = AuditEntry.objects.filter(action="login", actor=owner).get()
    assert (ok.ip, ok.region_code) == ("198.51.100.9", COUNTY)
    assert audit_for(auditor).filter(pk=failed[0].pk).exists()


def test_a_bad_api_token_is_audited_as_a_failed_login(api, colleague, token_for):
    r = api.get("/cases", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401
    entry = AuditEntry.objects.filter(action="login_failed").get()
    assert entry.channel == "api" and "接口令牌" in entry.summary and entry.ip == "127.0.0.1"


def test_django_admin_saves_are_audited(client, make_user):
    root = make_user("root", ["admin"], COUNTY, is_superuser=True)
    client.force_login(root)
    r = client.post("/django-admin/core/inputrules/add/", {"earliest_date": "2001-01-01", "future_grace_minutes": 5})
    assert r.status_code == 302, r.content[:500]
    entry = AuditEntry.objects.filter(object_type="core.inputrules", actor=root).get()
    assert entry.action == "create" and entry.changes["via"] == "django-admin"


def test_the_county_auditor_sees_its_county_and_not_another(owner, outsider, auditor):
    from sixia.core import audit

    mine = audit.record(audit.Action.ACTION, actor="public", summary="x", region_code=TOWNSHIP)
    theirs = audit.record(audit.Action.ACTION, actor="public", summary="y", region_code="350922")
    seen = set(audit_for(auditor).values_list("pk", flat=True))
    assert mine.pk in seen and theirs.pk not in seen
