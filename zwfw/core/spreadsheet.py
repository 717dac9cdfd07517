"""The one escaping rule for every spreadsheet the platform writes (catalog export and template,
statistics exports): text never becomes a formula.

A cell whose text starts like a formula (=, +, -, @, tab, carriage return — OWASP's list for
spreadsheet injection) is written as a string cell with Excel's quote prefix, so it is shown as
typed and stays text when someone edits the cell; a department named '=HYPERLINK(…)' must never
become a live link in a file an anonymous visitor downloads.
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def sheet_cell(ws, value):
    """`value` as it should be appended to the worksheet `ws` (write-only or not): plain values
    unchanged (they stream fastest), formula-like text as an inert string cell."""
    if not looks_like_formula(value):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def sheet_row(ws, values) -> list:
    return [sheet_cell(ws, v) for v in values]
