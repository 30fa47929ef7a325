"""The permission table: every URL that shows or changes data × every kind of person (issue 13).

One world, built once for the module (inside a transaction that is rolled back at the end; each
test runs in a savepoint of its own, so POSTs that change data are undone after the row):

- Härnösand (H) and Sundsvall (S), each with people whose names and e-mails carry a unique marker
  (``Mrk<code>z``, ``epost.<code>@...``), one department and one workshop with marked titles.
- The H workshop has two groups: Bord 1 (the learner, five more; led by the group's facilitator) and
  Bord 2 (three people; led by another facilitator). The S workshop has one group.
- Module A is completed by six H people (one more started it) and by eight S people (one more
  started it); module B by the learner only. So each organisation has its own figures:
  started/completed 7/6 (H), 9/8 (S), 16/14 (all); readiness 1 of 9 (H), 1 of 6 (Bord 1), 0 of 3 (Bord 2).
- Reflections with marker text: shared ones (H Bord 1, H Bord 2, S) and private ones (H, S).

Each row is (route, role): it asserts the status (and where a redirect goes), then reads the body
(HTML, JSON, CSV as text, XLSX decoded with openpyxl) and asserts that no marker of anyone outside
the role's scope appears (name, e-mail, reflection text, workshop, group and department names of
another organisation), and, on report pages, that the figures are those of the role's scope.
POSTs that must not change anything are followed by a check of the database.

A row where the app misbehaves today is an ``xfail(strict=True)`` with the reason: the suite stays
green, and the row fails the moment the app is fixed (then drop the mark). See ``KNOWN``.

Roles (``ROLES``): anonymous; learner (H, Bord 1); learner of another organisation (S); the group's
facilitator (Bord 1); another group's facilitator (Bord 2); manager (H); another organisation's
manager (S); manager without organisation; editor; manager who is also an editor (H); programme
owner (H); inactive user (an H manager marked as left); administrator; teacher; reviewer (Granskare, the
review workflow); Härnösand's solution editor (page permissions on H's part of the challenge only).

Publishing (issue 18): news, the challenge with H's and S's parts and solutions, a form whose submission
(marker ``Mrkfsubz``) only the form's editors may read, and page feedback whose comment (``Mrkfbz``) only
readers of the feedback report may see.

Routes deliberately left out (the resolver lists 339 patterns; ``ROUTES`` covers the others, several
of them more than once: own and other organisation, GET and POST, filters and export formats):
- No data: Wagtail's static and JavaScript endpoints (``admin/sprite/``, ``admin/jsi18n/``,
  ``admin/modeladmin/jsi18n/``), the catch-all ``admin/^.*/$``, ``admin/test404/``,
  ``admin/failwhale/``, ``dismissibles``, ``block-preview``, the link choosers (external, e-mail,
  phone, anchor), ``choose-page/<id>/`` and ``chosen-multiple``, ``tag-autocomplete/<app>/<model>/``.
- The maturity survey snippet's revision ``revert``/``compare``/``unschedule`` and its chooser's
  ``chosen``/``chosen-multiple``/``create`` steps: content only, the permission of edit (covered).
- Need a live editing session, workflow state or revision: editing-session ``ping``/``release``,
  page and setting ``preview`` endpoints, page ``workflow/...`` actions, ``workflow_history/detail``,
  revisions ``view``/``revert``/``unschedule``/``compare``, ``move/<dest>/confirm``,
  ``set_position``, ``convert_alias``, ``lock``/``unlock`` (POST). Page content only; their
  permission is that of page edit, history and move, which are covered.
- Need an upload in flight: documents' and images' ``multiple/...`` endpoints, the choosers'
  ``chosen``/``create``/``select_format`` steps, ``embeds/chooser/upload/``. Same permission as
  add/edit (covered). Image ``preview/<filter>/`` and ``generate_url/`` (+``output``): dynamic
  image serving is not configured (the generator answers 404 for everyone).
- Administrator-only configuration beyond the index views covered here (collections, workflows and
  tasks, redirects, sites): add/edit/delete/enable/disable/usage/import/history and their
  ``results`` fragments. ``admin/pages/usage/<type>/results/``, ``reports/*/results/`` for the
  workflow and page-type reports: the same view as the covered report pages.
- Form submissions beyond their list and its XLSX export (``admin/forms/submissions/.../delete/``,
  ``admin/forms/results/``): the same permission as the list (covered), and an attachment's download.
- Tokens and restrictions: ``admin/password_reset/...`` beyond the first page (disabled: allauth's
  reset is the only one), the view-restriction password forms (``_util/authenticate_with_password``,
  ``documents/authenticate_with_password``). allauth's e-mail confirmation and password-reset key
  pages are covered with a bogus key.
- ``admin/logout/`` (POST; ends the reused session) and allauth's logout POST.
- Wagtail's admin API ``find`` and ``action`` endpoints, and document/image ``detail``: the
  listings and the page detail are covered.
- Organisations have no inspect view (``inspect_view_enabled`` is off): there is no URL to test.
"""

import contextlib
import dataclasses
import datetime
import html
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass, field

import openpyxl
import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log as log_action
from wagtail.models import Site

from accounts.roles import (
    ADMINISTRATOR,
    EDITOR,
    FACILITATOR,
    MANAGER,
    PROGRAMME_OWNER,
    REVIEWER,
    TEACHER,
    ensure_roles,
    group_for,
)
from core.pagetree import ensure_child_page
from elearning import services as learning
from elearning.models import CourseIndexPage, CoursePage
from home.setup import ensure_site
from tests.builders import complete, make_module
from tests.factories import DepartmentFactory, OrganisationFactory, UserFactory
from workshops.models import Membership, Reminder, ReminderStatus, Workshop, WorkshopGroup

# ---------------------------------------------------------------------------------------------
# The world
# ---------------------------------------------------------------------------------------------

H, S, STAFF = "H", "S", "staff"


@dataclass
class Person:
    code: str
    org: str  # H, S or staff
    group: str | None = None  # gh1, gh2, gs1
    roles: tuple = ()
    active: bool = True

    @property
    def last_name(self):
        return f"Mrk{self.code}z"

    @property
    def email(self):
        domain = {H: "harnosand.se", S: "sundsvall.se", STAFF: "kompetenslyft.se"}[self.org]
        return f"epost.{self.code}@{domain}"


PEOPLE = [
    Person("hl", H, "gh1"),  # the learner
    *[Person(f"h0{n}", H, "gh1") for n in range(1, 6)],
    *[Person(f"h0{n}", H, "gh2") for n in range(6, 9)],
    Person("hf1", H, roles=(FACILITATOR,)),
    Person("hf2", H, roles=(FACILITATOR,)),
    Person("hm", H, roles=(MANAGER,)),
    Person("hme", H, roles=(MANAGER, EDITOR)),
    Person("hpo", H, roles=(PROGRAMME_OWNER,)),
    Person("hx", H, roles=(MANAGER,), active=False),  # a manager who has left
    *[Person(f"s0{n}", S, "gs1") for n in range(0, 9)],  # s00 is the other organisation's learner
    Person("sf", S, roles=(FACILITATOR,)),
    Person("sm", S, roles=(MANAGER,)),
    Person("sx", S, active=False),
    Person("mno", STAFF, roles=(MANAGER,)),
    Person("ed", STAFF, roles=(EDITOR,)),
    Person("adm", STAFF, roles=(ADMINISTRATOR,)),
    Person("tk", STAFF, roles=(TEACHER,)),  # a teacher (kursledare) from outside: no organisation
    Person("rv", STAFF, roles=(REVIEWER,)),  # a reviewer (granskare) in the review workflow
    Person("hse", H),  # Härnösand's solution editor: page permissions on H's part of the challenge only
]
BY_CODE = {p.code: p for p in PEOPLE}
GROUP_FACILITATOR = {"gh1": "hf1", "gh2": "hf2", "gs1": "sf"}

ROLE_PERSON = {
    "anonymous": None,
    "learner": "hl",
    "other_org_learner": "s00",
    "group_facilitator": "hf1",
    "other_group_facilitator": "hf2",
    "manager": "hm",
    "other_org_manager": "sm",
    "manager_without_organisation": "mno",
    "editor": "ed",
    "manager_editor": "hme",
    "programme_owner": "hpo",
    "inactive": "hx",
    "administrator": "adm",
    "teacher": "tk",
    "reviewer": "rv",
    "solution_editor": "hse",
}
ROLES = list(ROLE_PERSON)

# Module A: completed by these (all answers right, score 100); started only by the *_STARTED.
COMPLETED_A = ["hl", "h01", "h02", "h03", "h04", "h05", "s00", "s01", "s02", "s03", "s04", "s05", "s06", "s07"]
STARTED_A = ["h06", "s08"]
FIGURES_A = {  # (started, completed) of module A per scope of figures
    H: (7, 6),
    S: (9, 8),
    "all": (16, 14),
}

# Organisation-level markers: workshop, group and department names that belong to one organisation.
ORG_MARKERS = {
    "wh": ("Chefsdag Mrkwhz", H),
    "gh1": ("Bord Mrkgh1z", H),
    "gh2": ("Bord Mrkgh2z", H),
    "dh": ("Forvaltning Mrkdhz", H),
    "ws": ("Ledardag Mrkwsz", S),
    "gs1": ("Bord Mrkgs1z", S),
    "ds": ("Forvaltning Mrkdsz", S),
}


@dataclass
class ReflectionSpec:
    author: str
    module: str  # "a" or "b"
    text: str
    shared: bool


REFLECTIONS = [
    ReflectionSpec("hl", "a", "Delad tanke Mrkrefhlsz", True),
    ReflectionSpec("hl", "b", "Privat tanke Mrkrefhlpz", False),
    ReflectionSpec("h01", "a", "Privat tanke Mrkrefh01pz", False),
    ReflectionSpec("h06", "a", "Delad tanke Mrkrefh06sz", True),
    ReflectionSpec("s00", "a", "Delad tanke Mrkrefs00sz", True),
    ReflectionSpec("s01", "a", "Privat tanke Mrkrefs01pz", False),
]


# Leadership programmes (issue 17): cohort "kh" is taught by tk; cohort "k2" by nobody in the table.
COHORT_PARTICIPANTS = ("hl", "h01", "h02", "s00")  # booked places in kh
COHORT_WAITING = ("h03",)  # kh's waiting list: not a participant, and the teacher does not see it
OTHER_COHORT = {"h04": "booked", "s02": "waiting"}  # k2
CERTIFICATE_HOLDER = "h01"  # completed kh; the public verify page shows this name by design
CERTIFICATE_CODE = "KL-TEST-2345"


@dataclass
class SubmissionSpec:
    author: str
    text: str
    approved: bool


SUBMISSIONS = [
    SubmissionSpec("hl", "Utkast Mrksubhlz", False),
    SubmissionSpec("h01", "Godkänd Mrksubh01z", True),  # kh shares approved assignments with its participants
]


def sees_submission_of(role, spec):
    code = ROLE_PERSON[role]
    if role in ("administrator", "teacher") or code == spec.author:
        return True
    return spec.approved and code in COHORT_PARTICIPANTS


# Who may see whom (by name), by the access rules of accounts.scoping.
def visible_people(role):
    code = ROLE_PERSON[role]
    org_people = {org: {p.code for p in PEOPLE if p.org == org} for org in (H, S)}
    if role in ("anonymous", "inactive"):  # someone marked as left is nobody, not even themselves
        return set()
    if role == "administrator":
        return {p.code for p in PEOPLE}
    if role in ("manager", "manager_editor"):
        return org_people[H] | {code}
    if role == "other_org_manager":
        return org_people[S] | {code}
    if role == "programme_owner":
        # Figures across organisations, names at most in their own organisation.
        return org_people[H]
    if role in ("learner", "other_org_learner"):
        group = BY_CODE[code].group
        return {code, GROUP_FACILITATOR[group]}
    if role in ("group_facilitator", "other_group_facilitator"):
        group = "gh1" if role == "group_facilitator" else "gh2"
        return {code} | {p.code for p in PEOPLE if p.group == group}
    if role == "teacher":  # the participants of the cohort they teach, nobody else
        return {code, *COHORT_PARTICIPANTS}
    return {code}  # manager without organisation, editor


def visible_org_markers(role):
    everything = set(ORG_MARKERS)
    h_all = {"wh", "gh1", "gh2", "dh"}
    s_all = {"ws", "gs1", "ds"}
    return {
        "anonymous": set(),
        "inactive": set(),
        "administrator": everything,
        "manager": h_all,
        "manager_editor": h_all,
        "programme_owner": h_all,
        "other_org_manager": s_all,
        "learner": {"wh", "gh1", "dh"},
        "group_facilitator": {"wh", "gh1", "dh"},
        "other_group_facilitator": {"wh", "gh2", "dh"},
        "other_org_learner": {"ws", "gs1", "ds"},
        "manager_without_organisation": set(),
        "editor": set(),
        "teacher": set(),
        "reviewer": set(),
        "solution_editor": {"dh"},  # their own department, on their own profile
    }[role]


def sees_shared_reflections_of(role, author):
    """Shared reflections go to the group's facilitator, the organisation's managers and administrators."""
    person = BY_CODE[author]
    if role == "administrator":
        return True
    if role in ("manager", "manager_editor"):
        return person.org == H
    if role == "other_org_manager":
        return person.org == S
    if role in ("group_facilitator", "other_group_facilitator"):
        return person.group == ("gh1" if role == "group_facilitator" else "gh2")
    return False


def forbidden_markers(role):
    """{marker text (lower case): why it must not appear} for this role."""
    me = ROLE_PERSON[role]
    people = visible_people(role)
    forbidden = {}
    for person in PEOPLE:
        if person.org == STAFF or person.code in people:
            continue
        forbidden[person.last_name.lower()] = f"name of {person.code}"
        forbidden[person.email.lower()] = f"e-mail of {person.code}"
    for reflection in REFLECTIONS:
        allowed = reflection.author == me or (reflection.shared and sees_shared_reflections_of(role, reflection.author))
        if not allowed:
            kind = "shared" if reflection.shared else "private"
            forbidden[reflection.text.split()[-1].lower()] = f"{kind} reflection of {reflection.author}"
    for spec in SUBMISSIONS:
        if not sees_submission_of(role, spec):
            forbidden[spec.text.split()[-1].lower()] = f"home assignment of {spec.author}"
    for key, (text, org) in ORG_MARKERS.items():
        if key not in visible_org_markers(role):
            forbidden[text.split()[-1].lower()] = f"{org} {key} ({text})"
    for marker, (what, readers) in PUBLISHING_MARKERS.items():
        if role not in readers:
            forbidden[marker] = what
    return forbidden


# Publishing (issue 18): what a visitor sent through a form is for the form's editors only; page feedback
# comments are for those who read the feedback report (editors, reviewers). Neither is ever on the site.
FORM_SUBMISSION_TEXT = "Min fråga Mrkfsubz"
FEEDBACK_COMMENT = "Otydligt Mrkfbz"
PUBLISHING_MARKERS = {
    "mrkfsubz": ("a visitor's form submission", ("editor", "manager_editor", "administrator")),
    "mrkfbz": ("a page feedback comment", ("editor", "manager_editor", "administrator", "reviewer")),
}


@dataclass
class World:
    pk: dict = field(default_factory=dict)  # person code -> user pk
    obj: dict = field(default_factory=dict)  # named object -> pk
    sessions: dict = field(default_factory=dict)  # role -> session key
    module_url: str = ""
    course_url: str = ""
    course_index_url: str = ""
    document_url: str = ""
    webcast_urls: dict = field(default_factory=dict)
    programme_url: str = ""
    urls: dict = field(default_factory=dict)  # page name -> URL (publishing pages)


def _build_world(world):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    ensure_roles()
    home = ensure_site()
    index, _ = ensure_child_page(home, CourseIndexPage, "utbildningar", title="Utbildningar")
    course, _ = ensure_child_page(index, CoursePage, "testkurs", title="Testkurs", target_groups=["chef"])
    module_a = make_module(course, slug="modul-a")
    module_b = make_module(course, slug="modul-b")
    modules = {"a": module_a, "b": module_b}
    world.obj.update(home=home.pk, course_index=index.pk, course=course.pk, module_a=module_a.pk, module_b=module_b.pk)
    world.module_url, world.course_url, world.course_index_url = module_a.url, course.url, index.url

    organisations = {
        H: OrganisationFactory(name="Härnösands kommun"),
        S: OrganisationFactory(name="Sundsvalls kommun"),
    }
    departments = {
        H: DepartmentFactory(organisation=organisations[H], name=ORG_MARKERS["dh"][0]),
        S: DepartmentFactory(organisation=organisations[S], name=ORG_MARKERS["ds"][0]),
    }
    world.obj.update(org_h=organisations[H].pk, org_s=organisations[S].pk)
    users = {}
    for person in PEOPLE:
        org = organisations.get(person.org)
        user = UserFactory(
            email=person.email,
            first_name="Person",
            last_name=person.last_name,
            organisation=org,
            department=departments.get(person.org),
            roles=list(person.roles),
        )
        if not person.active:
            user.is_active = False
            user.left_on = timezone.localdate()
            user.save(update_fields=["is_active", "left_on"])
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        users[person.code] = user
        world.pk[person.code] = user.pk

    starts = timezone.now() + datetime.timedelta(days=14)
    workshops = {
        H: Workshop.objects.create(title=ORG_MARKERS["wh"][0], organisation=organisations[H], starts_at=starts),
        S: Workshop.objects.create(title=ORG_MARKERS["ws"][0], organisation=organisations[S], starts_at=starts),
    }
    workshops[H].required_modules.set([module_a, module_b])
    workshops[H].facilitators.set([users["hf1"], users["hf2"]])
    workshops[H].save()
    workshops[S].required_modules.set([module_a])
    workshops[S].facilitators.set([users["sf"]])
    workshops[S].save()
    groups = {}
    for key in ("gh1", "gh2", "gs1"):
        org = ORG_MARKERS[key][1]
        groups[key] = WorkshopGroup.objects.create(
            workshop=workshops[org], name=ORG_MARKERS[key][0], facilitator=users[GROUP_FACILITATOR[key]]
        )
    for person in PEOPLE:
        if person.group:
            group = groups[person.group]
            Membership.objects.create(workshop=group.workshop, group=group, user=users[person.code])
    world.obj.update(
        workshop_h=workshops[H].pk,
        workshop_s=workshops[S].pk,
        group_h1=groups["gh1"].pk,
        group_h2=groups["gh2"].pk,
        group_s1=groups["gs1"].pk,
        role_group_manager=group_for(MANAGER).pk,
    )

    for code in COMPLETED_A:
        complete(users[code], module_a)
    complete(users["hl"], module_b)
    for code in STARTED_A:
        learning.record_visit(users[code], module_a, module_a.structure.steps[0])
    for spec in REFLECTIONS:
        module = modules[spec.module]
        question = module.structure.reflection_questions[0]
        learning.save_reflection(
            users[spec.author], module, question.id, spec.text, shared=spec.shared, show_name=spec.shared
        )

    today = timezone.localdate()
    world.obj["reminder_h"] = Reminder.objects.create(
        workshop=workshops[H], user=users["h07"], sent_on=today, status=ReminderStatus.FAILED, tries=2
    ).pk
    world.obj["reminder_s"] = Reminder.objects.create(
        workshop=workshops[S], user=users["s01"], sent_on=today, status=ReminderStatus.FAILED, tries=2
    ).pk

    document = get_document_model().objects.create(
        title="Kursmaterial", file=ContentFile(b"%PDF-1.7\n%test\n", name="kursmaterial.pdf")
    )
    image = get_image_model().objects.create(title="Bild", file=get_test_image_file())
    world.obj.update(document=document.pk, image=image.pk)
    world.document_url = document.url
    world.obj["site"] = Site.objects.get(is_default_site=True).pk
    world.obj["department_s"] = departments[S].pk

    # Each organisation's history names the manager who last changed it (a name that must not travel).
    log_action(instance=organisations[H], action="wagtail.edit", user=users["hm"])
    log_action(instance=organisations[S], action="wagtail.edit", user=users["sm"])

    _build_webcasts(world, home, users)
    _build_maturity_and_rollout(world, organisations, departments, users)
    _build_programmes(world, home, users, module_a)
    _build_publishing(world, home, users, organisations)

    for role, code in ROLE_PERSON.items():
        if code is None:
            continue
        client = Client()
        client.force_login(users[code])
        world.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value


def _build_publishing(world, home, users, organisations):
    """News, a challenge with H's and S's parts and solutions, a form with a submission, page feedback."""
    from accounts.review import ensure_review_workflow
    from challenges.models import ChallengePage, OrganisationSolutionsPage, SolutionPage
    from challenges.permissions import add_organisation_editor
    from home.models import FormField, FormPage, FormPageSubmission, NewsIndexPage, NewsPage, PageFeedback

    news, _ = ensure_child_page(home, NewsIndexPage, "nyheter", title="Nyheter")
    article, _ = ensure_child_page(
        news, NewsPage, "testnyhet", title="Testnyhet", lead="En nyhet.", published_on=datetime.date(2026, 3, 2)
    )
    article.tags.add("ledarprogram")
    article.save_revision().publish()
    challenge, _ = ensure_child_page(home, ChallengePage, "utmaningen", title="Utmaningen", intro="En utmaning.")
    parts, solutions = {}, {}
    for org in (H, S):
        parts[org], _ = ensure_child_page(
            challenge,
            OrganisationSolutionsPage,
            f"del-{org.lower()}",
            title=ORG_NAMES[org],
            organisation=organisations[org],
        )
        solutions[org], _ = ensure_child_page(
            parts[org],
            SolutionPage,
            f"losning-{org.lower()}",
            title=f"Lösning {org}",
            summary="En checklista.",
            target_group="Chefer",
        )
    add_organisation_editor(users["hse"], parts[H])
    ensure_review_workflow()
    form = FormPage(title="Kontakt", slug="kontakt", to_address="kontakt@kompetenslyft.se", allow_attachment=True)
    home.add_child(instance=form)
    FormField.objects.create(page=form, label="Meddelande", field_type="multiline", required=True)
    form.save_revision().publish()
    submission = FormPageSubmission.objects.create(
        page=form,
        form_data={"meddelande": FORM_SUBMISSION_TEXT},
        attachment=ContentFile(b"%PDF-1.7\n%bilaga\n", name="bilaga.pdf"),
        attachment_name="bilaga.pdf",
    )
    PageFeedback.objects.create(page=solutions[H], helpful=False, comment=FEEDBACK_COMMENT)
    PageFeedback.objects.create(page=solutions[H], helpful=True)
    world.urls.update(
        news=news.url,
        article=article.url,
        challenge=challenge.url,
        part_h=parts[H].url,
        solution_h=solutions[H].url,
        solution_s=solutions[S].url,
        form=form.url,
    )
    world.obj.update(
        news=news.pk,
        challenge=challenge.pk,
        part_h=parts[H].pk,
        part_s=parts[S].pk,
        solution_h=solutions[H].pk,
        solution_s=solutions[S].pk,
        form=form.pk,
        form_submission=submission.pk,
    )


# Webcasts (issue 15): an upcoming one, full, with a queue; a live one moderated by the group's
# facilitator, with a named question (its asker chose to show their name to every viewer), an
# anonymous one (the name only for moderators) and an open poll; a past one with its Q&A to export.
WEBCAST_NAMED_ASKER = "h01"  # asked with their name: it may show to every viewer of the webcast
WEBCAST_ANONYMOUS_ASKER = "s01"  # asked anonymously: the name only for the moderators
WEBCAST_MODERATOR = "hf1"


def _build_webcasts(world, home, users):
    from webcasts.models import (
        Attendance,
        PollState,
        PollStatus,
        PollVote,
        Question,
        QuestionStatus,
        Registration,
        RegistrationStatus,
        WebcastIndexPage,
        WebcastPage,
        WebcastSeriesPage,
    )

    index, _ = ensure_child_page(home, WebcastIndexPage, "webbsandningar", title="Webbsändningar")
    series, _ = ensure_child_page(index, WebcastSeriesPage, "vaga-vara-digital", title="Våga vara digital!")
    now = timezone.now()

    def webcast(slug, starts, minutes=60, **fields):
        page, _ = ensure_child_page(
            series,
            WebcastPage,
            slug,
            title=slug.replace("-", " ").capitalize(),
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=minutes),
            **fields,
        )
        return page

    poll = [("poll", {"question": "Hur digital är din förvaltning?", "options": ["Mycket", "Lite"]})]
    upcoming = webcast("kommande", now + datetime.timedelta(days=7), capacity=3)
    live = webcast("direkt", now - datetime.timedelta(minutes=10), 120, polls=poll)
    past = webcast("tidigare", now - datetime.timedelta(days=7), polls=poll)
    for page in (live, past):
        page.moderators.set([users[WEBCAST_MODERATOR]])
        page.save_revision().publish()
    live.refresh_from_db()
    past.refresh_from_db()
    registrations = {}
    for code, status in (("hl", "registered"), ("h01", "registered"), ("s00", "registered"), ("s01", "waiting")):
        registrations[code] = Registration.objects.create(
            webcast=upcoming,
            user=users[code],
            status=status,
            waiting_since=now if status == RegistrationStatus.WAITING else None,
        )
    for page in (live, past):
        Question.objects.create(
            webcast=page,
            author=users[WEBCAST_NAMED_ASKER],
            text="Namngiven fråga Mrkqnz",
            status=QuestionStatus.VISIBLE,
        )
        Question.objects.create(
            webcast=page,
            author=users[WEBCAST_ANONYMOUS_ASKER],
            text="Anonym fråga Mrkqaz",
            anonymous=True,
            status=QuestionStatus.VISIBLE,
        )
        block = page.polls[0]
        PollState.objects.create(
            webcast=page, poll_id=block.id, status=PollStatus.OPEN if page is live else PollStatus.CLOSED
        )
        option = block.value["options"].bound_blocks[0].id
        for code in ("h02", "h03", "s02"):
            PollVote.objects.create(webcast=page, poll_id=block.id, option_id=option, user=users[code])
    Attendance.objects.create(webcast=past, user=users["hl"], live_seconds=3600, attended_at=now)
    Attendance.objects.create(webcast=past, user=users["s00"], live_seconds=3600, attended_at=now)
    world.obj.update(
        webcast_index=index.pk,
        webcast_series=series.pk,
        webcast_up=upcoming.pk,
        webcast_live=live.pk,
        webcast_past=past.pk,
        webcast_poll=live.polls[0].id,
        webcast_option=live.polls[0].value["options"].bound_blocks[0].id,
        webcast_question_live=Question.objects.get(webcast=live, anonymous=False).pk,
        registration_hl=registrations["hl"].pk,
        registration_s00=registrations["s00"].pk,
    )
    world.webcast_urls = {"index": index.url, "series": series.url, "live": live.url, "past": past.url}


# Maturity and rollout (issue 16): a published survey; an open Härnösand round that the learner and five
# more answered (h06 invited, not yet); a draft Härnösand round to open; a Sundsvall round answered by
# eight; a saved selection per organisation; a rollout plan per organisation with a phase and a message.
MATURITY_RESPONDENTS_H = ["hl", "h01", "h02", "h03", "h04", "h05"]
MATURITY_RESPONDENTS_S = ["s00", "s01", "s02", "s03", "s04", "s05", "s06", "s07"]


def _build_maturity_and_rollout(world, organisations, departments, users):
    from maturity import structure
    from maturity.models import Answer, Audience, Respondent, Round, SurveyMail
    from rollout.models import CommunicationItem, Phase, RolloutPlan
    from tests.maturity.conftest import publish_instrument

    instrument = publish_instrument("Mognadsenkät")
    closes = timezone.localdate() + datetime.timedelta(days=14)

    def make_round(org, title, answered=(), invited=(), opened=True):
        round_ = Round.objects.create(
            organisation=organisations[org],
            instrument=instrument,
            revision_id=instrument.live_revision_id if opened else None,
            title=title,
            closes_on=closes,
            opened_at=timezone.now() if opened else None,
            audience=Audience.DEPARTMENTS,
        )
        round_.departments.set([departments[org]])
        statements = structure.for_revision(instrument.live_revision_id).statements if opened else []
        for code in answered:
            respondent = Respondent.objects.create(
                round=round_, user=users[code], department=departments[org], submitted_at=timezone.now()
            )
            Answer.objects.bulk_create(
                Answer(respondent=respondent, round=round_, statement=s.id, value=1 + n % 6)
                for n, s in enumerate(statements)
            )
        for code in invited:
            Respondent.objects.create(round=round_, user=users[code], department=departments[org])
            SurveyMail.objects.create(round=round_, user=users[code], kind="invitation", status="sent")
        return round_

    round_h = make_round(H, "Mätning Härnösand", MATURITY_RESPONDENTS_H, ["h06"])
    draft_h = make_round(H, "Utkast Härnösand", opened=False)
    round_s = make_round(S, "Mätning Sundsvall", MATURITY_RESPONDENTS_S)
    selections = {}
    for org in (H, S):
        selection = organisations[org].selections.create(name=f"Urval {org}", target_groups=["chef"])
        selection.departments.set([departments[org]])
        selections[org] = selection
    plans, phases, items = {}, {}, {}
    for org in (H, S):
        plans[org] = RolloutPlan.objects.create(organisation=organisations[org], title=f"Plan {org}")
        phases[org] = Phase.objects.create(plan=plans[org], position=1, name="Alla chefer", target_groups=["chef"])
        phases[org].departments.set([departments[org]])
        phases[org].modules.set([world.obj["module_a"]])
        phases[org].workshops.set([Workshop.objects.get(organisation=organisations[org])])
        Phase.objects.create(plan=plans[org], position=2, name="Medarbetare", target_groups=["medarbetare"])
        items[org] = CommunicationItem.objects.create(
            phase=phases[org], message="Välkommen till fas 1", sender="hr", channel="epost"
        )
    world.obj.update(
        instrument=instrument.pk,
        round_h=round_h.pk,
        round_draft_h=draft_h.pk,
        round_s=round_s.pk,
        selection_h=selections[H].pk,
        selection_s=selections[S].pk,
        plan_h=plans[H].pk,
        plan_s=plans[S].pk,
        phase_h=phases[H].pk,
        phase_s=phases[S].pk,
        item_h=items[H].pk,
        item_s=items[S].pk,
        statement=structure.for_revision(instrument.live_revision_id).statements[0].id,
    )


def _build_programmes(world, home, users, module_a):
    from programmes.models import (
        Booking,
        Certificate,
        Cohort,
        ProgrammePage,
        Session,
        SessionAttendance,
        Submission,
        SubmissionVersion,
    )

    programme, _ = ensure_child_page(
        home, ProgrammePage, "chefsprogrammet", title="Chefsprogrammet", intro="Ett program för chefer."
    )
    today = timezone.localdate()
    now = timezone.now()

    def make_cohort(title, teachers, share=False):
        cohort = Cohort.objects.create(
            programme=programme,
            title=title,
            starts_on=today - datetime.timedelta(days=20),
            ends_on=today + datetime.timedelta(days=40),
            capacity=4,
            booking_deadline=today + datetime.timedelta(days=10),
            cancellation_deadline=today + datetime.timedelta(days=10),
            assignment_title="Hemuppgift: en plan för din verksamhet",
            assignment_due=today + datetime.timedelta(days=30),
            share_approved_assignments=share,
        )
        cohort.teachers.set([users[code] for code in teachers])
        cohort.modules.set([module_a])
        cohort.save()  # parental many-to-many relations are written on save
        for n in range(5):
            starts = now + datetime.timedelta(days=7 * n - 14)
            Session.objects.create(
                cohort=cohort,
                sort_order=n,
                title=f"Träff {n + 1}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                place="Rådhuset",
            )
        return cohort

    kh = make_cohort("Våren Mrkkhz", ["tk"], share=True)
    k2 = make_cohort("Hösten Mrkk2z", [])
    for code in COHORT_PARTICIPANTS:
        Booking.objects.create(cohort=kh, user=users[code], status="booked")
    for code in COHORT_WAITING:
        Booking.objects.create(cohort=kh, user=users[code], status="waiting", waiting_since=now)
    for code, status in OTHER_COHORT.items():
        Booking.objects.create(
            cohort=k2, user=users[code], status=status, waiting_since=now if status == "waiting" else None
        )
    first = kh.sessions.order_by("sort_order").first()
    for code in COHORT_PARTICIPANTS:
        SessionAttendance.objects.create(session=first, user=users[code], present=True, marked_by=users["tk"])
    submissions = {}
    for spec in SUBMISSIONS:
        submission = Submission.objects.create(
            cohort=kh,
            user=users[spec.author],
            status="approved" if spec.approved else "submitted",
            approved_at=now if spec.approved else None,
        )
        version = SubmissionVersion.objects.create(
            submission=submission,
            number=1,
            text=spec.text,
            file=ContentFile(b"%PDF-1.7\n%uppgift\n", name="uppgift.pdf"),
            original_name="uppgift.pdf",
            content_type="application/pdf",
            size=18,
        )
        submissions[spec.author] = (submission, version)
    certificate = Certificate.objects.create(
        cohort=kh,
        user=users[CERTIFICATE_HOLDER],
        code=CERTIFICATE_CODE,
        name=users[CERTIFICATE_HOLDER].get_full_name(),
        programme_title=programme.title,
        cohort_title=kh.title,
        starts_on=kh.starts_on,
        ends_on=kh.ends_on,
        status="ready",
        pdf=ContentFile(b"%PDF-1.7\n%intyg\n", name="intyg.pdf"),
    )
    world.programme_url = programme.url
    world.obj.update(
        programme=programme.pk,
        cohort_h=kh.pk,
        cohort_other=k2.pk,
        session_h=first.pk,
        session_other=k2.sessions.order_by("sort_order").first().pk,
        booking_hl=Booking.objects.get(cohort=kh, user=users["hl"]).pk,
        booking_s02=Booking.objects.get(cohort=k2, user=users["s02"]).pk,
        submission_hl=submissions["hl"][0].pk,
        version_hl=submissions["hl"][1].pk,
        version_h01=submissions["h01"][1].pk,
        certificate=certificate.pk,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world, built once for this module inside a transaction rolled back at its end.

    Each row's `db` fixture runs in a savepoint within it, so what a POST changes is undone after the
    row. Sessions are made here once per role and reused (a cookie per request). Uploaded files go to a
    temporary MEDIA_ROOT.
    """
    media = tempfile.TemporaryDirectory(prefix="permission-table-media-")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media.name):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = World()
            _build_world(built)
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
    media.cleanup()


# ---------------------------------------------------------------------------------------------
# Expected answers
# ---------------------------------------------------------------------------------------------
#
# An answer is written "200", "400", "404", "302>login" (to the login page), "302>admin" (refused
# inside the admin: back to the dashboard) or "302>page" (any other redirect, e.g. after a POST).

ANON_LIKE = ("anonymous", "inactive")  # an inactive person is treated as nobody
NO_ADMIN = ("learner", "other_org_learner", "group_facilitator", "other_group_facilitator", "teacher")
ADMIN_USERS = tuple(r for r in ROLES if r not in ANON_LIKE + NO_ADMIN)

H_MANAGERS = ("manager", "manager_editor", "administrator")
S_MANAGERS = ("other_org_manager", "administrator")
EDITORS = ("editor", "manager_editor", "administrator")
PEOPLE_ADMINS = ("manager", "other_org_manager", "manager_editor", "manager_without_organisation", "administrator")
FIGURE_VIEWERS = ("manager", "other_org_manager", "editor", "manager_editor", "programme_owner", "administrator")
REPORT_VIEWERS = ("manager", "other_org_manager", "manager_editor", "administrator")
ADMIN = ("administrator",)
CONTENT_ROLES = ("reviewer", "solution_editor")  # issue 18: admin access for pages only
# Admin access, nobody to manage.
NO_PEOPLE = ("manager_without_organisation", "editor", "programme_owner", *CONTENT_ROLES)


def everyone(answer):
    return dict.fromkeys(ROLES, answer)


def signed_in(answer, anonymous="302>login"):
    """Any signed-in person gets `answer`; nobody (and an inactive person) is sent to log in."""
    return {role: anonymous if role in ANON_LIKE else answer for role in ROLES}


def site(allowed, answer="200", refused="404"):
    """A page of the public site for some people only: the others get 404 (its existence does not leak)."""
    return {role: "302>login" if role in ANON_LIKE else answer if role in allowed else refused for role in ROLES}


def admin(allowed, answer="200", refused="302>admin", not_found=()):
    """An admin view: no admin access → login; allowed → answer; out of scope → 404; otherwise refused."""
    table = {}
    for role in ROLES:
        if role in ANON_LIKE + NO_ADMIN:
            table[role] = "302>login"
        elif role in allowed:
            table[role] = answer
        elif role in not_found:
            table[role] = "404"
        else:
            table[role] = refused
    return table


def scoped_object(owners, answer="200", lacking=(), outside=()):
    """An object of one organisation in the admin: its managers (and administrators) get `answer`;
    roles that lack the permission for every such object are refused like the listing (302>admin);
    every other admin user gets 404, so that the object's existence does not leak."""
    return admin(
        owners,
        answer,
        not_found=[r for r in ADMIN_USERS if r not in owners and r not in lacking] + list(outside),
    )


def override(table, **answers):
    return {**table, **answers}


# ---------------------------------------------------------------------------------------------
# Content checks beyond the markers: figures of the role's scope, must-show controls
# ---------------------------------------------------------------------------------------------

FIGURE_SCOPE = {  # whose figures each role's aggregate reports count (accounts.scoping.figures_filter)
    "manager": H,
    "other_org_manager": S,
    "manager_editor": "all",  # an editor sees platform-wide aggregates
    "editor": "all",
    "programme_owner": "all",
    "administrator": "all",
}
PEOPLE_SCOPE = {"manager": H, "manager_editor": H, "other_org_manager": S, "administrator": "all"}


def active_people(scope):
    return sum(1 for p in PEOPLE if p.active and p.org != STAFF and scope in ("all", p.org))


def plain(text):
    """Tags out, separators (CSV, XLSX cells) to spaces, whitespace collapsed."""
    text = re.sub(r"<script.*?</script>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r'[";\t\r\n]+', " ", text)
    return re.sub(r"\s+", " ", text)


def _module_report_figures(text, role, world):
    expected = FIGURES_A[FIGURE_SCOPE[role]]
    got = tuple(int(n) for n in re.findall(r'data-figure="(?:started|completed)">\s*(\d+)', text))
    return [] if got == expected else [f"module A figures {got}, expected {expected} ({FIGURE_SCOPE[role]})"]


def _module_index_figures(text, role, world):
    expected = FIGURES_A[FIGURE_SCOPE[role]]
    found = re.search(r"Modul modul-a (\d+) (\d+)", plain(text))
    got = tuple(int(n) for n in found.groups()) if found else None
    return [] if got == expected else [f"module A figures {got}, expected {expected}"]


def _readiness_figures(expected_by_role):
    def check(text, role, world):
        found = re.search(r'data-figure="ready">\s*(\d+)\D+?(\d+)', text)
        got = tuple(int(n) for n in found.groups()) if found else None
        expected = expected_by_role.get(role)
        return [] if got == expected else [f"readiness figure {got}, expected {expected}"]

    return check


READINESS_H = dict.fromkeys(H_MANAGERS, (1, 9)) | {"group_facilitator": (1, 6), "other_group_facilitator": (0, 3)}
READINESS_S = dict.fromkeys(S_MANAGERS, (8, 9))


def _kit_figures(expected):
    """Answer distributions in the kit count the group, or the whole workshop: never another organisation."""

    def check(text, role, world):
        counts = {int(n) for n in re.findall(r"(\d+) (?:svar|answers)\b", plain(text))}
        return [] if counts == {expected} else [f"answer counts {sorted(counts)}, expected only {expected}"]

    return check


def _completion_figures(scope_of_role):
    """The first total (module A): people, started, completed in the role's scope."""

    def check(text, role, world):
        scope = scope_of_role(role)
        expected = (active_people(scope), *FIGURES_A[scope])
        found = re.search(r"(?:Alla i urvalet|Everyone in the selection) (\d+) (\d+) (\d+)", plain(text))
        got = tuple(int(n) for n in found.groups()) if found else None
        return [] if got == expected else [f"completion totals {got}, expected {expected} ({scope})"]

    return check


def _completion_of_workshop_s(text, role, world):
    found = re.search(r"(?:Alla i urvalet|Everyone in the selection) (\d+) (\d+) (\d+)", plain(text))
    got = tuple(int(n) for n in found.groups()) if found else None
    return [] if got == (9, 9, 8) else [f"completion totals {got}, expected (9, 9, 8) (Sundsvall's workshop)"]


def _dashboard_figures(text, role, world):
    allowed = {"manager": {(1, 9)}, "manager_editor": {(1, 9)}, "other_org_manager": {(8, 9)}}
    allowed["administrator"] = {(1, 9), (8, 9)}
    found = {(int(a), int(b)) for a, b in re.findall(r"(\d+) (?:av|of) (\d+) \(", plain(text))}
    extra = found - allowed.get(role, set())
    return [f"readiness figures of another scope on the dashboard: {sorted(extra)}"] if extra else []


def _users_export_rows(text, role, world):
    visible = {
        "manager": [p for p in PEOPLE if p.org == H],
        "manager_editor": [p for p in PEOPLE if p.org == H],
        "other_org_manager": [p for p in PEOPLE if p.org == S],
        "manager_without_organisation": [BY_CODE["mno"]],
        "administrator": PEOPLE,
    }[role]
    rows = len(text.splitlines()) - 1
    return [] if rows == len(visible) else [f"{rows} rows exported, expected {len(visible)}"]


ORG_NAMES = {H: "Härnösands kommun", S: "Sundsvalls kommun"}


def _organisation_listing(text, role, world):
    own = {"manager": {H}, "manager_editor": {H}, "other_org_manager": {S}, "administrator": {H, S}}.get(role, set())
    problems = [f"lists {ORG_NAMES[org]}" for org in (H, S) if org not in own and ORG_NAMES[org] in text]
    problems += [f"does not list {ORG_NAMES[org]}" for org in own if ORG_NAMES[org] not in text]
    return problems


def _shows(markers_by_role):
    """A control against a view that hides everything: these markers must appear for these roles."""

    def check(text, role, world):
        lowered = text.lower()
        return [f"does not show {m}" for m in markers_by_role.get(role, []) if m.lower() not in lowered]

    return check


def _all(*checks):
    return lambda text, role, world: [problem for check in checks for problem in check(text, role, world)]


# ---------------------------------------------------------------------------------------------
# Guards: what a refused POST must have left alone
# ---------------------------------------------------------------------------------------------


def _user_active(code, active):
    def guard(world, role):
        from accounts.models import User

        if User.objects.filter(pk=world.pk[code], is_active=active).exists():
            return None
        return f"{code} is no longer {'active' if active else 'inactive'}"

    return guard


def _user_exists(code):
    def guard(world, role):
        from accounts.models import User

        return None if User.objects.filter(pk=world.pk[code]).exists() else f"{code} was deleted"

    return guard


def _own_account_exists(world, role):
    from accounts.models import User

    code = ROLE_PERSON[role]
    if code is None or User.objects.filter(pk=world.pk[code]).exists():
        return None
    return f"{code}'s account was deleted"


def _member(code, group_key, present):
    def guard(world, role):
        group = world.obj[group_key]
        exists = Membership.objects.filter(user_id=world.pk[code], group_id=group).exists()
        return None if exists == present else f"{code} {'removed from' if present else 'added to'} {group_key}"

    return guard


def _not_in_workshop(code, workshop_key):
    def guard(world, role):
        if Membership.objects.filter(user_id=world.pk[code], workshop_id=world.obj[workshop_key]).exists():
            return f"{code} was placed in {workshop_key}"
        return None

    return guard


def _workshop_exists(key):
    def guard(world, role):
        return None if Workshop.objects.filter(pk=world.obj[key]).exists() else f"{key} was deleted"

    return guard


def _group_name_kept(key, name):
    def guard(world, role):
        return None if WorkshopGroup.objects.filter(pk=world.obj[key], name=name).exists() else f"{key} was renamed"

    return guard


def _no_new_groups(workshop_key, count):
    def guard(world, role):
        now = WorkshopGroup.objects.filter(workshop_id=world.obj[workshop_key]).count()
        return None if now == count else f"{workshop_key} has {now} groups, had {count}"

    return guard


def _no_reminders(workshop_key):
    def guard(world, role):
        n = Reminder.objects.filter(workshop_id=world.obj[workshop_key]).count()
        return None if n == 1 else f"{n - 1} reminders were queued for {workshop_key}"

    return guard


# ---------------------------------------------------------------------------------------------
# The routes
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str
    method: str
    url: object  # callable(world) -> str
    expect: dict  # role -> expected answer
    data: object = None  # dict, or callable(world) -> dict
    check: object = None  # callable(text, role, world) -> problems, for 200 answers
    guard: object = None  # callable(world, role) -> problem or None, after the request
    may_change: tuple = ()  # roles for whom the guard is not asked
    shows_names: object = None  # callable(role) -> codes of people whose names the page shows by design


def _r(name, *args, query=""):
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args]) + query


def P(code):
    return lambda w: w.pk[code]


def O(name):  # noqa: E743
    return lambda w: w.obj[name]


def _question_id(kind):
    def get(w):
        from elearning.models import ModulePage

        module = ModulePage.objects.get(pk=w.obj["module_a"])
        return getattr(module.structure, kind)[0].id

    return get


def _bulk(app_label, model_name, action, *ids, query=""):
    def url(w):
        values = [w.pk[i] if i in w.pk else w.obj.get(i, i) for i in ids]
        base = reverse("wagtail_bulk_action", args=[app_label, model_name, action])
        return base + "?" + "&".join(f"id={v}" for v in values) + "&next=/admin/" + query

    return url


def _query(name, **params):
    def url(w):
        values = {k: (v(w) if callable(v) else v) for k, v in params.items()}
        return reverse(name) + "?" + "&".join(f"{k}={v}" for k, v in values.items())

    return url


def _routes():
    wh, ws = O("workshop_h"), O("workshop_s")
    gh1, gh2, gs1 = O("group_h1"), O("group_h2"), O("group_s1")
    ma = O("module_a")
    mine = signed_in("200")
    module_figures = _module_report_figures
    # Wagtail's own screens for content and configuration: who holds the permission.
    content = admin(EDITORS)
    admin_only = admin(ADMIN)
    org_h_admin_only = scoped_object(
        ("administrator",), lacking=("editor", "manager", "manager_editor", *CONTENT_ROLES)
    )
    org_s_admin_only = scoped_object(("administrator",), lacking=("editor", "other_org_manager", *CONTENT_ROLES))
    admin_any = admin(ADMIN_USERS)  # every admin user: choosers, page tree API, account
    users_listing = admin(PEOPLE_ADMINS)
    workshops_listing = admin(PEOPLE_ADMINS)
    return [
        # --- The public site -------------------------------------------------------------------
        Route("home", "get", lambda w: "/", everyone("200")),
        Route("search", "get", _r("search", query="?q=Sundsvall"), everyone("200")),
        Route("healthz", "get", _r("healthz"), everyone("200")),
        Route("course_list", "get", _r("course_list"), everyone("302>page")),
        Route("course_index_page", "get", lambda w: w.course_index_url, everyone("200")),
        Route("course_page", "get", lambda w: w.course_url, everyone("200")),
        Route("module_page", "get", lambda w: w.module_url, everyone("200")),
        Route(
            "module_step",
            "get",
            _r("module_step", ma, 2),
            mine,
            check=_shows({"learner": ["Mrkrefhlsz"], "other_org_learner": ["Mrkrefs00sz"]}),
        ),
        Route("module_resume", "get", _r("module_resume", ma), signed_in("302>page")),
        Route(
            "module_answer",
            "post",
            _r("module_answer", ma, 1, _question_id("quiz_questions")),
            signed_in("400"),
            {"option": ["no-such-option"], "seq": "0"},
        ),
        Route(
            "module_reflect",
            "post",
            _r("module_reflect", ma, 2, _question_id("reflection_questions")),
            signed_in("400"),
            {"text": ""},
        ),
        Route("module_start_attempt", "post", _r("module_start_attempt", ma), signed_in("302>page")),
        Route("module_finish", "post", _r("module_finish", ma), signed_in("302>page")),
        Route(
            "my_learning",
            "get",
            _r("my_learning"),
            mine,
            check=_shows({"learner": ["Mrkwhz", "Mrkgh1z"], "other_org_learner": ["Mrkwsz"]}),
        ),
        Route("profile", "get", _r("profile"), mine),
        Route("profile_post", "post", _r("profile"), mine, {"preferred_language": "xx"}),
        Route("my_data", "get", _r("my_data"), mine),
        Route(
            "my_data_export",
            "get",
            _r("my_data_export"),
            mine,
            check=_shows({"learner": ["Mrkrefhlsz", "Mrkrefhlpz", "epost.hl@"]}),
        ),
        Route(
            "delete_account",
            "post",
            _r("delete_account"),
            signed_in("400"),
            {"password": "fel-losenord", "confirm": "on"},
            guard=_own_account_exists,
        ),
        Route("set_language", "post", _r("set_language"), everyone("302>page"), {"language": "sv", "next": "/"}),
        Route("workshop_list", "get", _r("workshop_list"), mine),
        Route(
            "readiness",
            "get",
            _r("workshop_readiness", wh),
            site(H_MANAGERS + ("group_facilitator", "other_group_facilitator")),
            check=_all(
                _readiness_figures(READINESS_H),
                _shows({"manager": ["Mrkh07z", "Mrkh01z"], "group_facilitator": ["Mrkh01z"]}),
            ),
        ),
        Route("readiness_csv", "get", _r("workshop_readiness", wh, query="?format=csv"), site(H_MANAGERS)),
        Route("readiness_xlsx", "get", _r("workshop_readiness", wh, query="?format=xlsx"), site(H_MANAGERS)),
        Route(
            "readiness_other_org",
            "get",
            _r("workshop_readiness", ws),
            site(S_MANAGERS),
            check=_readiness_figures(READINESS_S),
        ),
        Route("readiness_other_org_csv", "get", _r("workshop_readiness", ws, query="?format=csv"), site(S_MANAGERS)),
        Route(
            "kit_group1",
            "get",
            _r("facilitator_kit", wh, gh1),
            site(H_MANAGERS + ("group_facilitator",)),
            check=_all(_kit_figures(6), _shows({"group_facilitator": ["Mrkrefhlsz"]})),
        ),
        Route(
            "kit_group2",
            "get",
            _r("facilitator_kit", wh, gh2),
            site(H_MANAGERS + ("other_group_facilitator",)),
            check=_all(_kit_figures(6), _shows({"other_group_facilitator": ["Mrkrefh06sz"]})),
        ),
        Route("kit_other_org", "get", _r("facilitator_kit", ws, gs1), site(S_MANAGERS), check=_kit_figures(8)),
        Route("kit_group_of_other_workshop", "get", _r("facilitator_kit", wh, gs1), site(())),
        Route(
            "remind",
            "post",
            _r("workshop_remind", wh),
            site(H_MANAGERS, "302>page"),
            guard=_no_reminders("workshop_h"),
            may_change=H_MANAGERS,
        ),
        Route(
            "remind_other_org",
            "post",
            _r("workshop_remind", ws),
            site(S_MANAGERS, "302>page"),
            guard=_no_reminders("workshop_s"),
            may_change=S_MANAGERS,
        ),
        Route("document_serve", "get", lambda w: w.document_url, everyone("200")),
        Route("wagtailcore_login", "get", _r("wagtailcore_login"), everyone("200")),
        # --- allauth ---------------------------------------------------------------------------
        Route("account_login", "get", _r("account_login"), signed_in("302>page", anonymous="200")),
        Route("account_logout", "get", _r("account_logout"), signed_in("200", anonymous="302>page")),
        Route("account_inactive", "get", _r("account_inactive"), everyone("200")),
        Route("account_signup", "get", _r("account_signup"), signed_in("302>page", anonymous="200")),
        Route("account_reauthenticate", "get", _r("account_reauthenticate"), mine),
        Route("account_email", "get", _r("account_email"), mine),
        Route("account_email_verification_sent", "get", _r("account_email_verification_sent"), everyone("200")),
        Route("account_change_password", "get", _r("account_change_password"), mine),
        Route("account_set_password", "get", _r("account_set_password"), signed_in("302>page")),
        Route("account_reset_password", "get", _r("account_reset_password"), everyone("200")),
        Route("account_reset_password_done", "get", _r("account_reset_password_done"), everyone("200")),
        Route("account_confirm_login_code", "get", _r("account_confirm_login_code"), signed_in("302>page")),
        Route("account_confirm_email", "get", _r("account_confirm_email", "bogus-key"), everyone("200")),
        Route(
            "account_reset_password_from_key",
            "get",
            _r("account_reset_password_from_key", "1", "bogus"),
            everyone("200"),
        ),
        Route(
            "account_reset_password_from_key_done", "get", _r("account_reset_password_from_key_done"), everyone("200")
        ),
        Route("mfa_index", "get", _r("mfa_index"), mine),
        Route("mfa_authenticate", "get", _r("mfa_authenticate"), signed_in("302>page")),
        Route("mfa_reauthenticate", "get", _r("mfa_reauthenticate"), signed_in("302>page")),
        Route("mfa_activate_totp", "get", _r("mfa_activate_totp"), signed_in("302>page")),
        Route("mfa_deactivate_totp", "get", _r("mfa_deactivate_totp"), signed_in("404")),
        Route("mfa_view_recovery_codes", "get", _r("mfa_view_recovery_codes"), signed_in("404")),
        Route("mfa_generate_recovery_codes", "get", _r("mfa_generate_recovery_codes"), signed_in("302>page")),
        Route("mfa_download_recovery_codes", "get", _r("mfa_download_recovery_codes"), signed_in("404")),
        # --- Admin: dashboard, account --------------------------------------------------------
        Route("admin_login", "get", _r("wagtailadmin_login"), everyone("302>login")),
        Route("admin_home", "get", _r("wagtailadmin_home"), admin_any, check=_dashboard_figures),
        Route("admin_account", "get", _r("wagtailadmin_account"), admin_any),
        Route("admin_password_reset", "get", _r("wagtailadmin_password_reset"), everyone("404")),
        # --- Admin: people ---------------------------------------------------------------------
        Route(
            "users_index",
            "get",
            _r("wagtailusers_users:index"),
            users_listing,
            check=_shows({"manager": ["Mrkh01z", "Mrkhxz"], "other_org_manager": ["Mrks01z"]}),
        ),
        Route("users_search_sundsvall", "get", _r("wagtailusers_users:index", query="?q=sundsvall"), users_listing),
        Route(
            "users_results_sundsvall",
            "get",
            _r("wagtailusers_users:index_results", query="?q=sundsvall"),
            users_listing,
            check=_shows({"other_org_manager": ["Mrks01z"], "administrator": ["Mrks01z"]}),
        ),
        Route("users_results_markers", "get", _r("wagtailusers_users:index_results", query="?q=mrk"), users_listing),
        Route(
            "users_filter_other_org",
            "get",
            _query("wagtailusers_users:index", organisation=O("org_s")),
            users_listing,
        ),
        Route(
            "users_export_csv",
            "get",
            _r("wagtailusers_users:index", query="?export=csv"),
            users_listing,
            check=_users_export_rows,
        ),
        Route("users_export_xlsx", "get", _r("wagtailusers_users:index", query="?export=xlsx"), users_listing),
        Route("users_add", "get", _r("wagtailusers_users:add"), admin_only),
        # Managers hold view_user only: they never edit, delete, copy or read the history of a person.
        Route("users_edit", "get", _r("wagtailusers_users:edit", P("h01")), scoped_object(ADMIN, lacking=H_MANAGERS)),
        Route(
            "users_edit_other_org",
            "get",
            _r("wagtailusers_users:edit", P("s01")),
            scoped_object(ADMIN, lacking=S_MANAGERS),
        ),
        Route(
            "users_edit_post",
            "post",
            _r("wagtailusers_users:edit", P("h01")),
            scoped_object(ADMIN, lacking=H_MANAGERS),
            {"email": ""},
        ),
        Route(
            "users_edit_other_org_post",
            "post",
            _r("wagtailusers_users:edit", P("s01")),
            scoped_object(ADMIN, lacking=S_MANAGERS),
            {"email": ""},
        ),
        Route(
            "users_delete", "get", _r("wagtailusers_users:delete", P("h01")), scoped_object(ADMIN, lacking=H_MANAGERS)
        ),
        Route(
            "users_delete_other_org",
            "get",
            _r("wagtailusers_users:delete", P("s01")),
            scoped_object(ADMIN, lacking=S_MANAGERS),
        ),
        Route(
            "users_delete_other_org_post",
            "post",
            _r("wagtailusers_users:delete", P("s01")),
            scoped_object(ADMIN, "302>page", lacking=S_MANAGERS),
            guard=_user_exists("s01"),
            may_change=ADMIN,
        ),
        Route(
            "users_history",
            "get",
            _r("wagtailusers_users:history", P("h01")),
            scoped_object(ADMIN, lacking=H_MANAGERS),
        ),
        Route(
            "users_history_other_org",
            "get",
            _r("wagtailusers_users:history", P("s01")),
            scoped_object(ADMIN, lacking=S_MANAGERS),
        ),
        Route(
            "users_history_results",
            "get",
            _r("wagtailusers_users:history_results", P("h01")),
            scoped_object(ADMIN, lacking=H_MANAGERS),
        ),
        Route(
            "users_history_results_other_org",
            "get",
            _r("wagtailusers_users:history_results", P("s01")),
            scoped_object(ADMIN, lacking=S_MANAGERS),
        ),
        Route("users_usage", "get", _r("wagtailusers_users:usage", P("h01")), scoped_object(ADMIN, lacking=H_MANAGERS)),
        Route(
            "users_usage_other_org",
            "get",
            _r("wagtailusers_users:usage", P("s01")),
            scoped_object(ADMIN, lacking=S_MANAGERS),
        ),
        # Copying needs the add permission, asked before the object is looked up: the same answer for any id.
        Route("users_copy", "get", _r("wagtailusers_users:copy", P("h01")), admin_only),
        Route("users_copy_other_org", "get", _r("wagtailusers_users:copy", P("s01")), admin_only),
        # Marking as left: the person's managers; roles that manage nobody are refused for any id.
        Route(
            "person_left",
            "get",
            _r("accounts_admin_mark_left", P("h02")),
            scoped_object(H_MANAGERS, lacking=NO_PEOPLE),
        ),
        Route(
            "person_left_other_org",
            "get",
            _r("accounts_admin_mark_left", P("s02")),
            scoped_object(S_MANAGERS, lacking=NO_PEOPLE),
        ),
        Route(
            "person_left_post",
            "post",
            _r("accounts_admin_mark_left", P("h02")),
            scoped_object(H_MANAGERS, "302>page", lacking=NO_PEOPLE),
            guard=_user_active("h02", True),
            may_change=H_MANAGERS,
        ),
        Route(
            "person_left_other_org_post",
            "post",
            _r("accounts_admin_mark_left", P("s02")),
            scoped_object(S_MANAGERS, "302>page", lacking=NO_PEOPLE),
            guard=_user_active("s02", True),
            may_change=S_MANAGERS,
        ),
        Route(
            "person_active",
            "get",
            _r("accounts_admin_reactivate", P("hx")),
            scoped_object(H_MANAGERS, lacking=NO_PEOPLE),
        ),
        Route(
            "person_active_other_org",
            "get",
            _r("accounts_admin_reactivate", P("sx")),
            scoped_object(S_MANAGERS, lacking=NO_PEOPLE),
        ),
        Route(
            "person_active_post",
            "post",
            _r("accounts_admin_reactivate", P("hx")),
            scoped_object(H_MANAGERS, "302>page", lacking=NO_PEOPLE),
            guard=_user_active("hx", False),
            may_change=H_MANAGERS,
        ),
        Route(
            "person_active_other_org_post",
            "post",
            _r("accounts_admin_reactivate", P("sx")),
            scoped_object(S_MANAGERS, "302>page", lacking=NO_PEOPLE),
            guard=_user_active("sx", False),
            may_change=S_MANAGERS,
        ),
        # --- Admin: bulk actions ---------------------------------------------------------------
        Route("bulk_users_delete", "get", _bulk("accounts", "user", "delete", "s01", "h01"), admin_only),
        Route(
            "bulk_users_delete_all", "get", _bulk("accounts", "user", "delete", "all", query="&q=sundsvall"), admin_only
        ),
        Route("bulk_users_set_active", "get", _bulk("accounts", "user", "set_active_state", "s01"), admin_only),
        Route(
            "bulk_users_set_active_post",
            "post",
            _bulk("accounts", "user", "set_active_state", "s01"),
            override(admin_only, administrator="302>admin"),  # done: back to `next`
            {"mark_as_active": "False"},
            guard=_user_active("s01", True),
            may_change=ADMIN,
        ),
        Route("bulk_users_assign_role", "get", _bulk("accounts", "user", "assign_role", "s01"), admin_only),
        Route("bulk_pages_delete", "get", _bulk("wagtailcore", "page", "delete", "module_a"), content),
        Route("bulk_documents_delete", "get", _bulk("wagtaildocs", "document", "delete", "document"), content),
        Route("bulk_images_delete", "get", _bulk("wagtailimages", "image", "delete", "image"), content),
        # --- Admin: roles (groups), sites, collections, workflows, redirects, forms, snippets, settings
        Route("roles_index", "get", _r("wagtailusers_groups:index"), admin_only),
        Route("roles_results", "get", _r("wagtailusers_groups:index_results"), admin_only),
        Route("roles_add", "get", _r("wagtailusers_groups:add"), admin_only),
        Route("roles_edit", "get", _r("wagtailusers_groups:edit", O("role_group_manager")), admin_only),
        Route("roles_delete", "get", _r("wagtailusers_groups:delete", O("role_group_manager")), admin_only),
        Route("roles_history", "get", _r("wagtailusers_groups:history", O("role_group_manager")), admin_only),
        Route("roles_usage", "get", _r("wagtailusers_groups:usage", O("role_group_manager")), admin_only),
        Route(
            "roles_history_results",
            "get",
            _r("wagtailusers_groups:history_results", O("role_group_manager")),
            admin_only,
        ),
        Route("sites_index", "get", _r("wagtailsites:index"), admin_only),
        Route("sites_edit", "get", _r("wagtailsites:edit", O("site")), admin_only),
        Route("collections_index", "get", _r("wagtailadmin_collections:index"), admin_only),
        Route("workflows_index", "get", _r("wagtailadmin_workflows:index"), admin_only),
        Route("workflow_tasks_index", "get", _r("wagtailadmin_workflows:task_index"), admin_only),
        # Editors keep redirects when a page moves (issue 18): they have Wagtail's redirect permissions.
        Route("redirects_index", "get", _r("wagtailredirects:index"), content),
        Route("forms_index", "get", _r("wagtailforms:index"), content),
        # Contact people are the one snippet editors manage (issue 18).
        Route("snippets_index", "get", _r("wagtailsnippets:index"), content),
        Route(
            "settings_footer",
            "get",
            _r("wagtailsettings:edit", "home", "sitefooter"),
            override(admin_only, administrator="302>page"),  # to the default site's settings
        ),
        Route("settings_footer_site", "get", _r("wagtailsettings:edit", "home", "sitefooter", O("site")), admin_only),
        # --- Admin: organisations (modeladmin) -------------------------------------------------
        Route(
            "org_index",
            "get",
            _r("accounts_organisation_modeladmin_index"),
            admin(PEOPLE_ADMINS + ("programme_owner",)),
            check=_organisation_listing,
        ),
        Route(
            "org_search",
            "get",
            _r("accounts_organisation_modeladmin_index", query="?q=kommun"),
            admin(PEOPLE_ADMINS + ("programme_owner",)),
            check=_organisation_listing,
        ),
        Route(
            "org_export_csv",
            "get",
            _r("accounts_organisation_modeladmin_index", query="?export=csv"),
            admin(PEOPLE_ADMINS + ("programme_owner",)),
            check=_organisation_listing,
        ),
        Route(
            "org_export_xlsx",
            "get",
            _r("accounts_organisation_modeladmin_index", query="?export=xlsx"),
            admin(PEOPLE_ADMINS + ("programme_owner",)),
            check=_organisation_listing,
        ),
        Route("org_create", "get", _r("accounts_organisation_modeladmin_create"), admin_only),
        # Only administrators change organisations. Its own managers are refused like the listing (no
        # permission); anyone else who may list organisations gets 404 for one outside their scope.
        Route("org_edit", "get", _r("accounts_organisation_modeladmin_edit", O("org_h")), org_h_admin_only),
        Route("org_edit_other_org", "get", _r("accounts_organisation_modeladmin_edit", O("org_s")), org_s_admin_only),
        Route(
            "org_edit_other_org_post",
            "post",
            _r("accounts_organisation_modeladmin_edit", O("org_s")),
            org_s_admin_only,
            {"name": ""},
        ),
        Route("org_delete", "get", _r("accounts_organisation_modeladmin_delete", O("org_h")), org_h_admin_only),
        Route(
            "org_delete_other_org", "get", _r("accounts_organisation_modeladmin_delete", O("org_s")), org_s_admin_only
        ),
        # The history names whoever changed the organisation: administrators only, 404 for anyone else listing.
        Route(
            "org_history",
            "get",
            _r("accounts_organisation_modeladmin_history", O("org_h")),
            scoped_object(("administrator",), lacking=("editor", *CONTENT_ROLES)),
        ),
        Route(
            "org_history_other_org",
            "get",
            _r("accounts_organisation_modeladmin_history", O("org_s")),
            scoped_object(("administrator",), lacking=("editor", *CONTENT_ROLES)),
        ),
        # --- Admin: workshops, groups, reminder log (modeladmin) -------------------------------
        Route(
            "workshops_index",
            "get",
            _r("workshops_workshop_modeladmin_index"),
            workshops_listing,
            check=_shows({"manager": ["Mrkwhz"], "other_org_manager": ["Mrkwsz"]}),
        ),
        Route(
            "workshops_filter_other_org",
            "get",
            _query("workshops_workshop_modeladmin_index", organisation__id__exact=O("org_s")),
            workshops_listing,
        ),
        Route("workshops_search", "get", _r("workshops_workshop_modeladmin_index", query="?q=mrk"), workshops_listing),
        Route(
            "workshops_export_csv",
            "get",
            _r("workshops_workshop_modeladmin_index", query="?export=csv"),
            workshops_listing,
        ),
        Route(
            "workshops_export_xlsx",
            "get",
            _r("workshops_workshop_modeladmin_index", query="?export=xlsx"),
            workshops_listing,
        ),
        Route("workshop_create", "get", _r("workshops_workshop_modeladmin_create"), workshops_listing),
        Route(
            "workshop_edit",
            "get",
            _r("workshops_workshop_modeladmin_edit", wh),
            scoped_object(H_MANAGERS, lacking=("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "workshop_edit_other_org",
            "get",
            _r("workshops_workshop_modeladmin_edit", ws),
            scoped_object(S_MANAGERS, lacking=("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "workshop_delete",
            "get",
            _r("workshops_workshop_modeladmin_delete", wh),
            scoped_object(H_MANAGERS, lacking=("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "workshop_delete_other_org",
            "get",
            _r("workshops_workshop_modeladmin_delete", ws),
            scoped_object(S_MANAGERS, lacking=("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "workshop_delete_other_org_post",
            "post",
            _r("workshops_workshop_modeladmin_delete", ws),
            scoped_object(S_MANAGERS, "302>page", lacking=("editor", "programme_owner", *CONTENT_ROLES)),
            guard=_workshop_exists("workshop_s"),
            may_change=S_MANAGERS,
        ),
        Route(
            "workshop_history",
            "get",
            _r("workshops_workshop_modeladmin_history", wh),
            scoped_object(H_MANAGERS, lacking=("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "workshop_history_other_org",
            "get",
            _r("workshops_workshop_modeladmin_history", ws),
            scoped_object(S_MANAGERS, lacking=("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "groups_index",
            "get",
            _r("workshops_workshopgroup_modeladmin_index"),
            workshops_listing,
            check=_shows({"manager": ["Mrkgh1z", "Mrkgh2z"], "other_org_manager": ["Mrkgs1z"]}),
        ),
        Route(
            "groups_filter_other_workshop",
            "get",
            _query("workshops_workshopgroup_modeladmin_index", workshop=ws),
            workshops_listing,
        ),
        Route(
            "groups_export_csv",
            "get",
            _r("workshops_workshopgroup_modeladmin_index", query="?export=csv"),
            workshops_listing,
        ),
        Route(
            "groups_export_xlsx",
            "get",
            _r("workshops_workshopgroup_modeladmin_index", query="?export=xlsx"),
            workshops_listing,
        ),
        Route("group_create", "get", _r("workshops_workshopgroup_modeladmin_create"), workshops_listing),
        Route(
            "group_edit",
            "get",
            _r("workshops_workshopgroup_modeladmin_edit", gh1),
            scoped_object(H_MANAGERS, lacking=("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "group_edit_other_org",
            "get",
            _r("workshops_workshopgroup_modeladmin_edit", gs1),
            scoped_object(S_MANAGERS, lacking=("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "group_edit_other_org_post",
            "post",
            _r("workshops_workshopgroup_modeladmin_edit", gs1),
            scoped_object(S_MANAGERS, "302>page", lacking=("editor", "programme_owner", *CONTENT_ROLES)),
            lambda w: {"workshop": w.obj["workshop_s"], "name": "Kapad", "room": ""},
            guard=_group_name_kept("group_s1", ORG_MARKERS["gs1"][0]),
            may_change=S_MANAGERS,
        ),
        Route(
            "group_delete",
            "get",
            _r("workshops_workshopgroup_modeladmin_delete", gh1),
            scoped_object(H_MANAGERS, lacking=("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "group_delete_other_org",
            "get",
            _r("workshops_workshopgroup_modeladmin_delete", gs1),
            scoped_object(S_MANAGERS, lacking=("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "group_history",
            "get",
            _r("workshops_workshopgroup_modeladmin_history", gh1),
            scoped_object(H_MANAGERS, lacking=("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "group_history_other_org",
            "get",
            _r("workshops_workshopgroup_modeladmin_history", gs1),
            scoped_object(S_MANAGERS, lacking=("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "reminders_index",
            "get",
            _r("workshops_reminder_modeladmin_index"),
            workshops_listing,
            check=_shows({"manager": ["Mrkh07z"], "other_org_manager": ["Mrks01z"]}),
        ),
        Route(
            "reminders_filter_other_workshop",
            "get",
            _query("workshops_reminder_modeladmin_index", workshop=ws),
            workshops_listing,
        ),
        Route(
            "reminders_search",
            "get",
            _r("workshops_reminder_modeladmin_index", query="?q=sundsvall"),
            workshops_listing,
        ),
        Route(
            "reminders_export_csv",
            "get",
            _r("workshops_reminder_modeladmin_index", query="?export=csv"),
            workshops_listing,
        ),
        # The reminder log is read-only, for administrators too.
        Route("reminder_create", "get", _r("workshops_reminder_modeladmin_create"), admin(())),
        Route(
            "reminder_edit",
            "get",
            _r("workshops_reminder_modeladmin_edit", O("reminder_h")),
            scoped_object((), lacking=H_MANAGERS + ("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "reminder_edit_other_org",
            "get",
            _r("workshops_reminder_modeladmin_edit", O("reminder_s")),
            scoped_object((), lacking=S_MANAGERS + ("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "reminder_delete",
            "get",
            _r("workshops_reminder_modeladmin_delete", O("reminder_h")),
            scoped_object((), lacking=H_MANAGERS + ("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        Route(
            "reminder_delete_other_org",
            "get",
            _r("workshops_reminder_modeladmin_delete", O("reminder_s")),
            scoped_object((), lacking=S_MANAGERS + ("editor", "programme_owner", *CONTENT_ROLES)),
        ),
        # --- Admin: the custom workshop views --------------------------------------------------
        # Refused before the lookup (302>admin) for roles without the permission or any organisation.
        Route(
            "members",
            "get",
            _r("workshops_admin_group_members", gh1),
            scoped_object(H_MANAGERS, lacking=NO_PEOPLE),
            check=_shows({"manager": ["Mrkh01z"]}),
        ),
        Route(
            "members_other_org",
            "get",
            _r("workshops_admin_group_members", gs1),
            scoped_object(S_MANAGERS, lacking=NO_PEOPLE),
        ),
        Route(
            "member_add",
            "post",
            _r("workshops_admin_member_add", gh1),
            scoped_object(H_MANAGERS, lacking=NO_PEOPLE),
            lambda w: {"user": w.pk["s03"]},
            guard=_not_in_workshop("s03", "workshop_h"),
        ),
        Route(
            "member_add_other_org",
            "post",
            _r("workshops_admin_member_add", gs1),
            scoped_object(S_MANAGERS, lacking=NO_PEOPLE),
            lambda w: {"user": w.pk["h08"]},
            guard=_not_in_workshop("h08", "workshop_s"),
        ),
        Route(
            "members_bulk",
            "post",
            _r("workshops_admin_members_bulk", gh1),
            scoped_object(H_MANAGERS, lacking=NO_PEOPLE),
            lambda w: {"department": w.obj["department_s"]},
            guard=_not_in_workshop("s03", "workshop_h"),
        ),
        Route(
            "members_bulk_other_org",
            "post",
            _r("workshops_admin_members_bulk", gs1),
            scoped_object(S_MANAGERS, lacking=NO_PEOPLE),
            {"target_group": "chef"},
            guard=_not_in_workshop("h08", "workshop_s"),
        ),
        Route(
            "members_import",
            "post",
            _r("workshops_admin_members_import", gh1),
            scoped_object(H_MANAGERS, lacking=NO_PEOPLE),
        ),
        Route(
            "members_import_other_org",
            "post",
            _r("workshops_admin_members_import", gs1),
            scoped_object(S_MANAGERS, lacking=NO_PEOPLE),
        ),
        Route(
            "member_remove",
            "post",
            _r("workshops_admin_member_remove", gh1, P("h03")),
            scoped_object(H_MANAGERS, "302>page", lacking=NO_PEOPLE),
            guard=_member("h03", "group_h1", True),
            may_change=H_MANAGERS,
        ),
        Route(
            "member_remove_other_org",
            "post",
            _r("workshops_admin_member_remove", gs1, P("s03")),
            scoped_object(S_MANAGERS, "302>page", lacking=NO_PEOPLE),
            guard=_member("s03", "group_s1", True),
            may_change=S_MANAGERS,
        ),
        Route(
            "propose_groups",
            "get",
            _r("workshops_admin_propose_groups", wh),
            scoped_object(H_MANAGERS, lacking=NO_PEOPLE),
        ),
        Route(
            "propose_groups_proposal",
            "get",
            _r("workshops_admin_propose_groups", wh, query="?number=2"),
            scoped_object(H_MANAGERS, lacking=NO_PEOPLE),
        ),
        Route(
            "propose_groups_post_with_other_org_person",
            "post",
            _r("workshops_admin_propose_groups", wh),
            scoped_object(H_MANAGERS, "302>page", lacking=NO_PEOPLE),
            lambda w: {
                "group_count": "1",
                "name_1": "Nytt bord",
                "people": [w.pk["s03"]],
                f"person_{w.pk['s03']}": "1",
            },
            guard=_not_in_workshop("s03", "workshop_h"),
        ),
        Route(
            "propose_groups_other_org",
            "get",
            _r("workshops_admin_propose_groups", ws),
            scoped_object(S_MANAGERS, lacking=NO_PEOPLE),
        ),
        Route(
            "propose_groups_other_org_proposal",
            "get",
            _r("workshops_admin_propose_groups", ws, query="?number=2"),
            scoped_object(S_MANAGERS, lacking=NO_PEOPLE),
        ),
        Route(
            "propose_groups_other_org_post",
            "post",
            _r("workshops_admin_propose_groups", ws),
            scoped_object(S_MANAGERS, lacking=NO_PEOPLE),
            {"group_count": "2"},
            guard=_no_new_groups("workshop_s", 1),
            may_change=S_MANAGERS,
        ),
        Route(
            "admin_readiness_csv",
            "get",
            _r("workshops_admin_readiness_export", wh, query="?format=csv"),
            scoped_object(H_MANAGERS, lacking=NO_PEOPLE),
            check=_shows({"manager": ["Mrkh07z"]}),
        ),
        Route(
            "admin_readiness_xlsx",
            "get",
            _r("workshops_admin_readiness_export", wh, query="?format=xlsx"),
            scoped_object(H_MANAGERS, lacking=NO_PEOPLE),
            check=_shows({"manager": ["Mrkh07z"]}),
        ),
        Route(
            "admin_readiness_other_org_csv",
            "get",
            _r("workshops_admin_readiness_export", ws, query="?format=csv"),
            scoped_object(S_MANAGERS, lacking=NO_PEOPLE),
        ),
        Route(
            "completion",
            "get",
            _r("workshops_admin_completion"),
            admin(REPORT_VIEWERS),
            check=_completion_figures(lambda role: PEOPLE_SCOPE[role]),
        ),
        Route(
            "completion_csv",
            "get",
            _r("workshops_admin_completion", query="?format=csv"),
            admin(REPORT_VIEWERS),
            check=_completion_figures(lambda role: PEOPLE_SCOPE[role]),
        ),
        Route(
            "completion_xlsx",
            "get",
            _r("workshops_admin_completion", query="?format=xlsx"),
            admin(REPORT_VIEWERS),
            check=_completion_figures(lambda role: PEOPLE_SCOPE[role]),
        ),
        Route(
            "completion_other_org",
            "get",
            _query("workshops_admin_completion", organisation=O("org_s")),
            admin(REPORT_VIEWERS),
            # Managers have no organisation filter: the parameter is ignored and they see their own.
            check=_completion_figures(lambda role: {"administrator": S}.get(role, PEOPLE_SCOPE[role])),
        ),
        Route(
            "completion_other_department_csv",
            "get",
            _query("workshops_admin_completion", department=O("department_s"), format="csv"),
            admin(S_MANAGERS, not_found=()) | {"manager": "400", "manager_editor": "400"},
            check=_completion_figures(lambda role: S),
        ),
        Route(
            "completion_other_workshop_csv",
            "get",
            _query("workshops_admin_completion", workshop=ws, format="csv"),
            admin(S_MANAGERS) | {"manager": "400", "manager_editor": "400"},
            check=_completion_of_workshop_s,
        ),
        Route(
            "completion_other_group_csv",
            "get",
            _query("workshops_admin_completion", group=gs1, format="csv"),
            admin(S_MANAGERS) | {"manager": "400", "manager_editor": "400"},
            check=_completion_of_workshop_s,
        ),
        # --- Admin: module reports (aggregates: managers, editors, programme owners) ------------
        Route("module_reports", "get", _r("elearning_reports"), admin(FIGURE_VIEWERS), check=_module_index_figures),
        Route("module_report", "get", _r("elearning_report", ma), admin(FIGURE_VIEWERS), check=module_figures),
        # --- Admin: Wagtail's reports ----------------------------------------------------------
        Route("site_history", "get", _r("wagtailadmin_reports:site_history"), admin_only),
        Route("site_history_results", "get", _r("wagtailadmin_reports:site_history_results"), admin_only),
        Route("aging_pages", "get", _r("wagtailadmin_reports:aging_pages"), content),
        Route("locked_pages", "get", _r("wagtailadmin_reports:locked_pages"), content),
        Route("page_types_usage", "get", _r("wagtailadmin_reports:page_types_usage"), content),
        Route("aging_pages_results", "get", _r("wagtailadmin_reports:aging_pages_results"), content),
        Route("locked_pages_results", "get", _r("wagtailadmin_reports:locked_pages_results"), content),
        Route("workflow_tasks_report", "get", _r("wagtailadmin_reports:workflow_tasks"), content),
        Route("workflow_report", "get", _r("wagtailadmin_reports:workflow"), content),
        # --- Admin: pages ----------------------------------------------------------------------
        Route("pages_explore_root", "get", _r("wagtailadmin_explore_root"), content),
        Route("pages_explore_course", "get", _r("wagtailadmin_explore", O("course")), content),
        Route("pages_explore_course_results", "get", _r("wagtailadmin_explore_results", O("course")), content),
        Route("pages_search", "get", _r("wagtailadmin_pages:search", query="?q=modul"), content),
        Route("pages_search_results", "get", _r("wagtailadmin_pages:search_results", query="?q=modul"), content),
        Route("page_add_module", "get", _r("wagtailadmin_pages:add", "elearning", "modulepage", O("course")), content),
        # Wagtail shows everyone in the admin the "choose a parent" form (empty without add permission).
        Route(
            "page_choose_parent",
            "get",
            _r("wagtailadmin_pages:choose_parent", "elearning", "modulepage"),
            admin(ADMIN_USERS, "200") | dict.fromkeys(EDITORS, "302>page"),
        ),
        Route("page_type_use", "get", _r("wagtailadmin_pages:type_use", "elearning", "modulepage"), content),
        Route("page_edit", "get", _r("wagtailadmin_pages:edit", ma), content),
        Route("page_history", "get", _r("wagtailadmin_pages:history", ma), content),
        Route("page_history_results", "get", _r("wagtailadmin_pages:history_results", ma), content),
        Route("page_privacy", "get", _r("wagtailadmin_pages:set_privacy", ma), content),
        # Wagtail sends the revisions index to the page history, which then decides.
        Route("page_revisions", "get", _r("wagtailadmin_pages:revisions_index", ma), admin(ADMIN_USERS, "302>page")),
        Route("page_usage", "get", _r("wagtailadmin_pages:usage", ma), content),
        Route("page_delete", "get", _r("wagtailadmin_pages:delete", ma), content),
        Route("page_copy", "get", _r("wagtailadmin_pages:copy", ma), content),
        Route("page_move", "get", _r("wagtailadmin_pages:move", ma), content),
        Route("page_unpublish", "get", _r("wagtailadmin_pages:unpublish", ma), content),
        Route("page_add_subpage", "get", _r("wagtailadmin_pages:add_subpage", O("course")), admin(EDITORS, "302>page")),
        Route("page_view_draft", "get", _r("wagtailadmin_pages:view_draft", ma), content),
        Route("page_workflow_history", "get", _r("wagtailadmin_pages:workflow_history", ma), content),
        # Choosers and the page API are open to every admin user (Wagtail): titles of content, no people.
        Route("choose_page", "get", _r("wagtailadmin_choose_page"), admin_any),
        Route("choose_page_search", "get", _r("wagtailadmin_choose_page_search", query="?q=modul"), admin_any),
        Route("embeds_chooser", "get", _r("wagtailembeds:chooser"), admin_any),
        Route("admin_api_pages", "get", lambda w: "/admin/api/main/pages/", admin_any),
        Route(
            "admin_api_page",
            "get",
            lambda w: f"/admin/api/main/pages/{w.obj['module_a']}/",
            admin(EDITORS, refused="404"),  # the page tree is explorable only with page permissions
        ),
        Route("admin_api_documents", "get", lambda w: "/admin/api/main/documents/", admin_any),
        Route("admin_api_images", "get", lambda w: "/admin/api/main/images/", admin_any),
        Route("tag_autocomplete", "get", _r("wagtailadmin_tag_autocomplete", query="?term=a"), admin_any),
        # --- Admin: documents and images -------------------------------------------------------
        Route("documents_index", "get", _r("wagtaildocs:index"), content),
        Route("documents_results", "get", _r("wagtaildocs:index_results", query="?q=kurs"), content),
        Route("documents_add", "get", _r("wagtaildocs:add"), content),
        Route("document_edit", "get", _r("wagtaildocs:edit", O("document")), content),
        Route("document_delete", "get", _r("wagtaildocs:delete", O("document")), content),
        Route("document_usage", "get", _r("wagtaildocs:document_usage", O("document")), content),
        Route("document_chooser", "get", _r("wagtaildocs_chooser:choose"), admin_any),
        Route("document_chooser_results", "get", _r("wagtaildocs_chooser:choose_results", query="?q=kurs"), admin_any),
        Route("images_index", "get", _r("wagtailimages:index"), content),
        Route("images_results", "get", _r("wagtailimages:index_results", query="?q=bild"), content),
        Route("images_add", "get", _r("wagtailimages:add"), content),
        Route("image_edit", "get", _r("wagtailimages:edit", O("image")), content),
        Route("image_delete", "get", _r("wagtailimages:delete", O("image")), content),
        Route("image_usage", "get", _r("wagtailimages:image_usage", O("image")), content),
        Route("image_chooser", "get", _r("wagtailimages_chooser:choose"), admin_any),
        Route("image_chooser_results", "get", _r("wagtailimages_chooser:choose_results", query="?q=bild"), admin_any),
    ]


# --- Webcasts (issue 15) ---------------------------------------------------------------------------

WEBCAST_MODERATORS = ("group_facilitator", "administrator")


def _webcast_viewer_names(role):
    """A viewer page shows the asker who chose to show their name; a moderator also sees the anonymous one."""
    return {WEBCAST_NAMED_ASKER} | ({WEBCAST_ANONYMOUS_ASKER} if role in WEBCAST_MODERATORS else set())


def _anonymous_asker_hidden(text, role, world):
    """The anonymous asker is hidden from every viewer, their own manager included; moderators see who."""
    marker = BY_CODE[WEBCAST_ANONYMOUS_ASKER].last_name
    if role in WEBCAST_MODERATORS or ROLE_PERSON[role] == WEBCAST_ANONYMOUS_ASKER:
        return []
    return [f"the anonymous asker {marker}"] if marker.lower() in text.lower() else []


def _webcast_question_count(count):
    def guard(world, role):
        from webcasts.models import Question

        n = Question.objects.filter(webcast_id=world.obj["webcast_live"]).count()
        return None if n == count else f"{n} questions on the live webcast, had {count}"

    return guard


def _registration_of(code, status):
    def guard(world, role):
        from webcasts.models import Registration

        now = Registration.objects.filter(webcast_id=world.obj["webcast_up"], user_id=world.pk[code]).first()
        got = now.status if now else None
        return None if got == status else f"{code}'s registration is {got}, was {status}"

    return guard


def _webcast_routes():
    up, live, past = O("webcast_up"), O("webcast_live"), O("webcast_past")
    moderators = site(WEBCAST_MODERATORS)
    viewer = {"shows_names": _webcast_viewer_names, "check": _anonymous_asker_hidden}
    moderator = {"shows_names": _webcast_viewer_names}
    return [
        # Pages: public like the rest of the site.
        Route("webcast_index_page", "get", lambda w: w.webcast_urls["index"], everyone("200")),
        Route("webcast_series_page", "get", lambda w: w.webcast_urls["series"], everyone("200")),
        Route("webcast_live_page", "get", lambda w: w.webcast_urls["live"], everyone("200"), **viewer),
        Route("webcast_past_page", "get", lambda w: w.webcast_urls["past"], everyone("200"), **viewer),
        Route("webcast_ics", "get", _r("webcast_ics", up), everyone("200")),
        # Registration: one's own; a manager for their organisation's people.
        Route(
            "webcast_register",
            "post",
            _r("webcast_register", up),
            signed_in("302>page"),
            guard=_registration_of("hl", "registered"),
        ),
        Route("webcast_cancel", "post", _r("webcast_cancel", up), signed_in("302>page"), may_change=("learner",)),
        Route(
            "webcast_registration_cancel",
            "post",
            _r("webcast_registration_cancel", O("registration_hl")),
            site(("learner", "manager", "manager_editor", "administrator"), "302>page"),
            guard=_registration_of("hl", "registered"),
            may_change=("learner", "manager", "manager_editor", "administrator"),
        ),
        Route(
            "webcast_register_people",
            "get",
            _r("webcast_register_people", up),
            site(("manager", "other_org_manager", "manager_editor", "administrator")),
        ),
        Route(
            "webcast_register_people_other_org",
            "post",
            _r("webcast_register_people", up),
            # The answer is a report of who was registered and who was not found among one's people.
            site(("manager", "other_org_manager", "manager_editor", "administrator")),
            data=lambda w: {"people": [w.pk["s02"]], "confirm": "1"},
            guard=lambda w, role: _registration_of("s02", None)(w, role),
            may_change=("other_org_manager", "administrator"),
        ),
        # Live: signed-in viewers; the moderator screen for the webcast's moderators only (404 for others).
        Route("webcast_live_json", "get", _r("webcast_live_json", live), signed_in("200", "403"), **viewer),
        Route(
            "webcast_ask_empty",
            "post",
            _r("webcast_ask", live),
            signed_in("302>page"),
            data={"text": "  "},
            guard=_webcast_question_count(2),
        ),
        Route(
            "webcast_question_vote",
            "post",
            _r("webcast_question_vote", live, O("webcast_question_live")),
            signed_in("302>page"),
        ),
        Route(
            "webcast_poll_vote",
            "post",
            _r("webcast_poll_vote", live, O("webcast_poll")),
            signed_in("302>page"),
            data=lambda w: {"option": w.obj["webcast_option"]},
        ),
        Route("webcast_moderate", "get", _r("webcast_moderate", live), moderators, **moderator),
        Route(
            "webcast_moderate_status",
            "get",
            _r("webcast_moderate_status", live),
            override(moderators, anonymous="403", inactive="403"),  # JSON: a sentence, not the login page
            **moderator,
        ),
        Route(
            "webcast_moderate_question",
            "post",
            _r("webcast_moderate_question", live, O("webcast_question_live")),
            site(WEBCAST_MODERATORS, "302>page"),
            data={"action": "pin"},
        ),
        Route(
            "webcast_moderate_poll",
            "post",
            _r("webcast_moderate_poll", live, O("webcast_poll")),
            site(WEBCAST_MODERATORS, "302>page"),
            data={"status": "closed"},
        ),
        Route(
            "webcast_export_questions",
            "get",
            _r("webcast_export_questions", past, query="?format=csv"),
            moderators,
            shows_names=lambda role: {WEBCAST_NAMED_ASKER},
            check=_anonymous_asker_hidden,
        ),
        Route(
            "webcast_export_questions_live",
            "get",
            _r("webcast_export_questions", live, query="?format=csv"),
            site(WEBCAST_MODERATORS, "409"),
        ),
        Route("webcast_export_polls", "get", _r("webcast_export_polls", past, query="?format=xlsx"), moderators),
        # Attendance: the beacon of a signed-in viewer.
        Route(
            "webcast_heartbeat",
            "post",
            _r("webcast_heartbeat", live),
            signed_in("204", "403"),
            data={"kind": "live"},
        ),
        # The personal calendar feed: a page of one's own; the feed itself by secret token only.
        Route("calendar_feed", "get", _r("calendar_feed"), signed_in("200")),
        Route("calendar_feed_ics_guess", "get", _r("calendar_feed_ics", "gissad-token-0000"), everyone("404")),
        # Admin reports: names for managers (own organisation) and administrators; figures for more.
        Route("webcasts_admin_reach", "get", _r("webcasts_admin_reach"), admin(FIGURE_VIEWERS)),
        Route(
            "webcasts_admin_reach_xlsx",
            "get",
            _r("webcasts_admin_reach", query="?format=xlsx"),
            admin(FIGURE_VIEWERS),
        ),
        Route("webcasts_admin_attendance", "get", _r("webcasts_admin_attendance"), admin(REPORT_VIEWERS)),
        Route(
            "webcasts_admin_attendance_csv",
            "get",
            _r("webcasts_admin_attendance", query="?format=csv"),
            admin(REPORT_VIEWERS),
        ),
        Route("webcasts_admin_report", "get", _r("webcasts_admin_report", past), admin(FIGURE_VIEWERS)),
        Route(
            "webcasts_admin_report_names_csv",
            "get",
            _r("webcasts_admin_report", past, query="?export=names&format=csv"),
            admin(REPORT_VIEWERS),
        ),
    ]


# --- Maturity and rollout (issue 16) ------------------------------------------------------------

MANAGERS_WITH_ORG = ("manager", "other_org_manager", "manager_editor", "administrator")
H_FIGURES = ("manager", "manager_editor", "editor", "programme_owner", "administrator")
S_FIGURES = ("other_org_manager", "manager_editor", "editor", "programme_owner", "administrator")


def _no_names(text, role, world):
    """Maturity and rollout pages show figures, never a person: only the viewer's own name (the header)."""
    me = ROLE_PERSON[role]
    lowered = text.lower()
    return [
        f"the name of {p.code}"
        for p in PEOPLE
        if p.code != me and p.org != STAFF and (p.last_name.lower() in lowered or p.email.lower() in lowered)
    ]


def _answers_of(code, count):
    def guard(world, role):
        from maturity.models import Answer

        got = Answer.objects.filter(round_id=world.obj["round_h"], respondent__user_id=world.pk[code]).count()
        return None if got == count else f"{code} has {got} answers, had {count}"

    return guard


def _round_state(key, opened, reminders=0):
    def guard(world, role):
        from maturity.models import Round

        round_ = Round.objects.get(pk=world.obj[key])
        if (round_.opened_at is not None) != opened or round_.closed_at is not None:
            return f"round {key} opened={round_.opened_at} closed={round_.closed_at}"
        sent = round_.mails.filter(kind="reminder").count()
        return None if sent == reminders else f"{sent} reminders queued"

    return guard


def _no_new_round(world, role):
    from maturity.models import Round

    return None if Round.objects.count() == 3 else "a round was created"


def _exists(model_path, key):
    def guard(world, role):
        from django.apps import apps

        model = apps.get_model(model_path)
        return None if model.objects.filter(pk=world.obj[key]).exists() else f"{key} was deleted"

    return guard


def _phase_unchanged(key, position):
    def guard(world, role):
        from rollout.models import Phase

        phase = Phase.objects.get(pk=world.obj[key])
        if phase.position != position or phase.started_at is not None:
            return f"phase {key} at {phase.position}, started {phase.started_at}"
        return None

    return guard


def _maturity_routes():
    managers = site(MANAGERS_WITH_ORG)
    figures = {"check": _no_names}
    instrument = O("instrument")
    return [
        Route("maturity_home", "get", _r("maturity_home"), signed_in("200"), **figures),
        Route("maturity_round_create", "get", _r("maturity_round_create"), managers),
        Route(
            "maturity_round_create_other_department",
            "post",
            _r("maturity_round_create"),
            # Another organisation's department answers 404; one's own gives the count (preview).
            override(site(MANAGERS_WITH_ORG), manager="404", manager_editor="404"),
            data=lambda w: {
                "title": "Ny mätning",
                "instrument": w.obj["instrument"],
                "closes_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
                "audience": "departments",
                "departments": [w.obj["department_s"]],
                "organisation": w.obj["org_s"],
                "preview": "1",
            },
            guard=_no_new_round,
        ),
        Route("maturity_round_h", "get", _r("maturity_round", O("round_h")), site(H_FIGURES), **figures),
        Route("maturity_round_s", "get", _r("maturity_round", O("round_s")), site(S_FIGURES), **figures),
        Route(
            "maturity_round_invite",
            "post",
            _r("maturity_round_invite", O("round_draft_h")),
            site(H_MANAGERS, "302>page"),
            guard=_round_state("round_draft_h", opened=False),
            may_change=H_MANAGERS,
        ),
        Route(
            "maturity_round_remind",
            "post",
            _r("maturity_round_remind", O("round_h")),
            site(H_MANAGERS, "302>page"),
            guard=_round_state("round_h", opened=True),
            may_change=H_MANAGERS,
        ),
        Route(
            "maturity_round_close",
            "post",
            _r("maturity_round_close", O("round_s")),
            site(S_MANAGERS, "302>page"),
            guard=_round_state("round_s", opened=True),
            may_change=S_MANAGERS,
        ),
        # Answering and one's own answers: the respondent only; no one else, administrators included.
        Route("maturity_answer", "get", _r("maturity_answer", O("round_h")), site(("learner",)), **figures),
        Route(
            "maturity_answer_post",
            "post",
            _r("maturity_answer", O("round_h")),
            site(("learner",), "302>page"),
            data=lambda w: {f"s_{w.obj['statement']}": "6", "action": "later"},
            guard=_answers_of("hl", 12),
        ),
        Route("maturity_my_answers", "get", _r("maturity_my_answers", O("round_h")), site(("learner",)), **figures),
        Route("maturity_results_h", "get", _r("maturity_results", O("round_h")), site(H_FIGURES), **figures),
        Route(
            "maturity_results_s_xlsx",
            "get",
            _r("maturity_results", O("round_s"), query="?format=xlsx"),
            site(S_FIGURES),
            **figures,
        ),
        Route("maturity_selections", "get", _r("maturity_selections"), managers, **figures),
        Route(
            "maturity_selection_delete",
            "post",
            _r("maturity_selection_delete", O("selection_s")),
            site(S_MANAGERS, "302>page"),
            guard=_exists("accounts.Selection", "selection_s"),
            may_change=S_MANAGERS,
        ),
        # The survey in the admin: editors write it.
        Route("maturity_instrument_list", "get", _r("wagtailsnippets_maturity_instrument:list"), admin(EDITORS)),
        Route("maturity_instrument_add", "get", _r("wagtailsnippets_maturity_instrument:add"), admin(EDITORS)),
        Route(
            "maturity_instrument_edit",
            "get",
            _r("wagtailsnippets_maturity_instrument:edit", instrument),
            admin(EDITORS),
        ),
        Route(
            "maturity_instrument_history",
            "get",
            _r("wagtailsnippets_maturity_instrument:history", instrument),
            admin(EDITORS),
        ),
        Route(
            "maturity_instrument_results",
            "get",
            _r("wagtailsnippets_maturity_instrument:list_results"),
            admin(EDITORS),
        ),
        Route(
            "maturity_instrument_usage",
            "get",
            _r("wagtailsnippets_maturity_instrument:usage", instrument),
            admin(EDITORS),
        ),
        Route(
            "maturity_instrument_copy",
            "get",
            _r("wagtailsnippets_maturity_instrument:copy", instrument),
            admin(EDITORS),
        ),
        Route(
            "maturity_instrument_unpublish",
            "get",
            _r("wagtailsnippets_maturity_instrument:unpublish", instrument),
            admin(EDITORS),
        ),
        Route(
            "maturity_instrument_choose",
            "get",
            _r("wagtailsnippetchoosers_maturity_instrument:choose"),
            admin(ADMIN_USERS),  # Wagtail's choosers serve every admin user; survey titles are not about people
        ),
        Route(
            "maturity_instrument_delete",
            "post",
            _r("wagtailsnippets_maturity_instrument:delete", instrument),
            # Used by rounds: refused with a message for those who may delete; refused for the others.
            admin(EDITORS, "302>page"),
            guard=_exists("maturity.Instrument", "instrument"),
        ),
    ]


def _rollout_routes():
    managers = site(MANAGERS_WITH_ORG)
    plan_h, plan_s, phase_h, phase_s = O("plan_h"), O("plan_s"), O("phase_h"), O("phase_s")
    names = {"check": _no_names}
    return [
        Route("rollout_plans", "get", _r("rollout_plans"), managers, **names),
        Route("rollout_plan_create", "get", _r("rollout_plan_create"), managers),
        Route("rollout_plan_h", "get", _r("rollout_plan", plan_h), site(H_MANAGERS), **names),
        Route("rollout_plan_edit_s", "get", _r("rollout_plan_edit", plan_s), site(S_MANAGERS)),
        Route("rollout_checklist_h", "get", _r("rollout_checklist", plan_h), site(H_MANAGERS), **names),
        Route("rollout_phase_create_h", "get", _r("rollout_phase_create", plan_h), site(H_MANAGERS)),
        Route("rollout_phase_edit_s", "get", _r("rollout_phase_edit", plan_s, phase_s), site(S_MANAGERS)),
        # A phase of another plan than the one in the address: 404 for everyone.
        Route("rollout_phase_edit_mismatch", "get", _r("rollout_phase_edit", plan_h, phase_s), site(())),
        Route(
            "rollout_phase_delete_s",
            "post",
            _r("rollout_phase_delete", plan_s, phase_s),
            site(S_MANAGERS, "302>page"),
            guard=_exists("rollout.Phase", "phase_s"),
            may_change=S_MANAGERS,
        ),
        Route(
            "rollout_phase_move_h",
            "post",
            _r("rollout_phase_move", plan_h, phase_h),
            site(H_MANAGERS, "302>page"),
            data={"direction": "down"},
            guard=_phase_unchanged("phase_h", 1),
            may_change=H_MANAGERS,
        ),
        Route("rollout_phase_start_h", "get", _r("rollout_phase_start", plan_h, phase_h), site(H_MANAGERS), **names),
        Route(
            "rollout_phase_start_s",
            "post",
            _r("rollout_phase_start", plan_s, phase_s),
            site(S_MANAGERS, "302>page"),
            guard=_phase_unchanged("phase_s", 1),
            may_change=S_MANAGERS,
        ),
        Route(
            "rollout_communication_create_h",
            "get",
            _r("rollout_communication_create", plan_h, phase_h),
            site(H_MANAGERS),
        ),
        Route(
            "rollout_communication_edit_s",
            "get",
            _r("rollout_communication_edit", plan_s, O("item_s")),
            site(S_MANAGERS),
        ),
        Route(
            "rollout_communication_delete_h",
            "post",
            _r("rollout_communication_delete", plan_h, O("item_h")),
            site(H_MANAGERS, "302>page"),
            guard=_exists("rollout.CommunicationItem", "item_h"),
            may_change=H_MANAGERS,
        ),
    ]


def _booking_of(code, status):
    def guard(world, role):
        from programmes.models import Booking

        booking = Booking.objects.filter(user_id=world.pk[code]).order_by("pk").first()
        if booking is None or booking.status != status:
            return f"the booking of {code} is now {booking.status if booking else 'gone'}"
        return None

    return guard


def _attendance_unchanged(world, role):
    from programmes.models import SessionAttendance

    present = SessionAttendance.objects.filter(session_id=world.obj["session_h"], present=True).count()
    return None if present == len(COHORT_PARTICIPANTS) else f"{present} marked present"


def _submission_status(status):
    def guard(world, role):
        from programmes.models import Submission

        now = Submission.objects.get(pk=world.obj["submission_hl"]).status
        return None if now == status else f"the assignment of hl is now {now}"

    return guard


def _certificate_valid(world, role):
    from programmes.models import Certificate

    return "revoked" if Certificate.objects.get(pk=world.obj["certificate"]).revoked else None


def _no_new_submission(world, role):
    from programmes.models import SubmissionVersion

    count = SubmissionVersion.objects.count()
    return None if count == len(SUBMISSIONS) else f"{count} versions"


def _programme_routes():
    kh, k2 = O("cohort_h"), O("cohort_other")
    teacher = ("teacher", "administrator")
    booked = tuple(r for r in ROLES if ROLE_PERSON[r] in COHORT_PARTICIPANTS)
    participants = booked + ("administrator",)
    names = {"check": _no_names}
    certificate_holder = lambda role: [CERTIFICATE_HOLDER]  # noqa: E731
    return [
        Route("programme_page", "get", lambda w: w.programme_url, everyone("200")),
        Route(
            "programme_book",
            "post",
            _r("programme_book", kh),
            signed_in("302>page"),
            may_change=ROLES,
        ),
        Route(
            "programme_cancel_other_cohort",
            "post",
            _r("programme_cancel", k2),
            signed_in("302>page"),
            guard=_booking_of("s02", "waiting"),
            may_change=("other_org_learner",),
        ),
        Route(
            "programme_book_people",
            "get",
            _r("programme_book_people", kh),
            site(MANAGERS_WITH_ORG),
        ),
        Route(
            "programme_booking_cancel_s02",
            "post",
            _r("programme_booking_cancel", O("booking_s02")),
            site(S_MANAGERS, "302>page"),
            guard=_booking_of("s02", "waiting"),
            may_change=S_MANAGERS,
        ),
        Route("programme_bookings", "get", _r("programme_bookings"), site(MANAGERS_WITH_ORG)),
        Route(
            "programme_bookings_xlsx",
            "get",
            _r("programme_bookings", query="?format=xlsx"),
            site(MANAGERS_WITH_ORG),
        ),
        # The sessions of one's own booked place, or of the cohort one teaches (and administrators).
        Route("programme_cohort_ics", "get", _r("programme_cohort_ics", kh), site(participants + ("teacher",))),
        Route("programme_mine", "get", _r("programme_mine"), signed_in("200")),
        Route("programme_teaching", "get", _r("programme_teaching"), site(teacher)),
        Route("programme_teaching_cohort", "get", _r("programme_teaching_cohort", kh), site(teacher)),
        Route("programme_teaching_other_cohort", "get", _r("programme_teaching_cohort", k2), site(ADMIN)),
        Route("programme_roll_call", "get", _r("programme_roll_call", kh, O("session_h")), site(teacher)),
        Route(
            "programme_roll_call_post",
            "post",
            _r("programme_roll_call", kh, O("session_h")),
            site(teacher, "302>page"),
            data={"present": []},
            guard=_attendance_unchanged,
            may_change=teacher,
        ),
        Route(
            "programme_roll_call_mismatch",
            "get",
            _r("programme_roll_call", kh, O("session_other")),
            site(()),
        ),
        # The participant may read their own submission, but not review it: 403, not 404.
        Route(
            "programme_review",
            "get",
            _r("programme_review", O("submission_hl")),
            override(site(teacher), learner="403"),
        ),
        Route(
            "programme_review_post",
            "post",
            _r("programme_review", O("submission_hl")),
            override(site(teacher, "302>page"), learner="403"),
            data=lambda w: {"decision": "approved", "text": "Bra!", "version": w.obj["version_hl"]},
            guard=_submission_status("submitted"),
            may_change=teacher,
        ),
        # A participant's own pages: nobody else's, an administrator's neither (teachers have theirs).
        Route("programme_participant_cohort", "get", _r("programme_participant_cohort", kh), site(booked)),
        Route("programme_assignment", "get", _r("programme_assignment", kh), site(booked)),
        Route(
            "programme_assignment_post",
            "post",
            _r("programme_assignment", kh),
            site(booked, "302>page"),
            data={"text": "Ny version"},
            guard=_no_new_submission,
            may_change=booked,
        ),
        # Approved assignments are shared in the cohort by the teacher's choice, with their authors' names.
        Route(
            "programme_shared_assignments",
            "get",
            _r("programme_shared_assignments", kh),
            site(booked),
            shows_names=lambda role: ["h01"],
        ),
        Route(
            "programme_assignment_file_hl",
            "get",
            _r("programme_assignment_file", O("version_hl")),
            site(("learner", *teacher)),
        ),
        Route(
            "programme_assignment_file_h01",
            "get",
            _r("programme_assignment_file", O("version_h01")),
            site(participants + ("teacher",)),
        ),
        Route(
            "programme_cohort_certificates",
            "get",
            _r("programme_cohort_certificates", kh),
            site(teacher),
            shows_names=certificate_holder,
        ),
        Route(
            "programme_certificate_download",
            "get",
            _r("programme_certificate_download", O("certificate")),
            site(teacher),
        ),
        Route(
            "programme_certificate_revoke",
            "post",
            _r("programme_certificate_revoke", O("certificate")),
            site(teacher, "302>page"),
            data={"reason": "Fel person"},
            guard=_certificate_valid,
            may_change=teacher,
        ),
        Route("programme_verify", "get", _r("programme_verify"), everyone("200")),
        Route(
            "programme_verify_code",
            "get",
            _r("programme_verify_code", CERTIFICATE_CODE),
            everyone("200"),
            shows_names=certificate_holder,
        ),
        Route("programme_verify_unknown", "get", _r("programme_verify_code", "KL-ZZZZ-9999"), everyone("404")),
        Route("reach_dashboard", "get", _r("reach_dashboard"), site(FIGURE_VIEWERS), **names),
        Route(
            "reach_export",
            "get",
            _r("reach_export", query="?format=xlsx"),
            site(FIGURE_VIEWERS),
            **names,
        ),
        Route("reach_targets", "get", _r("reach_targets"), site(("programme_owner", "administrator"))),
    ]


def _no_new_form_submission(world, role):
    from home.models import FormPageSubmission

    count = FormPageSubmission.objects.count()
    return None if count == 1 else f"{count} form submissions"


def _url(name, suffix=""):
    return lambda w: w.urls[name] + suffix


FEEDBACK_READERS = ("editor", "manager_editor", "reviewer", "administrator")


def _publishing_routes():
    content = admin(EDITORS)
    solution_h_editors = EDITORS + ("solution_editor",)
    return [
        # --- The public site: news, the challenge, forms, page feedback, robots and sitemap --------
        Route("news_index", "get", _url("news"), everyone("200")),
        Route("news_index_page_2", "get", _url("news", "?sida=abc"), everyone("200")),
        Route("news_year", "get", _url("news", "2026/"), everyone("200")),
        Route("news_year_empty", "get", _url("news", "1999/"), everyone("404")),
        Route("news_tag", "get", _url("news", "amne/ledarprogram/"), everyone("200")),
        Route("news_tag_unknown", "get", _url("news", "amne/finns-inte/"), everyone("404")),
        Route("news_rss", "get", _url("news", "rss/"), everyone("200")),
        Route("news_atom", "get", _url("news", "atom/"), everyone("200")),
        Route("news_article", "get", _url("article"), everyone("200")),
        Route("challenge_page", "get", _url("challenge"), everyone("200")),
        Route(
            "challenge_filtered",
            "get",
            lambda w: w.urls["challenge"] + f"?organisation={w.obj['org_h']}&tag=finns-inte",
            everyone("200"),
        ),
        Route("challenge_bad_filter", "get", _url("challenge", "?organisation=abc"), everyone("200")),
        Route("challenge_part", "get", _url("part_h"), everyone("302>page")),
        Route("solution_page", "get", _url("solution_h"), everyone("200")),
        Route("form_page", "get", _url("form"), everyone("200")),
        # Posted without the form's signed token (a bot): refused, nothing stored.
        Route(
            "form_page_post_bot",
            "post",
            _url("form"),
            everyone("400"),
            data={"meddelande": "Hej"},
            guard=_no_new_form_submission,
        ),
        Route(
            "page_feedback",
            "post",
            _r("page_feedback", O("solution_h")),
            everyone("303>page"),
            data={"helpful": "yes"},
            may_change=ROLES,
        ),
        Route("page_feedback_unknown", "post", _r("page_feedback", 999999), everyone("404"), data={"helpful": "yes"}),
        Route("page_feedback_get", "get", _r("page_feedback", O("solution_h")), everyone("405")),
        Route("robots_txt", "get", _r("robots_txt"), everyone("200")),
        Route("sitemap", "get", _r("sitemap"), everyone("200")),
        # --- Admin: page feedback report, form submissions, contact people, promotions ----------
        Route("feedback_report", "get", _r("feedback_report"), admin(FEEDBACK_READERS)),
        Route("feedback_page_report", "get", _r("feedback_page_report", O("solution_h")), admin(FEEDBACK_READERS)),
        Route("feedback_export", "get", _r("feedback_export", query="?format=xlsx"), admin(FEEDBACK_READERS)),
        Route("form_submissions", "get", _r("wagtailforms:list_submissions", O("form")), content),
        Route(
            "form_submissions_xlsx",
            "get",
            _r("wagtailforms:list_submissions", O("form"), query="?export=xlsx"),
            content,
        ),
        # An admin user who may not read the form's submissions gets 404: the attachment's existence does not leak.
        Route("form_attachment", "get", _r("form_attachment", O("form_submission")), admin(EDITORS, refused="404")),
        Route("contact_people", "get", _r("wagtailsnippets_core_contactperson:list"), content),
        Route("search_promotions", "get", _r("wagtailsearchpromotions:index"), content),
        # --- Admin: a municipality's solution editor writes only under its own part --------------
        Route(
            "solution_add_own_part",
            "get",
            _r("wagtailadmin_pages:add", "challenges", "solutionpage", O("part_h")),
            admin(solution_h_editors),
        ),
        Route(
            "solution_add_other_part",
            "get",
            _r("wagtailadmin_pages:add", "challenges", "solutionpage", O("part_s")),
            content,
        ),
        Route("solution_edit_own", "get", _r("wagtailadmin_pages:edit", O("solution_h")), admin(solution_h_editors)),
        Route("solution_edit_other", "get", _r("wagtailadmin_pages:edit", O("solution_s")), content),
        Route(
            "challenge_add_part",
            "get",
            _r("wagtailadmin_pages:add", "challenges", "organisationsolutionspage", O("challenge")),
            content,
        ),
    ]


# What a solution editor (issue 18) gets on Wagtail's own content screens of the earlier tables: add/change
# on H's part and the right to upload images and documents, so the explorer takes them to that part. The
# reviewer holds no page permission (approving publishes: accounts/workflow_actions.py), so only
# the screens that list pages open, showing none they may act on.
EXPLORER = {"solution_editor": "302>page"}
PAGE_SCREENS = {"solution_editor": "200"}
CONTENT_ROLE_ANSWERS = {
    "aging_pages": PAGE_SCREENS,
    "aging_pages_results": PAGE_SCREENS,
    "page_types_usage": PAGE_SCREENS,
    "page_type_use": PAGE_SCREENS,
    "workflow_report": PAGE_SCREENS,
    "workflow_tasks_report": PAGE_SCREENS,
    "pages_search": PAGE_SCREENS,
    "pages_search_results": PAGE_SCREENS,
    "forms_index": PAGE_SCREENS,  # the list of forms they may open: none
    "pages_explore_root": EXPLORER,
    "pages_explore_course": EXPLORER,
    "pages_explore_course_results": EXPLORER,
    "documents_index": PAGE_SCREENS,
    "documents_results": PAGE_SCREENS,
    "documents_add": PAGE_SCREENS,
    "images_index": PAGE_SCREENS,
    "images_results": PAGE_SCREENS,
    "images_add": PAGE_SCREENS,
}


def _with_content_roles(routes):
    return [
        dataclasses.replace(route, expect={**route.expect, **CONTENT_ROLE_ANSWERS[route.key]})
        if route.key in CONTENT_ROLE_ANSWERS
        else route
        for route in routes
    ]


ROUTES = _with_content_roles(
    _routes() + _webcast_routes() + _maturity_routes() + _rollout_routes() + _programme_routes() + _publishing_routes()
)


# ---------------------------------------------------------------------------------------------
# Running a row
# ---------------------------------------------------------------------------------------------

LOGIN_PATHS = ("/konto/login/", "/admin/login/")


def outcome(response):
    """The answer as the table writes it, and where a redirect went."""
    status = response.status_code
    if status not in (301, 302, 303):
        return str(status), ""
    location = response["Location"]
    if location.startswith(LOGIN_PATHS):
        return f"{status}>login", location
    if location == "/admin/":
        return f"{status}>admin", location
    return f"{status}>page", location


def body_text(response):
    """The body as text: HTML and JSON unescaped, CSV decoded, XLSX read cell by cell."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:4] == b"PK\x03\x04":
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            ";".join("" if value is None else str(value) for value in row)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    text = content.decode("utf-8-sig", errors="replace")
    if "json" in response.get("Content-Type", ""):
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text)


_FORBIDDEN = {}


def leaks(text, role):
    if role not in _FORBIDDEN:
        _FORBIDDEN[role] = forbidden_markers(role)
    lowered = text.lower()
    return sorted({why for marker, why in _FORBIDDEN[role].items() if marker in lowered})


def run_row(world, route, role):
    """Request the route as the role; return (url, answer, location, problems)."""
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    url = route.url(world)
    data = route.data(world) if callable(route.data) else route.data
    response = client.post(url, data or {}) if route.method == "post" else client.get(url)
    answer, location = outcome(response)
    text = body_text(response)
    problems = []
    if response.status_code >= 500:
        error = getattr(response, "exc_info", None)
        problems.append(f"server error {error[1]!r}" if error else "server error")
    found = leaks(text, role)
    if route.shows_names:
        allowed = {f"{kind} of {code}" for code in route.shows_names(role) for kind in ("name", "e-mail")}
        found = [why for why in found if why not in allowed]
    if found:
        problems.append("shows " + ", ".join(found))
    if route.check and response.status_code == 200:
        problems += route.check(text, role, world)
    if route.guard and role not in route.may_change:
        problem = route.guard(world, role)
        if problem:
            problems.append(f"changed: {problem}")
    if os.environ.get("PERMISSION_TABLE_DUMP"):  # for reading what a row showed: a folder to write to
        folder = os.environ["PERMISSION_TABLE_DUMP"]
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{route.key}__{role}.txt"), "w") as f:
            f.write(text)
    return url, answer, location, problems


# ---------------------------------------------------------------------------------------------
# What the app gets wrong today (each an xfail(strict=True): fix the app, then delete the entry)
# ---------------------------------------------------------------------------------------------

_USERS_HISTORY_500 = (
    "500: accounts/viewsets.py ScopedUsersMixin.get_queryset replaces the log-entry/usage queryset of "
    "Wagtail's HistoryView/UsageView with users (AttributeError user_display_name / cannot unpack User)"
)
_ORG_HISTORY = (
    "LEAK: accounts/wagtail_hooks.py OrganisationAdmin.history_view is neither scoped nor permission-checked "
    "(workshops' ScopedModelAdmin._in_scope is): {why}; the history names who changed it"
)
_BULK = (
    "MINOR: Wagtail's bulk-action confirmation renders (200) for an admin user without any permission on the "
    "model and shows the title of any id (page/document/image); expected a refusal like the listing. Fix in "
    "core/wagtail_hooks.py: re-register these bulk actions with a permission check in dispatch (Wagtail's "
    "before_bulk_action hook runs on POST only)"
)

KNOWN = {}


def _rows():
    for route in ROUTES:
        for role in ROLES:
            marks = []
            reason = KNOWN.get((route.key, role))
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            yield pytest.param(route, role, id=f"{route.method.upper()} {route.key} as {role}", marks=marks)


def test_every_row_is_known():
    """KNOWN names only rows that exist, and every route has an answer for every role."""
    keys = {route.key for route in ROUTES}
    assert len(keys) == len(ROUTES), "route keys are unique"
    assert {key for key, _role in KNOWN} <= keys
    assert set(CONTENT_ROLE_ANSWERS) <= keys
    assert {role for _key, role in KNOWN} <= set(ROLES)
    for route in ROUTES:
        assert set(route.expect) == set(ROLES), route.key


@pytest.mark.parametrize(("route", "role"), list(_rows()))
def test_permission_table(world, db, route, role):
    url, answer, location, problems = run_row(world, route, role)
    expected = route.expect[role]
    allowed = {expected} if isinstance(expected, str) else set(expected)
    where = f" ({location})" if location else ""
    assert answer in allowed and not problems, (
        f"{route.method.upper()} {url} as {role}: expected {expected}, got {answer}{where}; " + "; ".join(problems)
    )
