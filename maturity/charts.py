"""Server-side SVG charts of a round's results: a radar of the categories and the two-dimension quadrant.

Readable without colour: each series has its own line style (this round solid, the previous round
dashed, the comparison dotted) and its own marker shape, and a legend in words. Each chart is an
image with a <title> and <desc> (role="img", aria-labelledby) and real <text> labels; the page puts
the same figures in a table beside it. Every piece of text is escaped (format_html / escape).
"""

import math

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from . import scoring

SIZE = 560
RADIUS = 140
CENTRE = (SIZE / 2, 220)
SERIES_STYLE = {
    # key: (stroke, dash pattern, marker shape)
    "current": ("#1f4e79", "", "circle"),
    "previous": ("#6b3e00", "8 5", "square"),
    "comparison": ("#3d3d3d", "2 4", "triangle"),
}


def _join(parts):
    """Concatenate pieces that are each already escaped (format_html)."""
    return format_html_join("", "{}", ((part,) for part in parts))


def _fmt(number):
    return f"{number:.1f}"


def _marker(shape, x, y, stroke, filled=True):
    fill = stroke if filled else "#fff"
    if shape == "circle":
        return format_html(
            '<circle cx="{}" cy="{}" r="5" fill="{}" stroke="{}" stroke-width="2"/>', _fmt(x), _fmt(y), fill, stroke
        )
    if shape == "square":
        return format_html(
            '<rect x="{}" y="{}" width="10" height="10" fill="{}" stroke="{}" stroke-width="2"/>',
            _fmt(x - 5),
            _fmt(y - 5),
            fill,
            stroke,
        )
    points = f"{_fmt(x)},{_fmt(y - 6)} {_fmt(x + 6)},{_fmt(y + 5)} {_fmt(x - 6)},{_fmt(y + 5)}"
    return format_html('<polygon points="{}" fill="{}" stroke="{}" stroke-width="2"/>', points, fill, stroke)


def _wrap(text, width=16):
    """Short lines for a label (words kept whole)."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines[:3] or [""]


def _label(x, y, text, anchor, css="chart__label"):
    lines = _wrap(text)
    spans = format_html_join(
        "",
        '<tspan x="{}" dy="{}">{}</tspan>',
        ((_fmt(x), "0" if index == 0 else "1.15em", line) for index, line in enumerate(lines)),
    )
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" class="{}" font-size="13">{}</text>', _fmt(x), _fmt(y), anchor, css, spans
    )


def _legend(series, top):
    parts = []
    for index, (key, name, _values) in enumerate(series):
        stroke, dash, shape = SERIES_STYLE[key]
        y = top + index * 22
        parts.append(
            format_html(
                '<line x1="20" y1="{}" x2="60" y2="{}" stroke="{}" stroke-width="3"{}/>{}'
                '<text x="70" y="{}" font-size="13" class="chart__legend">{}</text>',
                y,
                y,
                stroke,
                format_html(' stroke-dasharray="{}"', dash) if dash else "",
                _marker(shape, 40, y, stroke, key == "current"),
                y + 4,
                name,
            )
        )
    return _join(parts)


def _svg(chart_id, title, description, height, body):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" data-chart="{}"><title id="{}-title">{}</title>'
        '<desc id="{}-desc">{}</desc>{}</svg>',
        SIZE,
        height,
        chart_id,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )


def _percent(score):
    value = scoring.display(score)
    return "–" if value is None else f"{value} %"


def radar(categories, series, chart_id="radar", title=None):
    """A radar of `categories` (objects with .id and .name); `series` is [(key, name, {category id: score})]."""
    title = title or _("Result per category")
    n = len(categories)
    cx, cy = CENTRE
    parts = []

    def point(index, score):
        angle = -math.pi / 2 + 2 * math.pi * index / n
        r = RADIUS * (score or 0) / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for level in (25, 50, 75, 100):
        ring = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in (point(i, level) for i in range(n)))
        parts.append(format_html('<polygon points="{}" fill="none" stroke="#bbb" stroke-width="1"/>', ring))
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" fill="#555">{} %</text>',
                _fmt(cx + 3),
                _fmt(cy - RADIUS * level / 100 - 2),
                level,
            )
        )
    for index, category in enumerate(categories):
        x, y = point(index, 100)
        parts.append(
            format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#bbb"/>', _fmt(cx), _fmt(cy), _fmt(x), _fmt(y))
        )
        lx, ly = point(index, 118)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        parts.append(_label(lx, ly + (0 if ly >= cy else -12), category.name, anchor))
    for key, _name, values in series:
        stroke, dash, shape = SERIES_STYLE[key]
        scores = [values.get(category.id) for category in categories]
        coords = [point(i, s) for i, s in enumerate(scores)]
        if all(score is not None for score in scores):
            parts.append(
                format_html(
                    '<polygon points="{}" fill="{}" fill-opacity="{}" stroke="{}" stroke-width="{}"{}/>',
                    " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in coords),
                    stroke,
                    "0.12" if key == "current" else "0",
                    stroke,
                    "3" if key == "current" else "2",
                    format_html(' stroke-dasharray="{}"', dash) if dash else "",
                )
            )
        for (x, y), score in zip(coords, scores, strict=True):
            if score is not None:
                parts.append(_marker(shape, x, y, stroke, key == "current"))
    legend_top = cy + RADIUS + 55
    parts.append(_legend(series, legend_top))
    description = "; ".join(
        f"{name}: " + ", ".join(f"{category.name} {_percent(values.get(category.id))}" for category in categories)
        for _key, name, values in series
    )
    return _svg(chart_id, title, description, legend_top + 22 * len(series), _join(parts))


QUADRANT_BOX = (70, 30, 400)  # left, top, side


def quadrant(x_name, y_name, names, positions, chart_id="quadrant", title=None):
    """The position on two dimensions (0-100 each): `names` of the four quadrants keyed
    (x high, y high); `positions` [(key, label, (x, y))] with key "current" or "previous"."""
    title = title or _("Position on the two dimensions")
    left, top, side = QUADRANT_BOX
    parts = [
        format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="#fafafa" stroke="#555"/>', left, top, side, side),
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555" stroke-dasharray="4 4"/>',
            left + side / 2,
            top,
            left + side / 2,
            top + side,
        ),
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555" stroke-dasharray="4 4"/>',
            left,
            top + side / 2,
            left + side,
            top + side / 2,
        ),
    ]
    for (x_high, y_high), name in names.items():
        qx = left + side * (0.75 if x_high else 0.25)
        qy = top + 24 if y_high else top + side - 40  # in the corners' bands, away from most markers
        parts.append(_label(qx, qy, name, "middle", "chart__quadrant-name"))
    for tick in (0, 50, 100):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
                left + side * tick / 100,
                top + side + 16,
                tick,
            )
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>',
                left - 6,
                top + side - side * tick / 100 + 4,
                tick,
            )
        )
    parts.append(
        format_html(
            '<text x="{}" y="{}" font-size="14" text-anchor="middle" class="chart__axis">{} →</text>',
            left + side / 2,
            top + side + 40,
            x_name,
        )
    )
    parts.append(
        format_html(
            '<text x="{}" y="{}" font-size="14" text-anchor="middle" class="chart__axis" transform="rotate(-90 {} {})">{} →</text>',
            24,
            top + side / 2,
            24,
            top + side / 2,
            y_name,
        )
    )
    series = []
    for key, label, (x, y) in positions:
        if x is None or y is None:
            continue
        stroke, _dash, shape = SERIES_STYLE[key]
        px, py = left + side * x / 100, top + side - side * y / 100
        parts.append(_marker(shape, px, py, stroke, key == "current"))
        parts.append(format_html('<text x="{}" y="{}" font-size="12">{}</text>', _fmt(px + 9), _fmt(py - 8), label))
        series.append((key, label, {}))
    legend_top = top + side + 70
    parts.append(_legend(series, legend_top))
    description = "; ".join(
        f"{label}: {x_name} {_percent(x)}, {y_name} {_percent(y)}" for _key, label, (x, y) in positions
    )
    return _svg(chart_id, title, description, legend_top + 22 * max(1, len(series)), _join(parts))
