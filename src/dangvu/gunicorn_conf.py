"""gunicorn's settings for the site, as the README's deployment and bench.web run it:
`gunicorn -c python:dangvu.gunicorn_conf dangvu.wsgi:application` (bench/RESULTS.md has the runs).

- One worker a core: with more workers than cores the system time-slices them and the slowest
  requests grow, at no gain in throughput (country, member page, 2 cores: p95 1,2–1,5× its
  queueing bound with 2 workers, 2,3× with 4, 3,1× with 8).
- Two threads a worker: one answers while the other waits for PostgreSQL (half of a search's time).
- A worker takes a connection only when it can start on it soon (`worker_connections` = threads +
  1) and closes it after the answer (`keepalive` 0). The others wait in the listening socket's
  queue, which the workers share, and go to the first with room: behind a worker's two slow
  requests (a report, a large upload) waits at most the one it has taken, not every request its
  clients send. With connections kept alive, each stayed with the
  worker that had accepted it and one worker often held 11–13 of 16 clients: their requests waited
  twice as long as the others'. City, 16 clients, p95 against its bound: 1,2–1,6× this way against
  1,3–2,0× before. Browsers keep their connections alive to the HTTPS proxy in front, which opens
  one to gunicorn per request (nginx's default, HTTP/1.0) on the same machine or network. With
  so few connections a worker must never wait for a slow client: gunicorn listens only for the
  proxy, which reads each request whole before passing it on and closes its connection to
  gunicorn as soon as the answer is in (nginx does both by default; a peer that keeps it open
  holds the worker up to 2 s as gunicorn closes it: SECURITY.md).

Set the threads here, not on the command line: `worker_connections` follows them."""

import os

workers = len(os.sched_getaffinity(0))  # the cores this process may run on, as `nproc` counts them
threads = 2
worker_connections = threads + 1
keepalive = 0
