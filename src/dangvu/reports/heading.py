"""The issuing body's heading of a Party document (Hướng dẫn 36-HD/VPTW), derived from the tree:
a district's report is issued by "QUẬN ỦY HOÀNG MAI" under "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", a ward
committee's by "ĐẢNG ỦY PHƯỜNG ĐỊNH CÔNG" under "ĐẢNG BỘ QUẬN HOÀNG MAI". Staff may edit the
derived lines on the report; these are only the defaults.

By date: a report speaks as the tree stood on its day (`derive(org, on)`): a grassroots
organization moved from the district under a new ward on 1/7/2025 heads its 2016 report "ĐẢNG BỘ
QUẬN HOÀNG MAI" and its 2025 report "ĐẢNG BỘ PHƯỜNG HOÀNG MAI". The signature (`signer_role`)
follows the level: a committee above the grassroots — a district until 30/6/2025, a commune or ward
committee from 1/7/2025 (organizations.eras.UPPER_LEVELS), which has a standing committee — signs
"T/M BAN THƯỜNG VỤ"; a grassroots committee "T/M ĐẢNG ỦY"."""

import datetime as dt
from dataclasses import dataclass

from dangvu.organizations.eras import UPPER_LEVELS
from dangvu.organizations.models import Level, Organization, OrgPeriod
from dangvu.organizations.selectors import covering

# Locality words, longest first so "thành phố" wins over a bare word.
_LOCALITIES = ("thành phố", "thị trấn", "thị xã", "tỉnh", "quận", "huyện", "phường", "xã")
# The committee of a district-level locality: quận → Quận ủy, huyện → Huyện ủy …
_DISTRICT_COMMITTEE = {"quận": "Quận ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}
_PROVINCE_COMMITTEE = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy"}
# The symbol's issuer part: QU (Quận ủy), HU, TU, ĐU (Đảng ủy), CB (Chi bộ).
_SYMBOL = {"Quận ủy": "QU", "Huyện ủy": "HU", "Thị ủy": "TU", "Thành ủy": "TU", "Tỉnh ủy": "TU", "Đảng ủy": "ĐU"}


@dataclass(frozen=True)
class Named:
    """A unit's name split as documents use it: "Đảng bộ quận Hoàng Mai" -> ("Đảng bộ", "quận", "Hoàng Mai")."""

    prefix: str  # "Đảng bộ", "Chi bộ" or ""
    locality: str  # "quận", "phường" … or "" for an agency, school …
    rest: str  # "Hoàng Mai", or the whole name after the prefix

    @classmethod
    def of(cls, name: str) -> "Named":
        text = " ".join(name.split())
        prefix = next((p for p in ("Đảng bộ", "Chi bộ") if text.lower().startswith(p.lower() + " ")), "")
        text = text[len(prefix) :].strip()
        locality = next((w for w in _LOCALITIES if text.lower().startswith(w + " ")), "")
        rest = text[len(locality) :].strip() if locality else text
        return cls(prefix, locality, rest)

    @property
    def place(self) -> str:
        """Where a document is signed: the locality's name ("Hoàng Mai"), else the unit's name."""
        return self.rest


def _upper(text: str) -> str:
    return text.upper()


def committee_name(org: Organization) -> str:
    """The name of the body that issues the unit's documents, in normal case: "Quận ủy Hoàng Mai",
    "Đảng ủy phường Định Công", "Chi bộ Trường THCS Tân Mai"."""
    named = Named.of(org.name)
    if org.level == Level.DISTRICT:
        return f"{_DISTRICT_COMMITTEE.get(named.locality, 'Quận ủy')} {named.rest}"
    if org.level == Level.PROVINCE:
        return f"{_PROVINCE_COMMITTEE.get(named.locality, 'Tỉnh ủy')} {named.rest}"
    # A ward committee from 1/7/2025 and a bloc committee issue as "Đảng ủy …" like a grassroots one.
    if org.level in (Level.GRASSROOTS_COMMITTEE, Level.COMMUNE, Level.BLOC):
        where = f"{named.locality} {named.rest}".strip()
        return f"Đảng ủy {where}"
    # A chi bộ issues in its own name.
    return org.name


def organization_line(org: Organization) -> str:
    """The party organization as the heading's upper line names it: "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"."""
    named = Named.of(org.name)
    return _upper(org.name if named.prefix else f"Đảng bộ {org.name}")


@dataclass(frozen=True)
class Heading:
    superior: str  # upper line: the superior party organization ("" for a top-level unit)
    body: str  # the issuing body ("QUẬN ỦY HOÀNG MAI")
    symbol: str  # "BC/QU"
    place: str  # "Hoàng Mai"
    body_name: str  # "Quận ủy Hoàng Mai", for running text


def superior_on(org: Organization, on: dt.date | None) -> Organization | None:
    """The unit's superior as the tree stood on `on` (today's when `on` is None or the unit did not
    exist then)."""
    if on is not None:
        period = OrgPeriod.objects.filter(covering(on), org=org).select_related("parent").first()
        if period is not None:
            return period.parent
    return org.parent


def signer_role(org: Organization) -> str:
    """The default "thẩm quyền ký" of the unit's year report (see the module's note)."""
    return "T/M BAN THƯỜNG VỤ" if org.level in UPPER_LEVELS else "T/M ĐẢNG ỦY"


def derive(org: Organization, on: dt.date | None = None) -> Heading:
    """The heading of a document the unit issues about `on` (a year report: its last day)."""
    body_name = committee_name(org)
    issuer = next((v for k, v in _SYMBOL.items() if body_name.startswith(k)), "CB")
    parent = superior_on(org, on)
    superior = organization_line(parent) if parent is not None else ""
    return Heading(superior, _upper(body_name), f"BC/{issuer}", Named.of(org.name).place, body_name)


def assigner_word(org: Organization | None) -> str:
    """How the seed names the superior that assigned a target: "Thành phố" (giao), "Quận" …"""
    if org is None:
        return "cấp trên"
    named = Named.of(org.name)
    return named.locality.capitalize() if named.locality else "cấp trên"
