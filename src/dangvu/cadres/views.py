"""Pages of cadre work: a scoped list (filters ?year=, ?org=, ?kind=, ?q=), a detail page, and
create / edit forms that call the services."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.audit import history_of
from dangvu.core.excel import exports
from dangvu.web.lists import list_filters
from dangvu.web.pages import form_saved

from . import excel, selectors, services
from .forms import CadreActionForm
from .models import ActionKind, CadreAction


def _get_action(scope, pk) -> CadreAction:
    action = selectors.action_list(scope.root).filter(pk=pk).first()
    if action is None:
        raise Http404("Không tìm thấy quyết định trong phạm vi của bạn.")
    return action


@login_required
def action_list(request):
    scope = Scope.of(request.user)
    org, year = list_filters(request, scope)
    kinds = [k for k in request.GET.getlist("kind") if k in ActionKind.values]
    query = request.GET.get("q", "").strip()
    actions = selectors.action_list(scope.root, year=year, org=org, kinds=kinds, query=query)
    if exports.wanted(request):
        return exports.respond(request, excel.EXPORT, actions)
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cadres/list.html",
        {
            "page": page, "total": page.paginator.count, "year": year, "org": org, "kinds": kinds, "q": query,
            "kind_choices": ActionKind.choices, "can_edit": scope.can(Capability.EDIT_RECORDS),
        },
    )  # fmt: skip


@login_required
def action_detail(request, pk):
    scope = Scope.of(request.user)
    action = _get_action(scope, pk)
    return render(
        request,
        "cadres/detail.html",
        {"action": action, "history": history_of(action, 20), "can_edit": scope.can(Capability.EDIT_RECORDS)},
    )


def _initial(action: CadreAction) -> dict:
    data = {name: getattr(action, name) for name in services.FIELDS}
    data["member"] = (action.member.party_card_no or action.member.citizen_id) if action.member else ""
    if action.member:
        data["full_name"] = ""
    return data


@login_required
def action_edit(request, pk=None):
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_RECORDS)
    action = _get_action(scope, pk) if pk else None
    if request.method == "POST":
        form = CadreActionForm(request.POST, scope=scope, action=action)
    else:
        form = CadreActionForm(initial=_initial(action) if action else {}, scope=scope)

    def save(data):
        if action:
            saved = services.cadre_action_update(actor=request.user, action=action, **data)
        else:
            saved = services.cadre_action_create(actor=request.user, **data)
        return "Đã lưu quyết định công tác cán bộ.", reverse("cadre-detail", args=[saved.pk])

    return form_saved(request, form, save) or render(request, "cadres/form.html", {"form": form, "action": action})
