"""The arrangement shipped in the chinesecalendar package (2004 to its last year), as plain data."""

from __future__ import annotations

import datetime as dt

from .engine import Calendar

# chinesecalendar names its holidays in English; the notices name them in Chinese.
PACKAGE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def package_source() -> str:
    import chinese_calendar

    return f"chinesecalendar {chinese_calendar.__version__}"


def package_days() -> tuple[list[int], dict[dt.date, str], dict[dt.date, str]]:
    """(covered years, off days → Chinese name, make-up working days → Chinese name)."""
    from chinese_calendar import constants

    off = {d: PACKAGE_NAMES.get(n, n) for d, n in constants.holidays.items()}
    makeup = {d: PACKAGE_NAMES.get(n, n) for d, n in constants.workdays.items()}
    years = sorted({d.year for d in off} | {d.year for d in makeup})
    return years, off, makeup


def package_calendar() -> Calendar:
    """An engine calendar straight from the package (benchmarks and tests; the product uses the table)."""
    years, off, makeup = package_days()
    return Calendar(first_year=years[0], last_year=years[-1], off_days=off, makeup_days=makeup, version="package")
