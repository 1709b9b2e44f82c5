"""Benchmarks: `make bench` (district on SQLite, city on PostgreSQL), `make bench SIZE=country`.
See bench/RESULTS.md for the latest figures and bench/__main__.py for what runs."""
