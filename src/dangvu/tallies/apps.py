from django.apps import AppConfig


class TalliesConfig(AppConfig):
    name = "dangvu.tallies"
    label = "tallies"
    verbose_name = "Số đảng viên cuối năm theo đơn vị"

    def ready(self):
        from dangvu.core.bulk import inserted
        from dangvu.members.models import MemberEvent, MemberPeriod
        from dangvu.organizations.models import Organization
        from dangvu.organizations.signals import positions_changed

        from . import services

        # The bulk paths (the member import, the demo) write through core.bulk.Table, not the ORM.
        inserted.connect(services.periods_inserted, sender=MemberPeriod, dispatch_uid="tallies.periods")
        inserted.connect(services.events_inserted, sender=MemberEvent, dispatch_uid="tallies.events")
        positions_changed.connect(services.places_changed, sender=Organization, dispatch_uid="tallies.places")
