"""Every download of personal data or of a document is logged (ExportLog): the lists' Excel, the
templates filled with members, the record sheet, receipts, minutes, statistics and reports. A view
that sends a file calls download_log; tests/core/test_downloads.py finds any view that does not."""

from .models import ExportLog


def download_log(*, user, kind: str, rows: int, filters: dict | None = None, with_citizen_id: bool = False):
    """One ExportLog entry: `user` took `kind` (with `filters`), `rows` records in it."""
    return ExportLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        kind=kind,
        filters=filters or {},
        row_count=rows,
        with_citizen_id=with_citizen_id,
    )
