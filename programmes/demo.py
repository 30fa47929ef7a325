"""Demo of the leadership programme "Chefsprogram för välfärdens digitalisering". Idempotent.

The dates are real calendar dates, chosen to read right in late autumn 2026:
- "Våren 2026" (2 April – 12 June 2026) is finished: five sessions, the demo course's first two
  e-modules as self-study, a home assignment. Attendance is marked, assignments approved (one after a
  revision), certificates issued and rendered. Five managers from Eskilstuna took it together (a
  development chief, a communication chief, two IT chiefs and the digitalisation chief); one participant
  attended three sessions only and has no certificate.
- "Hösten 2026" (3 September – 10 December 2026) is running: attendance marked for the past sessions,
  some assignments handed in, one revision asked for.
- "Våren 2027" (1 April – 11 June 2027) is fully booked with three people on the waiting list.
- "Hösten 2027" (2 September – 10 December 2027) is half booked.

Participants come from municipalities and a region in Västernorrlands län and Södermanlands län (and
Uppsala län), so that reach shows more than one county. Places are booked through
`programmes.booking.book` (so the mails are logged), dated as on the day they were booked; attendance,
assignments and feedback are written as rows; certificates come from `programmes.certificates` (the PDF
renders in a task after commit). The teachers are an outside expert without an organisation (a demo
login of accounts.demo) and a consultant. A second run adds nothing and changes nothing.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from accounts.demo import ensure_person
from accounts.models import County, Department, EmailDomain, Organisation, OrganisationKind, TargetGroup
from accounts.roles import TEACHER
from core.pagetree import ensure_child_page
from elearning.demo import take_module_in_the_past
from elearning.models import ModuleProgress
from home.models import ContentPage

from . import booking, certificates
from .models import (
    Booking,
    Cohort,
    Feedback,
    FeedbackDecision,
    ProgrammePage,
    Session,
    SessionAttendance,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PROGRAMME_TITLE = "Chefsprogram för välfärdens digitalisering"

ORGANISATIONS = [
    (
        "Eskilstuna kommun",
        OrganisationKind.MUNICIPALITY,
        County.D,
        "eskilstuna.se",
        [
            "Kommunledningsförvaltningen",
            "Vård- och omsorgsförvaltningen",
            "Barn- och utbildningsförvaltningen",
            "Stadsbyggnadsförvaltningen",
        ],
    ),
    ("Strängnäs kommun", OrganisationKind.MUNICIPALITY, County.D, "strangnas.se", ["Kommunledningskontoret"]),
    ("Nyköpings kommun", OrganisationKind.MUNICIPALITY, County.D, "nykoping.se", ["Kommunledningskontoret"]),
    ("Timrå kommun", OrganisationKind.MUNICIPALITY, County.Y, "timra.se", ["Kommunledningsförvaltningen"]),
]
DOMAINS = {
    "eskilstuna.se": "Eskilstuna kommun",
    "strangnas.se": "Strängnäs kommun",
    "nykoping.se": "Nyköpings kommun",
    "timra.se": "Timrå kommun",
    "harnosand.se": "Härnösands kommun",
    "sundsvall.se": "Sundsvalls kommun",
    "kramfors.se": "Kramfors kommun",
    "ornskoldsvik.se": "Örnsköldsviks kommun",
    "rvn.se": "Region Västernorrland",
    "uppsala.se": "Uppsala kommun",
}

# Eskilstuna's five, who booked the spring cohort together: (email, first, last, department, target group).
ESKILSTUNA = [
    ("linnea.sandberg@eskilstuna.se", "Linnea", "Sandberg", "Vård- och omsorgsförvaltningen", TargetGroup.MANAGER),
    ("mikael.rask@eskilstuna.se", "Mikael", "Rask", "Barn- och utbildningsförvaltningen", TargetGroup.MANAGER),
    ("johanna.lind@eskilstuna.se", "Johanna", "Lind", "Kommunledningsförvaltningen", TargetGroup.MANAGER),
    ("oskar.palm@eskilstuna.se", "Oskar", "Palm", "Stadsbyggnadsförvaltningen", TargetGroup.MANAGER),
    ("nadia.karlsson@eskilstuna.se", "Nadia", "Karlsson", "Kommunledningsförvaltningen", TargetGroup.SENIOR),
]
# Other invented participants: (email, first, last, target group); the organisation follows the domain.
OTHERS = [
    ("ingrid.holmberg@rvn.se", "Ingrid", "Holmberg", TargetGroup.SENIOR),
    ("peter.lund@ornskoldsvik.se", "Peter", "Lund", TargetGroup.MANAGER),
    ("sofia.eriksson@strangnas.se", "Sofia", "Eriksson", TargetGroup.MANAGER),
    ("asa.nordstrom@timra.se", "Åsa", "Nordström", TargetGroup.SENIOR),
    ("henrik.back@nykoping.se", "Henrik", "Bäck", TargetGroup.MANAGER),
    ("emma.sjolund@kramfors.se", "Emma", "Sjölund", TargetGroup.MANAGER),
    ("karolina.wiklund@rvn.se", "Karolina", "Wiklund", TargetGroup.MANAGER),
    ("mats.olsson@nykoping.se", "Mats", "Olsson", TargetGroup.SENIOR),
    ("lena.forsberg@strangnas.se", "Lena", "Forsberg", TargetGroup.MANAGER),
    ("fredrik.hedlund@ornskoldsvik.se", "Fredrik", "Hedlund", TargetGroup.MANAGER),
    ("pia.lundgren@uppsala.se", "Pia", "Lundgren", TargetGroup.MANAGER),
    ("ola.berglund@uppsala.se", "Ola", "Berglund", TargetGroup.SENIOR),
    ("therese.naslund@timra.se", "Therese", "Näslund", TargetGroup.MANAGER),
    ("amir.hosseini@eskilstuna.se", "Amir", "Hosseini", TargetGroup.MANAGER),
    ("cecilia.strand@nykoping.se", "Cecilia", "Strand", TargetGroup.MANAGER),
    ("gustav.lindahl@strangnas.se", "Gustav", "Lindahl", TargetGroup.SENIOR),
    ("maja.ekholm@kramfors.se", "Maja", "Ekholm", TargetGroup.MANAGER),
    ("robert.sundin@ornskoldsvik.se", "Robert", "Sundin", TargetGroup.MANAGER),
    ("elin.hakansson@sundsvall.se", "Elin", "Håkansson", TargetGroup.MANAGER),
    ("viktor.nystrom@rvn.se", "Viktor", "Nyström", TargetGroup.MANAGER),
    ("ida.westin@timra.se", "Ida", "Westin", TargetGroup.MANAGER),
    ("tobias.sjostrom@timra.se", "Tobias", "Sjöström", TargetGroup.MANAGER),
    ("louise.fors@nykoping.se", "Louise", "Fors", TargetGroup.MANAGER),
    ("niklas.gran@strangnas.se", "Niklas", "Gran", TargetGroup.MANAGER),
    ("sanna.lof@uppsala.se", "Sanna", "Löf", TargetGroup.SENIOR),
    ("anneli.dahl@rvn.se", "Anneli", "Dahl", TargetGroup.MANAGER),
    ("bjorn.salg@kramfors.se", "Björn", "Sälg", TargetGroup.ELECTED),
]

TEACHER_LOGIN = "kursledare@kompetenslyft.se"  # Helena Ekström, accounts.demo
SECOND_TEACHER = ("jonas.forsberg@exempelkonsult.se", "Jonas", "Forsberg")

INTRO = (
    "Ett program för chefer som leder den digitala omställningen i kommuner och regioner: fem lärarledda "
    "träffar varvade med självstudier och en hemuppgift i den egna verksamheten."
)
BODY = (
    "<h2>Varför ett chefsprogram?</h2>"
    "<p>Kommuner och regioner ska klara mer välfärd med mindre resurser. Digitaliseringen är en del av "
    "svaret, och den är en ledningsfråga: styrning, organisation, arbetssätt och kompetens avgör mer än "
    "tekniken. Programmet ger chefer ett gemensamt språk och verktyg för att leda förändringen.</p>"
    "<h2>Upplägg</h2>"
    "<ul><li><b>Fem träffar</b> med kursledare, på plats i Stockholm eller digitalt.</li>"
    "<li><b>Självstudier</b> mellan träffarna: e-modulerna i kursen Leda digital utveckling.</li>"
    "<li><b>En hemuppgift</b> där du planerar ett förändringsarbete i din egen verksamhet och får "
    "återkoppling från kursledaren.</li></ul>"
    "<p>Du får ett intyg när du har deltagit i minst fyra träffar, gått igenom e-modulerna och fått "
    "hemuppgiften godkänd.</p>"
    "<h2>Gå tillsammans</h2>"
    "<p>Programmet ger mest när flera från samma organisation går samtidigt, till exempel utvecklingschef, "
    "kommunikationschef, IT-chef och digitaliseringschef. Som chef kan du boka platser åt personer i din "
    "organisation.</p>"
)
ASSIGNMENT_TITLE = "Plan för ett digitalt förändringsarbete i din verksamhet"
ASSIGNMENT_INSTRUCTIONS = (
    "<p>Välj ett förändringsarbete i din egen verksamhet där digitalisering kan göra nytta för invånare "
    "eller medarbetare. Beskriv på två till fyra sidor:</p>"
    "<ol><li>vilket behov eller problem ni vill lösa, och för vem;</li>"
    "<li>vilka som behöver vara med (verksamhet, HR, IT, kommunikation, politik);</li>"
    "<li>hur ni leder förändringen och följer upp den;</li>"
    "<li>vad du själv gör de närmaste tre månaderna.</li></ol>"
)

AGENDAS = [
    (
        "Välfärdens digitalisering – en ledningsfråga",
        "Programmets upplägg. 125 procent välfärd med 75 procent "
        "av resurserna: vad betyder det för min verksamhet? Gemensamt språk för digitalisering.",
    ),
    (
        "Styrning och strategi",
        "Digital mognad i den egna organisationen. Hur politik och förvaltning tar "
        "beslut om digitala satsningar. Genomgång av e-modul 1.",
    ),
    (
        "Processer, data och informationssäkerhet",
        "Från ärende till beslut utan omvägar. Juridik, "
        "informationssäkerhet och upphandling. Handledning av hemuppgiften.",
    ),
    (
        "Leda förändring och kompetens",
        "Förändringsledning, kommunikation och medarbetarnas delaktighet. Genomgång av e-modul 2.",
    ),
    (
        "Redovisning och vägen framåt",
        "Deltagarna redovisar sina hemuppgifter i grupper. Hur får vi en bestående effekt?",
    ),
]

# title, starts, ends, capacity, booking deadline, cancellation deadline, session days, assignment due
COHORTS = {
    "spring_2026": (
        "Våren 2026",
        datetime.date(2026, 4, 2),
        datetime.date(2026, 6, 12),
        10,
        datetime.date(2026, 3, 6),
        datetime.date(2026, 3, 20),
        [(2026, 4, 2), (2026, 4, 23), (2026, 5, 7), (2026, 5, 21), (2026, 6, 12)],
        datetime.date(2026, 6, 1),
    ),
    "autumn_2026": (
        "Hösten 2026",
        datetime.date(2026, 9, 3),
        datetime.date(2026, 12, 10),
        12,
        datetime.date(2026, 8, 14),
        datetime.date(2026, 8, 21),
        [(2026, 9, 3), (2026, 10, 1), (2026, 10, 22), (2026, 11, 19), (2026, 12, 10)],
        datetime.date(2026, 12, 4),
    ),
    "spring_2027": (
        "Våren 2027",
        datetime.date(2027, 4, 1),
        datetime.date(2027, 6, 11),
        8,
        datetime.date(2027, 3, 5),
        datetime.date(2027, 3, 19),
        [(2027, 4, 1), (2027, 4, 22), (2027, 5, 6), (2027, 5, 20), (2027, 6, 11)],
        datetime.date(2027, 6, 1),
    ),
    "autumn_2027": (
        "Hösten 2027",
        datetime.date(2027, 9, 2),
        datetime.date(2027, 12, 10),
        16,
        datetime.date(2027, 8, 13),
        datetime.date(2027, 8, 20),
        [(2027, 9, 2), (2027, 9, 30), (2027, 10, 21), (2027, 11, 18), (2027, 12, 10)],
        datetime.date(2027, 12, 3),
    ),
}

# Spring 2026: email -> sessions attended (1-based numbers). Peter attended three: no certificate.
SPRING_2026 = {
    "linnea.sandberg@eskilstuna.se": [1, 2, 4, 5],
    "mikael.rask@eskilstuna.se": [1, 2, 3, 4, 5],
    "johanna.lind@eskilstuna.se": [1, 2, 3, 4, 5],
    "oskar.palm@eskilstuna.se": [1, 2, 3, 4, 5],
    "nadia.karlsson@eskilstuna.se": [1, 2, 3, 4, 5],
    "anna.lindqvist@harnosand.se": [1, 2, 3, 4, 5],
    "ingrid.holmberg@rvn.se": [1, 3, 4, 5],
    "peter.lund@ornskoldsvik.se": [1, 2, 4],
    "sofia.eriksson@strangnas.se": [1, 2, 3, 4],
}
# Autumn 2026 (running): email -> sessions attended so far; (booked by) for places a manager booked.
AUTUMN_2026 = {
    "chef@sundsvall.se": [1, 2, 3, 4],
    "erik.berg@harnosand.se": [1, 2, 4],
    "asa.nordstrom@timra.se": [1, 2, 3, 4],
    "henrik.back@nykoping.se": [1, 3, 4],
    "emma.sjolund@kramfors.se": [1, 2, 3],
    "karolina.wiklund@rvn.se": [1, 2, 3, 4],
    "mats.olsson@nykoping.se": [2, 3, 4],
    "lena.forsberg@strangnas.se": [1, 2, 3, 4],
    "fredrik.hedlund@ornskoldsvik.se": [1, 2, 4],
    "medarbetare@sundsvall.se": [1, 2, 3, 4],
}
BOOKED_BY = {"erik.berg@harnosand.se": "chef@harnosand.se", "medarbetare@sundsvall.se": "chef@sundsvall.se"}
SPRING_2027 = [
    "pia.lundgren@uppsala.se",
    "ola.berglund@uppsala.se",
    "therese.naslund@timra.se",
    "amir.hosseini@eskilstuna.se",
    "cecilia.strand@nykoping.se",
    "gustav.lindahl@strangnas.se",
    "maja.ekholm@kramfors.se",
    "robert.sundin@ornskoldsvik.se",
]
SPRING_2027_WAITING = ["elin.hakansson@sundsvall.se", "viktor.nystrom@rvn.se", "ida.westin@timra.se"]
AUTUMN_2027 = [
    "sara.nyberg@harnosand.se",
    "lars.ostlund@harnosand.se",
    "tobias.sjostrom@timra.se",
    "louise.fors@nykoping.se",
    "niklas.gran@strangnas.se",
    "sanna.lof@uppsala.se",
    "anneli.dahl@rvn.se",
    "bjorn.salg@kramfors.se",
]

ASSIGNMENT_TEXTS = {
    "linnea.sandberg@eskilstuna.se": "Digital tillsyn i hemtjänsten: vi vill införa nattkameror för de "
    "brukare som önskar det, så att nattpatrullen kan göra fler besök där de behövs.",
    "mikael.rask@eskilstuna.se": "En gemensam kanal för information till vårdnadshavare i alla skolor, i "
    "stället för fem olika system. Kommunikationsavdelningen och IT leder arbetet tillsammans.",
    "johanna.lind@eskilstuna.se": "En plan för att avveckla tre gamla verksamhetssystem och flytta "
    "ärendehanteringen till en gemensam plattform, med verksamheterna som beställare.",
    "oskar.palm@eskilstuna.se": "Digitala detaljplaner: planbestämmelserna ska finnas som data, så att "
    "bygglovshandläggarna ser vad som gäller för en fastighet direkt.",
    "nadia.karlsson@eskilstuna.se": "Kommunens digitaliseringsstrategi i praktiken: en mognadsmätning "
    "varje år och en portfölj där förvaltningarna prioriterar tillsammans.",
    "anna.lindqvist@harnosand.se": "Socialförvaltningens ansökan om försörjningsstöd blir digital, med "
    "handläggarna med i utformningen från start.",
    "ingrid.holmberg@rvn.se": "Digitala vårdmöten i primärvården i inlandet: vem gör vad, och hur vi "
    "följer upp att patienterna får det bättre.",
    "peter.lund@ornskoldsvik.se": "Digital schemaläggning i äldreomsorgen.",
    "sofia.eriksson@strangnas.se": "Ett kompetenslyft för alla chefer i kommunen: webbmodul före "
    "chefsdagen och diskussion i mindre grupper på dagen.",
}
REVISION_FEEDBACK = (
    "Bra val av förändringsarbete. Beskriv tydligare vilka som behöver vara med och hur ni följer upp "
    "resultatet, så godkänner jag uppgiften."
)
APPROVED_FEEDBACK = "Tydlig plan med rätt personer med från början. Godkänd – lycka till med arbetet!"


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=STOCKHOLM)


def ensure_organisations():
    organisations = {}
    for name, kind, county, domain, departments in ORGANISATIONS:
        org, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "county": county})
        EmailDomain.objects.get_or_create(domain=domain, defaults={"organisation": org})
        for department in departments:
            Department.objects.get_or_create(organisation=org, name=department)
        organisations[name] = org
    return organisations


def ensure_people(people):
    """The invented participants and the second teacher; accounts.demo's people are passed in."""
    everyone = dict(people)
    eskilstuna = Organisation.objects.get(name="Eskilstuna kommun")
    for email, first, last, department, target_group in ESKILSTUNA:
        dept = Department.objects.get(organisation=eskilstuna, name=department)
        everyone[email] = ensure_person(email, first, last, eskilstuna, dept, target_group)
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=set(DOMAINS.values()))}
    for email, first, last, target_group in OTHERS:
        org = organisations[DOMAINS[email.split("@")[1]]]
        everyone[email] = ensure_person(email, first, last, org, None, target_group)
    email, first, last = SECOND_TEACHER
    everyone[email] = ensure_person(email, first, last, None, None, "", [TEACHER])
    return everyone


def ensure_pages(home):
    parent, _ = ensure_child_page(
        home,
        ContentPage,
        "ledarprogram",
        title="Ledarprogram",
        intro="Program för chefer och ledande tjänstepersoner som leder den digitala omställningen.",
        body=[
            (
                "paragraph",
                "<p>Här finns de program där du går tillsammans med chefer från andra kommuner och regioner, "
                "under en termin, med kursledare, självstudier och en hemuppgift i din egen verksamhet.</p>",
            )
        ],
        last_reviewed=datetime.date(2026, 11, 1),
    )
    programme, _ = ensure_child_page(
        parent,
        ProgrammePage,
        "chefsprogram-for-valfardens-digitalisering",
        title=PROGRAMME_TITLE,
        intro=INTRO,
        body=BODY,
        target_group="Chefer och ledande tjänstepersoner i kommuner och regioner, gärna flera från samma organisation",
        price_sek=14500,
        price_note="Exklusive moms. Luncher ingår, resor och logi ingår inte.",
        sessions_required=4,
    )
    return parent, programme


def ensure_cohort(programme, key, teachers, modules):
    title, starts_on, ends_on, capacity, booking_deadline, cancellation_deadline, days, due = COHORTS[key]
    cohort = Cohort.objects.filter(programme=programme, title=title).first()
    if cohort is None:
        cohort = Cohort.objects.create(
            programme=programme,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=capacity,
            booking_deadline=booking_deadline,
            cancellation_deadline=cancellation_deadline,
            assignment_title=ASSIGNMENT_TITLE,
            assignment_instructions=ASSIGNMENT_INSTRUCTIONS,
            assignment_due=due,
            share_approved_assignments=True,
        )
        cohort.teachers.set(teachers)
        cohort.modules.set(modules)
        cohort.save()  # a ClusterableModel keeps parental m2m changes in memory until saved
    for number, (day, (session_title, agenda)) in enumerate(zip(days, AGENDAS, strict=True)):
        day = datetime.date(*day)
        online = number in (1, 3)  # the second and fourth sessions are held online
        Session.objects.get_or_create(
            cohort=cohort,
            sort_order=number,
            defaults={
                "title": f"Träff {number + 1}: {session_title}",
                "starts_at": _at(day, 13 if online else 9, 0),
                "ends_at": _at(day, 16, 30 if online else 0),
                "place": "" if online else "Konferenscentrum Münchenbryggeriet, Stockholm",
                "online_url": f"https://mote.example.se/chefsprogram-{number + 1}" if online else "",
                "agenda": agenda,
            },
        )
    return cohort


def ensure_booking(cohort, user, *, when, by=None):
    """A place booked through the booking rule (mails logged), as on the day `when`; the queue when full."""
    outcome = booking.book(user, cohort, by=by, now=when)
    if outcome.changed:
        Booking.objects.filter(pk=outcome.booking.pk).update(created_at=when)
    return outcome.booking


def mark_attendance(cohort, attendance, people, teacher, now):
    sessions = list(cohort.sessions.order_by("sort_order"))
    for email, attended in attendance.items():
        user = people[email]
        for number, session in enumerate(sessions, start=1):
            if session.starts_at > now:
                continue
            row, created = SessionAttendance.objects.get_or_create(
                session=session, user=user, defaults={"present": number in attended, "marked_by": teacher}
            )
            if created:
                SessionAttendance.objects.filter(pk=row.pk).update(
                    marked_at=session.starts_at + datetime.timedelta(minutes=20)
                )


def hand_in(cohort, user, text, when, *, versions=1, approved=True, teacher=None):
    """A submission with its versions and the teacher's feedback; a revision first when versions == 2."""
    submission, created = Submission.objects.get_or_create(cohort=cohort, user=user)
    if not created:
        return submission
    for number in range(1, versions + 1):
        last = number == versions
        handed_in = when + datetime.timedelta(days=7 * (number - 1))
        version = SubmissionVersion.objects.create(
            submission=submission,
            number=number,
            text=text if last else text.split(".")[0] + ".",
        )
        SubmissionVersion.objects.filter(pk=version.pk).update(created_at=handed_in)
        if teacher is None or (last and approved is None):
            continue
        decision = FeedbackDecision.APPROVED if last and approved else FeedbackDecision.REVISION
        feedback = Feedback.objects.create(
            submission=submission,
            version=version,
            teacher=teacher,
            decision=decision,
            text=APPROVED_FEEDBACK if decision == FeedbackDecision.APPROVED else REVISION_FEEDBACK,
        )
        Feedback.objects.filter(pk=feedback.pk).update(created_at=handed_in + datetime.timedelta(days=3))
    if teacher is None or approved is None:
        status, approved_at = SubmissionStatus.SUBMITTED, None
    elif approved:
        status, approved_at = SubmissionStatus.APPROVED, when + datetime.timedelta(days=7 * (versions - 1) + 3)
    else:
        status, approved_at = SubmissionStatus.REVISION, None
    Submission.objects.filter(pk=submission.pk).update(status=status, approved_at=approved_at)
    return submission


def complete_modules(user, modules, around):
    """The cohort's e-modules, taken on working days around `around` (a date in the past)."""
    today = timezone.localdate()
    for offset, module in enumerate(modules):
        if ModuleProgress.objects.filter(user=user, module=module, completed_at__isnull=False).exists():
            continue
        days_ago = max((today - (around + datetime.timedelta(days=10 * offset))).days, 1)
        take_module_in_the_past(user, module, days_ago=days_ago)


def seed_spring_2026(cohort, people, teacher, modules, now):
    for email in SPRING_2026:
        ensure_booking(cohort, people[email], when=_at(datetime.date(2026, 2, 16), 10))
    mark_attendance(cohort, SPRING_2026, people, teacher, now)
    for email in SPRING_2026:
        user = people[email]
        complete_modules(user, modules, datetime.date(2026, 4, 14))
        if email == "peter.lund@ornskoldsvik.se":
            hand_in(
                cohort,
                user,
                ASSIGNMENT_TEXTS[email],
                _at(datetime.date(2026, 5, 29), 15),
                approved=False,
                teacher=teacher,
            )
        else:
            versions = 2 if email == "mikael.rask@eskilstuna.se" else 1
            hand_in(
                cohort,
                user,
                ASSIGNMENT_TEXTS[email],
                _at(datetime.date(2026, 5, 25), 14),
                versions=versions,
                teacher=teacher,
            )
    issued = _at(datetime.date(2026, 6, 15), 10)
    return [certificates.issue_if_complete(people[email], cohort, now=issued) for email in SPRING_2026]


def seed_autumn_2026(cohort, people, teacher, now):
    for email in AUTUMN_2026:
        by = people.get(BOOKED_BY.get(email, ""))
        ensure_booking(cohort, people[email], when=_at(datetime.date(2026, 6, 22), 9), by=by)
    mark_attendance(cohort, AUTUMN_2026, people, teacher, now)
    handed_in = _at(datetime.date(2026, 11, 23), 16)
    if now > handed_in:
        hand_in(
            cohort,
            people["asa.nordstrom@timra.se"],
            ASSIGNMENT_TEXTS["sofia.eriksson@strangnas.se"],
            handed_in,
            approved=None,
        )
        hand_in(
            cohort,
            people["karolina.wiklund@rvn.se"],
            ASSIGNMENT_TEXTS["ingrid.holmberg@rvn.se"],
            handed_in,
            approved=False,
            teacher=teacher,
        )
        hand_in(
            cohort,
            people["lena.forsberg@strangnas.se"],
            ASSIGNMENT_TEXTS["nadia.karlsson@eskilstuna.se"],
            handed_in,
            approved=None,
        )


def seed_upcoming(spring, autumn, people):
    for n, email in enumerate(SPRING_2027):
        ensure_booking(spring, people[email], when=_at(datetime.date(2026, 9, 1), 9) + datetime.timedelta(days=5 * n))
    for n, email in enumerate(SPRING_2027_WAITING):
        # The cohort is full by now: these people are put on the waiting list, in this order.
        ensure_booking(spring, people[email], when=_at(datetime.date(2026, 11, 2), 10) + datetime.timedelta(days=4 * n))
    for n, email in enumerate(AUTUMN_2027):
        by = people.get("chef@harnosand.se") if email.endswith("@harnosand.se") else None
        ensure_booking(
            autumn, people[email], when=_at(datetime.date(2026, 10, 5), 9) + datetime.timedelta(days=6 * n), by=by
        )


@transaction.atomic
def seed(home, people, modules):
    """The programme page, its four cohorts and their participants. Returns what the tests look at."""
    now = timezone.now()
    ensure_organisations()
    people = ensure_people(people)
    teacher = people[TEACHER_LOGIN]
    second_teacher = people[SECOND_TEACHER[0]]
    parent, programme = ensure_pages(home)
    self_study = list(modules[:2])
    cohorts = {
        key: ensure_cohort(programme, key, [teacher] if key == "autumn_2026" else [teacher, second_teacher], self_study)
        for key in COHORTS
    }
    issued = seed_spring_2026(cohorts["spring_2026"], people, teacher, self_study, now)
    seed_autumn_2026(cohorts["autumn_2026"], people, teacher, now)
    seed_upcoming(cohorts["spring_2027"], cohorts["autumn_2027"], people)
    return {"parent": parent, "programme": programme, "cohorts": cohorts, "certificates": [c for c in issued if c]}
