"""Open-data exports of a Plan's contributions: CSV, XLSX and JSON-LD.

``contributions(plan)`` yields every comment, reply and Pledge of the Plan
the current user may export, oldest first, as plain dicts: who may moderate
gets every state (but not contributions still awaiting their author's
e-mail confirmation), everybody else the published ones; the e-mail address
only with "View contributor e-mail". ``write_export`` writes them into a binary file
in a format: each format is a writer registered by name (writers.py).

Memory stays flat whatever the number of contributions: the catalog is read
in windows of creation dates (bisected until each holds at most
``WINDOW_SIZE`` entries, so no result set, brain list or sort key list ever
spans the whole consultation), one object is woken at a time and let go, and
the ZODB cache is emptied after each window. The writers hold one row at a
time: the CSV and JSON writers write through, xlsxwriter in constant_memory
mode keeps each row only until the next one.

Spreadsheet cells are neutralised against formula injection (OWASP): a text
starting with = + - @, a tab or a carriage return (or their full-width forms,
after leading spaces) gets a leading apostrophe. CSV fields are all quoted, so
that a spreadsheet splitting on ";" (the Italian list separator) still keeps
each field, and its apostrophe, whole.
"""

from torino.socialplan.consultation.exports.cells import filename
from torino.socialplan.consultation.exports.cells import Labels
from torino.socialplan.consultation.exports.cells import neutralise
from torino.socialplan.consultation.exports.export_rows import Audience
from torino.socialplan.consultation.exports.export_rows import audience
from torino.socialplan.consultation.exports.export_rows import Contributions
from torino.socialplan.consultation.exports.export_rows import contributions
from torino.socialplan.consultation.exports.writers import formats
from torino.socialplan.consultation.exports.writers import write_export
from torino.socialplan.consultation.exports.writers import writer_for


__all__ = [
    "Audience",
    "Contributions",
    "Labels",
    "audience",
    "contributions",
    "filename",
    "formats",
    "neutralise",
    "write_export",
    "writer_for",
]
