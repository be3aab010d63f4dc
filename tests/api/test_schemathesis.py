"""Property-based tests of every operation against the app's own OpenAPI schema (schemathesis).

Each operation gets up to 25 generated requests with an admin key, on a fresh small world
(``CHAIN_GRAPH_SCHEMATHESIS_EXAMPLES=100`` for a slower, deeper run by hand);
every response must be no 5xx, carry a documented status code and content type, and match
its documented schema. (The operations are listed from the schema at collection time; the
schema does not depend on the data.)
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.main import create_app
from chain_graph.config import get_settings
from tests.api.conftest import auth

EXAMPLES = int(os.environ.get("CHAIN_GRAPH_SCHEMATHESIS_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
METHODS = ("get", "post", "put", "patch", "delete")
OPERATIONS = [
    f"{method.upper()} {path}"
    for path, item in create_app(get_settings(data_dir="/nonexistent")).openapi()["paths"].items()
    for method in item
    if method in METHODS
]


@pytest.mark.parametrize("label", OPERATIONS)
def test_every_operation_conforms(app: FastAPI, keys: dict[str, str], label: str) -> None:
    operation = schemathesis.openapi.from_asgi("/openapi.json", app).find_operation_by_label(label)
    assert operation is not None
    headers = auth(keys["admin"])

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()
