from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "dangvu.committees"
    label = "committees"
    verbose_name = "Cấp ủy, nhiệm kỳ và liên hệ nơi cư trú"

    def ready(self):
        from dangvu.core.audit import register

        from .models import Congress, ContactNote, ResidenceComment, ResidenceContact, Seat

        for model in (Congress, Seat, ResidenceContact, ContactNote, ResidenceComment):
            register(model)
