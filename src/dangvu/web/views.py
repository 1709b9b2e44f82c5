import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from dangvu.accounts.models import Role
from dangvu.accounts.scope import Scope

from .todo import due_items, latest_year


@login_required
def home(request):
    """A clerk starts on what is due in their unit (todo); every other role on the dashboard of
    the unit their role is bound to, for the latest year with records."""
    scope = Scope.of(request.user)
    if scope.root is None:
        if request.user.is_superuser and not hasattr(request.user, "assignment"):
            return redirect("first-run")  # an empty database: found the root committee first
        # Not a redirect to the login page: it sends a logged-in user straight back here.
        return render(request, "web/no_scope.html", status=403)
    if scope.role == Role.GRASSROOTS:
        return redirect("todo")
    return redirect("dashboard", org_pk=scope.root.pk, year=latest_year(scope.root))


@login_required
def todo(request):
    """Việc cần làm: each due item with its count and the page that lists it; ?nam= picks the
    year, else the latest year with records."""
    scope = Scope.of(request.user)
    if scope.root is None:
        return render(request, "web/no_scope.html", status=403)
    raw = request.GET.get("nam", "")
    year = int(raw) if raw.isdigit() and 1930 <= int(raw) <= dt.date.today().year else latest_year(scope.root)
    items = due_items(scope, year)
    following = year + 1 if year < dt.date.today().year else None
    context = {"org": scope.root, "year": year, "items": items, "previous": year - 1, "following": following}
    return render(request, "web/todo.html", context)
