"""Fixtures of the organisation-administration tests: a JSON client that also PATCHes, and the other roles."""

from __future__ import annotations

import json

import pytest

from tests.conftest import COUNTY


@pytest.fixture
def japi(client):
    """JSON calls to /api/v1 with any method: ``japi("patch", "/units/1", {...}, headers)``."""

    def call(method: str, path: str, data=None, headers=None):
        send = getattr(client, method)
        if method == "get":
            return send(f"/api/v1{path}", data or {}, headers=headers or {})
        return send(f"/api/v1{path}", json.dumps(data or {}), content_type="application/json", headers=headers or {})

    return call


@pytest.fixture
def dispatcher(make_user, units):
    return make_user("dispatcher", ["dispatcher"], COUNTY, units["county_gov"])


@pytest.fixture
def handler(colleague):
    return colleague
