"""Catalog import and export (issue 3, point 5): one Excel template for both ways, JSON through the API.

columns.py  the template's columns as data     cells.py     one cell <-> one stored value
workbook.py write the template / export        reader.py    read a filled template, every problem
plan.py     check against the catalog, plan    importing.py catalog_import (the service)
records.py  published items as plain records   exporting.py catalog_export_xlsx, template_xlsx
"""
