"""Writes of 点题整治: every one checks its right (``topics.permissions``) and the jurisdiction, in one
transaction with an audit entry. The public's anonymous steps are in ``public``."""

from sixia.topics.services.answering import add_measure, link_case, report_progress
from sixia.topics.services.curation import create_topic, merge_nominations, move
from sixia.topics.services.nominations import decline_nomination, record_nomination
from sixia.topics.services.supervising import supervise

__all__ = ["add_measure", "create_topic", "decline_nomination", "link_case", "merge_nominations", "move", "record_nomination",
           "report_progress", "supervise"]
