from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dangvu.api"
    label = "api"
    verbose_name = "API tích hợp"

    def ready(self):
        from dangvu.core.audit import register

        from .models import ApiToken

        # The digest never goes into the audit; last use changes on every call and is not an edit.
        register(ApiToken, exclude_fields=["secret_hash", "last_used_at"])
