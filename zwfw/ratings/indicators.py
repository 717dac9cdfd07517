"""Rating indicators (评价指标): the tags an applicant may tick beside the level, as data.

Two sets, online (PC端, 移动服务端) and offline (hall, phone, SMS, QR on the receipt). The national
好差评 rules name five dimensions to rate — 服务事项 (guide clarity), 服务过程 (convenience,
time), 服务效果 (result), 服务态度, 服务环境 — without fixing the tags. ASSUMPTION, to be confirmed
with the local 好差评 office: the tags below are our reading of those dimensions; a region that
publishes its own list replaces this module's data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    good: bool  # a praise (True) or a complaint (False); shown with the matching levels


SOURCE = "国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见（国办发〔2019〕51号）五个评价维度；具体标签为本平台假设，待本地确认"

ONLINE: tuple[Indicator, ...] = (
    Indicator("guide_clear", "办事指南清晰准确", True),
    Indicator("easy_online", "网上办理方便快捷", True),
    Indicator("fast_result", "办理时间短", True),
    Indicator("no_repeat_materials", "无需重复提交材料", True),
    Indicator("guide_unclear", "办事指南不清楚", False),
    Indicator("system_hard", "系统操作复杂或不稳定", False),
    Indicator("slow_result", "办理时间过长", False),
    Indicator("repeat_materials", "要求重复提交材料", False),
)

OFFLINE: tuple[Indicator, ...] = (
    Indicator("friendly_staff", "工作人员态度热情", True),
    Indicator("explained_once", "一次性告知清楚", True),
    Indicator("short_wait", "排队等候时间短", True),
    Indicator("good_environment", "办事环境舒适", True),
    Indicator("bad_attitude", "工作人员态度差", False),
    Indicator("not_told_once", "未一次性告知", False),
    Indicator("long_wait", "排队等候时间长", False),
    Indicator("many_trips", "多次跑腿", False),
)

ONLINE_CODES = {i.code for i in ONLINE}
OFFLINE_CODES = {i.code for i in OFFLINE}
LABELS = {i.code: i.label for i in (*ONLINE, *OFFLINE)}


def indicators_for(online: bool) -> tuple[Indicator, ...]:
    return ONLINE if online else OFFLINE
