from itertools import groupby

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from .models import Department, TargetGroup, User

PROFILE_FIELDS = ("organisation", "department", "target_group", "preferred_language")


class SignupForm(AllauthSignupForm):
    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        choices=[("", _("Choose your role"))] + list(TargetGroup.choices),
        required=False,
        help_text=_("Helps us show you the modules meant for you."),
    )
    field_order = ["email", "first_name", "last_name", "target_group", "password1", "password2"]

    def save(self, request):
        user = super().save(request)
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.target_group = self.cleaned_data.get("target_group") or ""
        user.save(update_fields=["first_name", "last_name", "target_group"])
        return user


class DepartmentChoiceIterator(ModelChoiceIterator):
    """The departments grouped by organisation (one optgroup each), in the queryset's order."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for organisation, departments in groupby(self.queryset, key=lambda department: department.organisation):
            yield (organisation.name, [self.choice(department) for department in departments])


class DepartmentChoiceField(forms.ModelChoiceField):
    """A department named with its organisation: "Socialförvaltningen (Härnösands kommun)"."""

    iterator = DepartmentChoiceIterator

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.organisation.name})"


class _ProfileFieldsMixin:
    def clean(self):
        cleaned = super().clean()
        organisation, department = cleaned.get("organisation"), cleaned.get("department")
        if department and department.organisation_id != getattr(organisation, "pk", None):
            self.add_error("department", _("The department must belong to the chosen organisation."))
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "department" in self.fields:
            # Every organisation's departments in one list: name and group them by their organisation.
            old = self.fields["department"]
            self.fields["department"] = DepartmentChoiceField(
                queryset=Department.objects.select_related("organisation").order_by("organisation__name", "name"),
                required=old.required,
                label=old.label,
                help_text=old.help_text,
                widget=type(old.widget)(attrs=old.widget.attrs),
            )


class WagtailUserCreationForm(_ProfileFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class WagtailUserEditForm(_ProfileFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PROFILE_FIELDS)


class ProfileForm(forms.ModelForm):
    """What a person may correct about themselves (GDPR: the right to rectification)."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "department", "target_group", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(organisation_id=self.instance.organisation_id)
        self.fields["department"].required = False


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    confirm = forms.BooleanField(label=_("I understand that my account and learning records will be deleted."))

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
