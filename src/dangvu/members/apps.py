from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dangvu.members"
    label = "members"
    verbose_name = "Đảng viên"

    def ready(self):
        from dangvu.core.audit import register
        from dangvu.organizations.models import Organization
        from dangvu.organizations.signals import moved_to_another_root

        from .models import Member, MemberBadge, MemberEvent, MemberWorkPeriod, Transfer

        register(Member, exclude_fields=["name_key", "sort_key", "root"])
        register(MemberEvent)
        register(MemberBadge)
        register(MemberWorkPeriod, exclude_fields=["order"])
        register(Transfer)
        moved_to_another_root.connect(_follow_root, sender=Organization, dispatch_uid="members.root")


def _follow_root(sender, units: list[int], root_id: int, **kwargs):
    """A subtree moved under another root: its members' root follows (Member.root; not a change
    a user makes, so not audited, like the name keys)."""
    from .models import Member

    Member.objects.filter(org_id__in=units).update(root_id=root_id)
