"""The review step: on the hand-built tree (quick), and in the whole Hoàng Mai demo (marker demo)
where the seed's figures come out of the indicators."""

import dangvu.reviews.indicators  # noqa: F401
from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.demo import tsvm
from dangvu.demo.context import DemoContext
from dangvu.demo.steps import s80_reviews
from dangvu.members.models import EventKind
from dangvu.members.services import member_record_event
from dangvu.reviews.models import CycleStatus, MemberResult, OrgResult, Override

Y2016 = Period.year(2016)


def test_the_step_on_a_small_tree_keeps_the_awards_choice(tree, register, actor, monkeypatch):
    import datetime as dt

    monkeypatch.setattr(tsvm, "TOP", 2)
    monkeypatch.setattr(tsvm, "EXEMPLARY", 1)
    monkeypatch.setattr(s80_reviews, "WEAK", 0)
    members = [register(cell) for cell in (tree.a1, tree.a2, tree.b1, tree.c) for _ in range(4)]
    member_record_event(actor=actor, member=members[0], kind=EventKind.EXEMPTED, date=dt.date(2015, 2, 2))
    ctx = DemoContext(actor=actor)
    ctx.disciplined_2016 = [members[5].pk]
    ctx.tsvm, ctx.tsvm_exemplary = [tree.a], [tree.c]  # as the awards step may keep them (21 + 6)
    s80_reviews.build(ctx)

    decided = dict(OrgResult.objects.values_list("org__code", "decided_class"))
    assert decided["A"] == decided["C"] == "tsvm" and decided["B"] in ("good", "completed")
    assert OrgResult.objects.get(org=tree.c).exemplary and not OrgResult.objects.get(org=tree.a).exemplary
    assert MemberResult.objects.get(member=members[5]).decided_class == "failed"
    exempted = MemberResult.objects.get(member=members[0])
    assert exempted.decided_class == "" and exempted.not_rated_reason
    assert catalogue.compute("review.members.rated", tree.hm, Y2016) == 15
    assert ctx.review_cycle_2016.status == CycleStatus.CLOSED and not Override.objects.exists()


def test_the_demo_review_of_2016_gives_the_seed_figures(db, demo_data):
    import datetime as dt

    from dangvu.awards.models import Award
    from dangvu.inspection.models import Discipline

    hm = demo_data.hm
    assert catalogue.compute("review.orgs.rated", hm, Y2016) == 54
    assert catalogue.compute("review.orgs.top", hm, Y2016) == 27
    assert catalogue.compute("review.orgs.top_exemplary", hm, Y2016) == 6
    assert catalogue.compute("review.overrides", hm, Y2016) == 0
    # The organizations rated TSVM are those the district awarded for their 2016 review.
    tsvm = set(OrgResult.objects.filter(decided_class="tsvm", cycle__year=2016).values_list("org_id", flat=True))
    awarded = Award.objects.filter(
        program="review", title__in=["tsvm", "tsvm_exemplary"], decision_date__year=2016
    ).values_list("recipient_org_id", flat=True)
    assert tsvm == set(awarded)
    disciplined = Discipline.objects.filter(
        subject_member__isnull=False, decision_date__range=(dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    ).values_list("subject_member_id", flat=True)
    results = MemberResult.objects.filter(member_id__in=disciplined, cycle__year=2016)
    assert sorted(results.values_list("decided_class", flat=True)) == ["failed"] * 4
    rated = catalogue.compute("review.members.rated", hm, Y2016)
    assert 0 < catalogue.compute("review.members.good_or_better", hm, Y2016) < rated
