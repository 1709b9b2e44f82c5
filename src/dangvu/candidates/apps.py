from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "dangvu.candidates"
    label = "candidates"
    verbose_name = "Quần chúng ưu tú"

    def ready(self):
        from dangvu.core.audit import register

        from .models import Candidate, Introducer, Step, UnionIntroduction

        register(Candidate, exclude_fields=["name_key", "sort_key", "stage", "stage_on"])
        register(Step)
        register(Introducer)
        register(UnionIntroduction)
