"""The member record sheet (phiếu đảng viên, Mẫu 2-HSĐV) as a PDF, from the registry. A document
drawing on several areas (members, candidates, committees, cadres, awards, inspection), so it lives
with the other documents in reports.

Everything is filled from the record: identity and the rest of the sheet's fields (alias,
temporary residence, academic title and degree, languages, IT, Youth Union date, mass-organization
posts, health, the work history), the admission, recognition, re-admission and restoration (from
the events), party positions (committees), government positions (cadre actions), introducers (the
admission file in candidates, when there is one), awards, discipline and badges; after the form's
items, the member's evaluations (each year's class, and under QĐ 366 the quarters with their
points — tasks.selectors.member_results). A field left
empty prints as a labelled blank line, to be filled in by hand.

The items and their labels follow Mẫu 2-HSĐV, the form annexed to the Central Organization
Commission's guidance on party-member work: Hướng dẫn 12-HD/BTCTW of 17/5/2012, then 09-HD/BTCTW
of 05/6/2017 (the current guidance, 12-HD/BTCTW of 2022, could not be consulted here). Sources
read for the field list: the forms of HD 12-HD/BTCTW 2012 as republished by Đảng bộ Khối Doanh
nghiệp Hà Tĩnh (dangbokhoidoanhnghiephatinh.org.vn, "Các mẫu tài liệu về công tác đảng viên"),
and the notes on filling in the phiếu đảng viên (Mẫu 2-HSĐV of HD 09-HD/BTCTW) at
pgdgiolinhqt.edu.vn/phieu-dang-vien-moi-nhat/. A committee whose printed form labels an item
differently should say so: the labels are in templates/reports/member_sheet.html only.

Printed on A4 in a Times-like serif with the fonts embedded: Liberation Serif when installed,
else DejaVu Serif (both carry every Vietnamese letter).
"""

import datetime as dt

from django.template.loader import render_to_string

from dangvu.awards.models import Award
from dangvu.cadres.models import CadreAction
from dangvu.candidates.selectors import introductions_of_member
from dangvu.committees.selectors import positions_of
from dangvu.core.dates import format_date
from dangvu.inspection.models import Discipline
from dangvu.members.models import EventKind, Member
from dangvu.members.selectors import state_on, timeline
from dangvu.organizations.models import Organization
from dangvu.tasks.selectors import member_results


def _first(events, *kinds):
    return [e for e in events if e.kind in kinds]


def _government_positions(member: Member) -> list:
    return list(
        CadreAction.objects.filter(member=member)
        .exclude(position="")
        .select_related("to_org")
        .order_by("effective_date")
    )


def _awards(member: Member) -> list:
    return list(Award.objects.filter(recipient_member=member).order_by("decision_date"))


def _disciplines(member: Member) -> list:
    return list(Discipline.objects.filter(subject_member=member).select_related("decided_by").order_by("decision_date"))


def sheet_context(member: Member, *, show_citizen_id: bool, today: dt.date | None = None) -> dict:
    today = today or dt.date.today()
    events = list(timeline(member))
    admitted = _first(events, EventKind.ADMITTED, EventKind.REGISTERED)
    recognized = _first(events, EventKind.RECOGNIZED)
    cell_today = member.org
    grassroots = cell_today.parent if cell_today and cell_today.level == "cell" else cell_today
    recognition_cell = None
    if member.recognized_on:
        recognition_cell = recognized[0].org if recognized and recognized[0].org else None
        if recognition_cell is None:
            state = state_on(member, member.recognized_on)
            recognition_cell = Organization.objects.filter(pk=state.org_id).first()
    # The member introducers and the union's resolution, from the admission file (none for
    # admissions made before files were kept).
    introducers, union_introduction = introductions_of_member(member)
    return {
        "member": member,
        "usual_name": member.usual_name or member.full_name,
        "show_citizen_id": show_citizen_id,
        "cell": cell_today,
        "grassroots": grassroots,
        "admission_event": admitted[0] if admitted else None,
        "recognition_cell": recognition_cell,
        "returns": _first(events, EventKind.READMITTED, EventKind.RESTORED),
        "introducers": introducers,
        "union_introduction": union_introduction,
        "party_positions": list(positions_of(member)),
        "government_positions": _government_positions(member),
        "awards": _awards(member),
        "disciplines": _disciplines(member),
        "badges": list(member.badges.order_by("years")),
        # Not an item of Mẫu 2-HSĐV: the review's classes and the QĐ 366 scores, printed after it.
        "evaluations": member_results(member),
        "titles": ", ".join(t for t in (member.academic_title, member.academic_degree) if t),
        "work_periods": list(member.work_periods.all()),
        "printed_on": format_date(today),
        "blank_lines": range(3),
    }


def sheet_html(member: Member, *, show_citizen_id: bool) -> str:
    return render_to_string("reports/member_sheet.html", sheet_context(member, show_citizen_id=show_citizen_id))


def sheet_pdf(member: Member, *, show_citizen_id: bool) -> bytes:
    from weasyprint import HTML

    return HTML(string=sheet_html(member, show_citizen_id=show_citizen_id)).write_pdf()
