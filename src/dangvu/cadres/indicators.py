"""Figures of cadre work. Counted by effective date, in the subtree of the deciding committee."""

from django.db.models import Count

from dangvu.core.catalogue import Period, indicator, shared
from dangvu.organizations.models import Organization

from .models import COUNTED_KINDS, ActionKind
from .selectors import actions_decided_in


def _records(kinds):
    def records(org: Organization, period: Period):
        return actions_decided_in(org, period.start, period.end, kinds).select_related("decided_by")

    return records


def _counts_by_kind(org: Organization, period: Period) -> dict[str, int]:
    """The actions of every kind in the subtree and period, one grouped query shared by the five
    figures within one evaluation (five counts of the same actions before: a third of the
    country's whole catalogue)."""

    def read():
        actions = actions_decided_in(org, period.start, period.end, kinds=list(ActionKind.values))
        return dict(actions.values_list("kind").annotate(n=Count("id")).order_by())

    return shared(("cadres.counts_by_kind", org.pk, period), read)


def _count(kinds):
    def compute(org: Organization, period: Period) -> int:
        counts = _counts_by_kind(org, period)
        return sum(counts.get(kind, 0) for kind in kinds)

    return compute


def _register(key, label, kinds, order):
    indicator(
        key, label, "đồng chí", records=_records(kinds), order=order, records_scope="decided_by__path", counted=True
    )(_count(kinds))


# The seed's "điều động, luân chuyển, bổ nhiệm, bổ nhiệm lại 126 đồng chí": one per decision.
_register("cadres.actions", "Cán bộ được điều động, luân chuyển, bổ nhiệm, bổ nhiệm lại", COUNTED_KINDS, 60)
_register("cadres.transfers", "Cán bộ được điều động", (ActionKind.TRANSFER,), 61)
_register("cadres.rotations", "Cán bộ được luân chuyển", (ActionKind.ROTATION,), 62)
_register("cadres.appointments", "Cán bộ được bổ nhiệm", (ActionKind.APPOINTMENT,), 63)
_register("cadres.reappointments", "Cán bộ được bổ nhiệm lại", (ActionKind.REAPPOINTMENT,), 64)
