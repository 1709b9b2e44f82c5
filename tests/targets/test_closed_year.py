"""Targets of a closed year (core.closing): the issued report wrote "đạt X% kế hoạch" against them,
so they are not set, changed or deleted until the organization board reopens the year."""

from django.urls import reverse

from dangvu.reports.services import year_close, year_reopen
from dangvu.targets.models import Target
from dangvu.targets.services import target_delete, target_set

from ..conftest import Role, closed_year_refused


def set_(actor, org, year=2016, value=180, **kw):
    return target_set(actor=actor, org=org, indicator_key="members.admitted", year=year, value=value, **kw)


def _refused(call):
    return closed_year_refused(call, "year")


def test_a_closed_years_targets_are_refused_until_the_year_is_reopened(tree, actor):
    kept = set_(actor, tree.hm, value=180)
    year_close(actor=actor, org=tree.hm, year=2016)

    _refused(lambda: set_(actor, tree.hm, value=999))  # replaced
    _refused(lambda: set_(actor, tree.a, value=20, assigned_by=tree.hm))  # a new one below
    _refused(lambda: target_delete(actor=actor, target=kept))
    assert list(Target.objects.values_list("org", "value")) == [(tree.hm.pk, 180)]
    # the next year is open, and so is the province's own 2016 (above the closed district)
    set_(actor, tree.hm, year=2017, value=200)
    set_(actor, tree.hn, value=5000)

    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Điều chỉnh chỉ tiêu theo nghị quyết bổ sung")
    assert set_(actor, tree.hm, value=190).value == 190
    target_delete(actor=actor, target=kept)


def test_the_page_says_why_a_closed_years_target_is_not_saved_or_deleted(client, tree, actor, make_user):
    kept = set_(actor, tree.hm, value=180)
    year_close(actor=actor, org=tree.hm, year=2016)
    client.force_login(make_user(Role.ORG_BOARD, tree.hm))
    url = reverse("targets", args=[tree.hm.pk, 2016])

    data = {"indicator_key": "members.admitted", "value": "999", "assigned_by": str(tree.hm.pk)}
    page = client.post(url, data).content.decode()
    assert "Số liệu năm 2016" in page and "đã chốt" in page
    page = client.post(reverse("target-delete", args=[kept.pk]), follow=True).content.decode()
    assert "Số liệu năm 2016" in page and "Đã xóa chỉ tiêu" not in page
    assert Target.objects.get().value == 180
