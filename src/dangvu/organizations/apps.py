from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "dangvu.organizations"
    label = "organizations"
    verbose_name = "Tổ chức đảng"

    def ready(self):
        from django.db.models.signals import post_migrate

        from dangvu.core.audit import register

        from .models import Lineage, Organization, Reorganization

        register(Organization)
        register(Reorganization)
        register(Lineage)
        post_migrate.connect(_tree_triggers, sender=self, dispatch_uid="organizations.tree-triggers")


def _tree_triggers(sender, using, **kwargs):
    """The tree version's rows and triggers, after every migrate (organizations.versions)."""
    from django.db import connections

    from .versions import ensure_triggers

    ensure_triggers(connections[using])
