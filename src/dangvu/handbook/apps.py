from django.apps import AppConfig


class HandbookConfig(AppConfig):
    name = "dangvu.handbook"
    label = "handbook"
    verbose_name = "Sổ tay đảng viên"

    def ready(self):
        from dangvu.core.audit import register

        from .models import (
            ActivationCode,
            CorrectionRequest,
            Document,
            DocumentAudience,
            DocumentRead,
            MeetingReply,
            MemberAccount,
        )

        register(MemberAccount)
        register(ActivationCode, exclude_fields=["code_hash"])
        register(CorrectionRequest)
        register(MeetingReply)
        register(Document, exclude_fields=["search_key"])
        register(DocumentAudience)
        register(DocumentRead)
