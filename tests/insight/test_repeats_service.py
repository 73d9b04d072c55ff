"""Repeated petitions through the database: the index, identity through the blind indexes across channels,
越级 / 三多 flags, and 并单 as 重复件 with entries in both case files."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from sixia.cases.models import Case, CaseEvent
from sixia.cases.services import create_case
from sixia.core.errors import Conflict, InvalidInput
from sixia.core.models import AuditEntry
from sixia.insight import repeats
from sixia.insight.models import CaseBand, CaseSignature, RepeatSettings
from sixia.people.services import create_person

TZ = ZoneInfo("Asia/Shanghai")
TOWNSHIP = "350921101"
DRAIN = ("我是长春镇东关村村民，村口的排水沟堵塞已经三个月了，每逢下雨污水就漫进我家院子，"
         "多次向村委会反映都没有人来处理，请政府尽快组织疏通排水沟。")
DRAIN_REWRITE = ("再次反映长春镇东关村村口排水沟堵塞的问题，已经三个多月没人处理，下雨时污水漫进院子，"
                 "村委会一直推脱，请尽快疏通。")
SCHOOL = "牙城镇中心小学门口早晚高峰交通拥堵，接送孩子的车辆乱停乱放，建议增派交警疏导并设置临时停车位。"


def _id_number(body17: str = "35092119850101123") -> str:
    from sixia.core.identity import id_check_char

    return body17 + id_check_char(body17)


def _case(actor, title, content, *, channel="visit", region=TOWNSHIP, petitioners=None, now=None) -> Case:
    return create_case(actor=actor, channel=channel, title=title, content=content, region_code=region,
                       petitioners=petitioners or [], now=now)


@pytest.fixture
def city_user(make_user, regions):
    from sixia.org.models import Unit
    from sixia.org.services import create_unit

    unit = create_unit(actor=None, name="宁德市信访局", kind=Unit.Kind.PETITION_OFFICE, region_code="3509")
    return make_user("city", ["admin", "dispatcher"], "3509", unit)


def test_it_indexes_a_case_when_it_is_saved_and_again_when_its_text_changes(owner):
    case = _case(owner, "排水沟堵塞", DRAIN)
    row = CaseSignature.objects.get(case=case)
    assert CaseBand.objects.filter(case=case).count() == repeats.hasher().config.bands
    assert not repeats.index_case(case)  # unchanged text: nothing to do
    case.content = SCHOOL
    case.save()
    assert CaseSignature.objects.get(case=case).exact_key != row.exact_key
    assert CaseBand.objects.filter(case=case).count() == repeats.hasher().config.bands


def test_it_finds_exact_and_near_duplicates_but_not_other_matters(owner):
    first = _case(owner, "排水沟堵塞", DRAIN)
    near = _case(owner, "东关村排水沟堵塞", DRAIN + "希望今年汛期前解决。")
    other = _case(owner, "学校门口拥堵", SCHOOL)
    result = repeats.find_repeats(owner, title="排水沟堵塞", content=" " + DRAIN.replace("，", ","),
                                  region_code=TOWNSHIP)
    ids = [c["case_id"] for c in result.candidates]
    assert ids[0] == first.pk and result.candidates[0]["exact"] and result.candidates[0]["similarity"] == 1.0
    assert near.pk in ids and other.pk not in ids
    row = result.candidates[0]
    assert row["tracking_no"] == first.tracking_no and row["state"] == "registered" and row["title"] == "排水沟堵塞"
    assert not row["identity_match"] and not row["is_repeat"]  # nobody named: same matter, not the same person


def test_identity_through_the_blind_index_finds_the_same_person_across_channels(owner):
    idn = _id_number()
    by_visit = _case(owner, "东关村排水沟堵塞", DRAIN, channel="visit",
                     petitioners=[{"name": "郑四", "id_number": idn, "address": "长春镇东关村12号"}])
    # a second person record (no ID number given on the phone) with the same name at the same address
    create_person(actor=None, name="郑四", region_code=TOWNSHIP, phone="13900001111", address="长春镇东关村12号")
    by_phone = _case(owner, "再次反映东关村排水沟", DRAIN_REWRITE, channel="hotline",
                     petitioners=[{"name": "郑四", "phone": "13900001111"}])
    assert by_visit.petitioners.get().person_id != by_phone.petitioners.get().person_id

    # typed at intake on another channel: only the name and address this time
    result = repeats.find_repeats(owner, title="东关村排水沟堵塞问题", content=DRAIN_REWRITE, region_code=TOWNSHIP,
                                  petitioners=[{"name": "郑四", "address": "长春镇 东关村 12号"}])
    got = {c["case_id"]: c for c in result.candidates}
    assert set(got) == {by_visit.pk, by_phone.pk}
    assert all(c["identity_match"] and c["is_repeat"] for c in got.values())
    assert got[by_visit.pk]["text_similarity"] < 0.25 <= got[by_visit.pk]["similarity"]  # rewritten; title decides

    # from somebody else, only the text counts: the same text is a candidate, the rewritten one is not
    stranger = repeats.find_repeats(owner, title="东关村排水沟堵塞问题", content=DRAIN_REWRITE, region_code=TOWNSHIP,
                                    petitioners=[{"name": "王五", "phone": "13700002222"}])
    assert [(c["case_id"], c["identity_match"], c["is_repeat"]) for c in stranger.candidates] == [
        (by_phone.pk, False, False)]


def test_person_records_are_matched_by_index_without_decrypting(owner, monkeypatch):
    from sixia.core import crypto

    idn = _id_number()
    case = _case(owner, "排水沟", DRAIN, petitioners=[{"name": "郑四", "id_number": idn}])

    def refuse(*args, **kwargs):
        raise AssertionError("decrypted")

    monkeypatch.setattr(crypto, "decrypt", refuse)
    result = repeats.find_repeats(owner, title="排水沟", content=DRAIN_REWRITE, region_code=TOWNSHIP,
                                  petitioners=[{"name": "郑四", "id_number": idn}])
    assert [c["case_id"] for c in result.candidates] == [case.pk]
    assert repeats.repeats_of_case(owner, case).candidates == []


def test_over_level_flag_is_set_when_the_city_receives_a_township_matter(owner, city_user):
    assert repeats.find_repeats(city_user, title="排水沟", content=DRAIN, region_code=TOWNSHIP).flags["over_level"]
    assert not repeats.find_repeats(owner, title="排水沟", content=DRAIN, region_code=TOWNSHIP).flags["over_level"]
    settings = RepeatSettings.objects.create(competent_level=2)  # rules are data: the city is competent
    assert not repeats.find_repeats(city_user, title="排水沟", content=DRAIN,
                                    region_code=TOWNSHIP).flags["over_level"]
    settings.delete()

    case = _case(city_user, "排水沟", DRAIN)  # flagged on registration, right after the register entry
    case.refresh_from_db()
    assert case.is_over_level
    assert list(CaseEvent.objects.filter(case=case).values_list("action", flat=True)) == [
        "register", "flag_over_level"]
    assert repeats.apply_over_level(actor=city_user, case=case) is True  # unchanged: no second event
    assert CaseEvent.objects.filter(case=case, action="flag_over_level").count() == 1
    assert not _case(owner, "排水沟", DRAIN).is_over_level  # the county: competent
    hotline = _case(city_user, "排水沟", DRAIN, channel="hotline")
    hotline.refresh_from_db()
    assert not hotline.is_over_level  # the city-level hotline is not 越级 by design


def test_three_many_over_years_levels_and_bodies(owner, township_user, city_user):
    person = [{"name": "郑四", "id_number": _id_number()}]
    _case(township_user, "东关村排水沟堵塞", DRAIN, petitioners=person, now=datetime(2024, 5, 6, 10, tzinfo=TZ))
    _case(owner, "东关村排水沟堵塞", DRAIN_REWRITE, petitioners=person, now=datetime(2025, 6, 7, 10, tzinfo=TZ))
    flags = repeats.find_repeats(city_user, title="东关村排水沟堵塞", content=DRAIN, region_code=TOWNSHIP,
                                 petitioners=person).flags
    assert flags["repeat_count"] == 2
    assert flags["multi_year"] and flags["multi_level"] and flags["multi_body"] and flags["three_many"]
    assert flags["over_level"]

    alone = repeats.find_repeats(owner, title="东关村排水沟堵塞", content=DRAIN, region_code=TOWNSHIP,
                                 petitioners=[{"name": "李六", "id_number": _id_number("35092119900101123")}]).flags
    assert alone["repeat_count"] == 0 and not alone["three_many"]


def test_mark_repeated_merges_into_the_main_case_with_a_timeline_entry_in_both(owner):
    main = _case(owner, "东关村排水沟堵塞", DRAIN)
    again = _case(owner, "东关村排水沟堵塞", DRAIN)
    merged = repeats.mark_repeated(actor=owner, case=again, into=main, reason="同一人同一事项", similarity=1.0)
    again.refresh_from_db()
    assert again.is_repeated and again.merged_into_id == main.pk and again.state == "merged" and merged.is_repeated
    actions = list(CaseEvent.objects.filter(case=again).values_list("action", flat=True))
    assert actions == ["register", "merge", "mark_repeated"]
    into_event = CaseEvent.objects.get(case=main, action="merged_in")
    assert into_event.data["tracking_no"] == again.tracking_no and into_event.reason == "同一人同一事项"
    assert AuditEntry.objects.filter(object_type="cases.case", object_id=str(again.pk),
                                     summary__startswith="重复件并单").exists()
    with pytest.raises(Conflict):
        repeats.mark_repeated(actor=owner, case=again, into=main, reason="再次")


def test_mark_repeated_needs_a_reason_and_changes_nothing_without_one(owner):
    main = _case(owner, "排水沟", DRAIN)
    again = _case(owner, "排水沟", DRAIN)
    with pytest.raises(InvalidInput):
        repeats.mark_repeated(actor=owner, case=again, into=main, reason=" ")
    again.refresh_from_db()
    assert not again.is_repeated and again.state == "registered"


def test_bad_input_is_refused_in_chinese_and_english(owner):
    with pytest.raises(InvalidInput) as exc:
        repeats.find_repeats(owner, title="", content="", region_code=TOWNSHIP)
    assert "请填写" in exc.value.as_dict()["message"]
    with pytest.raises(InvalidInput):
        repeats.find_repeats(owner, title="排水沟", content=DRAIN, region_code="123")


def test_the_index_command_rebuilds_missing_signatures(owner):
    from io import StringIO

    from django.core.management import call_command

    case = _case(owner, "排水沟堵塞", DRAIN)
    CaseBand.objects.all().delete()
    CaseSignature.objects.all().delete()
    out = StringIO()
    call_command("insight_repeats", "index", stdout=out)
    assert "indexed 1 cases" in out.getvalue()
    assert CaseBand.objects.filter(case=case).count() == repeats.hasher().config.bands
    call_command("insight_repeats", "stats", stdout=out)
    assert "signatures 1" in out.getvalue()


def test_half_typed_identity_values_are_ignored_not_refused(owner):
    keys = repeats.identity_keys_from_input([{"name": "郑四", "id_number": "3509211985", "phone": "139"}])
    assert keys == set()
    assert repeats.find_repeats(owner, title="排水沟", content=DRAIN, region_code=TOWNSHIP,
                                petitioners=[{"name": "郑四", "id_number": "35092"}]).candidates == []
