from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Reflection


class ReflectionForm(forms.Form):
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

    def __init__(self, *args, question_id="", **kwargs):
        kwargs.setdefault("prefix", f"r-{question_id}")
        super().__init__(*args, **kwargs)
        self.fields["shared"].help_text = _("The facilitator of your group can then read it at the chefsdag.")
