"""Fixtures of the security tests: ward B (of the shared `tree`) holding one record of every kind,
built through the services, with the strings that must never reach a user of ward A."""

from dataclasses import dataclass, field

import pytest

from dangvu.accounts.models import Role
from dangvu.accounts.scope import Scope
from dangvu.awards.services import award_create
from dangvu.cadres.services import cadre_action_create
from dangvu.committees.models import Role as SeatRole
from dangvu.committees.residence import contact_confirm, contact_introduce, contact_note_add
from dangvu.committees.services import committee_elect, congress_record
from dangvu.elections.services import election_area_record, election_create
from dangvu.imports import storage
from dangvu.inspection.services import discipline_record, inspection_record
from dangvu.members.services import member_record_event
from dangvu.reports.models import SECTION_KEYS
from dangvu.reports.services import year_report_save
from dangvu.reviews.services import member_results_record_bulk, review_cycle_open
from dangvu.targets.services import target_set
from dangvu.training.services import attendance_add, training_class_create

from ..conftest import D


@dataclass
class WardB:
    """Ward B's records by model (label "app.Model" -> [pk]) and its secrets: the strings a user
    of ward A must never be shown (names, citizen IDs, titles of records)."""

    records: dict = field(default_factory=dict)
    secrets: list = field(default_factory=list)
    shared: dict = field(default_factory=dict)  # records above both wards (e.g. the district's cycle)
    tokens: list = field(default_factory=list)  # import uploads of ward B's clerk

    def add(self, obj, *secrets):
        self.records.setdefault(obj._meta.label, []).append(obj.pk)
        self.secrets.extend(s for s in secrets if s)
        return obj


@pytest.fixture
def ward_b(tree, register, admit, actor, make_user, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    w = WardB()
    w.add(tree.b)
    w.add(tree.b1)
    # Ward A has its own member, so its pages are not empty.
    register(tree.a1, full_name="Nguyễn Văn An", citizen_id="001080000001")
    full = w.add(
        register(tree.b1, full_name="Trần Thị Bảomật", citizen_id="001199900001", party_card_no="99000001"),
        "Bảomật",
        "001199900001",
        "99000001",
    )
    probationary = w.add(
        admit(tree.b1, on=D(2016, 3, 2), full_name="Lê Văn Kínđáo", citizen_id="001199900002"),
        "Kínđáo",
        "001199900002",
    )
    event = member_record_event(
        actor=actor, member=full, kind="exempted", date=D(2016, 2, 1), decision_no="7-QĐ/ĐUĐK", reason="Tuổi cao"
    )
    w.add(event)
    w.add(
        cadre_action_create(
            actor=actor, member=full, kind="appointment", position="Bí thư Chi bộ Khudâncư", decided_by=tree.b,
            decision_no="3-QĐ/ĐUĐK", decision_date=D(2016, 4, 1), effective_date=D(2016, 4, 1),
        ),
        "Khudâncư",
    )  # fmt: skip
    course = w.add(
        training_class_create(
            actor=actor, title="Lớp Mậtmã phường Đại Kim", organizer=tree.b, kind="party_work",
            start_date=D(2016, 5, 2), end_date=D(2016, 5, 3),
        ),
        "Mậtmã",
    )  # fmt: skip
    w.add(attendance_add(actor=actor, training_class=course, member=full))
    inspection = w.add(
        inspection_record(
            actor=actor, kind="inspection", conducted_by=tree.b, start_date=D(2016, 6, 1),
            content="Kiểm tra Ẩndanh", subject_member=probationary,
        ),
        "Ẩndanh",
    )  # fmt: skip
    w.add(
        discipline_record(
            actor=actor, form="reprimand", decided_by=tree.b, decision_no="9-QĐ/ĐUĐK", decision_date=D(2016, 7, 1),
            violation_date=D(2016, 1, 5), subject_member=full, reason="Vi phạm Riêngtư", inspection=inspection,
        ),
        "Riêngtư",
    )  # fmt: skip
    w.add(
        award_create(
            actor=actor, recipient_kind="person", recipient_member=full, title="certificate", program="ct03",
            awarded_by=tree.b, decision_no="2-QĐ/ĐUĐK", decision_date=D(2016, 5, 1), note="Khen Thầmlặng",
        ),
        "Thầmlặng",
    )  # fmt: skip
    election = election_create(actor=actor, name="Bầu cử 2016", date=D(2016, 5, 22), organizer=tree.hm)
    w.shared.setdefault("elections.Election", []).append(election.pk)
    w.add(
        election_area_record(
            actor=actor, election=election, name="Khu vực Đạikimkín", org=tree.b, registered=1000, voted=999
        ),
        "Đạikimkín",
    )
    w.add(
        target_set(
            actor=actor, org=tree.b, indicator_key="members.admitted", year=2016, value=7, note="Chỉ tiêu Giấukín",
            assigned_by=tree.hm,
        ),
        "Giấukín",
    )  # fmt: skip
    cycle = review_cycle_open(actor=actor, committee=tree.hm, year=2016)
    w.shared.setdefault("reviews.ReviewCycle", []).append(cycle.pk)
    for result in member_results_record_bulk(
        actor=actor, cycle=cycle, org=tree.b, stage="self", rows=[{"member": full, "cls": "good"}]
    ):
        w.add(result)
    w.add(
        year_report_save(
            actor=actor,
            org=tree.b,
            year=2016,
            signer_name="Ông Thầmkín",
            sections={SECTION_KEYS[0]: "Báo cáo Thầmkín của Đại Kim"},
        ),
        "Thầmkín",
    )
    congress = w.add(
        congress_record(actor=actor, org=tree.b, held_on=D(2015, 5, 20), term_start=2015, term_end=2020, delegates=1)
    )
    for seat in committee_elect(actor=actor, congress=congress, elected=[(full, SeatRole.SECRETARY)]):
        w.add(seat)
    # A teacher of school C living in ward B: introduced by C, received by B (QĐ 213).
    contact = contact_introduce(
        actor=actor, member=register(tree.c, full_name="Phạm Thị Cưtrú"), ward=tree.b, introduced_on=D(2016, 3, 25),
        address="Ngõ Kínđường",
    )  # fmt: skip
    w.add(contact_confirm(actor=actor, contact=contact, cell=tree.b1, since=D(2016, 4, 1)))
    contact_note_add(actor=actor, contact=contact, date=D(2016, 5, 1), content="Gặp gỡ Lặngthầm")
    w.secrets += ["Cưtrú", "Kínđường", "Lặngthầm"]
    from dangvu.candidates.services import candidate_open
    from dangvu.meetings.services import meeting_create

    w.add(
        candidate_open(actor=actor, org=tree.b1, opened_on=D(2016, 2, 1), full_name="Đỗ Thị Ứngviên",
                       birth_date=D(1996, 1, 1), sex="F", citizen_id="001196900003"),
        "Ứngviên", "001196900003",
    )  # fmt: skip
    w.add(meeting_create(actor=actor, org=tree.b1, kind="regular", date=D(2016, 6, 5), place="Nhà văn hóa Kínphòng"),
          "Kínphòng")  # fmt: skip
    from dangvu.dues.services import dues_basis_set, dues_pay

    dues_basis_set(actor=actor, member=full, kind="fixed", fixed_amount=5_000, valid_from=D(2016, 1, 1))
    w.add(dues_pay(actor=actor, member=full, month=D(2016, 3, 1), paid_on=D(2016, 3, 8), receipt_no="BL-Kínsố"),
          "BL-Kínsố")  # fmt: skip
    from dangvu.handbook.corrections import correction_request_create

    w.add(correction_request_create(actor=actor, member=full, field="address", proposed_value="Ngõ Kínsửa"),
          "Kínsửa")  # fmt: skip
    from dangvu.tasks.services import task_assign

    w.add(task_assign(actor=actor, org=tree.b1, member=full, year=2026, quarter=1, title="Nhiệm vụ Kínviệc",
                      measure="hộ", target=3, deadline=D(2026, 3, 20)), "Kínviệc")  # fmt: skip
    # An upload of ward B's clerk waiting for its commit (imports keep it on the server by token).
    clerk = w.add(make_user(Role.GRASSROOTS, tree.b, "thu-ky-b"))
    upload = storage.create(
        data=b"PK-not-read", user_id=clerk.pk, kind="members", org_id=tree.b.pk, filename="ds-Bímậtfile.xlsx"
    )
    w.tokens = [upload.token]
    from dangvu.imports.models import ImportJob

    w.add(ImportJob.objects.create(user=clerk, org=tree.b, kind="members", filename="ds-Bímậtfile.xlsx",
                                   token=upload.token, status=ImportJob.DONE, total=3, stored=3))  # fmt: skip
    w.secrets.append("Bímậtfile")
    # A document ward B's committee published to its members (Sổ tay đảng viên).
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dangvu.handbook.documents import document_publish

    w.add(document_publish(actor=clerk, scope=Scope.of(clerk), kind="guide", number="3-HD/ĐUĐK",
                           issued_on=D(2016, 3, 1), issuer="Đảng ủy phường Đại Kim",
                           title="Hướng dẫn Kínvănbản", today=D(2016, 3, 2),
                           file=SimpleUploadedFile("hd.pdf", b"%PDF-1.4 Kinvanban")), "Kínvănbản")  # fmt: skip
    # A transfer ward B sent out (to the school cell, outside ward A): neither side is ward A's.
    from dangvu.members.transfers import transfer_issue

    w.add(transfer_issue(actor=actor, scope=Scope.of(clerk), member=probationary, to_org=tree.c,
                         issued_on=D(2016, 9, 1), reason="Chuyển Kínđường"), "Kínđường")  # fmt: skip
    return w


# Ward A's own records, for the walks that open ward A's pages (defined beside, to keep this file short).
from .ward_a import ward_a  # noqa: E402, F401
