"""Form fields that name a member, for the forms of every area that points at one (cadres,
training, awards, candidates, committees)."""

from django import forms
from django.db.models import Q

from .models import Member


class MemberRefField(forms.CharField):
    """A member typed by party card number or citizen ID: lists of tens of thousands do not fit a menu.

    `members` is where the number is looked up: the user's scope (`Scope.members()`, narrowed as the
    form needs), never the whole registry — a number from elsewhere gets the same answer as one that
    exists nowhere (tests/security/test_lookup_forms.py). Left unset, it finds nobody."""

    def __init__(self, members, **kw):
        self.members = members
        super().__init__(**kw)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        ref = value.replace(" ", "")
        members = self.members if self.members is not None else Member.objects.none()
        member = members.filter(Q(party_card_no=ref) | Q(citizen_id=ref)).first()
        if member is None:
            raise forms.ValidationError(
                f"Không tìm thấy đảng viên có số thẻ hoặc số CCCD {ref} trong phạm vi của bạn; "
                "hãy kiểm tra lại, hoặc để trống và nhập họ tên."
            )
        return member
