"""Training classes of Hoàng Mai, 2015–2017, through training.services.

In 2016 exactly 64 classes begin, organized by the district committee and the grassroots
committees, with between 10,600 and 10,699 attendances (the seed: "mở 64 lớp bồi dưỡng nghiệp
vụ công tác với trên 10,6 nghìn lượt cán bộ tham dự"). Most classes keep only a headcount; the
classes for new members list their attendees by name, from the members admitted that year. The
named attendances depend on the registry's scale, so the headcounts are spread to make the total
land on a fixed number whatever the scale.
"""

import datetime as dt

from dangvu.core.catalogue import Period, compute
from dangvu.core.numbers import format_int
from dangvu.members.models import IN_PARTY_STATUSES, Member
from dangvu.organizations.models import GRASSROOTS_LEVELS, Organization
from dangvu.training.models import ClassKind
from dangvu.training.services import attendance_add, training_class_create, training_class_update

from ..context import DemoContext
from ..people import random_day

YEAR = 2016
CLASSES_2016 = 64
ATTENDANCES_2016 = 10_642  # "trên 10,6 nghìn lượt"
# (kind, classes in 2016, relative size of a class, title)
PLAN = (
    (ClassKind.PARTY_WORK, 20, (60, 140), "Bồi dưỡng nghiệp vụ công tác đảng cho cấp ủy viên, bí thư chi bộ"),
    (ClassKind.POLITICAL_THEORY, 8, (90, 160), "Bồi dưỡng lý luận chính trị"),
    (ClassKind.RESOLUTIONS, 16, (250, 480), "Học tập, quán triệt Nghị quyết Đại hội XII của Đảng"),
    (ClassKind.AWARENESS, 12, (50, 110), "Bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú"),
    (ClassKind.NEW_MEMBERS, 8, (0, 0), "Bồi dưỡng lý luận chính trị cho đảng viên mới"),
)
# Other years: a smaller record, headcounts only.
OTHER_YEARS = {2015: 58, 2017: 6}
PLACES = ["Trung tâm Bồi dưỡng chính trị quận Hoàng Mai", "Hội trường Quận ủy", "Hội trường UBND phường",
          "Nhà văn hóa tổ dân phố"]  # fmt: skip


class _Training:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rng = ctx.rng_for("training")
        self.hm = Organization.objects.get(code="HM")
        self.grassroots = list(
            Organization.objects.filter(path__startswith=self.hm.path, level__in=GRASSROOTS_LEVELS).order_by("code")
        )
        self.listed: set[int] = set()  # members already named in a new-member class

    def organizer(self, kind: str, day: dt.date) -> Organization:
        # Political theory and new-member classes are the district's; the rest often a grassroots committee's.
        active = [o for o in self.grassroots if o.is_active_on(day)]
        if kind in (ClassKind.POLITICAL_THEORY, ClassKind.NEW_MEMBERS) or not active or self.rng.random() < 0.35:
            return self.hm
        return self.rng.choice(active)

    def open(self, kind, title, start: dt.date, unnamed: int):
        organizer = self.organizer(kind, start)
        days = 0 if kind in (ClassKind.RESOLUTIONS, ClassKind.AWARENESS) else self.rng.randint(2, 6)
        where = self.rng.choice(PLACES[:2] if organizer.pk == self.hm.pk else PLACES[2:])
        return training_class_create(
            actor=self.ctx.actor, title=f"{title} năm {start.year}", organizer=organizer, kind=kind,
            start_date=start, end_date=start + dt.timedelta(days=days), place=where, unnamed_count=unnamed,
        )  # fmt: skip

    def year_2016(self) -> None:
        sessions = [(kind, size, title) for kind, count, size, title in PLAN for _ in range(count)]
        starts = sorted(random_day(self.rng, dt.date(YEAR, 2, 15), dt.date(YEAR, 12, 10)) for _ in sessions)
        self.rng.shuffle(sessions)
        classes = [self.open(kind, title, start, 0) for (kind, _, title), start in zip(sessions, starts, strict=True)]
        named = sum(self.name_attendees(c) for c in classes if c.kind == ClassKind.NEW_MEMBERS)
        sizes = [self.rng.randint(*size) for _, size, _ in sessions]
        self.spread(classes, sizes, ATTENDANCES_2016 - named)

    def name_attendees(self, training_class) -> int:
        """The members admitted in the year before the class began, not yet in an earlier such class."""
        admitted = Member.objects.filter(
            org__path__startswith=self.hm.path, status__in=IN_PARTY_STATUSES,
            admitted_on__gte=dt.date(YEAR, 1, 1), admitted_on__lt=training_class.start_date,
        ).exclude(pk__in=self.listed).order_by("pk")  # fmt: skip
        count = 0
        for member in admitted[:60]:
            attendance_add(actor=self.ctx.actor, training_class=training_class, member=member)
            self.listed.add(member.pk)
            count += 1
        return count

    def spread(self, classes, weights, total: int) -> None:
        """Headcounts proportional to `weights` summing exactly to `total` (the rounding goes to the largest)."""
        scale = total / sum(weights)
        counts = [int(w * scale) for w in weights]
        counts[max(range(len(counts)), key=lambda i: weights[i])] += total - sum(counts)
        for c, n in zip(classes, counts, strict=True):
            if n:
                training_class_update(actor=self.ctx.actor, training_class=c, unnamed_count=n)

    def other_year(self, year: int, count: int) -> None:
        last = min(dt.date(year, 12, 10), dt.date.today())
        for _ in range(count):
            kind, _, size, title = self.rng.choice(PLAN[:4])
            self.open(kind, title, random_day(self.rng, dt.date(year, 2, 15), last), self.rng.randint(*size))


def build(ctx: DemoContext) -> None:
    training = _Training(ctx)
    training.other_year(2015, OTHER_YEARS[2015])
    training.year_2016()
    training.other_year(2017, OTHER_YEARS[2017])
    hm, year = training.hm, Period.year(YEAR)
    classes, attendances = compute("training.classes", hm, year), compute("training.attendances", hm, year)
    if classes != CLASSES_2016 or not 10_600 <= attendances < 10_700:  # the seed's figures, from the records
        raise RuntimeError(f"training {YEAR}: {classes} classes, {attendances} attendances")
    ctx.say(f"Bồi dưỡng {YEAR}: {classes} lớp, {format_int(attendances)} lượt tham dự.")
