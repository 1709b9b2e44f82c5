"""The web interface on loopback: gunicorn serving the built database, one session cookie (a login
through the login form), the dashboard, a search, a member page and a unit page. Per page:

- CPU per request: with ONE client, the CPU the server side spent — gunicorn's processes and the
  PostgreSQL backends they opened (read from /proc, so other work on the shared machine does not
  count) — divided by the requests, and scaled to the machine's full speed: after each request
  the benchmark times a fixed piece of Python (common.reference_cpu), whose CPU time doubles when
  the shared machine's cores slow down (the same page measured 12 and 18 ms an hour apart), so
  runs can be compared. The aims (search <= 15 ms, unit page <= 12 ms, member page and dashboard
  <= 10 ms) are read on the CPU as measured: the scaling corrects only part of a slowdown (the
  member page at speed 0,79: 17,1 ms measured, 13,5 scaled, against 12,0 at full speed);
- throughput at saturation: requests/s under 16 clients;
- p95 under 16 clients next to its queueing bound: N closed-loop clients on k cores wait about
  N x CPU / k, so the p95 should be within 1,5x of 16 x CPU / cores. Beside it, what the load
  phase itself measured: the server's CPU a request under load, how many of the k cores it used
  (throughput x that CPU: when the shared machine gives it 1,4 of 2 cores, requests wait ~1,4x
  longer than the bound whatever the code does) and the clients' own CPU a request (one asyncio
  loop, ~0,3–0,6 ms: the clients are not what takes the cores). gunicorn runs as the README's
  deployment has it (dangvu.gunicorn_conf: one worker a core, 2 threads each, a connection a
  request taken by the first worker with room), so each client opens a connection for every
  request, as the HTTPS proxy in front would.
Bounded: a fixed number of requests per page and a time limit; gunicorn is stopped by its pid."""

import argparse
import asyncio
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from .common import REFERENCE_S, ROOT, note, proc_cpu, reference_cpu, report, setup_django

USER, PASSWORD = "bench-admin", "bench-mat-khau-2026"
AIM_CPU_MS = {"dashboard": 10, "search": 15, "member": 10, "unit": 12}
AIM_BOUND = 1.5  # the p95 under N clients within this multiple of N x CPU / cores
# The server's PostgreSQL connections carry this name, so their backends' CPU is counted and no one
# else's (another benchmark may read the same database).
APP_NAME = "dangvu-bench-web"
REQUEST_TIMEOUT = 30  # seconds: a request still unanswered then counts as an error


def group_pids(pgid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[2]) == pgid:
                        pids.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return pids


def postmaster_of(backend: int) -> int | None:
    try:
        with open(f"/proc/{backend}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def server_cpu(proc) -> dict[str, dict[int, float]]:
    """CPU seconds so far of gunicorn's processes and of the PostgreSQL backends they opened, and
    ("ended") of the PostgreSQL processes that have ended: a parallel plan's workers live for one
    query, so only their postmaster's count of its reaped children holds their CPU — with that of
    any other session's backend that ended meanwhile (another benchmark's), so it is shown apart."""
    from django.db import connection

    backends = []
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s", [APP_NAME])
            backends = [r[0] for r in c.fetchall()]
    postmaster = postmaster_of(backends[0]) if backends else None
    return {
        "app": {p: proc_cpu(p) for p in group_pids(proc.pid)},
        "db": {p: proc_cpu(p) for p in backends},
        "ended": {postmaster: proc_cpu(postmaster, reaped=True)} if postmaster else {},
    }


def cpu_spent(before: dict, after: dict) -> dict[str, float]:
    """Seconds spent between two `server_cpu` readings; a backend opened in between counts whole."""
    return {k: sum(v - before[k].get(p, 0.0) for p, v in after[k].items()) for k in after}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_user():
    from django.contrib.auth import get_user_model

    from dangvu.accounts.models import Role
    from dangvu.accounts.services import user_create
    from dangvu.organizations.models import Organization

    root = Organization.objects.filter(parent=None).order_by("pk").first()
    if not get_user_model().objects.filter(username=USER).exists():
        user_create(actor=None, username=USER, password=PASSWORD, role=Role.ADMIN, org=root, check_password=False)
    return root


def pages(root, year: int) -> dict[str, list[str]]:
    from dangvu.members.models import Member
    from dangvu.organizations.models import Level, Organization

    # Inside the user's scope (the first root: one province of the country), or every page is a 404.
    under = root.path
    members = list(
        Member.objects.filter(status="full", org__path__startswith=under)
        .order_by("pk")
        .values_list("pk", flat=True)[:2000:100]
    )
    units = list(
        Organization.objects.filter(level=Level.GRASSROOTS_COMMITTEE, path__startswith=under)
        .order_by("pk")
        .values_list("pk", flat=True)[:20]
    )
    words = ["nguyen van an", "tran thi lan", "hung", "pham minh", "le thu ha"]
    # The dashboard last: a slow page keeps the workers busy after its clients give up.
    return {
        "search": [f"/dang-vien/?q={urllib.parse.quote(w)}" for w in words],
        "member": [f"/dang-vien/{pk}/" for pk in members],
        "unit": [f"/to-chuc/{pk}/" for pk in units],
        "dashboard": [f"/tong-quan/{root.pk}/{year}/"],
    }


class Client:
    def __init__(self, port: int, cookie: str = ""):
        self.port, self.cookie = port, cookie
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def login(self, username: str = USER, password: str = PASSWORD) -> str:
        """Through the login form; the session's cookie."""
        self.conn.request("GET", "/dang-nhap/", headers={"Host": "127.0.0.1"})
        resp = self.conn.getresponse()
        body = resp.read().decode()
        csrf = re.search(r"csrftoken=([^;]+)", resp.getheader("Set-Cookie", "")).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        form = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        self.conn.request("POST", "/dang-nhap/", body=form, headers={
            "Cookie": f"csrftoken={csrf}", "Content-Type": "application/x-www-form-urlencoded",
            "Host": "127.0.0.1", "Referer": f"http://127.0.0.1:{self.port}/dang-nhap/",
        })  # fmt: skip
        resp = self.conn.getresponse()
        resp.read()
        session = re.search(r"sessionid=([^;]+)", resp.getheader("Set-Cookie", "") or "")
        if resp.status != 302 or not session:
            raise RuntimeError(f"{username}'s login failed: {resp.status}")
        self.cookie = f"sessionid={session.group(1)}; csrftoken={csrf}"
        return self.cookie


def start_server(port: int, workers: int):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dangvu.settings",
        "DANGVU_ALLOWED_HOSTS": "127.0.0.1",
        "DANGVU_DEBUG": "0",
        # One cache for the workers, as the README's deployment has it; empty for every run.
        "DANGVU_CACHE_DIR": tempfile.mkdtemp(prefix="dangvu-bench-cache-"),
        "PGAPPNAME": APP_NAME,  # libpq's default application_name: server_cpu finds the backends
    }
    cmd = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "python:dangvu.gunicorn_conf", "dangvu.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
    proc.cache_dir = env["DANGVU_CACHE_DIR"]
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError("gunicorn did not start")


def stop_server(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # the process group gunicorn leads (start_new_session)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    shutil.rmtree(proc.cache_dir, ignore_errors=True)


async def _get(conn, port: int, cookie: str, url: str):
    """One GET on `conn` ((reader, writer), opened if None) over HTTP/1.1 kept alive: (status, the
    connection to reuse or None when the server closes it)."""
    if conn is None:
        conn = await asyncio.open_connection("127.0.0.1", port)
    reader, writer = conn
    writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n\r\n".encode("latin-1"))
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
    status = int(head[9:12])
    length = re.search(r"\r\ncontent-length: *(\d+)", head)
    if length:
        await reader.readexactly(int(length.group(1)))
    elif "\r\ntransfer-encoding: chunked" in head:
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")  # no trailers: the empty line after the last chunk
    else:
        await reader.read()  # the body runs to the end of the connection
        conn = None
    if conn is not None and "\r\nconnection: close" in head:
        conn = None
    if conn is None:
        writer.close()
    return status, conn


def load(
    port: int,
    cookie: str,
    urls: list[str],
    clients: int,
    requests: int,
    limit: float,
    fresh: bool = False,
    after=None,
) -> tuple[list, int]:
    """`requests` GETs spread over `clients` closed-loop clients, each on its own keep-alive
    connection (a new connection for every request with `fresh`), `after()` called by the client
    after each answer; stops at `limit` seconds whatever is left. Returns (latencies in seconds,
    errors): an answer other than 200, no answer within REQUEST_TIMEOUT, a broken connection, or a
    request still in flight at `limit`.

    The clients share the server's cores, so they are kept cheap and out of each other's way: one
    asyncio loop writing the request and reading the answer's bytes, ~0,25 ms of CPU a request on a
    kept connection and ~0,6 with a new one (16 threads of http.client: ~0,37 on a kept one)."""
    latencies, errors = [], [0]
    counter = iter(range(requests))
    open_conns: set = set()

    async def client():
        conn = None
        while (i := next(counter, None)) is not None:
            t = time.perf_counter()
            try:
                got = _get(None if fresh else conn, port, cookie, urls[i % len(urls)])
                status, conn = await asyncio.wait_for(got, REQUEST_TIMEOUT)
            except Exception:  # refused, reset, cut short, too long a header, no answer in time
                status, conn = 0, None
            latencies.append(time.perf_counter() - t)
            if status != 200:
                errors[0] += 1
            if conn is not None and fresh:
                conn[1].close()
            elif conn is not None:
                open_conns.add(conn[1])  # closed when the load ends
            if after is not None:
                after()

    async def all_clients():
        tasks = [asyncio.create_task(client()) for _ in range(clients)]
        done, pending = await asyncio.wait(tasks, timeout=limit)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        errors[0] += len(pending)  # a request in flight at the time limit is an error too
        for writer in open_conns:
            writer.close()
        for task in done:
            task.result()  # a client that failed outside a request (its `after`) fails the load

    # A loop of its own in a thread of its own: the caller's thread may run one already (pytest's
    # process after Playwright's sync API), and asyncio.run refuses to start inside it.
    failed = []

    def run_loop():
        try:
            asyncio.run(all_clients())
        except Exception as e:
            failed.append(e)

    runner = threading.Thread(target=run_loop)
    runner.start()
    runner.join()
    if failed:
        raise failed[0]
    return latencies, errors[0]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def run(size: str, year: int, clients: int, requests: int, workers: int, only: list[str] | None = None):
    root = ensure_user()
    if root is None:
        note(f"{size}: no data — skipped")
        return
    urls = {k: v for k, v in pages(root, year).items() if not only or k in only}
    cores = len(os.sched_getaffinity(0))  # the cores the server may run on, as gunicorn_conf counts them
    port = free_port()
    proc = start_server(port, workers)
    # Stopped by a timeout or Ctrl-C, the server goes too (it leads its own process group).
    signal.signal(signal.SIGTERM, lambda *_: (stop_server(proc), sys.exit(143)))
    try:
        cookie = Client(port).login()
        for name, page_urls in urls.items():
            # Warm every worker and thread (templates, connections, the dashboard's cache) first, on
            # a new connection each time: kept-alive ones could all land on some workers, and the one
            # client then met a cold one (its imports and its new PostgreSQL backend's first plans
            # counted in the CPU per request: the search's gunicorn share came out 25 or 46 ms).
            load(port, cookie, page_urls, 2 * workers, 8 * workers, 60, fresh=True)
            before = server_cpu(proc)
            # The reference loop timed after each answer, while the server is idle.
            samples = []
            one, _ = load(
                port,
                cookie,
                page_urls,
                1,
                max(20, requests // 4),
                40,
                after=lambda s=samples: s.append(reference_cpu()),
            )
            spent = cpu_spent(before, server_cpu(proc))
            if not one:
                note(f"web.{name}[{size}]: no answer within 40 s from one client — skipped")
                continue
            cpu = (spent["app"] + spent["db"]) / len(one)
            speed = REFERENCE_S / statistics.mean(samples)  # 1: the machine at full speed; 0,5: half
            full = cpu * speed
            before = server_cpu(proc)
            started, client_cpu = time.perf_counter(), time.process_time()
            lat, errors = load(port, cookie, page_urls, clients, requests, 90)
            rate = len(lat) / (time.perf_counter() - started)
            client_cpu = (time.process_time() - client_cpu) / max(1, len(lat))
            after = server_cpu(proc)
            loaded = cpu_spent(before, after)
            loaded_cpu = (loaded["app"] + loaded["db"]) / max(1, len(lat))
            p50, p95 = pct(lat, 50), pct(lat, 95)
            bound = clients * cpu / cores
            aim_cpu = AIM_CPU_MS[name] / 1000
            n = len(one)
            report(
                f"web.{name}[{size}].cpu",
                f"CPU {cpu * 1000:.1f} ms/request ({full * 1000:.1f} scaled to full speed from speed "
                f"{speed:.2f}; gunicorn {spent['app'] / n * 1000:.1f} + PostgreSQL {spent['db'] / n * 1000:.1f}; "
                f"{n} req); {rate:.0f} req/s at {clients} clients; + {spent['ended'] / n * 1000:.1f} in PostgreSQL "
                f"processes that ended (parallel workers)",
                f"1 client p50 {statistics.median(one) * 1000:.0f} ms", None,
                f"CPU ≤ {AIM_CPU_MS[name]} ms", cpu <= aim_cpu, cpu=cpu, cpu_full=full,
                speed=speed, cpu_app=spent["app"] / n, cpu_db=spent["db"] / n, cpu_ended=spent["ended"] / n,
                solo_p50=statistics.median(one), rate=rate,
            )  # fmt: skip
            report(
                f"web.{name}[{size}]",
                f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms ({len(lat)} req, {clients} clients, {errors} err; "
                f"under load the server's CPU {loaded_cpu * 1000:.1f} ms/request, "
                f"{rate * loaded_cpu:.2f} of the {cores} cores, the clients' own {client_cpu * 1000:.2f} ms/request)",
                f"bound {clients} × CPU / {cores} cores = {bound * 1000:.0f} ms", p95 / bound if bound else None,
                f"p95 ≤ {AIM_BOUND}× bound", bool(bound) and p95 <= AIM_BOUND * bound and not errors,
                p50=p50, p95=p95, bound=bound, requests=len(lat), errors=errors, rate=rate,
                load=os.getloadavg()[0], client_cpu=client_cpu, loaded_cpu=loaded_cpu,
                cores_used=rate * loaded_cpu,
            )  # fmt: skip
    finally:
        stop_server(proc)


def main():
    import datetime as dt

    parser = argparse.ArgumentParser()
    parser.add_argument("--size", required=True)
    parser.add_argument("--year", type=int, default=dt.date.today().year - 1)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=160, help="per page")
    parser.add_argument(
        "--workers", type=int, default=len(os.sched_getaffinity(0)), help="gunicorn's (default: one a core)"
    )
    parser.add_argument("--pages", nargs="+", choices=sorted(AIM_CPU_MS), help="only these pages")
    args = parser.parse_args()
    setup_django()
    run(args.size, args.year, args.clients, args.requests, args.workers, args.pages)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
