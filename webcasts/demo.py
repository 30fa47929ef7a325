"""Demo webcasts: the series "Våga vara digital!" for Uppsala län. Idempotent, except that the live one moves.

Three episodes:
- a past one with a recording, chapters and a transcript, that many attended (live or afterwards);
- one LIVE whenever the demo is seeded: each run places its window around now (started 15 minutes
  ago, ends in 2 hours), with questions (votes, one anonymous, one pinned) and an open poll;
- an upcoming one with a limited number of places, registrations and a waiting list.

The audience: the demo people of accounts.demo and a few invented elected officials, senior
officials and managers of Uppsala län's municipalities (people who cannot log in). Everything
is written straight as rows (as an import would), so the demo is fast; a second run adds nothing.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import County, Organisation, OrganisationKind, TargetGroup, User
from core.pagetree import ensure_child_page

from .models import (
    Attendance,
    PollState,
    PollStatus,
    PollVote,
    Question,
    QuestionStatus,
    QuestionVote,
    Registration,
    RegistrationStatus,
    WebcastChapter,
    WebcastIndexPage,
    WebcastPage,
    WebcastPresenter,
    WebcastSeriesPage,
)

LEADING = [TargetGroup.ELECTED, TargetGroup.SENIOR, TargetGroup.MANAGER]
LIVE_STARTED = datetime.timedelta(minutes=15)
LIVE_LEFT = datetime.timedelta(hours=2)
EMBED = "https://www.youtube-nocookie.com/embed/"

# Municipalities of Uppsala län (Uppsala kommun is in accounts.demo already).
ORGANISATIONS = ["Uppsala kommun", "Enköpings kommun", "Östhammars kommun", "Tierps kommun", "Knivsta kommun"]

# Invented people of Uppsala län who follow the series: (first, last, organisation, target group).
AUDIENCE = [
    ("Birgitta", "Wahlberg", "Uppsala kommun", TargetGroup.ELECTED),
    ("Tomas", "Lindberg", "Uppsala kommun", TargetGroup.SENIOR),
    ("Jenny", "Ålund", "Uppsala kommun", TargetGroup.MANAGER),
    ("Rasmus", "Hägg", "Uppsala kommun", TargetGroup.MANAGER),
    ("Leila", "Karimi", "Uppsala kommun", TargetGroup.MANAGER),
    ("Göran", "Fransson", "Enköpings kommun", TargetGroup.ELECTED),
    ("Eva", "Mattsson", "Enköpings kommun", TargetGroup.SENIOR),
    ("Patrik", "Norén", "Enköpings kommun", TargetGroup.MANAGER),
    ("Camilla", "Bergqvist", "Enköpings kommun", TargetGroup.MANAGER),
    ("Hanna", "Lundin", "Östhammars kommun", TargetGroup.ELECTED),
    ("Anders", "Wikander", "Östhammars kommun", TargetGroup.SENIOR),
    ("Malin", "Sköld", "Östhammars kommun", TargetGroup.MANAGER),
    ("Kristoffer", "Ahlén", "Tierps kommun", TargetGroup.ELECTED),
    ("Therese", "Granlund", "Tierps kommun", TargetGroup.SENIOR),
    ("Ali", "Rahimi", "Tierps kommun", TargetGroup.MANAGER),
    ("Sanna", "Vikström", "Knivsta kommun", TargetGroup.SENIOR),
    ("Joakim", "Berglöf", "Knivsta kommun", TargetGroup.MANAGER),
    ("Annika", "Törnqvist", "Knivsta kommun", TargetGroup.ELECTED),
]
# Demo logins of accounts.demo who also follow the series.
DEMO_VIEWERS = [
    "chef@harnosand.se",
    "chef@sundsvall.se",
    "anna.lindqvist@harnosand.se",
    "erik.berg@harnosand.se",
    "sara.nyberg@harnosand.se",
    "ledamot@kramfors.se",
    "programagare@lansstyrelsen.se",
]

PRESENTERS = [
    ("Cecilia Åkerlund", "Digitaliseringsstrateg, Länsstyrelsen i Uppsala län"),
    ("Henrik Dahlgren", "Verksamhetsutvecklare, Lantmäteriet"),
    ("Mira Öberg", "Samhällsbyggnadschef i en av länets mindre kommuner"),
]

CHAPTERS = [
    (0, "Välkomna och dagens upplägg"),
    (4 * 60 + 30, "Varför samhällsbyggnadsprocessen måste bli digital"),
    (17 * 60, "Från ansökan till beslut: en obruten kedja av data"),
    (34 * 60 + 15, "Exempel: digitala detaljplaner i en mindre kommun"),
    (51 * 60, "Vad krävs av politiken och ledningen?"),
    (66 * 60 + 40, "Frågor från tittarna"),
    (82 * 60, "Sammanfattning och nästa steg"),
]

TRANSCRIPT = (
    "<p><b>Cecilia Åkerlund:</b> Välkomna allihop till den första sändningen i serien Våga vara digital! Vi "
    "sänder i dag till alla kommuner i Uppsala län, och vi vet att många av er sitter tillsammans i "
    "sammanträdesrum runt om i länet. Skriv gärna era frågor under sändningen, så tar vi dem mot slutet.</p>"
    "<p>Samhällsbyggnadsprocessen står för ungefär en fjärdedel av Sveriges BNP. Den börjar med översiktsplanen, "
    "går vidare till detaljplan och bygglov och slutar med att någon flyttar in eller öppnar en verksamhet. "
    "I dag byts information mellan de stegen ofta som pdf-filer och papper. Det gör processen långsam, och "
    "samma uppgifter matas in flera gånger.</p>"
    "<p><b>Henrik Dahlgren:</b> Det vi vill visa i dag är att digitaliseringen inte i första hand är en "
    "teknikfråga. Tekniken finns. Det som saknas är gemensamma arbetssätt och beslut om att göra saker på ett "
    "nytt sätt. När en detaljplan finns som strukturerad data kan bygglovshandläggaren direkt se vilka "
    "bestämmelser som gäller för en fastighet, i stället för att tolka en ritning.</p>"
    "<p><b>Mira Öberg:</b> För oss i en mindre kommun var det viktigaste att politiken var med från början. "
    "Vi tog upp frågan i kommunstyrelsen innan vi köpte något system, och vi bestämde tillsammans vad vi ville "
    "uppnå: kortare handläggningstider och att invånarna ska kunna följa sitt ärende. Först därefter valde vi "
    "verktyg.</p>"
    "<p><b>Cecilia Åkerlund:</b> En fråga från tittarna: hur får man med medarbetarna? Svaret från flera av "
    "kommunerna vi har träffat är att låta de som gör arbetet i dag vara med och beskriva hur det borde gå till. "
    "De vet var det krånglar. Och ge dem tid, för förändringen sker ovanpå det vanliga arbetet.</p>"
    "<p><b>Henrik Dahlgren:</b> Till nästa gång vill vi att ni funderar på tre saker: vilka beslut i er "
    "samhällsbyggnadsprocess som skulle bli enklare med bättre data, vem hos er som äger den frågan, och vad "
    "ni behöver från länsstyrelsen och oss för att komma vidare. Tack för i dag!</p>"
)

# Stable block ids, so that poll votes keep pointing at the same options on every run.
POLL_ID = "7d0c2a8e-3f51-4c1e-9b1a-5a0d7e6c0a01"
POLL_OPTIONS = [
    ("7d0c2a8e-3f51-4c1e-9b1a-5a0d7e6c0a11", "Vi har en tydlig plan och har kommit i gång"),
    ("7d0c2a8e-3f51-4c1e-9b1a-5a0d7e6c0a12", "Vi har börjat, men utan gemensam plan"),
    ("7d0c2a8e-3f51-4c1e-9b1a-5a0d7e6c0a13", "Vi pratar om det, men har inte börjat"),
    ("7d0c2a8e-3f51-4c1e-9b1a-5a0d7e6c0a14", "Vet inte"),
]
SECOND_POLL_ID = "7d0c2a8e-3f51-4c1e-9b1a-5a0d7e6c0a02"
SECOND_POLL_OPTIONS = [
    ("7d0c2a8e-3f51-4c1e-9b1a-5a0d7e6c0a21", "Politiken"),
    ("7d0c2a8e-3f51-4c1e-9b1a-5a0d7e6c0a22", "Kommunledningen"),
    ("7d0c2a8e-3f51-4c1e-9b1a-5a0d7e6c0a23", "Förvaltningscheferna"),
    ("7d0c2a8e-3f51-4c1e-9b1a-5a0d7e6c0a24", "It-avdelningen"),
]

QUESTIONS = [
    # (author index in the audience, text, anonymous, pinned, voters)
    (1, "Hur räknar ni hem investeringen i digitala detaljplaner för en liten kommun?", False, True, 9),
    (6, "Vilket stöd kan länsstyrelsen ge när vi ska ta fram en gemensam plan för länet?", False, False, 6),
    (
        12,
        "Vi politiker får ofta höra att systemen inte kan prata med varandra. Vad ska vi fråga efter när vi "
        "beslutar om upphandlingar?",
        True,
        False,
        4,
    ),
    (15, "Finns det exempel på kommuner som har gjort bygglovsprocessen helt digital?", False, False, 2),
]


def _local(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _weekday_before(now, days):
    day = timezone.localtime(now).date() - datetime.timedelta(days=days)
    while day.weekday() > 4:
        day -= datetime.timedelta(days=1)
    return day


def _weekday_after(now, days):
    day = timezone.localtime(now).date() + datetime.timedelta(days=days)
    while day.weekday() > 4:
        day += datetime.timedelta(days=1)
    return day


def _email(first, last, organisation):
    table = str.maketrans("åäöéÅÄÖÉ", "aaoeAAOE")
    domain = organisation.split()[0].lower().translate(table).rstrip("s") + ".se"
    return f"{first}.{last}".lower().translate(table) + "@" + domain


def ensure_audience(people):
    """The Uppsala län organisations and the invented audience (no password: they do not log in)."""
    organisations = {}
    for name in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": OrganisationKind.MUNICIPALITY, "county": County.C}
        )
    audience = []
    for first, last, org_name, target_group in AUDIENCE:
        email = _email(first, last, org_name)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(
                email=email,
                first_name=first,
                last_name=last,
                organisation=organisations[org_name],
                target_group=target_group,
            )
            user.set_unusable_password()
            user.save()
        audience.append(user)
    viewers = [people[email] for email in DEMO_VIEWERS if email in people]
    return audience, viewers


def ensure_pages(home, modules, now):
    index, _ = ensure_child_page(
        home,
        WebcastIndexPage,
        "webbsandningar",
        title="Webbsändningar",
        intro="<p>Interaktiva webbsändningar för förtroendevalda, ledande tjänstepersoner och chefer. Anmäl dig, "
        "ställ frågor under sändningen och se inspelningen i efterhand.</p>",
    )
    series, _ = ensure_child_page(
        index,
        WebcastSeriesPage,
        "vaga-vara-digital",
        title="Våga vara digital!",
        intro="<p>En serie webbsändningar från länsstyrelsen och Lantmäteriet till alla kommuner i Uppsala län, om "
        "hur digitaliseringen kan göra samhällsbyggnadsprocessen snabbare, enklare och mer rättssäker. Serien "
        "vänder sig till förtroendevalda, ledande tjänstepersoner och chefer i samhällsbyggnadsprocessen.</p>",
        counties=[County.C],
        target_groups=list(LEADING),
        reach_target=3000,
    )
    audience_fields = {"target_groups": list(LEADING), "counties": [County.C]}
    past_day = _weekday_before(now, 21)
    past_start = _local(past_day, 9)
    past, _ = ensure_child_page(
        series,
        WebcastPage,
        "digital-samhallsbyggnadsprocess",
        title="Digital samhällsbyggnadsprocess – vad betyder det för oss?",
        intro="Första avsnittet: varför samhällsbyggnadsprocessen behöver bli digital, och vad det kräver av "
        "politiken och ledningen.",
        description="<p>Vi går igenom kedjan från översiktsplan till bygglov och visar hur strukturerade data "
        "kortar handläggningstider. En kommun i länet berättar om sin väg dit.</p>",
        starts_at=past_start,
        ends_at=past_start + datetime.timedelta(minutes=90),
        recording_url=EMBED + "Vv8dKl3Xq0M",
        recording_minutes=88,
        transcript=TRANSCRIPT,
        attendance_minutes=15,
        recording_share=50,
        presenters=[WebcastPresenter(name=name, role=role) for name, role in PRESENTERS],
        chapters=[WebcastChapter(starts_at_seconds=at, title=title) for at, title in CHAPTERS],
        related_modules=modules[:2],
        **audience_fields,
    )
    live, _ = ensure_child_page(
        series,
        WebcastPage,
        "leda-digital-forandring-direkt",
        title="Leda digital förändring – direkt från Uppsala",
        intro="Andra avsnittet, direktsänt: hur ledningen skapar en gemensam bild av vart kommunen är på väg.",
        description="<p>Två kommundirektörer och en förtroendevald samtalar om hur man leder digital "
        "förändring. Ställ dina frågor under sändningen och svara på frågorna i omröstningen.</p>",
        starts_at=now - LIVE_STARTED,
        ends_at=now + LIVE_LEFT,
        stream_url=EMBED + "live_stream?channel=UCdemoVagaVaraDigital",
        attendance_minutes=10,
        polls=[
            {
                "type": "poll",
                "id": POLL_ID,
                "value": {
                    "question": "Hur långt har er kommun kommit med digitaliseringen av samhällsbyggnadsprocessen?",
                    "options": [{"type": "item", "id": pk, "value": text} for pk, text in POLL_OPTIONS],
                },
            },
            {
                "type": "poll",
                "id": SECOND_POLL_ID,
                "value": {
                    "question": "Vem behöver ta nästa steg hos er?",
                    "options": [{"type": "item", "id": pk, "value": text} for pk, text in SECOND_POLL_OPTIONS],
                },
            },
        ],
        presenters=[WebcastPresenter(name=PRESENTERS[0][0], role=PRESENTERS[0][1])],
        related_modules=modules[2:3] or modules[:1],
        **audience_fields,
    )
    upcoming_start = _local(_weekday_after(now, 10), 13)
    upcoming, _ = ensure_child_page(
        series,
        WebcastPage,
        "data-som-resurs",
        title="Data som gemensam resurs – öppna data och informationssäkerhet",
        intro="Tredje avsnittet: hur kommunerna delar data med varandra och med invånarna, säkert.",
        description="<p>Om grunddata, öppna data och vad ledningen behöver veta om informationssäkerhet. Antalet "
        "platser i den interaktiva delen är begränsat; när det är fullt hamnar du på väntelistan.</p>",
        starts_at=upcoming_start,
        ends_at=upcoming_start + datetime.timedelta(minutes=75),
        capacity=12,
        presenters=[WebcastPresenter(name=name, role=role) for name, role in PRESENTERS[:2]],
        related_modules=modules[1:2],
        **audience_fields,
    )
    return {"index": index, "series": series, "past": past, "live": live, "upcoming": upcoming}


def move_live_window(live, now):
    """Each run places the live episode around now: started 15 minutes ago, ends in 2 hours."""
    starts, ends = now - LIVE_STARTED, now + LIVE_LEFT
    WebcastPage.objects.filter(pk=live.pk).update(starts_at=starts, ends_at=ends, ical_sequence=F("ical_sequence") + 1)
    live.starts_at, live.ends_at = starts, ends


MODERATOR_EMAIL = "programagare@lansstyrelsen.se"  # the county board's programme owner runs the Q&A


GUEST_ORGANISATIONS = ("Härnösands kommun", "Sundsvalls kommun")  # invited beside Uppsala län


def ensure_moderators(pages, people):
    """The programme owner of the county board moderates every episode (administrators always may), and
    the demo's own municipalities in Västernorrland are invited as guests, so their people can register."""
    from accounts.models import Organisation

    moderator = people.get(MODERATOR_EMAIL)
    guests = list(Organisation.objects.filter(name__in=GUEST_ORGANISATIONS))
    for key in ("past", "live", "upcoming"):
        page = pages[key]
        changed = False
        if moderator is not None and not page.moderators.filter(pk=moderator.pk).exists():
            page.moderators.add(moderator)
            changed = True
        if key != "past" and guests and not page.organisations.exists():
            page.organisations.add(*guests)
            changed = True
        if changed:
            page.save_revision().publish()


def _register(webcast, user, status, when):
    registration, created = Registration.objects.get_or_create(
        webcast=webcast,
        user=user,
        defaults={"status": status, "waiting_since": when if status == RegistrationStatus.WAITING else None},
    )
    if created:
        Registration.objects.filter(pk=registration.pk).update(created_at=when)
    return registration


def _attend(webcast, user, *, live_minutes=0, recording_minutes=0, at=None, via_recording=False):
    Attendance.objects.get_or_create(
        webcast=webcast,
        user=user,
        defaults={
            "live_seconds": live_minutes * 60,
            "recording_seconds": recording_minutes * 60,
            "last_heartbeat_at": at,
            "attended_at": at,
            "via_recording": via_recording,
        },
    )


def seed_past(past, audience, viewers):
    """Most of the audience registered; most of them attended live, some watched the recording later."""
    everyone = audience + viewers
    for n, user in enumerate(everyone):
        _register(past, user, RegistrationStatus.REGISTERED, past.starts_at - datetime.timedelta(days=10 - n % 7))
        if n % 5 == 4:
            continue  # registered, did not attend
        if n % 4 == 3:
            at = past.ends_at + datetime.timedelta(days=1 + n % 3, hours=2)
            _attend(past, user, recording_minutes=50, at=at, via_recording=True)
        else:
            minutes = 40 + (n * 7) % 50
            _attend(past, user, live_minutes=minutes, at=past.starts_at + datetime.timedelta(minutes=15))


def seed_live(live, audience, viewers, now):
    everyone = audience + viewers
    for n, user in enumerate(everyone[:16]):
        _register(live, user, RegistrationStatus.REGISTERED, now - datetime.timedelta(days=5 - n % 4))
    # Those watching now: counted as attended once they had the page open for ten minutes.
    for user in everyone[:10]:
        _attend(live, user, live_minutes=12, at=live.starts_at + datetime.timedelta(minutes=10))
    for author_index, text, anonymous, pinned, voters in QUESTIONS:
        author = everyone[author_index]
        question, created = Question.objects.get_or_create(
            webcast=live,
            author=author,
            text=text,
            defaults={"anonymous": anonymous, "status": QuestionStatus.VISIBLE, "pinned": pinned},
        )
        if created:
            for voter in [u for u in everyone if u.pk != author.pk][:voters]:
                QuestionVote.objects.get_or_create(question=question, user=voter)
            Question.objects.filter(pk=question.pk).update(vote_count=question.votes.count())
    PollState.objects.get_or_create(
        webcast=live,
        poll_id=POLL_ID,
        defaults={"status": PollStatus.OPEN, "opened_at": live.starts_at + datetime.timedelta(minutes=8)},
    )
    choices = [0, 1, 1, 2, 1, 0, 2, 1, 3, 1, 2, 0]
    for user, choice in zip(everyone[:12], choices, strict=True):
        PollVote.objects.get_or_create(
            webcast=live, poll_id=POLL_ID, user=user, defaults={"option_id": POLL_OPTIONS[choice][0]}
        )


def seed_upcoming(upcoming, audience, viewers, now):
    """Twelve places taken and three on the waiting list."""
    everyone = viewers + audience
    for n, user in enumerate(everyone[:15]):
        when = now - datetime.timedelta(days=6, hours=-n)
        status = RegistrationStatus.REGISTERED if n < upcoming.capacity else RegistrationStatus.WAITING
        _register(upcoming, user, status, when)


def attend_before_workshop(past, users):
    """Members of a workshop that requires the past episode: most watched it (live or the recording), a few
    only registered. The same people every run (no randomness)."""
    for n, user in enumerate(sorted(users, key=lambda u: u.email)):
        _register(past, user, RegistrationStatus.REGISTERED, past.starts_at - datetime.timedelta(days=7))
        if n % 4 == 3:
            continue  # registered, has not watched it yet: "Anmäld" in the readiness
        at = past.ends_at + datetime.timedelta(days=2 + n % 5)
        if n % 2:
            _attend(past, user, recording_minutes=46, at=at, via_recording=True)
        else:
            _attend(past, user, live_minutes=70, at=past.starts_at + datetime.timedelta(minutes=15))


@transaction.atomic
def seed(home, people, modules):
    """The webcast demo. `people` are accounts.demo's people by e-mail, `modules` the demo e-modules."""
    now = timezone.now()
    audience, viewers = ensure_audience(people)
    pages = ensure_pages(home, modules, now)
    move_live_window(pages["live"], now)
    ensure_moderators(pages, people)
    seed_past(pages["past"], audience, viewers)
    seed_live(pages["live"], audience, viewers, now)
    seed_upcoming(pages["upcoming"], audience, viewers, now)

    def refresh_snapshot():
        from . import snapshot

        snapshot.mark_changed(pages["live"].pk)

    transaction.on_commit(refresh_snapshot)
    return pages
