"""Number formats (data, editable by an administrator) and the gapless sequences behind them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NumberPeriod(models.TextChoices):
    YEAR = "year", _("每年从 1 起编")
    DAY = "day", _("每天从 1 起编")


class NumberFormat(models.Model):
    """How the numbers of one kind read, e.g. the case number `{区划6}{yymmdd}{seq6}` or the
    acceptance notice `{机关}〔{yyyy}〕受字第{seq6}号` (tokens: zwfw.numbering.formats)."""

    kind = models.CharField(_("编号种类"), max_length=40, unique=True)
    label = models.CharField(_("名称"), max_length=60)
    pattern = models.CharField(_("格式"), max_length=120)
    period = models.CharField(_("编号周期"), max_length=8, choices=NumberPeriod.choices, default=NumberPeriod.YEAR)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("编号格式")
        verbose_name_plural = _("编号格式")

    def __str__(self) -> str:
        return f"{self.label}（{self.pattern}）"

    def clean(self) -> None:
        from .formats import pattern_check

        pattern_check(self.pattern)


class NumberSequence(models.Model):
    """The last number given out per kind, scope (the region code) and period ("2026")."""

    kind = models.CharField(max_length=40)
    scope = models.CharField(max_length=32)
    period = models.CharField(max_length=10)
    last_value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")
        constraints = [models.UniqueConstraint(fields=["kind", "scope", "period"], name="number_sequence_scope")]

    def __str__(self) -> str:
        return f"{self.kind} {self.scope} {self.period}: {self.last_value}"
