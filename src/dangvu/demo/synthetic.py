"""Synthetic registries for benchmarks: a district (~20.000 members), a city (~500.000) or the
whole country (~5,6 million members, ~52.000 grassroots organizations, ~300.000 cells), with ten
years of lifecycle events — loaded in BULK (PostgreSQL COPY, or executemany on SQLite), not one
service call per row, so the country loads in minutes.

The rows are those the services would write:
- Organization with `path` "/1/5/…", `depth` and `name_key` (core.text.search_key), one open
  OrgPeriod each (organizations.services.org_found);
- Member with `name_key`, `sort_key` (core.text), and `status`, `activity`, `org`, `recognized_on`
  derived from the member's events exactly as members.services._rebuild derives them;
- MemberEvent rows as member_register / member_admit / member_record_event write them
  (decision numbers where the services require one, the event's `org` the member's cell then,
  `standing` full once recognised);
- MemberPeriod rows from members.rules.replay over the member's events — the same pure function
  the services call.
Every unit is founded before the ten years start and never dissolved, so each event's cell is
active on its date; admissions respect the 18–60 age rule. Audit entries are not written (the
data has no human author). A sample of the other areas (targets, cadre actions, training classes
with attendances, awards, disciplines) comes through Django's bulk_create.

Deterministic: the same size and seed give the same rows, ids included (the registry must be empty).
"""

import datetime as dt
import random
import time
from dataclasses import dataclass
from functools import cache

from django.db import connection, transaction
from django.utils import timezone

from dangvu.core.names import draw_name
from dangvu.core.numbers import format_int
from dangvu.core.text import name_sort_key, search_key
from dangvu.members import rules
from dangvu.members.models import EventKind, Member, MemberEvent, MemberPeriod, Standing
from dangvu.organizations.models import Kind, Level, Organization, OrgPeriod, root_id_of


@dataclass(frozen=True)
class Size:
    name: str
    provinces: int  # 0: the root is one district (quận ủy)
    districts: int
    grassroots: int
    units: int  # units that hold members: grassroots cells and the cells under grassroots committees
    members: int  # in the Party at the end; a few more are generated who left during the years


SIZES = {
    "tiny": Size("tiny", 0, 1, 8, 30, 400),
    "district": Size("district", 0, 1, 190, 1_100, 20_000),
    "city": Size("city", 1, 30, 4_600, 27_000, 500_000),
    "country": Size("country", 63, 700, 52_000, 300_000, 5_600_000),
}
FIRST_YEAR = 2017  # ten years of events: 2017 … 2026, none after yesterday
REGISTERED_ON = dt.date(FIRST_YEAR, 1, 1)  # the registry was taken over from paper on this day
CHUNK = 50_000  # members written per batch

GRASSROOTS_KINDS = [
    (Kind.WARD, "Đảng bộ phường"), (Kind.AGENCY, "Đảng bộ cơ quan"), (Kind.PUBLIC_SERVICE, "Đảng bộ bệnh viện"),
    (Kind.SCHOOL, "Chi bộ trường"), (Kind.STATE_ENTERPRISE, "Đảng bộ công ty"),
    (Kind.NON_STATE_ENTERPRISE, "Chi bộ công ty cổ phần"), (Kind.ARMED_FORCES, "Đảng bộ quân sự"),
]  # fmt: skip

# The columns written for each bulk-loaded table, in order; tests check they are every column.
ORG_COLUMNS = (
    "id", "code", "name", "short_name", "kind", "level", "parent_id", "path", "depth", "founded_on",
    "dissolved_on", "founding_decision", "dissolution_decision", "merged_into_id", "name_key",
)  # fmt: skip
ORG_PERIOD_COLUMNS = ("id", "org_id", "parent_id", "path", "valid_from", "valid_to", "decision")
MEMBER_COLUMNS = (
    "id", "full_name", "usual_name", "birth_date", "sex", "citizen_id", "ethnicity", "religion", "education",
    "qualification", "political_theory", "occupation", "birthplace", "hometown", "address", "phone",
    "alias", "temporary_address", "academic_title", "academic_degree", "foreign_languages", "it_skills",
    "minority_languages", "youth_union_joined_on", "mass_org_positions", "health",
    "party_card_no", "admitted_on", "admission_decision", "recognized_on", "status", "activity", "org_id",
    "root_id", "name_key", "sort_key", "created_at", "updated_at",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "member_id", "kind", "date", "decision_no", "decision_date", "org_id", "to_org_id", "place", "until",
    "standing", "reason", "override_reason", "created_at",
)  # fmt: skip
PERIOD_COLUMNS = (
    "id", "member_id", "org_id", "standing", "activity", "valid_from", "valid_to", "start_kind", "end_kind",
)  # fmt: skip
# Columns the bulk load leaves NULL on purpose: the synthetic records were not brought in by an
# import job (members 0011's import_job names one).
LEFT_NULL = {MemberEvent: {"import_job"}, MemberPeriod: {"import_job"}}
BULK = {
    Organization: ORG_COLUMNS,
    OrgPeriod: ORG_PERIOD_COLUMNS,
    Member: MEMBER_COLUMNS,
    MemberEvent: EVENT_COLUMNS,
    MemberPeriod: PERIOD_COLUMNS,
}


def last_day() -> dt.date:
    return dt.date.today() - dt.timedelta(days=1)


@cache
def name_keys(full_name: str) -> tuple[str, str]:
    return search_key(full_name), name_sort_key(full_name)


# --- writing ---------------------------------------------------------------------------------


class Writer:
    """Appends rows to tables: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self):
        self.pg = connection.vendor == "postgresql"
        self.rows = 0

    def write(self, model, rows: list[tuple]):
        if not rows:
            return
        cols = BULK[model]
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in cols)
        with connection.cursor() as cursor:
            if self.pg:
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(cols))
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", [_sqlite(r) for r in rows])
        self.rows += len(rows)

    def reset_sequences(self):
        models = [*BULK]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(_no_style(), models):
                cursor.execute(sql)


def _sqlite(row: tuple) -> tuple:
    # Django keeps datetimes on SQLite as naive UTC text; dates as ISO text.
    return tuple(
        v.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
        if isinstance(v, dt.datetime)
        else v.isoformat()
        if isinstance(v, dt.date)
        else v
        for v in row
    )


def _no_style():
    from django.core.management.color import no_style

    return no_style()


class _Unindexed:
    """On PostgreSQL, drop the secondary indexes and the foreign keys / unique constraints of the
    bulk tables during the load and put them back after (one pass each instead of a check and an
    index update per row). Nothing else sees the tables meanwhile: the load is one transaction."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and connection.vendor == "postgresql"
        self.saved: list[tuple[str, str, str]] = []

    def __enter__(self):
        if not self.enabled:
            return self
        tables = [m._meta.db_table for m in BULK]
        with connection.cursor() as c:
            c.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('f', 'u')",
                [tables],
            )
            constraints = c.fetchall()
            c.execute(
                "SELECT i.tablename, i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) "
                "AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))",
                [tables],
            )
            indexes = c.fetchall()
            for table, name, _ in constraints:
                c.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for _table, name, _ in indexes:
                c.execute(f'DROP INDEX "{name}"')
        self.saved = [("index", t, d) for t, _, d in indexes] + [
            ("constraint", t, f'ALTER TABLE {t} ADD CONSTRAINT "{n}" {d}') for t, n, d in constraints
        ]
        return self

    def __exit__(self, kind, value, tb):
        if not self.enabled or kind is not None:
            return False
        with connection.cursor() as c:
            for _what, _table, sql in self.saved:  # indexes first, so the foreign keys check against them
                c.execute(sql)
        return False


# --- the tree ----------------------------------------------------------------------------------


@dataclass
class Tree:
    orgs: list[tuple]
    periods: list[tuple]
    roots: list[int]
    districts: list[int]
    # Per district: the ids of the units that hold members.
    units_by_district: list[list[int]]
    founded: dict[int, dt.date]
    grassroots_of: dict[int, int]


def build_tree(size: Size, rng: random.Random, first_id: int = 1) -> Tree:
    orgs, periods = [], []
    next_id = [first_id]
    founded: dict[int, dt.date] = {}

    def add(code, name, kind, level, parent, parent_path, depth, on):
        oid = next_id[0]
        next_id[0] += 1
        path = f"{parent_path}{oid}/"
        decision = f"{oid}-QĐ/TU"
        orgs.append(
            (oid, code, name, "", kind, level, parent, path, depth, on, None, decision, "", None, search_key(name))
        )
        periods.append((oid, oid, parent, path, on, None, decision))
        founded[oid] = on
        return oid, path

    roots, district_nodes = [], []
    if size.provinces:
        for p in range(size.provinces):
            pid, ppath = add(f"T{p + 1:02d}", f"Đảng bộ tỉnh số {p + 1}", Kind.OTHER, Level.PROVINCE, None, "/", 0,
                             dt.date(1975, 4, 30))  # fmt: skip
            roots.append(pid)
            per = size.districts // size.provinces + (1 if p < size.districts % size.provinces else 0)
            for d in range(per):
                did, dpath = add(f"T{p + 1:02d}-Q{d + 1:02d}", f"Đảng bộ quận {d + 1} tỉnh {p + 1}", Kind.OTHER,
                                 Level.DISTRICT, pid, ppath, 1, dt.date(1976, 1, 1))  # fmt: skip
                district_nodes.append((did, dpath, 2, f"T{p + 1:02d}-Q{d + 1:02d}"))
    else:
        did, dpath = add("Q01", "Đảng bộ quận Tổng hợp", Kind.OTHER, Level.DISTRICT, None, "/", 0, dt.date(1976, 1, 1))
        roots.append(did)
        district_nodes.append((did, dpath, 1, "Q01"))

    committees = round(size.grassroots * 0.6)
    sub_cells = max(size.units - (size.grassroots - committees), committees)
    units_by_district, grassroots_of = [], {}
    g_index = 0
    committee_index = 0
    for d, (did, dpath, depth, dcode) in enumerate(district_nodes):
        per = size.grassroots // len(district_nodes) + (1 if d < size.grassroots % len(district_nodes) else 0)
        units = []
        for g in range(per):
            is_committee = (g_index * 3) % 5 < 3  # three in five
            g_index += 1
            kind, label = GRASSROOTS_KINDS[rng.randrange(len(GRASSROOTS_KINDS))]
            on = dt.date(1990 + rng.randrange(0, 25), 1 + rng.randrange(12), 1 + rng.randrange(28))
            level = Level.GRASSROOTS_COMMITTEE if is_committee else Level.GRASSROOTS_CELL
            name = (
                f"{label} {g + 1} ({dcode})".replace("Chi bộ", "Đảng bộ")
                if is_committee
                else f"{label} {g + 1} ({dcode})"
            )
            gid, gpath = add(f"{dcode}-{g + 1:03d}", name, kind, level, did, dpath, depth, on)
            grassroots_of[gid] = gid
            if is_committee:
                n = sub_cells // committees + (1 if committee_index < sub_cells % committees else 0)
                committee_index += 1
                for c in range(n):
                    cid, _ = add(f"{dcode}-{g + 1:03d}-{c + 1:02d}", f"Chi bộ số {c + 1} — {name}", kind, Level.CELL,
                                 gid, gpath, depth + 1, on + dt.timedelta(days=rng.randrange(0, 400)))  # fmt: skip
                    grassroots_of[cid] = gid
                    units.append(cid)
            else:
                units.append(gid)
        units_by_district.append(units)
    return Tree(orgs, periods, roots, [d[0] for d in district_nodes], units_by_district, founded, grassroots_of)


# --- members -----------------------------------------------------------------------------------


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(0, max((end - start).days, 0) + 1))


def member_history(rng: random.Random, unit: int, district_units: list[int], founded: dict, end: dt.date):
    """(identity, admitted_on, first recognized_on, events) of one synthetic member; each event a
    dict of MemberEvent fields, in date order, every one of them fitting rules.apply."""
    female = rng.random() < 0.4
    name = draw_name(rng, female)
    entry = rng.random()
    events = []
    if entry < 0.30:  # admitted during the ten years
        admitted = _date_between(rng, max(REGISTERED_ON, founded[unit]), end)
        born = admitted - dt.timedelta(days=rng.randrange(18 * 366 + 31, 45 * 365))
        events.append(dict(kind=EventKind.ADMITTED, date=admitted, decision_no=f"{rng.randrange(1, 999)}-QĐ/ĐU",
                           decision_date=admitted, org_id=unit))  # fmt: skip
        recognized = None
        standing = ""
    else:  # registered from paper records when the registry began, or transferred in later
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 58))
        admitted = born + dt.timedelta(days=365 * 19 + rng.randrange(0, 365 * 30))
        transferred_in = entry > 0.93
        joined = _date_between(rng, REGISTERED_ON, end) if transferred_in else REGISTERED_ON
        joined = max(joined, founded[unit])
        admitted = min(admitted, joined - dt.timedelta(days=400))
        if admitted - born < dt.timedelta(days=18 * 366):
            born = admitted - dt.timedelta(days=20 * 365)
        recognized = rules.probation_end(admitted)
        standing = Standing.FULL
        events.append(dict(
            kind=EventKind.TRANSFERRED_IN if transferred_in else EventKind.REGISTERED, date=joined, org_id=unit,
            place="Đảng bộ tỉnh khác" if transferred_in else "", standing=Standing.FULL,
        ))  # fmt: skip
    day, cell = events[0]["date"], unit
    if events[0]["kind"] == EventKind.ADMITTED:
        ends = rules.probation_end(day)
        if ends > end:
            return _identity(rng, name, female, born), admitted, recognized, events
        if rng.random() < 0.01:
            events.append(dict(kind=EventKind.PROBATION_FAILED, date=ends, decision_no=f"{rng.randrange(1, 999)}-QĐ/ĐU",
                               org_id=cell))  # fmt: skip
            return _identity(rng, name, female, born), admitted, recognized, events
        events.append(dict(kind=EventKind.RECOGNIZED, date=ends, decision_no=f"{rng.randrange(1, 999)}-QĐ/ĐU",
                           decision_date=ends + dt.timedelta(days=rng.randrange(0, 30)), org_id=cell))  # fmt: skip
        day, standing = ends, Standing.FULL
    age_at_start = (REGISTERED_ON - born).days / 365.25
    exempt = False
    while True:
        day = day + dt.timedelta(days=rng.randrange(200, 1500))
        if day > end:
            break
        r = rng.random()
        dies = 0.02 + max(0.0, age_at_start - 60) * 0.01
        if r < 0.25:
            to = district_units[rng.randrange(len(district_units))]
            if to != cell and founded[to] <= day:
                events.append(dict(kind=EventKind.TRANSFERRED, date=day, org_id=cell, to_org_id=to, standing=standing))
                cell = to
        elif r < 0.25 + dies:
            events.append(dict(kind=EventKind.DIED, date=day, org_id=cell, standing=standing))
            break
        elif r < 0.28 + dies:
            events.append(dict(kind=EventKind.TRANSFERRED_OUT, date=day, org_id=cell, place="Đảng bộ tỉnh khác",
                               standing=standing))  # fmt: skip
            break
        elif r < 0.283 + dies:
            events.append(dict(kind=EventKind.REMOVED, date=day, org_id=cell, standing=standing,
                               decision_no=f"{rng.randrange(1, 999)}-QĐ/ĐU", reason="Bỏ sinh hoạt đảng"))  # fmt: skip
            break
        elif r < 0.31 + dies and not exempt and age_at_start > 55:
            events.append(dict(kind=EventKind.EXEMPTED, date=day, org_id=cell, standing=standing,
                               reason="Tuổi cao, sức yếu"))  # fmt: skip
            exempt = True
    return _identity(rng, name, female, born), admitted, recognized, events


def _identity(rng, name, female, born):
    return dict(full_name=name, sex="F" if female else "M", birth_date=born,
                address=f"Số {rng.randrange(1, 200)} đường số {rng.randrange(1, 80)}")  # fmt: skip


_DEGREES = ("", "", "", "", "", "", "Thạc sĩ", "", "", "", "", "", "Tiến sĩ", "", "", "", "")
_LANGUAGES = ("Tiếng Anh B", "", "Tiếng Anh B1", "", "", "Tiếng Pháp A", "")
_IT = ("Ứng dụng CNTT cơ bản", "", "Tin học văn phòng", "")


def _record(member_id: int, born: dt.date) -> tuple:
    """The record-sheet columns (Member.alias … health) in MEMBER_COLUMNS order: picked from the
    id, not the generator, so that they cost nothing and leave every other row as it was."""
    youth = born + dt.timedelta(days=16 * 365 + member_id % 700) if member_id % 4 else None
    return (
        "", "", "", _DEGREES[member_id % len(_DEGREES)], _LANGUAGES[member_id % len(_LANGUAGES)],
        _IT[member_id % len(_IT)], "", youth, "", "Tốt" if member_id % 5 else "Bình thường",
    )  # fmt: skip


def derive(admitted_on, recognized_on, events: list[dict], fallback_org: int):
    """What members.services._rebuild stores: (periods, status, activity, org_id, recognized_on)."""
    state = rules.replay(
        [rules.Event(e["kind"], e["date"], e.get("org_id"), e.get("to_org_id"), e.get("standing", "")) for e in events]
    )
    rec = [p.valid_from for p in state.periods if p.start_kind == EventKind.RECOGNIZED]
    org_id = state.org_id or (state.periods[-1].org_id if state.periods else fallback_org)
    return state.periods, state.status, state.activity, org_id, (rec[-1] if rec else recognized_on)


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)


# --- the whole build -----------------------------------------------------------------------------


def build(size: Size | str, *, seed: int = 2017, progress=None, samples: bool = True, tick=None) -> dict:
    """Load a synthetic registry of `size` into the (empty) default database; returns counts and seconds.
    `tick(done, total)` is told every thousand members generated (the command's progress bar)."""
    size = SIZES[size] if isinstance(size, str) else size
    say = progress or (lambda text: None)
    if Organization.objects.exists() or Member.objects.exists():
        raise RuntimeError("Cơ sở dữ liệu đã có tổ chức hoặc đảng viên; hãy dùng một cơ sở dữ liệu trống.")
    started = time.perf_counter()
    rng = random.Random(f"{seed}:{size.name}")
    end = last_day()
    writer = Writer()
    counts = {"members": 0, "in_party": 0, "events": 0, "periods": 0}
    with transaction.atomic(), _Unindexed(size.members >= 100_000):
        tree = build_tree(size, rng)
        writer.write(Organization, tree.orgs)
        writer.write(OrgPeriod, tree.periods)
        say(f"tổ chức: {format_int(len(tree.orgs))} ({time.perf_counter() - started:.0f}s)")
        total_units = sum(len(u) for u in tree.units_by_district)
        root_of = {org[0]: root_id_of(org[ORG_COLUMNS.index("path")]) for org in tree.orgs}
        # A few more than the target: some leave during the ten years.
        generated = round(size.members / 0.84)
        member_id = event_id = period_id = 1
        batch: tuple[list, list, list] = ([], [], [])
        unit_rank = 0
        for d, units in enumerate(tree.units_by_district):
            share = (
                generated * len(units) // total_units
                if d < len(tree.units_by_district) - 1
                else generated - counts["members"]
            )
            for i in range(share):
                unit = units[i * len(units) // share]
                identity, admitted, recognized, events = member_history(rng, unit, units, tree.founded, end)
                periods, status, activity, org_id, recognized = derive(admitted, recognized, events, unit)
                name_key, sort_key = name_keys(identity["full_name"])
                first = events[0]
                created = _stamp(first["date"])
                decision = first.get("decision_no", "") if first["kind"] == EventKind.ADMITTED else ""
                batch[0].append((
                    member_id, identity["full_name"], "", identity["birth_date"], identity["sex"],
                    f"{member_id:012d}", "Kinh", "Không", "12/12", "", "", "", "", "", identity["address"], "",
                    *_record(member_id, identity["birth_date"]),
                    f"{member_id:09d}", admitted, decision, recognized, status, activity, org_id,
                    root_of[org_id] if org_id else None, name_key, sort_key, created, _stamp(events[-1]["date"]),
                ))  # fmt: skip
                for e in events:
                    batch[1].append((
                        event_id, member_id, e["kind"], e["date"], e.get("decision_no", ""), e.get("decision_date"),
                        e.get("org_id"), e.get("to_org_id"), e.get("place", ""), None, e.get("standing", ""),
                        e.get("reason", ""), "", _stamp(e["date"]),
                    ))  # fmt: skip
                    event_id += 1
                for p in periods:
                    batch[2].append((period_id, member_id, p.org_id, p.standing, p.activity, p.valid_from, p.valid_to,
                                     p.start_kind, p.end_kind))  # fmt: skip
                    period_id += 1
                counts["members"] += 1
                if tick is not None and counts["members"] % 1000 == 0:
                    tick(counts["members"], generated)
                counts["in_party"] += status in ("probationary", "full")
                member_id += 1
                if len(batch[0]) >= CHUNK:
                    _flush(writer, batch, counts)
                    say(f"đảng viên: {format_int(counts['members'])} ({time.perf_counter() - started:.0f}s)")
            unit_rank += len(units)
        _flush(writer, batch, counts)
        say(f"đảng viên: {format_int(counts['members'])}; dựng lại chỉ mục ({time.perf_counter() - started:.0f}s)")
    writer.reset_sequences()
    if samples:
        with transaction.atomic():
            counts.update(build_samples(tree, rng, end))
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    counts["orgs"] = len(tree.orgs)
    counts["grassroots"] = sum(1 for o in tree.orgs if o[5] in (Level.GRASSROOTS_CELL, Level.GRASSROOTS_COMMITTEE))
    counts["units"] = sum(len(u) for u in tree.units_by_district)
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def _flush(writer: Writer, batch, counts):
    members, events, periods = batch
    writer.write(Member, members)
    writer.write(MemberEvent, events)
    writer.write(MemberPeriod, periods)
    counts["events"] += len(events)
    counts["periods"] += len(periods)
    for rows in batch:
        rows.clear()


def build_samples(tree: Tree, rng: random.Random, end: dt.date) -> dict:
    """A sample of the other areas' records, per district and year: targets, cadre actions,
    training classes with named attendances, awards to grassroots organizations, disciplines."""
    from dangvu.awards.models import Award, Program, RecipientKind, Title
    from dangvu.cadres.models import TERM_YEARS, ActionKind, CadreAction
    from dangvu.core.dates import add_years
    from dangvu.inspection.models import Discipline, Form
    from dangvu.targets.models import Target
    from dangvu.training.models import Attendance, ClassKind, TrainingClass

    counts = {"targets": 0, "cadre_actions": 0, "training_classes": 0, "attendances": 0, "awards": 0, "disciplines": 0}
    years = range(FIRST_YEAR, end.year + 1)
    targets = []
    for root in tree.roots:
        for year in years:
            targets.append(Target(org_id=root, indicator_key="members.admitted", year=year, value=1000,
                                  assigned_by_id=root))  # fmt: skip
    Target.objects.bulk_create(targets, batch_size=5000)
    counts["targets"] = len(targets)
    for d, district in enumerate(tree.districts):
        units = tree.units_by_district[d]
        members = list(
            Member.objects.filter(org_id__in=units[:20], status__in=("probationary", "full")).values_list(
                "id", "full_name", "org_id"
            )[:200]
        )
        if not members:
            continue
        actions, classes, awards, disciplines = [], [], [], []
        for year in years:
            last = min(dt.date(year, 12, 31), end)
            for k in range(3):
                mid, name, org_id = members[rng.randrange(len(members))]
                day = _date_between(rng, dt.date(year, 1, 1), last)
                kind = (ActionKind.APPOINTMENT, ActionKind.TRANSFER, ActionKind.ROTATION)[k]
                actions.append(CadreAction(
                    member_id=mid, full_name=name, kind=kind, position="Bí thư chi bộ", to_org_id=org_id,
                    decided_by_id=district, decision_no=f"{rng.randrange(1, 999)}-QĐ/QU", decision_date=day,
                    effective_date=day, term_end=add_years(day, TERM_YEARS) if kind == ActionKind.APPOINTMENT else None,
                ))  # fmt: skip
            for k in range(2):
                start = _date_between(rng, dt.date(year, 1, 1), last)
                classes.append(TrainingClass(
                    title=f"Lớp bồi dưỡng số {k + 1} năm {year}", organizer_id=district,
                    kind=(ClassKind.PARTY_WORK, ClassKind.NEW_MEMBERS)[k], start_date=start, end_date=start,
                    unnamed_count=rng.randrange(50, 300),
                ))  # fmt: skip
            for g in rng.sample(units, min(3, len(units))):
                awards.append(Award(
                    recipient_kind=RecipientKind.COLLECTIVE, recipient_org_id=tree.grassroots_of[g],
                    title=Title.CERTIFICATE, program=Program.CT05, for_year=year, awarded_by_id=district,
                    decision_no=f"{rng.randrange(1, 999)}-QĐ/QU", decision_date=last,
                ))  # fmt: skip
            mid, _, _ = members[rng.randrange(len(members))]
            day = _date_between(rng, dt.date(year, 1, 1), last)
            disciplines.append(Discipline(
                subject_member_id=mid, standing=Standing.FULL, form=Form.REPRIMAND, decided_by_id=district,
                decision_no=f"{rng.randrange(1, 999)}-QĐ/UBKT", decision_date=day, violation_date=day,
                reason="Vi phạm quy định sinh hoạt đảng",
            ))  # fmt: skip
        CadreAction.objects.bulk_create(actions)
        made = TrainingClass.objects.bulk_create(classes)
        seen = set()
        attendances = []
        for cls in made:
            for mid, _, _ in rng.sample(members, min(10, len(members))):
                if (cls.pk, mid) not in seen:
                    seen.add((cls.pk, mid))
                    attendances.append(Attendance(training_class=cls, member_id=mid, attended_on=cls.start_date))
        Attendance.objects.bulk_create(attendances)
        Award.objects.bulk_create(awards)
        Discipline.objects.bulk_create(disciplines)
        for key, rows in (("cadre_actions", actions), ("training_classes", classes), ("attendances", attendances),
                          ("awards", awards), ("disciplines", disciplines)):  # fmt: skip
            counts[key] += len(rows)
    return counts


def now_stamp() -> dt.datetime:
    return timezone.now()
