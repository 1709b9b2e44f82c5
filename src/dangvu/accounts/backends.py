"""Role capabilities as Django permissions: `user.has_perm("dangvu.<capability>")`.

Lower floors (members, below accounts) ask a user what they may do through Django's own
`has_perm`, without importing accounts; this backend answers from the role the user is bound to
(accounts.scope.Scope). It authenticates nobody: logins stay with axes and ModelBackend."""

from django.contrib.auth.backends import BaseBackend

from .scope import Scope

PREFIX = "dangvu."


class RoleCapabilityBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if not perm.startswith(PREFIX) or not getattr(user_obj, "is_active", False):
            return False
        return Scope.of(user_obj).can(perm.removeprefix(PREFIX))
