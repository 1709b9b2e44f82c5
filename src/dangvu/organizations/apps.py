from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "dangvu.organizations"
    label = "organizations"
    verbose_name = "Tổ chức đảng"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Organization

        auditlog.register(Organization)
