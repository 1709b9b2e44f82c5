"""Inspection, supervision and discipline figures. Each counts distinct subjects (an
organization or member inspected twice in the period counts once), in a fixed number of queries."""

from dangvu.core.catalogue import indicator

from .models import Kind
from .selectors import disciplines_in, inspections_in


def _distinct(qs, field: str) -> int:
    return qs.filter(**{f"{field}__isnull": False}).values(field).distinct().count()


def _inspected(kind: str, subject: str):
    def records(org, period):
        return inspections_in(org, period, kind).filter(**{f"{subject}__isnull": False})

    def compute(org, period):
        return _distinct(inspections_in(org, period, kind), subject)

    return compute, records


def _disciplined(subject: str):
    def records(org, period):
        return disciplines_in(org, period).filter(**{f"{subject}__isnull": False})

    def compute(org, period):
        return _distinct(disciplines_in(org, period), subject)

    return compute, records


_FIGURES = [
    ("inspection.orgs", "Tổ chức đảng được kiểm tra", "tổ chức", _inspected(Kind.INSPECTION, "subject_org"), 600),
    ("inspection.members", "Đảng viên được kiểm tra", "đảng viên", _inspected(Kind.INSPECTION, "subject_member"), 601),
    ("supervision.orgs", "Tổ chức đảng được giám sát", "tổ chức", _inspected(Kind.SUPERVISION, "subject_org"), 602),
    ("supervision.members", "Đảng viên được giám sát", "đảng viên", _inspected(Kind.SUPERVISION, "subject_member"),
     603),
    ("discipline.members", "Đảng viên bị kỷ luật", "đảng viên", _disciplined("subject_member"), 610),
    ("discipline.orgs", "Tổ chức đảng bị kỷ luật", "tổ chức", _disciplined("subject_org"), 611),
]  # fmt: skip

for _key, _label, _unit, (_compute, _records), _order in _FIGURES:
    # A target for the number disciplined would reward punishing; the registry should not offer one.
    # The records are in scope by the unit that acted, as the figure counts them: guessed from the
    # model, the scope would be the subject organization, empty for a member's records.
    _scope = "decided_by__path" if _key.startswith("discipline.") else "conducted_by__path"
    indicator(
        _key, _label, _unit, records=_records, order=_order, targetable=not _key.startswith("discipline."),
        records_scope=_scope,
    )(_compute)  # fmt: skip
