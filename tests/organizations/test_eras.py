"""Levels by era: what may sit under what, and what it is called, on a 2016 and on a 2026 date."""

import pytest
from django.core.exceptions import ValidationError

from dangvu.organizations import eras
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found
from tests.conftest import D

Y2016, Y2026 = D(2016, 6, 1), D(2026, 1, 15)


def test_a_ward_committee_holds_cells_directly_only_after_the_2025_reorganization():
    assert eras.may_sit_under(Level.CELL, Level.COMMUNE, Y2026)
    assert eras.may_sit_under(Level.GRASSROOTS_COMMITTEE, Level.COMMUNE, Y2026)
    assert not eras.may_sit_under(Level.COMMUNE, Level.PROVINCE, Y2016)
    # The district layer: grassroots only, and gone from 1/7/2025.
    assert eras.may_sit_under(Level.GRASSROOTS_CELL, Level.DISTRICT, Y2016)
    assert not eras.may_sit_under(Level.CELL, Level.DISTRICT, Y2016)
    assert not eras.may_sit_under(Level.GRASSROOTS_CELL, Level.DISTRICT, Y2026)
    assert not eras.may_sit_under(Level.DISTRICT, Level.PROVINCE, Y2026)
    # The day itself belongs to the new era; the day before to the old one.
    assert eras.era_on(D(2025, 6, 30)).key == "district"
    assert eras.era_on(D(2025, 7, 1)).key == "two_level"


def test_names_and_levels_in_force_follow_the_date():
    assert eras.level_name(Level.CELL, Y2016) == "Chi bộ trực thuộc đảng ủy cơ sở"
    assert eras.level_name(Level.CELL, Y2026) == "Chi bộ trực thuộc"
    assert eras.term("upper", Y2016) == "cấp trên cơ sở"
    assert "xã, phường, đặc khu" in eras.term("upper_example", Y2026)
    assert Level.DISTRICT in eras.levels_in_force(Y2016)
    assert Level.DISTRICT not in eras.levels_in_force(Y2026)
    assert Level.COMMUNE not in eras.levels_in_force(Y2016)
    assert eras.highest_level(Y2026) == Level.PROVINCE
    assert eras.holds_cells_directly(Level.COMMUNE, Y2026)
    assert not eras.holds_cells_directly(Level.DISTRICT, Y2016)
    assert all(e.sources for e in eras.ERAS)


def test_founding_follows_the_rule_of_its_day(tree, actor):
    def found(code, level, parent, on):
        return org_found(actor=actor, code=code, name=f"Đơn vị {code}", kind=Kind.WARD, level=level, parent=parent,
                         founded_on=on)  # fmt: skip

    ward = found("PHM", Level.COMMUNE, tree.hn, D(2025, 7, 1))
    cell = found("PHM-01", Level.CELL, ward, D(2025, 7, 1))
    assert cell.parent == ward
    with pytest.raises(ValidationError) as e:
        found("HM-X", Level.GRASSROOTS_CELL, tree.hm, D(2025, 8, 1))  # under the old district, after it ended
    assert "hai cấp" in str(e.value)
    with pytest.raises(ValidationError):
        found("HM-Y", Level.CELL, tree.hm, D(2016, 8, 1))  # a cell never sat directly under a district
