"""The tasks app in Django's admin: its records open for the administrator of the whole tree, the
derived figures of an evaluation cannot be typed there, and a ward's staff are kept out."""

import datetime as dt

from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.reviews.services import review_cycle_open
from dangvu.tasks.models import Evaluation, Framework
from dangvu.tasks.services import evaluation_record, framework_set, task_assign, task_result_record

D = dt.date


def _records(tree, actor, register):
    member = register(tree.a1, full_name="Lê Thị Hoa")
    cycle = review_cycle_open(actor=actor, committee=tree.hm, year=2026)
    task = task_assign(actor=actor, org=tree.a1, member=member, year=2026, quarter=1, title="Vận động hộ",
                       measure="hộ", target=10, deadline=D(2026, 3, 20))  # fmt: skip
    task_result_record(actor=actor, task=task, done_on=D(2026, 3, 10), quantity=12, product="Danh sách hộ")
    framework_set(
        actor=actor, committee=tree.hm, year=2026, subject="member",
        criteria=[{"group": "politics", "code": "pol", "label": "Chính trị, tư tưởng", "max_points": 30},
                  {"group": "results", "code": "res", "label": "Nhiệm vụ", "max_points": 70}],
    )  # fmt: skip
    evaluation_record(actor=actor, cycle=cycle, org=tree.a, member=member, quarter=1, stage="self",
                      scores={"pol": 28}, cls="excellent")  # fmt: skip
    return task, Framework.objects.get(), Evaluation.objects.get()


def test_the_administrator_opens_tasks_frameworks_and_evaluations(client, tree, actor, register):
    task, framework, evaluation = _records(tree, actor, register)
    client.force_login(actor)
    for name, obj, shown in (("task", task, "Vận động hộ"), ("framework", framework, "Chính trị, tư tưởng"),
                             ("evaluation", evaluation, "Lê Thị Hoa")):  # fmt: skip
        assert client.get(reverse(f"admin:tasks_{name}_changelist")).status_code == 200
        page = client.get(reverse(f"admin:tasks_{name}_change", args=[obj.pk]))
        assert page.status_code == 200 and shown in page.content.decode()
    # The result (product) is edited with its task; the points and the proposal are not fields to type.
    page = client.get(reverse("admin:tasks_task_change", args=[task.pk])).content.decode()
    assert "Danh sách hộ" in page
    form = client.get(reverse("admin:tasks_evaluation_change", args=[evaluation.pk])).context["adminform"].form
    assert not {"points", "proposed_class", "reasons", "basis"} & set(form.fields)


def test_a_ward_administrator_does_not_reach_the_tasks_admin(client, tree, actor, register, make_user):
    task, _, _ = _records(tree, actor, register)
    client.force_login(make_user(Role.ADMIN, tree.a))
    for url in (reverse("admin:tasks_task_changelist"), reverse("admin:tasks_task_change", args=[task.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403) and "Vận động hộ" not in response.content.decode()
