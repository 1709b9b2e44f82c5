"""The member lists (django-tables2, rendered by web/table.html), sorted the Vietnamese way."""

import django_tables2 as tables
from django.utils.html import format_html

from .models import Member, Status

_HIDE_ON_PHONE = {"td": {"class": "hide-phone"}, "th": {"class": "hide-phone"}}
_STATUS_TAG = {Status.PROBATIONARY: "prob", Status.FULL: "full"}


class MemberTable(tables.Table):
    full_name = tables.Column("Họ và tên", linkify=("member-detail", [tables.A("pk")]))
    birth_date = tables.DateColumn(verbose_name="Ngày sinh", format="d/m/Y", attrs=_HIDE_ON_PHONE)
    status = tables.Column("Tình trạng")
    org = tables.Column("Chi bộ", accessor="org__name", linkify=("org-detail", [tables.A("org_id")]), default="—")
    admitted_on = tables.DateColumn(verbose_name="Ngày vào Đảng", format="d/m/Y", attrs=_HIDE_ON_PHONE)
    party_card_no = tables.Column("Số thẻ", default="—", attrs=_HIDE_ON_PHONE)

    class Meta:
        model = Member
        fields = ("full_name", "birth_date", "status", "org", "admitted_on", "party_card_no")
        orderable = False  # Vietnamese order (by given name) is the order a clerk expects.
        empty_text = "Không có đảng viên nào."

    def render_status(self, record):
        css = _STATUS_TAG.get(record.status, "off")
        return format_html('<span class="tag {}">{}</span>', css, record.get_status_display())
