"""{% export_link %}: the "Tải Excel" link of a list page — the same address with the same
filters, plus ?xuat=xlsx (the view answers it with core.excel.exports.respond)."""

from django import template
from django.utils.html import format_html

from dangvu.core.excel.exports import PARAM

register = template.Library()


@register.simple_tag(takes_context=True)
def export_link(context, label="Tải Excel"):
    request = context["request"]
    query = request.GET.copy()
    for name in (PARAM, "page", "trang"):
        query.pop(name, None)
    query[PARAM] = "xlsx"
    return format_html('<a class="button secondary export" href="?{}" download>{}</a>', query.urlencode(), label)
