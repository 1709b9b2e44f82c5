"""The demo's admission files: every admission of 2016 came through the pipeline."""

import pytest

from dangvu.candidates.models import Candidate, Status, StepKind
from dangvu.indicators import registry
from dangvu.indicators.registry import Period
from dangvu.members.models import EventKind, MemberEvent

pytestmark = pytest.mark.demo


def test_every_2016_admission_has_the_file_that_led_to_it(db, demo_data):
    hm = demo_data.hm
    admitted = MemberEvent.objects.filter(kind=EventKind.ADMITTED, date__year=2016)
    assert admitted.count() == 209
    files = {c.member_id: c for c in Candidate.objects.filter(member__in=admitted.values("member_id"))}
    assert len(files) == 209
    for ev in admitted.select_related("member"):
        c = files[ev.member_id]
        steps = {s.kind: s for s in c.steps.all()}
        assert c.status == Status.ADMITTED and c.org_id == ev.org_id and c.closed_on == ev.date
        assert steps[StepKind.VOTE].passed and steps[StepKind.VOTE].date <= ev.date
        assert max(s.date for k, s in steps.items() if k != StepKind.DECISION) <= ev.date
        assert c.introducers.count() == 2
    assert registry.compute("candidates.in_pipeline", hm, Period.year(2016)) == 96
    # The files of 2016's admissions were open at the end of 2015 when they were opened by then.
    assert registry.compute("candidates.in_pipeline", hm, Period.year(2015)) > 0
