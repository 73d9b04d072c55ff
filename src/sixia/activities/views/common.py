"""What the activity pages share: the kind titles, the 404 of an activity outside the jurisdiction, messages."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext, gettext_noop

from sixia.activities import selectors
from sixia.activities.models import Activity, Kind
from sixia.core.errors import NotFound

# Chinese, as stored (default titles, audit summaries, ledger file names); pages show gettext(...) of them.
KIND_TITLES: dict[str, str] = {Kind.RECEPTION: gettext_noop("领导接待日"), Kind.VISIT: gettext_noop("登门走访"),
                               Kind.ONSITE: gettext_noop("现场办公"), Kind.RESEARCH: gettext_noop("调查研究"),
                               Kind.LECTURE: gettext_noop("政策宣讲")}
PROBLEM_LABEL: dict[str, str] = {Kind.RECEPTION: gettext_noop("来访登记"), Kind.VISIT: gettext_noop("走访发现的问题"),
                                 Kind.ONSITE: gettext_noop("问题清单"), Kind.RESEARCH: gettext_noop("调研发现的问题"),
                                 Kind.LECTURE: gettext_noop("群众提问")}


def kind_titles() -> dict[str, str]:
    return {k: gettext(title) for k, title in KIND_TITLES.items()}


def cases_created(request, cases) -> None:
    if cases:
        messages.success(request, gettext("已生成诉求：%(numbers)s") % {
            "numbers": gettext("、").join(c.tracking_no for c in cases)})


def activity_or_404(user, activity_id: int) -> Activity:
    try:
        return selectors.get_activity(user, activity_id)
    except NotFound:
        raise Http404("activity not found")


def kind_or_404(kind: str) -> str:
    if kind not in Kind.values:
        raise Http404
    return kind


def attachment_name(name: str) -> str:
    """A file name for ``Content-Disposition: attachment; filename*=UTF-8''…``."""
    return quote(name)
