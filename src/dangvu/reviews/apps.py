from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "dangvu.reviews"
    label = "reviews"
    verbose_name = "Đánh giá, xếp loại chất lượng"

    def ready(self):
        from dangvu.core.audit import register

        from .models import CycleReopening, MemberResult, OrgResult, Override, ReviewCycle

        register(ReviewCycle)
        register(CycleReopening)
        register(OrgResult)
        # The bulk service writes MemberResult rows in bulk and their audit entries with them
        # (services._audit_bulk); registering keeps single saves (admin) audited too.
        register(MemberResult)
        register(Override)
