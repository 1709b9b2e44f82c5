"""The pages of a member's or a collective's quarter (or year, quarter 0): the tasks with their
derived status, the results and products, the points and the class proposed with its reasons,
and the three stages of the evaluation. Who may do what:

- anyone whose scope holds the member or the unit sees the page; files are served through it;
- assigning tasks, recording results, the self-assessment and the cell's or committee's opinion
  need Capability.EDIT_MEMBERS (the cell's secretary, the grassroots clerk, the organization board);
- the conclusion needs EDIT_MEMBERS at a level above the one evaluated: the grassroots committee
  (or above) for its members and cells, the committee above for a grassroots organization.
"""

import dataclasses
import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.downloads import download_log
from dangvu.reviews.facts import grassroots_of
from dangvu.web.pages import form_saved

from . import framework as fw
from . import scoring, selectors, services
from .forms import CriterionRows, EvaluationForm, ResultForm, TaskForm
from .models import YEAR, Evaluation, Framework, Subject, Task
from .rules import STATUS_LABELS

ENTER = Capability.EDIT_MEMBERS


def _check_period(year: int, quarter: int):
    if quarter not in (YEAR, 1, 2, 3, 4) or not 2025 <= year <= 9999:
        raise Http404("Kỳ đánh giá theo Quy định 366-QĐ/TW: năm từ 2025, quý 1–4 (0 là cả năm).")


@login_required
def member_period(request, pk, year, quarter):
    scope = Scope.of(request.user)
    _check_period(year, quarter)
    member = scope.get_member(pk)
    if member.org is None:
        raise Http404("Đảng viên không còn sinh hoạt ở tổ chức nào.")
    return _period_page(request, scope, member.org, grassroots_of(member.org), member, year, quarter)


@login_required
def org_period(request, pk, year, quarter):
    scope = Scope.of(request.user)
    _check_period(year, quarter)
    org = scope.get_org(pk)
    if org.level not in selectors.COLLECTIVE_LEVELS:
        raise Http404("Chỉ tổ chức cơ sở đảng và chi bộ trực thuộc được đánh giá theo nhiệm vụ ở trang này.")
    return _period_page(request, scope, org, org, None, year, quarter)


def _period_page(request, scope, task_org, eval_org, member, year, quarter):
    cycle = selectors.cycle_for(eval_org, year)
    # A member's tasks follow the member (assigned in another cell before a move included).
    tasks = Task.objects.filter(year=year, member=member)
    tasks = tasks if member else tasks.filter(org=task_org)
    if quarter != YEAR:
        tasks = tasks.filter(quarter=quarter)
    subject = Subject.MEMBER if member else Subject.ORG
    can_decide = scope.can(ENTER) and selectors.may_conclude(scope.root, eval_org, member is not None)
    forms_ = {"task": TaskForm(prefix="t"), "result": None}
    evaluation = cycle and Evaluation.objects.filter(cycle=cycle, quarter=quarter, org=eval_org, member=member).first()
    book = cycle.get_rulebook() if cycle else None
    criteria = scoring.criteria_for(cycle, eval_org, subject) if cycle else fw.common(subject)
    stages = {}
    if cycle:
        for stage in ("self", "opinion", "decision"):
            stages[stage] = EvaluationForm(
                prefix=stage, stage=stage, criteria=criteria, book=book, collective=member is None,
                initial=_initial(evaluation, stage),
            )  # fmt: skip
    if request.method == "POST":
        scope.require(ENTER)
        ctx = {
            "forms": forms_,
            "stages": stages,
            "cycle": cycle,
            "task_org": task_org,
            "eval_org": eval_org,
            "member": member,
            "year": year,
            "quarter": quarter,
            "criteria": criteria,
            "can_decide": can_decide,
        }
        if saved := _post(request, request.POST.get("action", ""), ctx):
            return saved
    outcome = None
    if cycle:
        assessed = (evaluation.opinion_scores or evaluation.self_scores) if evaluation else {}
        leaders = evaluation.leadership_members_disciplined if evaluation else 0
        outcome = scoring.evaluate(cycle, eval_org, member, quarter, criteria, assessed, leaders)
    bound = forms_["result"]

    def result_form(task):
        # Ids per task: every row has the same fields, and a label must point at its own input.
        if bound is not None and bound.task_pk == task.pk:
            return bound
        return ResultForm(prefix="r", auto_id=f"id_r{task.pk}_%s")

    rows = [(t, r, STATUS_LABELS[s], s, result_form(t)) for t, r, s in selectors.period_rows(tasks)]
    rules_shown = [r for r in book.rules if r.code.startswith(f"qd366.{subject}.")] if book else []
    return render(
        request, "tasks/period.html",
        {"member": member, "org": task_org, "eval_org": eval_org, "year": year, "quarter": quarter,
         "cycle": cycle, "book": book, "rows": rows, "task_form": forms_["task"], "result_form": forms_["result"],
         "stages": stages, "evaluation": evaluation, "outcome": outcome,
         "labels": dict(book.member_choices()) if book else {}, "criteria": criteria,
         "framework_note": fw.NOTES[subject],
         "rules": rules_shown, "can_enter": scope.can(ENTER), "can_decide": can_decide,
         "quarters": [(q, f"Quý {q}") for q in (1, 2, 3, 4)] + [(YEAR, "Cả năm")]},
    )  # fmt: skip


def _initial(evaluation: Evaluation | None, stage: str) -> dict:
    if evaluation is None:
        return {}
    scores = evaluation.self_scores if stage == "self" else evaluation.opinion_scores
    initial = {f"score_{k}": v for k, v in scores.items()}
    initial["cls"] = {"self": evaluation.self_class, "opinion": evaluation.opinion_class}.get(
        stage, evaluation.decided_class or evaluation.opinion_class
    )
    initial["leadership_members_disciplined"] = evaluation.leadership_members_disciplined
    return initial


def _post(request, action, ctx) -> HttpResponse | None:
    """Run the posted action through form_saved: the redirect back to the page, or None with the
    errors left on the forms."""
    back = request.path
    if action == "task":
        form = ctx["forms"]["task"] = TaskForm(request.POST, prefix="t")

        def assign(data):
            services.task_assign(
                actor=request.user, org=ctx["task_org"], member=ctx["member"], year=ctx["year"],
                quarter=ctx["quarter"], title=data["title"], measure=data["measure"], target=data["target"],
                deadline=data["deadline"], weight=data["weight"],
            )  # fmt: skip
            return f"Đã giao nhiệm vụ “{data['title']}”.", back

        return form_saved(request, form, assign)
    if action.startswith("result-"):
        own = {"member": ctx["member"]} if ctx["member"] else {"member": None, "org": ctx["task_org"]}
        raw = action.removeprefix("result-")
        task = Task.objects.filter(pk=int(raw) if raw.isdigit() else 0, year=ctx["year"], **own).first()
        if task is None:
            raise Http404("Không tìm thấy nhiệm vụ.")
        form = ResultForm(request.POST, request.FILES, prefix="r", auto_id=f"id_r{task.pk}_%s")
        ctx["forms"]["result"] = form
        form.task_pk = task.pk

        def record(data):
            services.task_result_record(
                actor=request.user, task=task, done_on=data["done_on"], quantity=data["quantity"],
                product=data["product"], product_file=data["product_file"] or None,
            )  # fmt: skip
            return f"Đã ghi kết quả nhiệm vụ “{task.title}”.", back

        return form_saved(request, form, record)
    cycle = ctx["cycle"]
    if action in ("self", "opinion", "decision") and cycle is not None:
        if action == "decision" and not ctx["can_decide"]:
            raise Http404("Kết luận do cấp có thẩm quyền (cấp trên của đơn vị được đánh giá) thực hiện.")
        form = ctx["stages"][action] = EvaluationForm(
            request.POST, prefix=action, stage=action, criteria=ctx["criteria"], book=cycle.get_rulebook(),
            collective=ctx["member"] is None,
        )  # fmt: skip

        def evaluate(data):
            services.evaluation_record(
                actor=request.user, cycle=cycle, org=ctx["eval_org"], member=ctx["member"], quarter=ctx["quarter"],
                stage=action, scores=form.scores(), cls=data.get("cls", ""), note=data.get("note", ""),
                override_reason=data.get("override_reason", ""),
                leadership_members_disciplined=data.get("leadership_members_disciplined"),
            )  # fmt: skip
            return f"Đã lưu bước “{form.stage_label}”.", back

        return form_saved(request, form, evaluate)
    messages.error(request, "Thao tác không hợp lệ; hãy tải lại trang.")
    return None


COMMITTEE_LEVELS = ("province", "district", "grassroots_committee")


@login_required
def framework_edit(request, year, subject):
    """The criteria of the user's committee for `year` and `subject`, within the common groups."""
    scope = Scope.of(request.user)
    if subject not in Subject.values or not 2025 <= year <= 9999:
        raise Http404("Không có khung tiêu chí này.")
    committee = scope.root
    if committee is None or committee.level not in COMMITTEE_LEVELS:
        raise Http404("Khung tiêu chí do cấp ủy (tỉnh, huyện hoặc đảng ủy cơ sở) đặt.")
    groups = fw.GROUPS[subject]
    own = Framework.objects.filter(committee=committee, year=year, subject=subject).first()
    current = (
        [{"group": c.group, "code": c.code, "label": c.label, "max_points": c.max_points} for c in own.criteria.all()]
        if own
        else [dataclasses.asdict(c) for c in fw.common(subject)]
    )
    initial = [{k: row[k] for k in ("group", "code", "label", "max_points")} for row in current]
    initial += [{}] * 3  # room to split a group
    formset = CriterionRows(initial=initial, form_kwargs={"groups": groups}, prefix="c")
    errors = []
    if request.method == "POST":
        scope.require(ENTER)
        formset = CriterionRows(request.POST, form_kwargs={"groups": groups}, prefix="c")
        if formset.is_valid():
            rows = [f.cleaned_data for f in formset if f.cleaned_data.get("label")]
            try:
                services.framework_set(actor=request.user, committee=committee, year=year, subject=subject,
                                       criteria=rows)  # fmt: skip
            except ValidationError as e:
                errors = e.messages
            else:
                messages.success(request, f"Đã lưu khung tiêu chí năm {year} của {committee.name}.")
                return redirect(request.path)
    return render(
        request, "tasks/framework.html",
        {"committee": committee, "year": year, "subject": Subject(subject), "formset": formset, "errors": errors,
         "groups": groups, "own": own, "note": fw.NOTES[subject], "can_enter": scope.can(ENTER)},
    )  # fmt: skip


@require_GET
@login_required
def product_file(request, pk):
    """A task's product file, to users whose scope holds the task's unit."""
    scope = Scope.of(request.user)
    task = Task.objects.select_related("result", "org").filter(pk=pk).first()
    if task is None or not scope.covers(task.org) or not hasattr(task, "result") or not task.result.product_file:
        raise Http404("Không tìm thấy tệp sản phẩm trong phạm vi của bạn.")
    f = task.result.product_file
    if not f.storage.exists(f.name):
        raise Http404("Tệp sản phẩm không còn trên máy chủ.")
    name = f"san-pham-nhiem-vu-{task.pk}{os.path.splitext(f.name)[1].lower()}"
    download_log(user=request.user, kind="task_product", rows=1, filters={"task": task.pk})
    return FileResponse(f.open("rb"), as_attachment=True, filename=name)
