from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "dangvu.candidates"
    label = "candidates"
    verbose_name = "Quần chúng ưu tú"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Candidate, Introducer, Step, UnionIntroduction

        auditlog.register(Candidate, exclude_fields=["name_key", "sort_key", "stage", "stage_on"])
        auditlog.register(Step)
        auditlog.register(Introducer)
        auditlog.register(UnionIntroduction)
