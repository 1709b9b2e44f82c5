"""Figures of awards, by decision date, in the subtree of the awarding committee. Each figure
counts awards (one per recipient per decision); the records behind are those awards."""

from django.db.models import Count, Q

from dangvu.core.catalogue import Period, indicator, shared

from .models import Program, RecipientKind, Title
from .selectors import awards_decided_in

FIGURES: dict[str, dict] = {}  # key: the filters of its awards


def _counts(org, period: Period) -> dict:
    """Every award figure of the unit and period from one query, shared within one evaluation
    (six queries of the same awards before, each building the subtree's filter again)."""

    def read():
        counts = {key: Count("id", filter=Q(**filters)) for key, filters in FIGURES.items()}
        return awards_decided_in(org, period.start, period.end).aggregate(**counts)

    return shared(("awards.counts", org.pk, period), read)


def _register(key, label, unit, order, **filters):
    FIGURES[key] = filters

    def records(org, period: Period):
        return awards_decided_in(org, period.start, period.end, **filters).select_related(
            "recipient_org", "recipient_member", "awarded_by"
        )

    def compute(org, period: Period) -> int:
        return _counts(org, period)[key]

    compute.__name__ = key.replace(".", "_")
    indicator(key, label, unit, records=records, order=order, records_scope="awarded_by__path", counted=True)(compute)


_C, _P = RecipientKind.COLLECTIVE, RecipientKind.PERSON
# Collectives are party organizations and named collectives (a school, a residential group …).
_register("awards.orgs", "Tập thể được khen thưởng", "tập thể", 110, recipient_kind=_C)
_register("awards.persons", "Cá nhân được khen thưởng", "cá nhân", 111, recipient_kind=_P)
_register(
    "awards.orgs.tsvm_exemplary", "Tổ chức cơ sở đảng được khen “Trong sạch vững mạnh tiêu biểu”", "tổ chức", 112,
    title=Title.TSVM_EXEMPLARY, program=Program.REVIEW,
)  # fmt: skip
_register(
    "awards.orgs.tsvm", "Tổ chức cơ sở đảng được khen “Trong sạch vững mạnh”", "tổ chức", 113,
    title=Title.TSVM, program=Program.REVIEW,
)  # fmt: skip
_register(
    "awards.collectives.ct03", "Tập thể được khen thưởng thực hiện Chỉ thị 03", "tập thể", 114,
    recipient_kind=_C, program=Program.CT03,
)  # fmt: skip
_register(
    "awards.persons.ct03", "Cá nhân được khen thưởng thực hiện Chỉ thị 03", "cá nhân", 115,
    recipient_kind=_P, program=Program.CT03,
)  # fmt: skip
