from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dangvu.members"
    label = "members"
    verbose_name = "Đảng viên"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Member, MemberBadge, MemberEvent, MemberWorkPeriod

        auditlog.register(Member, exclude_fields=["name_key", "sort_key"])
        auditlog.register(MemberEvent)
        auditlog.register(MemberBadge)
        auditlog.register(MemberWorkPeriod, exclude_fields=["order"])
