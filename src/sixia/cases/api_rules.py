"""API of the case rules that are data (派单目录, 时限规则): list, create, change.

Writes name their right (``auth=needs``) and go through ``cases.services.rules``, like the pages; a row outside
the caller's region is 404, a default it may only read is 403, bad input and duplicates are 422.
"""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema, Status

from sixia.api.auth import needs
from sixia.api.schemas import Error
from sixia.cases import permissions as rights
from sixia.cases.services import rules as services

router = Router(tags=["rules 规则设置"])


class DispatchRuleOut(Schema):
    id: int
    category_code: str
    region_prefix: str
    unit_id: int
    unit_name: str
    copy_unit_id: int | None
    is_active: bool


class DispatchRuleIn(Schema):
    category_code: str = ""
    region_prefix: str = ""
    unit_id: int
    copy_unit_id: int | None = None
    is_active: bool = True


class DispatchRulePatch(Schema):
    category_code: str | None = None
    region_prefix: str | None = None
    unit_id: int | None = None
    copy_unit_id: int | None = None
    is_active: bool | None = None


class PolicyOut(Schema):
    id: int
    region_prefix: str
    track: str
    kind_key: str
    category_code: str
    step: str
    kind: str
    amount: int
    note: str


class PolicyIn(Schema):
    region_prefix: str = ""
    track: str
    kind_key: str = ""
    category_code: str = ""
    step: str
    kind: str
    amount: int
    note: str = ""


class PolicyPatch(Schema):
    region_prefix: str | None = None
    track: str | None = None
    kind_key: str | None = None
    category_code: str | None = None
    step: str | None = None
    kind: str | None = None
    amount: int | None = None
    note: str | None = None


def _dispatch_out(rule) -> dict[str, Any]:
    return {"id": rule.pk, "category_code": rule.category_code, "region_prefix": rule.region_prefix,
            "unit_id": rule.unit_id, "unit_name": rule.unit.name, "copy_unit_id": rule.copy_unit_id,
            "is_active": rule.is_active}


@router.get("/rules/dispatch", response=list[DispatchRuleOut], summary="派单目录（本辖区及上级默认）")
def list_dispatch_rules(request):
    rows = services.dispatch_rules_visible_to(request.auth).order_by("region_prefix", "category_code")
    return [_dispatch_out(r) for r in rows]


@router.post("/rules/dispatch", auth=needs(rights.EDIT_DISPATCH),
             response={201: DispatchRuleOut, 403: Error, 422: Error}, summary="新增派单规则")
def create_dispatch_rule(request, payload: DispatchRuleIn):
    rule = services.save_dispatch_rule(actor=request.auth, category_code=payload.category_code,
                                       region_prefix=payload.region_prefix, unit=payload.unit_id,
                                       copy_unit=payload.copy_unit_id, is_active=payload.is_active)
    return Status(201, _dispatch_out(rule))


@router.patch("/rules/dispatch/{rule_id}", auth=needs(rights.EDIT_DISPATCH),
              response={200: DispatchRuleOut, 403: Error, 404: Error, 422: Error}, summary="修改派单规则")
def update_dispatch_rule(request, rule_id: int, payload: DispatchRulePatch):
    rule = services.get_dispatch_rule(request.auth, rule_id)
    data: dict[str, Any] = {"category_code": rule.category_code, "region_prefix": rule.region_prefix, "unit_id": rule.unit_id,
            "copy_unit_id": rule.copy_unit_id, "is_active": rule.is_active} | payload.model_dump(exclude_unset=True)
    if data["is_active"] is None:
        data["is_active"] = rule.is_active
    rule = services.save_dispatch_rule(actor=request.auth, rule=rule, category_code=data["category_code"] or "",
                                       region_prefix=data["region_prefix"] or "", unit=data["unit_id"],
                                       copy_unit=data["copy_unit_id"], is_active=data["is_active"])
    return _dispatch_out(rule)


@router.get("/rules/policies", response=list[PolicyOut], summary="时限规则（本辖区及上级默认）")
def list_policies(request):
    return list(services.policies_visible_to(request.auth).order_by("track", "step", "region_prefix", "kind_key",
                                                                    "category_code"))


@router.post("/rules/policies", auth=needs(rights.EDIT_POLICIES),
             response={201: PolicyOut, 403: Error, 422: Error}, summary="新增时限规则")
def create_policy(request, payload: PolicyIn):
    return Status(201, services.save_policy(actor=request.auth, **payload.model_dump()))


@router.patch("/rules/policies/{policy_id}", auth=needs(rights.EDIT_POLICIES),
              response={200: PolicyOut, 403: Error, 404: Error, 422: Error}, summary="修改时限规则")
def update_policy(request, policy_id: int, payload: PolicyPatch):
    policy = services.get_policy(request.auth, policy_id)
    data = {name: getattr(policy, name) for name in services.POLICY_FIELDS}
    data.update({k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None})
    return services.save_policy(actor=request.auth, policy=policy, **data)
