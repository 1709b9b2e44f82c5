"""The member's handbook under load (issue 22, item 9): the member's home page and the documents
list, asked by one member's session.

- CPU per request: the pages rendered in this process through Django's test client, timed with
  process_time (the CPU the request takes, whatever else the machine does), median of rounds;
- throughput: the same pages from gunicorn under 16 clients (bench.web's server and load helpers);
- what 5,6 million members would need: the cores the CPU per request asks for in a peak hour when
  a fifth of all members open each page twice (an assumption, printed with the figure).

The member, a ward clerk and 30 documents published to the member's ward are created once in the
benchmark database (names starting "bench-"), through the services."""

import argparse
import datetime as dt
import statistics
import sys
import time

from .common import note, report, setup_django

MEMBER_USER, CLERK_USER, PASSWORD = "bench-dang-vien", "bench-van-phong", "bench-mat-khau-2026"
DOCUMENTS = 30
MEMBERS_COUNTRY = 5_600_000
PEAK_SHARE, PEAK_OPENS = 0.2, 2  # a fifth of the members, twice each page, in one hour
# The CPU a request takes decides the servers 5,6 million members need (20 ms: 12 cores at the
# peak above); the latency under 16 clients measures this shared machine's two cores as much.
AIM_CPU_MS = 20
PDF = b"%PDF-1.4\n% bench\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ensure_member():
    """(member user, ward) — a full member of a cell under the first root, with an account."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from dangvu.accounts.models import Role
    from dangvu.accounts.scope import Scope
    from dangvu.accounts.services import user_create
    from dangvu.handbook.documents import document_publish
    from dangvu.handbook.models import Document, MemberAccount
    from dangvu.members.models import Activity, Member
    from dangvu.organizations.models import Level

    users = get_user_model().objects
    account = MemberAccount.objects.filter(user__username=MEMBER_USER).select_related("member__org").first()
    if account is None:
        member = (
            Member.objects.filter(status="full", activity=Activity.ACTIVE, org__level=Level.CELL, account__isnull=True)
            .select_related("org")
            .order_by("pk")
            .first()
        )
        if member is None:
            return None, None
        user = user_create(actor=None, username=MEMBER_USER, password=PASSWORD, role=Role.MEMBER, org=member.org,
                           full_name=member.full_name, check_password=False)  # fmt: skip
        account = MemberAccount.objects.create(user=user, member=member, activated_at=timezone.now())
    ward = account.member.org.parent
    clerk = users.filter(username=CLERK_USER).first() or user_create(
        actor=None, username=CLERK_USER, password=PASSWORD, role=Role.GRASSROOTS, org=ward, check_password=False
    )
    have = Document.objects.filter(publisher=ward, number__startswith="BENCH-").count()
    for i in range(have, DOCUMENTS):
        document_publish(
            actor=clerk, scope=Scope.of(clerk), kind="guide", number=f"BENCH-{i + 1}/HD", issued_on=dt.date.today(),
            issuer="Đảng ủy", title=f"Hướng dẫn số {i + 1} về học tập nghị quyết", today=dt.date.today(),
            file=SimpleUploadedFile(f"hd-{i + 1}.pdf", PDF),
        )  # fmt: skip
    return account.user, ward


PAGES = {"home": "/so-tay/", "documents": "/so-tay/van-ban/"}


def cpu_per_request(user, url: str, rounds: int = 5, per_round: int = 20) -> float:
    """Median over rounds of the CPU seconds one request takes, in this process."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    if client.get(url).status_code != 200:
        raise RuntimeError(f"{url} did not answer 200")
    samples = []
    for _ in range(rounds):
        t = time.process_time()
        for _ in range(per_round):
            client.get(url)
        samples.append((time.process_time() - t) / per_round)
    return statistics.median(samples)


def login(port: int) -> str:
    """The member's session cookie, through the login form (bench.web.Client)."""
    from .web import Client

    return Client(port).login(MEMBER_USER, PASSWORD)


def run(size: str, clients: int, requests: int, workers: int):
    from .web import free_port, load, start_server, stop_server

    user, ward = ensure_member()
    if user is None:
        note(f"handbook[{size}]: no member in a cell — skipped")
        return
    cpu = {name: cpu_per_request(user, url) for name, url in PAGES.items()}
    port = free_port()
    proc = start_server(port, workers)
    try:
        cookie = login(port)
        for name, url in PAGES.items():
            load(port, cookie, [url], 1, 10, 30)  # warm the workers
            started = time.perf_counter()
            lat, errors = load(port, cookie, [url], clients, requests, 90)
            elapsed = time.perf_counter() - started
            rate = len(lat) / elapsed if elapsed else 0
            peak = MEMBERS_COUNTRY * PEAK_SHARE * PEAK_OPENS / 3600
            cores = peak * cpu[name]
            lat.sort()
            p95 = lat[min(len(lat) - 1, int(0.95 * (len(lat) - 1)))]
            report(
                f"handbook.{name}[{size}]",
                f"CPU {cpu[name] * 1000:.1f} ms/request; {rate:.0f} req/s with {clients} clients on {workers} workers "
                f"(p95 {p95 * 1000:.0f} ms, {errors} errors); 5,6 million members: {peak:.0f} req/s at peak "
                f"({PEAK_SHARE:.0%} open it {PEAK_OPENS}× in an hour) ≈ {cores:.1f} CPU cores",
                f"{workers} workers", None, f"CPU < {AIM_CPU_MS} ms/request, no errors",
                cpu[name] * 1000 < AIM_CPU_MS and not errors,
                cpu_ms=cpu[name] * 1000, rate=rate, p95=p95, errors=errors, peak_rate=peak, cores=cores,
            )  # fmt: skip
    finally:
        stop_server(proc)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", required=True)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=320, help="per page")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    setup_django()
    run(args.size, args.clients, args.requests, args.workers)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
