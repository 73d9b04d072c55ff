"""一人一表 search: the queue and ``GET /api/v1/cases?q=`` find a case by any part of its query code, by a
petitioner's phone or ID number (blind index, nothing decrypted), by a petitioner's name and by title."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from sixia.core import crypto


@pytest.fixture
def two_cases(new_case):
    mine = new_case()  # 郑四, phone 13900001111, the fixture's ID number
    other = new_case(title="路灯不亮", content="夜间出行不便。",
                     petitioners=[{"name": "王五", "phone": "13800002222"}])
    return mine, other


def _ids(api, headers, q):
    response = api.get("/cases?" + urlencode({"q": q}), headers=headers)
    assert response.status_code == 200, response.content
    return {c["id"] for c in response.json()["items"]}


def test_the_api_finds_a_case_by_the_last_three_characters_of_its_query_code(api, owner, token_for, two_cases,
                                                                             monkeypatch):
    mine, _other = two_cases
    monkeypatch.setattr(crypto, "decrypt", lambda *a: pytest.fail("decrypted"))
    headers = token_for(owner)
    assert mine.pk in _ids(api, headers, mine.tracking_no[-3:])
    assert mine.pk in _ids(api, headers, mine.tracking_no[-3:].lower())
    assert _ids(api, headers, mine.tracking_no) == {mine.pk}
    assert _ids(api, headers, mine.tracking_no[-8:]) == {mine.pk}  # "0001-KXM"


def test_the_api_finds_a_case_by_a_petitioners_phone_or_id_number(api, owner, token_for, two_cases, id_number,
                                                                 monkeypatch):
    mine, other = two_cases
    monkeypatch.setattr(crypto, "decrypt", lambda *a: pytest.fail("decrypted"))
    headers = token_for(owner)
    assert _ids(api, headers, "13900001111") == {mine.pk}
    assert _ids(api, headers, "139 0000 1111") == {mine.pk}  # normalised before the blind index
    assert _ids(api, headers, "13800002222") == {other.pk}
    assert _ids(api, headers, id_number) == {mine.pk}
    assert _ids(api, headers, id_number.lower()) == {mine.pk}


def test_names_and_titles_match_by_part(api, owner, token_for, two_cases):
    mine, other = two_cases
    headers = token_for(owner)
    assert _ids(api, headers, "王五") == {other.pk}
    assert _ids(api, headers, "郑") == {mine.pk}
    assert _ids(api, headers, "路灯") == {other.pk}
    assert _ids(api, headers, "无此人") == set()


def test_search_keeps_the_jurisdiction(api, outsider, token_for, two_cases):
    mine, _other = two_cases
    headers = token_for(outsider)
    assert _ids(api, headers, mine.tracking_no) == set()
    assert _ids(api, headers, "13900001111") == set()


def test_the_queue_page_searches_the_same_way(client, owner, two_cases):
    from tests.conftest import PASSWORD

    mine, other = two_cases
    client.login(username="owner", password=PASSWORD)
    page = client.get("/cases/", {"q": "13800002222", "state": "all"}).content.decode()
    assert other.tracking_no in page and mine.tracking_no not in page
    page = client.get("/cases/", {"q": mine.tracking_no[-3:], "state": "all"}).content.decode()
    assert mine.tracking_no in page
