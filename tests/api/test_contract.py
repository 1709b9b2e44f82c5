"""Contract tests generated from the OpenAPI document by schemathesis: every operation answers
as the document says (status codes, content type, body schema), never a server error, for
requests generated from the document itself — reads thoroughly, writes with a few examples."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import positive_data_acceptance

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

# Generated examples only: schemathesis' "coverage" cases (run in hypothesis' explicit phase)
# multiply the run time by four for little more than the negative cases already generate.
COMMON = {
    "deadline": None,
    "suppress_health_check": list(HealthCheck),
    "derandomize": True,
    "phases": [Phase.generate, Phase.target],
}


@pytest.fixture
def _in_process_wsgi():
    """Keep the test's database connection across the in-process WSGI calls, as Django's own test
    client does: at the end of a request Django closes a connection inside a transaction, which
    on PostgreSQL is the test's."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def populated(_in_process_wsgi, tree, admit, register, board, settings):
    settings.DANGVU_API_RATE = "100000/min"  # the generated requests are many; the limit has its own test
    admit(tree.a1)
    register(tree.b1)
    return board


@pytest.mark.django_db
@schema.include(method="GET").parametrize()
@settings(max_examples=6, **COMMON)
def test_reads_follow_the_document(case, populated):
    # Rules across fields (end not before start; year or start/end) are not in the document.
    case.call_and_validate(headers=populated, excluded_checks=[positive_data_acceptance])


@pytest.mark.django_db
@schema.exclude(method="GET").parametrize()
@settings(max_examples=3, **COMMON)
def test_writes_follow_the_document(case, populated):
    # The services refuse, field by field, much that the document cannot say (an age out of
    # 18–60, a date before the cell was founded): a 422 for schema-valid data is expected there.
    case.call_and_validate(headers=populated, excluded_checks=[positive_data_acceptance])


def test_the_document_is_valid_openapi_and_names_the_error_shape(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    error = doc["components"]["schemas"]["ErrorBody"]
    assert set(error["properties"]) == {"code", "message", "fields"}
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            assert {"401", "422", "429"} <= set(op["responses"]), f"{method} {path}"
