"""{% demo_scenarios as scenarios %}: the demo data sets present (demo.logins.scenarios), for the
login page to offer them — Hoàng Mai 2016 and the new phường Hoàng Mai 2025–2026. Empty outside a
demo database: only the demo's own system user ("he-thong") marks one."""

from django import template

from dangvu.demo.logins import SYSTEM_USERNAME, scenarios

register = template.Library()


@register.simple_tag
def demo_scenarios():
    from django.contrib.auth import get_user_model

    if not get_user_model().objects.filter(username=SYSTEM_USERNAME).exists():
        return []
    return scenarios()
