"""API of the classifier: category and responsible-unit suggestions. Thin: parse, call, shape.

``POST /insight/suggest`` is what the intake page calls (session auth) while a dispatcher types a demand:
``{"title", "content", "region_code"?}`` → ``{"model_version", "category": [{code, name, probability}],
"unit": [{id, name, probability}], "auto_dispatch"}``. Without a trained model the lists are empty and
``model_version`` is null.
"""

from __future__ import annotations

from ninja import Router, Schema

from sixia.api.auth import needs
from sixia.api.schemas import Error
from sixia.cases import selectors as case_selectors
from sixia.insight import classify
from sixia.insight import permissions as rights

router = Router()


class SuggestIn(Schema):
    title: str = ""
    content: str = ""
    region_code: str = ""


class CategorySuggestion(Schema):
    code: str
    name: str
    probability: float


class UnitSuggestion(Schema):
    id: int | None = None
    name: str
    probability: float


class SuggestOut(Schema):
    model_version: str | None
    category: list[CategorySuggestion]
    unit: list[UnitSuggestion]
    auto_dispatch: bool


@router.post("/insight/suggest", auth=needs(rights.SUGGEST), response=SuggestOut, summary="智能分类：问题分类与承办单位建议")
def suggest(request, payload: SuggestIn):
    return classify.suggest(title=payload.title, content=payload.content,
                            region_code=payload.region_code).as_dict()


class ChoiceIn(Schema):
    category: str = ""
    unit_id: int | None = None
    reason: str = ""
    version: int | None = None


class ChoiceOut(Schema):
    case_id: int
    category: str
    unit_id: int | None
    accepted: bool
    version: int


@router.post("/insight/cases/{case_id}/choice", auth=needs(rights.CONFIRM), response={200: ChoiceOut, 403: Error, 409: Error, 422: Error},
             summary="采纳或改选智能分类（记入办理过程，用于下次训练）")
def choose(request, case_id: int, payload: ChoiceIn):
    case = case_selectors.get_case(request.auth, case_id)
    if payload.version is not None:
        case.version = payload.version  # optimistic locking: record_choice refuses a stale version
    case = classify.record_choice(actor=request.auth, case=case, category=payload.category,
                                  unit_id=payload.unit_id, reason=payload.reason)
    event = case.events.filter(action=classify.SUGGEST_ACTION).order_by("-at", "-id").first()
    data = event.data if event else {}
    return {"case_id": case.pk, "category": case.category.code if case.category else "",
            "unit_id": (data.get("chosen") or {}).get("unit_id"), "accepted": bool(data.get("accepted")),
            "version": case.version}
