"""The 办理流程 of a guide drawn as a flow chart: inline SVG generated on the server from the
version's ProcessStep rows (政务公开: 办事流程图). Vertical, so it fits a phone; the same SVG goes
into the printable PDF. The page also gives the steps as a table (text alternative)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 340
BOX_X = 20
BOX_W = 300
BOX_H = 60
TERMINAL_H = 36
GAP = 30
MAX_NAME = 18  # characters that fit a box line at 15 px; the table below has the full text
FONT = "'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif"


def _cut(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def step_days_label(days: int) -> str:
    return _("即时办理") if not days else _("%(n)s个工作日") % {"n": days}


def _arrow(y_top: int) -> str:
    x = WIDTH // 2
    y_end = y_top + GAP
    return (f'<line x1="{x}" y1="{y_top}" x2="{x}" y2="{y_end - 7}" stroke="#4a5568" stroke-width="2"/>'
            f'<polygon points="{x - 6},{y_end - 8} {x + 6},{y_end - 8} {x},{y_end}" fill="#4a5568"/>')


def _terminal(y: int, label: str) -> str:
    return (f'<rect x="{BOX_X + 70}" y="{y}" width="{BOX_W - 140}" height="{TERMINAL_H}" rx="18" '
            f'fill="#eef3fb" stroke="#0b3d91" stroke-width="2"/>'
            f'<text x="{WIDTH // 2}" y="{y + 23}" text-anchor="middle" font-size="14" fill="#0a2e6e">'
            f"{escape(label)}</text>")


def _step(y: int, index: int, step) -> str:
    name = escape(_cut(f"{index}. {step.name}", MAX_NAME))
    detail = escape(_cut(f"{step.role} · {step_days_label(step.working_days)}", MAX_NAME + 4))
    return (f'<rect x="{BOX_X}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#ffffff" '
            f'stroke="#1450b4" stroke-width="2"/>'
            f'<text x="{WIDTH // 2}" y="{y + 25}" text-anchor="middle" font-size="15" font-weight="bold" '
            f'fill="#0a2e6e">{name}</text>'
            f'<text x="{WIDTH // 2}" y="{y + 47}" text-anchor="middle" font-size="13" fill="#4a5568">{detail}</text>')


def flowchart_svg(steps: Sequence, *, title: str, element_id: str = "flowchart") -> SafeString:
    """SVG of start → steps → end. `steps` need .name, .role and .working_days."""
    parts: list[str] = []
    y = 10
    parts.append(_terminal(y, _("申请人提出申请")))
    y += TERMINAL_H
    for index, step in enumerate(steps, start=1):
        parts.append(_arrow(y))
        y += GAP
        parts.append(_step(y, index, step))
        y += BOX_H
    parts.append(_arrow(y))
    y += GAP
    parts.append(_terminal(y, _("办结")))
    height = y + TERMINAL_H + 10
    total = sum(s.working_days for s in steps)
    desc = "；".join(f"{i}. {s.name}（{s.role}，{step_days_label(s.working_days)}）" for i, s in enumerate(steps, 1))
    desc = _("共%(n)s个环节，合计%(days)s个工作日：%(steps)s") % {"n": len(steps), "days": total, "steps": desc}
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" id="{escape(element_id)}" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-family="{FONT}" '
        f'aria-labelledby="{escape(element_id)}-title {escape(element_id)}-desc">'
        f'<title id="{escape(element_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(element_id)}-desc">{escape(desc)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 (every text piece above is escaped)
