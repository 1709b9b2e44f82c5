from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangvu.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self):
        from django.contrib.auth import get_user_model

        from dangvu.core.audit import register

        from .models import Credential, RoleAssignment

        register(RoleAssignment)
        register(Credential)
        register(get_user_model(), include_fields=["username", "is_active", "is_superuser", "first_name", "email"])
