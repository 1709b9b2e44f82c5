from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from dangvu.accounts.scope import Scope


@login_required
def member_detail(request, pk):
    member = Scope.of(request.user).get_member(pk)
    return HttpResponse(member.full_name)
