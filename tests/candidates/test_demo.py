"""The demo's admission files: every admission of 2016 came through the pipeline."""

import pytest

from dangvu.candidates.models import YOUTH_BODIES, Candidate, Status, StepKind, UnionIntroduction
from dangvu.candidates.rules import youth_age_problem
from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.members.models import EventKind, MemberEvent
from dangvu.reports.member_sheet import sheet_html

pytestmark = pytest.mark.demo


def test_every_2016_admission_has_the_file_that_led_to_it(db, demo_data):
    hm = demo_data.hm
    admitted = MemberEvent.objects.filter(kind=EventKind.ADMITTED, date__year=2016)
    assert admitted.count() == 209
    files = {c.member_id: c for c in Candidate.objects.filter(member__in=admitted.values("member_id"))}
    assert len(files) == 209
    unions = {u.candidate_id: u for u in UnionIntroduction.objects.filter(candidate__in=files.values())}
    young = 0
    for ev in admitted.select_related("member"):
        c = files[ev.member_id]
        steps = {s.kind: s for s in c.steps.all()}
        assert c.status == Status.ADMITTED and c.org_id == ev.org_id and c.closed_on == ev.date
        assert steps[StepKind.VOTE].passed and steps[StepKind.VOTE].date <= ev.date
        assert max(s.date for k, s in steps.items() if k != StepKind.DECISION) <= ev.date
        introduced_on = min(i.introduced_on for i in c.introducers.all())
        young += youth_age_problem(c.birth_date, introduced_on) is None
        union = unions.get(c.pk)
        if union is None:
            assert c.introducers.count() == 2
        else:  # the Youth Union and one full member, for a candidate of youth age
            assert c.introducers.count() == 1 and union.body in YOUTH_BODIES
            assert union.name.startswith("Đoàn TNCS Hồ Chí Minh ")
            assert union.resolution_date <= steps[StepKind.VOTE].date
            assert youth_age_problem(c.birth_date, union.resolution_date) is None
    # Most of the young, not all of them: some work where there is no Youth Union.
    assert 0.5 * young <= len(unions) < young
    assert catalogue.compute("candidates.in_pipeline", hm, Period.year(2016)) == 96
    # The files of 2016's admissions were open at the end of 2015 when they were opened by then.
    assert catalogue.compute("candidates.in_pipeline", hm, Period.year(2015)) > 0


def test_a_member_introduced_by_the_youth_union_has_it_on_the_record_sheet(db, demo_data):
    union = UnionIntroduction.objects.filter(candidate__member__isnull=False).select_related("candidate__member")
    union = union.order_by("id").first()
    page = sheet_html(union.candidate.member, show_citizen_id=False)
    assert f"{union.get_body_display()} {union.name} (Nghị quyết số {union.resolution_no}" in page
    introducer = union.candidate.introducers.get()
    assert f"Đồng chí {introducer.member.full_name}" in page
    assert "Người thứ hai" not in page
