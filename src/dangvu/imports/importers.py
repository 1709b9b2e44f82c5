"""One importer per record kind: its columns, and how a parsed row is handed to the SAME service
the forms call. Nothing here validates a record on its own: the services do, and their errors
(keyed by field) come back to the clerk as "Dòng n, cột X: …".

An importer's `save(ctx, values)` gets the parsed values keyed by column field (blank cells
absent) and calls the service; `fields` maps a service's error field to a column field where
their names differ."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from dangvu.accounts.models import Capability
from dangvu.awards import services as award_services
from dangvu.awards.models import Program, RecipientKind, Title
from dangvu.cadres import services as cadre_services
from dangvu.cadres.models import ActionKind
from dangvu.core.text import clean, unaccent
from dangvu.elections import selectors as election_selectors
from dangvu.elections import services as election_services
from dangvu.inspection import services as inspection_services
from dangvu.inspection.models import Form as DisciplineForm
from dangvu.inspection.models import Kind as InspectionKind
from dangvu.inspection.models import Mode
from dangvu.members import services as member_services
from dangvu.members.bulk import members_register_bulk
from dangvu.members.models import Sex
from dangvu.training import services as training_services
from dangvu.training.models import ClassKind

from .columns import BOOL, CHOICE, DATE, DIGITS, INT, MEMBER, MEMBER_RECORD_COLUMNS, UNIT, CellError, Column

D = dt.date


class ImportContext:
    """Who imports into which unit: the target unit's subtree is where every unit named in the
    file is looked for, and the user's scope where every member is."""

    def __init__(self, *, actor, scope, org, today: dt.date | None = None):
        self.actor, self.scope, self.org = actor, scope, org
        self.today = today or dt.date.today()
        self._units = None

    def _index(self) -> dict:
        if self._units is None:
            self._units = {}
            for org in self.scope.orgs().filter(path__startswith=self.org.path).order_by("-path"):
                for key in (org.code.upper(), unaccent(org.name), unaccent(org.short_name)):
                    if key:
                        self._units[key] = org
        return self._units

    def find_unit(self, text: str):
        text = clean(text)
        code = clean(text.split("—")[0])
        index = self._index()
        return index.get(code.upper()) or index.get(unaccent(text))

    def unit(self, text: str):
        org = self.find_unit(text)
        if org is None:
            raise CellError(
                f"không tìm thấy tổ chức “{clean(text)}” trong {self.org.name}; hãy ghi mã tổ chức "
                "(ví dụ HM-DC-01) hoặc tên đúng như trong hệ thống."
            )
        return org

    def member(self, ref: str):
        ref = clean(ref).replace(" ", "")
        found = self.scope.members().filter(Q(party_card_no=ref) | Q(citizen_id=ref)).first()
        if found is None:
            raise CellError(f"không tìm thấy đảng viên có số thẻ hoặc số CCCD {ref} trong phạm vi của bạn.")
        return found


@dataclass
class Importer:
    key: str
    label: str
    capability: str
    columns: tuple
    list_url: str = "home"
    unique: tuple = ()  # fields that must not repeat inside one file
    fields: dict = field(default_factory=dict)  # service error field -> column field

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name), None)

    def save(self, ctx: ImportContext, values: dict):
        raise NotImplementedError

    # An importer may also define save_many(ctx, rows, *, skip_invalid) for a whole file at once:
    # rows are (row number, values) pairs; it returns a members.bulk.BulkResult-like object with
    # `errors` {row number: ValidationError}, or raises members.bulk.RowErrors (nothing stored).


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
        *MEMBER_RECORD_COLUMNS,
    )


_CELL = Column(
    "Chi bộ", "org", UNIT, example="", hint="Mã hoặc tên chi bộ; để trống nếu nhập vào chính đơn vị đã chọn.",
    aliases=("Mã chi bộ", "Chi bộ sinh hoạt"),
)  # fmt: skip
_IDENTITY = set(member_services.MEMBER_FIELDS)  # the identity and the rest of the record sheet


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
        return member_services.member_register(actor=ctx.actor, **self.fields_for(ctx, values))

    def save_many(self, ctx, rows, *, skip_invalid: bool):
        """rows: (number, values) pairs. See members.bulk.members_register_bulk."""
        return members_register_bulk(
            actor=ctx.actor, rows=((n, self.fields_for(ctx, v)) for n, v in rows), skip_invalid=skip_invalid
        )


class AdmissionImporter(Importer):
    """New admissions (member_admit): the same checks as the admission form, age rule included."""

    def save(self, ctx, values):
        return member_services.member_admit(
            actor=ctx.actor, org=_cell(ctx, values), admitted_on=values.get("admitted_on"),
            decision_no=values.get("decision_no", ""), decision_date=values.get("decision_date"),
            **{k: v for k, v in values.items() if k in _IDENTITY},
        )  # fmt: skip


def _with_default_org(values, ctx, name):
    return {**values, name: values.get(name) or ctx.org}


class CadreImporter(Importer):
    def save(self, ctx, values):
        data = _with_default_org(values, ctx, "decided_by")
        for name in ("from", "to"):
            text = data.pop(f"{name}_text", "")
            org = ctx.find_unit(text) if text else None
            data[f"{name}_org"], data[f"{name}_unit"] = (org, "") if org else (None, text)
        return cadre_services.cadre_action_create(actor=ctx.actor, **data)


class TrainingImporter(Importer):
    def save(self, ctx, values):
        return training_services.training_class_create(actor=ctx.actor, **_with_default_org(values, ctx, "organizer"))


class AwardImporter(Importer):
    def save(self, ctx, values):
        return award_services.award_create(actor=ctx.actor, **_with_default_org(values, ctx, "awarded_by"))


class InspectionImporter(Importer):
    def save(self, ctx, values):
        return inspection_services.inspection_record(actor=ctx.actor, **_with_default_org(values, ctx, "conducted_by"))


class DisciplineImporter(Importer):
    def save(self, ctx, values):
        data = _with_default_org(values, ctx, "decided_by")
        return inspection_services.discipline_record(
            actor=ctx.actor, form=data.get("form"), decided_by=data["decided_by"],
            decision_no=data.get("decision_no", ""),
            decision_date=data.get("decision_date"), violation_date=data.get("violation_date"),
            subject_org=data.get("subject_org"), subject_member=data.get("subject_member"),
            reason=data.get("reason", ""),
        )  # fmt: skip


class ElectionImporter(Importer):
    """Results per area; the election is found by name and date among those the user sees, or
    recorded (election_create, led by the chosen unit) the first time the file names it."""

    def save(self, ctx, values):
        from django.core.exceptions import ValidationError

        name, day = clean(values.get("election_name")), values.get("election_date")
        election = election_selectors.visible_elections(ctx.scope.root).filter(name=name, date=day).first()
        if election is None:
            try:
                election = election_services.election_create(actor=ctx.actor, name=name, date=day, organizer=ctx.org)
            except ValidationError as e:
                mapped = {"name": "election_name", "date": "election_date"}
                raise ValidationError({mapped.get(k, k): v for k, v in e.message_dict.items()}) from None
        return election_services.election_area_record(
            actor=ctx.actor, election=election, name=values.get("name", ""), org=values.get("org") or ctx.org,
            registered=values.get("registered"), voted=values.get("voted"),
        )  # fmt: skip


_DECISION = (
    Column("Số quyết định", "decision_no", required=True, example="125-QĐ/QU"),
    Column("Ngày quyết định", "decision_date", DATE, required=True, example=D(2016, 3, 15), past=True),
)
_MEMBER_REF_HINT = "Số thẻ đảng viên hoặc số CCCD của đảng viên trong phạm vi của bạn."

IMPORTERS = {
    imp.key: imp
    for imp in (
        MemberImporter(
            "members", "Đảng viên hiện có (nhập hồ sơ)", Capability.EDIT_MEMBERS,
            (*_identity_columns(),
             Column("Ngày vào Đảng", "admitted_on", DATE, required=True, example=D(2005, 2, 3), past=True,
                    aliases=("Ngày kết nạp",)),
             Column("Ngày chính thức", "recognized_on", DATE, example=D(2006, 2, 3), past=True),
             _CELL,
             Column("Ngày bắt đầu sinh hoạt tại chi bộ", "joined_on", DATE, example=D(2010, 1, 1), past=True,
                    hint="Để trống: từ ngày vào Đảng (hoặc ngày thành lập chi bộ nếu muộn hơn).",
                    aliases=("Ngày sinh hoạt",)),
             Column("Chuyển đến từ", "place", hint="Chỉ ghi khi đảng viên chuyển sinh hoạt từ nơi khác đến.",
                    example=""),
             Column("Số quyết định", "decision_no", example="")),
            list_url="member-list", unique=("citizen_id", "party_card_no"),
        ),
        AdmissionImporter(
            "admissions", "Kết nạp đảng viên mới", Capability.EDIT_MEMBERS,
            (*_identity_columns(), _CELL,
             Column("Ngày kết nạp", "admitted_on", DATE, required=True, example=D(2016, 5, 19), past=True),
             Column("Số quyết định kết nạp", "decision_no", required=True, example="125-QĐ/ĐU",
                    aliases=("Số quyết định",)),
             Column("Ngày quyết định", "decision_date", DATE, example=D(2016, 5, 19), past=True)),
            list_url="member-list", unique=("citizen_id", "party_card_no"),
        ),
        CadreImporter(
            "cadres", "Công tác cán bộ", Capability.EDIT_RECORDS,
            (Column("Số thẻ hoặc CCCD", "member", MEMBER, hint=_MEMBER_REF_HINT),
             Column("Họ và tên", "full_name", example="Nguyễn Văn An"),
             Column("Hình thức", "kind", CHOICE, required=True, example="Bổ nhiệm", choices=tuple(ActionKind.choices)),
             Column("Chức vụ", "position", example="Phó Chủ tịch UBND phường"),
             Column("Từ đơn vị", "from_text", example="Văn phòng Quận ủy"),
             Column("Đến đơn vị", "to_text", example="UBND phường Định Công"),
             Column("Cấp quyết định", "decided_by", UNIT, hint="Để trống: đơn vị đã chọn."),
             *_DECISION,
             Column("Ngày hiệu lực", "effective_date", DATE, example=D(2016, 4, 1)),
             Column("Ghi chú", "note")),
            list_url="cadre-list", fields={"from_org": "from_text", "from_unit": "from_text", "to_org": "to_text",
                                           "to_unit": "to_text"},
        ),
        TrainingImporter(
            "training", "Lớp bồi dưỡng", Capability.EDIT_RECORDS,
            (Column("Tên lớp", "title", required=True, example="Lớp bồi dưỡng nghiệp vụ công tác đảng năm 2016"),
             Column("Loại lớp", "kind", CHOICE, required=True, example="Nghiệp vụ công tác đảng",
                    choices=tuple(ClassKind.choices)),
             Column("Đơn vị tổ chức", "organizer", UNIT, hint="Để trống: đơn vị đã chọn."),
             Column("Ngày khai giảng", "start_date", DATE, required=True, example=D(2016, 6, 6)),
             Column("Ngày bế giảng", "end_date", DATE, example=D(2016, 6, 10)),
             Column("Địa điểm", "place", example="Trung tâm Bồi dưỡng chính trị quận"),
             Column("Số lượt không ghi tên", "unnamed_count", INT, example=120),
             Column("Ghi chú", "note")),
            list_url="training-list",
        ),
        AwardImporter(
            "awards", "Khen thưởng", Capability.EDIT_RECORDS,
            (Column("Đối tượng", "recipient_kind", CHOICE, required=True, example="Cá nhân",
                    choices=tuple(RecipientKind.choices)),
             Column("Tổ chức đảng được khen", "recipient_org", UNIT),
             Column("Số thẻ hoặc CCCD đảng viên được khen", "recipient_member", MEMBER, hint=_MEMBER_REF_HINT),
             Column("Tập thể, cá nhân khác", "recipient_name", example="Nguyễn Văn An"),
             Column("Danh hiệu", "title", CHOICE, required=True, example="Giấy khen", choices=tuple(Title.choices)),
             Column("Chi tiết danh hiệu", "title_detail"),
             Column("Căn cứ", "program", CHOICE, required=True, example="Chỉ thị 03-CT/TW",
                    choices=tuple(Program.choices)),
             Column("Thành tích năm", "for_year", INT, example=2016),
             Column("Cấp khen", "awarded_by", UNIT, hint="Để trống: đơn vị đã chọn."),
             *_DECISION,
             Column("Ghi chú", "note")),
            list_url="award-list",
        ),
        InspectionImporter(
            "inspections", "Kiểm tra, giám sát", Capability.EDIT_INSPECTION,
            (Column("Loại", "kind", CHOICE, required=True, example="Kiểm tra", choices=tuple(InspectionKind.choices)),
             Column("Hình thức", "mode", CHOICE, example="Thường xuyên", choices=tuple(Mode.choices)),
             Column("Tổ chức được kiểm tra, giám sát", "subject_org", UNIT),
             Column("Số thẻ hoặc CCCD đảng viên được kiểm tra, giám sát", "subject_member", MEMBER,
                    hint=_MEMBER_REF_HINT),
             Column("Tổ chức tiến hành", "conducted_by", UNIT, hint="Để trống: đơn vị đã chọn."),
             Column("Ngày bắt đầu", "start_date", DATE, required=True, example=D(2016, 8, 1), past=True),
             Column("Ngày kết thúc", "end_date", DATE, example=D(2016, 8, 15), past=True),
             Column("Nội dung", "content", required=True, example="Việc chấp hành Điều lệ Đảng"),
             Column("Kết luận", "conclusion"),
             Column("Phát hiện vi phạm", "violations_found", BOOL, example="Không"),
             Column("Ngày xảy ra vi phạm", "violation_date", DATE, past=True)),
            list_url="inspection-list",
        ),
        DisciplineImporter(
            "disciplines", "Kỷ luật", Capability.EDIT_INSPECTION,
            (Column("Số thẻ hoặc CCCD đảng viên bị kỷ luật", "subject_member", MEMBER, hint=_MEMBER_REF_HINT),
             Column("Tổ chức bị kỷ luật", "subject_org", UNIT),
             Column("Hình thức kỷ luật", "form", CHOICE, required=True, example="Khiển trách",
                    choices=tuple(DisciplineForm.choices)),
             Column("Tổ chức quyết định", "decided_by", UNIT, hint="Để trống: đơn vị đã chọn."),
             *_DECISION,
             Column("Ngày xảy ra vi phạm", "violation_date", DATE, required=True, example=D(2016, 1, 10), past=True),
             Column("Lý do, nội dung vi phạm", "reason")),
            list_url="discipline-list",
        ),
        ElectionImporter(
            "elections", "Kết quả bầu cử theo khu vực", Capability.EDIT_RECORDS,
            (Column("Cuộc bầu cử", "election_name", required=True,
                    example="Bầu cử đại biểu Quốc hội khóa XIV và HĐND các cấp"),
             Column("Ngày bầu cử", "election_date", DATE, required=True, example=D(2016, 5, 22), past=True),
             Column("Khu vực bỏ phiếu", "name", required=True, example="Phường Định Công", aliases=("Khu vực",)),
             Column("Tổ chức đảng", "org", UNIT, hint="Để trống: đơn vị đã chọn."),
             Column("Số cử tri", "registered", INT, required=True, example=20500),
             Column("Số cử tri đã đi bầu", "voted", INT, required=True, example=20480, aliases=("Đã đi bầu",))),
            list_url="election-list",
        ),
    )
}  # fmt: skip


def importer(key: str) -> Importer:
    return IMPORTERS[key]


__all__ = ["IMPORTERS", "ImportContext", "Importer", "importer"]
