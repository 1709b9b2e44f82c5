"""`dangvu summary` without --org shows what the database holds: the committees at the top of the
tree and the committees under them, with the codes the other commands take."""

import io

from django.core.management import call_command


def _summary(**options) -> str:
    out = io.StringIO()
    call_command("summary", stdout=out, **options)
    return out.getvalue()


def test_without_an_org_it_lists_the_top_committees_and_their_codes(tree):
    lines = _summary().splitlines()
    assert "  HN        Đảng bộ Thành phố Hà Nội (từ 01/01/2004)" in lines
    assert "    HM        Đảng bộ quận Hoàng Mai (từ 01/01/2004)" in lines
    assert not any("A1" in line for line in lines)  # cells and grassroots are not listed
    assert lines[-1] == "Xem số liệu một đảng bộ: dangvu summary --org MÃ --year NĂM"


def test_an_empty_database_says_how_to_begin(db):
    assert "dangvu setup" in _summary()


def test_with_an_org_it_prints_its_figures(tree, register):
    register(tree.a1)
    out = _summary(org="hm", year=2016)
    assert "Đảng bộ quận Hoàng Mai — số liệu đến ngày 31/12/2016" in out
