"""Demo chefsdag for Härnösands kommun: four groups of managers with varied readiness. Idempotent."""

import datetime

from django.utils import timezone

from accounts.demo import ensure_person
from accounts.models import Department, Organisation, TargetGroup
from accounts.roles import FACILITATOR, MANAGER
from elearning import services as learning_services
from elearning.demo import demo_random, take_module_in_the_past
from elearning.models import ModuleProgress, Reflection

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
# Readiness pattern per person index: 2 = every module done, 1 = first done, h = halfway, 0 = not started.
PATTERN = ["2", "2", "1", "h", "2", "0", "2", "1", "2", "h", "0", "2", "2", "1", "2", "h", "2", "0", "1", "2", "h", "2"]


# The step whose questions the groups discuss on the day; the reflection just before it is what they bring.
WORKSHOP_QUESTIONS_STEP = "Frågor till workshopen"
# What some of those who finished wrote in that reflection, shared with their group (the kit shows them).
SHARED_REFLECTIONS = [
    "Jag vill att alla ansökningar om försörjningsstöd ska kunna göras digitalt. Handläggarna behöver vara med "
    "från början, de vet var det krånglar i dag.",
    "Vi ska införa digital schemaläggning i förskolan. Förskollärarna och barnskötarna på två enheter får prova "
    "först och berätta för de andra.",
    "Bygglovsprocessen: kunderna ska kunna följa sitt ärende på webben. Jag börjar med handläggarna och "
    "registratorn, sedan kundtjänst.",
    "Jag vill att vi slutar skriva ut protokoll. Nämndsekreterarna är nyckelpersoner, och några politiker "
    "behöver få hjälp med surfplattan.",
    "Biblioteket ska låna ut digitala verktyg och hjälpa äldre att komma i gång. Personalen behöver själva "
    "känna sig trygga först.",
    "Hemtjänsten ska gå över till digitala nycklar. Undersköterskorna på nattpasset måste vara med från början, "
    "de påverkas mest.",
    "Felanmälan för gator och parker ska gå att göra i en app. Driftpersonalen behöver vara med och bestämma hur "
    "ärendena fördelas.",
    "Jag vill att vi tar fram en gemensam plan för kompetensutveckling i digitala verktyg. Enhetscheferna först, "
    "sedan deras medarbetare.",
]


def holding_workshop_questions(modules):
    """The module with the step "Frågor till workshopen": the workshop must require it, or no group reads the
    reflection its learners bring."""
    return next(m for m in modules if any(step.title == WORKSHOP_QUESTIONS_STEP for step in m.structure.steps))


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
    questions = holding_workshop_questions(modules)
    required = sorted({*modules[:2], questions}, key=lambda module: module.path)
    if created:
        workshop.required_modules.set(required)
    facilitators = [
        ensure_person(email, first, last, organisation, departments[dept], TargetGroup.MANAGER, [FACILITATOR])
        for email, first, last, dept in FACILITATORS
    ]
    if created:
        workshop.facilitators.set(facilitators)
        workshop.save()
    # A demo database from before the workshop required it gets the module too (idempotent).
    Workshop.required_modules.through.objects.get_or_create(workshop=workshop, modulepage=questions)
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
    _share_reflections(workshop, questions)
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


def _share_reflections(workshop, module):
    """In every group, one or two of those who finished the module shared their reflection (some with their
    name), dated when they finished it; the others kept theirs to themselves."""
    question = module.structure.reflection_questions[0]
    finished = dict(
        ModuleProgress.objects.filter(
            user__workshop_memberships__workshop=workshop, module=module, completed_at__isnull=False
        ).values_list("user_id", "completed_at")
    )
    memberships = Membership.objects.filter(workshop=workshop, user_id__in=finished).select_related("user")
    shared_in = {}
    texts = iter(SHARED_REFLECTIONS)
    for membership in memberships.order_by("group__name", "pk"):
        rng = demo_random(membership.user, "reflection")
        count = shared_in.get(membership.group_id, 0)
        if count >= 2 or (count and rng.random() < 0.5):
            continue  # kept private: not everyone shares
        text = next(texts, None)
        if text is None:
            return
        reflection = learning_services.save_reflection(
            membership.user, module, question.id, text, shared=True, show_name=rng.random() < 0.5
        )
        shared_in[membership.group_id] = count + 1
        when = finished[membership.user_id]
        Reflection.objects.filter(pk=reflection.pk).update(created_at=when, updated_at=when)


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
