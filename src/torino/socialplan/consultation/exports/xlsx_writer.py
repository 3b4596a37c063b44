"""XLSX, with xlsxwriter in constant_memory mode: one row held at a time."""

from torino.socialplan import _
from torino.socialplan.base.window import as_rome
from torino.socialplan.consultation.exports.cells import cells
from torino.socialplan.consultation.exports.cells import neutralise
from torino.socialplan.consultation.exports.cells import XLSX_MAX_CELL
from torino.socialplan.consultation.exports.cells import XLSX_SHEET_NAME_MAX
from torino.socialplan.consultation.exports.writers import ExportWriter

import tempfile


def _sheet_name(name):
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return name.strip("'")[:XLSX_SHEET_NAME_MAX] or "Sheet1"


# Column widths (characters) for the spreadsheet; 14 for the others.
XLSX_WIDTHS = {
    "plan": 24,
    "chapter": 24,
    "action": 28,
    "id": 40,
    "in_reply_to": 30,
    "quote": 40,
    "passage_now": 40,
    "organization": 28,
    "organization_type": 24,
    "email": 28,
    "created": 22,
    "outcome_motivation": 40,
    "text": 60,
    "resources": 40,
    "position_paper": 40,
    "campaign": 10,
}


def write_xlsx(rows, out, columns, labels, title=None):
    """One sheet, header row frozen and filterable; every value written as a
    string (never a formula, number or link), neutralised as in CSV."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "tmpdir": tempfile.gettempdir(),
        },
    )
    if title:
        workbook.set_properties({"title": title})
    sheet = workbook.add_worksheet(_sheet_name(labels(_("Contributions"))))
    header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    body = workbook.add_format({"text_wrap": True, "valign": "top"})
    for index, (key, _title) in enumerate(columns):
        sheet.set_column(index, index, XLSX_WIDTHS.get(key, 14))
    sheet.freeze_panes(1, 0)
    for index, (_key, title) in enumerate(columns):
        sheet.write_string(0, index, neutralise(labels(title)), header)
    # Dates as dates (sortable, filterable), on the consultation's clock:
    # a spreadsheet cell has no time zone.
    dates = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss", "valign": "top"})
    created = [key for key, _title in columns].index("created")
    last = 0
    for last, row in enumerate(rows, start=1):
        for index, value in enumerate(cells(row, columns, labels)):
            if index == created:
                moment = as_rome(row["created"]).replace(tzinfo=None)
                sheet.write_datetime(last, index, moment, dates)
            elif value:
                sheet.write_string(last, index, value[:XLSX_MAX_CELL], body)
    sheet.autofilter(0, 0, last, len(columns) - 1)
    workbook.close()


# JSON-LD


class XLSXWriter(ExportWriter):
    name = "xlsx"
    title = _("Excel (XLSX)")
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, export):
        write_xlsx(export.rows, export.out, export.columns, export.labels, export.title)
