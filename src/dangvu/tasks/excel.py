"""The Excel imports of tasks, their results and the evaluations' scores (discovered by the
imports app, see core.excel.declare): each row goes to the same service as the page and the API."""

import datetime as dt

from django.core.exceptions import ValidationError

from dangvu.accounts.models import Capability
from dangvu.core.excel.columns import CHOICE, DATE, INT, MEMBER, UNIT, Column
from dangvu.core.excel.declare import MEMBER_REF_HINT, Importer, register, with_default_org
from dangvu.reviews.facts import grassroots_of
from dangvu.reviews.rulebooks.since2018 import CLASSES

from . import selectors, services
from .models import Task

QUARTER_HINT = "1, 2, 3 hoặc 4; ghi 0 cho nhiệm vụ, đánh giá cả năm."
CLASS_CHOICES = tuple((g.code, g.label) for g in CLASSES)


class TaskImporter(Importer):
    def save(self, ctx, values):
        values = with_default_org(values, ctx, "org")
        return services.task_assign(actor=ctx.actor, weight=values.pop("weight", None) or 1, **values)


class ResultImporter(Importer):
    def save(self, ctx, values):
        task_id = values.pop("task")
        task = Task.objects.filter(pk=task_id, org__path__startswith=ctx.org.path).first()
        if task is None:
            raise ValidationError({"task": f"Không có nhiệm vụ mã {task_id} trong {ctx.org.name}."})
        return services.task_result_record(actor=ctx.actor, task=task, **values)


class ScoreImporter(Importer):
    """One row per member and period: the points of the assessed group of the common framework
    (committees that split it into several criteria enter them on the page or through the API)."""

    def save(self, ctx, values):
        member = values["member"]
        if member.org is None:
            raise ValidationError({"member": f"Đồng chí {member.full_name} không còn sinh hoạt ở tổ chức nào."})
        org = grassroots_of(member.org)
        cycle = selectors.cycle_for(org, values["year"])
        if cycle is None:
            raise ValidationError({"year": f"Chưa có đợt đánh giá năm {values['year']} nào bao gồm {org.name}."})
        score = values.get("points")
        return services.evaluation_record(
            actor=ctx.actor, cycle=cycle, org=org, member=member, quarter=values["quarter"], stage=values["stage"],
            scores={"politics": score} if score not in (None, "") else None, cls=values.get("cls", ""),
            note=values.get("note", ""),
        )  # fmt: skip


register(
    TaskImporter(
        "tasks", "Nhiệm vụ được giao (Quy định 366)", Capability.EDIT_MEMBERS,
        (Column("Tổ chức đảng", "org", UNIT, hint="Để trống: đơn vị đã chọn. Với nhiệm vụ của đảng viên: chi bộ "
                "nơi đảng viên sinh hoạt."),
         Column("Số thẻ hoặc CCCD đảng viên", "member", MEMBER, hint="Để trống: nhiệm vụ của tập thể. "
                + MEMBER_REF_HINT),
         Column("Năm", "year", INT, required=True, example=2026),
         Column("Quý", "quarter", INT, required=True, example=1, hint=QUARTER_HINT),
         Column("Nhiệm vụ", "title", required=True, example="Vận động hộ gia đình tham gia bảo hiểm y tế"),
         Column("Đơn vị tính", "measure", required=True, example="hộ"),
         Column("Số lượng yêu cầu", "target", required=True, example="20"),
         Column("Thời hạn", "deadline", DATE, required=True, example=dt.date(2026, 3, 20)),
         Column("Trọng số", "weight", INT, example=1, hint="Từ 1 đến 10; để trống là 1.")),
        order=90,
    ),
    ResultImporter(
        "task_results", "Kết quả thực hiện nhiệm vụ", Capability.EDIT_MEMBERS,
        (Column("Mã nhiệm vụ", "task", INT, required=True, example=1, hint="Mã số nhiệm vụ trên trang nhiệm vụ, API."),
         Column("Ngày hoàn thành", "done_on", DATE, example=dt.date(2026, 3, 15), past=True),
         Column("Số lượng đạt", "quantity", example="22"),
         Column("Sản phẩm", "product", example="Danh sách 22 hộ đã tham gia")),
        unique=("task",), order=91,
    ),
    ScoreImporter(
        "evaluation_scores", "Chấm điểm, xếp loại theo quý, năm", Capability.EDIT_MEMBERS,
        (Column("Số thẻ hoặc CCCD đảng viên", "member", MEMBER, required=True, hint=MEMBER_REF_HINT,
                example="001080012345"),
         Column("Năm", "year", INT, required=True, example=2026),
         Column("Quý", "quarter", INT, required=True, example=1, hint=QUARTER_HINT),
         Column("Bước", "stage", CHOICE, required=True, example="Tự đánh giá",
                choices=(("self", "Tự đánh giá"), ("opinion", "Ý kiến của chi bộ, cấp ủy"))),
         Column("Điểm nhóm chính trị tư tưởng, đạo đức, kỷ luật", "points", example="27",
                hint="Từ 0 đến 30 theo khung tiêu chí chung."),
         Column("Mức xếp loại", "cls", CHOICE, example="Hoàn thành tốt nhiệm vụ", choices=CLASS_CHOICES),
         Column("Nhận xét", "note")),
        unique=(), order=92,
    ),
)  # fmt: skip
