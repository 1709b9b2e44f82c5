from django import template

from dangvu.indicators.display import vn_number, vn_percent

register = template.Library()

register.filter("vn_number", vn_number)
register.filter("vn_percent", vn_percent)
