"""Every lookup field of every web form resolves only within the user's scope (issue 14).

The walk opens EVERY page of the URLconf as a user of ward A, in every role, with the page's
parameters filled with ward A's own records, and takes the forms the page was rendered with. Each
field that resolves a record — a model choice (a menu of units, members, cells), a unit typed by its
code (UnitCodeField), a member typed by card or citizen ID number (MemberRefField) — is fed every
identifier of ward B's records of that kind and must refuse each one, with a Vietnamese message
that names none of ward B's records and reads the same as for a value that exists nowhere. A plain
menu must list none of ward B's units or members.

A new form is covered as soon as a page renders it; a form class no page renders fails the test
until it is listed in NOT_RENDERED with the reason (and it must then resolve nothing by itself).
A field that must accept a unit outside the scope (a destination, never a member pulled in) is
listed in DESTINATIONS with the reason.
"""

import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test.utils import ContextList

from dangvu.accounts.models import Role
from dangvu.members.fields import MemberRefField
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.tasks.models import Subject

from .test_scope_sweep import _PARAM, CONTEXT, PARAM_MODELS, PK_MODELS, patterns

# Fields that accept units outside the scope, because they name where something goes.
DESTINATIONS = {
    ("IntroduceForm", "ward"): "QĐ 213: a member's own organization introduces its member to the ward or commune "
    "committee where they live, chosen among the residence committees of the tree (committees.residence."
    "residence_committees); it pulls nobody in and the ward only sees the members introduced to it",
}
# Form classes no page of ward A renders on a GET, with the reason. They must resolve nothing themselves.
NOT_RENDERED = {
    "MappingForm": "the import's column mapping: shown after an upload, its choices are the file's columns",
    "MeetingEditForm": "rendered like MeetingForm (its parent, walked) with a version field",
    "ReopenForm": "a reason for reopening a closed year or review cycle: text only",
    "OpenCycleForm": "a year only",
    "UploadForm": "the review upload: a file and a stage",
    "FilesForm": "meeting files only",
    "AdmitForm": "the admission forms: identity and decision fields (the cell comes from the URL, through the scope)",
    "CloseForm": "a date and a reason",
    "FirstRunForm": "the first run's page, shown only while the database holds no unit",
    "VoteForm": "numbers and, for a candidate, the deciding committee among the scope's (model choice when shown)",
    "ClassForm": "the member's own class in the self-assessment: a choice of the rulebook's classes, no record",
    "CallForm": "calling a cell's meeting: kind, date, place, agenda; the cell comes from the URL, through the scope",
}
# Pages the sweep's tables do not fill yet (its own test says so): the tasks of a member or a unit.
PK_EXTRA = {"tasks-member": "members.Member", "tasks-org": "organizations.Organization"}
CONTEXT_EXTRA = {
    ("*", "quarter"): [1], ("tasks-member", "year"): [2026], ("tasks-org", "year"): [2026],
    ("tasks-framework", "year"): [2026], ("tasks-framework", "subject"): list(Subject.values),
}  # fmt: skip
# Pages that answer a file, stream a document or end the session: nothing to walk.
SKIP_NAMES = {"logout", "tasks-file", "report-download", "quarter-report", "receipt-pdf", "member-sheet",
              "statistics-xlsx", "review-members-template", "set_language"}  # fmt: skip
NOWHERE = {"pk": "987654321", "code": "KHONGCO", "card": "98765432"}
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)


def _fill(route, name, ward) -> list[str]:
    """The route's URLs with each parameter filled with each of ward A's records of its kind."""
    urls = ["/" + route]
    for m in _PARAM.finditer(route):
        param = m.group("name")
        label = PARAM_MODELS.get(param)
        if param == "pk":
            label = next((v for start, v in (PK_MODELS | PK_EXTRA).items() if name.startswith(start)), None)
        if param == "code":
            values = ["A"]
        elif label:
            values = ward.records.get(label) or ward.shared.get(label) or []
        else:
            context = CONTEXT | CONTEXT_EXTRA
            values = context.get((name, param)) or context.get(("*", param)) or []
        urls = [url.replace(m.group(0), str(v), 1) for url in urls for v in values]
    return urls


def forms_of(response) -> list[forms.BaseForm]:
    """The forms a page was rendered with, wherever they sit in its context (a form, a formset,
    a dict or list of forms)."""
    if response.context is None:
        return []
    contexts = response.context if isinstance(response.context, ContextList) else [response.context]
    found = []
    for context in contexts:
        for value in context.flatten().values():
            items = (
                value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else [value]
            )
            for item in items:
                if isinstance(item, forms.BaseForm):
                    found.append(item)
                elif isinstance(item, forms.BaseFormSet):
                    found.extend(item.forms)
    return found


def ward_b_values(ward_b, tree) -> dict:
    """Ward B's identifiers by model label, as a clerk of ward A could type or post them."""
    members = Member.objects.filter(org__path__startswith=tree.b.path)
    values = {label: [str(pk) for pk in pks] for label, pks in ward_b.records.items()}
    values["members.Member"] = [str(m.pk) for m in members]
    values["cards"] = [v for m in members for v in (m.party_card_no, m.citizen_id) if v]
    orgs = Organization.objects.filter(path__startswith=tree.b.path)
    values["organizations.Organization"] = (
        [str(o.pk) for o in orgs] + [o.code for o in orgs] + [f"{o.code} — {o.name}" for o in orgs]
    )
    values["names"] = [o.name for o in orgs] + [m.full_name for m in members] + ward_b.secrets
    return values


def _message(field, value) -> str | None:
    try:
        field.clean(value)
    except ValidationError as e:
        return " ".join(e.messages)
    return None


def check_field(form, name, field, b) -> list[str]:
    where = f"{type(form).__name__}.{name}"
    if (type(form).__name__, name) in DESTINATIONS:
        return []
    if hasattr(field, "members"):  # MemberRefField: a number typed
        values, nowhere = b["cards"], NOWHERE["card"]
    elif getattr(field, "queryset", None) is not None:
        label = field.queryset.model._meta.label
        values, nowhere = b.get(label, []), NOWHERE["code"] if isinstance(field, forms.CharField) else NOWHERE["pk"]
    elif isinstance(field, forms.ChoiceField):
        labels = " ".join(str(label) for _, label in field.choices)
        return [f"{where} lists {n!r}" for n in b["names"] if n in labels]
    else:
        return []
    problems = []
    expected = _typed_out(_message(field, nowhere) or "", nowhere)
    for value in values:
        message = _message(field, value)
        if message is None:
            problems.append(f"{where} accepts ward B's {value!r}")
            continue
        # The typed value comes back to the one who typed it; nothing else of ward B may.
        shown = _typed_out(message, value)
        if shown != expected:
            problems.append(f"{where}: {value!r} is refused with {message!r}, not as a value that exists nowhere")
        if not VIETNAMESE.search(message):
            problems.append(f"{where}: the message is not in Vietnamese: {message!r}")
        problems += [f"{where}: the message names {n!r}" for n in b["names"] if n in shown]
    return problems


def _typed_out(message: str, value: str) -> str:
    """The message with the value typed (or its unit code, from a "CODE — name" pick) blanked."""
    return message.replace(value, "…").replace(value.split(" — ")[0], "…")


def dangvu_form_classes() -> set[type]:
    seen, stack = set(), [forms.BaseForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    return {c for c in seen if c.__module__.startswith("dangvu.")}


def resolving_base_fields(cls) -> list[str]:
    return [
        n
        for n, f in cls.base_fields.items()
        if hasattr(f, "members") or isinstance(f, forms.ModelChoiceField) or hasattr(f, "queryset")
    ]


def test_every_lookup_field_of_every_form_refuses_another_wards_records(
    ward_a,
    ward_b,
    tree,
    make_user,
    client,
    settings,  # noqa: F811
):
    b = ward_b_values(ward_b, tree)
    assert b["cards"] and len(b["organizations.Organization"]) >= 6
    seen_classes, checked, resolving, problems = set(), set(), set(), []
    for role in Role.values:
        client.force_login(make_user(role, tree.a, f"{role}-walk-a"))
        for route, name in patterns():
            if route.startswith(("api/", "quan-tri/", "i18n/")) or name in SKIP_NAMES:
                continue
            for url, form in ((u, f) for u in _fill(route, name, ward_a) for f in forms_of(client.get(u))):
                seen_classes.add(type(form))
                for field_name, field in form.fields.items():
                    key = (type(form).__name__, field_name, role)
                    if hasattr(field, "members") or getattr(field, "queryset", None) is not None:
                        resolving.add(key[:2])
                    if key in checked:
                        continue
                    checked.add(key)
                    problems += [f"{url} ({role}): {p}" for p in check_field(form, field_name, field, b)]
    assert not problems, "\n".join(sorted(set(problems)))
    # The walk really met lookup fields (several per area), not only plain ones.
    lookups = {(form, field) for form, field, _ in checked if (form, field) in resolving}
    assert len(lookups) >= 20, sorted(lookups)
    unseen = {c.__name__ for c in dangvu_form_classes() - seen_classes}
    assert unseen <= set(NOT_RENDERED), f"forms no page rendered (walk them or list them): {unseen - set(NOT_RENDERED)}"
    for cls in dangvu_form_classes():
        if cls.__name__ in NOT_RENDERED and cls not in seen_classes:
            assert not resolving_base_fields(cls), f"{cls.__name__} resolves records but is not walked"
    assert len(seen_classes) >= 25


def test_the_walk_meets_each_kind_of_lookup_field(ward_a, ward_b, tree, make_user, client):
    """The fields the issue named are among those walked, so the walk cannot pass by seeing none."""
    client.force_login(make_user(Role.ADMIN, tree.a, "admin-walk-a"))
    pages = ["/cap-uy/lien-he-noi-cu-tru/", "/can-bo/them/", "/kiem-tra/them/", f"/to-chuc/{tree.a1.pk}/chuyen/"]
    fields = {(type(form).__name__, n): type(f).__name__ for p in pages for form in forms_of(client.get(p))
              for n, f in form.fields.items()}  # fmt: skip
    assert fields[("IntroduceForm", "member")] == "MemberRefField"
    assert fields[("CadreActionForm", "member")] == "MemberRefField"
    assert fields[("InspectionForm", "subject_member")] == "ModelChoiceField"
    assert fields[("MoveForm", "new_parent")] == "UnitCodeField"


def test_a_member_number_field_left_without_its_scope_finds_nobody(tree, register):
    """A form that forgets to give MemberRefField the user's members refuses every number instead
    of looking in the whole registry (or failing with a server error)."""
    register(tree.b1, full_name="Trần Văn Xa", party_card_no="97000001")
    with pytest.raises(ValidationError, match="Không tìm thấy đảng viên có số thẻ hoặc số CCCD 97000001"):
        MemberRefField(None, label="Đảng viên").clean("97000001")
