"""Forms for plans, phases and communication items. Choices are limited to the plan's organisation,
so a forged id of another organisation's department, workshop or selection is a form error."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import scoping
from accounts.models import Department, Organisation, Selection, TargetGroup
from accounts.selections import clean_target_groups
from elearning.models import ModulePage
from webcasts.models import WebcastPage
from workshops.models import Workshop

from .models import CommunicationItem, Phase, RolloutPlan


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PlanForm(forms.ModelForm):
    """Title, goal and the checklist's own answers. Administrators also pick the organisation."""

    class Meta:
        model = RolloutPlan
        fields = ["organisation", "title", "goal", "target_groups_note", "clustering", "order_rationale"]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "target_groups_note": forms.Textarea(attrs={"rows": 3}),
            "clustering": forms.Textarea(attrs={"rows": 3}),
            "order_rationale": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = scoping.organisations_visible_to(user).order_by("name")
        if self.instance.pk or scoping.scope_of(user).people != scoping.ALL:
            # A manager plans for their own organisation; a plan never changes organisation.
            del self.fields["organisation"]
            if not self.instance.pk:
                self.instance.organisation = Organisation.objects.get(pk=user.organisation_id)
        else:
            self.fields["organisation"].queryset = organisations


class PhaseForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every target group."),
    )

    class Meta:
        model = Phase
        fields = [
            "name",
            "target_groups",
            "departments",
            "selection",
            "starts_on",
            "ends_on",
            "modules",
            "workshops",
            "webcasts",
            "resource_group",
        ]
        widgets = {
            "departments": forms.CheckboxSelectMultiple,
            "modules": forms.CheckboxSelectMultiple,
            "workshops": forms.CheckboxSelectMultiple,
            "webcasts": forms.CheckboxSelectMultiple,
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }
        help_texts = {
            "departments": _("None chosen: every department."),
            "selection": _("A saved selection replaces the target groups and departments above."),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        organisation_id = plan.organisation_id
        self.fields["departments"].queryset = Department.objects.filter(organisation_id=organisation_id).order_by(
            "name"
        )
        self.fields["selection"].queryset = Selection.objects.filter(organisation_id=organisation_id).order_by("name")
        self.fields["modules"].queryset = ModulePage.objects.live().order_by("title")
        self.fields["workshops"].queryset = Workshop.objects.for_organisation(organisation_id).order_by("starts_at")
        self.fields["webcasts"].queryset = WebcastPage.objects.live().order_by("starts_at")

    def clean_target_groups(self):
        return clean_target_groups(self.cleaned_data.get("target_groups"))

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The phase cannot end before it starts."))
        if cleaned.get("selection") and (cleaned.get("departments") or cleaned.get("target_groups")):
            self.add_error(
                "selection",
                _("Choose either a saved selection or target groups and departments, not both."),
            )
        return cleaned


class CommunicationItemForm(forms.ModelForm):
    class Meta:
        model = CommunicationItem
        fields = ["message", "sender", "sender_name", "channel", "date", "status"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4}), "date": DateInput()}
        help_texts = {
            "message": _(
                "The first e-mail message of a phase is included in the invitation sent when the phase starts."
            )
        }


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])
