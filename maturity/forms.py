"""Forms of maturity rounds: a new round (managers) and one page of answers (respondents)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import scoping
from accounts.models import Department, Organisation, Selection, TargetGroup

from .models import Audience, Instrument, ScaleValue

# The six labelled steps first, "Don't know" last, as the respondent reads them.
SCALE_CHOICES = [(value, label) for value, label in ScaleValue.choices if value] + [
    (ScaleValue.DONT_KNOW.value, ScaleValue.DONT_KNOW.label)
]


class DepartmentChoice(forms.ModelMultipleChoiceField):
    def __init__(self, *args, with_organisation=False, **kwargs):
        self.with_organisation = with_organisation
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.organisation.name} – {obj.name}" if self.with_organisation else obj.name


class RoundForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("For example “Baseline 2026”."))
    instrument = forms.ModelChoiceField(label=_("Survey"), queryset=Instrument.objects.none())
    closes_on = forms.DateField(
        label=_("Closing date"),
        help_text=_("The last day answers can be given or changed."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    audience = forms.ChoiceField(
        label=_("Respondents"), choices=Audience.choices, initial=Audience.EVERYONE, widget=forms.RadioSelect
    )
    departments = DepartmentChoice(
        label=_("Departments"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When the respondents are chosen departments."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When the respondents are chosen target groups."),
    )
    selection = forms.ModelChoiceField(
        label=_("Saved selection"),
        queryset=Selection.objects.none(),
        required=False,
        help_text=_("When the respondents are a saved selection."),
    )
    save_as = forms.CharField(
        label=_("Save this choice as a selection, named"),
        max_length=120,
        required=False,
        help_text=_("To choose the same people again, e.g. for a rollout phase."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.is_admin = scoping.is_administrator(user)
        surveys = Instrument.objects.filter(live=True)
        self.fields["instrument"].queryset = surveys
        if not self.is_bound:
            only = list(surveys.values_list("pk", flat=True)[:2])
            if len(only) == 1:  # the usual case: one published survey, chosen already
                self.initial.setdefault("instrument", only[0])
        managed = scoping.organisations_visible_to(user)
        self.fields["departments"].queryset = (
            Department.objects.filter(organisation__in=managed)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        self.fields["departments"].with_organisation = self.is_admin
        self.fields["selection"].queryset = Selection.objects.filter(organisation__in=managed)
        if self.is_admin:
            self.fields["organisation"].queryset = managed.order_by("name")
            self.fields["organisation"].initial = user.organisation_id
        else:
            del self.fields["organisation"]
        if not self.is_bound:
            self.fields["closes_on"].initial = timezone.localdate() + timezone.timedelta(days=21)

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate():
            raise forms.ValidationError(_("The closing date has passed. Choose today or a later day."))
        return closes_on

    def clean(self):
        data = super().clean()
        organisation = data.get("organisation") if self.is_admin else self.user.organisation
        data["organisation"] = organisation
        if organisation is None:
            return data
        audience = data.get("audience")
        departments = list(data.get("departments") or ())
        if audience == Audience.DEPARTMENTS and not departments and "departments" not in self.errors:
            self.add_error("departments", _("Choose at least one department."))
        if audience == Audience.TARGET_GROUPS and not data.get("target_groups"):
            self.add_error("target_groups", _("Choose at least one target group."))
        if audience == Audience.SELECTION and not data.get("selection") and "selection" not in self.errors:
            self.add_error("selection", _("Choose a saved selection."))
        if any(d.organisation_id != organisation.pk for d in departments):
            self.add_error("departments", _("Choose departments of the organisation the round is for."))
        selection = data.get("selection")
        if audience == Audience.SELECTION and selection and selection.organisation_id != organisation.pk:
            self.add_error("selection", _("Choose a selection of the organisation the round is for."))
        name = (data.get("save_as") or "").strip()
        if name and audience not in (Audience.DEPARTMENTS, Audience.TARGET_GROUPS):
            self.add_error("save_as", _("Only a choice of departments or target groups can be saved."))
        return data


class AnswerForm(forms.Form):
    """The statements of one part as radio groups (a fieldset each); unanswered is allowed until submitting."""

    def __init__(self, *args, statements, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        for statement in statements:
            self.fields[self.field_name(statement.id)] = forms.TypedChoiceField(
                label=statement.text,
                help_text=statement.help_text,
                choices=SCALE_CHOICES,
                coerce=int,
                required=False,
                empty_value=None,
                disabled=disabled,
                widget=forms.RadioSelect,
            )

    @staticmethod
    def field_name(statement_id):
        return f"s_{statement_id}"

    def values(self):
        """{statement_id: value} of the answered statements."""
        return {
            s.id: self.cleaned_data[self.field_name(s.id)]
            for s in self.statements
            if self.cleaned_data.get(self.field_name(s.id)) is not None
        }
