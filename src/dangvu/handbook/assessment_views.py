"""The member's self-assessment page (/so-tay/tu-danh-gia/)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dangvu.tasks.forms import EvaluationForm, ResultForm
from dangvu.tasks.models import YEAR
from dangvu.web.forms import add_service_errors

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
        done = _scored(request, member, season, _quarter(request, today), context)
        evaluation = context["evaluation"]
        context["self_label"] = labels.get(evaluation.self_class) if evaluation else None
    else:
        found = my_result(member, season)
        form = context["form"] = ClassForm(request.POST or None, book=season.book,
                                           initial={"cls": found.self_class if found else ""})  # fmt: skip
        done = request.method == "POST" and form.is_valid() and _call(
            form, self_assessment_record, actor=request.user, member=member, season=season, quarter=YEAR,
            cls=form.cleaned_data["cls"],
        )  # fmt: skip
        context["self_label"] = labels.get(found.self_class) if found else None
    if done:
        messages.success(request, done if isinstance(done, str) else "Đã gửi bản tự đánh giá.")
        return redirect(f"{request.path}?quy={context.get('quarter', YEAR)}")
    return render(request, "handbook/self_assessment.html", context)


def _scored(request, member, season, quarter, context):
    """QĐ 366: the quarter's tasks (each taking its result and product) and the self stage's
    points, class and note. The success message once something is saved, else False."""
    action = request.POST.get("action", "")
    form = EvaluationForm(request.POST if action == "self" else None, prefix="self", stage="self",
                          criteria=criteria_of(season), book=season.book, collective=False,
                          initial=_initial(my_evaluation(member, season, quarter)))  # fmt: skip
    result_form, done = None, False
    if action.startswith("result-"):
        raw = action.removeprefix("result-")
        result_form = ResultForm(request.POST, request.FILES, prefix="r", auto_id=f"id_r{raw}_%s")
        result_form.task_pk = raw
        if result_form.is_valid():
            d = result_form.cleaned_data
            done = _call(
                result_form, self_product_record, actor=request.user, member=member, season=season,
                task_pk=int(raw) if raw.isdigit() else 0, done_on=d["done_on"], quantity=d["quantity"],
                product=d["product"], product_file=d["product_file"] or None,
            ) and "Đã ghi kết quả, sản phẩm của nhiệm vụ."  # fmt: skip
    elif action == "self" and form.is_valid():
        d = form.cleaned_data
        done = _call(
            form, self_assessment_record, actor=request.user, member=member, season=season, quarter=quarter,
            scores=form.scores(), cls=d.get("cls", ""), note=d.get("note", ""),
        ) and "Đã gửi bản tự đánh giá; chi bộ sẽ cho ý kiến ở bước tiếp theo."  # fmt: skip

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
    return done


def _initial(evaluation) -> dict:
    if evaluation is None:
        return {}
    initial = {f"score_{k}": v for k, v in evaluation.self_scores.items()}
    return {**initial, "cls": evaluation.self_class, "note": evaluation.self_note}


def _call(form, service, **kwargs) -> bool:
    try:
        service(**kwargs)
    except ValidationError as e:
        add_service_errors(form, e)
        return False
    return True
