"""Writes of the case system. The public contract used by other apps (activities, quotas):

``create_case(*, actor, channel, title, content, region_code, …) -> Case`` and
``perform_action(*, actor, case, action, args, now=None) -> Case``; the side actions of the 包案 and 督办 desks
through ``perform_side_action`` (same arguments; ``SIDE_ACTIONS`` lists them).
"""

from sixia.cases.services.actions import perform_action
from sixia.cases.services.intake import create_case, dispatch_rule_for
from sixia.cases.services.leaders import add_leader_note, set_owner_leader
from sixia.cases.services.side_actions import SIDE_ACTIONS, perform_side_action
from sixia.cases.services.supervising import answer_supervision, supervise_case
from sixia.cases.services.supervision import scan_deadlines

__all__ = ["SIDE_ACTIONS", "add_leader_note", "answer_supervision", "create_case", "dispatch_rule_for",
           "perform_action", "perform_side_action", "scan_deadlines", "set_owner_leader", "supervise_case"]
