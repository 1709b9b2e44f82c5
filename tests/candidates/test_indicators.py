"""candidates.in_pipeline on hand-built data, at a fixed number of queries whatever the subtree."""

from dangvu.candidates import services as candidates
from dangvu.candidates.models import StepKind
from dangvu.core import catalogue
from dangvu.core.catalogue import Period

from ..conftest import D, identity

Y2016 = Period.year(2016)


def _file(actor, org, opened_on):
    return candidates.candidate_open(actor=actor, org=org, opened_on=opened_on, **identity(birth_date=D(1996, 1, 1)))


def test_files_open_at_the_end_of_the_period_in_the_subtree(actor, tree, django_assert_max_num_queries):
    _file(actor, tree.a1, D(2016, 3, 1))
    _file(actor, tree.a2, D(2015, 3, 1))
    _file(actor, tree.b1, D(2016, 5, 1))
    _file(actor, tree.a1, D(2017, 1, 3))  # opened after the period
    closed = _file(actor, tree.a1, D(2016, 2, 1))
    candidates.candidate_close(actor=actor, candidate=closed, closed_on=D(2016, 9, 1), reason="Chuyển đi nơi khác")
    with django_assert_max_num_queries(3):
        assert catalogue.compute("candidates.in_pipeline", tree.a, Y2016) == 2
    with django_assert_max_num_queries(3):
        assert catalogue.compute("candidates.in_pipeline", tree.hm, Y2016) == 3
    assert catalogue.compute("candidates.in_pipeline", tree.a, Period.year(2015)) == 1
    with django_assert_max_num_queries(3):
        rows = list(catalogue.records("candidates.in_pipeline", tree.hm, Y2016))
    assert len(rows) == 3 and all(r.org.path.startswith(tree.hm.path) for r in rows)


def test_stalled_files_and_counts_by_stage(actor, tree):
    from dangvu.candidates.selectors import candidate_list, stage_counts, stalled

    old = _file(actor, tree.a1, D(2016, 1, 4))
    fresh = _file(actor, tree.a1, D(2016, 1, 4))
    candidates.candidate_record_step(actor=actor, candidate=fresh, kind=StepKind.COURSE, date=D(2016, 6, 1),
                                     reference="CN-7")  # fmt: skip
    assert list(stalled(tree.hm, days=90, today=D(2016, 7, 1))) == [old]
    assert stage_counts(candidate_list(tree.hm)) == {"listed": 1, "course": 1}
    assert list(candidate_list(tree.b)) == []
