from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from dangvu.accounts.scope import Scope


@login_required
def home(request):
    scope = Scope.of(request.user)
    if scope.root is None:
        return redirect("login")
    return redirect("org-detail", pk=scope.root.pk)
