"""Forms of the reach dashboard: the filters (a GET form) and the two targets (programme owners)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import County, OrganisationKind

from .figures import MODULES, PROGRAMMES, WEBCASTS, WORKSHOPS, Filters
from .models import ReachTarget

ACTIVITY_CHOICES = [
    ("", _("Every activity")),
    (MODULES, _("E-modules")),
    (WORKSHOPS, _("Workshops")),
    (PROGRAMMES, _("Leadership programmes")),
    (WEBCASTS, _("Webcasts")),
]
MAX_LEADING_PERSONS = 10_000_000
FILTER_FIELDS = ("county", "kind", "activity", "since", "until")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class FilterForm(forms.Form):
    """Every field optional; a value that does not fit is dropped by `filters_from`, with a notice."""

    county = forms.ChoiceField(label=_("County"), choices=[("", _("Every county")), *County.choices], required=False)
    kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=[("", _("Every kind")), *OrganisationKind.choices], required=False
    )
    activity = forms.ChoiceField(label=_("Activity"), choices=ACTIVITY_CHOICES, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date must not be before the start date."))
        return data


def filters_from(params):
    """(Filters, form to show, names of the fields whose values were ignored) from the request's GET."""
    form = FilterForm({name: params.get(name, "") for name in FILTER_FIELDS})
    form.is_valid()
    ignored = [str(form.fields[name].label) for name in FILTER_FIELDS if name in form.errors]
    values = {name: form.cleaned_data.get(name) for name in FILTER_FIELDS if name not in form.errors}
    filters = Filters(
        county=values.get("county") or "",
        kind=values.get("kind") or "",
        activity=values.get("activity") or "",
        since=values.get("since"),
        until=values.get("until"),
    )
    shown = FilterForm(initial={name: value for name, value in values.items() if value})
    return filters, shown, ignored


class TargetForm(forms.ModelForm):
    """The two targets. The error messages are ours (Swedish through the catalogue), keyed by the validators' codes."""

    organisation_share = forms.IntegerField(
        label=_("Target share of organisations that have taken part (%)"),
        min_value=1,
        max_value=100,
        error_messages={
            "required": _("Give the target share, a whole number from 1 to 100."),
            "invalid": _("Give the target share as a whole number from 1 to 100."),
            "min_value": _("The target share must be at least %(limit_value)s %%."),
            "max_value": _("The target share can be at most %(limit_value)s %%."),
        },
        widget=forms.NumberInput(attrs={"step": 1, "inputmode": "numeric"}),
    )
    leading_persons = forms.IntegerField(
        label=_("Target number of leading persons reached"),
        min_value=1,
        max_value=MAX_LEADING_PERSONS,
        error_messages={
            "required": _("Give the target number of leading persons, a whole number of at least 1."),
            "invalid": _("Give the target number of leading persons as a whole number of at least 1."),
            "min_value": _("The target number of leading persons must be at least %(limit_value)s."),
            "max_value": _("The target number of leading persons can be at most %(limit_value)s."),
        },
        help_text=_("Elected officials, senior officials and managers."),
        widget=forms.NumberInput(attrs={"step": 1, "inputmode": "numeric"}),
    )

    class Meta:
        model = ReachTarget
        fields = ["organisation_share", "leading_persons"]
