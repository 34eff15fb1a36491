"""Reading stored files for the views that serve them (photos here, collateral files there).

A row that names a file the storage no longer has is a fault for an administrator (a lost
volume, a bad restore), not for the reader: they get a 404, and the log gets an error naming
the file, so the same thing happens for every kind of file in every app.
"""

import logging

from django.db.models.fields.files import FieldFile
from django.http import Http404

logger = logging.getLogger("onevoice.files")


def open_or_404(file: FieldFile, what: str) -> FieldFile:
    """`file` opened for reading, or Http404 (logged as an error) when storage lost it."""
    try:
        return file.open("rb")
    except FileNotFoundError:
        logger.error("Stored file missing: %s %s", what, file.name)
        raise Http404(f"The {what} is missing.") from None
