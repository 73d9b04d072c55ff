"""The pure repeat engine: normalisation, exact and near-duplicate detection, identity keys, 越级 and 三多."""

import numpy as np
import pytest

from sixia.engines.insight import repeats as rp

BASE = ("我是长春镇东关村村民，村口的排水沟堵塞已经三个月了，每逢下雨污水就漫进我家院子，"
        "多次向村委会反映都没有人来处理，请政府尽快组织疏通排水沟。")
REWRITE = ("再次反映长春镇东关村村口排水沟堵塞的问题，已经三个多月没人处理，下雨时污水漫进院子，"
           "村委会一直推脱，请尽快疏通。")
OTHER = "牙城镇中心小学门口早晚高峰交通拥堵，接送孩子的车辆乱停乱放，建议增派交警疏导并设置临时停车位。"


def test_it_normalises_width_case_spaces_and_punctuation():
    assert rp.normalise("ＡＢＣ１２３，你好！ \n 世界") == "abc123你好世界"
    assert rp.exact_key("你好，世界") == rp.exact_key(" 你好 世界 。")
    assert rp.exact_key("你好世界") != rp.exact_key("你好地球")


def test_it_finds_an_exact_repeat_with_similarity_one():
    h = rp.Hasher()
    assert rp.similarity(h.signature(BASE), h.signature(" " + BASE.replace("，", ", "))) == 1.0


def test_it_scores_a_near_duplicate_between_unrelated_and_identical():
    h = rp.Hasher()
    base, near, other = h.signature(BASE), h.signature(BASE + "希望得到答复。"), h.signature(OTHER)
    assert rp.similarity(base, near) > 0.7
    assert rp.similarity(base, other) < 0.1


def test_signatures_are_datasketch_minhashes():
    h = rp.Hasher()
    a, b = h.minhash(BASE), h.minhash(REWRITE)
    assert a.jaccard(b) == pytest.approx(rp.similarity(h.signature(BASE), h.signature(REWRITE)))


def test_the_index_returns_duplicates_and_not_unrelated_messages():
    h = rp.Hasher()
    index = rp.RepeatIndex(h)
    index.add_texts([1, 2, 3], [BASE, BASE + "希望得到答复。", OTHER])
    found = index.query(h.signature(BASE), min_similarity=0.5)
    assert [i for i, _ in found] == [1, 2]
    assert found[0][1] == 1.0
    assert index.query(h.signature(BASE), min_similarity=0.5, exclude=1)[0][0] == 2
    index.add([9], h.signature(OTHER).reshape(1, -1))  # adding after a query rebuilds
    assert {i for i, _ in index.query(h.signature(OTHER))} == {3, 9}
    assert len(index) == 4


def test_band_keys_are_positive_63_bit_and_differ_per_band():
    h = rp.Hasher()
    keys = h.band_keys(h.signature(BASE))
    assert len(keys) == h.config.bands and len(set(keys)) == h.config.bands
    assert all(0 <= k < 2**63 for k in keys)
    assert rp.from_bytes(rp.to_bytes(h.signature(BASE))).tolist() == h.signature(BASE).tolist()


def test_empty_text_has_a_signature_that_matches_nothing_real():
    h = rp.Hasher()
    empty = h.signature("")
    assert np.all(empty == 0xFFFFFFFF)
    assert rp.similarity(empty, h.signature(BASE)) == 0.0


def test_identity_needs_a_shared_key():
    assert rp.identity_match({"id:abc", "phone:1"}, {"phone:1"})
    assert not rp.identity_match({"id:abc"}, {"id:xyz", ""})
    assert not rp.identity_match(set(), {"id:abc"})
    assert not rp.identity_match({""}, {""})


def test_rank_applies_the_lower_threshold_to_the_same_person():
    rules = rp.RepeatRules(min_similarity=0.5, identity_min_similarity=0.2, repeat_similarity=0.35)
    ranked = rp.rank([rp.Candidate(1, 0.3), rp.Candidate(2, 0.3, identity_match=True), rp.Candidate(3, 0.9),
                      rp.Candidate(4, 0.1, identity_match=True)], rules)
    assert [c.key for c in ranked] == [3, 2]
    assert not rp.is_repeat(ranked[0], rules)  # same matter, another person
    assert not rp.is_repeat(ranked[1], rules)  # same person, 0.3 < 0.35
    assert rp.is_repeat(rp.Candidate(5, 0.4, identity_match=True), rules)


@pytest.mark.parametrize(("matter", "receiver", "competent", "expected"), [
    (4, 3, 3, False),  # township matter filed with the county: the competent level
    (4, 2, 3, True),  # … with the city: 越级
    (5, 4, 3, False),  # village matter at the township
    (3, 2, 3, True),  # county matter at the city
    (2, 2, 3, False),  # a city-wide matter at the city
    (2, 1, 3, True),  # … at the province
    (4, 2, 2, False),  # with the competent level set to the city, the city is not 越级
    (4, None, 3, False),  # unknown receiving body
])
def test_over_level_rule(matter, receiver, competent, expected):
    rule = rp.OverLevelRule(competent_level=competent)
    assert rp.is_over_level(matter_level=matter, receiver_level=receiver, rule=rule) is expected


def test_three_many_counts_years_levels_and_bodies():
    one_place = [rp.Filing(2025, 3, 1), rp.Filing(2025, 3, 1)]
    assert not rp.three_many(one_place).any
    spread = [rp.Filing(2024, 3, 1), rp.Filing(2025, 2, 7), rp.Filing(2026, 3, 2)]
    got = rp.three_many(spread)
    assert got.multi_year and got.multi_level and got.multi_body and got.as_dict()["three_many"]
    strict = rp.three_many(spread, rp.ThreeManyRule(years=4, levels=3, bodies=3))
    assert not strict.multi_year and not strict.multi_level and strict.multi_body


def test_the_same_person_counts_a_rewritten_message_with_the_same_title_as_the_same_matter():
    h = rp.Hasher()
    text_sim = rp.similarity(h.signature("东关村排水沟堵塞\n" + BASE), h.signature("东关村排水沟堵塞问题\n" + REWRITE))
    title_sim = rp.title_similarity("东关村排水沟堵塞", "再次反映东关村排水沟堵塞问题")
    assert text_sim < 0.25 < title_sim
    rules = rp.RepeatRules()
    same_person = rp.Candidate(1, text_sim, identity_match=True, title_similarity=title_sim)
    other_person = rp.Candidate(2, text_sim, identity_match=False, title_similarity=title_sim)
    assert same_person.score == title_sim and rp.is_repeat(same_person, rules)
    assert other_person.score == text_sim and rp.rank([other_person], rules) == []
    assert rp.title_similarity("", "东关村") == 0.0
