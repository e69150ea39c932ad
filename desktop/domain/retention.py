"""Which automatic backups to keep: the newest of each of the last 14 days, 8 weeks and 12 months."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

DAYS, WEEKS, MONTHS = 14, 8, 12


def to_keep(stamps: Iterable[datetime], now: datetime) -> set[datetime]:
    """The newest backup in each of the last DAYS days, WEEKS ISO weeks and MONTHS months is kept, counted
    in the backups' own order. A backup dated after `now` is always kept: the clock may be the wrong one
    (an old PC's dead battery sets it back to 2020), and a backup is never deleted for its date against it."""
    newest_first = sorted(set(stamps), reverse=True)
    keep: set[datetime] = {stamp for stamp in newest_first if stamp > now}
    for slots, period in ((DAYS, lambda d: d.date()), (WEEKS, lambda d: d.isocalendar()[:2]),
                          (MONTHS, lambda d: (d.year, d.month))):
        seen: list[object] = []
        for stamp in newest_first:
            if stamp > now:
                continue
            key = period(stamp)
            if key not in seen:
                if len(seen) == slots:
                    break
                seen.append(key)
                keep.add(stamp)
    return keep


CLOCK_SLACK_MINUTES = 10  # two PCs' clocks differ by minutes; a battery reset sets them back by years


def clock_behind(now: datetime, newest: Iterable[datetime]) -> datetime | None:
    """The newest moment the register knows (a save, a backup) when the clock says it is earlier than that
    by more than the slack; else None. All times naive local."""
    latest = max(newest, default=None)
    if latest is None or (latest - now).total_seconds() <= CLOCK_SLACK_MINUTES * 60:
        return None
    return latest
