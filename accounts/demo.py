"""Demo organisations and people, from the programmes in ../shared/domain.md. Idempotent."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction

from .models import County, Department, EmailDomain, Organisation, OrganisationKind, TargetGroup, User
from .roles import (
    ADMINISTRATOR,
    EDITOR,
    FACILITATOR,
    LEARNER,
    MANAGER,
    PROGRAMME_OWNER,
    REVIEWER,
    TEACHER,
    ensure_roles,
    group_for,
)

DEMO_PASSWORD = "kompetens2026"  # noqa: S105 - demo only; unusable outside dev/test (see DEMO_PASSWORDS)

ORGANISATIONS = [
    (
        "Sundsvalls kommun",
        OrganisationKind.MUNICIPALITY,
        County.Y,
        ["sundsvall.se"],
        ["Kommunstyrelsekontoret", "Socialtjänsten", "Barn- och utbildningsförvaltningen", "Stadsbyggnadskontoret"],
    ),
    (
        "Härnösands kommun",
        OrganisationKind.MUNICIPALITY,
        County.Y,
        ["harnosand.se"],
        [
            "Kommunledningsförvaltningen",
            "Socialförvaltningen",
            "Utbildningsförvaltningen",
            "Samhällsbyggnadsförvaltningen",
            "Kultur- och fritidsförvaltningen",
        ],
    ),
    (
        "Kramfors kommun",
        OrganisationKind.MUNICIPALITY,
        County.Y,
        ["kramfors.se"],
        ["Kommunledningskontoret", "Omsorgsförvaltningen", "Barn- och utbildningsförvaltningen"],
    ),
    (
        "Örnsköldsviks kommun",
        OrganisationKind.MUNICIPALITY,
        County.Y,
        ["ornskoldsvik.se"],
        ["Kommunledningsförvaltningen", "Vård- och omsorgsförvaltningen", "Samhällsbyggnadsförvaltningen"],
    ),
    (
        "Region Västernorrland",
        OrganisationKind.REGION,
        County.Y,
        ["rvn.se"],
        ["Hälso- och sjukvårdsförvaltningen", "Regionstaben", "Kultur- och utbildningsförvaltningen"],
    ),
    # lansstyrelsen.se is shared by all 21 county boards, so it cannot identify this one.
    (
        "Länsstyrelsen Västernorrland",
        OrganisationKind.COUNTY_BOARD,
        County.Y,
        [],
        ["Samhällsbyggnadsenheten", "Verksamhetsstöd"],
    ),
    (
        "Uppsala kommun",
        OrganisationKind.MUNICIPALITY,
        County.C,
        ["uppsala.se"],
        ["Kommunledningskontoret", "Socialförvaltningen", "Plan- och byggnadsnämndens förvaltning"],
    ),
]

# (email, first, last, organisation, department, target group, roles, superuser)
PEOPLE = [
    ("admin@kompetenslyft.se", "Alva", "Administratör", None, None, "", [ADMINISTRATOR], True),
    ("redaktor@kompetenslyft.se", "Ebba", "Redaktör", None, None, "", [EDITOR], False),
    # Follows reach across the county's organisations for "Våga vara digital!": figures, no names.
    (
        "programagare@lansstyrelsen.se",
        "Karin",
        "Sjöberg",
        "Länsstyrelsen Västernorrland",
        "Samhällsbyggnadsenheten",
        TargetGroup.SENIOR,
        [PROGRAMME_OWNER],
        False,
    ),
    (
        "chef@harnosand.se",
        "Maria",
        "Holm",
        "Härnösands kommun",
        "Kommunledningsförvaltningen",
        TargetGroup.SENIOR,
        [MANAGER],
        False,
    ),
    (
        "chef@sundsvall.se",
        "Johan",
        "Sjöberg",
        "Sundsvalls kommun",
        "Kommunstyrelsekontoret",
        TargetGroup.SENIOR,
        [MANAGER],
        False,
    ),
    (
        "samtalsledare@harnosand.se",
        "Karin",
        "Nordin",
        "Härnösands kommun",
        "Kommunledningsförvaltningen",
        TargetGroup.MANAGER,
        [FACILITATOR],
        False,
    ),
    (
        "anna.lindqvist@harnosand.se",
        "Anna",
        "Lindqvist",
        "Härnösands kommun",
        "Socialförvaltningen",
        TargetGroup.MANAGER,
        [],
        False,
    ),
    (
        "erik.berg@harnosand.se",
        "Erik",
        "Berg",
        "Härnösands kommun",
        "Utbildningsförvaltningen",
        TargetGroup.MANAGER,
        [],
        False,
    ),
    (
        "sara.nyberg@harnosand.se",
        "Sara",
        "Nyberg",
        "Härnösands kommun",
        "Samhällsbyggnadsförvaltningen",
        TargetGroup.MANAGER,
        [],
        False,
    ),
    (
        "lars.ostlund@harnosand.se",
        "Lars",
        "Östlund",
        "Härnösands kommun",
        "Kultur- och fritidsförvaltningen",
        TargetGroup.MANAGER,
        [],
        False,
    ),
    (
        "medarbetare@sundsvall.se",
        "Fatima",
        "Haddad",
        "Sundsvalls kommun",
        "Socialtjänsten",
        TargetGroup.STAFF,
        [],
        False,
    ),
    ("ledamot@kramfors.se", "Per", "Wikström", "Kramfors kommun", None, TargetGroup.ELECTED, [], False),
    # Kursledare of "Chefsprogram för välfärdens digitalisering" (programmes.demo): an outside expert.
    ("kursledare@kompetenslyft.se", "Helena", "Ekström", None, None, "", [TEACHER], False),
    # Granskare: approves or sends back pages in the review workflow (accounts/review.py).
    ("granskare@kompetenslyft.se", "Greta", "Holm", None, None, "", [REVIEWER], False),
    # Each municipality's solution editor writes under its own part of the challenge "Digitalkompetens fas 1"
    # and submits for review; challenges.demo puts them in their organisation's group (SOLUTION_EDITORS).
    (
        "redaktor@sundsvall.se",
        "Sofia",
        "Lund",
        "Sundsvalls kommun",
        "Kommunstyrelsekontoret",
        TargetGroup.STAFF,
        [],
        False,
    ),
    (
        "redaktor@ornskoldsvik.se",
        "Nils",
        "Hägglund",
        "Örnsköldsviks kommun",
        "Kommunledningsförvaltningen",
        TargetGroup.STAFF,
        [],
        False,
    ),
    (
        "redaktor@harnosand.se",
        "Elin",
        "Westin",
        "Härnösands kommun",
        "Kommunledningsförvaltningen",
        TargetGroup.STAFF,
        [],
        False,
    ),
    (
        "redaktor@kramfors.se",
        "Jonas",
        "Strand",
        "Kramfors kommun",
        "Kommunledningskontoret",
        TargetGroup.STAFF,
        [],
        False,
    ),
]

# The solution editors by organisation (challenges.demo gives them their page permissions).
SOLUTION_EDITORS = {
    "Sundsvalls kommun": "redaktor@sundsvall.se",
    "Örnsköldsviks kommun": "redaktor@ornskoldsvik.se",
    "Härnösands kommun": "redaktor@harnosand.se",
    "Kramfors kommun": "redaktor@kramfors.se",
}
REVIEWER_EMAIL = "granskare@kompetenslyft.se"


@transaction.atomic
def seed():
    ensure_roles()
    organisations = {}
    for name, kind, county, domains, departments in ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(name=name, defaults={"kind": kind, "county": county})
        organisations[name] = org
        for domain in domains:
            EmailDomain.objects.get_or_create(domain=domain, defaults={"organisation": org})
        for dept in departments:
            Department.objects.get_or_create(organisation=org, name=dept)
    people = {}
    for email, first, last, org_name, dept_name, target_group, roles, superuser in PEOPLE:
        org = organisations.get(org_name)
        dept = Department.objects.get(organisation=org, name=dept_name) if dept_name else None
        people[email] = ensure_person(email, first, last, org, dept, target_group, roles, superuser=superuser)
    return {"organisations": organisations, "people": people}


def ensure_person(email, first, last, organisation, department, target_group, roles=(), superuser=False):
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first,
            "last_name": last,
            "organisation": organisation,
            "department": department,
            "target_group": target_group,
            "is_superuser": superuser,
            "is_staff": superuser,
        },
    )
    if created:
        if getattr(settings, "DEMO_PASSWORDS", False):
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    user.groups.add(*(group_for(code) for code in [LEARNER, *roles]))
    return user
