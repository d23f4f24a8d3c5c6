"""The annual report's charts, drawn on the server with matplotlib (no script in
the browser): SVG for the page and the PDF, PNG for the DOCX. Each chart comes
with its text alternative, and every page shows the same figures in a table
beside it (WCAG 1.1.1; colour is never the only carrier: each bar is labelled).

Only matplotlib's object API is used (``Figure``, no ``pyplot``): it keeps no
global state, so requests in several threads do not meet.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# The four outcomes' colours: from green to red, each darker than 3:1 against
# white so that the bars stand out (WCAG 1.4.11), in the order of OUTCOMES.
COLOURS = ("#1b6b3a", "#2f6fa8", "#a15c00", "#b3261e")
TEXT = "#1f2328"
GRID = "#d0d7de"
FONT = "DejaVu Sans"  # shipped with matplotlib: the same letters everywhere

# matplotlib is imported on the first chart, not with the module: the JSON and
# XLSX formats (and every page that only imports the renderers) need none of its
# second of start-up.
SETTINGS = {
    "svg.hashsalt": "foljsam",  # the same SVG for the same figures
    "svg.fonttype": "none",  # text stays text: smaller, and selectable
}


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float  # percent
    count: int


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    alt: str  # the text alternative: every bar in words

    def svg(self) -> str:
        return _cached(self, "svg").decode()

    def png(self) -> bytes:
        return _cached(self, "png")


def outcome_chart(title: str, bars: Sequence[Bar], alt: str) -> Chart:
    return Chart(title=title, bars=tuple(bars), alt=alt)


@functools.lru_cache(maxsize=512)
def _cached(chart: Chart, fmt: str) -> bytes:
    """Charts are frozen: the same figures draw the same image."""
    return _render(chart, fmt)


@functools.cache
def _figure_class() -> Any:
    """matplotlib's Figure, with the settings made once for the process."""
    from matplotlib import rcParams
    from matplotlib.figure import Figure

    for key, value in SETTINGS.items():
        rcParams[key] = value  # type: ignore[index]
    return Figure


def _render(chart: Chart, fmt: str) -> bytes:
    """A horizontal bar per outcome, its share written at its end."""
    Figure = _figure_class()
    count = len(chart.bars)
    figure = Figure(figsize=(6.4, 0.5 + 0.42 * count), dpi=150)
    axes = figure.add_axes((0.42, 0.12, 0.5, 0.84))
    positions = list(range(count))[::-1]
    axes.barh(
        positions,
        [bar.value for bar in chart.bars],
        color=[COLOURS[i % len(COLOURS)] for i in range(count)],
        height=0.62,
    )
    axes.set_yticks(positions, [bar.label for bar in chart.bars])
    axes.set_xlim(0, 100)
    axes.set_xticks([0, 25, 50, 75, 100], ["0 %", "25 %", "50 %", "75 %", "100 %"])
    for position, bar in zip(positions, chart.bars, strict=True):
        axes.text(
            min(bar.value, 100) + 1.5,
            position,
            f"{_number(bar.value)} % ({bar.count})",
            va="center",
            fontsize=8,
            color=TEXT,
            family=FONT,
        )
    axes.tick_params(axis="both", labelsize=8, colors=TEXT, length=0)
    for label in (*axes.get_xticklabels(), *axes.get_yticklabels()):
        label.set_fontfamily(FONT)
    axes.grid(axis="x", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(GRID)
    out = io.BytesIO()
    figure.savefig(out, format=fmt, metadata=_metadata(fmt, chart.title))
    return out.getvalue()


def _metadata(fmt: str, title: str) -> dict[str, str | None]:
    if fmt == "svg":
        return {"Title": title, "Date": None, "Creator": None}
    return {"Title": title, "Software": None}


def _number(value: float) -> str:
    """One decimal, with the decimal comma of Swedish (and no ".0")."""
    text = f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",")
