"""Home panel: the signed-in leader's own quotas for the current quarter."""

from __future__ import annotations

from django.utils import timezone

from sixia.quotas import compliance
from sixia.web.panels import Panel


def home_panels(request) -> list[Panel]:
    official = getattr(request.user, "official", None)
    if official is None:
        return []
    period = compliance.current_period("quarter")
    row = compliance.evaluate_officials([official], period, timezone.localdate())[0]
    if not row.results:
        return []
    return [Panel(title="我的履职", template="quotas/_panel.html", context={"row": row}, order=30)]
