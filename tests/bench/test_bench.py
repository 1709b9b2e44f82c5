"""The synthetic generator writes what the services would, and every benchmark runs end to end at
a tiny size (no timing is asserted: the figures are for `make bench`)."""

import datetime as dt

import pytest
from django.db import connection

from dangvu.core.text import name_sort_key, search_key
from dangvu.demo import synthetic
from dangvu.members import rules, selectors, services
from dangvu.members.models import EventKind, Member, MemberEvent, MemberPeriod
from dangvu.organizations.models import MEMBER_LEVELS, Organization, OrgPeriod

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny():
    return synthetic.build("tiny", seed=7)


def _periods(member_id):
    return [
        (p.org_id, p.standing, p.activity, p.valid_from, p.valid_to, p.start_kind, p.end_kind)
        for p in MemberPeriod.objects.filter(member_id=member_id).order_by("valid_from", "id")
    ]


def test_bulk_columns_are_every_column_of_the_table():
    for model, columns in synthetic.BULK.items():
        left = synthetic.LEFT_NULL.get(model, set())
        assert set(columns) | left == {f.column for f in model._meta.concrete_fields}, model
        assert all(model._meta.get_field(name).null for name in left), model


def test_generator_rows_equal_what_the_services_rebuild(tiny):
    assert tiny["members"] > 300 and tiny["events"] > tiny["members"]
    members = list(Member.objects.order_by("pk"))[::4]
    for member in members:
        stored = (_periods(member.pk), member.status, member.activity, member.org_id, member.recognized_on)
        assert member.name_key == search_key(member.full_name)
        assert member.sort_key == name_sort_key(member.full_name)
        # The service's own rebuild from the stored events gives back the same periods and status.
        services._rebuild(member, rules.replay(selectors.rule_events(member)))
        again = Member.objects.get(pk=member.pk)
        assert (_periods(member.pk), again.status, again.activity, again.org_id, again.recognized_on) == stored


def test_events_fit_the_rules_the_services_check(tiny):
    for ev in MemberEvent.objects.select_related("member", "org"):
        if ev.kind in services.DECISION_REQUIRED:
            assert ev.decision_no, ev
        if ev.kind == EventKind.ADMITTED:
            assert rules.admission_age_problem(ev.member.birth_date, ev.date) is None
        assert ev.date < dt.date.today()
        unit = ev.org if ev.kind != EventKind.TRANSFERRED else Organization.objects.get(pk=ev.to_org_id)
        assert unit.level in MEMBER_LEVELS and unit.is_active_on(ev.date)


def test_tree_paths_and_periods_are_those_org_found_writes(tiny):
    for org in Organization.objects.all():
        parent_path = org.parent.path if org.parent_id else "/"
        assert org.path == f"{parent_path}{org.pk}/" and org.depth == org.path.count("/") - 2
        assert org.name_key == search_key(org.name)
        (period,) = OrgPeriod.objects.filter(org=org)
        assert (period.path, period.parent_id, period.valid_from, period.valid_to) == (
            org.path, org.parent_id, org.founded_on, None,
        )  # fmt: skip


def test_same_seed_same_rows():
    first = synthetic.build("tiny", seed=3, samples=False)
    names = list(Member.objects.order_by("pk").values_list("full_name", "birth_date", "status", "org_id"))
    for model in (MemberPeriod, MemberEvent, Member, OrgPeriod):
        model.objects.all().delete()
    Organization.objects.update(parent=None)
    Organization.objects.all().delete()
    second = synthetic.build("tiny", seed=3, samples=False)
    assert {k: v for k, v in first.items() if k != "seconds"} == {k: v for k, v in second.items() if k != "seconds"}
    assert list(Member.objects.order_by("pk").values_list("full_name", "birth_date", "status", "org_id")) == names


def test_refuses_a_database_that_has_a_registry(tiny):
    with pytest.raises(RuntimeError):
        synthetic.build("tiny")


def test_indicator_benchmark_runs_and_its_sql_agrees(tiny, capsys):
    from bench import indicators

    indicators.run("tiny", dt.date.today().year - 1, repeat=1)
    out = capsys.readouterr().out
    assert "the hand-written SQL gives the same 7 values" in out
    assert "indicators.all[tiny]" in out


def test_report_benchmark_runs(tiny, capsys):
    from bench import reports

    reports.AIMS = {"docx": 2.0}
    reports.run("tiny", dt.date.today().year - 1, repeat=1)
    assert "report.docx[tiny]" in capsys.readouterr().out


def test_import_benchmark_runs(tiny, capsys, tmp_path, monkeypatch, settings):
    from bench import imports

    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(imports, "VAR", tmp_path)
    imports.run(rows=30, commit_rows=30)
    out = capsys.readouterr().out
    assert '"rows": 30' in out and "import stored" not in out
    assert "with the checks free the import would reach at most" in out


def test_import_benchmark_times_the_writes_and_not_the_reads(db):
    from bench.imports import WriteTimer

    timer = WriteTimer()
    with connection.execute_wrapper(timer):
        list(Organization.objects.filter(pk=-1))
        assert timer.seconds == 0
        Organization.objects.filter(pk=-1).update(name="x")
    assert timer.seconds > 0


def test_web_benchmark_pages_resolve(tiny, client):
    from django.contrib.auth import get_user_model

    from bench import web

    root = web.ensure_user()
    client.force_login(get_user_model().objects.get(username=web.USER))
    for name, urls in web.pages(root, dt.date.today().year - 1).items():
        assert client.get(urls[0]).status_code == 200, name
    assert connection.vendor in ("sqlite", "postgresql")
