"""What the petitioner sees of a case — one shape for the page and the API."""

from __future__ import annotations

from sixia.cases import labels, workflow
from sixia.cases.models import Case, OutboundMessage, ReturnVisit
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
        "notices": notices_sent(case),
    }


def notices_sent(case: Case) -> list[dict]:
    """告知短信 that left for this case: kind, when, whether the gateway reported it delivered (masked phone only)."""
    sent = case.outbound_messages.filter(status=OutboundMessage.Status.SENT).order_by("sent_at", "pk")
    return [{"kind": m.kind, "label": str(labels.NOTICES.get(m.kind, m.kind)), "at": m.sent_at,
             "phone": m.phone_masked, "delivery": m.delivery,
             "delivery_label": str(m.get_delivery_display())} for m in sent]


def objection_dict(objection: services.Objection | None) -> dict | None:
    if objection is None:
        return None
    return {"path": objection.path, "label": "申请复查", "due": objection.due, "organ": objection.organ,
            "law": "信访工作条例第三十五条：自收到书面答复之日起30日内请求原办理行政机关的上一级行政机关复查"}
