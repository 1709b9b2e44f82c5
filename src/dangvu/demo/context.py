"""What the demo steps share: who acts, a seeded random generator, the units built so far."""

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from dangvu.organizations.models import Organization

SEED = 2016
YEAR = 2016
YEAR_END = dt.date(2016, 12, 31)
HISTORY_FROM = dt.date(2006, 1, 1)


@dataclass
class DemoContext:
    actor: object  # the user the audit names for the demo's writes
    # 1.0 builds the full district (~16,000 members); tests use a small scale, which keeps every
    # figure of the seed (they are fixed counts) and shrinks only the bulk of the registry.
    scale: float = 1.0
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    orgs: dict[str, Organization] = field(default_factory=dict)  # by code
    log: list[str] = field(default_factory=list)
    # Where s90_accounts writes the demo logins; None: settings.DATA_DIR / "demo-logins.txt".
    logins_file: Path | None = None
    logins: list = field(default_factory=list)  # the demo logins made (demo.logins.Line)

    def org(self, code: str) -> Organization:
        return self.orgs[code]

    def say(self, message: str):
        self.log.append(message)

    def rng_for(self, name: str) -> random.Random:
        """An independent, seeded generator per step, so adding a step never changes another's data."""
        return random.Random(f"{SEED}:{name}")


def seconds(elapsed: float) -> str:
    """A duration as the log shows it, with the Vietnamese decimal comma: "12,3 giây"."""
    return f"{elapsed:.1f}".replace(".", ",") + " giây"
