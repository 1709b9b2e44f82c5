"""Forms of the cell meeting pages: plain fields; the services check the rules. The attendance
rows (one per member of the cell) are read by the view, not declared here, since the roster
depends on the meeting's date. The meeting form's clean() runs the service's checks of the
meeting and of every attendance row (services.meeting_checks, attendance_checks) so all the
errors show on the first submit; the service checks everything again on save."""

import os

from django import forms

from dangvu.web.forms import UnitChoiceField, VnDateField, check_all

from . import services
from .models import MeetingKind, Presence

ALLOWED_FILES = (".pdf", ".doc", ".docx", ".odt", ".jpg", ".jpeg", ".png")
MAX_FILE_MB = 20


class DocumentField(forms.FileField):
    """Minutes or a resolution: a scan or a document, not anything else."""

    def clean(self, data, initial=None):
        f = super().clean(data, initial)
        if f and hasattr(f, "size"):
            if os.path.splitext(f.name)[1].lower() not in ALLOWED_FILES:
                raise forms.ValidationError("Chỉ nhận tệp PDF, Word (.doc, .docx, .odt) hoặc ảnh chụp (.jpg, .png).")
            if f.size > MAX_FILE_MB * 1024 * 1024:
                raise forms.ValidationError(f"Tệp lớn hơn {MAX_FILE_MB} MB; hãy quét với độ phân giải thấp hơn.")
        return f


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="Loại buổi sinh hoạt", choices=MeetingKind.choices)
    date = VnDateField(label="Ngày họp")
    place = forms.CharField(label="Địa điểm", required=False)
    chair = forms.ModelChoiceField(label="Chủ trì", queryset=None, required=False)
    secretary = forms.ModelChoiceField(label="Thư ký", queryset=None, required=False)
    agenda = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    minutes = DocumentField(label="Biên bản (tệp)", required=False)
    resolution = DocumentField(label="Nghị quyết (tệp)", required=False)

    def __init__(self, *args, roster, org=None, day=None, rows=(), **kwargs):
        """`roster`: the members of `org` on `day`, the day the page lists; `rows`: the attendance
        as posted ([(member, presence, reason)]), checked when the meeting's date is that day (on
        another day the view lists that day's roster and asks again)."""
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = roster
        self.fields["secretary"].queryset = roster
        self.org, self.day, self.rows = org, day, rows

    def clean(self):
        data = super().clean()
        if self.org is not None:
            people = (data.get("chair"), data.get("secretary"))
            check_all(self, *services.meeting_checks(self.org, data.get("kind"), data.get("date"), *people))
            if data.get("date") == self.day:
                listed = {member.pk for member, _, _ in self.rows}
                check_all(self, *services.attendance_checks(self.org, self.day, listed, self.rows))
        return data


class MeetingEditForm(MeetingForm):
    # The meeting's version when the page was loaded (services.version_of).
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, votes=(), vote_problems=(), **kwargs):
        """`votes`: the vote lines as typed ({question, votes_for, votes_against, abstain}, a line
        without a question dropped); `vote_problems`: the numbers that are not whole numbers."""
        super().__init__(*args, **kwargs)
        self.votes, self.vote_problems = votes, vote_problems

    def clean(self):
        data = super().clean()
        for problem in self.vote_problems:
            self.add_error(None, problem)
        if self.org is not None and not self.vote_problems:
            present = sum(1 for _, presence, _ in self.rows if presence == Presence.PRESENT)
            check_all(self, *services.vote_checks(present, self.votes))
        return data


class FilesForm(forms.Form):
    minutes = DocumentField(label="Biên bản (tệp)", required=False)
    resolution = DocumentField(label="Nghị quyết (tệp)", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("minutes") and not data.get("resolution"):
            raise forms.ValidationError("Hãy chọn tệp biên bản hoặc nghị quyết.")
        return data


class VoteForm(forms.Form):
    question = forms.CharField(label="Nội dung biểu quyết")
    votes_for = forms.IntegerField(label="Tán thành", min_value=0)
    votes_against = forms.IntegerField(label="Không tán thành", min_value=0, initial=0)
    abstain = forms.IntegerField(label="Không biểu quyết", min_value=0, initial=0)


class FilterForm(forms.Form):
    don_vi = UnitChoiceField(label="Chi bộ, đơn vị", queryset=None, required=False, empty_label="Tất cả")
    nam = forms.IntegerField(label="Năm", required=False, min_value=1930, max_value=2100)
    thang = forms.TypedChoiceField(
        label="Tháng", required=False, coerce=int, empty_value=None,
        choices=[("", "Cả năm")] + [(m, f"Tháng {m}") for m in range(1, 13)],
    )  # fmt: skip
    loai = forms.ChoiceField(label="Loại", required=False, choices=[("", "Tất cả")] + MeetingKind.choices)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = orgs
