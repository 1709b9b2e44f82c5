from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "dangvu.organizations"
    label = "organizations"
    verbose_name = "Tổ chức đảng"

    def ready(self):
        from dangvu.core.audit import register

        from .models import Lineage, Organization, Reorganization

        register(Organization)
        register(Reorganization)
        register(Lineage)
