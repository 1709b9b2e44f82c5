"""Per unit and year: the members at the end of the year and the admissions during it.

`members.total`, `.probationary`, `.full` and `.admitted` of a whole year are sums over the units of
a subtree; read from the member periods, a country's province read ~40 entries of the periods'
index for each of its ~5.200 units (~90 ms); from these rows one a unit (~40 ms on the loaded
machine: PostgreSQL still probes the units one by one, see bench/RESULTS.md). The rows are derived
from the member periods and events, as the periods are from the events: kept in the same transaction
by every write of them (members.services._rebuild, and core.bulk's inserts for the import and the
demo), filled whole by `dangvu tallies`. A unit's row does not depend on where the unit stands in
the tree, so moving a unit (org_move) changes none; a subtree's figure sums the units that stood in
it on the day, as the live count does."""

from django.db import models

from dangvu.organizations.models import Organization


class Horizon(models.Model):
    """The last year the rows are kept for (one row, or none: no rows kept, every figure counts
    live). A member still in a unit counts in every year-end up to it; a year after it is counted
    live until `dangvu tallies` moves the horizon on."""

    year = models.PositiveSmallIntegerField()

    def __str__(self):
        return str(self.year)


class UnitYear(models.Model):
    """The members of `org` at the end of 31/12 of `year` (as member_counts_on counts them for the
    unit alone) and the admissions dated in the year with `org` as their unit. A missing row is
    all zeros."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    total = models.IntegerField(default=0)
    probationary = models.IntegerField(default=0)
    full_members = models.IntegerField(default=0)
    exempt = models.IntegerField(default=0)
    suspended = models.IntegerField(default=0)
    admitted = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="tallies_one_row_a_unit_year")]

    def __str__(self):
        return f"{self.org_id}/{self.year}: {self.total}"
