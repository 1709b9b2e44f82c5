"""Reads of accounts, within the reader's scope."""

from django.contrib.auth import get_user_model
from django.http import Http404

from .scope import Scope


def managed_users(scope: Scope):
    """The users bound to a unit of the scope's subtree, by unit then name (a superuser with no
    unit is managed on the server only and never listed)."""
    if scope.root is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(assignment__org__path__startswith=scope.root.path)
        .select_related("assignment__org", "credential")
        .order_by("assignment__org__path", "username")
    )


def get_managed_user(scope: Scope, pk):
    """One user of the scope; 404 outside it, as for a user that does not exist."""
    user = managed_users(scope).filter(pk=pk).first()
    if user is None:
        raise Http404("Không tìm thấy tài khoản trong phạm vi của bạn.")
    return user
