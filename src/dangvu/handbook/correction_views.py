"""Correction requests: the member sends one from their record; the clerk answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.web.pages import form_saved

from .corrections import correction_decide, correction_request_create, corrections_pending, get_correction, label_of
from .forms import CorrectionForm, DecisionForm
from .views import _member


@login_required
@require_http_methods(["GET", "POST"])
def correction_new(request):
    member = _member(request)
    form = CorrectionForm(request.POST or None, initial={"field": request.GET.get("muc")})

    def save(data):
        correction_request_create(actor=request.user, member=member, **data)
        return "Đã gửi đề nghị sửa hồ sơ tới văn phòng cấp ủy.", "handbook-home"

    return form_saved(request, form, save) or render(
        request, "handbook/correction_new.html", {"form": form, "member": member}
    )


@login_required
def correction_list(request):
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_MEMBERS)
    rows = [(r, label_of(r.field)) for r in corrections_pending(scope=scope)]
    return render(request, "handbook/corrections.html", {"rows": rows, "form": DecisionForm()})


@login_required
@require_POST
def correction_decide_view(request, pk):
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_MEMBERS)
    found = get_correction(scope=scope, pk=pk)
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        correction_decide(
            actor=request.user, scope=scope, request=found, accept=request.POST.get("quyet-dinh") == "chap-nhan",
            answer=form.cleaned_data.get("answer", ""),
        )  # fmt: skip
    except ValidationError as e:
        messages.error(request, f"{found.member.full_name}: {' '.join(e.messages)}")
    else:
        messages.success(request, f"Đã trả lời đề nghị của {found.member.full_name}.")
    return redirect("handbook-corrections")
