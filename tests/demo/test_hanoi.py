"""The second demo, Hà Nội 2025–2026, built on the session's Hoàng Mai 2016 demo at the tests' scale.

It is built once for the module inside a transaction that is rolled back when the module ends, so
the 2016 demo the other tests use is left as it was; each test runs in a savepoint of its own."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from docx import Document

from dangvu.demo.hanoi import build_hanoi_2025
from dangvu.demo.hanoi import plan as p
from dangvu.demo.hanoi import quarters as q
from dangvu.demo.hanoi.quarters import quarters_over
from dangvu.demo.logins import read_logins, system_user
from dangvu.dues.models import Payment
from dangvu.members.models import EventKind, Member, MemberEvent
from dangvu.organizations.models import Level, Lineage, Organization
from dangvu.organizations.selectors import subtree_ids_on
from dangvu.reports.context import report_context
from dangvu.reports.quarterly import quarter_figures, quarter_report_context
from dangvu.reports.render import render
from dangvu.reviews.models import ReviewCycle
from dangvu.tasks.models import Evaluation, Task
from dangvu.tasks.rules import TaskLine, status
from dangvu.tasks.services import period_bounds

from ..demo_fixtures import DEMO_SCALE, FAST_HASHERS
from ..reports.test_demo_report import SEED_FIGURES, SEED_PHRASES

pytestmark = [pytest.mark.demo, pytest.mark.django_db]
D = dt.date


@pytest.fixture(scope="module")
def hanoi(demo_data, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    logins = tmp_path_factory.mktemp("hanoi") / "demo-logins.txt"
    lines: list[str] = []
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                build_hanoi_2025(actor=system_user(), scale=DEMO_SCALE, log=lines.append, logins_file=logins)
            yield {"log": lines, "logins": logins}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def indicators(org: str, year: int, *flags) -> dict:
    data = json.loads(run("indicators", "--org", org, "--year", str(year), "--json", *flags))
    return data.get("indicators", data)


def value(figures: dict, key: str):
    return figures[key]["value"]


def snapshot():
    return (Organization.objects.count(), Member.objects.count(), MemberEvent.objects.count(),
            Payment.objects.count(), Lineage.objects.count())  # fmt: skip


def test_the_scenario_builds_the_seven_wards_and_a_second_run_changes_nothing(hanoi):
    city = Organization.objects.get(code="HN")
    wards = Organization.objects.filter(code__in=p.NEW_WARDS)
    assert {w.code for w in wards} == set(p.NEW_WARDS)
    assert all(w.parent_id == city.pk and w.level == Level.COMMUNE and w.founded_on == p.ON for w in wards)
    district = Organization.objects.get(code="HM")
    assert district.dissolved_on == p.ON
    assert not Organization.objects.filter(path__startswith=district.path, dissolved_on__isnull=True).exists()
    # The old wards were divided: Thịnh Liệt's cells went to two new wards, one cell member by member.
    tl = Organization.objects.get(code="HM-TL")
    assert set(Lineage.objects.filter(predecessor=tl).values_list("successor__code", flat=True)) == {"PHM", "PDC"}
    assert any(x.member_ids for x in Lineage.objects.filter(predecessor__code=p.DIVIDED_CELL))
    before = snapshot()
    assert "Dữ liệu mẫu Hà Nội 2025–2026 đã có; không thay đổi gì." in run("demo", scenario="hanoi-2025", scale=0.03)
    assert snapshot() == before
    assert "phuonghoangmai" in {x.username for x in read_logins(hanoi["logins"])}


def test_phm_2025_counts_the_admissions_of_the_cells_it_received_unless_as_stood(hanoi):
    ward = Organization.objects.get(code="PHM")
    year = (D(2025, 1, 1), D(2025, 12, 31))
    admitted = MemberEvent.objects.filter(kind=EventKind.ADMITTED, date__range=year)
    # From the records: admissions under PHM after its founding, and those made before 1/7 in the
    # cells PHM received (they stand under PHM at the end of the year) or by members it received.
    own = admitted.filter(date__gte=p.ON, org_id__in=subtree_ids_on(ward, year[1])).count()
    received_members = {m for x in Lineage.objects.filter(successor=ward) for m in x.member_ids}
    earlier = admitted.filter(date__lt=p.ON)
    inherited = (
        earlier.filter(org_id__in=subtree_ids_on(ward, year[1])).count()
        + earlier.filter(member_id__in=received_members).count()
    )
    assert inherited >= 8 and own >= 6  # ward_year.BEFORE and AFTER, plus the city's random flows
    assert value(indicators("PHM", 2025), "members.admitted") == own + inherited
    assert value(indicators("PHM", 2025, "--as-stood"), "members.admitted") == own


def test_hoang_mai_2016_keeps_every_seed_figure(hanoi):
    figures = indicators("HM", 2016)
    keys = ("orgs.grassroots", "members.admitted", "orgs.founded.non_state_enterprise", "review.orgs.top",
            "review.orgs.top_exemplary", "cadres.actions", "training.classes", "discipline.members")  # fmt: skip
    assert [value(figures, k) for k in keys] == [54, 209, 6, 27, 6, 126, 64, 4]
    text = _docx_text(render(report_context(Organization.objects.get(code="HM"), 2016), "docx").content)
    for phrase in [*SEED_FIGURES, *SEED_PHRASES, "QUẬN ỦY HOÀNG MAI", "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "Số 45-BC/QU"]:
        assert phrase in text


def test_the_phm_2025_docx_names_its_predecessors_and_uses_the_2025_titles(hanoi):
    text = _docx_text(render(report_context(Organization.objects.get(code="PHM"), 2025), "docx").content)
    for phrase in ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY PHƯỜNG HOÀNG MAI", "Số 12-BC/ĐU", "T/M BAN THƯỜNG VỤ",
                   "Hoàng Mai, ngày 14 tháng 01 năm 2026", "phần lớn Đảng bộ phường Thịnh Liệt, Đảng bộ phường Yên Sở",
                   "ngày 1/7/2025"):  # fmt: skip
        assert phrase in text, phrase
    assert "QUẬN ỦY" not in text
    # The review in QĐ 366's wording, its figures those the indicators count.
    figures = indicators("PHM", 2025)
    good, rated = value(figures, "review.orgs.good_or_better"), value(figures, "review.orgs.rated")
    assert "Qua đánh giá, xếp loại chất lượng năm 2025 theo Quy định 366-QĐ/TW (chấm điểm theo thang 100 điểm)" in text
    assert f"{good}/{rated} tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên" in text


def test_phm_2025_review_under_the_2025_rulebook_and_2026_dues_under_both_regulations(hanoi):
    cycle = ReviewCycle.objects.get(committee__code="PHM", year=2025)
    assert cycle.rulebook.startswith("qd366") and cycle.org_results.exists()
    # A member who paid a fixed amount in January 2026 (QĐ 342) pays 0,3% of the regional minimum
    # wage or the student amount from February (Quy định 01-QĐ/TW).
    jan = Payment.objects.filter(month=D(2026, 1, 1), member__dues_bases__kind="fixed").first()
    assert jan is not None
    feb = Payment.objects.get(member=jan.member, month=D(2026, 2, 1))
    assert jan.amount_due == 10_000 and feb.amount_due in (5_000, 15_930)


def test_phm_2026_quarters_figures_are_those_of_the_records(hanoi):
    ward = Organization.objects.get(code="PHM")
    assert "Đánh giá theo quý năm 2026" in "\n".join(hanoi["log"])
    today = dt.date.today()
    statuses_seen = set()
    for quarter in quarters_over(min(D(2026, 11, 30), today)):
        start, end = period_bounds(2026, quarter)
        units = subtree_ids_on(ward, end)
        figures = indicators("PHM", 2026, "--quarter", str(quarter))
        decided = Evaluation.objects.filter(cycle__year=2026, quarter=quarter, org_id__in=units).exclude(
            decided_class=""
        )
        orgs, members = decided.filter(member__isnull=True), decided.filter(member__isnull=False)
        assert orgs.count() == q.UNITS and members.exists()
        for key, rows in (("orgs", orgs), ("members", members)):
            good = sum(e.decided_class in ("excellent", "good") for e in rows)
            assert value(figures, f"evaluation.{key}.evaluated") == len(rows)
            assert value(figures, f"evaluation.{key}.good_or_better") == good
            assert value(figures, f"evaluation.{key}.good_or_better_rate") == round(good * 100 / len(rows), 2)
        # Each decision is the class the rules proposed from the points and tasks (an excellent
        # member beyond the quota concluded good), and the stages before it were recorded.
        assert all(e.self_scores and e.opinion_class == e.proposed_class for e in decided)
        assert all(
            e.decided_class == e.proposed_class or (e.proposed_class, e.decided_class) == ("excellent", "good")
            for e in decided
        )
        tasks = Task.objects.filter(org_id__in=units, deadline__range=(start, end)).select_related("result")
        lines = [TaskLine(t.target, t.deadline, t.weight, t.result.done_on, t.result.quantity) for t in tasks]
        statuses = [status(x, today) for x in lines]
        statuses_seen |= set(statuses)
        assert value(figures, "tasks.due") == len(lines)
        assert value(figures, "tasks.on_time") == sum(s in ("on_time", "beyond") for s in statuses)
    assert {"late", "beyond", "on_time"} <= statuses_seen


def test_phm_2026_quarters_give_a_dashboard_and_a_quarterly_report(hanoi, client):
    ward = Organization.objects.get(code="PHM")
    figures = quarter_figures(ward, 2026, 2)
    counted = indicators("PHM", 2026, "--quarter", "2")
    assert (figures.members.part, figures.members.whole, figures.tasks.part, figures.tasks.whole) == (
        value(counted, "evaluation.members.good_or_better"), value(counted, "evaluation.members.evaluated"),
        value(counted, "tasks.on_time"), value(counted, "tasks.due"),
    )  # fmt: skip
    text = " ".join(quarter_report_context(ward, 2026, 2)["paragraphs"])
    assert f"{figures.members.part}/{figures.members.whole} đảng viên hoàn thành tốt nhiệm vụ trở lên" in text
    assert "ĐẢNG ỦY PHƯỜNG HOÀNG MAI" == quarter_report_context(ward, 2026, 2)["heading"].body
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="phuonghoangmai"))
    page = client.get(f"/tong-quan/{ward.pk}/2026/?quy=2").content.decode()
    assert 'data-quarter="2"' in page and f">{figures.tasks.part}/{figures.tasks.whole}<" in page
    assert client.get(f"/bao-cao/{ward.pk}/2026/quy-2/docx/").status_code == 200
    print(next(line for line in hanoi["log"] if "Đánh giá theo quý năm 2026" in line))  # the step's time


def test_summary_lists_the_new_wards_with_their_codes(hanoi):
    out = run("summary", org="HN", year=2025)
    for code, name in p.NEW_WARDS.items():
        assert any(code in line and f"phường {name}" in line for line in out.splitlines()), code


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [x.text for x in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_login_page_offers_both_demos(hanoi, client):
    page = client.get("/dang-nhap/").content.decode()
    assert "Quận Hoàng Mai năm 2016" in page and "bantochuc" in page
    assert "Phường Hoàng Mai 2025–2026" in page and "phuonghoangmai" in page
    assert 'href="?next=/tong-quan/%3Fnam%3D2025"' in page  # after logging in, the ward's 2025 dashboard


def test_a_database_without_the_demo_offers_none(client):
    assert "Dữ liệu mẫu" not in client.get("/dang-nhap/").content.decode()


def test_the_review_steps_say_the_classes_in_vietnamese():
    """The demo's step lines ("Đánh giá theo quý năm 2026 …") are read by users: classes by label, best first."""
    said = q.classes_said({"good": 30, "excellent": 6, "not_completed": 0}, 2026)
    assert said == "Hoàn thành xuất sắc nhiệm vụ: 6, Hoàn thành tốt nhiệm vụ: 30"
