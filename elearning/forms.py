from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Reflection


def audience_date(audience):
    """The day of the workshop as a Swedish reader expects it: "8 december", with the year if it is not this one."""
    day = timezone.localtime(audience.starts_at).date()
    return formats.date_format(day, "MONTH_DAY_FORMAT" if day.year == timezone.localdate().year else "DATE_FORMAT")


class ReflectionForm(forms.Form):
    """A reflection, and the choice to share it only when sharing reaches someone (elearning.sharing).

    Without an audience the form has no sharing fields, so a posted `shared=on` is ignored.
    """

    text = forms.CharField(
        label=_("Your reflection"),
        max_length=Reflection.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write your reflection before you save."),
            "max_length": _("Keep the reflection under %(limit_value)d characters (you wrote %(show_value)d)."),
        },
    )
    shared = forms.BooleanField(label=_("Share with my workshop group"), required=False)
    show_name = forms.BooleanField(label=_("Show my name with it"), required=False)

    def __init__(self, *args, question_id="", audience=None, **kwargs):
        kwargs.setdefault("prefix", f"r-{question_id}")
        super().__init__(*args, **kwargs)
        self.audience = audience
        if audience is None:
            del self.fields["shared"]
            del self.fields["show_name"]
            return
        self.fields["shared"].label = gettext("Share with my group at %(workshop)s on %(date)s") % {
            "workshop": audience.title,
            "date": audience_date(audience),
        }
        self.fields["shared"].help_text = _("The facilitator of your group can then read it at the chefsdag.")
