"""The member's self-assessment page (/so-tay/tu-danh-gia/)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dangvu.tasks.forms import EvaluationForm, ResultForm
from dangvu.tasks.models import YEAR
from dangvu.web.pages import form_saved

from .assessment import (
    criteria_of,
    my_evaluation,
    my_result,
    my_tasks,
    season_of,
    self_assessment_record,
    self_product_record,
)  # fmt: skip
from .views import _member


class ClassForm(forms.Form):
    """The self-assessment under the rulebooks before QĐ 366: the member's own class for the year."""

    cls = forms.ChoiceField(label="Đồng chí tự xếp loại")

    def __init__(self, *args, book, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cls"].choices = [("", "— chọn —"), *book.member_choices()]


def _quarter(request, today) -> int:
    raw = request.GET.get("quy", "")
    return int(raw) if raw in ("0", "1", "2", "3", "4") else (today.month - 1) // 3 + 1


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment(request):
    member = _member(request)
    today = timezone.localdate()
    season = season_of(member, today)
    if season is None:
        return render(request, "handbook/self_assessment.html", {"season": None})
    context = {"season": season, "year": season.cycle.year, "book": season.book}
    labels = dict(season.book.member_choices())
    if season.scored:
        if saved := _scored(request, member, season, _quarter(request, today), context):
            return saved
        evaluation = context["evaluation"]
        context["self_label"] = labels.get(evaluation.self_class) if evaluation else None
    else:
        found = my_result(member, season)
        form = context["form"] = ClassForm(request.POST or None, book=season.book,
                                           initial={"cls": found.self_class if found else ""})  # fmt: skip

        def save(data):
            self_assessment_record(actor=request.user, member=member, season=season, quarter=YEAR, cls=data["cls"])
            return "Đã gửi bản tự đánh giá.", f"{request.path}?quy={YEAR}"

        if saved := form_saved(request, form, save):
            return saved
        context["self_label"] = labels.get(found.self_class) if found else None
    return render(request, "handbook/self_assessment.html", context)


def _scored(request, member, season, quarter, context) -> HttpResponse | None:
    """QĐ 366: the quarter's tasks (each taking its result and product) and the self stage's
    points, class and note. The redirect once something is saved, else None with the page's
    context filled in."""
    action = request.POST.get("action", "")
    form = EvaluationForm(request.POST if action == "self" else None, prefix="self", stage="self",
                          criteria=criteria_of(season), book=season.book, collective=False,
                          initial=_initial(my_evaluation(member, season, quarter)))  # fmt: skip
    back = f"{request.path}?quy={quarter}"
    result_form = None
    if action.startswith("result-"):
        raw = action.removeprefix("result-")
        result_form = ResultForm(request.POST, request.FILES, prefix="r", auto_id=f"id_r{raw}_%s")
        result_form.task_pk = raw

        def save_result(d):
            self_product_record(
                actor=request.user, member=member, season=season, task_pk=int(raw) if raw.isdigit() else 0,
                done_on=d["done_on"], quantity=d["quantity"], product=d["product"],
                product_file=d["product_file"] or None,
            )  # fmt: skip
            return "Đã ghi kết quả, sản phẩm của nhiệm vụ.", back

        if saved := form_saved(request, result_form, save_result):
            return saved
    elif action == "self":

        def save_self(d):
            self_assessment_record(
                actor=request.user, member=member, season=season, quarter=quarter, scores=form.scores(),
                cls=d.get("cls", ""), note=d.get("note", ""),
            )  # fmt: skip
            return "Đã gửi bản tự đánh giá; chi bộ sẽ cho ý kiến ở bước tiếp theo.", back

        if saved := form_saved(request, form, save_self):
            return saved

    def task_form(task):
        # Ids per task: every row has the same fields, and a label must point at its own input.
        if result_form is not None and result_form.task_pk == str(task.pk):
            return result_form
        return ResultForm(prefix="r", auto_id=f"id_r{task.pk}_%s")

    rows = [(t, r, status, task_form(t)) for t, r, status in my_tasks(member, season, quarter)]
    context.update({
        "form": form, "rows": rows, "quarter": quarter, "evaluation": my_evaluation(member, season, quarter),
        "quarters": [(q, f"Quý {q}") for q in (1, 2, 3, 4)] + [(YEAR, "Cả năm")],
    })  # fmt: skip
    return None


def _initial(evaluation) -> dict:
    if evaluation is None:
        return {}
    initial = {f"score_{k}": v for k, v in evaluation.self_scores.items()}
    return {**initial, "cls": evaluation.self_class, "note": evaluation.self_note}
