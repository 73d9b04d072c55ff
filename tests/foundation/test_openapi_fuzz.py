"""Schemathesis against the API's own OpenAPI, in-process (issue 14 item 2).

Every operation of ``/api/v1`` is called with examples generated from its schema — valid ones and invalid ones
(wrong types, missing fields, out-of-range values) — through Django's WSGI handler, as a county administrator
(every right in the county) with a bearer token. A test fails on any 5xx, on an answer whose status the
operation does not declare, and on a body that does not match the declared schema.

Bounded so it stays part of ``make test``: the schema's examples and a few generated examples per operation
(``MAX_EXAMPLES``), no per-example deadline (the first request of an operation warms caches), derandomized so a
run is reproducible. Schemathesis's coverage phase (boundary values and unexpected methods for every parameter:
~10,000 requests, ten minutes here) is off by default; a deeper run turns it on:
``SIXIA_FUZZ_COVERAGE=1 SIXIA_FUZZ_EXAMPLES=50 pytest -n 0 tests/foundation/test_openapi_fuzz.py``.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sixia.api.urls import api

MAX_EXAMPLES = int(os.environ.get("SIXIA_FUZZ_EXAMPLES", "4"))
COVERAGE = os.environ.get("SIXIA_FUZZ_COVERAGE", "") == "1"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

config = schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": COVERAGE}},
                                        "generation": {"max-examples": MAX_EXAMPLES}})
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"), config=config)
schema.app = WSGIHandler()
# Excluded because they cannot work here, not because they fail:
# - the Excel downloads answer a binary file, which a JSON-schema check cannot read (their inputs are covered by
#   tests/foundation/test_bad_inputs.py and the export tests);
schema = schema.exclude(path_regex=r"\.xlsx$")


@pytest.fixture
def auth_headers(owner, token_for):
    return token_for(owner)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI handler sends request_started/finished, whose ``close_old_connections`` closes a connection held
    inside a transaction (the test's) on PostgreSQL; Django's own test client unhooks it the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_generated_input_within_its_schema(case, auth_headers):
    case.call_and_validate(headers=auth_headers, checks=CHECKS)
