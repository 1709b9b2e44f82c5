"""The Hoàng Mai 2016 demo as a test fixture, built once per test session at a small scale.

Loaded by tests/conftest.py (`pytest_plugins = ["tests.demo_fixtures"]`). The demo is committed
to the test database outside any test's transaction, so the tests that use it see it and roll
their own changes back. Because it stays, the tests that use `demo_data` run after all the
others (see pytest_collection_modifyitems), which therefore never see it; they are marked `demo`.
A transactional test (live_server, transactional_db) empties the database when it ends: the
next use of `demo_data` notices and builds the demo again.
"""

import time
from pathlib import Path

import pytest
from django.test import override_settings

DEMO_SCALE = 0.03
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class DemoData:
    """The demo in the test database: its key organizations (fetched fresh on each access) and
    the demo logins' passwords."""

    def __init__(self, blocker, logins_file: Path):
        self._blocker = blocker
        self.logins_file = logins_file
        self.passwords: dict[str, str] = {}
        self.build_seconds: float | None = None  # wall clock
        self.build_cpu_seconds: float | None = None  # this process only: the database server excluded

    def ensure(self) -> "DemoData":
        """Build the demo if it is not (or no longer) in the database."""
        from dangvu.organizations.models import Organization

        with self._blocker.unblock():
            if not Organization.objects.filter(code="HM").exists():
                self._build()
        return self

    def _build(self):
        from dangvu.demo.logins import system_user
        from dangvu.demo.runner import build_demo

        started, cpu_started = time.perf_counter(), time.process_time()
        # The hasher the tests use (tests/conftest.py), so that the passwords can be checked.
        with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
            ctx = build_demo(actor=system_user(), scale=DEMO_SCALE, log=lambda line: None,
                             logins_file=self.logins_file)  # fmt: skip
        self.build_seconds = time.perf_counter() - started
        self.build_cpu_seconds = time.process_time() - cpu_started
        self.passwords = {line.username: line.password for line in ctx.logins}

    def org(self, code: str):
        from dangvu.organizations.models import Organization

        self.ensure()
        with self._blocker.unblock():
            return Organization.objects.get(code=code)

    def password(self, username: str) -> str:
        self.ensure()
        return self.passwords[username]

    @property
    def hn(self):
        return self.org("HN")

    @property
    def hm(self):
        return self.org("HM")

    @property
    def dinh_cong(self):
        return self.org("HM-DC")

    @property
    def dai_kim(self):
        return self.org("HM-DK")


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory) -> DemoData:
    return DemoData(django_db_blocker, tmp_path_factory.mktemp("demo") / "demo-logins.txt").ensure()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that use the demo last (keeping pytest-django's order among them and among
    the others), and mark them `demo`."""
    uses_demo = [item for item in items if "demo_data" in getattr(item, "fixturenames", ())]
    if not uses_demo:
        return
    for item in uses_demo:
        item.add_marker(pytest.mark.demo)
    chosen = set(map(id, uses_demo))
    items[:] = [item for item in items if id(item) not in chosen] + uses_demo
