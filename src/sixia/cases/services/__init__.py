"""Writes of the case system. The public contract used by other apps (activities, quotas):

``create_case(*, actor, channel, title, content, region_code, …) -> Case`` and
``perform_action(*, actor, case, action, args, now=None) -> Case``.
"""

from sixia.cases.services.actions import perform_action
from sixia.cases.services.intake import create_case, dispatch_rule_for
from sixia.cases.services.leaders import add_leader_note, set_owner_leader
from sixia.cases.services.supervision import scan_deadlines

__all__ = ["add_leader_note", "create_case", "dispatch_rule_for", "perform_action", "scan_deadlines",
           "set_owner_leader"]
