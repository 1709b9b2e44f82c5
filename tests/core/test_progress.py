"""The commands' progress bar: drawn on a terminal, with count, total and time left; nothing at
all when stderr is a file or a pipe, so logs and scripts see the output they always did."""

import io

from dangvu.core.progress import Bar


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_the_bar_shows_count_total_and_the_last_update_always():
    out = Terminal()
    bar = Bar("Nhập", 12480, stream=out, width=10)
    bar.update(6240, note="đã ghi 0")
    bar.update(6241)  # within a tenth of a second: not redrawn
    bar.update(12480)  # the end is always drawn
    bar.close()
    frames = out.getvalue().split("\r")[1:]
    assert len(frames) == 2
    assert frames[0].startswith("Nhập [#####.....] 6.240/12.480, còn ~") and "— đã ghi 0" in frames[0]
    assert frames[1].startswith("Nhập [##########] 12.480/12.480") and frames[1].endswith("\n")


def test_when_stderr_is_not_a_terminal_nothing_is_written():
    out = io.StringIO()
    bar = Bar("Nhập", 10, stream=out)
    bar.update(10, force=True)
    bar.clear()
    bar.close()
    assert out.getvalue() == ""
