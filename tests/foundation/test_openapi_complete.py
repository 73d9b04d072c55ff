"""The OpenAPI describes every answer (issue 14 item 2): each operation declares a success body — a schema, or
the binary workbook of a download."""

from __future__ import annotations


def test_every_operation_declares_its_success_body():
    from sixia.api.urls import api

    spec = api.get_openapi_schema()
    missing = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            success = [code for code in operation.get("responses", {}) if str(code).startswith("2")]
            if not success or not any(operation["responses"][code].get("content") for code in success):
                missing.append(f"{method.upper()} {path}")
    assert not missing, missing

