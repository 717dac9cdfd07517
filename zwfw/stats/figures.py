"""One unit's dashboard figures and the rates derived from them."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import METRICS


def _share(part: int, whole: int) -> float | None:
    return None if not whole else part / whole


@dataclass
class Figures:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METRICS, 0))
    in_progress: int = 0
    overdue_now: int = 0
    cards_raised: int | None = None
    cards_answered: int | None = None
    cards_escalated: int | None = None
    cards_cancelled: int | None = None

    def add(self, counts: dict) -> None:
        for m in METRICS:
            self.counts[m] += int(counts.get(m) or 0)

    def __getitem__(self, name: str) -> int:
        return self.counts[name]

    @property
    def on_time_rate(self) -> float | None:
        """按时办结率: concluded on or before the promised date, of the timed concluded cases."""
        return _share(self.counts["on_time"], self.counts["timed"])

    @property
    def ahead_rate(self) -> float | None:
        return _share(self.counts["ahead"], self.counts["timed"])

    @property
    def speedup_promised(self) -> float | None:
        """How much faster than promised the cases really were: 1 − used ÷ promised."""
        d = self.counts["days_promised"]
        return None if not d else 1 - self.counts["days_used"] / d

    @property
    def speedup_statutory(self) -> float | None:
        """The real speed-up against the law (the "整体提速30%" goal): 1 − used ÷ statutory."""
        d = self.counts["days_statutory"]
        return None if not d else 1 - self.counts["days_used"] / d

    @property
    def promised_speedup(self) -> float | None:
        """提速比 as promised: (法定 − 承诺) ÷ 法定, over the same cases."""
        d = self.counts["days_statutory"]
        return None if not d else 1 - self.counts["days_promised"] / d

    @property
    def average_days(self) -> float | None:
        return _share(self.counts["days_used"], self.counts["speed_base"])

    @property
    def one_visit_share(self) -> float | None:
        return _share(self.counts["one_visit"], self.counts["concluded"])

    @property
    def online_share(self) -> float | None:
        return _share(self.counts["online"], self.counts["received"])

    def as_dict(self) -> dict:
        return {**self.counts, "in_progress": self.in_progress, "overdue_now": self.overdue_now,
                "cards_raised": self.cards_raised, "cards_answered": self.cards_answered,
                "cards_escalated": self.cards_escalated, "cards_cancelled": self.cards_cancelled,
                "on_time_rate": self.on_time_rate, "ahead_rate": self.ahead_rate,
                "speedup_promised": self.speedup_promised, "speedup_statutory": self.speedup_statutory,
                "promised_speedup": self.promised_speedup, "average_days": self.average_days,
                "one_visit_share": self.one_visit_share, "online_share": self.online_share}
