"""Forms for the workshop admin: every choice limited to what the person may see (accounts.scoping)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from accounts import scoping
from accounts.models import Department, Organisation, TargetGroup
from accounts.roles import FACILITATOR
from elearning.models import ModulePage
from webcasts.models import WebcastPage

from . import services
from .composition import group_count_for
from .models import Membership, Workshop, WorkshopGroup

MAX_GROUPS = 100
TARGET_GROUP_CHOICES = [("", gettext_lazy("All target groups")), *TargetGroup.choices]


def person_label(user):
    name = user.get_full_name()
    return f"{name} <{user.email}>" if name else user.email


def scoped_workshops(user):
    return Workshop.objects.managed_by(user).select_related("organisation")


def scoped_groups(user):
    return WorkshopGroup.objects.managed_by(user).select_related("workshop")


def facilitator_choices(user, current_ids=()):
    """Active people with the facilitator role in the viewer's organisation(s), and whoever is chosen already."""
    people = scoping.users_visible_to(user).active().filter(organisation__isnull=False, groups__role__code=FACILITATOR)
    User = get_user_model()
    return (
        User.objects.filter(pk__in=people.values("pk")) | User.objects.filter(pk__in=[pk for pk in current_ids if pk])
    ).order_by("last_name", "first_name", "email")


def _only_own_organisation(field, user):
    """A manager picks among exactly one organisation: theirs, preselected."""
    field.queryset = scoping.organisations_visible_to(user)
    if not scoping.is_administrator(user):
        field.empty_label = None


class WorkshopAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "organisation" in self.fields:
            _only_own_organisation(self.fields["organisation"], user)
            if not self.instance.pk and scoping.can_manage_organisation(user, user.organisation_id):
                self.initial.setdefault("organisation", user.organisation_id)
        current = [person.pk for person in self.instance.facilitators.all()] if self.instance.pk else []
        if "facilitators" in self.fields:
            self.fields["facilitators"].queryset = facilitator_choices(user, current)
            self.fields["facilitators"].label_from_instance = person_label
        if "required_modules" in self.fields:
            chosen = [module.pk for module in self.instance.required_modules.all()] if self.instance.pk else []
            self.fields["required_modules"].queryset = (
                ModulePage.objects.live() | ModulePage.objects.filter(pk__in=chosen)
            ).order_by("path")
        if "required_webcasts" in self.fields:
            chosen = [webcast.pk for webcast in self.instance.required_webcasts.all()] if self.instance.pk else []
            self.fields["required_webcasts"].queryset = (
                WebcastPage.objects.live() | WebcastPage.objects.filter(pk__in=chosen)
            ).order_by("-starts_at")

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        facilitators = cleaned.get("facilitators") or []
        if organisation is not None:
            others = [person_label(p) for p in facilitators if p.organisation_id != organisation.pk]
            if others:
                self.add_error(
                    "facilitators",
                    _("Facilitators must belong to the workshop's organisation: %(people)s")
                    % {"people": ", ".join(others)},
                )
        return cleaned


class WorkshopGroupAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "workshop" in self.fields:
            self.fields["workshop"].queryset = scoped_workshops(user).order_by("-starts_at")
        if "facilitator" in self.fields:
            self.fields["facilitator"].queryset = facilitator_choices(user, [self.instance.facilitator_id])
            self.fields["facilitator"].label_from_instance = person_label

    def clean(self):
        cleaned = super().clean()
        workshop, facilitator = cleaned.get("workshop"), cleaned.get("facilitator")
        if workshop is not None and facilitator is not None and facilitator.organisation_id != workshop.organisation_id:
            self.add_error("facilitator", _("The facilitator must belong to the workshop's organisation."))
        return cleaned


# --- Group members -------------------------------------------------------------------------


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        label = person_label(obj)
        if getattr(obj, "current_group", None):
            label = _("%(person)s (in %(group)s)") % {"person": label, "group": obj.current_group}
        return label


class AddMemberForm(forms.Form):
    user = PersonChoiceField(queryset=None, label=gettext_lazy("Person"))

    def __init__(self, group, *args, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        in_workshop = Membership.objects.filter(workshop_id=group.workshop_id, user=OuterRef("pk"))
        self.fields["user"].queryset = (
            User.objects.active()
            .filter(organisation_id=group.workshop.organisation_id)
            .exclude(workshop_memberships__group=group)
            .annotate(current_group=Subquery(in_workshop.values("group__name")[:1]))
            .order_by("last_name", "first_name", "email")
        )


class BulkAddForm(forms.Form):
    department = forms.ModelChoiceField(
        queryset=None, required=False, label=gettext_lazy("Department"), empty_label=gettext_lazy("Any department")
    )
    target_group = forms.ChoiceField(choices=TARGET_GROUP_CHOICES, required=False, label=gettext_lazy("Target group"))

    def __init__(self, group, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["department"].queryset = Department.objects.filter(organisation_id=group.workshop.organisation_id)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("department") and not cleaned.get("target_group"):
            raise forms.ValidationError(_("Choose a department, a target group or both."))
        return cleaned

    def people(self):
        User = get_user_model()
        people = User.objects.active().filter(organisation_id=self.group.workshop.organisation_id)
        if self.cleaned_data.get("department"):
            people = people.filter(department=self.cleaned_data["department"])
        if self.cleaned_data.get("target_group"):
            people = people.filter(target_group=self.cleaned_data["target_group"])
        return people.order_by("last_name", "first_name", "email")


class ImportMembersForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "One e-mail address a row, or a column named “e-post” or “email”. At most 1 MB and 5,000 rows."
        ),
    )


# --- Proposing groups ----------------------------------------------------------------------


class ProposeGroupsForm(forms.Form):
    """What to propose: how many groups (or people per group), and from whom."""

    COUNT, SIZE = "count", "size"
    mode = forms.ChoiceField(
        choices=[(SIZE, gettext_lazy("About this many people per group")), (COUNT, gettext_lazy("Number of groups"))],
        initial=SIZE,
        widget=forms.RadioSelect,
        label=gettext_lazy("Divide by"),
    )
    number = forms.IntegerField(min_value=1, max_value=MAX_GROUPS, initial=6, label=gettext_lazy("Number"))
    departments = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Departments"),
        help_text=gettext_lazy("Leave empty to include every department."),
    )
    target_group = forms.ChoiceField(choices=TARGET_GROUP_CHOICES, required=False, label=gettext_lazy("Target group"))

    def __init__(self, workshop, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        self.fields["departments"].queryset = Department.objects.filter(organisation_id=workshop.organisation_id)

    def candidates(self):
        """Members of the organisation who match, are not yet in a group of this workshop and do not facilitate it."""
        people = candidate_people(self.workshop)
        if self.cleaned_data.get("departments"):
            people = people.filter(department__in=self.cleaned_data["departments"])
        if self.cleaned_data.get("target_group"):
            people = people.filter(target_group=self.cleaned_data["target_group"])
        return list(people)

    def group_count(self, people_count):
        number = self.cleaned_data["number"]
        count = number if self.cleaned_data["mode"] == self.COUNT else group_count_for(number, people_count)
        return max(1, min(count, people_count or 1, MAX_GROUPS))


def candidate_people(workshop):
    """The organisation's people who are not yet in a group of the workshop and do not lead one."""
    User = get_user_model()
    return (
        User.objects.active()
        .filter(organisation_id=workshop.organisation_id)
        .exclude(workshop_memberships__workshop=workshop)
        .exclude(facilitated_workshops=workshop)
        .exclude(facilitated_groups__workshop=workshop)
        .select_related("department")
        .order_by("last_name", "first_name", "email")
    )


def default_group_names(workshop, count):
    taken = set(WorkshopGroup.objects.filter(workshop=workshop).values_list("name", flat=True))
    names, number = [], 1
    while len(names) < count:
        name = _("Group %(number)s") % {"number": number}
        if name not in taken:
            names.append(name)
        number += 1
    return names


class SaveGroupsForm(forms.Form):
    """The proposal, adjusted: a name per group, and for each person the number of their group."""

    def __init__(self, workshop, people, group_count, assignment=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop, self.people, self.group_count = workshop, list(people), group_count
        assignment = assignment or {}
        for number, name in enumerate(default_group_names(workshop, group_count), start=1):
            self.fields[f"name_{number}"] = forms.CharField(
                max_length=100,
                initial=name,
                label=_("Name of group %(number)s") % {"number": number},
            )
        choices = [("", _("Not placed"))] + [(str(n), str(n)) for n in range(1, group_count + 1)]
        for person in self.people:
            self.fields[f"person_{person.pk}"] = forms.TypedChoiceField(
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=assignment.get(person.pk),
                label=_("Group for %(person)s") % {"person": person_label(person)},
            )

    def name_field(self, number):
        return self[f"name_{number}"]

    def person_field(self, person):
        return self[f"person_{person.pk}"]

    def clean(self):
        cleaned = super().clean()
        names = [(cleaned.get(f"name_{n}") or "").strip() for n in range(1, self.group_count + 1)]
        lowered = [name.lower() for name in names if name]
        if len(set(lowered)) != len(lowered):
            raise forms.ValidationError(_("Give every group its own name."))
        taken = set(WorkshopGroup.objects.filter(workshop=self.workshop, name__in=names).values_list("name", flat=True))
        for number, name in enumerate(names, start=1):
            if name in taken:
                self.add_error(f"name_{number}", _("The workshop already has a group named %(name)s.") % {"name": name})
        return cleaned

    def groups(self):
        """[(number, name field, [(person, select field)])] in group order, following the current choices."""
        placed = {n: [] for n in range(1, self.group_count + 1)}
        unplaced = []
        for person in self.people:
            bound = self.person_field(person)
            value = bound.value()
            try:
                number = int(value) if value not in (None, "") else None
            except (TypeError, ValueError):
                number = None
            (placed.get(number, unplaced)).append((person, bound))
        return [(n, self.name_field(n), rows) for n, rows in placed.items()], unplaced

    def save(self, actor=None):
        """Create the groups and memberships in one transaction; any refusal stores nothing."""
        with transaction.atomic():
            groups = {
                number: WorkshopGroup.objects.create(
                    workshop=self.workshop, name=self.cleaned_data[f"name_{number}"].strip()
                )
                for number in range(1, self.group_count + 1)
            }
            added = 0
            for person in self.people:
                number = self.cleaned_data.get(f"person_{person.pk}")
                if number:
                    services.add_member(groups[number], person, actor=actor)
                    added += 1
        return list(groups.values()), added


# --- Completion report filters --------------------------------------------------------------


class CompletionFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=None, required=False, label=gettext_lazy("Organisation"), empty_label=gettext_lazy("All")
    )
    department = forms.ModelChoiceField(
        queryset=None, required=False, label=gettext_lazy("Department"), empty_label=gettext_lazy("All")
    )
    target_group = forms.ChoiceField(choices=TARGET_GROUP_CHOICES, required=False, label=gettext_lazy("Target group"))
    workshop = forms.ModelChoiceField(
        queryset=None, required=False, label=gettext_lazy("Workshop"), empty_label=gettext_lazy("All")
    )
    group = forms.ModelChoiceField(
        queryset=None, required=False, label=gettext_lazy("Workshop group"), empty_label=gettext_lazy("All")
    )
    module = forms.ModelChoiceField(
        queryset=None, required=False, label=gettext_lazy("E-module"), empty_label=gettext_lazy("All")
    )

    def __init__(self, viewer, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = scoping.organisations_visible_to(viewer)
        is_admin = scoping.is_administrator(viewer)
        if is_admin:
            self.fields["organisation"].queryset = Organisation.objects.all()
        else:
            del self.fields["organisation"]
        self.fields["department"].queryset = Department.objects.filter(organisation__in=organisations).select_related(
            "organisation"
        )
        if is_admin:
            self.fields["department"].label_from_instance = lambda d: f"{d.name} ({d.organisation.name})"
        self.fields["workshop"].queryset = scoped_workshops(viewer).order_by("-starts_at")
        self.fields["group"].queryset = scoped_groups(viewer).order_by("-workshop__starts_at", "name")
        self.fields["group"].label_from_instance = lambda g: f"{g.name} – {g.workshop}"
        self.fields["module"].queryset = ModulePage.objects.live().order_by("path")

    def filters(self):
        data = self.cleaned_data
        return {
            "organisation": data.get("organisation"),
            "department": data.get("department"),
            "target_group": data.get("target_group") or None,
            "workshop": data.get("workshop"),
            "group": data.get("group"),
            "module": data.get("module"),
        }
