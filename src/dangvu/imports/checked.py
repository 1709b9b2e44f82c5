"""What a preview shows of a dry run, whether it ran in the request or in the background: the
counts, the file's errors, and the rows it lists — the first PREVIEW_ROWS and every row with an
error (a page of 20.000 rows helps nobody). A background dry run leaves it beside the upload
(storage.save_checked) for the preview page to read back."""

from dataclasses import dataclass

from .engine import Result, RowResult

PREVIEW_ROWS = 500


@dataclass
class Checked:
    total: int
    good: int
    file_errors: list[str]
    kept: list[RowResult]

    @classmethod
    def of(cls, result: Result) -> "Checked":
        kept = [r for i, r in enumerate(result.rows) if i < PREVIEW_ROWS or not r.ok]
        return cls(len(result.rows), len(result.good), list(result.file_errors), kept)

    @property
    def bad(self) -> list[RowResult]:
        return [r for r in self.kept if not r.ok]
