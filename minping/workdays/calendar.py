"""An immutable working-day calendar: 法定节假日, 调休 working weekends and the years it knows."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field


class UnknownYear(LookupError):
    """A date falls in a year the calendar has no official data for.

    The caller must not guess: the UI shows "期限待定" (deadline to be fixed) and an admin
    enters the year's State Council notice. ``year`` is the first year that was missing.
    """

    def __init__(self, year: int) -> None:
        super().__init__(f"no working-day calendar for {year}")
        self.year = year


class CalendarError(ValueError):
    """The calendar data contradict themselves (a date both holiday and working day, ...)."""


@dataclass(frozen=True)
class CalendarDay:
    """One exception to the Monday-Friday rule, as stored in an editable holiday table.

    ``is_workday`` is False for a 法定节假日 (or a day off in lieu) and True for a 调休
    working Saturday/Sunday. ``name`` says why (e.g. "Spring Festival").
    """

    date: dt.date
    is_workday: bool
    name: str = ""


@dataclass(frozen=True, repr=False)
class Calendar:
    """The official working-day calendar for a set of years.

    A day is a working day when it is in ``workdays`` (调休 working weekend), is not in
    ``holidays``, and otherwise when it is Monday to Friday. Every question about a date in a
    year outside ``known_years`` raises :class:`UnknownYear`: the calendar never guesses a
    year the State Council has not published.
    """

    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    known_years: frozenset[int]
    # Sorted ordinals of every working day of every known year, for O(log n) arithmetic.
    _ordinals: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        holidays: Iterable[dt.date],
        workdays: Iterable[dt.date],
        known_years: Iterable[int],
    ) -> None:
        object.__setattr__(self, "holidays", frozenset(holidays))
        object.__setattr__(self, "workdays", frozenset(workdays))
        object.__setattr__(self, "known_years", frozenset(known_years))
        both = self.holidays & self.workdays
        if both:
            raise CalendarError(f"both holiday and working day: {min(both).isoformat()}")
        stray = {d for d in self.holidays | self.workdays if d.year not in self.known_years}
        if stray:
            raise CalendarError(f"date outside the known years: {min(stray).isoformat()}")
        object.__setattr__(self, "_ordinals", tuple(self._build_ordinals()))

    def __repr__(self) -> str:
        years = sorted(self.known_years)
        span = f"{years[0]}-{years[-1]}" if years else "none"
        return (
            f"Calendar(years={span} ({len(years)}), holidays={len(self.holidays)}, "
            f"workdays={len(self.workdays)})"
        )

    def _build_ordinals(self) -> list[int]:
        ordinals: list[int] = []
        for year in sorted(self.known_years):
            day = dt.date(year, 1, 1)
            one = dt.timedelta(days=1)
            while day.year == year:
                if day in self.workdays or (day.weekday() < 5 and day not in self.holidays):
                    ordinals.append(day.toordinal())
                day += one
        return ordinals

    @classmethod
    def from_days(cls, days: Iterable[CalendarDay], known_years: Iterable[int]) -> Calendar:
        """Build a calendar from table rows (the suggestions app's editable holiday table)."""
        holidays: list[dt.date] = []
        workdays: list[dt.date] = []
        for day in days:
            (workdays if day.is_workday else holidays).append(day.date)
        return cls(holidays, workdays, known_years)

    @classmethod
    def from_chinesecalendar(cls, years: Iterable[int] | None = None) -> Calendar:
        """The official calendar as shipped in the ``chinesecalendar`` package.

        ``years`` defaults to every year the package covers. A requested year the package
        does not cover raises :class:`UnknownYear`.
        """
        wanted = set(years) if years is not None else set(chinesecalendar_years())
        return cls.from_days(official_days(wanted), wanted)

    def year_known(self, year: int) -> bool:
        return year in self.known_years

    def check_years(self, first: dt.date, last: dt.date) -> None:
        """Raise :class:`UnknownYear` unless every year from ``first`` to ``last`` is known."""
        low, high = sorted((first.year, last.year))
        for year in range(low, high + 1):
            if year not in self.known_years:
                raise UnknownYear(year)

    def first_unknown_after(self, year: int) -> int:
        while year in self.known_years:
            year += 1
        return year

    def first_unknown_before(self, year: int) -> int:
        while year in self.known_years:
            year -= 1
        return year

    def workday_ordinals(self) -> tuple[int, ...]:
        return self._ordinals

    def rank(self, day: dt.date) -> int:
        """How many known working days fall on or before ``day`` (internal helper)."""
        return bisect_right(self._ordinals, day.toordinal())


# chinesecalendar names its holidays in English; the holiday table shows them in Chinese.
HOLIDAY_NAMES_ZH: dict[str, str] = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def holiday_name_zh(name: str) -> str:
    """The Chinese name of a chinesecalendar holiday name (unknown names pass through)."""
    return HOLIDAY_NAMES_ZH.get(name, name)


def chinesecalendar_years() -> list[int]:
    """The years the installed ``chinesecalendar`` package has official data for."""
    import chinese_calendar

    years = {d.year for d in chinese_calendar.holidays}
    return sorted(years)


def official_days(years: Iterable[int]) -> list[CalendarDay]:
    """The holidays and 调休 working days of ``years`` from the ``chinesecalendar`` package.

    This is the seed for the admin-editable holiday table. Raises :class:`UnknownYear` for a
    year the package does not cover.
    """
    import chinese_calendar

    wanted = set(years)
    covered = set(chinesecalendar_years())
    for year in sorted(wanted):
        if year not in covered:
            raise UnknownYear(year)
    days = [
        CalendarDay(day, False, holiday_name_zh(str(name)))
        for day, name in chinese_calendar.holidays.items()
        if day.year in wanted
    ]
    days += [
        CalendarDay(day, True, holiday_name_zh(str(name)))
        for day, name in chinese_calendar.workdays.items()
        if day.year in wanted
    ]
    return sorted(days, key=lambda d: d.date)
