"""Every field of every API operation that could name a record resolves only within the caller's
scope (issue 14).

The walk reads the API's own OpenAPI document, so a new operation or field is walked as soon as it
exists. Each write operation has a baseline body of ward A's own records (BASELINES; an operation
without one fails the test) that must succeed; then every text and whole-number field of the body,
in turn, takes each identifier of ward B (unit codes, member and record ids), and the answer must
either refuse it or write nothing that points at a record of ward B — checked on the audit entries
the request wrote, whatever the field's name. Every query parameter of every list gets the same
values and must show none of ward B's names. Each request runs in a savepoint rolled back after it.
"""

import json

import pytest
from auditlog.models import LogEntry
from django.db import transaction
from django.db.models import ForeignKey

from dangvu.accounts.models import Role
from dangvu.api.api import api
from dangvu.api.services import api_token_create
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

PREFIX = "/api/v1"
SKIPPED_QUERY = {"limit", "offset"}


def baselines(a, tree) -> dict:
    """(method, path) -> (path parameters, body): a write of ward A's admin that succeeds."""
    full, newcomer = a.records["members.Member"][:2]
    course, inspection = a.records["training.TrainingClass"][0], a.records["inspection.Inspection"][0]
    election = a.shared["elections.Election"][0]
    return {
        ("post", "/members"): ({}, {
            "org": "A1", "admitted_on": "2016-03-02", "decision_no": "11-QĐ/ĐUĐC", "full_name": "Nguyễn Văn Mới",
            "birth_date": "1990-01-01", "sex": "M", "citizen_id": "001090000199"}),
        ("patch", "/members/{member_id}"): ({"member_id": full}, {"address": "Số 3 ngõ 5 Định Công"}),
        ("post", "/members/{member_id}/events"): (
            {"member_id": full}, {"kind": "transferred", "date": "2016-06-01", "to_org": "A2", "decision_no": "1"}),
        ("post", "/cadre-actions"): ({}, {
            "kind": "appointment", "member": full, "position": "Phó Bí thư", "decided_by": "A",
            "decision_no": "4-QĐ/ĐUĐC", "decision_date": "2016-04-02"}),
        ("post", "/training-classes"): ({}, {
            "title": "Lớp mới", "organizer": "A", "kind": "party_work", "start_date": "2016-05-09"}),
        ("post", "/training-classes/{class_id}/attendances"): ({"class_id": course}, {"member": newcomer}),
        ("post", "/awards"): ({}, {
            "recipient_kind": "person", "recipient_member": full, "title": "certificate", "program": "ct03",
            "awarded_by": "A", "decision_no": "5-QĐ/ĐUĐC", "decision_date": "2016-05-02"}),
        ("post", "/inspections"): ({}, {
            "kind": "inspection", "conducted_by": "A", "start_date": "2016-06-02", "content": "Kiểm tra mới",
            "subject_member": full}),
        ("post", "/disciplines"): ({}, {
            "form": "reprimand", "decided_by": "A", "decision_no": "10-QĐ/ĐUĐC", "decision_date": "2016-07-02",
            "violation_date": "2016-01-06", "subject_member": newcomer, "inspection": inspection}),
        ("post", "/elections"): ({}, {"name": "Bầu cử bổ sung", "date": "2016-06-22", "organizer": "A"}),
        ("post", "/elections/{election_id}/areas"): (
            {"election_id": election}, {"name": "Khu vực mới", "org": "A1", "registered": 10, "voted": 9}),
        ("post", "/review-results/orgs"): ({}, {"year": 2016, "org": "A", "stage": "self", "cls": "good"}),
        ("post", "/tasks"): ({}, {
            "org": "A1", "member": full, "year": 2026, "quarter": 1, "title": "Vận động hộ", "measure": "hộ",
            "target": "4", "deadline": "2026-03-20"}),
        ("post", "/tasks/{task_id}/result"): (
            {"task_id": a.records["tasks.Task"][0]}, {"done_on": "2026-03-02", "quantity": "5"}),
        ("post", "/evaluations"): ({}, {
            "year": 2026, "quarter": 1, "member": full, "stage": "self", "scores": {"politics": 30}}),
        ("post", "/bulk/{kind}"): ({"kind": "members"}, {"org": "A1", "records": [{
            "full_name": "Nguyễn Văn Chuyển", "birth_date": "1985-05-17", "sex": "M", "citizen_id": "001085099001",
            "admitted_on": "2005-02-03", "recognized_on": "2006-02-03"}]}),
        ("put", "/targets"): ({}, {
            "org": "A", "indicator_key": "members.admitted", "year": 2016, "value": 6, "assigned_by": "HM"}),
    }  # fmt: skip


def _types(prop: dict) -> set[str]:
    options = prop.get("anyOf", [prop])
    return {o.get("type") for o in options if "format" not in o and "enum" not in o and "const" not in o}


def operations():
    """(method, path, operation, body properties) of every operation of the API's document."""
    doc = api.get_openapi_schema(path_prefix="")
    schemas = doc["components"]["schemas"]
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body and "$ref" in body:
                body = schemas[body["$ref"].rsplit("/", 1)[1]]
            yield method, path, op, (body or {}).get("properties", {})


def ward_b_ids(ward_b, tree) -> dict[str, set[str]]:
    """Ward B's records by model label, as the strings the audit entries keep."""
    ids = {label: {str(pk) for pk in pks} for label, pks in ward_b.records.items()}
    ids["members.Member"] = {str(pk) for pk in Member.objects.filter(org__path__startswith=tree.b.path).values_list(
        "pk", flat=True)}  # fmt: skip
    ids["organizations.Organization"] = {
        str(pk) for pk in Organization.objects.filter(path__startswith=tree.b.path).values_list("pk", flat=True)
    }
    return ids


def points_at_ward_b(entries, ids) -> list[str]:
    """The foreign keys set by these audit entries that name a record of ward B."""
    found = []
    for entry in entries:
        model = entry.content_type.model_class()
        for name, change in (entry.changes_dict or {}).items():
            field = next((f for f in model._meta.concrete_fields if f.name == name), None)
            if isinstance(field, ForeignKey) and str(change[-1]) in ids.get(field.related_model._meta.label, ()):
                found.append(f"{model._meta.label}.{name}={change[-1]}")
    return found


def _send(client, method, url, body, token):
    with transaction.atomic():
        last = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = getattr(client, method)(
            url, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        entries = list(LogEntry.objects.filter(pk__gt=last).select_related("content_type"))
        transaction.set_rollback(True)
    return response, entries


def test_every_api_field_that_names_a_record_refuses_another_wards(ward_a, ward_b, tree, make_user, client, settings):
    settings.DANGVU_API_RATE = "100000/min"
    user = make_user(Role.ADMIN, tree.a, "admin-api-a")
    _, token = api_token_create(actor=None, username=user.username, name="Hệ thống thử")
    client.raise_request_exception = False
    ids = ward_b_ids(ward_b, tree)
    texts = [o.code for o in Organization.objects.filter(path__startswith=tree.b.path)]
    numbers = sorted({int(v) for values in ids.values() for v in values})
    names = ward_b.secrets + [m.full_name for m in Member.objects.filter(org__path__startswith=tree.b.path)]
    known = baselines(ward_a, tree)
    problems, swapped, writes = [], 0, 0
    for method, path, op, props in operations():
        if method == "get":
            for param in op.get("parameters", []):
                kinds = _types(param["schema"])
                if param["in"] != "query" or param["name"] in SKIPPED_QUERY or not kinds & {"string", "integer"}:
                    continue
                for value in (texts if "string" in kinds else []) + (numbers if "integer" in kinds else []):
                    text = client.get(
                        PREFIX + path, {param["name"]: value}, HTTP_AUTHORIZATION=f"Bearer {token}"
                    ).content.decode()
                    problems += [f"GET {path}?{param['name']}={value} shows {n!r}" for n in names if n in text]
            continue
        if (method, path) not in known:
            problems.append(f"{method.upper()} {path}: no baseline body in BASELINES; add one of ward A's records")
            continue
        writes += 1
        params, body = known[(method, path)]
        url = PREFIX + path.format(**params)
        response, entries = _send(client, method, url, body, token)
        if response.status_code >= 300 or not entries:
            problems.append(f"{method.upper()} {path}: the baseline did not write ({response.content.decode()[:300]})")
            continue
        for field, prop in props.items():
            kinds = _types(prop)
            values = (texts if "string" in kinds else []) + (numbers if "integer" in kinds else [])
            for value in values:
                swapped += 1
                response, entries = _send(client, method, url, body | {field: value}, token)
                where = f"{method.upper()} {path} {field}={value!r} -> {response.status_code}"
                if response.status_code >= 500:
                    problems.append(f"{where}: server error")
                problems += [f"{where}: wrote {ref}" for ref in points_at_ward_b(entries, ids)]
                text = response.content.decode()
                problems += [f"{where}: shows {n!r}" for n in names if n in text]
    assert not problems, "\n".join(problems)
    assert writes == len(known) and swapped > 200  # every baseline ran, and many swaps were tried


@pytest.mark.parametrize("field, value", [("subject_member", "b_member"), ("conducted_by", "B1")])
def test_a_refusal_reads_the_same_for_another_wards_record_and_for_none(
    ward_a, ward_b, tree, make_user, client, settings, field, value
):
    """The API's field error does not tell whether the record exists in another unit."""
    settings.DANGVU_API_RATE = "100000/min"
    user = make_user(Role.ADMIN, tree.a, "admin-api-a2")
    _, token = api_token_create(actor=None, username=user.username, name="Hệ thống thử")
    params, body = baselines(ward_a, tree)[("post", "/inspections")]
    theirs = ward_b.records["members.Member"][0] if value == "b_member" else value
    nowhere = 987654321 if value == "b_member" else "KHONGCO"
    answers = []
    for v in (theirs, nowhere):
        response, entries = _send(client, "post", PREFIX + "/inspections", body | {field: v}, token)
        assert response.status_code == 422 and not entries
        answers.append(json.dumps(response.json()["error"]["fields"][field], ensure_ascii=False).replace(str(v), "…"))
    assert answers[0] == answers[1] and "phạm vi của bạn" in answers[0]
