"""Server-side SVG of completions over time: grouped bars per month, readable without colour.

In the style of maturity/charts.py: an image with <title> and <desc> (role="img", aria-labelledby),
real <text> labels, a legend in words, and each series told apart by its fill pattern as well as its
colour (e-modules solid, programme certificates hatched). The page puts the same figures in a table
beside it. A month whose figure is hidden (anonymity) gets no bar but a "–" mark. Every piece of text
is escaped (format_html).
"""

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

WIDTH = 640
PLOT_LEFT, PLOT_TOP, PLOT_HEIGHT = 48, 20, 200
PLOT_WIDTH = WIDTH - PLOT_LEFT - 16
SERIES = [
    # attribute, colour, fill (a pattern id for the second series)
    ("modules", "#1f4e79", "#1f4e79"),
    ("certificates", "#6b3e00", "url(#reach-hatch)"),
]


def _join(parts):
    return format_html_join("", "{}", ((part,) for part in parts))


def _fmt(number):
    return f"{number:.1f}"


def _nice_max(value):
    """A round top for the axis: 5, 10, 20, 50, 100, ... at least the largest value."""
    top = 5
    while top < value:
        for step in (2, 2.5, 2):
            top = int(top * step)
            if top >= value:
                break
    return top


def month_label(month):
    return date_format(month, "M Y")


def completions_chart(months, names, chart_id="reach-completions"):
    """`months` is [MonthRow]; `names` {attribute: series name}. Returns the SVG markup."""
    title = _("Completions per month")
    values = [getattr(row, attr) for row in months for attr, _colour, _fill in SERIES]
    top = _nice_max(max([value or 0 for value in values] + [1]))
    slot = PLOT_WIDTH / max(len(months), 1)
    bar = max(min(slot * 0.8 / len(SERIES), 24), 2)
    bottom = PLOT_TOP + PLOT_HEIGHT
    parts = [
        format_html(
            '<defs><pattern id="reach-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="{}" stroke-width="4"/></pattern></defs>',
            SERIES[1][1],
        )
    ]
    for tick in (0, top / 2, top):
        y = bottom - PLOT_HEIGHT * tick / top
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#bbb" stroke-width="1"/>'
                '<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>',
                PLOT_LEFT,
                _fmt(y),
                PLOT_LEFT + PLOT_WIDTH,
                _fmt(y),
                PLOT_LEFT - 6,
                _fmt(y + 4),
                f"{tick:g}",
            )
        )
    every = max(1, len(months) // 12)
    for index, row in enumerate(months):
        x0 = PLOT_LEFT + index * slot + (slot - bar * len(SERIES)) / 2
        for offset, (attr, colour, fill) in enumerate(SERIES):
            value = getattr(row, attr)
            x = x0 + offset * bar
            if value is None:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" font-size="11" text-anchor="middle">–</text>',
                        _fmt(x + bar / 2),
                        bottom - 4,
                    )
                )
            elif value:
                height = PLOT_HEIGHT * value / top
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="1"/>',
                        _fmt(x),
                        _fmt(bottom - height),
                        _fmt(bar),
                        _fmt(height),
                        fill,
                        colour,
                    )
                )
        if index % every == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
                    _fmt(PLOT_LEFT + index * slot + slot / 2),
                    bottom + 16,
                    row.month.strftime("%m/%y"),
                )
            )
    legend_top = bottom + 40
    for index, (attr, colour, fill) in enumerate(SERIES):
        y = legend_top + index * 22
        parts.append(
            format_html(
                '<rect x="20" y="{}" width="24" height="14" fill="{}" stroke="{}"/>'
                '<text x="52" y="{}" font-size="13" class="chart__legend">{}</text>',
                y - 11,
                fill,
                colour,
                y,
                names[attr],
            )
        )
    hidden = _("not shown")
    description = "; ".join(
        f"{month_label(row.month)}: "
        + ", ".join(
            f"{names[attr]} {hidden if getattr(row, attr) is None else getattr(row, attr)}" for attr, _c, _f in SERIES
        )
        for row in months
    )
    height = legend_top + 22 * len(SERIES)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--wide" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" data-chart="{}"><title id="{}-title">{}</title>'
        '<desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        _join(parts),
    )
