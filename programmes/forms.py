"""Forms of the teaching and assignment pages. The rules they call live in programmes.files / assignments."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import files
from .exceptions import InvalidFile
from .models import FeedbackDecision


def ids_from(values, limit=None):
    """Whole-number ids from a list of POST values (checkboxes); anything else (letters, "²", 30 digits) is
    dropped, so that a hand-made request cannot turn into a 500."""
    ids = []
    for value in values:
        if value.isascii() and value.isdigit() and len(value) <= 18:
            ids.append(int(value))
    return ids[:limit] if limit is not None else ids


class SubmissionForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Write your answer here, attach a file, or both."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word (DOCX), OpenDocument text (ODT), text (TXT), PNG or JPEG, at most %(limit)s."),
        widget=forms.ClearableFileInput(attrs={"accept": files.ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {"limit": filesizeformat(files.max_bytes())}
        self.checked = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        try:
            self.checked = files.check_upload(upload)
        except InvalidFile as error:
            raise forms.ValidationError(str(error.message)) from None
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Write a text or attach a file."))
        return data


class FeedbackForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (FeedbackDecision.APPROVED, _("Approve the home assignment")),
            (FeedbackDecision.REVISION, _("Ask for a revision")),
            (FeedbackDecision.COMMENT, _("Only comment")),
        ],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Feedback to the participant"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Required when you ask for a revision or comment."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision and decision != FeedbackDecision.APPROVED and not (data.get("text") or "").strip():
            self.add_error("text", _("Write what the participant should revise, or your comment."))
        return data


class SharingForm(forms.Form):
    share = forms.BooleanField(label=_("Participants may read each other's approved home assignments"), required=False)
