"""The dashboard's figures as labelled tiles and tables: one definition for the page, the Excel
export and the monthly PDF report."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .figures import Figures

# (figure, label, kind) — kind "count" links to the cases behind it, "rate" and "days" do not.
TILES = (
    ("received", _("收件"), "count"),
    ("accepted", _("受理"), "count"),
    ("concluded", _("办结"), "count"),
    ("in_progress", _("在办"), "count"),
    ("overdue_now", _("当前超期"), "count"),
    ("on_time_rate", _("按时办结率"), "rate"),
    ("ahead_rate", _("提前办结率"), "rate"),
    ("late", _("超期办结"), "count"),
    ("speedup_statutory", _("较法定时限实际提速"), "rate"),
    ("speedup_promised", _("较承诺时限实际提速"), "rate"),
    ("average_days", _("平均用时（工作日）"), "days"),
    ("one_visit_share", _("最多跑一次办结占比"), "rate"),
    ("online_share", _("网上申请占比"), "rate"),
    ("proxy_point", _("代办点收件"), "count"),
    ("rejected", _("不予受理"), "count"),
    ("deemed", _("视为受理"), "count"),
    ("cards_raised", _("生成监察牌"), "cards"),
    ("cards_answered", _("已反馈监察牌"), "cards"),
    ("cards_escalated", _("督办监察牌"), "cards"),
    ("cards_cancelled", _("撤销监察牌"), "cards"),
)
# The ranking table's columns after the unit's name (figure, label, kind).
COLUMNS = (
    ("received", _("收件"), "count"), ("accepted", _("受理"), "count"), ("concluded", _("办结"), "count"),
    ("in_progress", _("在办"), "count"), ("overdue_now", _("当前超期"), "count"),
    ("on_time_rate", _("按时办结率"), "rate"), ("ahead_rate", _("提前办结率"), "rate"),
    ("speedup_promised", _("较承诺提速"), "rate"), ("speedup_statutory", _("较法定提速"), "rate"),
    ("one_visit_share", _("最多跑一次占比"), "rate"), ("online_share", _("网上申请占比"), "rate"),
    ("proxy_point", _("代办点收件"), "count"), ("cards_raised", _("监察牌"), "cards"),
)


def figure_value(figures: Figures, name: str):
    if name in figures.counts:
        return figures.counts[name]
    return getattr(figures, name)


def shown(value, kind: str) -> str:
    """A figure as people read it: rates in per cent with one decimal, "—" when undefined."""
    if value is None:
        return "—"
    if kind == "rate":
        return f"{value * 100:.1f}%"
    if kind == "days":
        return f"{value:.1f}"
    return str(value)


def tiles(figures: Figures) -> list[dict]:
    return [{"name": name, "label": label, "kind": kind, "value": figure_value(figures, name),
             "shown": shown(figure_value(figures, name), kind)} for name, label, kind in TILES]


def ranking_headers(group_label) -> list:
    return [_("名次"), group_label, *(label for _n, label, _k in COLUMNS), _("考核得分")]


def ranking_rows(rows) -> list[list]:
    return [[i, row.label, *(shown(figure_value(row.figures, n), k) for n, _l, k in COLUMNS), f"{row.score:.2f}"]
            for i, row in enumerate(rows, start=1)]


def trend_rows(trend) -> list[list]:
    return [[month, f["received"], f["accepted"], f["concluded"], shown(f.on_time_rate, "rate"),
             shown(f.speedup_statutory, "rate")] for month, f in trend]


TREND_HEADERS = (_("月份"), _("收件"), _("受理"), _("办结"), _("按时办结率"), _("较法定时限实际提速"))
