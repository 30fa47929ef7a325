"""The reach figures as rows for core.exports (XLSX/CSV): the same figures, and the same blanks, as the page.

Organisations are named (they are not people); people are only counted, and a hidden count is an
empty cell with a note. Labels are read here, at export time, in the reader's language.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .charts import month_label
from .figures import county_label, group_label, kind_label

COLUMNS = [
    ("breakdown", gettext_lazy("Breakdown")),
    ("county", gettext_lazy("County")),
    ("kind", gettext_lazy("Kind of organisation")),
    ("value", gettext_lazy("Value")),
    ("organisations", gettext_lazy("Organisations")),
    ("reached", gettext_lazy("Organisations that have taken part")),
    ("percent", gettext_lazy("Share (%)")),
    ("participants", gettext_lazy("Participants")),
    ("leading", gettext_lazy("Leading persons reached")),
    ("modules", gettext_lazy("E-modules completed")),
    ("certificates", gettext_lazy("Programme certificates issued")),
    ("note", gettext_lazy("Note")),
]


def _row(**values):
    return [values.get(key) for key, _title in COLUMNS]


def export_rows(result):
    """Header, then: targets, total, per county, per kind, county × kind, target groups, organisations, months."""
    yield [str(title) for _key, title in COLUMNS]
    note = _("Hidden to protect anonymity (groups under %(k)s people)") % {"k": result.k}
    total = result.total
    yield _row(
        breakdown=_("Target"),
        value=_("Share of organisations that have taken part"),
        organisations=total.organisations,
        reached=total.reached,
        percent=total.percent,
        note=_("Target: %(target)s %%") % {"target": result.target_share},
    )
    yield _row(
        breakdown=_("Target"),
        value=_("Leading persons reached"),
        percent=result.leading_percent,
        leading=result.leading,
        note=(_("Target: %(target)s leading persons") % {"target": result.target_leading})
        + ("" if result.leading is not None else f" – {note}"),
    )
    yield _row(
        breakdown=_("Total"),
        value=_("Every organisation in the selection"),
        organisations=total.organisations,
        reached=total.reached,
        percent=total.percent,
        participants=result.participants,
        leading=result.leading,
        note=note if result.participants is None or result.leading is None else "",
    )
    for row in result.counties:
        yield _row(
            breakdown=_("County"),
            county=county_label(row.key),
            organisations=row.organisations,
            reached=row.reached,
            percent=row.percent,
            participants=row.participants,
            leading=row.leading,
            note=note if row.participants is None or row.leading is None else "",
        )
    for row in result.kinds:
        yield _row(
            breakdown=_("Kind of organisation"),
            kind=kind_label(row.key),
            organisations=row.organisations,
            reached=row.reached,
            percent=row.percent,
        )
    for county in result.counties:
        for kind in result.kinds_present:
            cell = county.by_kind.get(kind)
            if cell:
                yield _row(
                    breakdown=_("County and kind"),
                    county=county_label(county.key),
                    kind=kind_label(kind),
                    organisations=cell.organisations,
                    reached=cell.reached,
                    percent=cell.percent,
                )
    for row in result.target_groups:
        yield _row(
            breakdown=_("Target group"),
            value=group_label(row.key),
            participants=row.people,
            note=note if row.people is None else "",
        )
    for row in result.leading_groups:
        yield _row(
            breakdown=_("Leading persons by target group"),
            value=group_label(row.key),
            leading=row.people,
            note=note if row.people is None else "",
        )
    for row in result.organisations:
        yield _row(
            breakdown=_("Organisation"),
            county=county_label(row.county),
            kind=kind_label(row.kind),
            value=row.name,
            organisations=1,
            reached=int(row.took_part),
            participants=row.participants,
            note=note if row.participants is None else "",
        )
    for row in result.months:
        yield _row(
            breakdown=_("Completions per month"),
            value=month_label(row.month),
            modules=row.modules,
            certificates=row.certificates,
            note=note if row.modules is None or row.certificates is None else "",
        )
