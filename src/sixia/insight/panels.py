"""Home panel: the risk index (风险指数) of the regions directly under the user's jurisdiction (top five)."""

from __future__ import annotations

from sixia.core.errors import DomainError
from sixia.insight import risk
from sixia.web.panels import Panel

LEVELS = {"high": "高", "medium": "中", "low": "低", "": "—"}


def home_panels(request) -> list[Panel]:
    try:
        data = risk.risk_for(request.user)
    except DomainError:  # no jurisdiction to show
        return []
    rows = [r | {"level_label": LEVELS.get(r["level"], r["level"])} for r in data["rows"][:5] if r["cases"]]
    if not rows:
        return []
    return [Panel(title="风险指数", template="insight/_panel_risk.html",
                  context={"rows": rows, "region": data["region"], "days": data["period_days"]}, order=60)]
