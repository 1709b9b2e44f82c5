"""The review pages. Who may do what (documented in the README's review section):

- anyone with a scope sees the cycles of their committee or of those above it, and the
  organizations of the cycle inside their scope;
- entering self-assessments and proposals, and the members' results (one page or Excel), needs
  Capability.EDIT_MEMBERS (grassroots clerks, the organization board);
- deciding an organization's class, opening, closing and reopening a cycle, and any decision
  against a rule (with its reason) needs Capability.RESTRUCTURE — the organization board of
  the committee (Ban Tổ chức), not the office, which has EDIT_RECORDS but does not decide classes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.downloads import download_log
from dangvu.core.excel.writing import attachment
from dangvu.web.pages import form_saved

from . import excel, facts, selectors, services
from .forms import ENTRY_STAGES, MemberResultsForm, OpenCycleForm, OrgResultForm, ReopenForm, UploadForm
from .models import OrgResult, Stage

DECIDE = Capability.RESTRUCTURE
ENTER = Capability.EDIT_MEMBERS


def _cycle(scope, pk):
    return get_object_or_404(selectors.visible_cycles(scope.root), pk=pk)


def _cycle_org(scope, cycle, org_pk):
    org = scope.get_org(org_pk)
    if not org.path.startswith(cycle.committee.path) or not facts.rates_members(org):
        raise Http404("Tổ chức không thuộc đợt đánh giá này.")
    return org


@login_required
def cycle_list(request):
    scope = Scope.of(request.user)
    form = OpenCycleForm(request.POST or None)
    if request.method == "POST":
        scope.require(DECIDE)

        def save(data):
            cycle = services.review_cycle_open(actor=request.user, committee=scope.root, year=data["year"])
            return f"Đã mở đợt đánh giá, xếp loại năm {cycle.year}.", reverse("review-cycle", args=[cycle.pk])

        if saved := form_saved(request, form, save):
            return saved
    return render(
        request, "reviews/cycle_list.html",
        {"cycles": selectors.visible_cycles(scope.root), "form": form, "can_open": scope.can(DECIDE)},
    )  # fmt: skip


@login_required
def cycle_detail(request, pk):
    scope = Scope.of(request.user)
    cycle = _cycle(scope, pk)
    root = cycle.committee if cycle.committee.path.startswith(scope.root.path) else scope.root
    book = cycle.get_rulebook()
    labels = dict(book.org_choices())
    rows = [
        (org, result, selectors.stage_of(result), labels.get(result.decided_class or result.proposed_class, "")
         if result else "", rated)
        for org, result, rated in selectors.cycle_rows(cycle, root)
    ]  # fmt: skip
    return render(
        request, "reviews/cycle_detail.html",
        {"cycle": cycle, "book": book, "rows": rows, "can_decide": scope.can(DECIDE), "reopen_form": ReopenForm(),
         "reopenings": cycle.reopenings.select_related("reopened_by")},
    )  # fmt: skip


@login_required
@require_POST
def cycle_close(request, pk):
    scope = Scope.of(request.user)
    scope.require(DECIDE)
    cycle = _cycle(scope, pk)
    try:
        services.review_cycle_close(actor=request.user, cycle=cycle)
        messages.success(request, "Đã khóa đợt đánh giá; kết quả không sửa được cho đến khi mở lại.")
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("review-cycle", cycle.pk)


@login_required
@require_POST
def cycle_reopen(request, pk):
    scope = Scope.of(request.user)
    scope.require(DECIDE)
    cycle = _cycle(scope, pk)
    form = ReopenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Hãy ghi rõ lý do mở lại.")
        services.review_cycle_reopen(actor=request.user, cycle=cycle, reason=form.cleaned_data["reason"])
        messages.success(request, "Đã mở lại đợt đánh giá; lý do đã được ghi lại.")
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("review-cycle", cycle.pk)


def _org_form_initial(result: OrgResult | None) -> dict:
    if result is None:
        return {}
    return {
        "cls": result.decided_class or result.proposed_class or result.self_class, "points": result.points,
        "exemplary": result.exemplary, "disunity": result.disunity,
        "members_disciplined_corruption": result.members_disciplined_corruption,
        "targets_met_percent": result.targets_met_percent, "leadership_disciplined": result.leadership_disciplined,
        # The day recorded stays offered; none recorded: the field's own default.
        **({"decided_on": result.decided_on} if result.decided_on else {}),
    }  # fmt: skip


def _org_saved(request, form, cycle, org, message: str, to: str) -> HttpResponse | None:
    """The organization's class at the form's stage, through form_saved: `message` and a redirect
    to `to` once saved, None with the errors on the form."""

    def save(data):
        services.org_result_record(
            actor=request.user, cycle=cycle, org=org, stage=data["stage"], cls=data["cls"], points=data["points"],
            exemplary=data.get("exemplary", False), disunity=data["disunity"],
            members_disciplined_corruption=data["members_disciplined_corruption"],
            targets_met_percent=data["targets_met_percent"], leadership_disciplined=data["leadership_disciplined"],
            override_reason=data.get("override_reason", ""), decided_on=data.get("decided_on"),
        )  # fmt: skip
        return message, to

    return form_saved(request, form, save)


@login_required
def org_entry(request, pk, org_pk):
    """The grassroots page: the organization's self-assessment or proposal, and all its members
    on one page."""
    scope = Scope.of(request.user)
    cycle = _cycle(scope, pk)
    org = _cycle_org(scope, cycle, org_pk)
    book = cycle.get_rulebook()
    result = OrgResult.objects.filter(cycle=cycle, org=org).first()
    rows = selectors.member_rows(cycle, org)
    org_form = OrgResultForm(None, book=book, stages=ENTRY_STAGES, initial=_org_form_initial(result), prefix="org")
    members_form = MemberResultsForm(
        None, book=book, rows=rows, can_override=scope.can(DECIDE), year=cycle.year, prefix="m"
    )
    if request.method == "POST":
        scope.require(ENTER)
        if "org-cls" in request.POST:
            org_form = OrgResultForm(request.POST, book=book, stages=ENTRY_STAGES, prefix="org")
            back = reverse("review-org", args=[cycle.pk, org.pk])
            if saved := _org_saved(request, org_form, cycle, org, f"Đã lưu xếp loại của {org.name}.", back):
                return saved
        else:
            members_form = MemberResultsForm(
                request.POST, book=book, rows=rows, can_override=scope.can(DECIDE), year=cycle.year, prefix="m"
            )
            if members_form.is_valid():
                # The grassroots committee decides its own members' classes (EDIT_MEMBERS); only
                # the override fields, shown to the deciding committee, need DECIDE.
                stage = members_form.cleaned_data["stage"]
                try:
                    saved = services.member_results_record_bulk(
                        actor=request.user, cycle=cycle, org=org, stage=stage, rows=members_form.service_rows(),
                        quota_override_reason=members_form.cleaned_data.get("quota_override_reason", ""),
                        decided_on=members_form.cleaned_data.get("decided_on"),
                    )  # fmt: skip
                except ValidationError as e:
                    members_form.add_service_errors(e)
                else:
                    messages.success(request, f"Đã lưu kết quả của {len(saved)} đảng viên.")
                    return redirect("review-org", cycle.pk, org.pk)
    return render(
        request, "reviews/org_entry.html",
        {"cycle": cycle, "org": org, "book": book, "result": result, "org_form": org_form,
         "members_form": members_form, "upload_form": UploadForm(), "can_enter": scope.can(ENTER),
         "can_decide": scope.can(DECIDE), "labels": dict(book.org_choices())},
    )  # fmt: skip


@login_required
def org_decide(request, pk, org_pk):
    """The deciding committee's page: the proposal, the rules it would break (in Vietnamese, with
    the regulation), and the decision with a reason if it goes against a rule."""
    scope = Scope.of(request.user)
    cycle = _cycle(scope, pk)
    org = _cycle_org(scope, cycle, org_pk)
    book = cycle.get_rulebook()
    result = OrgResult.objects.filter(cycle=cycle, org=org).first()
    decide_stage = [(Stage.DECISION, Stage.DECISION.label)]
    form = OrgResultForm(
        None, book=book, stages=decide_stage, decide=True, year=cycle.year, initial=_org_form_initial(result)
    )
    if request.method == "POST":
        scope.require(DECIDE)
        form = OrgResultForm(request.POST, book=book, stages=decide_stage, decide=True, year=cycle.year)
        back = reverse("review-cycle", args=[cycle.pk])
        if saved := _org_saved(request, form, cycle, org, f"Đã quyết định xếp loại {org.name}.", back):
            return saved
    return render(
        request, "reviews/org_decide.html",
        {"cycle": cycle, "org": org, "book": book, "result": result, "form": form,
         "checks": selectors.org_rule_checks(cycle, org, result), "labels": dict(book.org_choices()),
         "can_decide": scope.can(DECIDE)},
    )  # fmt: skip


@login_required
def members_template(request, pk, org_pk):
    scope = Scope.of(request.user)
    cycle = _cycle(scope, pk)
    org = _cycle_org(scope, cycle, org_pk)
    rows = selectors.member_rows(cycle, org)
    data = excel.template(cycle.get_rulebook(), rows, f"{org.name} — năm {cycle.year}")
    # Names and birth dates of the whole organization: logged like the Excel lists.
    download_log(user=request.user, kind="review_template", rows=len(rows), filters={"cycle": cycle.pk, "org": org.pk})
    return attachment(data, f"xep-loai-dang-vien-{org.code}-{cycle.year}.xlsx")


@login_required
@require_POST
def members_upload(request, pk, org_pk):
    scope = Scope.of(request.user)
    scope.require(ENTER)
    cycle = _cycle(scope, pk)
    org = _cycle_org(scope, cycle, org_pk)
    form = UploadForm(request.POST, request.FILES)
    errors = []
    if not form.is_valid():
        errors = ["Hãy chọn tệp Excel và bước đánh giá."]
    else:
        rows, where, errors = excel.read(cycle.get_rulebook(), form.cleaned_data["file"])
        if not errors:
            try:
                saved = services.member_results_record_bulk(
                    actor=request.user, cycle=cycle, org=org, stage=form.cleaned_data["stage"], rows=rows
                )
            except ValidationError as e:
                errors = [
                    (f"Dòng {where[int(k.removeprefix('member_'))]}: " if k.startswith("member_") else "") + m
                    for k, msgs in e.message_dict.items() for m in msgs
                ]  # fmt: skip
            else:
                messages.success(request, f"Đã nhập kết quả của {len(saved)} đảng viên từ tệp Excel.")
    for error in errors:
        messages.error(request, error)
    if errors:
        messages.error(request, "Chưa lưu dòng nào; hãy sửa tệp rồi tải lên lại.")
    return redirect("review-org", cycle.pk, org.pk)


@login_required
def org_history(request, org_pk):
    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    results = list(selectors.org_history(org))
    rows = [(r, dict(r.cycle.get_rulebook().org_choices()).get(r.decided_class, "")) for r in results]
    return render(request, "reviews/org_history.html", {"org": org, "rows": rows})
