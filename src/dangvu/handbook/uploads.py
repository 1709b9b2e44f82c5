"""What an uploaded document must be: a PDF, a Word or OpenDocument file or a photo, whose first
bytes say the same as its name, within the size limit. A file named .pdf that is really something
else (an executable, an HTML page) is refused before it is stored, since members open it."""

import os

from dangvu.core.errors import fail

MAX_MB = 20
# extension -> the signatures its first bytes may start with
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".doc": "application/msword",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


def extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower()


def check_document_file(f, field: str = "file") -> None:
    """Refuse (ValidationError on `field`) a file that is missing, too large, of a kind not taken,
    or whose content is not what its name says."""
    if not f:
        fail(field, "Hãy chọn tệp văn bản (PDF, Word hoặc ảnh chụp).")
    ext = extension(f.name)
    if ext not in SIGNATURES:
        fail(field, f"Tệp “{f.name}”: chỉ nhận PDF, Word (.doc, .docx, .odt) hoặc ảnh chụp (.jpg, .png).")
    if f.size > MAX_MB * 1024 * 1024:
        fail(field, f"Tệp “{f.name}” lớn hơn {MAX_MB} MB; hãy quét với độ phân giải thấp hơn.")
    f.seek(0)
    head = f.read(16)
    f.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[ext]):
        fail(field, f"Tệp “{f.name}” không phải tệp {ext[1:].upper()} thật; hãy lưu lại đúng định dạng rồi tải lên.")
