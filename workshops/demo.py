"""Demo chefsdag for Härnösands kommun: four groups of managers with varied readiness. Idempotent."""

import datetime

from django.utils import timezone

from accounts.demo import ensure_person
from accounts.models import Department, Organisation, TargetGroup
from accounts.roles import FACILITATOR, MANAGER
from elearning.demo import demo_random, take_module_in_the_past
from elearning.models import ModuleProgress

from .models import Membership, Reminder, ReminderStatus, Workshop, WorkshopGroup

ORG = "Härnösands kommun"
FACILITATORS = [
    ("samtalsledare@harnosand.se", "Karin", "Nordin", "Kommunledningsförvaltningen"),
    ("johanna.ek@harnosand.se", "Johanna", "Ek", "Socialförvaltningen"),
    ("mikael.strom@harnosand.se", "Mikael", "Ström", "Utbildningsförvaltningen"),
    ("lena.hedlund@harnosand.se", "Lena", "Hedlund", "Samhällsbyggnadsförvaltningen"),
]
MANAGERS = [
    ("Anna", "Lindqvist", "Socialförvaltningen"),
    ("Erik", "Berg", "Utbildningsförvaltningen"),
    ("Sara", "Nyberg", "Samhällsbyggnadsförvaltningen"),
    ("Lars", "Östlund", "Kultur- och fritidsförvaltningen"),
    ("Helena", "Sundberg", "Socialförvaltningen"),
    ("Ahmed", "Hassan", "Socialförvaltningen"),
    ("Maja", "Forsberg", "Utbildningsförvaltningen"),
    ("Oskar", "Lundgren", "Utbildningsförvaltningen"),
    ("Ingrid", "Sjölund", "Kommunledningsförvaltningen"),
    ("Peter", "Nilsson", "Kommunledningsförvaltningen"),
    ("Elin", "Wallin", "Samhällsbyggnadsförvaltningen"),
    ("Jonas", "Byström", "Samhällsbyggnadsförvaltningen"),
    ("Sofia", "Engström", "Kultur- och fritidsförvaltningen"),
    ("Mats", "Olofsson", "Kultur- och fritidsförvaltningen"),
    ("Amina", "Yusuf", "Socialförvaltningen"),
    ("Fredrik", "Holmberg", "Utbildningsförvaltningen"),
    ("Linnea", "Sandström", "Kommunledningsförvaltningen"),
    ("Gustav", "Edlund", "Samhällsbyggnadsförvaltningen"),
    ("Karolina", "Bergström", "Socialförvaltningen"),
    ("Niklas", "Söderberg", "Kultur- och fritidsförvaltningen"),
    ("Ulrika", "Marklund", "Utbildningsförvaltningen"),
    ("Daniel", "Eriksson", "Kommunledningsförvaltningen"),
]
GROUPS = [("Bord 1", "Salongen"), ("Bord 2", "Salongen"), ("Bord 3", "Biblioteket"), ("Bord 4", "Biblioteket")]
# Readiness pattern per person index: 2 = both modules done, 1 = first done, h = halfway, 0 = not started.
PATTERN = ["2", "2", "1", "h", "2", "0", "2", "1", "2", "h", "0", "2", "2", "1", "2", "h", "2", "0", "1", "2", "h", "2"]


def chefsdag_start(now):
    """The first Tuesday at least 14 days after `now`, at 08.30: a managers' day falls on a weekday."""
    day = now.date() + datetime.timedelta(days=14)
    day += datetime.timedelta(days=(1 - day.weekday()) % 7)  # Monday is 0, Tuesday 1
    return now.replace(year=day.year, month=day.month, day=day.day, hour=8, minute=30, second=0, microsecond=0)


def _email(first, last):
    table = str.maketrans("åäöéÅÄÖ", "aaoeAAO")
    return f"{first}.{last}".lower().translate(table) + "@harnosand.se"


def seed(modules):
    organisation = Organisation.objects.get(name=ORG)
    departments = {d.name: d for d in Department.objects.filter(organisation=organisation)}
    starts = chefsdag_start(timezone.localtime())
    workshop, created = Workshop.objects.get_or_create(
        title="Chefsdag: Leda digital utveckling",
        organisation=organisation,
        defaults={
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=7, minutes=30),
            "place": "Härnösands teater, Nybrogatan 3",
            "description": "Alla chefer i Härnösands kommun samlas för en gemensam dag om digital utveckling. "
            "Gör klart e-modulerna före dagen; deras frågor diskuteras i grupperna.",
            "reminder_days_before": 5,
        },
    )
    required = modules[:2]
    if created:
        workshop.required_modules.set(required)
    facilitators = [
        ensure_person(email, first, last, organisation, departments[dept], TargetGroup.MANAGER, [FACILITATOR])
        for email, first, last, dept in FACILITATORS
    ]
    if created:
        workshop.facilitators.set(facilitators)
        workshop.save()
    groups = []
    for (name, room), facilitator in zip(GROUPS, facilitators, strict=True):
        group, _ = WorkshopGroup.objects.get_or_create(
            workshop=workshop, name=name, defaults={"room": room, "facilitator": facilitator}
        )
        groups.append(group)
    managers = [
        ensure_person(_email(first, last), first, last, organisation, departments[dept], TargetGroup.MANAGER)
        for first, last, dept in MANAGERS
    ]
    if not created:
        return {"workshop": workshop, "groups": groups}
    # Deal managers round-robin so every group mixes departments (as workshops.composition would).
    for index, manager in enumerate(managers):
        Membership.objects.get_or_create(
            workshop=workshop, user=manager, defaults={"group": groups[index % len(groups)]}
        )
        _simulate(manager, required, PATTERN[index % len(PATTERN)])
    boss = ensure_person("chef@harnosand.se", "Maria", "Holm", organisation, None, TargetGroup.SENIOR, [MANAGER])
    two_days_ago = timezone.localdate() - datetime.timedelta(days=2)
    for manager in managers:
        done = ModuleProgress.objects.filter(user=manager, module__in=required, completed_at__isnull=False).count()
        if done < len(required):
            Reminder.objects.get_or_create(
                workshop=workshop,
                user=manager,
                sent_on=two_days_ago,
                defaults={
                    "status": ReminderStatus.SENT,
                    "requested_by": boss,
                    "tries": 1,
                    "sent_at": timezone.now() - datetime.timedelta(days=2),
                },
            )
    return {"workshop": workshop, "groups": groups}


def _simulate(user, modules, pattern):
    if ModuleProgress.objects.filter(user=user, module__in=modules).exists():
        return  # the person already has progress (from the e-module demo): keep it
    # Spread over the weeks since the invitation: early birds three weeks ago, the rest lately.
    rng = demo_random(user, "chefsdag")
    days_ago = rng.randint(4, 24)
    if pattern == "2":
        for module in modules:
            take_module_in_the_past(user, module, days_ago=days_ago)
            days_ago = max(days_ago - rng.randint(1, 5), 1)
    elif pattern == "1":
        take_module_in_the_past(user, modules[0], days_ago=days_ago)
    elif pattern == "h":
        take_module_in_the_past(user, modules[0], days_ago=days_ago, steps=2, finish=False)
