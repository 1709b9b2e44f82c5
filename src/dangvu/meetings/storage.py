"""Where the minutes and resolutions of meetings are kept: DATA_DIR/media/, outside the static
files, served only through a scoped view (never by a public MEDIA_URL). The location follows
settings.DATA_DIR when it is read, so a test or a deployment that moves DATA_DIR moves it too."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class DataDirStorage(FileSystemStorage):
    @property
    def base_location(self):
        return str(settings.DATA_DIR / "media")

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def media_storage() -> FileSystemStorage:
    return DataDirStorage()
