"""Who is logged in, with their account read in the same query; role capabilities as Django
permissions: `user.has_perm("dangvu.<capability>")`.

Lower floors (members, below accounts) ask a user what they may do through Django's own
`has_perm`, without importing accounts; this backend answers from the role the user is bound to
(accounts.scope.Scope). It authenticates nobody: logins stay with axes and AccountBackend."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend, ModelBackend

from dangvu.core import compiled
from dangvu.core.compiled import Slot
from dangvu.core.prepared import prepared

from .scope import Scope

PREFIX = "dangvu."


class AccountBackend(ModelBackend):
    """Django's ModelBackend (the same password check and `is_active` rule), except that the user
    a session names is read with their role assignment, its unit and their credential in ONE query:
    every page asks those next (the temporary-password check, the scope), and they had cost a second
    query of their own (accounts.scope.read_account, which now finds them read)."""

    def get_user(self, user_id):
        model = get_user_model()

        def build():
            return model._default_manager.select_related("assignment__org", "credential").filter(
                pk=Slot("pk", model._meta.pk)
            )[:2]

        with prepared():  # the same statement on every page (core.prepared), compiled once (core.compiled)
            found = compiled.rows(model, ("accounts.user",), build, pk=user_id)
        if len(found) != 1:
            return None
        return found[0] if self.user_can_authenticate(found[0]) else None


class RoleCapabilityBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if not perm.startswith(PREFIX) or not getattr(user_obj, "is_active", False):
            return False
        return Scope.of(user_obj).can(perm.removeprefix(PREFIX))
