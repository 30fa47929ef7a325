"""People and organisations: who someone is, where they work, which target group they belong to."""

from django.contrib.auth.models import AbstractUser, BaseUserManager, Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "kommun", _("Municipality")
    REGION = "region", _("Region")
    COUNTY_BOARD = "lansstyrelse", _("County administrative board")
    AGENCY = "myndighet", _("Government agency")
    OTHER = "annan", _("Other")


class County(models.TextChoices):
    """Sweden's 21 counties (län), keyed by their official letter codes."""

    AB = "AB", "Stockholms län"
    C = "C", "Uppsala län"
    D = "D", "Södermanlands län"
    E = "E", "Östergötlands län"
    F = "F", "Jönköpings län"
    G = "G", "Kronobergs län"
    H = "H", "Kalmar län"
    I = "I", "Gotlands län"  # noqa: E741
    K = "K", "Blekinge län"
    M = "M", "Skåne län"
    N = "N", "Hallands län"
    O = "O", "Västra Götalands län"  # noqa: E741
    S = "S", "Värmlands län"
    T = "T", "Örebro län"
    U = "U", "Västmanlands län"
    W = "W", "Dalarnas län"
    X = "X", "Gävleborgs län"
    Y = "Y", "Västernorrlands län"
    Z = "Z", "Jämtlands län"
    AC = "AC", "Västerbottens län"
    BD = "BD", "Norrbottens län"


class TargetGroup(models.TextChoices):
    ELECTED = "fortroendevald", _("Elected official")
    SENIOR = "ledande", _("Senior official")
    MANAGER = "chef", _("Manager")
    STAFF = "medarbetare", _("Staff member")


class Organisation(ClusterableModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    county = models.CharField(_("county"), max_length=2, choices=County.choices, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("county"),
        InlinePanel("email_domains", label=_("E-mail domains"), heading=_("E-mail domains")),
        InlinePanel("departments", label=_("Departments"), heading=_("Departments (förvaltningar)")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        permissions = [("view_reports", "Can view completion reports for own organisation")]

    def __str__(self):
        return self.name


class RoleCode(models.TextChoices):
    """The roles the code knows. A role is found by this code, never by its group's (editable) name."""

    LEARNER = "learner", _("Learner")
    FACILITATOR = "facilitator", _("Facilitator")
    MANAGER = "manager", _("Manager")
    EDITOR = "editor", _("Editor")
    PROGRAMME_OWNER = "programme_owner", _("Programme owner")
    ADMINISTRATOR = "administrator", _("Administrator")
    TEACHER = "teacher", _("Teacher")
    REVIEWER = "reviewer", _("Reviewer")


class Role(models.Model):
    """Ties a permission group to the role code the access rules ask about.

    Administrators may rename the group (its name is what the admin shows); the code stays.
    """

    code = models.CharField(_("code"), max_length=30, choices=RoleCode.choices, unique=True)
    group = models.OneToOneField(Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="role")

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self):
        return self.get_code_display()


class EmailDomainQuerySet(models.QuerySet):
    def organisation_for_email(self, email):
        """The organisation that owns the address's domain, or None."""
        domain = email.rsplit("@", 1)[-1].strip().lower()
        match = self.filter(domain=domain).select_related("organisation").first()
        return match.organisation if match else None


class EmailDomain(models.Model):
    """A mail domain owned by an organisation; signup with it joins that organisation."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="email_domains")
    domain = models.CharField(_("e-mail domain"), max_length=253, unique=True, help_text=_("For example sundsvall.se"))

    panels = [FieldPanel("domain")]

    objects = EmailDomainQuerySet.as_manager()

    class Meta:
        ordering = ["domain"]
        verbose_name = _("e-mail domain")
        verbose_name_plural = _("e-mail domains")

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)


class Department(models.Model):
    """A förvaltning (department) of an organisation."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("name"), max_length=200)

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="department_unique_per_org")]

    def __str__(self):
        return self.name


class UserQuerySet(models.QuerySet):
    def in_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def active(self):
        """People still at work here: those marked as having left drop out of readiness, reminders, proposals."""
        return self.filter(is_active=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person. Logs in with an e-mail address; belongs to at most one organisation."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    # PROTECT: an organisation with people cannot be deleted (their history would lose its owner).
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=[("sv", "Svenska"), ("en", "English")], default="sv"
    )

    left_on = models.DateField(
        _("left on"),
        null=True,
        blank=True,
        help_text=_("Set when a manager marks the person as having left; their history stays."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]
        indexes = [
            models.Index(fields=["organisation", "department"]),
            models.Index(fields=["organisation", "target_group"]),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def full_name(self):
        return self.get_full_name()

    def clean(self):
        super().clean()
        self.email = (self.email or "").strip().lower()
        if self.department_id and self.organisation_id and self.department.organisation_id != self.organisation_id:
            raise ValidationError({"department": _("The department must belong to the user's organisation.")})


class SelectionQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class Selection(models.Model):
    """A saved selection of an organisation's people (sparat urval): departments and/or target groups.

    Used where a manager picks people again and again: maturity rounds and rollout phases. Who is in it
    is decided by `accounts.selections.people_in`, read when it is used, so newcomers join.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="selections"
    )
    name = models.CharField(_("name"), max_length=120)
    departments = models.ManyToManyField(Department, verbose_name=_("departments"), blank=True, related_name="+")
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SelectionQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("saved selection")
        verbose_name_plural = _("saved selections")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="selection_unique_per_org")]

    def __str__(self):
        return self.name
