"""The monthly assessment (考核) of departments and centers: its formula as data.

score = Σ weight × min(value ÷ target, 1), out of 100; a unit with no case in a component's base
scores that component's full weight (nothing to judge it on is not a failure), and is marked.
Each component cites the seed document (/work/shared/seeds) that sets its goal; the weights are
the platform's default reading of them (docs/adr/0036).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Component:
    key: str  # a figure of figures.Figures
    label: object
    weight: int
    target: float  # the goal, as a share
    source: object


ASSESSMENT_VERSION = 1
COMPONENTS = (
    Component("on_time_rate", _("按时办结率"), 40, 1.0,
              _("天心区加快行政审批提速优化政务服务实施方案（2017）：确保100%全过程电子监察、预警催办；"
                "行政许可法第四十二条")),
    Component("speedup_statutory", _("较法定时限实际提速比"), 30, 0.30,
              _("天心区加快行政审批提速优化政务服务实施方案（2017）：以全区行政审批整体提速30%为总目标")),
    Component("one_visit_share", _("最多跑一次办结占比"), 15, 1.0,
              _("2018年乐清市深化“最多跑一次”改革工作要点：群众和企业到政府办事事项“最多跑一次”100%全覆盖")),
    Component("online_share", _("网上申请占比"), 15, 1.0,
              _("天心区加快行政审批提速优化政务服务实施方案（2017）：行政许可事项除涉密事项外必须100%网上办理")),
)


def assessment_score(figures) -> float:
    """The score of one unit's figures (figures.Figures), 0–100, two decimals."""
    total = 0.0
    for c in COMPONENTS:
        value = getattr(figures, c.key)
        share = 1.0 if value is None else max(0.0, min(value / c.target, 1.0))
        total += c.weight * share
    return round(total, 2)


def formula_text() -> str:
    parts = [f"{c.weight}×min({c.label}÷{c.target:.0%},1)" for c in COMPONENTS]
    return " + ".join(parts)
