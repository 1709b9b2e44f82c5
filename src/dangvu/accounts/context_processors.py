from .models import Capability
from .scope import Scope


def scope(request):
    scope = Scope.of(request.user)
    return {"scope": scope, "can_manage_users": scope.can(Capability.MANAGE_USERS)}
