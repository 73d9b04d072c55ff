"""Issue 13 items 5-6 on the case side: Idempotency-Key, plausibility of dates and lengths, duplicate hints,
one after-register hook."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sixia.cases.models import Case, CaseEvent, IdempotencyKey


def test_the_same_idempotency_key_twice_gives_one_case(api, owner, token_for, case_payload):
    headers = token_for(owner) | {"Idempotency-Key": "intake-2026-0001"}
    first = api.post("/cases", case_payload, headers=headers)
    again = api.post("/cases", case_payload, headers=headers)

    assert first.status_code == 201, first.content
    assert again.status_code == 200, again.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["tracking_no"] == first.json()["tracking_no"]
    assert Case.objects.count() == 1
    assert CaseEvent.objects.filter(action="register").count() == 1


def test_the_same_key_with_another_body_is_refused(api, owner, token_for, case_payload):
    headers = token_for(owner) | {"Idempotency-Key": "k-1"}
    assert api.post("/cases", case_payload, headers=headers).status_code == 201
    other = api.post("/cases", case_payload | {"title": "另一件事"}, headers=headers)
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_mismatch"
    assert Case.objects.count() == 1


def test_keys_are_per_user_and_bounded(api, owner, colleague, token_for, case_payload, make_user, units):
    other_desk = make_user("desk2", ["dispatcher"], "350921", units["county_gov"])
    assert api.post("/cases", case_payload, headers=token_for(owner) | {"Idempotency-Key": "same"}).status_code == 201
    assert api.post("/cases", case_payload,
                    headers=token_for(other_desk) | {"Idempotency-Key": "same"}).status_code == 201
    too_long = api.post("/cases", case_payload, headers=token_for(owner) | {"Idempotency-Key": "x" * 101})
    assert too_long.status_code == 422 and too_long.json()["code"] == "invalid_idempotency_key"
    assert Case.objects.count() == 2


def test_an_expired_key_creates_anew_and_is_purged(api, owner, token_for, case_payload):
    from sixia.cases.services.idempotency import purge_expired

    headers = token_for(owner) | {"Idempotency-Key": "old"}
    assert api.post("/cases", case_payload, headers=headers).status_code == 201
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert purge_expired() == 1
    assert api.post("/cases", case_payload, headers=headers).status_code == 201
    assert Case.objects.count() == 2


def test_a_losing_race_on_the_key_answers_the_first_case(owner, new_case, case_payload, monkeypatch):
    """The other request committed the key between this one's lookup and its insert: the insert fails on the
    unique constraint, nothing of this request stays, and the first case comes back."""
    from sixia.cases.services import idempotency

    first = new_case()
    IdempotencyKey.objects.create(user=owner, key="race", fingerprint=idempotency.fingerprint(case_payload),
                                  case=first, created_at=timezone.now())
    real, lookups = idempotency._earlier, []

    def late(*args):  # the first lookup ran before the other request committed
        lookups.append(args)
        return None if len(lookups) == 1 else real(*args)

    monkeypatch.setattr(idempotency, "_earlier", late)
    created = []
    case, was_created = idempotency.create_once(actor=owner, key="race", body=case_payload,
                                                create=lambda: created.append(1) or new_case())
    assert (case.pk, was_created) == (first.pk, False)
    assert created == [] and len(lookups) == 2
    assert Case.objects.count() == 1


def test_an_occurrence_in_the_future_is_422(api, owner, token_for, case_payload):
    tomorrow = (timezone.now() + timedelta(days=1)).isoformat()
    response = api.post("/cases", case_payload | {"occurred_at": tomorrow}, headers=token_for(owner))
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "date_in_future" and response.json()["field"] == "occurred_at"
    assert Case.objects.count() == 0


def test_an_occurrence_before_the_earliest_date_is_422(api, owner, token_for, case_payload):
    response = api.post("/cases", case_payload | {"occurred_at": "1990-05-01T00:00:00+08:00"},
                        headers=token_for(owner))
    assert response.status_code == 422 and response.json()["code"] == "date_too_early"  # the InputRules row
    typo = api.post("/cases", case_payload | {"occurred_at": "0201-05-01T00:00:00+08:00"}, headers=token_for(owner))
    assert typo.status_code == 422 and typo.json()["code"] == "date_out_of_range"  # refused before, by the schema


@pytest.mark.parametrize(("field", "value", "code"), [
    ("title", "题" * 201, "too_long"), ("respondent", "单" * 201, "too_long"), ("content", "内容\x00", "nul_character"),
])
def test_lengths_and_nul_are_checked_before_the_database(api, owner, token_for, case_payload, field, value, code):
    response = api.post("/cases", case_payload | {field: value}, headers=token_for(owner))
    assert response.status_code == 422, response.content
    assert response.json()["code"] == code and response.json()["field"] == field
    assert Case.objects.count() == 0


def test_a_petitioner_name_too_long_is_422(api, owner, token_for, case_payload):
    payload = case_payload | {"petitioners": [{"name": "名" * 101, "phone": "13900001111"}]}
    response = api.post("/cases", payload, headers=token_for(owner))
    assert response.status_code == 422 and response.json()["field"] == "name"


def test_check_lengths_skips_unknown_fields_and_non_text():
    from sixia.cases.models import Case as Model
    from sixia.core.errors import InvalidInput
    from sixia.core.plausibility import check_lengths

    check_lengths(Model, {"title": "短", "nonexistent": "x" * 999, "version": 3})
    with pytest.raises(InvalidInput) as err:
        check_lengths(Model, {"tracking_no": "x" * 33}, labels={"tracking_no": ("查询码", "query code")})
    assert err.value.field == "tracking_no" and "查询码" in err.value.message_zh


def test_a_return_visit_that_reached_nobody_records_no_satisfaction(handling_case, act, owner, colleague):
    from sixia.core.errors import InvalidInput

    case = act(colleague, handling_case, "reply", outcome="supported", text="已处理。")
    with pytest.raises(InvalidInput) as err:
        act(owner, case, "return_visit", method="phone", contacted=False, resolved=True)
    assert err.value.code == "visit_not_contacted"
    assert act(owner, case, "return_visit", method="phone", contacted=False).state == "visited"


def test_a_reply_served_before_the_earliest_date_is_refused(handling_case, act, colleague):
    from sixia.core.errors import InvalidInput
    from sixia.core.models import InputRules

    rules = InputRules.current()
    rules.earliest_date = timezone.localdate()
    rules.save()
    Case.objects.filter(pk=handling_case.pk).update(registered_at=timezone.now() - timedelta(days=3))
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    with pytest.raises(InvalidInput) as err:
        act(colleague, handling_case, "reply", outcome="supported", text="已处理。", served_on=yesterday)
    assert err.value.code == "date_too_early" and err.value.field == "served_on"


def test_the_api_hints_a_possible_duplicate_within_the_hour(api, owner, token_for, case_payload):
    desk = token_for(owner)
    first = api.post("/cases", case_payload, headers=desk).json()
    second = api.post("/cases", case_payload | {"title": "另一个标题", "content": "另一段内容"}, headers=desk)
    assert second.status_code == 201
    hints = [w for w in second.json()["warnings"] if w["code"] == "possible_duplicate"]
    assert [w["case_id"] for w in hints] == [first["id"]]
    assert "可能重复登记" in hints[0]["message_zh"]


def test_no_duplicate_hint_after_an_hour_or_for_another_person(owner, new_case):
    from sixia.cases.selectors import recent_duplicates

    earlier = new_case()
    other = [{"name": "王五", "phone": "13700002222"}]
    assert list(recent_duplicates(owner, title="别的", content="别的", petitioners=other)) == []
    assert list(recent_duplicates(owner, title=earlier.title, content="别的", petitioners=other)) == [earlier]
    later = timezone.now() + timedelta(hours=2)
    assert list(recent_duplicates(owner, title=earlier.title, content="x", petitioners=[], now=later)) == []
