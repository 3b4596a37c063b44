"""CSV: every field quoted, for spreadsheets that split on ";"."""

from torino.socialplan import _
from torino.socialplan.consultation.exports.cells import cells
from torino.socialplan.consultation.exports.writers import ExportWriter

import csv
import io


def write_csv(rows, out, columns, labels):
    """UTF-8 with a BOM (spreadsheets then read the accents), CRLF, every
    field quoted (RFC 4180)."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, quoting=csv.QUOTE_ALL)
    writer.writerow([labels(title) for _key, title in columns])
    for row in rows:
        writer.writerow(cells(row, columns, labels))
    text.flush()
    text.detach()


class CSVWriter(ExportWriter):
    name = "csv"
    title = _("CSV (spreadsheets)")
    content_type = "text/csv; charset=utf-8"

    def write(self, export):
        write_csv(export.rows, export.out, export.columns, export.labels)
