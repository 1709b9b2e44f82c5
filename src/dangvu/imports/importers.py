"""Who imports into which unit (ImportContext), and the importers every area declares in its
<area>/excel.py (core.excel.declare), discovered when the app is ready: this module names no area.
See core.excel.declare for what an importer is."""

import datetime as dt

from django.db.models import Q

from dangvu.core.excel.columns import CellError
from dangvu.core.excel.declare import IMPORTERS, Importer
from dangvu.core.text import clean, unaccent


class ImportContext:
    """Who imports into which unit: the target unit's subtree is where every unit named in the
    file is looked for, and the user's scope where every member is. `job_id` (the ImportJob when
    the import runs as one) and `filename` are what the imported records' audit names; without
    `import_audit` (the bulk API, whose records are not rows of a file) the records are audited as
    their services would audit them one by one."""

    def __init__(
        self, *, actor, scope, org, today: dt.date | None = None, job_id=None, filename: str = "",
        import_audit: bool = True,
    ):  # fmt: skip
        self.actor, self.scope, self.org = actor, scope, org
        self.job_id, self.filename, self.import_audit = job_id, filename, import_audit
        self.today = today or dt.date.today()
        self._units = None
        self._units_by_id = {}
        self._ahead: dict | None = None  # number -> member, read together (read_members_ahead)

    def _index(self) -> dict:
        if self._units is None:
            self._units = {}
            for org in self.scope.orgs().filter(path__startswith=self.org.path).order_by("-path"):
                for key in (org.code.upper(), unaccent(org.name), unaccent(org.short_name)):
                    if key:
                        self._units[key] = org
        return self._units

    def find_unit(self, text: str):
        text = clean(text)
        code = clean(text.split("—")[0])
        index = self._index()
        return index.get(code.upper()) or index.get(unaccent(text))

    def unit(self, text: str):
        org = self.find_unit(text)
        if org is None:
            raise CellError(
                f"không tìm thấy tổ chức “{clean(text)}” trong {self.org.name}; hãy ghi mã tổ chức "
                "(ví dụ HM-DC-01) hoặc tên đúng như trong hệ thống."
            )
        return org

    def read_members_ahead(self, refs):
        """Read together the members `refs` name (party card numbers or citizen IDs as typed),
        for an importer that reads every row of its file before it writes anything: member(ref)
        then finds them without a query each. The same members member_by_number gives — within
        the scope, the first by id should a number name two — as they are now: nothing the import
        writes can change them before its rows are read."""
        numbers = {number for ref in refs if (number := _number(ref))}
        ahead: dict = {}
        members, ordered = self.scope.members(), sorted(numbers)
        for start in range(0, len(ordered), READ_AHEAD_CHUNK):
            chunk = ordered[start : start + READ_AHEAD_CHUNK]
            for member in members.filter(Q(party_card_no__in=chunk) | Q(citizen_id__in=chunk)).order_by("pk"):
                for number in (member.party_card_no, member.citizen_id):
                    # A member found through one chunk may hold another chunk's number as well.
                    if number in numbers and (number not in ahead or member.pk < ahead[number].pk):
                        ahead[number] = member
        self._ahead = {number: ahead.get(number) for number in numbers}

    def member(self, ref: str):
        ref = _number(ref)
        if self._ahead is not None and ref in self._ahead:
            found = self._ahead[ref]
        else:
            found = self.scope.member_by_number(ref)
        if found is None:
            raise CellError(f"không tìm thấy đảng viên có số thẻ hoặc số CCCD {ref} trong phạm vi của bạn.")
        if found.org_id is not None:
            # With its unit and the unit's superior (the review import finds each member's
            # grassroots organization from them), read once for all the rows of that unit.
            found.org = self._unit_with_superior(found.org_id)
        return found

    def _unit_with_superior(self, pk):
        unit = self._units_by_id.get(pk)
        if unit is None:
            unit = self._units_by_id[pk] = self.scope.orgs().select_related("parent").get(pk=pk)
        return unit


def _number(ref: str) -> str:
    """A card number or citizen ID as a member column's cell gives it, as stored: trimmed, no spaces."""
    return clean(ref).replace(" ", "")


READ_AHEAD_CHUNK = 500  # numbers a query (each in two lists: card numbers and citizen IDs)


def importer(key: str) -> Importer:
    return IMPORTERS[key]


__all__ = ["IMPORTERS", "ImportContext", "Importer", "importer"]
