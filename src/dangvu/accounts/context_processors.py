from .scope import Scope


def scope(request):
    return {"scope": Scope.of(request.user)}
