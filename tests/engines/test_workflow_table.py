"""Every state × action pair of the case workflow, on both paths, against an expectation written here.

The expectation below is written independently of ``sixia.engines.workflow.ACTIONS`` (a grid by state, read
from the 信访工作条例 and 接诉即办 flows in rules.md), so a change to the table that was not meant shows up as
a failing pair. ``=`` means "stays in the same state"; ``<`` means "back to the state it was suspended from".
Every pair not listed must be refused as not allowed now, whoever asks.
"""

from __future__ import annotations

import itertools

import pytest

from sixia.engines.workflow import (
    ACTIONS,
    STATES,
    TERMINAL,
    Actor,
    CaseView,
    Refused,
    allowed_actions,
    decide,
    initial_state,
    track_of,
)

EXPECTED_GRID = """
registered:          accept>accepted reject>rejected forward>forwarded merge>merged answer>closed
accepted:            forward>forwarded assign>assigned suspend>suspended merge>merged
assigned:            sign>handling dispute>disputed reassign>assigned extend>= suspend>suspended merge>merged
handling:            dispute>disputed reassign>assigned extend>= suspend>suspended reply>replied merge>merged
disputed:            reassign>assigned merge>merged
suspended:           resume><
replied:             return_visit>visited rate>visited reopen>handling request_review>review_requested close>closed
visited:             rate>visited reopen>handling request_review>review_requested close>closed
review_requested:    reply_review>reviewed
reviewed:            request_re_review>re_review_requested close>closed
re_review_requested: reply_re_review>re_reviewed suspend>suspended
re_reviewed:         finalize>finalized
rejected:
forwarded:
finalized:
closed:              request_review>review_requested
merged:
"""
ALL_STATES = ["registered", "accepted", "assigned", "handling", "disputed", "suspended", "replied", "visited",
              "review_requested", "reviewed", "re_review_requested", "re_reviewed", "rejected", "forwarded",
              "finalized", "closed", "merged"]
ALL_ACTIONS = ["accept", "reject", "forward", "assign", "sign", "dispute", "reassign", "extend", "suspend", "resume",
               "reply", "return_visit", "rate", "reopen", "merge", "request_review", "reply_review",
               "request_re_review", "reply_re_review", "finalize", "close", "answer"]
HOTLINE_ONLY = {"answer"}  # 当场答复: a hotline consultation only
NEEDS_REASON = {"reject", "forward", "dispute", "extend", "suspend", "reopen", "merge"}
TRACKS = ["petition", "hotline"]
UNIT_ID = 7
# roles of the users, plus being a handler of the responsible unit (UNIT_ID): may do everything the table allows
EVERYONE = Actor(1, frozenset({"admin", "dispatcher", "leader", "head", "handler"}), UNIT_ID)
HANDLED_ELSEWHERE = 8  # in the review states the case was handled by another unit (it may not review itself)


def _parse(grid: str) -> dict[tuple[str, str], str]:
    expected = {}
    for line in grid.strip().splitlines():
        state, _, rest = line.partition(":")
        for item in rest.split():
            action, target = item.split(">")
            expected[(state.strip(), action)] = target
    return expected


EXPECTED = _parse(EXPECTED_GRID)
PAIRS = list(itertools.product(TRACKS, ALL_STATES, ALL_ACTIONS))


def test_the_expectation_names_exactly_the_engines_states_and_actions():
    assert set(ALL_STATES) == set(STATES)
    assert set(ALL_ACTIONS) == set(ACTIONS)
    assert {s for s, _ in EXPECTED} <= set(ALL_STATES) and {a for _, a in EXPECTED} <= set(ALL_ACTIONS)
    assert {"rejected", "forwarded", "finalized", "closed", "merged"} == set(TERMINAL)


def _case(track: str, state: str) -> CaseView:
    unit = HANDLED_ELSEWHERE if state in ("review_requested", "re_review_requested") else UNIT_ID
    return CaseView(state=state, responsible_unit_id=unit, suspended_from="handling" if state == "suspended" else "",
                    track=track, demand_type="consult")


@pytest.mark.parametrize(("track", "state", "action"), PAIRS, ids=[f"{t}-{s}-{a}" for t, s, a in PAIRS])
def test_every_state_and_action_pair(track, state, action):
    case = _case(track, state)
    expected = None if action in HOTLINE_ONLY and track != "hotline" else EXPECTED.get((state, action))
    for actor in (EVERYONE, None):  # a user with every role of the responsible unit, and the system itself
        if expected is None:
            with pytest.raises(Refused) as refused:
                decide(case, action, actor, reason="理由")
            assert (refused.value.kind, refused.value.code) == ("not_now", "action_not_allowed")
            assert STATES[state] in refused.value.message_zh  # the Chinese message names the state
        else:
            decision = decide(case, action, actor, reason="理由")
            target = {"=": state, "<": "handling"}.get(expected, expected)
            assert (decision.action, decision.from_state, decision.to_state) == (action, state, target)
    assert (action in allowed_actions(case, EVERYONE)) == (expected is not None)


@pytest.mark.parametrize("track", TRACKS)
def test_resume_returns_to_the_state_it_was_suspended_from(track):
    for before in ("accepted", "assigned", "handling"):
        case = CaseView(state="suspended", responsible_unit_id=UNIT_ID, suspended_from=before, track=track)
        assert decide(case, "resume", EVERYONE).to_state == before
    # an old row without the remembered state resumes into handling
    assert decide(CaseView(state="suspended", track=track), "resume", None).to_state == "handling"


@pytest.mark.parametrize("action", sorted(NEEDS_REASON))
def test_actions_that_need_a_reason_refuse_a_blank_one_and_change_nothing(action):
    state = next(s for (s, a) in EXPECTED if a == action)
    case = _case("petition", state)
    for blank in ("", "   "):
        with pytest.raises(Refused) as refused:
            decide(case, action, EVERYONE, reason=blank)
        assert (refused.value.kind, refused.value.code, refused.value.field) == ("invalid", "reason_required", "reason")


def test_only_the_listed_actions_need_a_reason():
    for action in set(ALL_ACTIONS) - NEEDS_REASON:
        state = next(s for (s, a) in EXPECTED if a == action)
        decide(_case("hotline", state), action, EVERYONE, reason="")


def test_an_unknown_action_is_refused_as_such():
    with pytest.raises(Refused) as refused:
        decide(_case("petition", "registered"), "approve_everything", EVERYONE)
    assert refused.value.kind == "unknown_action"


# ---- who may do what: role and unit ---------------------------------------------------------------------------

DISPATCHER = Actor(2, frozenset({"dispatcher"}), 99)
ADMIN = Actor(3, frozenset({"admin"}), None)
LEADER = Actor(4, frozenset({"leader"}), 99)
OWN_HANDLER = Actor(5, frozenset({"handler"}), UNIT_ID)  # a handler of the responsible unit
OTHER_HANDLER = Actor(6, frozenset({"handler"}), 8)  # a handler of another unit
HANDLER_WITHOUT_UNIT = Actor(9, frozenset({"handler"}), None)
VIEWER = Actor(10, frozenset({"viewer", "auditor"}), UNIT_ID)  # a role the table never names
HEAD = Actor(11, frozenset({"head"}), 99)  # 机关负责人
ACTORS = {"dispatcher": DISPATCHER, "admin": ADMIN, "leader": LEADER, "head": HEAD, "own_handler": OWN_HANDLER,
          "other_handler": OTHER_HANDLER, "handler_without_unit": HANDLER_WITHOUT_UNIT, "viewer": VIEWER}

DESK = "admin dispatcher"
WHO = {  # written from the duties: the desk registers and dispatches, the responsible unit handles,
    "accept": DESK, "reject": DESK, "forward": DESK, "assign": DESK,  # the organ's head approves extensions
    "sign": "own_handler", "dispute": "own_handler", "reassign": DESK,
    "extend": "head", "suspend": DESK + " own_handler", "resume": DESK + " own_handler",
    "reply": "own_handler", "return_visit": DESK, "rate": DESK, "reopen": DESK, "merge": DESK,
    "request_review": DESK, "reply_review": DESK, "request_re_review": DESK,
    "reply_re_review": DESK, "finalize": DESK, "close": DESK, "answer": DESK,
}
ROLE_PAIRS = [(a, who) for a in ALL_ACTIONS for who in ACTORS]


@pytest.mark.parametrize(("action", "who"), ROLE_PAIRS, ids=[f"{a}-{w}" for a, w in ROLE_PAIRS])
def test_who_may_take_each_action(action, who):
    state = next(s for (s, a) in EXPECTED if a == action)
    for track in (["hotline"] if action in HOTLINE_ONLY else TRACKS):
        case = _case(track, state)
        if who in WHO[action].split():
            assert decide(case, action, ACTORS[who], reason="理由").from_state == state
            assert action in allowed_actions(case, ACTORS[who])
        else:
            with pytest.raises(Refused) as refused:
                decide(case, action, ACTORS[who], reason="理由")
            assert (refused.value.kind, refused.value.code) == ("forbidden", "not_permitted")
            assert action not in allowed_actions(case, ACTORS[who])


def test_wrong_state_is_reported_before_wrong_person():
    with pytest.raises(Refused) as refused:
        decide(_case("petition", "closed"), "sign", OTHER_HANDLER)
    assert refused.value.kind == "not_now"


def test_a_handler_becomes_the_unit_only_for_the_case_of_its_unit():
    assigned_elsewhere = CaseView(state="assigned", responsible_unit_id=8)
    assert allowed_actions(assigned_elsewhere, OWN_HANDLER) == []
    assert allowed_actions(assigned_elsewhere, OTHER_HANDLER) == ["sign", "dispute", "suspend"]
    unassigned = CaseView(state="assigned", responsible_unit_id=None)
    assert allowed_actions(unassigned, HANDLER_WITHOUT_UNIT) == []


def test_allowed_actions_agree_with_decide_for_every_actor_and_state():
    for track, state, actor in itertools.product(TRACKS, ALL_STATES, ACTORS.values()):
        case = _case(track, state)
        can = set()
        for action in ALL_ACTIONS:
            try:
                decide(case, action, actor, reason="理由")
                can.add(action)
            except Refused:
                pass
        assert set(allowed_actions(case, actor)) == can, (track, state, actor)


# ---- the two paths walked end to end --------------------------------------------------------------------------

PETITION_PATH = [  # 登记 → 受理 → 交办 → 签收 → 延期 → 答复 → 复查 → 复核 → 终结
    ("accept", DISPATCHER, "accepted"), ("assign", DISPATCHER, "assigned"), ("sign", OWN_HANDLER, "handling"),
    ("extend", HEAD, "handling"), ("reply", OWN_HANDLER, "replied"),
    ("request_review", DISPATCHER, "review_requested"), ("reply_review", DISPATCHER, "reviewed"),
    ("request_re_review", DISPATCHER, "re_review_requested"), ("reply_re_review", ADMIN, "re_reviewed"),
    ("finalize", DISPATCHER, "finalized"),
]
HOTLINE_PATH = [  # 受理 → 派单 → 退单 → 改派 → 签收 → 挂起/恢复 → 答复 → 回访 → 重办 → 答复 → 评价 → 办结
    ("accept", DISPATCHER, "accepted"), ("assign", DISPATCHER, "assigned"), ("dispute", OWN_HANDLER, "disputed"),
    ("reassign", DISPATCHER, "assigned"), ("sign", OWN_HANDLER, "handling"), ("suspend", OWN_HANDLER, "suspended"),
    ("resume", DISPATCHER, "handling"), ("reply", OWN_HANDLER, "replied"), ("return_visit", DISPATCHER, "visited"),
    ("reopen", DISPATCHER, "handling"), ("reply", OWN_HANDLER, "replied"), ("rate", DISPATCHER, "visited"),
    ("close", DISPATCHER, "closed"),
]


@pytest.mark.parametrize(("channel", "path"), [("visit", PETITION_PATH), ("hotline", HOTLINE_PATH)])
def test_each_path_walks_from_registration_to_its_end(channel, path):
    track = track_of(channel=channel)
    state, suspended_from = initial_state(track), ""
    assert state == "registered"
    for action, actor, target in path:
        decision = decide(CaseView(state, UNIT_ID, suspended_from, track), action, actor, reason="理由")
        suspended_from = state if action == "suspend" else suspended_from
        state = decision.to_state
        assert state == target, action
    assert state in TERMINAL
    assert allowed_actions(CaseView(state, UNIT_ID, "", track), EVERYONE) == (
        [] if state == "finalized" else ["request_review"])  # 终结: the same matter is not accepted again


def test_intake_values_are_checked_and_pick_the_path():
    assert track_of(channel="hotline", demand_type="complaint") == "hotline"
    assert track_of(channel="letter", petition_class="appeal") == "petition"
    for bad in ({"channel": "pigeon"}, {"channel": "visit", "demand_type": "x"},
                {"channel": "visit", "petition_class": "x"}):
        with pytest.raises(Refused) as refused:
            track_of(**bad)
        assert refused.value.kind == "invalid" and refused.value.field in bad
    with pytest.raises(Refused):
        initial_state("fax_path")


def test_the_return_visit_is_not_shown_to_the_public():
    assert [a for a, r in ACTIONS.items() if not r.public] == ["return_visit"]
