"""Migration 0006 converts the catalog's old limit units to the one LimitUnit, on published
(frozen) versions too, and leaves the immutability triggers in place."""

import importlib

import pytest
from django.db import DatabaseError, connection, transaction

from zwfw.calendar.limits import LimitUnit
from zwfw.catalog.models import ItemVersion, SpecialProcedure

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("zwfw.catalog.migrations.0006_limit_unit_and_extension_max")
# 0008 added the form-field table's trigger on 0002's shared function: lifted and restored with them.
FORM_FIELDS = importlib.import_module("zwfw.catalog.migrations.0008_formspec_form_fields")


class _Editor:
    """The part of a schema editor the migration's functions use."""

    connection = connection

    def execute(self, sql, params=None):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def _units(version):
    row = ItemVersion.objects.values_list("statutory_limit_unit", "promised_limit_unit").get(pk=version.pk)
    return (*row, SpecialProcedure.objects.get(version=version).duration_unit)


def test_stored_units_are_converted_and_versions_stay_frozen(published):
    editor = _Editor()
    FORM_FIELDS._frozen("down", form_fields=True)(None, editor)  # the catalog as it was before 0006
    editor.execute("UPDATE catalog_itemversion SET statutory_limit_unit = 'natural_day', "
                   "promised_limit_unit = 'working_day' WHERE id = %s", [published.pk])
    SpecialProcedure.objects.create(version=published, kind="hearing", duration=5, duration_unit="natural_day")
    MIGRATION._frozen("up")(None, editor)
    assert _units(published) == ("natural_day", "working_day", "natural_day")

    MIGRATION._frozen("down")(None, editor)
    MIGRATION._rename(MIGRATION.RENAMED)(None, editor)
    FORM_FIELDS._frozen("up", form_fields=True)(None, editor)

    assert _units(published) == (LimitUnit.NATURAL_DAYS, LimitUnit.WORKING_DAYS, LimitUnit.NATURAL_DAYS)
    with pytest.raises(DatabaseError), transaction.atomic():
        ItemVersion.objects.filter(pk=published.pk).update(promised_limit=1)
    assert ItemVersion.objects.get(pk=published.pk).promised_limit == 5
