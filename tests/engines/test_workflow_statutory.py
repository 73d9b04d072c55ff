"""The statutory rules the workflow table encodes beyond its grid (信访工作条例 2022): who decides a 复查 and a
复核 (arts. 35, 36), who approves an extension (art. 34), suspension during a 复核 (art. 36), and 复查/复核 on
the hotline path only when configured."""

from __future__ import annotations

import pytest

from sixia.engines.workflow import Actor, CaseView, Refused, allowed_actions, decide

HANDLING, REVIEW, RE_REVIEW, DESK_UNIT = 7, 17, 27, 99
HANDLER = Actor(1, frozenset({"handler"}), HANDLING)
REVIEWER = Actor(2, frozenset({"handler"}), REVIEW)
RE_REVIEWER = Actor(3, frozenset({"handler"}), RE_REVIEW)
DESK = Actor(4, frozenset({"dispatcher"}), DESK_UNIT)
DESK_OF_THE_HANDLING_UNIT = Actor(5, frozenset({"dispatcher", "handler"}), HANDLING)
HEAD = Actor(6, frozenset({"head"}), HANDLING)
LEADER = Actor(8, frozenset({"leader", "admin", "dispatcher"}), DESK_UNIT)


def _case(state: str, **kw) -> CaseView:
    return CaseView(state=state, responsible_unit_id=HANDLING, review_unit_id=REVIEW, re_review_unit_id=RE_REVIEW,
                    **kw)


def _refused(case: CaseView, action: str, actor: Actor) -> Refused:
    with pytest.raises(Refused) as refused:
        decide(case, action, actor, reason="理由")
    return refused.value


def test_the_review_organ_decides_the_review_and_the_handling_organ_never_does():
    case = _case("review_requested")
    assert decide(case, "reply_review", REVIEWER).to_state == "reviewed"
    assert decide(case, "reply_review", DESK).to_state == "reviewed"
    assert (_refused(case, "reply_review", HANDLER).kind, _refused(case, "reply_review", HANDLER).code) == (
        "forbidden", "not_permitted")
    # even with the desk's role, a user of the handling unit may not decide its own 复查
    refused = _refused(case, "reply_review", DESK_OF_THE_HANDLING_UNIT)
    assert (refused.kind, refused.code) == ("forbidden", "own_review")
    assert "reply_review" not in allowed_actions(case, DESK_OF_THE_HANDLING_UNIT)
    assert "reply_review" in allowed_actions(case, REVIEWER)


def test_the_re_review_is_decided_above_the_review_organ():
    case = _case("re_review_requested")
    assert decide(case, "reply_re_review", RE_REVIEWER).to_state == "re_reviewed"
    assert _refused(case, "reply_re_review", REVIEWER).code == "not_permitted"  # the 复查 organ is no 复核 organ
    desk_of_the_review_unit = Actor(9, frozenset({"dispatcher"}), REVIEW)
    assert _refused(case, "reply_re_review", desk_of_the_review_unit).code == "own_review"
    assert _refused(case, "reply_re_review", DESK_OF_THE_HANDLING_UNIT).code == "own_review"


def test_only_the_head_of_the_organ_approves_an_extension():
    case = _case("handling")
    assert decide(case, "extend", HEAD, reason="情况复杂").to_state == "handling"
    for actor in (LEADER, DESK, HANDLER):
        assert _refused(case, "extend", actor).code == "not_permitted"


def test_a_case_may_be_suspended_while_its_re_review_hearing_runs_and_resumes_into_it():
    case = _case("re_review_requested")
    assert decide(case, "suspend", DESK, reason="复核听证").to_state == "suspended"
    suspended = _case("suspended", suspended_from="re_review_requested")
    assert decide(suspended, "resume", DESK).to_state == "re_review_requested"


def test_hotline_cases_get_no_review_unless_configured():
    closed = CaseView(state="closed", responsible_unit_id=HANDLING, track="hotline", reviews_apply=False)
    assert _refused(closed, "request_review", DESK).kind == "not_now"
    assert "request_review" not in allowed_actions(closed, DESK)
    configured = CaseView(state="closed", responsible_unit_id=HANDLING, track="hotline", reviews_apply=True)
    assert decide(configured, "request_review", DESK).to_state == "review_requested"


def test_the_desk_answers_a_hotline_consultation_on_the_spot():
    consult = CaseView(state="registered", track="hotline", demand_type="consult")
    assert decide(consult, "answer", DESK).to_state == "closed"
    assert _refused(consult, "answer", HANDLER).kind == "forbidden"
    for other in (CaseView(state="registered", track="hotline", demand_type="complaint"),
                  CaseView(state="registered", track="petition", demand_type="consult"),
                  CaseView(state="accepted", track="hotline", demand_type="consult")):
        assert _refused(other, "answer", DESK).kind == "not_now"
        assert "answer" not in allowed_actions(other, DESK)
