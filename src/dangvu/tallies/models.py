"""Per unit and year: the members at the end of the year, the admissions and the flows during it.

`members.total`, `.probationary`, `.full`, `.admitted`, `.increase` and `.decrease` of a whole year
are sums over the units of a subtree; read from the member periods, a country's province read ~40
entries of the periods' index for each of its ~5.200 units (~90 ms). The rows are derived
from the member periods and events, as the periods are from the events: kept in the same transaction
by every write of them (members.services._rebuild, and core.bulk's inserts for the import and the
demo), filled whole by `dangvu tallies`. A subtree's figure sums the units that stood in it on the
day, as the live count does: the rows whose `path` (the unit's place at the end of the year, or on
its last day in it) lies under the root's, one range of the (year, path) index (~2 ms a province)
instead of one probe a unit (~50 ms). A move (org_move) gives the moved units' rows of its year and
after their new place, through organizations.signals.positions_changed."""

from django.db import models

from dangvu.organizations.models import Organization


class Horizon(models.Model):
    """The last year the rows are kept for (one row, or none: no rows kept, every figure counts
    live). A member still in a unit counts in every year-end up to it; a year after it is counted
    live until `dangvu tallies` moves the horizon on."""

    year = models.PositiveSmallIntegerField()

    def __str__(self):
        return str(self.year)


# The counts of a row, in the order tallies.services adds them (and the index carries them).
COUNTED = (
    "total", "probationary", "full_members", "exempt", "suspended", "admitted", "started", "ended", "pairs",
)  # fmt: skip


class UnitYear(models.Model):
    """The members of `org` at the end of 31/12 of `year` (as member_counts_on counts them for the
    unit alone) and the admissions dated in the year with `org` as their unit. A missing row is
    all zeros."""

    # No index of its own: the unique (org, year) serves the unit's rows.
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField()
    # The unit's OrgPeriod path on 31/12 of `year`, or on its last day in the year if it ended
    # before: what a subtree's sum picks the rows by ("" only for a unit with no place that year).
    path = models.CharField(max_length=255, default="", db_default="")
    total = models.IntegerField(default=0)
    probationary = models.IntegerField(default=0)
    full_members = models.IntegerField(default=0)
    exempt = models.IntegerField(default=0)
    suspended = models.IntegerField(default=0)
    admitted = models.IntegerField(default=0)
    # The flows (members.increase / decrease) of a subtree that stood still all year: the periods
    # of the unit beginning and ending in the year, less the pairs counted at a unit of the
    # subtree — a member's period ending and another beginning on the same day in two units (or
    # one) whose lowest common superior that day is this unit (both sides then lie inside every
    # subtree holding this unit, outside any other).
    started = models.IntegerField(default=0, db_default=0)
    ended = models.IntegerField(default=0, db_default=0)
    pairs = models.IntegerField(default=0, db_default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="tallies_one_row_a_unit_year")]
        # A subtree's rows of a year: one range (path LIKE 'prefix%' needs the pattern opclass on
        # PostgreSQL), read from the index alone: a province's ~5.000 rows lie on as many pages
        # of the table (19 ms), in the index on ~30 (1,6 ms). SQLite ignores opclasses and
        # INCLUDE (settings silences its warning, models.W040).
        indexes = [
            models.Index(
                fields=["year", "path"], name="unityear_year_path", opclasses=["int2_ops", "varchar_pattern_ops"],
                include=list(COUNTED),
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.org_id}/{self.year}: {self.total}"
