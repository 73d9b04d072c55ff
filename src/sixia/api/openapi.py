"""The OpenAPI document declares every answer an operation can give, not only its success.

The API's exception handlers (``sixia.api.urls``) answer any operation with the shared ``Error`` body:
401 without authentication, 403 without the right, 404 outside the jurisdiction, 409 on a conflict, 422 on
bad input (and 400 on a body that is not JSON). ``declare_error_responses`` adds those that an operation does
not declare itself, so clients and the schemathesis run (``tests/foundation/test_openapi_fuzz.py``) know them.
"""

from __future__ import annotations

from typing import Any

from sixia.api.schemas import Error

COMMON = {400: "请求格式错误 (malformed request)", 404: "不存在或不在管辖范围内 (not found)",
          409: "与现有记录冲突 (conflict)", 422: "输入无效 (invalid input)"}
AUTHENTICATED = {401: "未登录或令牌无效 (not authenticated)", 403: "无此权限 (forbidden)"}
WRITE_ONLY = {413: "请求体过大 (request body too large)"}


def add_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", Error.model_json_schema(ref_template="#/components/schemas/{model}"))
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for ops in schema.get("paths", {}).values():
        for method, op in ops.items():
            statuses = dict(COMMON)
            if op.get("security"):
                statuses |= AUTHENTICATED
            if method in ("post", "put", "patch"):
                statuses |= WRITE_ONLY
            responses = op.setdefault("responses", {})
            for status, text in statuses.items():
                if status not in responses and str(status) not in responses:
                    responses[status] = {"description": text} | body
    return schema


def declare_error_responses(api) -> None:
    """Wrap ``api.get_openapi_schema`` so that the served document carries the error answers."""
    original = api.get_openapi_schema

    def get_openapi_schema(*args, **kwargs):
        return add_error_responses(original(*args, **kwargs))

    api.get_openapi_schema = get_openapi_schema
