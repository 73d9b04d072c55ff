"""What the petitioner sees of a case — one shape for the page and the API."""

from __future__ import annotations

from sixia.cases import workflow
from sixia.cases.models import Case, ReturnVisit
from sixia.public import selectors, services


def public_view(case: Case) -> dict:
    rating = selectors.public_rating(case)
    objection = services.objection_for(case) if rating and rating.satisfaction == "dissatisfied" else None
    return {
        "code": case.tracking_no,
        "title": case.title,
        "state": case.state,
        "state_label": workflow.STATES.get(case.state, case.state),
        "region": case.region.name,
        "category": case.category.name if case.category else "",
        "registered_at": case.registered_at,
        "accept_due": case.accept_due,
        "handle_due": case.handle_due,
        "replied_at": case.replied_at,
        "outcome": workflow.OUTCOMES.get(case.outcome, case.outcome) if case.replied_at else "",
        "reply": case.reply_text if case.replied_at else "",
        "timeline": [{"at": e.at, "label": e.label, "state": e.state, "unit": e.unit}
                     for e in selectors.public_timeline(case)],
        "can_rate": case.state == "replied" and rating is None,
        "rating": str(ReturnVisit.Satisfaction(rating.satisfaction).label) if rating else "",
        "objection": objection_dict(objection),
    }


def objection_dict(objection: services.Objection | None) -> dict | None:
    if objection is None:
        return None
    return {"path": objection.path, "label": "申请复查", "due": objection.due, "organ": objection.organ,
            "law": "信访工作条例第三十五条：自收到书面答复之日起30日内请求原办理行政机关的上一级行政机关复查"}
