"""Forms of the workshop pages on the public site: the readiness filters and the reminder message."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

REMINDER_MESSAGE_MAX = 1000


class ReadinessFilterForm(forms.Form):
    """GET filters of the readiness page. Choices come from what the viewer may already see."""

    not_ready = forms.BooleanField(label=_("Only those not ready"), required=False)
    department = forms.TypedChoiceField(label=_("Department"), required=False, coerce=int, empty_value=None)
    group = forms.TypedChoiceField(label=_("Group"), required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("Group (default)")),
            ("name", _("Name")),
            ("department", _("Department")),
            ("group", _("Group")),
            ("ready", _("Ready (not ready first)")),
        ],
    )

    def __init__(self, data=None, *, departments=(), groups=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["department"].choices = [("", _("All departments"))] + [(d.pk, str(d)) for d in departments]
        self.fields["group"].choices = [("", _("All groups"))] + [(g.pk, g.name) for g in groups]

    def filters(self):
        """The valid filters as keyword arguments for readiness.filter_rows; an invalid one is left out."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "not_ready": bool(data.get("not_ready")),
            "department_id": data.get("department"),
            "group_id": data.get("group"),
            "sort": data.get("sort") or None,
        }


class ReminderForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        help_text=format_lazy(
            "{} {}", _("Added to the reminder, above the list of modules left."), _("At most 1,000 characters.")
        ),
        required=False,
        max_length=REMINDER_MESSAGE_MAX,
        error_messages={"max_length": _("Keep the message under 1,000 characters (you wrote %(show_value)d).")},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
