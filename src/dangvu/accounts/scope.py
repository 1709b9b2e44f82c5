"""What a user may see and change: the subtree of the unit their role is bound to.

Every list a page shows starts from `Scope.members()` or `Scope.orgs()`, and every record a
page opens by id goes through `get_member` / `get_org`, which answer 404 outside the scope —
the same answer as for an id that does not exist, so nothing leaks about other units.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404

from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from .models import CAPABILITIES, Role, RoleAssignment


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
        # the role and its unit in one query, not two (every page asks); none if already read
        prefetch_related_objects([user], Prefetch("assignment", RoleAssignment.objects.select_related("org")))
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
        if self.root is None:
            return Member.objects.none()
        return Member.objects.filter(org__path__startswith=self.root.path)

    def get_org(self, pk) -> Organization:
        org = self.orgs().filter(pk=pk).first()
        if org is None:
            raise Http404("Không tìm thấy tổ chức trong phạm vi của bạn.")
        return org

    def get_org_by_code(self, code) -> Organization:
        org = self.orgs().filter(code=code).first()
        if org is None:
            raise Http404("Không tìm thấy tổ chức trong phạm vi của bạn.")
        return org

    def get_member(self, pk) -> Member:
        member = self.members().select_related("org").filter(pk=pk).first()
        if member is None:
            raise Http404("Không tìm thấy đảng viên trong phạm vi của bạn.")
        return member
