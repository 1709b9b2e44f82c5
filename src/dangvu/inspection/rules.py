"""The discipline rules, as pure functions over plain data, each citing its source.

- Forms (Điều lệ Đảng, Điều 36; Quy định 102-QĐ/TW ngày 15/11/2017): an organization may be
  given khiển trách, cảnh cáo or giải tán; a full member khiển trách, cảnh cáo, cách chức or
  khai trừ; a probationary member only khiển trách or cảnh cáo.
- Statute of limitations (thời hiệu, Quy định 102-QĐ/TW 2017, Điều 3): 5 years for violations
  that warrant khiển trách, 10 years for cảnh cáo or cách chức, none for khai trừ. For an
  organization the regulation gives 5 years for khiển trách and 10 for cảnh cáo; it sets none
  for giải tán — treated here as no limitation (uncertain: the committee may decide otherwise).
- Counting (our reading, following Bộ luật Dân sự 2015, Điều 147–148): the period runs from the
  day after the violation and ends at the end of the same calendar day N years later. A
  violation on 10/3/2011 may still be given khiển trách on 10/3/2016, not on 11/3/2016.
"""

import datetime as dt

from dangvu.core.dates import add_years, format_date

from .models import Form

ORG_FORMS = (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION)
FULL_MEMBER_FORMS = (Form.REPRIMAND, Form.WARNING, Form.REMOVAL, Form.EXPULSION)
PROBATIONARY_FORMS = (Form.REPRIMAND, Form.WARNING)
LIMITATION_YEARS = {Form.REPRIMAND: 5, Form.WARNING: 10, Form.REMOVAL: 10, Form.EXPULSION: None,
                    Form.DISSOLUTION: None}  # fmt: skip
SOURCE = "Quy định 102-QĐ/TW ngày 15/11/2017"


def forms_allowed(standing: str | None) -> tuple[str, ...]:
    """Forms for an organization (standing None) or a member of that standing ("full"/"probationary")."""
    if standing is None:
        return ORG_FORMS
    return FULL_MEMBER_FORMS if standing == "full" else PROBATIONARY_FORMS


def form_problem(form: str, standing: str | None) -> str | None:
    """None if `form` may be given to that subject, else the Vietnamese reason."""
    allowed = forms_allowed(standing)
    if form in allowed:
        return None
    names = ", ".join(Form(f).label.lower() for f in allowed)
    who = {None: "tổ chức đảng", "full": "đảng viên chính thức", "probationary": "đảng viên dự bị"}[standing]
    return (
        f"Không thể kỷ luật {who} bằng hình thức {Form(form).label.lower()}; "
        f"{who} chỉ có thể bị {names} (Điều lệ Đảng, Điều 36; {SOURCE})."
    )


def limitation_ends(form: str, violation_date: dt.date) -> dt.date | None:
    """The last day a decision of `form` may be made for a violation on `violation_date`
    (None: no statute of limitations)."""
    years = LIMITATION_YEARS[Form(form)]
    return None if years is None else add_years(violation_date, years)


def limitation_problem(form: str, violation_date: dt.date, decision_date: dt.date) -> str | None:
    ends = limitation_ends(form, violation_date)
    if ends is None or decision_date <= ends:
        return None
    years = LIMITATION_YEARS[Form(form)]
    return (
        f"Đã hết thời hiệu kỷ luật {Form(form).label.lower()} ({years} năm kể từ ngày vi phạm "
        f"{format_date(violation_date)}): thời hiệu hết ngày {format_date(ends)}, trước ngày quyết định "
        f"{format_date(decision_date)} ({SOURCE}, Điều 3)."
    )
