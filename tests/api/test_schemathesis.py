"""Property-based tests of every operation against the app's own OpenAPI schema (schemathesis).

Each operation gets up to 25 generated requests with an admin key, on a fresh small world
(``CHAIN_GRAPH_SCHEMATHESIS_EXAMPLES=100`` for a slower, deeper run by hand);
every response must be no 5xx, carry a documented status code and content type, and match
its documented schema. (The schema is built once, at collection time, and every test checks its app
against that document, never asking the app for its own: it does not depend on the data;
``test_the_schema_does_not_depend_on_the_world`` holds that.)
"""

from __future__ import annotations

import copy
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
SCHEMA = create_app(get_settings(data_dir="/nonexistent")).openapi()
OPERATIONS = [
    f"{method.upper()} {path}" for path, item in SCHEMA["paths"].items() for method in item if method in METHODS
]


@pytest.mark.parametrize("label", OPERATIONS)
def test_every_operation_conforms(app: FastAPI, keys: dict[str, str], label: str) -> None:
    # The document built once, not fetched from the app: a fresh app builds its own on the first
    # /openapi.json (0.4 CPU-s of pydantic, which FastAPI redoes even when openapi_schema is preset),
    # inside schemathesis' 10 s read timeout; on a loaded machine that load timed out in CI.
    schema = schemathesis.openapi.from_dict(copy.deepcopy(SCHEMA))
    schema.app = app  # as from_asgi binds it: the generated requests go to this app over ASGI
    operation = schema.find_operation_by_label(label)
    assert operation is not None
    headers = auth(keys["admin"])

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()
    assert app.openapi_schema is None, "the test built the app's OpenAPI document again"


def test_the_schema_does_not_depend_on_the_world(app: FastAPI) -> None:
    assert app.openapi() == SCHEMA
