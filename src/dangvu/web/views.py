import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from dangvu.accounts.scope import Scope


@login_required
def home(request):
    """A user starts on the dashboard of the unit their role is bound to, for this year."""
    scope = Scope.of(request.user)
    if scope.root is None:
        if request.user.is_superuser and not hasattr(request.user, "assignment"):
            return redirect("first-run")  # an empty database: found the root committee first
        # Not a redirect to the login page: it sends a logged-in user straight back here.
        return render(request, "web/no_scope.html", status=403)
    return redirect("dashboard", org_pk=scope.root.pk, year=dt.date.today().year)
