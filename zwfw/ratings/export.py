"""Ratings in the GB/T 39046—2020 table 9 data elements (评价), for the provincial platform.

One JSON object per rating, in the national sync's incremental shape (a batch id and an
operation per row; CASES.md "National data elements"):

| key | table 9 element |
|---|---|
| case_number | 办件编号 |
| channel | 评价渠道 (PC端, 移动服务端, 二维码, 大厅平板, 大厅其他终端, 电话, 短信) |
| rater | 评价人 (masked: the feed carries no full name) |
| rated_at | 评价时间 (YYYYMMDDThhmmss, China time) |
| sequence | 评价次数 |
| satisfaction / satisfaction_code | 满意度 + 代码 (A.8) |
| text | 评价内容 |

Besides: `default` (a default rating, counted apart), `operation` (`add`; `delete` for a
rating removed on appeal — it stays in our records) and `batch`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zwfw.core.clock import SHANGHAI
from zwfw.core.masking import mask_name

from .models import Rating, RatingStatus
from .selectors import period_q


def gb_time(moment: dt.datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y%m%dT%H%M%S")


def ratings_export_rows(*, since: dt.date | None = None, until: dt.date | None = None,
                        region_prefix: str = "", batch: str) -> Iterator[dict]:
    qs = Rating.objects.filter(period_q(since, until)).select_related("case").order_by("rated_at", "pk")
    if region_prefix:
        qs = qs.filter(region__code__startswith=region_prefix)
    for r in qs.iterator(chunk_size=1000):
        yield {
            "batch": batch,
            "operation": "delete" if r.status == RatingStatus.REMOVED else "add",
            "case_number": r.case.number or "",
            "channel": str(r.get_channel_display()),
            "rater": mask_name(r.rater_name) if r.rater_name and not r.is_default else r.rater_name,
            "rated_at": gb_time(r.rated_at),
            "sequence": r.sequence,
            "satisfaction": str(r.get_level_display()),
            "satisfaction_code": str(r.level),
            "text": r.comment,
            "default": r.is_default,
        }
