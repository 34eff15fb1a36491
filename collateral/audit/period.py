"""The reporting window: the last N days up to now, and the N days before it."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

# The periods a manager can choose on the page; anything else falls back to the default
# (see filters.read_filters).
PERIOD_CHOICES = (30, 90, 180, 365)
DEFAULT_DAYS = 90


@dataclass(frozen=True)
class Period:
    """`days` ending at `end`. Boundaries are instants, so "last 90 days" means 90 × 24 hours.

    `start` is inclusive and `end` exclusive; the previous period is the same length just
    before `start`, so the two never share a download.
    """

    days: int
    end: datetime

    @classmethod
    def last(cls, days: int, now: datetime | None = None) -> "Period":
        if days < 1:
            raise ValueError("A period is at least one day long.")
        return cls(days=days, end=now or timezone.now())

    @property
    def start(self) -> datetime:
        return self.end - timedelta(days=self.days)

    @property
    def previous_start(self) -> datetime:
        return self.end - timedelta(days=2 * self.days)

    @property
    def grace_cutoff(self) -> datetime:
        """Assets published after this instant are still in their grace period."""
        return self.end - timedelta(days=settings.ONEVOICE_UNUSED_GRACE_DAYS)

    @property
    def today(self) -> date:
        return timezone.localdate(self.end)
