"""Inline SVG charts for the report: drawn here, so the page needs no script or network to
show them, and prints and screenshots as it looks."""

from __future__ import annotations

from html import escape
from typing import Sequence

from boilerstrip.document import REASONS

__all__ = ["reason_colour", "hbar_chart", "grouped_histogram", "log2_bins", "share_bins"]


def reason_colour(reason: str) -> str:
    """A fixed colour per reason (golden-angle hues in code order), the same in every chart
    and in the sample documents."""
    try:
        i = REASONS.index(reason)
    except ValueError:
        i = len(REASONS) + sum(map(ord, reason)) % 50
    return f"hsl({(i * 137.508) % 360:.0f} 58% 46%)"


def _fmt(n: float) -> str:
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,.1f}"


def hbar_chart(items: Sequence[tuple[str, int]], *, colours: Sequence[str] | None = None, total: int | None = None,
               width: int = 560, label_width: int = 170, chart_id: str = "") -> str:
    """Horizontal bars, one per ``(label, value)``, largest first as given, each with its
    value and share of ``total``."""
    if not items:
        return '<p class="empty">Nothing to show.</p>'
    row, pad = 24, 6
    vmax = max(v for _, v in items) or 1
    total = total if total is not None else sum(v for _, v in items)
    bar_w = width - label_width - 110
    h = row * len(items) + pad * 2
    parts = [f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {width} {h}" width="{width}" height="{h}" '
             f'role="img" aria-label="bar chart">']
    for k, (label, v) in enumerate(items):
        y = pad + k * row
        w = max(1.0, bar_w * v / vmax) if v else 0
        colour = colours[k] if colours else "var(--accent)"
        share = f" ({100 * v / total:.1f}%)" if total else ""
        parts.append(
            f'<g class="bar" data-label="{escape(label)}" data-value="{v}"><title>{escape(label)}: {v:,}{share}</title>'
            f'<text x="{label_width - 8}" y="{y + row / 2 + 4}" text-anchor="end" class="lbl">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" rx="3" fill="{colour}"/>'
            f'<text x="{label_width + w + 6:.1f}" y="{y + row / 2 + 4}" class="val">{v:,}{escape(share)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def log2_bins(values: Sequence[int], max_bins: int = 18) -> list[tuple[int, int]]:
    """Bins ``[0,1), [1,2), [2,4), [4,8) ...`` up to the largest value: word counts span
    four orders of magnitude, and a linear axis would hide all but the bulk."""
    top = max(values, default=0)
    edges = [(0, 1)]
    lo = 1
    while lo <= top:
        edges.append((lo, lo * 2))
        lo *= 2
    # leading bins that nothing falls in are left out (short of the zero bin, when it has some)
    low = min(values, default=0)
    while len(edges) > 1 and edges[0][1] <= low:
        edges.pop(0)
    if len(edges) > max_bins:
        edges = edges[: max_bins - 1] + [(edges[max_bins - 1][0], edges[-1][1])]
    return edges


def share_bins() -> list[tuple[int, int]]:
    """Ten bins of percent, ``[0,10) ... [90,100]``."""
    return [(k, k + 10) for k in range(0, 100, 10)]


def _nice_ceiling(v: float) -> int:
    """The smallest of 4, 8, 20, 40, 80, 200 ... (times a power of ten) at or above ``v``, so
    that the four grid lines fall on round numbers."""
    if v <= 4:
        return 4
    scale = 1
    while True:
        for m in (4, 8, 20, 40):
            if m * scale >= v:
                return m * scale
        scale *= 10


def _count(values: Sequence[float], bins: Sequence[tuple[int, int]], closed_last: bool) -> list[int]:
    counts = [0] * len(bins)
    for v in values:
        for k, (lo, hi) in enumerate(bins):
            if lo <= v < hi or (closed_last and k == len(bins) - 1 and v == hi):
                counts[k] += 1
                break
    return counts


def _bin_label(lo: int, hi: int, percent: bool) -> str:
    if percent:
        return f"{lo}–{hi}%"
    if hi - lo == 1:
        return str(lo)
    return f"{lo:,}–{hi - 1:,}"


def grouped_histogram(series: Sequence[tuple[str, Sequence[float], str]], bins: Sequence[tuple[int, int]], *,
                      percent: bool = False, width: int = 900, height: int = 260, chart_id: str = "",
                      x_title: str = "") -> str:
    """Vertical bars per bin, one per series ``(name, values, colour)``, side by side."""
    counts = [_count(vals, bins, closed_last=percent) for _, vals, _ in series]
    ymax = _nice_ceiling(max((max(c) for c in counts if c), default=0))
    left, right, top, bottom = 48, 10, 14, 74
    pw, ph = width - left - right, height - top - bottom
    slot = pw / len(bins)
    bw = max(2.0, (slot - 6) / max(1, len(series)))
    out = [f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-label="histogram">']
    for t in range(5):  # horizontal grid with counts
        v = ymax * t / 4
        y = top + ph - ph * t / 4
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{_fmt(round(v))}</text>')
    for k, (lo, hi) in enumerate(bins):
        x0 = left + k * slot + 3
        for j, (name, _, colour) in enumerate(series):
            c = counts[j][k]
            hgt = ph * c / ymax
            out.append(f'<rect x="{x0 + j * bw:.1f}" y="{top + ph - hgt:.1f}" width="{bw - 1:.1f}" height="{hgt:.1f}" '
                       f'fill="{colour}" data-series="{escape(name)}" data-bin="{k}" data-value="{c}">'
                       f'<title>{escape(name)}, {escape(_bin_label(lo, hi, percent))}: {c:,} documents</title></rect>')
        cx = left + k * slot + slot / 2
        out.append(f'<text x="{cx:.1f}" y="{top + ph + 14}" text-anchor="end" class="tick" '
                   f'transform="rotate(-35 {cx:.1f} {top + ph + 14})">{escape(_bin_label(lo, hi, percent))}</text>')
    if x_title:
        out.append(f'<text x="{left + pw / 2}" y="{height - 4}" text-anchor="middle" class="axis">{escape(x_title)}</text>')
    out.append("</svg>")
    return "".join(out)
