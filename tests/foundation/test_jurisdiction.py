"""Owner / colleague / outsider: a user never reads, lists, searches or exports outside its subtree."""

import pytest

from sixia.people.services import create_person

ID_IN = "350921199001011237"
PHONE_IN = "13812345678"


@pytest.fixture
def persons(db):
    from tests.conftest import OTHER_COUNTY, OTHER_TOWNSHIP, TOWNSHIP

    return {
        "in_township": create_person(actor=None, name="林一", region_code=TOWNSHIP + "201",
                                     id_number=_valid(ID_IN), phone=PHONE_IN),
        "other_township": create_person(actor=None, name="陈二", region_code=OTHER_TOWNSHIP),
        "other_county": create_person(actor=None, name="黄三", region_code=OTHER_COUNTY),
    }


def _valid(body: str) -> str:
    from sixia.core.identity import id_check_char

    return body[:17] + id_check_char(body[:17])


def test_township_token_cannot_read_a_person_outside_its_subtree(api, township_user, token_for, persons):
    headers = token_for(township_user)
    assert api.get(f"/persons/{persons['in_township'].pk}", headers=headers).status_code == 200
    for key in ("other_township", "other_county"):
        response = api.get(f"/persons/{persons[key].pk}", headers=headers)
        assert response.status_code in (403, 404)
        assert response.json()["code"] == "not_found"


def test_lists_and_searches_are_scoped(api, township_user, owner, outsider, token_for, persons):
    names = lambda user, **q: {p["name"] for p in api.get("/persons", headers=token_for(user), **q).json()["items"]}  # noqa: E731
    assert names(township_user) == {"林一"}
    assert names(owner) == {"林一", "陈二"}
    assert names(outsider) == {"黄三"}
    # exact search by phone goes through the blind index and is still scoped
    assert names(owner, q=PHONE_IN) == {"林一"}
    assert names(outsider, q=PHONE_IN) == set()


def test_units_and_officials_are_scoped(api, township_user, outsider, token_for, units):
    unit_names = {u["name"] for u in api.get("/units", headers=token_for(township_user)).json()["items"]}
    assert unit_names == {"长春镇人民政府"}
    response = api.get(f"/units/{units['housing'].pk}", headers=token_for(outsider))
    assert response.status_code == 404


def test_pages_are_scoped(client, township_user, persons):
    client.force_login(township_user)
    assert client.get(f"/persons/{persons['in_township'].pk}/").status_code == 200
    assert client.get(f"/persons/{persons['other_county'].pk}/").status_code == 404
    listing = client.get("/persons/").content.decode()
    assert "林一" in listing and "黄三" not in listing and "陈二" not in listing


def test_api_without_credentials_is_401(api, persons):
    response = api.get("/persons")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_masked_everywhere_and_reveal_is_audited(api, owner, outsider, token_for, persons):
    from sixia.core.models import AuditEntry

    person = persons["in_township"]
    body = api.get(f"/persons/{person.pk}", headers=token_for(owner)).json()
    assert body["phone"] == "138****5678" and body["id_number"].startswith("350921********")
    revealed = api.post(f"/persons/{person.pk}/reveal", {"field": "phone", "reason": "回访"},
                        headers=token_for(owner))
    assert revealed.json()["value"] == PHONE_IN
    entry = AuditEntry.objects.filter(action="view_personal", object_id=str(person.pk)).latest("id")
    assert entry.actor_name == "owner" and entry.success and "回访" in entry.summary
    assert api.post(f"/persons/{person.pk}/reveal", {"field": "phone"},
                    headers=token_for(outsider)).status_code == 404
