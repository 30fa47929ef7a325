"""Demo maturity survey and rounds. Idempotent: a round that exists is left as it is.

- Sundsvalls kommun: a baseline a year ago and a follow-up closed two weeks ago (about 40 answers),
  so change and breakdowns show; one small department shows the k = 5 suppression.
- Kramfors kommun: one baseline. Örnsköldsvik, Uppsala, Timrå and Sollefteå: one round each, so that
  the comparison between municipalities has enough organisations.
- Härnösands kommun: an OPEN round for its managers, in which the demo learner anna.lindqvist@harnosand.se
  is invited and has not answered yet.

Rows are written directly (as an import would), with a fixed random seed: fast, and the same every time.
Invitations are logged as sent; no mail is sent while seeding.
"""

import datetime
import random
import zlib

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import County, Department, Organisation, OrganisationKind, TargetGroup, User
from accounts.roles import LEARNER, group_for
from elearning.models import ModulePage

from . import demo_instrument as content
from .models import (
    DONT_KNOW,
    Answer,
    Audience,
    Instrument,
    Respondent,
    Round,
    RoundKind,
    SurveyMail,
    SurveyMailKind,
    SurveyMailStatus,
)
from .structure import for_revision

FIRST_NAMES = [
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kristina", "Elin", "Linda", "Johanna", "Malin",
    "Sofia", "Ida", "Hanna", "Jenny", "Camilla", "Helena", "Ulrika", "Therese", "Amira", "Nadia", "Aisha",
    "Erik", "Lars", "Anders", "Johan", "Per", "Karl", "Mikael", "Jonas", "Fredrik", "Daniel", "Magnus",
    "Henrik", "Mattias", "Stefan", "Andreas", "Peter", "Martin", "Tobias", "Omar", "Yusuf", "Ali", "Niklas",
]  # fmt: skip
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Pettersson", "Jonsson", "Hansson", "Lindberg", "Sundström", "Hedlund", "Norberg", "Öberg",
    "Åström", "Sjödin", "Westerlund", "Lundqvist", "Byström", "Näslund", "Forslund", "Engström", "Sandberg",
    "Nordin", "Söderlund", "Holmgren", "Marklund", "Lidén", "Berglund", "Hägglund", "Wikström", "Nyström",
    "Ahmadi", "Hussein", "Mohammadi", "Korhonen", "Virtanen", "Jakobsson",
]  # fmt: skip

OTHER_MUNICIPALITIES = [
    # (name, county, e-mail domain, departments, respondents, days since closing, level)
    ("Örnsköldsviks kommun", County.Y, "ornskoldsvik.se", None, 11, 40, 3.9),
    ("Uppsala kommun", County.C, "uppsala.se", None, 12, 75, 4.1),
    ("Timrå kommun", County.Y, "timra.se", ["Kommunledningsförvaltningen", "Socialförvaltningen"], 7, 120, 3.4),
    ("Sollefteå kommun", County.Y, "solleftea.se", ["Kommunledningsförvaltningen", "Omsorgsförvaltningen"], 8, 200, 3.2),
]  # fmt: skip

# Sundsvall: department -> (people, offset to the organisation's level). Kommunstyrelsekontoret stays under 5.
SUNDSVALL = {
    "Socialtjänsten": (14, -0.2),
    "Barn- och utbildningsförvaltningen": (13, 0.1),
    "Stadsbyggnadskontoret": (10, 0.4),
    "Kommunstyrelsekontoret": (3, 0.5),
}
# Change from baseline to follow-up per category (by position): most rise, "System och teknik" falls.
FOLLOW_UP_CHANGE = [0.7, 0.5, 0.6, -0.4, 0.3, 0.2]
CATEGORY_LEVEL = [0.3, 0.1, -0.1, -0.4, -0.2, -0.5]  # where municipalities typically stand, per category
DONT_KNOW_SHARE = 0.06


def _rng(*parts):
    return random.Random(zlib.crc32(":".join(str(p) for p in parts).encode()))


def _email_local(first, last):
    table = str.maketrans("åäöéÅÄÖÉ", "aaoeAAOE")
    return f"{first}.{last}".lower().translate(table)


def ensure_people(organisation, domain, specs, salt=""):
    """Invented people of an organisation (no password: they do not log in), the same ones every run.

    `specs` is a list of (department or None, target group); returns the users in that order.
    """
    rng = _rng(organisation.name, salt)
    used, wanted = set(), []
    for department, target_group in specs:
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{_email_local(first, last)}@{domain}"
            if email not in used:
                break
        used.add(email)
        wanted.append((email, first, last, department, target_group))
    existing = User.objects.in_bulk([w[0] for w in wanted], field_name="email")
    new = []
    for email, first, last, department, target_group in wanted:
        if email not in existing:
            user = User(
                email=email,
                first_name=first,
                last_name=last,
                organisation=organisation,
                department=department,
                target_group=target_group,
            )
            user.set_unusable_password()
            new.append(user)
    if new:
        User.objects.bulk_create(new)
        existing = User.objects.in_bulk([w[0] for w in wanted], field_name="email")
        learners = group_for(LEARNER)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=existing[u.email].pk, group_id=learners.pk) for u in new],
            ignore_conflicts=True,
        )
    return [existing[w[0]] for w in wanted]


def ensure_instrument(modules=(), webcast_series=None):
    """The demo survey, published once; found by title afterwards so that its statement ids stay."""
    instrument = Instrument.objects.filter(title=content.TITLE).first()
    if instrument is None:
        slugs = {m.slug: m for m in modules} or {m.slug: m for m in ModulePage.objects.all()}
        body = []
        for name, short_name, description, categories in content.DIMENSIONS:
            blocks = [
                {
                    "name": cat_name,
                    "description": cat_description,
                    "statements": [{"text": text, "help_text": ""} for text in statements],
                    "recommended_modules": [slugs[s] for s in module_slugs if s in slugs],
                    "recommended_webcasts": [webcast_series] if webcast and webcast_series else [],
                }
                for cat_name, cat_description, statements, module_slugs, webcast in categories
            ]
            body.append(
                (
                    "dimension",
                    {"name": name, "short_name": short_name, "description": description, "categories": blocks},
                )
            )
        instrument = Instrument(title=content.TITLE, introduction=content.INTRODUCTION, body=body)
        instrument.save()
    if instrument.live_revision_id is None:
        instrument.save_revision().publish()
        instrument.refresh_from_db()
    return instrument


def _local(day, hour=8):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _answer(rng, level):
    if rng.random() < DONT_KNOW_SHARE:
        return DONT_KNOW
    return max(1, min(6, round(rng.gauss(level, 1.0))))


def make_round(
    organisation,
    instrument,
    kind,
    title,
    closes_on,
    people,
    *,
    level,
    submitted=None,
    opened_days=21,
    changes=None,
    created_by=None,
    audience=Audience.EVERYONE,
    target_groups=(),
    department_offsets=None,
    closed=True,
):
    """A round with its respondents (the first `submitted` of `people` have answered), unless it exists."""
    round_, created = Round.objects.get_or_create(
        organisation=organisation,
        instrument=instrument,
        kind=kind,
        defaults={
            "title": title,
            "revision_id": instrument.live_revision_id,
            "closes_on": closes_on,
            "audience": audience,
            "target_groups": list(target_groups),
            "created_by": created_by,
        },
    )
    if not created:
        return round_
    opened_at = _local(closes_on - datetime.timedelta(days=opened_days), 9)
    Round.objects.filter(pk=round_.pk).update(opened_at=opened_at, created_at=opened_at - datetime.timedelta(days=2))
    round_.opened_at = opened_at
    structure = for_revision(round_.revision_id)
    rng = _rng(organisation.name, kind, "answers")
    submitted = len(people) if submitted is None else submitted
    last_day = min(closes_on, timezone.localdate()) if not closed else closes_on
    span = max((last_day - opened_at.date()).days, 1)
    respondents = []
    for index, user in enumerate(people):
        when = None
        if index < submitted:
            when = opened_at + datetime.timedelta(
                days=rng.randint(0, span - 1) if span > 1 else 0, hours=rng.randint(0, 7), minutes=rng.randint(0, 59)
            )
            when = min(when, timezone.now() - datetime.timedelta(hours=1))
        respondents.append(
            Respondent(
                round=round_,
                user=user,
                department_id=user.department_id,
                target_group=user.target_group,
                submitted_at=when,
            )
        )
    Respondent.objects.bulk_create(respondents)
    Respondent.objects.filter(round=round_).update(invited_at=opened_at)
    Respondent.objects.filter(round=round_, submitted_at__isnull=False).update(updated_at=F("submitted_at"))
    answers = []
    offsets = department_offsets or {}
    for respondent in Respondent.objects.filter(round=round_, submitted_at__isnull=False).select_related(
        "department", "user"
    ):
        person = _rng(respondent.user.email, "person").gauss(0, 0.5)  # the same person is alike across rounds
        dept = offsets.get(respondent.department.name if respondent.department else None, 0)
        for position, category in enumerate(structure.categories):
            mean = level + CATEGORY_LEVEL[position % 6] + person + dept + (changes or [0] * 6)[position % 6]
            answers.extend(
                Answer(respondent=respondent, round=round_, statement=s.id, value=_answer(rng, mean))
                for s in category.statements
            )
    Answer.objects.bulk_create(answers, batch_size=1000)
    _log_mails(round_, people, opened_at, created_by, closed)
    return round_


def _log_mails(round_, people, opened_at, requested_by, closed):
    """Invitations as sent when the round opened; one reminder a week before closing to those who had not
    answered by then (the demo does not send mail)."""
    mails = [
        SurveyMail(
            round=round_,
            user=user,
            kind=SurveyMailKind.INVITATION,
            sent_on=opened_at.date(),
            status=SurveyMailStatus.SENT,
            tries=1,
            requested_by=requested_by,
            sent_at=opened_at,
        )
        for user in people
    ]
    reminder_day = round_.closes_on - datetime.timedelta(days=7)
    if closed and reminder_day > opened_at.date():
        late = Respondent.objects.filter(round=round_).exclude(submitted_at__lt=_local(reminder_day, 10))
        reminded_at = _local(reminder_day, 10)
        mails += [
            SurveyMail(
                round=round_,
                user_id=user_id,
                kind=SurveyMailKind.REMINDER,
                sent_on=reminder_day,
                status=SurveyMailStatus.SENT,
                tries=1,
                requested_by=requested_by,
                sent_at=reminded_at,
            )
            for user_id in late.values_list("user_id", flat=True)
        ]
    SurveyMail.objects.bulk_create(mails)
    SurveyMail.objects.filter(round=round_).update(created_at=F("sent_at"))


def _departments(organisation, names):
    return [Department.objects.get_or_create(organisation=organisation, name=name)[0] for name in names]


def _mixed_specs(rng, departments, count):
    groups = [TargetGroup.STAFF] * 6 + [TargetGroup.MANAGER] * 3 + [TargetGroup.SENIOR]
    return [(departments[i % len(departments)] if departments else None, rng.choice(groups)) for i in range(count)]


def seed_sundsvall(instrument, people, today):
    org = Organisation.objects.get(name="Sundsvalls kommun")
    depts = {d.name: d for d in _departments(org, SUNDSVALL)}
    rng = _rng(org.name, "people")
    specs = []
    for name, (count, _offset) in SUNDSVALL.items():
        specs += _mixed_specs(rng, [depts[name]], count)
    invented = ensure_people(org, "sundsvall.se", specs)
    logins = [people[e] for e in ("medarbetare@sundsvall.se", "chef@sundsvall.se") if e in people]
    everyone = logins + invented  # 42 invited
    offsets = {name: offset for name, (_count, offset) in SUNDSVALL.items()}
    boss = people.get("chef@sundsvall.se")
    baseline_closes = today - datetime.timedelta(days=375)
    make_round(
        org,
        instrument,
        RoundKind.BASELINE,
        f"Digital mognad {baseline_closes.year} (0-mätning)",
        baseline_closes,
        everyone[:38],
        level=3.3,
        submitted=33,
        created_by=boss,
        department_offsets=offsets,
    )
    follow_closes = today - datetime.timedelta(days=15)
    make_round(
        org,
        instrument,
        RoundKind.FOLLOW_UP,
        f"Digital mognad {follow_closes.year} (uppföljning)",
        follow_closes,
        everyone,
        level=3.3,
        submitted=40,
        created_by=boss,
        changes=FOLLOW_UP_CHANGE,
        department_offsets=offsets,
    )


def seed_kramfors(instrument, people, today):
    org = Organisation.objects.get(name="Kramfors kommun")
    depts = _departments(org, ["Kommunledningskontoret", "Omsorgsförvaltningen", "Barn- och utbildningsförvaltningen"])
    invented = ensure_people(org, "kramfors.se", _mixed_specs(_rng(org.name, "people"), depts, 17))
    everyone = ([people["ledamot@kramfors.se"]] if "ledamot@kramfors.se" in people else []) + invented
    closes = today - datetime.timedelta(days=60)
    make_round(
        org,
        instrument,
        RoundKind.BASELINE,
        f"Digital mognad {closes.year} (0-mätning)",
        closes,
        everyone,
        level=3.0,
        submitted=len(everyone) - 2,
    )


def seed_comparison(instrument, today):
    """Other municipalities with one round each: the comparison needs five of a kind."""
    for name, county, domain, dept_names, count, days, level in OTHER_MUNICIPALITIES:
        org, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": OrganisationKind.MUNICIPALITY, "county": county}
        )
        depts = _departments(org, dept_names) if dept_names else list(Department.objects.filter(organisation=org))
        invented = ensure_people(org, domain, _mixed_specs(_rng(name, "people"), depts, count))
        closes = today - datetime.timedelta(days=days)
        make_round(
            org,
            instrument,
            RoundKind.BASELINE,
            f"Digital mognad {closes.year} (0-mätning)",
            closes,
            invented,
            level=level,
            submitted=count - 1,
        )


OPEN_ROUND_NOT_YET = {"anna.lindqvist@harnosand.se", "erik.berg@harnosand.se", "samtalsledare@harnosand.se"}


def seed_harnosand_open(instrument, people, today):
    """An open round for Härnösand's managers: some have answered, the demo logins have not yet."""
    org = Organisation.objects.get(name="Härnösands kommun")
    managers = list(User.objects.filter(organisation=org, target_group=TargetGroup.MANAGER).order_by("email"))
    not_yet = [u for u in managers if u.email in OPEN_ROUND_NOT_YET]
    others = [u for u in managers if u.email not in OPEN_ROUND_NOT_YET]
    answered = min(9, len(others))
    return make_round(
        org,
        instrument,
        RoundKind.BASELINE,
        "Chefernas digitala mognad (0-mätning)",
        today + datetime.timedelta(days=14),
        others[:answered] + not_yet + others[answered:],
        level=3.4,
        submitted=answered,
        opened_days=20,
        created_by=people.get("chef@harnosand.se"),
        audience=Audience.TARGET_GROUPS,
        target_groups=[TargetGroup.MANAGER],
        closed=False,
    )


@transaction.atomic
def seed(people, modules=(), webcast_series=None):
    instrument = ensure_instrument(modules, webcast_series)
    today = timezone.localdate()
    seed_sundsvall(instrument, people, today)
    seed_kramfors(instrument, people, today)
    seed_comparison(instrument, today)
    open_round = seed_harnosand_open(instrument, people, today)
    return {"instrument": instrument, "open_round": open_round}
