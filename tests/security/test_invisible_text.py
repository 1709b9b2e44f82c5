"""Invisible characters (issue 14, finding 4): a zero-width space, a byte-order mark or a
right-to-left override in a name makes it look like another and hides it from search. They are
dropped from what a form, an import and the API store, and from what search compares; a NUL in a
web form is answered in Vietnamese."""

import pytest
from django.urls import reverse

from dangvu.accounts.scope import Scope
from dangvu.core.excel.reading import read_rows
from dangvu.core.text import clean, clean_multiline, search_key, search_terms
from dangvu.imports import engine
from dangvu.imports.importers import IMPORTERS, ImportContext
from dangvu.members import selectors
from dangvu.members.models import Member
from dangvu.reports.services import year_report_save

from ..api.test_access import admission
from ..imports.helpers import headers, member, xlsx
from ..web.test_forms import admit_data

pytestmark = pytest.mark.django_db

ZWSP, BOM, RLO, SOFT_HYPHEN, WORD_JOINER = "\u200b", "\ufeff", "\u202e", "\u00ad", "\u2060"
# "Nguyễn Văn An" with an invisible character inside each word and around the whole.
DISGUISED = f"{BOM}Ngu{ZWSP}yễn V{SOFT_HYPHEN}ăn {RLO}A{WORD_JOINER}n{ZWSP}"


def test_clean_drops_format_characters_and_keeps_the_visible_name():
    assert clean(DISGUISED) == "Nguyễn Văn An"
    assert clean(f"Văn{ZWSP} {ZWSP}An") == "Văn An"  # only a space between the words remains
    assert search_key(DISGUISED) == search_key("Nguyễn Văn An")
    assert search_terms(f"ng{ZWSP}uyen a{RLO}n") == ["nguyen", "an"]
    assert clean_multiline(f"Dòng{BOM} một\nDòng hai{ZWSP}") == "Dòng một\nDòng hai"
    # White space of other programs still separates words; C1 control characters are dropped.
    assert clean("Văn\x1fAn\x85Bình\x9b") == "Văn An Bình"


def _found(scope_user, query):
    scope = Scope.of(scope_user)
    return list(selectors.search(scope.members(), query).values_list("full_name", flat=True))


def test_a_name_typed_into_the_admission_form_is_stored_without_them_and_found(board, tree, actor):
    response = board.post(reverse("member-admit", args=[tree.a1.pk]), admit_data(full_name=DISGUISED), follow=True)
    assert response.status_code == 200
    stored = Member.objects.get()
    assert stored.full_name == "Nguyễn Văn An" and stored.name_key == " nguyen van an"
    assert _found(actor, "nguyen van an") == ["Nguyễn Văn An"]
    listed = board.get(reverse("member-list"), {"q": f"nguy{ZWSP}en an", "status": "dang"})
    assert "Nguyễn Văn An" in listed.content.decode()


def test_a_name_in_an_imported_workbook_is_stored_without_them(tree, actor):
    importer = IMPORTERS["members"]
    sheet = read_rows(xlsx([headers(), member(full_name=DISGUISED, party_card_no=f"0100{ZWSP}0001")]), "ds.xlsx")
    header = engine.find_header(sheet, importer)
    mapping = engine.propose_mapping(sheet[header], importer)
    ctx = ImportContext(actor=actor, scope=Scope.of(actor), org=tree.a1)
    result = engine.run(importer, sheet, mapping, ctx, header_index=header, store=True)
    assert result.stored == 1, [r.errors for r in result.bad]
    stored = Member.objects.get()
    assert (stored.full_name, stored.party_card_no) == ("Nguyễn Văn An", "01000001")
    assert _found(actor, "an nguyen") == ["Nguyễn Văn An"]


def test_a_name_sent_to_the_api_is_stored_without_them(client, tree, actor, ward_a_token):
    body = admission("A1", full_name=DISGUISED, occupation=f"Giáo{RLO} viên")
    response = client.post("/api/v1/members", body, content_type="application/json", headers=ward_a_token)
    assert response.status_code == 201, response.json()
    assert response.json()["full_name"] == "Nguyễn Văn An"
    stored = Member.objects.get()
    assert (stored.full_name, stored.occupation) == ("Nguyễn Văn An", "Giáo viên")


def test_a_text_no_service_cleans_is_still_stored_without_them(tree, actor):
    # year_report_save trims but does not clean its fields: the guard on every save (core.apps) does.
    report = year_report_save(actor=actor, org=tree.hm, year=2016, signer_name=f"Lê{RLO} Văn{ZWSP} Bình")
    report.refresh_from_db()
    assert report.signer_name == "Lê Văn Bình"


def test_a_nul_in_a_web_form_is_refused_in_vietnamese(board, tree):
    response = board.post(reverse("member-admit", args=[tree.a1.pk]), admit_data(full_name="Nguyễn\x00 Văn An"))
    html = response.content.decode()
    assert not Member.objects.exists()
    assert "Null characters" not in html
    assert "ký tự rỗng (NUL" in html


@pytest.fixture
def ward_a_token(tree, make_user):
    from dangvu.api.services import api_token_create

    user = make_user("grassroots", tree.a, "vanphong-a-invisible")
    _, token = api_token_create(actor=None, username=user.username, name="Thử ký tự ẩn")
    return {"Authorization": f"Bearer {token}"}


def test_a_number_pasted_with_an_invisible_character_finds_its_member(tree, actor, register):
    register(tree.a1, full_name="Trần Văn Ba", citizen_id="001080099999")
    assert _found(actor, f"00108{ZWSP}0099999{BOM}") == ["Trần Văn Ba"]
