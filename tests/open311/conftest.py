"""Open311 fixtures: a service account with a key, and the outside conformance schemas (read from ../shared,
never copied into the repository)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import COUNTY

SHARED = Path(os.environ.get("SIXIA_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
SCHEMAS = SHARED / "data" / "open311" / "schema-validation"
BASE = "/open311/v2"


@pytest.fixture
def service_user(make_user, units):
    """The account an outside app registers cases as: a county desk (holds cases.register)."""
    return make_user("city-app", ["dispatcher"], COUNTY, units["county_gov"])


@pytest.fixture
def api_key(service_user):
    from sixia.open311.services import issue_client

    return issue_client(actor=None, name="city app", user=service_user)[1]


@pytest.fixture(scope="session")
def schema():
    """``schema(name)`` → a Draft 4 validator for ``name`` (``requests.json`` …), with a ``$ref`` registry."""
    if not SCHEMAS.is_dir():
        pytest.skip(f"the Open311 conformance schemas are not at {SCHEMAS}")
    from jsonschema import Draft4Validator
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    docs = {p.name: json.loads(p.read_text("utf-8")) for p in SCHEMAS.glob("*.json") if p.name != "swagger.json"}
    registry = Registry().with_resources((name, DRAFT4.create_resource(doc)) for name, doc in docs.items())

    def make(name: str):
        return Draft4Validator(docs[name], registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)

    return make


def post_request(client, fmt: str = "json", **fields):
    """A form-encoded POST, as the spec sends it."""
    from urllib.parse import urlencode

    return client.post(f"{BASE}/requests.{fmt}", urlencode(fields), content_type="application/x-www-form-urlencoded")
