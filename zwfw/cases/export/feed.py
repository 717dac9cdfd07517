"""`cases_export`: write the cases changed since a watermark as JSON lines (GB/T 39046—2020).

Changed = `Case.updated_at` (indexed) moved, which every case service, and the after-commit
notice that brings the 受理文书编号, does. The batch records the watermark it read up to
(`until` = the moment the run started); `--since last` continues from there, re-reading
`ZWFW_CASE_EXPORT_OVERLAP_SECONDS` before it so that a transaction that was still open when the
last batch ran (its `updated_at` earlier than its commit) is not skipped. Each row carries the
batch id and an operation (I: first sent — received after the watermark; U: a change), as the
national incremental sync tables do.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import IO

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import ValidationFailed

from ..models import Case, CaseExportBatch
from .gbt39046 import PREFETCH, SELECT_RELATED, case_record, gb_datetime

CHUNK = 200


def export_watermark_last() -> dt.datetime | None:
    """Where the last export stopped (None: nothing exported yet)."""
    return CaseExportBatch.objects.order_by("-until", "-id").values_list("until", flat=True).first()


def cases_changed(*, since: dt.datetime | None, until: dt.datetime):
    """Numbered cases whose `updated_at` lies in (since − overlap, until], oldest change first,
    read through the `case_updated_idx` index."""
    qs = Case.objects.filter(number__isnull=False, updated_at__lte=until)
    if since is not None:
        overlap = dt.timedelta(seconds=settings.ZWFW_CASE_EXPORT_OVERLAP_SECONDS)
        qs = qs.filter(updated_at__gt=since - overlap)
    return qs.select_related(*SELECT_RELATED).prefetch_related(*PREFETCH).order_by("updated_at", "pk")


def export_row(case: Case, *, batch_id: int, since: dt.datetime | None) -> dict:
    first = since is None or (case.received_at is not None and case.received_at > since)
    return {"批次号": str(batch_id), "操作": "I" if first else "U", "办件编号": case.number,
            "更新时间": gb_datetime(case.updated_at), **case_record(case)}


def cases_export(*, out: IO[str], since: dt.datetime | None, actor=None, now: dt.datetime | None = None) -> CaseExportBatch:
    """Write one JSON line per case changed in (since, now] to `out` and record the batch (the
    next watermark) with its audit event. `since=None` exports every numbered case."""
    now = now or clock.now()
    if since is not None and since > now:
        raise ValidationFailed.on("since", _("起始水位晚于当前时间"), code="watermark_in_future")
    with transaction.atomic():
        batch = CaseExportBatch.objects.create(since=since, until=now, created_at=now,
                                               created_by=actor if getattr(actor, "pk", None) else None)
        count = 0
        for case in cases_changed(since=since, until=now).iterator(chunk_size=CHUNK):
            out.write(json.dumps(export_row(case, batch_id=batch.pk, since=since), ensure_ascii=False,
                                 sort_keys=False))
            out.write("\n")
            count += 1
        CaseExportBatch.objects.filter(pk=batch.pk).update(exported=count)
        batch.exported = count
        audit_record(actor=actor, action="cases.export", target=batch, now=now,
                     changes={"since": since, "until": now, "exported": count})
    return batch
