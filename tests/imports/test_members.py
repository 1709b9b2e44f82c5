"""Importing members through member_register / member_admit: the preview stores nothing, the commit
is all or nothing (or only the valid rows when asked), every error names the row and the column."""

import datetime as dt
import unicodedata

import pytest
from django.db import connection

from dangvu.core.excel.reading import read_rows
from dangvu.imports import engine
from dangvu.imports.importers import IMPORTERS
from dangvu.members.models import Member, Status

from .helpers import headers, member, row, xlsx

MEMBERS = IMPORTERS["members"]


def _run(ctx, rows, kind="members", **kw):
    importer = IMPORTERS[kind]
    sheet = read_rows(xlsx(rows), "ds.xlsx")
    header = engine.find_header(sheet, importer)
    mapping = engine.propose_mapping(sheet[header], importer)
    return engine.run(importer, sheet, mapping, ctx, header_index=header, **kw)


def test_a_dry_run_checks_every_row_through_the_service_and_stores_nothing(ctx, tree):
    result = _run(ctx(), [headers(), member(), member(full_name="Trần Thị Bình", sex="Nữ", citizen_id="001185000002",
                                                     party_card_no="01000002")])  # fmt: skip
    assert [r.number for r in result.good] == [2, 3] and not result.bad
    assert not Member.objects.exists()


def test_commit_stores_members_in_the_chosen_cell_as_full_members(ctx, tree):
    result = _run(ctx(), [headers(), member(admitted_on="03/02/1990", recognized_on="03/02/1991")], store=True)
    assert result.stored == 1
    m = Member.objects.get()
    assert (m.full_name, m.org, m.status, m.citizen_id) == ("Nguyễn Văn An", tree.a1, Status.FULL, "001085000001")
    # Joined on the cell's founding, later than the admission.
    assert m.events.get(kind="registered").date == tree.a1.founded_on


def test_the_page_cache_an_import_takes_on_sqlite_is_given_back_stored_or_refused(ctx, tree):
    # engine._page_cache_for_writing: the 128 MB are the import's, not every later page's.
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's page cache")
    connection.ensure_connection()
    before = connection.connection.execute("PRAGMA cache_size").fetchone()[0]
    assert _run(ctx(), [headers(), member()], store=True).stored == 1
    assert _run(ctx(), [headers(), member(citizen_id="001085000009", full_name="An")], store=True).stored == 0
    assert connection.connection.execute("PRAGMA cache_size").fetchone()[0] == before


def test_an_impossible_date_names_the_row_as_excel_shows_it_and_the_column(ctx, tree):
    result = _run(ctx(), [["Danh sách đảng viên chi bộ 1"], [], headers(), member(), member(
        birth_date="31/02/1990", citizen_id="001090000009", party_card_no="01000009")])  # fmt: skip
    assert result.bad[0].errors == [
        "Dòng 5, cột Ngày sinh: 31/02/1990 không phải ngày có thật; nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2016."
    ]


def test_a_future_date_is_refused(ctx, tree):
    future = (dt.date.today() + dt.timedelta(days=40)).strftime("%d/%m/%Y")
    result = _run(ctx(), [headers(), member(admitted_on=future)])
    assert any("cột Ngày vào Đảng" in e and "ở tương lai" in e for e in result.bad[0].errors)


def test_duplicates_inside_the_file_point_at_the_first_row(ctx, tree):
    result = _run(ctx(), [headers(), member(), member(full_name="Lê Văn Cường", party_card_no="01000077")])
    assert result.bad[0].number == 3
    assert result.bad[0].errors == [
        "Dòng 3, cột Số CCCD: 001085000001 trùng với dòng 2 trong tệp; mỗi người chỉ một dòng."
    ]


def test_duplicates_against_the_database_name_the_member_already_there(ctx, tree, register):
    register(tree.a2, full_name="Phạm Văn Dũng", citizen_id="001085000001")
    result = _run(ctx(), [headers(), member()])
    assert result.bad[0].errors == [
        "Dòng 2, cột Số CCCD: Số CCCD 001085000001 đã có ở đảng viên Phạm Văn Dũng; hãy kiểm tra lại."
    ]


def test_a_file_with_a_bad_row_stores_nothing_unless_only_valid_rows_are_asked_for(ctx, tree):
    rows = [headers(), member(), member(full_name="X", citizen_id="001085000003", party_card_no="01000003")]
    refused = _run(ctx(), rows, store=True)
    assert refused.stored == 0 and not Member.objects.exists()
    assert "Có 1 dòng lỗi nên chưa nhập dòng nào" in refused.file_errors[0]
    assert refused.bad[0].errors == [
        "Dòng 3, cột Họ và tên: Hãy nhập đủ họ và tên (ít nhất hai chữ), ví dụ Nguyễn Văn An."
    ]
    partial = _run(ctx(), rows, store=True, only_valid=True, expected=[2])
    assert partial.stored == 1 and Member.objects.get().full_name == "Nguyễn Văn An"


def test_only_valid_stores_nothing_when_the_valid_rows_changed_since_the_preview(ctx, tree, register):
    rows = [headers(), member(), member(full_name="Lê Thị Hoa", sex="Nữ", citizen_id="001185000004",
                                        party_card_no="01000004")]  # fmt: skip
    preview = _run(ctx(), rows)
    register(tree.b1, full_name="Đỗ Văn Khánh", citizen_id="001185000004")  # entered meanwhile
    result = _run(ctx(), rows, store=True, only_valid=True, expected=preview.valid_numbers)
    assert result.stored == 0 and Member.objects.filter(citizen_id="001085000001").count() == 0
    assert "đã khác lúc xem trước" in result.file_errors[0]


def test_decomposed_unicode_is_stored_composed_and_matches_the_composed_name(ctx, tree, register):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    assert nfd != "Nguyễn Thị Hương"
    _run(ctx(), [headers(), member(full_name=nfd, sex=unicodedata.normalize("NFD", "Nữ"))], store=True)
    m = Member.objects.get()
    assert m.full_name == "Nguyễn Thị Hương" and m.sex == "F"


def test_a_citizen_id_typed_as_a_number_gets_its_leading_zeros_back(ctx, tree):
    _run(ctx(), [headers(), member(citizen_id=1085000001)], store=True)
    assert Member.objects.get().citizen_id == "001085000001"


def test_a_missing_required_column_refuses_the_whole_file(ctx, tree):
    cols = headers()
    drop = cols.index("Ngày sinh")
    rows = [[v for i, v in enumerate(r) if i != drop] for r in (cols, member())]
    result = _run(ctx(), rows, store=True)
    assert result.file_errors[0].startswith("Thiếu cột bắt buộc: Ngày sinh.")
    assert not result.rows and not Member.objects.exists()


def test_renamed_columns_are_mapped_by_their_unaccented_similarity():
    file_headers = [
        "STT", "Họ và tên đảng viên", "Ngay sinh", "Giới  tính:", "CCCD", "Ngày vào đảng", "So the dang vien"
    ]  # fmt: skip
    mapping = engine.propose_mapping(file_headers, MEMBERS)
    assert mapping["full_name"] == 1 and mapping["birth_date"] == 2 and mapping["sex"] == 3
    assert mapping["citizen_id"] == 4 and mapping["admitted_on"] == 5 and mapping["party_card_no"] == 6
    assert mapping["recognized_on"] is None
    assert not engine.exact_mapping(file_headers, MEMBERS, mapping)


def test_the_templates_example_row_left_in_place_is_not_imported(ctx, tree):
    example = [c.example for c in MEMBERS.columns]
    result = _run(ctx(), [headers(), example, member()])
    assert [r.number for r in result.rows] == [3]


def test_members_go_to_the_cell_named_in_the_row_within_the_chosen_unit(ctx, tree):
    result = _run(
        ctx(tree.a),
        [
            headers(),
            member(org="A2"),
            member(full_name="Vũ Văn Long", citizen_id="001085000005", party_card_no="01000005", org="B1"),
        ],
        store=False,
    )
    assert result.bad[0].number == 3
    assert result.bad[0].errors[0].startswith("Dòng 3, cột Chi bộ: không tìm thấy tổ chức “B1” trong Đảng bộ phường")


def test_new_admissions_go_through_member_admit_with_its_age_rule(ctx, tree):
    rows = [headers("admissions"),
            row("admissions", full_name="Hồ Thị Mai", birth_date="01/01/1950", sex="Nữ", admitted_on="19/05/2016",
                decision_no="12-QĐ/ĐU"),
            row("admissions", full_name="Hồ Văn Nam", birth_date="01/01/1990", sex="Nam", admitted_on="19/05/2016",
                decision_no="13-QĐ/ĐU")]  # fmt: skip
    result = _run(ctx(), rows, kind="admissions", store=True, only_valid=True, expected=[3])
    assert result.bad[0].number == 2 and "cột Ngày sinh" in result.bad[0].errors[0]
    assert Member.objects.get().status == Status.PROBATIONARY


def test_every_row_the_service_refuses_is_reported_not_only_the_first(ctx, tree):
    rows = [
        headers(),
        member(full_name="An"),
        member(full_name="Trần Văn Bình", citizen_id="001085000002", party_card_no="01000002"),
        member(full_name="Lê Văn Cường", citizen_id="001085000003", party_card_no="01000003",
               joined_on="01/01/2004", admitted_on="03/02/2005"),
    ]  # fmt: skip
    result = _run(ctx(), rows, store=True)
    assert [(r.number, r.errors) for r in result.bad] == [
        (2, ["Dòng 2, cột Họ và tên: Hãy nhập đủ họ và tên (ít nhất hai chữ), ví dụ Nguyễn Văn An."]),
        (4, ["Dòng 4, cột Ngày bắt đầu sinh hoạt tại chi bộ: Ngày bắt đầu sinh hoạt tại chi bộ không thể trước "
             "ngày vào Đảng."]),
    ]  # fmt: skip
    assert result.stored == 0 and not Member.objects.exists()


def test_a_database_error_part_way_refuses_the_whole_file(ctx, tree, register, monkeypatch):
    """A citizen ID stored by someone else after the check: the insert fails, nothing is stored,
    and the clerk is told to check and import again."""
    from dangvu.members import bulk

    register(tree.b1, full_name="Đỗ Văn Khánh", citizen_id="001185000004")
    monkeypatch.setattr(bulk, "_stored_numbers", lambda batch: {})
    monkeypatch.setattr(bulk, "BATCH", 1)
    rows = [headers(), member(), member(full_name="Lê Thị Hoa", sex="Nữ", citizen_id="001185000004",
                                        party_card_no="01000004")]  # fmt: skip
    result = _run(ctx(), rows, store=True)
    assert result.stored == 0
    assert result.file_errors[0].startswith("Không lưu được (IntegrityError)")
    assert list(Member.objects.values_list("full_name", flat=True)) == ["Đỗ Văn Khánh"]


def test_a_failing_row_late_in_a_file_of_several_batches_stores_nothing(ctx, tree, monkeypatch):
    """The first batches are written before the later rows are checked; a row refused in the last
    batch still leaves nothing of the file stored, events, periods and audit entries included."""
    from auditlog.models import LogEntry

    from dangvu.members import bulk
    from dangvu.members.models import MemberEvent, MemberPeriod
    from dangvu.tallies.models import UnitYear
    from dangvu.tallies.services import tally_fill

    monkeypatch.setattr(bulk, "BATCH", 2)

    def kept():
        rows = UnitYear.objects.order_by("org_id", "year").values()
        return [{k: v for k, v in row.items() if k != "id"} for row in rows]

    tally_fill()  # the per-unit counts the writes keep (on PostgreSQL from the writes' own thread)
    counts = kept()
    good = [member(full_name=f"Trịnh Văn Số {n}", citizen_id=f"0010850001{n:02d}", party_card_no=f"010001{n:02d}")
            for n in range(9)]  # fmt: skip
    late = member(full_name="Trịnh Văn Muộn", citizen_id="001085000199", party_card_no="01000199",
                  recognized_on="03/06/2005")  # fmt: skip
    entries = LogEntry.objects.count()
    result = _run(ctx(), [headers(), *good, late], store=True)
    assert result.stored == 0
    assert [r.errors for r in result.bad] == [["Dòng 11, cột Ngày chính thức: Ngày chính thức sớm nhất là 03/02/2006."]]
    assert "Có 1 dòng lỗi nên chưa nhập dòng nào" in result.file_errors[0]
    assert not Member.objects.exists() and not MemberEvent.objects.exists() and not MemberPeriod.objects.exists()
    assert LogEntry.objects.count() == entries
    assert kept() == counts
    assert _run(ctx(), [headers(), *good], store=True).stored == 9
    after = kept()
    assert after != counts
    tally_fill()  # counted again from the records: what the writes kept
    assert kept() == after


RECORD_SHEET = {
    "alias": "Ba Tùng", "temporary_address": "Số 3 ngõ 8 Tân Mai", "academic_title": "Phó Giáo sư",
    "academic_degree": "Tiến sĩ", "foreign_languages": "Tiếng Anh C1", "it_skills": "Ứng dụng CNTT nâng cao",
    "minority_languages": "Tiếng Tày", "mass_org_positions": "Chi hội trưởng hội Cựu chiến binh",
    "health": "Tốt",
}  # fmt: skip


def test_the_record_sheet_columns_are_imported_with_the_member(ctx, tree):
    result = _run(ctx(), [headers(), member(**RECORD_SHEET, youth_union_joined_on="26/03/2001")], store=True)
    assert result.stored == 1
    m = Member.objects.get()
    assert {k: getattr(m, k) for k in RECORD_SHEET} == RECORD_SHEET
    assert m.youth_union_joined_on == dt.date(2001, 3, 26)


def test_a_youth_union_date_before_birth_names_the_row_and_column_and_nothing_is_stored(ctx, tree):
    rows = [
        headers(),
        member(youth_union_joined_on="26/03/2001"),
        member(full_name="Trần Văn Bình", citizen_id="001085000002", party_card_no="01000002",
               youth_union_joined_on="26/03/1980"),
    ]  # fmt: skip
    result = _run(ctx(), rows, store=True)
    assert [(r.number, r.errors) for r in result.bad] == [
        (3, ["Dòng 3, cột Ngày vào Đoàn: Ngày vào Đoàn phải sau ngày sinh; hãy kiểm tra lại."]),
    ]
    assert result.stored == 0 and not Member.objects.exists()
