"""The members' Excel: the two imports (members brought into the registry from paper records or
an earlier system; new admissions) and the columns of the member list's export. Discovered by
the imports app (core.excel.declare)."""

import datetime as dt

from dangvu.core.excel import exports
from dangvu.core.excel.columns import CHOICE, DATE, DIGITS, UNIT, Column
from dangvu.core.excel.declare import Importer, register

from . import identity, services
from .bulk import Source, members_admit_bulk, members_register_bulk
from .event_import import COLUMNS as EVENT_COLUMNS
from .event_import import EventImporter
from .models import Sex

D = dt.date
# accounts.Capability.EDIT_MEMBERS, by its value: members sits below accounts.
EDIT_MEMBERS = "edit_members"

# The rest of a member's record sheet (Mẫu 2-HSĐV): optional columns of the member imports, fed
# to the services (their fields are identity.RECORD_FIELDS). The work history is a list of lines
# and is not imported from one row.
RECORD_COLUMNS = (
    Column("Bí danh", "alias", example=""),
    Column("Nơi tạm trú", "temporary_address", example="", aliases=("Tạm trú",)),
    Column("Học hàm", "academic_title", example="", hint="Giáo sư, Phó Giáo sư; để trống nếu không có."),
    Column("Học vị", "academic_degree", example="Thạc sĩ"),
    Column("Ngoại ngữ", "foreign_languages", example="Tiếng Anh B1", aliases=("Trình độ ngoại ngữ",)),
    Column("Tin học", "it_skills", example="Ứng dụng CNTT cơ bản", aliases=("Trình độ tin học",)),
    Column("Tiếng dân tộc thiểu số", "minority_languages", example=""),
    Column(
        "Ngày vào Đoàn", "youth_union_joined_on", DATE, example=D(2001, 3, 26), past=True,
        aliases=("Ngày vào Đoàn TNCS Hồ Chí Minh", "Ngày vào Đoàn TNCS HCM"),
    ),
    Column("Chức vụ đoàn thể", "mass_org_positions", example="", aliases=("Chức vụ đoàn thể hiện nay",)),
    Column("Tình trạng sức khỏe", "health", example="Tốt", aliases=("Sức khỏe", "Sức khoẻ")),
)  # fmt: skip


def _identity_columns():
    return (
        Column("Họ và tên", "full_name", required=True, example="Nguyễn Văn An", aliases=("Họ tên", "Tên")),
        Column("Ngày sinh", "birth_date", DATE, required=True, example=D(1985, 5, 17), past=True),
        Column("Giới tính", "sex", CHOICE, required=True, example="Nam", choices=tuple(Sex.choices)),
        Column(
            "Số CCCD",
            "citizen_id",
            DIGITS,
            example="001085012345",
            pad=12,
            aliases=("Căn cước công dân", "CCCD", "Số căn cước", "Số định danh"),
        ),  # fmt: skip
        Column("Số thẻ đảng viên", "party_card_no", DIGITS, example="01012345", aliases=("Số thẻ", "Số thẻ Đảng")),
        Column("Dân tộc", "ethnicity", example="Kinh"),
        Column("Tôn giáo", "religion", example="Không"),
        Column("Quê quán", "hometown", example="Xã Thanh Liệt, huyện Thanh Trì, Hà Nội"),
        Column("Nơi ở hiện nay", "address", example="Số 5 ngõ 12 Định Công", aliases=("Địa chỉ", "Nơi ở")),
        Column("Nghề nghiệp", "occupation", example="Giáo viên"),
        Column("Giáo dục phổ thông", "education", example="12/12", aliases=("Trình độ văn hóa",)),
        Column("Chuyên môn, nghiệp vụ", "qualification", example="Cử nhân Sư phạm", aliases=("Chuyên môn",)),
        Column("Lý luận chính trị", "political_theory", example="Trung cấp", aliases=("LLCT",)),
        Column("Điện thoại", "phone", example="0912345678", aliases=("Số điện thoại",)),
        *RECORD_COLUMNS,
    )


_CELL = Column(
    "Chi bộ", "org", UNIT, example="", hint="Mã hoặc tên chi bộ; để trống nếu nhập vào chính đơn vị đã chọn.",
    aliases=("Mã chi bộ", "Chi bộ sinh hoạt"),
)  # fmt: skip
_IDENTITY = set(identity.MEMBER_FIELDS)  # the identity and the rest of the record sheet


def _source(ctx) -> Source | None:
    """An import's audit: one entry per member naming the job and row (members.bulk)."""
    if not getattr(ctx, "import_audit", False):
        return None
    return Source(job_id=ctx.job_id, filename=ctx.filename)


def _cell(ctx, values):
    return values.get("org") or ctx.org


class MemberImporter(Importer):
    """Existing members brought into the registry (member_register): from paper records or
    an earlier system, or transferred in from outside when "Chuyển đến từ" is filled. A whole file
    goes through members_register_bulk: the same checks and records, in a few statements per
    thousand rows."""

    def fields_for(self, ctx, values) -> dict:
        """member_register's keyword arguments for one parsed row."""
        org = _cell(ctx, values)
        admitted = values.get("admitted_on")
        joined = values.get("joined_on")
        if joined is None and admitted is not None:
            # Blank: from the admission, or from the cell's founding if the cell came later.
            joined = max(admitted, org.founded_on)
        return dict(
            org=org, joined_on=joined, admitted_on=admitted, recognized_on=values.get("recognized_on"),
            transferred_in=bool(values.get("place")), place=values.get("place", ""),
            decision_no=values.get("decision_no", ""), **{k: v for k, v in values.items() if k in _IDENTITY},
        )  # fmt: skip

    def save(self, ctx, values):
        return services.member_register(actor=ctx.actor, **self.fields_for(ctx, values))

    def save_many(self, ctx, rows, *, skip_invalid: bool):
        """rows: (number, values) pairs. See members.bulk.members_register_bulk."""
        return members_register_bulk(
            actor=ctx.actor, rows=((n, self.fields_for(ctx, v)) for n, v in rows), skip_invalid=skip_invalid,
            source=_source(ctx),
        )  # fmt: skip


class AdmissionImporter(Importer):
    """New admissions (member_admit): the same checks as the admission form, age rule included.
    A whole file goes through members_admit_bulk, the member import's bulk path."""

    def fields_for(self, ctx, values) -> dict:
        return dict(
            org=_cell(ctx, values), admitted_on=values.get("admitted_on"), decision_no=values.get("decision_no", ""),
            decision_date=values.get("decision_date"), **{k: v for k, v in values.items() if k in _IDENTITY},
        )  # fmt: skip

    def save(self, ctx, values):
        return services.member_admit(actor=ctx.actor, **self.fields_for(ctx, values))

    def save_many(self, ctx, rows, *, skip_invalid: bool):
        return members_admit_bulk(
            actor=ctx.actor, rows=((n, self.fields_for(ctx, v)) for n, v in rows), skip_invalid=skip_invalid,
            source=_source(ctx),
        )  # fmt: skip


register(
    MemberImporter(
        "members", "Đảng viên hiện có (nhập hồ sơ)", EDIT_MEMBERS,
        (*_identity_columns(),
         Column("Ngày vào Đảng", "admitted_on", DATE, required=True, example=D(2005, 2, 3), past=True,
                aliases=("Ngày kết nạp",)),
         Column("Ngày chính thức", "recognized_on", DATE, example=D(2006, 2, 3), past=True,
                hint="Ngày được công nhận đảng viên chính thức; để trống nếu còn là đảng viên dự bị.",
                aliases=("Ngày công nhận chính thức",)),
         _CELL,
         Column("Ngày bắt đầu sinh hoạt tại chi bộ", "joined_on", DATE, example=D(2010, 1, 1), past=True,
                hint="Để trống: từ ngày vào Đảng (hoặc ngày thành lập chi bộ nếu muộn hơn).",
                aliases=("Ngày sinh hoạt",)),
         Column("Chuyển đến từ", "place", hint="Chỉ ghi khi đảng viên chuyển sinh hoạt từ nơi khác đến.",
                example=""),
         Column("Số quyết định", "decision_no", example="")),
        list_url="member-list", unique=("citizen_id", "party_card_no"), order=10,
    ),
    AdmissionImporter(
        "admissions", "Kết nạp đảng viên mới", EDIT_MEMBERS,
        (*_identity_columns(), _CELL,
         Column("Ngày kết nạp", "admitted_on", DATE, required=True, example=D(2016, 5, 19), past=True),
         Column("Số quyết định kết nạp", "decision_no", required=True, example="125-QĐ/ĐU",
                aliases=("Số quyết định",)),
         Column("Ngày quyết định", "decision_date", DATE, example=D(2016, 5, 19), past=True)),
        list_url="member-list", unique=("citizen_id", "party_card_no"), order=20,
    ),
    EventImporter(
        "events", "Biến động đảng viên (chính thức, miễn sinh hoạt, chuyển đi, chuyển đến, xóa tên, từ trần…)",
        EDIT_MEMBERS, EVENT_COLUMNS, list_url="member-list", order=25,
        fields={"to_org": "other", "place": "other"},
    ),
)  # fmt: skip

EXPORT = exports.declare(exports.ExportKind("members", "Danh sách đảng viên", "dang-vien", (
    exports.Col("Họ và tên", lambda m: m.full_name, width=28),
    exports.Col("Ngày sinh", lambda m: m.birth_date),
    exports.Col("Giới tính", lambda m: m.get_sex_display()),
    exports.Col("Số CCCD", lambda m: m.citizen_id or "", citizen_id=True, width=16),
    exports.Col("Số thẻ đảng viên", lambda m: m.party_card_no or "", width=16),
    exports.Col("Tình trạng", lambda m: m.get_status_display(), width=24),
    exports.Col("Chi bộ", exports.org_name("org"), width=36),
    exports.Col("Ngày vào Đảng", lambda m: m.admitted_on),
    exports.Col("Ngày chính thức", lambda m: m.recognized_on),
    exports.Col("Dân tộc", lambda m: m.ethnicity),
    exports.Col("Tôn giáo", lambda m: m.religion),
)))  # fmt: skip
