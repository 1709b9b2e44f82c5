"""/bulk/{kind}: bringing a whole register over from another system in batches of thousands of
records — members (existing, or admissions), their events, review results of organizations and
of members. Each record has the fields of that kind's Excel import (its columns' `field` names,
see GET /bulk/{kind}/fields) and goes through the importer's own path (members.bulk's
members_register_bulk, the events' and the reviews' services), so the checks, the records and
the audit are those of the import and of the forms.

A call is one transaction: when any record fails, nothing is written and the answer (422, the
API's one error shape) names every failing record by its index and field, as pydantic names a
malformed one: `fields: {"records.12.birth_date": ["…"]}`."""

from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from ninja import Field, Router, Schema
from ninja import Status as Answer

from dangvu.core.excel.columns import MEMBER, CellError, is_blank, parse
from dangvu.imports.importers import IMPORTERS, ImportContext

from ..auth import actor
from ..errors import body, responses, service_fields
from .common import In, org_field, scope_of

router = Router(tags=["bulk"])

KINDS = ("members", "admissions", "events", "review_orgs", "review_members")
Kind = Literal[KINDS]  # type: ignore[valid-type]


class BulkIn(In):
    org: str = Field(
        ..., max_length=40, description="mã đơn vị nhận dữ liệu; mọi đơn vị nêu trong bản ghi phải thuộc cây của nó"
    )
    records: list[dict[str, Any]] = Field(
        ..., min_length=1,
        description="các bản ghi, mỗi bản ghi theo các trường của loại dữ liệu (GET /bulk/{kind}/fields)",
    )  # fmt: skip


class BulkOut(Schema):
    kind: str
    created: int = Field(..., description="số bản ghi đã ghi")


class FieldOut(Schema):
    name: str
    label: str = Field(..., description="tiêu đề cột trong tệp Excel mẫu")
    required: bool
    type: str
    hint: str


@router.get("/bulk/{kind}/fields", response=responses(200, list[FieldOut]), summary="Các trường của một loại dữ liệu")
def bulk_fields(request, kind: Kind):
    """The fields a record of `kind` may carry: those of the Excel import's columns. Dates as
    YYYY-MM-DD (or DD/MM/YYYY), choices by their code or label, units by code, members by id or
    by card or citizen ID number."""
    importer = IMPORTERS[kind]
    return [
        {"name": c.field, "label": c.header, "required": c.required, "type": c.type, "hint": c.hint}
        for c in importer.columns
    ]


@router.post("/bulk/{kind}", response=responses(201, BulkOut, 403, 404), summary="Ghi hàng loạt (chuyển dữ liệu)")
def bulk_create(request, kind: Kind, payload: BulkIn):
    """Write every record of the batch in one transaction, or none: a failing record is named by
    its index (`records.<index>.<field>`). At most DANGVU_API_BULK_MAX records (5.000 unless set)."""
    scope = scope_of(request)
    importer = IMPORTERS[kind]
    scope.require(importer.capability)
    org = org_field(scope, "org", payload.org)
    limit = settings.DANGVU_API_BULK_MAX
    if len(payload.records) > limit:
        raise ValidationError(
            {"records": [f"Quá nhiều bản ghi ({len(payload.records)}); mỗi lần gửi tối đa {limit}, hãy chia nhỏ."]}
        )
    ctx = ImportContext(actor=actor(request), scope=scope, org=org, import_audit=False)
    errors: dict[str, list[str]] = {}
    with transaction.atomic():
        rows = [
            (i, values)
            for i, record in enumerate(payload.records)
            if (values := _parse(importer, ctx, i, record, errors)) is not None
        ]
        created = _save(importer, ctx, rows, errors)
        if errors:
            transaction.set_rollback(True)
    if errors:
        failing = len({key.split(".")[1] for key in errors})
        return Answer(422, body(
            "validation_error", dict(sorted(errors.items(), key=lambda kv: _index(kv[0]))),
            vi=f"Có {failing} bản ghi lỗi nên chưa ghi bản ghi nào; xem lỗi theo từng bản ghi "
               "(records.<thứ tự>.<trường>).",
            en=f"{failing} records failed, so none was written; see fields (records.<index>.<field>).",
        ))  # fmt: skip
    return Answer(201, {"kind": kind, "created": created})


def _index(key: str) -> int:
    return int(key.split(".")[1])


def _parse(importer, ctx, index: int, record: dict, errors: dict) -> dict | None:
    """The record's values as the import parses a row's cells; None (and its errors) if any fails."""
    where = f"records.{index}"
    known = {c.field for c in importer.columns}
    for name in sorted(set(record) - known):
        errors.setdefault(f"{where}.{name}", []).append("Trường không có trong loại dữ liệu này; hãy bỏ trường này.")
    values, ok = {}, not (set(record) - known)
    for col in importer.columns:
        value = record.get(col.field)
        if is_blank(value):
            if col.required:
                errors.setdefault(f"{where}.{col.field}", []).append("Thông tin bắt buộc; hãy gửi trường này.")
                ok = False
            continue
        try:
            if col.type == MEMBER and isinstance(value, int) and not isinstance(value, bool):
                values[col.field] = _member_by_id(ctx, value)
            else:
                values[col.field] = parse(col, value, ctx)
        except CellError as e:
            errors.setdefault(f"{where}.{col.field}", []).append(e.message)
            ok = False
    return values if ok else None


def _member_by_id(ctx, pk: int):
    member = ctx.scope.members().filter(pk=pk).first()
    if member is None:
        raise CellError(f"không tìm thấy đảng viên có id {pk} trong phạm vi của bạn.")
    return member


def _save(importer, ctx, rows: list, errors: dict) -> int:
    """Hand the parsed records to the importer (its bulk path when it has one), collecting each
    failing record's field messages under its index; returns how many were written."""
    failures: dict = {}
    created = 0
    if hasattr(importer, "save_many"):
        try:
            result = importer.save_many(ctx, iter(rows), skip_invalid=False)
            created = result.created
        except ValidationError as e:
            if not hasattr(e, "rows"):
                raise
            failures = e.rows
    else:
        for index, values in rows:
            try:
                with transaction.atomic():
                    importer.save(ctx, values)
                created += 1
            except ValidationError as e:
                failures[index] = e
    for index, error in failures.items():
        for name, messages in service_fields(error).items():
            field = importer.fields.get(name, name)
            key = f"records.{index}" if field == "__all__" else f"records.{index}.{field}"
            errors.setdefault(key, []).extend(messages)
    return created
