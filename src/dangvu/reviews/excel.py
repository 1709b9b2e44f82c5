"""The Excel round trip of a member list: a template listing the members with Vietnamese
headers (core.excel's writer), and reading it back (core.excel's gate) into the rows the bulk
service takes.
Row errors name the spreadsheet row so the clerk can find it."""

from dangvu.accounts.models import Capability
from dangvu.core.excel.declare import register
from dangvu.core.excel.reading import FORMULA_HINT, FileProblem, UncomputedFormula, read_rows, read_upload
from dangvu.core.excel.writing import Book
from dangvu.core.text import clean

from .subtree_import import MEMBER_COLUMNS, ORG_COLUMNS, MemberReviewImporter, OrgReviewImporter

HEADERS = ["STT", "Mã đảng viên", "Họ và tên", "Ngày sinh", "Xếp loại", "Lý do không xếp loại"]
FIRST_ROW = 2


def template(book, rows, title: str) -> bytes:
    """An .xlsx listing the members (rows: [(member, result, activity)]) with a drop-down of the
    rulebook's classes, written by the one writer (a name starting with "=" stays text)."""
    out = Book()
    ws = out.sheet("Xếp loại đảng viên", HEADERS, [6, 14, 30, 12, 48, 30])
    labels = {g.code: g.label for g in book.member_classes}
    for n, (member, result, _activity) in enumerate(rows, start=1):
        cls = (result.decided_class or result.proposed_class or result.self_class) if result else ""
        out.row(ws, n, [
            n, member.pk, member.full_name, member.birth_date.strftime("%d/%m/%Y"), labels.get(cls, ""),
            result.not_rated_reason if result else "",
        ])  # fmt: skip
    choices = [g.label.replace(",", "") for g in book.member_classes]
    if len(",".join(choices)) < 255:  # Excel's limit for an inline list
        last = FIRST_ROW - 1 + max(len(rows), 1)  # 0-based row of the last member
        ws.data_validation(FIRST_ROW - 1, 4, last, 4, {"validate": "list", "source": choices, "ignore_blank": True})
    out.cell(ws, 0, 7, title)
    return out.bytes()


def _normalize(label: str) -> str:
    return clean(label).replace(",", "").lower()


def read(book, upload) -> tuple[list[dict], dict[int, int], list[str]]:
    """(rows for the bulk service, {member id: spreadsheet row}, errors) from an uploaded file,
    read through the workbook gate (its size, format and limits checked before any reading)."""
    try:
        sheet = read_rows(read_upload(upload), upload.name)
    except FileProblem as e:
        return [], {}, [e.message]
    if not sheet or [clean(str(h)) for h in sheet[0][: len(HEADERS)]] != HEADERS:
        return [], {}, ["Dòng tiêu đề không đúng mẫu; hãy dùng tệp mẫu tải về từ trang này."]
    by_label = {_normalize(g.label): g.code for g in book.member_classes}
    by_label.update({g.code: g.code for g in book.member_classes})
    rows, where, errors = [], {}, []
    for n, line in enumerate(sheet[1:], start=FIRST_ROW):
        line = list(line) + [""] * (len(HEADERS) - len(line))
        if any(isinstance(v, UncomputedFormula) for v in line):
            errors.append(f"Dòng {n}: có ô là công thức chưa có giá trị tính sẵn; {FORMULA_HINT}.")
            continue
        member_id, name, label, reason = line[1], clean(str(line[2])), clean(str(line[4])), clean(str(line[5]))
        if member_id in ("", None) and not label:
            continue
        try:
            member_id = int(float(member_id))
        except (TypeError, ValueError):
            errors.append(f"Dòng {n}: mã đảng viên “{member_id}” không hợp lệ; đừng sửa cột Mã đảng viên.")
            continue
        cls = by_label.get(_normalize(label), None) if label else ""
        if cls is None:
            errors.append(f"Dòng {n} ({name}): mức xếp loại “{label}” không có trong {book.title}.")
            continue
        rows.append({"member": member_id, "cls": cls, "not_rated_reason": reason})
        where[member_id] = n
    return rows, where, errors


# A whole subtree's results in one workbook (subtree_import.py); deciding needs the organization
# board's capability, as on the review pages.
register(
    OrgReviewImporter("review_orgs", "Kết quả xếp loại tổ chức đảng (cả đảng bộ)", Capability.RESTRUCTURE,
                      ORG_COLUMNS, list_url="review-cycles", order=80),
    MemberReviewImporter("review_members", "Kết quả xếp loại đảng viên (cả đảng bộ)", Capability.RESTRUCTURE,
                         MEMBER_COLUMNS, list_url="review-cycles", order=81),
)  # fmt: skip
