"""From rows to records: find the header row, propose a column mapping, parse and check every
row, and hand each to its service — in a dry run (everything rolled back) or for real.

The commit is atomic: everything runs inside ONE transaction. An importer with `save_many`
(members) hands the whole file to its bulk service as the rows are parsed; the service checks
every row as its one-row service would, against the rows before it too, and reports every failing
row. The others save row by row, each in its own savepoint, so one bad row does not hide the
errors of the next. Then:
- without `only_valid`, a single failing row rolls everything back: nothing is stored;
- with `only_valid` ("chỉ nhập các dòng hợp lệ"), the failing rows are left out and the others
  stored — but only if they are exactly the rows the preview showed as valid (`expected`): if
  anything changed since the preview (someone else entered the same citizen ID meanwhile),
  nothing is stored and the clerk sees the new errors.
A dry run does all of the same work, services included, then rolls back, so the preview shows
every error the commit would meet (duplicates against the database and inside the file too).
"""

import contextlib
import datetime as dt
import difflib
import gc
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from dangvu.core.excel.columns import MEMBER, CellError, is_blank, parse, shown
from dangvu.core.text import unaccent

from .importers import ImportContext, Importer

HEADER_SCAN = 20
FREEZE_EVERY = 1000  # rows
# SQLite's page cache while an import runs, in KiB (its default is 2 MB). See _page_cache_for_writing.
PAGE_CACHE_KIB = 128 * 1024
MATCH_THRESHOLD = 0.72


def _norm(text) -> str:
    return re.sub(r"[^a-z0-9]+", " ", unaccent(str(text or ""))).strip()


def _names(col) -> list[str]:
    return [_norm(col.header), *(_norm(a) for a in col.aliases)]


def find_header(rows: list[list], importer: Importer) -> int:
    """Index of the header row: among the first rows, the one naming the most columns exactly;
    failing that, the first non-empty row."""
    known = {n for col in importer.columns for n in _names(col)}
    best, best_hits = None, 0
    for i, row in enumerate(rows[:HEADER_SCAN]):
        hits = sum(1 for v in row if _norm(v) in known)
        if hits > best_hits:
            best, best_hits = i, hits
    if best is not None:
        return best
    return next((i for i, row in enumerate(rows) if any(not is_blank(v) for v in row)), 0)


def _similarity(header: str, name: str) -> float:
    if header == name:
        return 1.0
    if f" {name} " in f" {header} ":  # "Họ và tên đảng viên" holds "Họ và tên"
        return 0.9
    # Token similarity (Dice over words) catches reordered or partly hinted headers that the
    # character ratio misses ("Ngày sinh đảng viên (ghi đủ)" → "Ngày sinh"); the best of both counts.
    a, b = set(header.split()), set(name.split())
    tokens = 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
    return max(tokens, difflib.SequenceMatcher(None, header, name).ratio())


def propose_mapping(headers: list, importer: Importer) -> dict[str, int | None]:
    """{column field: index of the file's column or None}: exact names first, then the most similar
    unaccented header (difflib ratio ≥ MATCH_THRESHOLD), each file column used once."""
    normalized = [_norm(h) for h in headers]
    scores = []
    for col in importer.columns:
        names = _names(col)
        for i, h in enumerate(normalized):
            if not h:
                continue
            score = max(_similarity(h, n) for n in names)
            if score >= MATCH_THRESHOLD:
                scores.append((score, col.field, i))
    mapping: dict[str, int | None] = {col.field: None for col in importer.columns}
    used = set()
    for _score, name, i in sorted(scores, key=lambda s: -s[0]):
        if mapping[name] is None and i not in used:
            mapping[name] = i
            used.add(i)
    return mapping


def exact_mapping(headers: list, importer: Importer, mapping: dict) -> bool:
    """Whether every mapped column was found by its exact name (no need to ask the clerk)."""
    for col in importer.columns:
        i = mapping.get(col.field)
        if i is not None and _norm(headers[i]) not in _names(col):
            return False
    return True


def missing_required(importer: Importer, mapping: dict) -> list[str]:
    return [col.header for col in importer.columns if col.required and mapping.get(col.field) is None]


@dataclass
class RowResult:
    number: int  # as Excel shows it
    cells: list  # the raw cells in importer column order (None where unmapped)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def shown(self) -> list[str]:
        return [shown(v) for v in self.cells]


@dataclass
class Result:
    rows: list[RowResult] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    stored: int = 0
    dry_run: bool = True

    @property
    def bad(self) -> list[RowResult]:
        return [r for r in self.rows if not r.ok]

    @property
    def good(self) -> list[RowResult]:
        return [r for r in self.rows if r.ok]

    @property
    def valid_numbers(self) -> list[int]:
        return [r.number for r in self.good]

    def messages(self) -> list[str]:
        return [*self.file_errors, *(m for r in self.rows for m in r.errors)]


def _service_messages(importer: Importer, number: int, error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return [f"Dòng {number}: {m}" for m in error.messages]
    out = []
    for name, messages in error.message_dict.items():
        col = importer.column(importer.fields.get(name, name))
        where = f"Dòng {number}, cột {col.header}" if col else f"Dòng {number}"
        out += [f"{where}: {m}" for m in messages]
    return out


class _Rollback(Exception):
    pass


def run(
    importer: Importer,
    rows: list[list],
    mapping: dict,
    ctx: ImportContext,
    *,
    header_index: int,
    store: bool = False,
    only_valid: bool = False,
    expected: list[int] | None = None,
    progress=None,
) -> Result:
    """Check (store=False) or import (store=True) the data rows after `header_index`.
    `progress(checked, written, total)`, when given, is told as the rows are checked and once more
    when they are written (a background job shows it; see imports.jobs)."""
    result = Result(dry_run=not store)
    missing = missing_required(importer, mapping)
    if missing:
        result.file_errors.append(
            f"Thiếu cột bắt buộc: {', '.join(missing)}. Hãy thêm cột vào tệp (xem tệp mẫu) hoặc chọn cột "
            "tương ứng ở bước ghép cột."
        )
        return result
    seen: dict[tuple, int] = {}
    try:
        with _workbook_left_alone(), _page_cache_for_writing(), transaction.atomic():
            if importer.members_read_ahead:
                _read_members_ahead(importer, rows, mapping, header_index, ctx)
            data = _data_rows(importer, rows, mapping, header_index, result)
            if progress is not None:
                data = _reporting(data, progress, total=max(0, len(rows) - header_index - 1))
            if hasattr(importer, "save_many"):
                _save_all(importer, data, ctx, seen, result, skip_invalid=only_valid)
            else:
                for row in data:
                    values = _parse_row(importer, row, ctx, seen)
                    if not row.errors:
                        _save_one(importer, row, values, ctx)
            result.stored = len(result.good)
            if progress is not None:
                progress(len(result.rows), result.stored if store else 0, len(result.rows))
            if not store:
                raise _Rollback
            if result.bad and not only_valid:
                result.file_errors.append(
                    f"Có {len(result.bad)} dòng lỗi nên chưa nhập dòng nào. Hãy sửa các dòng lỗi, hoặc chọn "
                    "“chỉ nhập các dòng hợp lệ”."
                )
                raise _Rollback
            if expected is not None and result.valid_numbers != list(expected):
                result.file_errors.append(
                    "Kết quả kiểm tra đã khác lúc xem trước (dữ liệu vừa thay đổi); chưa nhập dòng nào. "
                    "Hãy xem lại các lỗi rồi nhập lại."
                )
                raise _Rollback
    except _Rollback:
        if store:
            result.stored = 0
    return result


@contextlib.contextmanager
def _workbook_left_alone():
    """Python's cycle collector leaves alone what exists when the import starts — above all the
    workbook's cells, millions of objects none of which can become garbage meanwhile — and the
    rows' results as they pile up (_data_rows freezes them too), instead of going through them
    all at each full collection: 29 of them in an import of 100.000 rows, 6 s of its CPU. Put
    back in the collector's care afterwards."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def _page_cache_for_writing():
    """On SQLite, a page cache of PAGE_CACHE_KIB for the import, the connection's own put back
    afterwards. An import of 100.000 members adds ~3 million index entries in random places (names,
    sort keys, numbers) to tables that grow to ~250 MB, and SQLite's default 2 MB cache sent most
    of those pages to the file and read them back: with 128 MB the INSERTs took ~105 µs of CPU a
    member instead of ~137 (bench/RESULTS.md). The memory is taken only as pages are read. The
    journal and sync settings stay those of settings.py (WAL, NORMAL): a committed import is as
    safe as before. Set on the sqlite3 connection itself, so it is no query of the import's."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    before = raw.execute("PRAGMA cache_size").fetchone()[0]
    raw.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        if connection.connection is raw:  # not closed meanwhile (a new one starts at the default)
            raw.execute(f"PRAGMA cache_size = {int(before)}")


def _read_members_ahead(importer: Importer, rows: list[list], mapping: dict, header_index: int, ctx):
    """The members every member column of the file names, read together (a query for each few
    hundred, not one a row)."""
    picks = [i for c in importer.columns if c.type == MEMBER and (i := mapping.get(c.field)) is not None]
    refs = [shown(raw[i]) for raw in rows[header_index + 1 :] for i in picks if i < len(raw) and not is_blank(raw[i])]
    ctx.read_members_ahead(refs)


def _data_rows(importer: Importer, rows: list[list], mapping: dict, header_index: int, result: Result):
    """The RowResults of the data rows (blank rows and the template's example row left out), each
    added to `result` as it is read."""
    picks = [mapping.get(c.field) for c in importer.columns]
    examples = [shown(c.example) for c in importer.columns]
    for index in range(header_index + 1, len(rows)):
        raw = rows[index]
        cells = [raw[i] if i is not None and i < len(raw) else None for i in picks]
        if all(is_blank(v) for v in cells) or _is_example(examples, cells):
            continue
        row = RowResult(index + 1, cells)
        result.rows.append(row)
        if len(result.rows) % FREEZE_EVERY == 0:
            gc.freeze()  # the results so far stay to the end (_workbook_left_alone)
        yield row


PROGRESS_EVERY = 200


def _reporting(data, progress, *, total: int):
    """The rows of `data`, telling `progress` every PROGRESS_EVERY rows how many were checked."""
    for count, row in enumerate(data, start=1):
        if count % PROGRESS_EVERY == 0:
            progress(count, 0, total)
        yield row


def _save_one(importer: Importer, row: RowResult, values: dict, ctx: ImportContext):
    try:
        with transaction.atomic():
            importer.save(ctx, values)
    except ValidationError as e:
        row.errors += _service_messages(importer, row.number, e)
    except DatabaseError as e:
        row.errors.append(f"Dòng {row.number}: không lưu được ({e.__class__.__name__}); hãy kiểm tra lại.")


def _save_all(importer: Importer, data, ctx: ImportContext, seen: dict, result: Result, *, skip_invalid: bool):
    """The whole file through the importer's save_many, row by row as it is parsed. The service
    reports every failing row (by its number) and stores nothing, or with `skip_invalid` stores the
    others; a database error part-way (a record entered meanwhile) refuses the whole file."""

    def parsed():
        for row in data:
            values = _parse_row(importer, row, ctx, seen)
            if not row.errors:
                yield row.number, values

    try:
        errors = importer.save_many(ctx, parsed(), skip_invalid=skip_invalid).errors
    except ValidationError as e:
        if not hasattr(e, "rows"):
            result.file_errors += e.messages
            raise _Rollback from e
        errors = e.rows
    except DatabaseError as e:
        result.file_errors.append(
            f"Không lưu được ({e.__class__.__name__}): dữ liệu vừa bị thay đổi trong lúc nhập, nên chưa nhập "
            "dòng nào. Hãy kiểm tra lại rồi nhập lại."
        )
        raise _Rollback from e
    if errors:
        by_number = {r.number: r for r in result.rows}
        for number, error in errors.items():
            by_number[number].errors += _service_messages(importer, number, error)


def _is_example(examples: list[str], cells: list) -> bool:
    """The template's example row (`examples`: each column's example as shown), left in place by
    the clerk, is not data."""
    return all(shown(v) == e for v, e in zip(cells, examples, strict=True))


def _parse_row(importer: Importer, row: RowResult, ctx: ImportContext, seen: dict) -> dict:
    values = {}
    for col, value in zip(importer.columns, row.cells, strict=True):
        # is_blank, with the two common cases (text, a date) first: it runs for every cell.
        cls = value.__class__
        if (not value.strip()) if cls is str else (cls is not dt.date and is_blank(value)):
            if col.required:
                row.errors.append(f"Dòng {row.number}, cột {col.header}: để trống; đây là thông tin bắt buộc.")
            continue
        try:
            values[col.field] = parse(col, value, ctx)
        except CellError as e:
            row.errors.append(f"Dòng {row.number}, cột {col.header}: {e.message}")
    for name in importer.unique:
        value = values.get(name)
        if not value:
            continue
        first = seen.setdefault((name, value), row.number)
        if first != row.number:
            header = importer.column(name).header
            row.errors.append(
                f"Dòng {row.number}, cột {header}: {value} trùng với dòng {first} trong tệp; mỗi người chỉ một dòng."
            )
    return values
