from .calendar import CalendarDay, CalendarYear, DayKind, OfficeHours, WarningPolicy, WorkCalendar
from .clock import ClockExtension, ClockPause, ClockStatus, PauseKind, TimeLimitClock

__all__ = [
    "CalendarDay", "CalendarYear", "ClockExtension", "ClockPause", "ClockStatus", "DayKind", "OfficeHours",
    "PauseKind", "TimeLimitClock", "WarningPolicy", "WorkCalendar",
]
