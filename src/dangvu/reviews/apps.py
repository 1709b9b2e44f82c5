from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "dangvu.reviews"
    label = "reviews"
    verbose_name = "Đánh giá, xếp loại chất lượng"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import CycleReopening, MemberResult, OrgResult, Override, ReviewCycle

        auditlog.register(ReviewCycle)
        auditlog.register(CycleReopening)
        auditlog.register(OrgResult)
        # The bulk service writes MemberResult rows in bulk and their audit entries with them
        # (services._audit_bulk); registering keeps single saves (admin) audited too.
        auditlog.register(MemberResult)
        auditlog.register(Override)
