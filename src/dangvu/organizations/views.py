"""Organization pages: the tree as of a date, a unit's page, and the restructuring forms.

Every unit comes through the user's scope (404 outside it); restructuring needs
Capability.RESTRUCTURE and picks its targets only among the units in scope."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.dates import format_date
from dangvu.core.excel import exports
from dangvu.members import restructure
from dangvu.members import selectors as member_selectors
from dangvu.members.tables import subtree_member_page
from dangvu.web.pages import form_saved

from . import eras, excel, selectors, services, tree_import
from .forms import DissolveForm, FoundForm, MergeForm, MoveForm, TreeDateForm
from .models import MEMBER_LEVELS, Level, Organization

COLLAPSE_OVER = 80  # rows of the tree beyond which cells are folded away by default


def _with_subtree_counts(rows: list[tuple[Organization, int]], direct: dict[int, int]) -> list[dict]:
    """Rows of a tree in display order (pre-order, with depths) plus each unit's own member count,
    summed up the tree: a unit counts the members of every unit under it."""
    out = [{"org": org, "depth": depth, "count": direct.get(org.pk, 0)} for org, depth in rows]
    stack: list[dict] = []
    for row in reversed(out):
        # Walking backwards, a unit's children have been summed already and wait on the stack.
        while stack and stack[-1]["depth"] > row["depth"]:
            child = stack.pop()
            if child["depth"] == row["depth"] + 1:
                row["count"] += child["count"]
        stack.append(row)
    return out


def direct_counts_on(root: Organization, day: dt.date) -> dict[int, int]:
    """Members of each unit under `root` on `day`, in one grouped query."""
    rows = member_selectors.periods_on(root, day).values("org_id").annotate(n=Count("id")).order_by()
    return {r["org_id"]: r["n"] for r in rows}


@login_required
def org_tree(request):
    scope = Scope.of(request.user)
    if scope.root is None:
        raise PermissionDenied("Tài khoản của bạn chưa được gắn với đơn vị nào.")
    form = TreeDateForm(request.GET or None)
    day = dt.date.today()
    if form.is_valid() and form.cleaned_data["ngay"]:
        day = form.cleaned_data["ngay"]
    if exports.wanted(request):  # the tree under the user's unit, in the import's columns
        return exports.respond(request, excel.EXPORT, tree_import.tree_rows(scope.root, day))
    rows = _with_subtree_counts(selectors.tree_on(scope.root, day), direct_counts_on(scope.root, day))
    # A district has hundreds of cells: by default the tree stops at the grassroots level (each
    # grassroots page lists its cells); "?chi-bo=1" shows every cell.
    show_cells = request.GET.get("chi-bo") == "1" or len(rows) <= COLLAPSE_OVER
    shown = rows if show_cells else [r for r in rows if r["org"].level != Level.CELL]
    context = {
        "form": form, "day": day, "rows": shown, "total": len(rows), "show_cells": show_cells,
        "collapsible": len(rows) > COLLAPSE_OVER, "is_today": day == dt.date.today(),
        "can_import": scope.can(Capability.RESTRUCTURE),
    }  # fmt: skip
    return render(request, "organizations/tree.html", context)


def _sum_by_child(org: Organization, paths: list[tuple[int, str]], per_org: dict[int, dict]) -> tuple[dict, dict]:
    """The counts of the whole subtree, and of each direct sub-unit's own subtree, added up from
    the counts per unit: the unit a row adds to is the first step of its path below `org`."""
    total = dict.fromkeys(("total", "probationary", "full", "exempt", "suspended"), 0)
    by_child: dict[int, int] = {}
    own = next((p for i, p in paths if i == org.pk), None)
    for unit_id, path in paths:
        counts = per_org.get(unit_id)
        if not counts:
            continue
        for key in total:
            total[key] += counts[key]
        below = path[len(own) :].strip("/") if own and path.startswith(own) else ""
        if below:
            child = int(below.split("/", 1)[0])
            by_child[child] = by_child.get(child, 0) + counts["total"]
    return total, by_child


@login_required
def org_detail(request, pk):
    scope = Scope.of(request.user)
    org = scope.get_org(pk)
    today = dt.date.today()
    above, below = selectors.ancestors_and_children(org)
    crumbs = [a for a in above if scope.covers(a)]
    children = sorted(below, key=lambda c: c.dissolved_on is not None)
    # The members of the unit and of each sub-unit's subtree from one grouped count and the
    # units' paths, however big the subtree (a province has five thousand units).
    path = selectors.path_on(org, today)  # read once, for both
    paths = selectors.subtree_paths_on(path, today)
    counts, child_counts = _sum_by_child(org, paths, member_selectors.member_counts_in_subtree_on(path, today))
    can_restructure = scope.can(Capability.RESTRUCTURE) and org.dissolved_on is None
    context = {
        "org": org,
        "crumbs": crumbs,
        "children": [(c, child_counts.get(c.pk, 0)) for c in children],
        "counts": counts,
        "today": today,
        "page": subtree_member_page(request, scope, org),
        "show_org": org.level not in MEMBER_LEVELS,
        "merged_into": org.merged_into if org.merged_into and scope.covers(org.merged_into) else None,
        "can_admit": scope.can(Capability.EDIT_MEMBERS) and org.level in MEMBER_LEVELS and org.dissolved_on is None,
        "can_found": can_restructure and bool(eras.allowed_children_any_era(org.level)),
        "can_restructure": can_restructure and org.pk != scope.root.pk,
    }
    return render(request, "organizations/detail.html", context)


# --- restructuring -------------------------------------------------------------------------------


def _restructure_target(request, pk):
    scope = Scope.of(request.user)
    scope.require(Capability.RESTRUCTURE)
    org = scope.get_org(pk)
    if org.dissolved_on is not None:
        raise PermissionDenied(f"{org.name} đã giải thể ngày {format_date(org.dissolved_on)}.")
    return scope, org


def _active_units(scope, exclude: Organization):
    return scope.orgs().filter(dissolved_on__isnull=True).exclude(path__startswith=exclude.path)


def _form_page(request, org, form, title, intro, submit, aliases=None, action=None):
    def save(data):
        unit, message = action(data)
        return message, reverse("org-detail", args=[unit.pk])

    return form_saved(request, form, save, aliases) or render(
        request,
        "organizations/form.html",
        {"org": org, "form": form, "title": title, "intro": intro, "submit": submit},
    )


@login_required
def org_found(request, pk):
    scope, parent = _restructure_target(request, pk)
    if not eras.allowed_children_any_era(parent.level):
        raise PermissionDenied(f"{parent.get_level_display()} không có tổ chức trực thuộc.")
    form = FoundForm(request.POST or None, parent=parent)

    def act(data):
        org = services.org_found(
            actor=request.user, code=data["code"], name=data["name"], short_name=data["short_name"],
            kind=data["kind"], level=data["level"], parent=parent, founded_on=data["founded_on"],
            decision=data["decision"],
        )  # fmt: skip
        return org, f"Đã thành lập {org.name} trực thuộc {parent.name}."

    return _form_page(
        request, parent, form, f"Thành lập tổ chức trực thuộc {parent.name}",
        "Tổ chức mới được ghi vào cây tổ chức từ ngày thành lập.", "Thành lập", {"parent": "level"}, act,
    )  # fmt: skip


@login_required
def org_move(request, pk):
    scope, org = _restructure_target(request, pk)
    if org.pk == scope.root.pk:
        raise PermissionDenied("Không thể chuyển đơn vị gốc của phạm vi bạn quản lý.")
    form = MoveForm(request.POST or None, units=_active_units(scope, org))

    def act(data):
        moved = services.org_move(actor=request.user, org=org, new_parent=data["new_parent"], on=data["on"])
        return (
            moved,
            f"Đã chuyển {moved.name} về trực thuộc {data['new_parent'].name} từ ngày {format_date(data['on'])}.",
        )

    return _form_page(
        request, org, form, f"Chuyển {org.name} sang cấp trên mới",
        "Tổ chức cùng các tổ chức trực thuộc và đảng viên của nó chuyển sang cấp trên mới "
        "từ ngày có hiệu lực; lịch sử trước ngày đó giữ nguyên.", "Chuyển", {"org": None}, act,
    )  # fmt: skip


@login_required
def org_merge(request, pk):
    scope, org = _restructure_target(request, pk)
    if org.pk == scope.root.pk:
        raise PermissionDenied("Không thể sáp nhập đơn vị gốc của phạm vi bạn quản lý.")
    form = MergeForm(request.POST or None, units=_active_units(scope, org))

    def act(data):
        target = data["target"]
        restructure.org_merge(actor=request.user, source=org, target=target, on=data["on"], decision=data["decision"])
        return target, f"Đã sáp nhập {org.name} vào {target.name} từ ngày {format_date(data['on'])}."

    return _form_page(
        request, org, form, f"Sáp nhập {org.name} vào tổ chức khác",
        "Các tổ chức trực thuộc và đảng viên chuyển sang tổ chức nhận sáp nhập; "
        "tổ chức này kết thúc hoạt động từ ngày có hiệu lực.",
        "Sáp nhập", {"new_parent": "target", "org": None}, act,
    )  # fmt: skip


@login_required
def org_dissolve(request, pk):
    scope, org = _restructure_target(request, pk)
    if org.pk == scope.root.pk:
        raise PermissionDenied("Không thể giải thể đơn vị gốc của phạm vi bạn quản lý.")
    form = DissolveForm(request.POST or None)

    def act(data):
        ended = restructure.org_dissolve(actor=request.user, org=org, on=data["on"], decision=data["decision"])
        return ended, f"Đã ghi nhận giải thể {ended.name} từ ngày {format_date(data['on'])}."

    return _form_page(
        request, org, form, f"Giải thể {org.name}",
        "Chỉ giải thể được khi tổ chức không còn tổ chức trực thuộc và đảng viên đang sinh hoạt.",
        "Giải thể", {"org": None}, act,
    )  # fmt: skip
