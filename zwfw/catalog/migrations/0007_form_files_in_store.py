"""Move the blank forms and samples of materials into the private file store (zwfw.files).

Until now each MaterialFile carried its own FileField in the default (media) storage under
catalog/forms/<sha[:2]>/<sha256>.<ext>. Each distinct (content, name) becomes one StoredFile of
purpose "catalog.form_file" whose bytes are copied into the "private" storage under the same
content address; the rows then point at it, and the media copies are deleted once the migration
has committed. A row whose media file is gone cannot be moved and is dropped (its download
already failed), with a line on the console.
"""

from django.core.files.base import ContentFile
from django.db import migrations, models, transaction

FILE_TYPES = {"pdf": "pdf", "doc": "doc", "docx": "docx", "xls": "xls", "xlsx": "xlsx", "jpg": "jpeg",
              "jpeg": "jpeg", "png": "png"}


def _copy_to_private(old_name: str, new_name: str) -> int | None:
    from django.core.files.storage import default_storage, storages

    private = storages["private"]
    if private.exists(new_name):
        return private.size(new_name)
    try:
        with default_storage.open(old_name, "rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError):
        return None
    private.save(new_name, ContentFile(data))
    return len(data)


def forwards(apps, schema_editor):
    from django.core.files.storage import default_storage

    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        # Check foreign keys row by row: deferred checks left pending would make PostgreSQL refuse
        # the ALTER TABLEs that follow in this migration ("pending trigger events").
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    MaterialFile = apps.get_model("catalog", "MaterialFile")
    StoredFile = apps.get_model("files", "StoredFile")
    stored, moved = {}, set()
    for row in MaterialFile.objects.order_by("id"):
        extension = row.file.name.rsplit(".", 1)[-1].lower()
        key = (row.sha256, row.original_name)
        if key not in stored:
            new_name = f"{row.sha256[:2]}/{row.sha256}.{extension}"
            size = _copy_to_private(row.file.name, new_name)
            if size is None:
                print(f"\n  catalog 0006: form file {row.file.name} ({row.original_name}) is missing; row {row.pk} dropped")
                row.delete()
                continue
            stored[key] = StoredFile.objects.create(
                sha256=row.sha256, size=size, file_type=FILE_TYPES.get(extension, extension),
                content_type=row.content_type, original_name=row.original_name, purpose="catalog.form_file",
                storage_name=new_name, owner_type="catalog.material", owner_id=str(row.material_id),
                created_at=row.uploaded_at,
            )
        row.stored_file = stored[key]
        row.save(update_fields=["stored_file"])
        moved.add(row.file.name)

    def delete_media_copies():
        for name in moved:
            default_storage.delete(name)

    if postgres:
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")
    transaction.on_commit(delete_media_copies, using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        # After the other 0006 (limit units), merged first: one linear history.
        ("catalog", "0006_limit_unit_and_extension_max"),
        ("files", "0001_stored_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="materialfile",
            name="stored_file",
            field=models.ForeignKey(null=True, on_delete=models.deletion.PROTECT, related_name="+",
                                    to="files.storedfile", verbose_name="文件"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="materialfile", name="file"),
        migrations.RemoveField(model_name="materialfile", name="original_name"),
        migrations.RemoveField(model_name="materialfile", name="content_type"),
        migrations.RemoveField(model_name="materialfile", name="size"),
        migrations.RemoveField(model_name="materialfile", name="sha256"),
        migrations.RemoveField(model_name="materialfile", name="uploaded_at"),
        migrations.AlterField(
            model_name="materialfile",
            name="stored_file",
            field=models.ForeignKey(on_delete=models.deletion.PROTECT, related_name="+", to="files.storedfile",
                                    verbose_name="文件"),
        ),
    ]
