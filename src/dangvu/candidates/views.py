"""Pages of the admission pipeline: the list of files by stage, a file with every step, and one form
per step. Every file comes through the user's scope (404 outside it); writes need
Capability.EDIT_MEMBERS, and the services' refusals are shown next to the field they name."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.members.models import IN_PARTY_STATUSES
from dangvu.organizations.models import MEMBER_LEVELS, Level
from dangvu.web.pages import form_saved

from . import selectors, services
from .forms import (
    STEP_FORMS,
    AdmitForm,
    CandidateForm,
    CloseForm,
    FilterForm,
    IntroducerForm,
    StepForm,
    UnionIntroductionForm,
    VoteForm,
)
from .models import Candidate, Stage, Status, StepKind


def _candidate(scope: Scope, pk) -> Candidate:
    candidate = selectors.candidate_list(scope.root, status=None).filter(pk=pk).first()
    if candidate is None:
        raise Http404("Không tìm thấy hồ sơ trong phạm vi của bạn.")
    return candidate


def _cells(scope: Scope):
    return scope.orgs().filter(level__in=MEMBER_LEVELS, dissolved_on__isnull=True).order_by("path")


@login_required
def candidate_list(request):
    scope = Scope.of(request.user)
    form = FilterForm(request.GET or None, orgs=scope.orgs().exclude(dissolved_on__isnull=False).order_by("path"))
    f = form.cleaned_data if form.is_valid() else {}
    days = f.get("dung_qua")
    files = selectors.candidate_list(scope.root, org=f.get("don_vi"), stage=f.get("buoc") or None,
                                     query=f.get("q") or "")  # fmt: skip
    if days:
        files = selectors.stalled(scope.root, days=days).filter(pk__in=files.values("pk"))
    counts = selectors.stage_counts(selectors.candidate_list(scope.root, org=f.get("don_vi")))
    page = Paginator(files.select_related("org"), 100).get_page(request.GET.get("trang"))
    return render(
        request,
        "candidates/list.html",
        {
            "form": form, "page": page, "days": days, "today": dt.date.today(),
            "counts": [(s, counts.get(s.value, 0)) for s in Stage if s not in (Stage.ADMITTED, Stage.CLOSED)],
            "can_edit": scope.can(Capability.EDIT_MEMBERS),
        },
    )  # fmt: skip


@login_required
def candidate_create(request):
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_MEMBERS)
    form = CandidateForm(request.POST or None, cells=_cells(scope))

    def save(data):
        kw = form.service_kwargs()
        candidate = services.candidate_open(
            actor=request.user, org=kw["org"], opened_on=kw["opened_on"], in_charge=kw["in_charge"],
            **kw["identity"],
        )  # fmt: skip
        return f"Đã mở hồ sơ của {candidate.full_name}.", reverse("candidate-detail", args=[candidate.pk])

    return form_saved(request, form, save) or render(
        request, "candidates/form.html", {"form": form, "title": "Đưa quần chúng ưu tú vào danh sách"}
    )


@login_required
def candidate_detail(request, pk):
    scope = Scope.of(request.user)
    candidate = _candidate(scope, pk)
    steps, introducers, union = selectors.file_of(candidate)
    introducers = list(introducers)
    by_kind = {s.kind: s for s in steps}
    rows = [(kind, by_kind.get(kind), STEP_URLS.get(kind)) for kind in StepKind]
    return render(
        request,
        "candidates/detail.html",
        {
            "c": candidate, "rows": rows, "introducers": introducers, "union": union,
            "vote": by_kind.get(StepKind.VOTE),
            "needs_introducer": len(introducers) + (1 if union else 0) < 2,
            "can_edit": scope.can(Capability.EDIT_MEMBERS) and candidate.status == Status.OPEN,
            "show_id": scope.can(Capability.VIEW_CITIZEN_ID),
        },
    )  # fmt: skip


STEP_URLS = {StepKind.COURSE: "candidate-course", StepKind.APPLICATION: "candidate-application",
             StepKind.BACKGROUND: "candidate-background"}  # fmt: skip


def _editable(request, pk) -> tuple[Scope, Candidate]:
    """The file for a form: in scope (404), the capability to change it (403), still open (else back)."""
    scope = Scope.of(request.user)
    candidate = _candidate(scope, pk)
    scope.require(Capability.EDIT_MEMBERS)
    return scope, candidate


def _form_page(request, candidate, form, title, hint=""):
    return render(request, "candidates/form.html", {"form": form, "title": title, "c": candidate, "hint": hint})


def _closed(request, candidate):
    messages.error(request, f"Hồ sơ của {candidate.full_name} đã kết thúc; không ghi thêm được.")
    return redirect("candidate-detail", pk=candidate.pk)


@login_required
def candidate_step(request, pk, kind):
    _, candidate = _editable(request, pk)
    if candidate.status != Status.OPEN:
        return _closed(request, candidate)
    existing = candidate.steps.filter(kind=kind).first()
    initial = {"date": existing.date, "reference": existing.reference, "in_charge": existing.in_charge,
               "note": existing.note} if existing else {}  # fmt: skip
    form = StepForm(request.POST or None, kind=kind, candidate=candidate, initial=initial)

    def save(data):
        services.candidate_record_step(actor=request.user, candidate=candidate, kind=kind, **data)
        return f"Đã ghi: {StepKind(kind).label.lower()}.", reverse("candidate-detail", args=[candidate.pk])

    return form_saved(request, form, save, {"kind": None, "candidate": None}) or _form_page(
        request, candidate, form, STEP_FORMS[kind][0]
    )


@login_required
def candidate_introducer(request, pk):
    scope, candidate = _editable(request, pk)
    if candidate.status != Status.OPEN:
        return _closed(request, candidate)
    form = IntroducerForm(
        request.POST or None, members=scope.members().filter(status__in=IN_PARTY_STATUSES), candidate=candidate
    )

    def save(data):
        introducer = services.candidate_add_introducer(actor=request.user, candidate=candidate, **data)
        return f"Đã ghi đồng chí {introducer.member.full_name} giới thiệu.", reverse(
            "candidate-detail", args=[candidate.pk]
        )

    if saved := form_saved(request, form, save):
        return saved
    hint = ("Người giới thiệu phải là đảng viên chính thức, đã vào Đảng ít nhất một năm và cùng công tác, học "
            "tập hoặc sinh hoạt với người vào Đảng ít nhất 12 tháng.")  # fmt: skip
    return _form_page(request, candidate, form, "Đảng viên giới thiệu", hint)


@login_required
def candidate_union(request, pk):
    _, candidate = _editable(request, pk)
    if candidate.status != Status.OPEN:
        return _closed(request, candidate)
    form = UnionIntroductionForm(request.POST or None, candidate=candidate)

    def save(data):
        introduction = services.candidate_add_union_introduction(actor=request.user, candidate=candidate, **data)
        return f"Đã ghi nghị quyết giới thiệu của {introduction.get_body_display()}.", reverse(
            "candidate-detail", args=[candidate.pk]
        )

    if saved := form_saved(request, form, save, {"candidate": None}):
        return saved
    hint = ("Người vào Đảng trong độ tuổi thanh niên (đến 30 tuổi) là đoàn viên được Ban Chấp hành Đoàn cơ sở "
            "(hoặc tập thể chi đoàn cơ sở) và một đảng viên chính thức giới thiệu; ở cơ quan, doanh nghiệp không có "
            "tổ chức Đoàn, đoàn viên công đoàn được Ban Chấp hành Công đoàn cơ sở và một đảng viên chính thức giới "
            "thiệu (Điều lệ Đảng, Điều 4, khoản 1; Quy định 24-QĐ/TW, điểm 3.1).")  # fmt: skip
    return _form_page(request, candidate, form, "Tổ chức Đoàn, Công đoàn giới thiệu", hint)


@login_required
def candidate_vote(request, pk):
    scope, candidate = _editable(request, pk)
    if candidate.status != Status.OPEN:
        return _closed(request, candidate)
    committees = scope.orgs().filter(pk=candidate.org.parent_id, level=Level.GRASSROOTS_COMMITTEE)
    form = VoteForm(request.POST or None, committees=committees, candidate=candidate)

    def save(data):
        step = services.candidate_record_vote(actor=request.user, candidate=candidate, **data)
        result = "đạt" if step.passed else "không đạt (cần ít nhất hai phần ba đảng viên chính thức tán thành)"
        return f"Đã ghi kết quả biểu quyết: {result}.", reverse("candidate-detail", args=[candidate.pk])

    if saved := form_saved(request, form, save, {"candidate": None}):
        return saved
    hint = ("Số đảng viên chính thức của chi bộ được tính từ danh sách đảng viên vào ngày biểu quyết; "
            "đề nghị kết nạp đạt khi có ít nhất hai phần ba số đó tán thành.")  # fmt: skip
    return _form_page(request, candidate, form, "Chi bộ biểu quyết đề nghị kết nạp", hint)


@login_required
def candidate_admit(request, pk):
    _, candidate = _editable(request, pk)
    if candidate.status != Status.OPEN:
        return _closed(request, candidate)
    form = AdmitForm(request.POST or None, candidate=candidate)

    def save(data):
        member = services.candidate_admit(actor=request.user, candidate=candidate, **data)
        return f"Đã kết nạp {member.full_name} vào Đảng (đảng viên dự bị).", reverse("member-detail", args=[member.pk])

    if saved := form_saved(request, form, save, {"candidate": None}):
        return saved
    hint = "Sau khi lưu, người vào Đảng trở thành đảng viên dự bị của " + candidate.org.name + "."
    return _form_page(request, candidate, form, "Quyết định kết nạp của cấp ủy cấp trên", hint)


@login_required
def candidate_close(request, pk):
    _, candidate = _editable(request, pk)
    if candidate.status != Status.OPEN:
        return _closed(request, candidate)
    form = CloseForm(request.POST or None, candidate=candidate)

    def save(data):
        services.candidate_close(actor=request.user, candidate=candidate, **data)
        return f"Đã dừng xem xét hồ sơ của {candidate.full_name}.", reverse("candidate-detail", args=[candidate.pk])

    return form_saved(request, form, save, {"candidate": None}) or _form_page(
        request, candidate, form, "Dừng xem xét hồ sơ"
    )
