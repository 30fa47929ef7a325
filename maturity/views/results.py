"""The results page of a maturity round, its XLSX/CSV export (aggregates only) and its printout."""

import functools

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core import audit
from core.exports import FORMATS, export_response

from .. import charts, scoring
from ..models import Round
from ..results import QUADRANTS, round_results

QUADRANT_NAMES = {
    "forerunner": gettext_lazy("Forerunner"),
    "held_back": gettext_lazy("Capable but held back"),
    "stable_base": gettext_lazy("Stable base"),
    "starting_out": gettext_lazy("Starting out"),
}


def _category_rows(result):
    """One row per category with the figures the page, its charts' tables and the export show."""
    rows = []
    for dimension in result.structure.dimensions:
        for category in dimension.categories:
            comparison = result.comparison.get(category.id) if result.comparison else None
            previous = result.previous_scores.categories.get(category.id) if result.previous_scores else None
            rows.append(
                {
                    "dimension": dimension,
                    "category": category,
                    "score": scoring.display(result.scores.categories.get(category.id)),
                    "previous": scoring.display(previous),
                    "change": scoring.display(result.change(category.id)),
                    "comparison": scoring.display(comparison),
                    "statements": [
                        (statement, scoring.display(result.scores.statements.get(statement.id)))
                        for statement in category.statements
                    ],
                }
            )
    return rows


def _charts(result):
    """The radar and the quadrant as SVG. Drawing them costs more than the rest of the page's figures, so
    each process keeps the last drawings keyed by everything drawn (names, scores, the language)."""
    categories = tuple(result.structure.categories)
    series = [("current", result.round.title, result.scores.categories)]
    if result.previous_scores is not None:
        series.append(("previous", result.previous.title, result.previous_scores.categories))
    if result.comparison is not None:
        series.append(("comparison", _("Average of comparable organisations"), result.comparison))
    series = tuple((key, str(name), tuple(values.items())) for key, name, values in series)
    axes = None
    if len(result.structure.dimensions) >= 2:
        x_dim, y_dim = result.structure.dimensions[:2]
        positions = [("current", result.round.title, (result.capability, result.legacy))]
        if result.previous_position is not None:
            positions.append(("previous", result.previous.title, result.previous_position))
        axes = (x_dim.short_name, y_dim.short_name, tuple(positions))
    return _draw(get_language(), categories, series, axes)


@functools.lru_cache(maxsize=256)
def _draw(language, categories, series, axes):
    series = [(key, name, dict(values)) for key, name, values in series]
    radar = charts.radar(categories, series) if len(categories) >= 3 else None
    quadrant = None
    if axes is not None:
        x_name, y_name, positions = axes
        names = {key: str(QUADRANT_NAMES[name]) for key, name in QUADRANTS.items()}
        quadrant = charts.quadrant(x_name, y_name, names, list(positions))
    return radar, quadrant


def _breakdown_rows(result, groups):
    return [
        {
            "label": group.label,
            "hidden": group.hidden,
            "count": group.count,
            "total": scoring.display(group.total),
            "scores": [scoring.display(group.categories.get(c.id)) for c in result.structure.categories],
        }
        for group in groups
    ]


def export_rows(result):
    """The aggregated results as rows (never per person); a blank where a figure is hidden."""
    yield [
        _("Level"), _("Dimension"), _("Category"), _("Statement"), _("Group"), _("Respondents"),
        _("Score (%)"), _("Previous round (%)"), _("Change (points)"), _("Comparison (%)"),
    ]  # fmt: skip
    yield [_("Total"), "", "", "", "", result.submitted, scoring.display(result.scores.total), "", "", ""]
    for dimension in result.structure.dimensions:
        previous = result.previous_scores.dimensions.get(dimension.id) if result.previous_scores else None
        comparison = result.comparison.get(dimension.id) if result.comparison else None
        yield [
            _("Dimension"), dimension.name, "", "", "", "", scoring.display(result.scores.dimensions.get(dimension.id)),
            scoring.display(previous), "", scoring.display(comparison),
        ]  # fmt: skip
    for row in _category_rows(result):
        yield [
            _("Category"), row["dimension"].name, row["category"].name, "", "", "", row["score"], row["previous"],
            row["change"], row["comparison"],
        ]  # fmt: skip
        for statement, score in row["statements"]:
            yield [
                _("Statement"),
                row["dimension"].name,
                row["category"].name,
                statement.text,
                "",
                "",
                score,
                "",
                "",
                "",
            ]
    for level, groups in ((_("Department"), result.departments), (_("Target group"), result.target_groups)):
        for group in groups:
            yield [level, "", "", "", group.label, group.count, scoring.display(group.total), "", "", ""]
            for category in result.structure.categories:
                yield [
                    level, "", category.name, "", group.label, group.count,
                    scoring.display(group.categories.get(category.id)), "", "", "",
                ]  # fmt: skip


@login_required
def results(request, round_id):
    round_ = get_object_or_404(
        Round.objects.visible_to(request.user).select_related("organisation", "instrument"), pk=round_id
    )
    if round_.opened_at is None:
        return render(request, "maturity/results.html", {"round": round_, "not_opened": True})
    result = round_results(round_, request.user)
    fmt = request.GET.get("format")
    if fmt and not result.hidden:
        if fmt in FORMATS:
            audit.log(
                "report.exported",
                f"maturity results {round_.title} ({fmt})",
                actor=request.user,
                obj=round_,
                report="maturity.results",
                format=fmt,
            )
        header, *rows = list(export_rows(result))
        return export_response(fmt, f"mognad-{round_.pk}-{timezone.localdate():%Y-%m-%d}", header, rows)
    context = {"round": round_, "result": result}
    if not result.hidden:
        radar, quadrant = _charts(result)
        context.update(
            category_rows=_category_rows(result),
            radar=radar,
            quadrant=quadrant,
            quadrant_name=QUADRANT_NAMES.get(result.quadrant),
            total=scoring.display(result.scores.total),
            dimensions=[
                (dimension, scoring.display(result.scores.dimensions.get(dimension.id)))
                for dimension in result.structure.dimensions
            ],
            departments=_breakdown_rows(result, result.departments),
            target_groups=_breakdown_rows(result, result.target_groups),
            previous_position=[scoring.display(v) for v in result.previous_position or ()],
        )
    return render(request, "maturity/results.html", context)
