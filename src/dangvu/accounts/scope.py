"""What a user may see and change: the subtree of the unit their role is bound to.

Every list a page shows starts from `Scope.members()` or `Scope.orgs()`, and every record a
page opens by id goes through `get_member` / `get_org`, which answer 404 outside the scope —
the same answer as for an id that does not exist, so nothing leaks about other units.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from dangvu.core import compiled
from dangvu.core.compiled import Slot
from dangvu.core.prepared import prepared
from dangvu.members.models import Member
from dangvu.members.selectors import in_tree
from dangvu.organizations.models import Organization

from .models import CAPABILITIES, Role

# The user's own row is read again only for its key; of the credential, what the password check reads.
_ACCOUNT_FIELDS = (
    "id", "assignment__user", "assignment__role", "assignment__org", "credential__user", "credential__must_change",
)  # fmt: skip


def read_account(user) -> None:
    """The user's role assignment (with its unit) and credential, read in ONE query and kept on
    `user` where `user.assignment` and `user.credential` find them (None as "has none"): every page
    asks both, the password check then the scope. What is already on `user` is kept as it is."""
    user = getattr(user, "_wrapped", user)  # request.user is a lazy object around the user
    relations = [user._meta.get_field(name) for name in ("assignment", "credential")]
    missing = [rel for rel in relations if not rel.is_cached(user)]
    if not missing:
        return
    fresh = (
        user._meta.model._base_manager.select_related("assignment__org", "credential")
        .only(*_ACCOUNT_FIELDS)
        .filter(pk=user.pk)
        .first()
    )
    for rel in missing:  # a user not (or no longer) stored has neither
        found = rel.get_cached_value(fresh, default=None) if fresh else None
        rel.set_cached_value(user, found)
        if found is not None:
            rel.field.set_cached_value(found, user)  # its user is this one, not the row read for the key


def _one(model, key: tuple, within, pk):
    """The record `pk` of `within()` (a scope's rows; `key` names the scope), or DoesNotExist: a
    statement prepared (one plan for every id, core.prepared) and compiled once (core.compiled)."""
    with prepared():
        found = compiled.rows(model, key, lambda: within().filter(pk=Slot("pk", model._meta.pk))[:2], pk=pk)
    if len(found) != 1:  # an id names one row: more is impossible
        raise model.DoesNotExist
    return found[0]


@dataclass(frozen=True)
class Scope:
    root: Organization | None  # None: nothing (a user with no role sees nothing)
    role: str | None
    capabilities: frozenset

    @classmethod
    def of(cls, user) -> "Scope":
        if not getattr(user, "is_authenticated", False):
            return cls(None, None, frozenset())
        cached = getattr(user, "_dangvu_scope", None)
        if cached is not None:
            return cached
        read_account(user)
        assignment = getattr(user, "assignment", None) if hasattr(user, "assignment") else None
        if assignment is not None and assignment.role == Role.MEMBER:
            # A member sees no unit's records through the clerks' pages; their own pages (handbook)
            # read from the member record their account is bound to.
            scope = cls(None, Role.MEMBER, frozenset())
        elif assignment is not None:
            scope = cls(assignment.org, assignment.role, frozenset(CAPABILITIES[Role(assignment.role)]))
        elif user.is_superuser:
            root = Organization.objects.filter(parent__isnull=True).order_by("id").first()
            scope = cls(root, Role.ADMIN, frozenset(CAPABILITIES[Role.ADMIN]))
        else:
            scope = cls(None, None, frozenset())
        user._dangvu_scope = scope
        return scope

    @property
    def _key(self) -> tuple:
        """What makes this scope's queries differ from another's (core.compiled's keys)."""
        return (None,) if self.root is None else (self.root.pk, self.root.path, self.root.parent_id is None)

    @property
    def path(self) -> str | None:
        return self.root.path if self.root else None

    def can(self, capability: str) -> bool:
        return capability in self.capabilities

    def require(self, capability: str):
        if not self.can(capability):
            raise PermissionDenied("Vai trò của bạn không có quyền thực hiện việc này.")

    def covers(self, org: Organization | None) -> bool:
        return self.root is not None and org is not None and org.path.startswith(self.root.path)

    def orgs(self):
        if self.root is None:
            return Organization.objects.none()
        return Organization.objects.filter(path__startswith=self.root.path)

    def members(self):
        return self.members_under(self.root)

    def members_under(self, unit: Organization | None):
        """The members of `unit`'s subtree, `unit` being in the scope (nothing otherwise). A whole
        tree (a province) by their root, a column kept with their unit (members.models.Member.root)
        and read through the (root, sort key) and (root, status) indexes: by the units' paths, a
        province's list on the country data walked every member's sort key in the country looking
        up each one's unit (129 ms for its third page, ~4 now). A unit below by the units' paths
        alone: with its root's condition as well, PostgreSQL could no longer count a ward's members
        from the (unit, status) index (the city, one root for the whole table: 7 -> 134 ms)."""
        if not self.covers(unit):
            return Member.objects.none()
        if unit.parent_id is None:
            return Member.objects.filter(in_tree(unit.pk))
        return Member.objects.filter(org__path__startswith=unit.path)

    def get_org(self, pk) -> Organization:
        try:
            # get(), not first(): an id names one row, and first()'s ORDER BY made Django hash every
            # selected column to match it against the select list (~0,2 ms of each page).
            return _one(Organization, ("scope.org", *self._key), lambda: self.orgs(), pk)
        except Organization.DoesNotExist:
            raise Http404("Không tìm thấy tổ chức trong phạm vi của bạn.") from None

    def get_org_by_code(self, code) -> Organization:
        org = self.orgs().filter(code=code).first()
        if org is None:
            raise Http404("Không tìm thấy tổ chức trong phạm vi của bạn.")
        return org

    def member_by_number(self, number: str) -> Member | None:
        """The member of the scope whose party card number or citizen ID is `number` (the first by
        id, should each name one); None if there is none. An import reads one for each row that
        names a member: compiled once per scope, where built and compiled anew the query cost ~20
        times what the database took to answer it (a 20.000-row review workbook: 62 s,
        bench/RESULTS.md). Read fresh every time: a row may name a member an earlier row of the
        same file changed."""
        with prepared():
            found = compiled.rows(Member, ("scope.member_by_number", *self._key), self._member_by_number, number=number)
        return found[0] if found else None

    def _member_by_number(self):
        card, citizen_id = Member._meta.get_field("party_card_no"), Member._meta.get_field("citizen_id")
        by_number = Q(party_card_no=Slot("number", card)) | Q(citizen_id=Slot("number", citizen_id))
        return self.members().filter(by_number).order_by("pk")[:1]

    def get_member(self, pk) -> Member:
        try:
            return _one(Member, ("scope.member", *self._key), lambda: self.members().select_related("org"), pk)
        except Member.DoesNotExist:
            raise Http404("Không tìm thấy đảng viên trong phạm vi của bạn.") from None
