"""Uploaded files kept on the server between the steps of an import (mapping, preview, commit):
DATA_DIR/uploads/<random token>.bin with a .json beside it (who uploaded it, for which kind and
unit, the mapping chosen, the rows the preview found valid), and a .checked.json when a large
file's dry run ran in the background (what its preview shows). Never in the session cookie.
A file is deleted after its commit, and any file older than MAX_AGE whenever a new one arrives."""

import json
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.http import Http404

from .checked import Checked, RowResult

MAX_AGE = 24 * 3600
_TOKEN_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


@dataclass
class Upload:
    token: str
    user_id: int
    kind: str
    org_id: int
    filename: str
    created: float
    header_index: int = 0
    mapping: dict = field(default_factory=dict)
    mapping_confirmed: bool = False
    valid_rows: list | None = None

    @property
    def data_path(self) -> Path:
        return directory() / f"{self.token}.bin"

    def data(self) -> bytes:
        return self.data_path.read_bytes()

    def save(self):
        (directory() / f"{self.token}.json").write_text(json.dumps(asdict(self)), encoding="utf-8")


def directory() -> Path:
    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def purge(max_age: float = MAX_AGE) -> int:
    """Delete uploads older than `max_age` seconds; returns how many files went."""
    cutoff = time.time() - max_age
    gone = 0
    for path in directory().glob("*"):
        if path.suffix in (".bin", ".json") and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            gone += 1
    return gone


def create(*, data: bytes, user_id: int, kind: str, org_id: int, filename: str) -> Upload:
    purge()
    upload = Upload(secrets.token_urlsafe(24), user_id, kind, org_id, filename, time.time())
    upload.data_path.write_bytes(data)
    upload.save()
    return upload


def load(token: str, user_id: int) -> Upload:
    """The upload `token` of this user; 404 for anyone else, a stale or an unknown token."""
    if not token or set(token) - _TOKEN_CHARS:
        raise Http404("Không tìm thấy tệp đã tải lên.")
    meta = directory() / f"{token}.json"
    if not meta.exists():
        raise Http404("Không tìm thấy tệp đã tải lên (có thể đã quá một ngày); hãy tải lên lại.")
    data = json.loads(meta.read_text(encoding="utf-8"))
    upload = Upload(**data)
    if upload.user_id != user_id or not upload.data_path.exists():
        raise Http404("Không tìm thấy tệp đã tải lên.")
    return upload


def exists(token: str, user_id: int) -> bool:
    try:
        load(token, user_id)
    except Http404:
        return False
    return True


def delete(upload: Upload):
    upload.data_path.unlink(missing_ok=True)
    (directory() / f"{upload.token}.json").unlink(missing_ok=True)
    _checked_path(upload).unlink(missing_ok=True)


def _checked_path(upload: Upload) -> Path:
    return directory() / f"{upload.token}.checked.json"


def save_checked(upload: Upload, checked: Checked) -> None:
    """Keep what a background dry run found, for the mapping it ran with."""
    data = {
        "mapping": upload.mapping, "header_index": upload.header_index, "total": checked.total,
        "good": checked.good, "file_errors": checked.file_errors,
        "kept": [[r.number, r.shown(), r.errors] for r in checked.kept],
    }  # fmt: skip
    _checked_path(upload).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def load_checked(upload: Upload) -> Checked | None:
    """What a background dry run kept, or None when there is none or it was made
    with another column mapping (the clerk corrected it since)."""
    path = _checked_path(upload)
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data["mapping"] != upload.mapping or data["header_index"] != upload.header_index:
        return None
    kept = [RowResult(number, cells, errors) for number, cells, errors in data["kept"]]
    return Checked(data["total"], data["good"], data["file_errors"], kept)
