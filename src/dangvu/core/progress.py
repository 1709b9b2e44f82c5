"""A progress bar on standard error for the long commands (dangvu import, demo, synthetic): drawn
in place on one line, only when stderr is a terminal — a log file or a pipe gets nothing, so
scripts and tests read the same output as before."""

import sys
import time

from dangvu.core.numbers import format_int


class Bar:
    def __init__(self, label: str, total: int | None = None, *, stream=None, width: int = 28):
        self.label, self.total, self.width = label, total, width
        self.stream = stream if stream is not None else sys.stderr
        self.on = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self._last = 0.0

    def update(self, done: int, total: int | None = None, note: str = "", *, force: bool = False):
        """Redraw with `done` of `total` (at most ten times a second unless `force`)."""
        if total is not None:
            self.total = total
        now = time.monotonic()
        finished = bool(self.total) and done >= self.total
        if not self.on or (not force and not finished and now - self._last < 0.1):
            return
        self._last = now
        elapsed = now - self.started
        if self.total:
            share = min(1.0, done / self.total)
            filled = round(share * self.width)
            left = f", còn ~{elapsed / done * (self.total - done):.0f} giây" if 0 < done < self.total else ""
            bar = "#" * filled + "." * (self.width - filled)
            line = f"{self.label} [{bar}] {format_int(done)}/{format_int(self.total)}{left}"
        else:
            line = f"{self.label} {format_int(done)} ({elapsed:.0f} giây)"
        if note:
            line += f" — {note}"
        self.stream.write("\r" + line[:160] + "\x1b[K")
        self.stream.flush()

    def clear(self):
        """Erase the bar's line, so that a line printed next (on stdout) starts clean; the next
        update draws the bar again below it."""
        if self.on:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._last = 0.0

    def close(self):
        if self.on:
            self.stream.write("\n")
            self.stream.flush()
