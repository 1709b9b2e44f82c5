from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dangvu.members"
    label = "members"
    verbose_name = "Đảng viên"

    def ready(self):
        from dangvu.core.audit import register

        from .models import Member, MemberBadge, MemberEvent, MemberWorkPeriod, Transfer

        register(Member, exclude_fields=["name_key", "sort_key"])
        register(MemberEvent)
        register(MemberBadge)
        register(MemberWorkPeriod, exclude_fields=["order"])
        register(Transfer)
