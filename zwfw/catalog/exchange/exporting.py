"""Export the published catalog in the exchange template (Excel) or as records (JSON)."""

from __future__ import annotations

from typing import BinaryIO

from .records import export_queryset, item_records
from .workbook import workbook_write


def catalog_export_xlsx(*, viewer, out: BinaryIO, region=None, department=None) -> int:
    """Write the current published versions in scope to `out`; returns the number of items.
    The file imports back unchanged (export → import round-trips)."""
    return workbook_write(item_records(export_queryset(viewer=viewer, region=region, department=department)), out)


def template_xlsx(out: BinaryIO) -> None:
    """The empty template, with its 填写说明 sheet and drop-down lists."""
    workbook_write([], out)
