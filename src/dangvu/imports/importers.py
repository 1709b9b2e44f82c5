"""Who imports into which unit (ImportContext), and the importers every area declares in its
<area>/excel.py (core.excel.declare), discovered when the app is ready: this module names no area.
See core.excel.declare for what an importer is."""

import datetime as dt

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

    def member(self, ref: str):
        ref = clean(ref).replace(" ", "")
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


def importer(key: str) -> Importer:
    return IMPORTERS[key]


__all__ = ["IMPORTERS", "ImportContext", "Importer", "importer"]
