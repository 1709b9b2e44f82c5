"""The `dangvu` command: Django's manage.py with Dangvu's settings.

`dangvu demo`, `dangvu indicators …`, `dangvu migrate`, `dangvu runserver` — every management
command of the project and of Django.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line
    from django.db import connections

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    try:
        execute_from_command_line(["dangvu", *(sys.argv[1:] if argv is None else argv)])
    finally:
        # Closed, not dropped at exit: SQLite then refreshes its planner's statistics for what the
        # command wrote (a migration, an import, the demo; core/sqlite3/base.py).
        connections.close_all()


if __name__ == "__main__":
    main()
