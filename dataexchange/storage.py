"""Where import uploads and export results are kept: the "dataexchange" storage (settings.STORAGES).

In production a folder outside MEDIA_ROOT (DATAEXCHANGE_FILES_ROOT) that no URL pattern serves;
in tests memory. A file there is read by the application only: an export result goes to its owner
through dataexchange.views.export_job_download_view, an upload is never sent back at all.
"""
from uuid import uuid4

from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """A FileSystemStorage with no URL: nothing in it may be linked to or served directly."""

    def url(self, name):
        raise ValueError("Files of the dataexchange storage have no URL; they are read by the application only.")


def dataexchange_storage():
    """The storage of the FileFields below (a callable, so a missing STORAGES entry fails loudly at
    start-up and migrations do not record the storage itself)."""
    return storages["dataexchange"]


def import_upload_name(instance, filename) -> str:
    return f"imports/{uuid4().hex}.xlsx"


def export_result_name(instance, filename) -> str:
    return f"exports/{uuid4().hex}.{instance.fmt}"
