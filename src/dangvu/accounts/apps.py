from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangvu.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self):
        from auditlog.registry import auditlog
        from django.contrib.auth import get_user_model

        from .models import RoleAssignment

        auditlog.register(RoleAssignment)
        auditlog.register(get_user_model(), include_fields=["username", "is_active", "is_superuser", "first_name"])
