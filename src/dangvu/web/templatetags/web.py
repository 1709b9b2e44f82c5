"""Template helpers shared by every page."""

from django import template
from django.conf import settings
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from dangvu.members.transfers import unit_with_superior

register = template.Library()


@register.inclusion_tag("web/_field.html")
def field(bound_field, wide=False):
    """Label, the input, the hint and the errors of one field, tied together for screen readers."""
    return {"f": bound_field, "wide": wide}


@register.simple_tag
def unit_datalist(bound_field):
    """The searchable list behind a UnitCodeField: "CODE — name — superior" for every unit it
    accepts; many cells share a name (Chi bộ khu dân cư số 7), their ward tells them apart."""
    f = bound_field.field
    # in the tree's order, each with its superior's name read in the same query (in_tree_order)
    labels = ((o.code, f"{o.name} — {o.superior_name}" if o.superior_name else o.name) for o in f.choices())
    options = format_html_join("", '<option value="{} — {}"></option>', labels)
    return format_html('<datalist id="{}">{}</datalist>', f.datalist_id, options)


@register.filter
def mask_id(value: str | None) -> str:
    """A citizen ID as someone without the right to see it gets it: only the last three digits."""
    if not value:
        return ""
    return "•" * (len(value) - 3) + value[-3:]


@register.simple_tag
def offer_english() -> bool:
    """Whether the header offers the English switch (settings.OFFER_ENGLISH)."""
    return settings.OFFER_ENGLISH


@register.filter
def with_superior(org) -> str:
    """A unit named with its superior, where cells of the same name in two wards meet (transfers)."""
    return unit_with_superior(org)


@register.filter
def indent(depth) -> str:
    return f"{1.5 * int(depth or 0):.1f}rem"


@register.filter
def role_label(role) -> str:
    from dangvu.accounts.models import Role

    return Role(role).label if role in Role.values else ""


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The groups of the main navigation for the user's unit, the current page marked."""
    from dangvu.web import nav

    request = context.get("request")
    scope = context.get("scope")
    return nav.build(getattr(scope, "root", None), request.path if request else "")


@register.simple_tag(takes_context=True)
def main_nav_list(context) -> str:
    """The main navigation's list in base.html: the daily links inline, the other groups as menus.
    Written here, not as a template loop: its two dozen links through the template cost ~0,6 ms
    of every page."""
    out = ['\n      <ul class="groups">\n      ']
    for group in main_nav(context):
        if group.inline:
            out.extend(f'\n        <li class="single">{_nav_link(link)}</li>\n      ' for link in group.links)
            continue
        label = escape(group.label)
        out.append(
            f'\n        <li class="group{" current" if group.current else ""}">'
            f'\n          <span class="group-label" tabindex="0">{label} <span aria-hidden="true">▾</span></span>'
            f'\n          <ul class="menu" aria-label="{label}">'
        )
        out.extend(f"\n            <li>{_nav_link(link)}</li>" for link in group.links)
        out.append("\n          </ul>\n        </li>\n      ")
    out.append("\n      </ul>\n      ")
    return mark_safe("".join(out))


def _nav_link(link) -> str:
    current = ' aria-current="page"' if link.current else ""
    return f'<a href="{escape(link.url)}"{current}>{escape(link.label)}</a>'


@register.simple_tag(takes_context=True)
def page_query(context, param: str, number) -> str:
    """The query string of this page with `param` set to the page `number` (web/_pages.html): a
    page link keeps the list's filters. Like Django's {% querystring %}, for a parameter named
    by a variable."""
    query = context["request"].GET.copy()
    query[param] = str(number)
    return "?" + query.urlencode()


@register.simple_tag
def url_if(name, *args):
    """`{% url %}` that gives "" instead of failing when the page does not exist (yet)."""
    from dangvu.web.nav import url_or_empty

    return url_or_empty(name, args)
