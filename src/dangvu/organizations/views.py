from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from dangvu.accounts.scope import Scope


@login_required
def org_detail(request, pk):
    org = Scope.of(request.user).get_org(pk)
    return HttpResponse(org.name)
