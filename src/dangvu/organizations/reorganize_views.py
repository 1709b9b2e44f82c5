"""The reorganization page: a plan chosen on the page or uploaded as a workbook, checked by a dry
run, then carried out — all through `members.reorganization.org_reorganize`."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.downloads import download_log
from dangvu.core.excel.writing import attachment
from dangvu.core.text import clean
from dangvu.members.reorganization import items_of, org_reorganize, resolve_items
from dangvu.web.forms import VnDateField

from . import excel
from .models import Organization
from .reorganization import (
    SHEET_NEW,
    UNIT,
    Assignment,
    NewUnit,
    Plan,
    PlanRefused,
    Problem,
)


class PlanForm(forms.Form):
    decision = forms.CharField(label="Số quyết định", max_length=80)
    on = VnDateField(label="Ngày có hiệu lực")
    ending = forms.CharField(
        label="Tổ chức kết thúc hoạt động",
        help_text="Mã các tổ chức, cách nhau bởi dấu phẩy, ví dụ HM, HM-DC, HM-TL.",
        max_length=2000,
    )
    new_units = forms.CharField(
        label="Tổ chức mới",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi dòng một tổ chức: mã; tên; cấp; loại hình; mã cấp trên — ví dụ "
        "PHM; Đảng bộ phường Hoàng Mai; xã, phường; Xã, phường, thị trấn; HN",
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[field_name(item.ref)] = forms.CharField(
                label=f"{item.name} ({item.holder.name})", required=False, max_length=40
            )

    def codes(self) -> list[str]:
        return [c for c in (clean(x).upper() for x in self.data.get("ending", "").split(",")) if c]

    def item_rows(self):
        return [(item, self[field_name(item.ref)]) for item in self.items]

    def plan(self) -> tuple[Plan, list[Problem]]:
        data, problems, found = self.cleaned_data, [], []
        for number, line in enumerate((data.get("new_units") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [clean(p) for p in line.split(";")] + [""] * 5
            code, name, level, kind, parent = parts[:5]
            lv, kd = excel.parse_level(level), excel.parse_kind(kind)
            if lv is None:
                problems.append(Problem(f"Không rõ cấp “{level}”.", number, "Cấp", SHEET_NEW))
            if kd is None:
                problems.append(Problem(f"Không rõ loại hình “{kind}”.", number, "Loại hình", SHEET_NEW))
            found.append(NewUnit(code, name, lv or "", kd or "", parent, row=number))
        assignments = [
            Assignment(item.item, item.ref, clean(data.get(field_name(item.ref)) or ""))
            for item in self.items
            if clean(data.get(field_name(item.ref)) or "")
        ]
        plan = Plan(
            on=data["on"], decision=data["decision"], dissolve=self.codes(), found=found, assignments=assignments
        )
        return plan, problems


def field_name(ref: str) -> str:
    return "to_" + ref.replace("#", "m")


def _target(request, pk):
    scope = Scope.of(request.user)
    scope.require(Capability.RESTRUCTURE)
    org = scope.get_org(pk)
    if org.dissolved_on is not None:
        raise PermissionDenied(f"{org.name} đã kết thúc hoạt động.")
    return scope, org


@login_required
def org_reorganize_page(request, pk):
    """GET: the empty plan. POST action "list": the items of the ending units to assign; "check":
    a dry run; "apply": carry it out; an uploaded workbook fills the plan and is checked."""
    _scope, root = _target(request, pk)
    action = request.POST.get("action", "")
    outcome, problems = None, []
    if request.method == "POST" and request.FILES.get("workbook"):
        plan, problems = excel.read(request.FILES["workbook"])
        data = _data_of(plan) if plan else None
        if plan:
            outcome = org_reorganize(actor=request.user, plan=plan, scope_root=root, dry_run=True)
            problems = outcome.problems
        form = _form(data, root)
    elif request.method == "POST":
        form = _form(request.POST, root)
        if form.is_valid() and action in ("check", "apply"):
            plan, problems = form.plan()
            if not problems and action == "check":
                outcome = org_reorganize(actor=request.user, plan=plan, scope_root=root, dry_run=True)
                problems = outcome.problems
            elif not problems:
                try:
                    done = org_reorganize(actor=request.user, plan=plan, scope_root=root)
                except PlanRefused as e:
                    problems = e.problems
                else:
                    messages.success(request, f"Quyết định {plan.decision}: {done.summary()}")
                    return redirect("org-detail", pk=root.pk)
    else:
        form = PlanForm()
    context = {"org": root, "form": form, "outcome": outcome if outcome and outcome.ok else None, "problems": problems}
    return render(request, "organizations/reorganize.html", context)


def _form(data, root) -> PlanForm:
    probe = PlanForm(data)
    on = probe.fields["on"].clean(data.get("on")) if data and data.get("on") else None
    codes = probe.codes() if data else []
    items = items_of(codes, on, root) if codes and on else []
    return PlanForm(data, items=items)


def _data_of(plan: Plan) -> dict:
    """The page's form data for an uploaded plan; members are named on the page by "#id"."""
    data = {
        "decision": plan.decision,
        "on": plan.on.strftime("%d/%m/%Y"),
        "ending": ", ".join(plan.dissolve),
        "new_units": "\n".join(f"{n.code}; {n.name}; {n.level}; {n.kind}; {n.parent}" for n in plan.found),
    }
    keys = resolve_items(plan.assignments, Organization.objects.all())
    for a, key in zip(plan.assignments, keys, strict=True):
        ref = a.ref if a.item == UNIT or key is None else f"#{key[1]}"
        data[field_name(ref)] = a.target
    return data


@login_required
def org_reorganize_template(request, pk):
    """The plan workbook for the units named in ?ket_thuc=…, listing everything they hold."""
    _scope, root = _target(request, pk)
    codes = [c for c in (clean(x).upper() for x in request.GET.get("ket_thuc", "").split(",")) if c]
    on = VnDateField(required=False).clean(request.GET.get("ngay") or None)
    items = items_of(codes, on or dt.date.today(), root)
    body = excel.template(scope_root=root, codes=codes, on=on, items=items)
    # It lists the ending units' members by name and number: logged like the Excel lists.
    download_log(user=request.user, kind="reorganization_template", rows=0, filters={"ket_thuc": codes})
    return attachment(body, "phuong-an-sap-xep.xlsx")
