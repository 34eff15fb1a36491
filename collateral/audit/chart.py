"""Geometry for the weekly usage chart, drawn by the template as inline SVG.

No chart library and no JavaScript: the view computes rectangles and labels here and the
template writes them out with presentation attributes (the CSP forbids inline styles).
"""

import math
from dataclasses import dataclass
from datetime import date

WIDTH = 720
HEIGHT = 260
LEFT = 52
RIGHT = 12
TOP = 14
BOTTOM = 40
MAX_X_LABELS = 9


@dataclass(frozen=True)
class Bar:
    """One week's bar of use downloads."""

    week: date
    downloads: int
    x: float
    width: float
    y: float
    height: float
    label: str  # shown under the axis, or "" when this week's label is skipped
    center: float


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    baseline: float = HEIGHT - BOTTOM
    label_y: float = HEIGHT - BOTTOM + 8

    @property
    def is_empty(self) -> bool:
        return not any(bar.downloads for bar in self.bars)


def nice_step(largest: int, steps: int = 4) -> int:
    """A round step (1, 2, 5 × 10^k) so that `steps` of them reach at least `largest`."""
    raw = max(largest, 1) / steps
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        step = factor * magnitude
        if step >= raw:
            return max(int(step), 1)
    return int(10 * magnitude)


def weekly_chart(weeks: list[tuple[date, int]]) -> Chart:
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = HEIGHT - BOTTOM
    largest = max((downloads for _, downloads in weeks), default=0)
    step = nice_step(largest)
    top = step * max(math.ceil(largest / step), 1)

    def y_of(value: int) -> float:
        return round(baseline - plot_height * value / top, 1)

    slot = plot_width / max(len(weeks), 1)
    every = max(math.ceil(len(weeks) / MAX_X_LABELS), 1)
    bars = []
    for index, (week, downloads) in enumerate(weeks):
        width = slot * 0.72
        x = LEFT + index * slot + (slot - width) / 2
        center = LEFT + index * slot + slot / 2
        bars.append(
            Bar(
                week=week,
                downloads=downloads,
                x=round(x, 1),
                width=round(width, 1),
                y=y_of(downloads),
                height=round(baseline - y_of(downloads), 1),
                label=f"{week.day} {week:%b}" if index % every == 0 else "",
                center=round(center, 1),
            )
        )
    ticks = [Tick(value, y_of(value)) for value in range(0, top + 1, step)]
    return Chart(bars=bars, ticks=ticks)
