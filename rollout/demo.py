"""Demo rollout plan for Härnösands kommun: managers first (the chefsdag), then staff of two departments.

Phase 1 has started (its invitations are logged as sent; no mail is sent while seeding), so its live
progress shows the e-module and workshop records the other demos already made. Idempotent: a plan that
exists is left as it is.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Department, Organisation, TargetGroup
from maturity.demo import ensure_people

from .models import (
    Channel,
    CommunicationItem,
    CommunicationStatus,
    Phase,
    PhaseMail,
    PhaseMailStatus,
    RolloutPlan,
    Sender,
)
from .progress import phase_people

ORG = "Härnösands kommun"
TITLE = "Digitalt lyft i Härnösand 2026–2027"
STAFF_DEPARTMENTS = ["Socialförvaltningen", "Utbildningsförvaltningen"]
STAFF_PER_DEPARTMENT = 9

PLAN = {
    "goal": "Alla medarbetare i Härnösands kommun ska känna sig trygga med de digitala verktyg de använder i "
    "sitt arbete och veta hur digitaliseringen kan göra vardagen enklare för invånarna. Cheferna går före och "
    "leder förändringen på sina arbetsplatser.",
    "target_groups_note": "Chefer på alla nivåer är en egen målgrupp. Medarbetarna delas upp per förvaltning, "
    "eftersom arbetssätt och verksamhetssystem skiljer sig mycket mellan dem. Förtroendevalda får en egen "
    "dragning i kommunfullmäktige och ingår inte i den här planen.",
    "clustering": "Förvaltningschefer, enhetschefer och arbetsledare går tillsammans på chefsdagen: de ska leda "
    "samma förändring och behöver ett gemensamt språk. Medarbetarna går förvaltningsvis, så att exemplen "
    "känns igen.",
    "order_rationale": "Cheferna först, så att de kan svara på frågor och fungera som ambassadörer när deras "
    "medarbetare börjar. Socialförvaltningen före utbildningsförvaltningen, eftersom ett nytt "
    "verksamhetssystem införs där i vår och utbildningsförvaltningens medarbetare har mindre tid före "
    "sommarlovet.",
}


def _communications(phase_number, starts, workshop_day):
    """(message, sender, sender's name, channel, date, status) of each phase."""
    if phase_number == 1:
        return [
            (
                "Kommundirektören berättar om det digitala lyftet och varför cheferna börjar.",
                Sender.MUNICIPAL_DIRECTOR,
                "Ulrika Forsberg",
                Channel.INTRANET,
                starts - datetime.timedelta(days=7),
                CommunicationStatus.DONE,
            ),
            (
                "Inbjudan till e-modulerna och chefsdagen, med datum och plats.",
                Sender.HR,
                "Karin Sundqvist, HR-chef",
                Channel.EMAIL,
                starts,
                CommunicationStatus.DONE,
            ),
            (
                "Påminnelse: gör klart e-modulerna före chefsdagen.",
                Sender.HR,
                "Karin Sundqvist, HR-chef",
                Channel.EMAIL,
                workshop_day - datetime.timedelta(days=5),
                CommunicationStatus.PLANNED,
            ),
        ]
    return [
        (
            "Förvaltningen börjar sitt digitala lyft: vad det innebär för dig och vart du vänder dig med frågor.",
            Sender.MUNICIPAL_DIRECTOR,
            "Ulrika Forsberg",
            Channel.INTRANET,
            starts - datetime.timedelta(days=7),
            CommunicationStatus.PLANNED,
        ),
        (
            "Inbjudan till e-modulen med länk och tid att gå den på arbetstid.",
            Sender.HR,
            "Karin Sundqvist, HR-chef",
            Channel.EMAIL,
            starts,
            CommunicationStatus.PLANNED,
        ),
        (
            "Närmaste chef går igenom planen och e-modulen på arbetsplatsträffen.",
            Sender.MANAGER,
            "",
            Channel.TEAM_MEETING,
            starts + datetime.timedelta(days=7),
            CommunicationStatus.PLANNED,
        ),
    ]


def _add_phase(
    plan, position, name, *, target_groups, departments, starts, ends, modules, workshops=(), resource_group=""
):
    phase = Phase.objects.create(
        plan=plan,
        position=position,
        name=name,
        target_groups=target_groups,
        starts_on=starts,
        ends_on=ends,
        resource_group=resource_group,
    )
    phase.departments.set(departments)
    phase.modules.set(modules)
    phase.workshops.set(workshops)
    return phase


@transaction.atomic
def seed(workshop, modules, people=None):
    """The plan; `workshop` is the chefsdag of workshops.demo, `modules` the demo e-modules."""
    organisation = Organisation.objects.get(name=ORG)
    departments = {d.name: d for d in Department.objects.filter(organisation=organisation)}
    for name in STAFF_DEPARTMENTS:  # staff of the later phases: invented, they do not log in
        ensure_people(
            organisation,
            "harnosand.se",
            [(departments[name], TargetGroup.STAFF)] * STAFF_PER_DEPARTMENT,
            salt=f"staff:{name}",
        )
    plan, created = RolloutPlan.objects.get_or_create(
        organisation=organisation,
        title=TITLE,
        defaults={**PLAN, "created_by": (people or {}).get("chef@harnosand.se")},
    )
    if not created:
        return {"plan": plan}
    today = timezone.localdate()
    workshop_day = timezone.localtime(workshop.starts_at).date()
    phase1_starts = today - datetime.timedelta(days=24)
    required = list(workshop.required_modules.all())
    by_slug = {m.slug: m for m in modules}
    first_module = by_slug.get("vad-ar-digitalisering") or (modules[0] if modules else None)
    staff_modules = [first_module] if first_module else []
    phase2_starts = workshop_day + datetime.timedelta(days=35)
    phase3_starts = phase2_starts + datetime.timedelta(days=70)
    phases = [
        _add_phase(
            plan,
            1,
            "Alla chefer",
            target_groups=[TargetGroup.MANAGER],
            departments=[],
            starts=phase1_starts,
            ends=workshop_day + datetime.timedelta(days=14),
            modules=required,
            workshops=[workshop],
            resource_group="Cheferna blir ambassadörer för sina arbetsplatser",
        ),
        _add_phase(
            plan,
            2,
            "Medarbetare i socialförvaltningen",
            target_groups=[TargetGroup.STAFF],
            departments=[departments["Socialförvaltningen"]],
            starts=phase2_starts,
            ends=phase2_starts + datetime.timedelta(days=42),
            modules=staff_modules,
            resource_group="Digitala ombud på varje enhet stöttar utbildningsförvaltningen",
        ),
        _add_phase(
            plan,
            3,
            "Medarbetare i utbildningsförvaltningen",
            target_groups=[TargetGroup.STAFF],
            departments=[departments["Utbildningsförvaltningen"]],
            starts=phase3_starts,
            ends=phase3_starts + datetime.timedelta(days=42),
            modules=staff_modules,
        ),
    ]
    items = []
    for number, phase in enumerate(phases, start=1):
        for message, sender, sender_name, channel, day, status in _communications(
            number, phase.starts_on, workshop_day
        ):
            items.append(
                CommunicationItem(
                    phase=phase,
                    message=message,
                    sender=sender,
                    sender_name=sender_name,
                    channel=channel,
                    date=day,
                    status=status,
                )
            )
    CommunicationItem.objects.bulk_create(items)
    _start(phases[0], people)
    return {"plan": plan}


def _start(phase, people):
    """Phase 1 was started when it began: everyone in it got the invitation (logged as sent)."""
    started_at = timezone.make_aware(datetime.datetime.combine(phase.starts_on, datetime.time(9)))
    Phase.objects.filter(pk=phase.pk).update(started_at=started_at)
    members = phase_people(phase).values_list("pk", flat=True)
    boss = (people or {}).get("chef@harnosand.se")
    PhaseMail.objects.bulk_create(
        PhaseMail(
            phase=phase,
            user_id=pk,
            status=PhaseMailStatus.SENT,
            tries=1,
            requested_by=boss,
            sent_at=started_at + datetime.timedelta(minutes=5),
        )
        for pk in members
    )
    PhaseMail.objects.filter(phase=phase).update(created_at=F("sent_at"))
