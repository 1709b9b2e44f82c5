"""Contract tests generated from the OpenAPI document by schemathesis: every operation answers
as the document says (status codes, content type, body schema), never a server error, for
requests generated from the document itself — reads thoroughly, writes with a few examples."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
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
def populated(tree, admit, register, board, settings):
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
