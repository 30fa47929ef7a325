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
owner (H); inactive user (an H manager marked as left); administrator.

Routes deliberately left out (``python -c`` over ``django.urls.get_resolver()`` lists 274):
- Wagtail's static and JavaScript endpoints: ``admin/sprite/``, ``admin/jsi18n/``,
  ``admin/modeladmin/jsi18n/``, the catch-all ``admin/^.*/$`` and ``admin/test404/``,
  ``admin/failwhale/`` (an error test page): no data.
- Image renditions and previews (``admin/images/<id>/preview/<filter>/``,
  ``.../generate_url/output/``): the same permission as the image edit view, which is covered.
- Multi-upload endpoints of documents and images (``multiple/...``, ``create_from_uploaded...``,
  ``delete_upload``) and the choosers' ``chosen``/``create``/``select_format`` steps: they need an
  upload in flight; the same permission as add/edit, which are covered.
- Editing-session ``ping``/``release``, ``dismissibles``, ``block-preview``, page and setting
  ``preview`` endpoints, ``workflow`` actions and task choosers: they hold no personal data, need a
  live editing session or workflow state, and share the permission of page edit (covered).
- Password-reset confirmation with a real token, e-mail confirmation with a real key, the
  view-restriction password forms (``_util/authenticate_with_password``,
  ``documents/authenticate_with_password``): they need a token or restriction; covered with a
  bogus key where a route exists.
- Wagtail's admin API (``admin/api/main/...``) beyond the page listing, and pages/collections
  ``privacy``/``move_confirm``/``set_position``/revisions ``revert``/``compare``/``unschedule``:
  page-tree content, no personal data; the listing and the page edit, history and revisions
  views cover their permission.
- Form submissions (``admin/forms/submissions/...``): the site has no form page type; the forms
  index is covered.
- Redirect add/edit/import, site add/copy, workflow and task add/edit: administrator-only
  configuration; their index views are covered.
"""

import csv
import datetime
import html
import io
import json
import re
import tempfile
from dataclasses import dataclass, field
from types import SimpleNamespace

import openpyxl
import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.roles import ADMINISTRATOR, EDITOR, FACILITATOR, MANAGER, PROGRAMME_OWNER, ensure_roles, group_for
from core.pagetree import ensure_child_page
from elearning import services as learning
from elearning.models import CourseIndexPage, CoursePage
from home.setup import ensure_site
from tests.builders import complete, make_module
from tests.factories import PASSWORD, DepartmentFactory, OrganisationFactory, UserFactory
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

    @property
    def markers(self):
        return [self.last_name.lower(), self.email.lower()]


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

# Org-level markers: titles and names that belong to one organisation (and group).
ORG_MARKERS = {
    "wh": ("Chefsdag Mrkwhz", H, None),
    "gh1": ("Bord Mrkgh1z", H, "gh1"),
    "gh2": ("Bord Mrkgh2z", H, "gh2"),
    "dh": ("Forvaltning Mrkdhz", H, None),
    "ws": ("Ledardag Mrkwsz", S, None),
    "gs1": ("Bord Mrkgs1z", S, "gs1"),
    "ds": ("Forvaltning Mrkdsz", S, None),
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


# Who may see whom (by name), by the access rules of accounts.scoping.
def visible_people(role):
    code = ROLE_PERSON[role]
    org_people = {org: {p.code for p in PEOPLE if p.org == org} for org in (H, S)}
    if role in ("anonymous", "inactive"):
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
    for key, (text, org, _group) in ORG_MARKERS.items():
        if key not in visible_org_markers(role):
            forbidden[text.split()[-1].lower()] = f"{org} {key} ({text})"
    return forbidden


@dataclass
class World:
    pk: dict = field(default_factory=dict)  # person code -> user pk
    obj: dict = field(default_factory=dict)  # named object -> pk
    sessions: dict = field(default_factory=dict)  # role -> session key
    module_url: str = ""
    course_url: str = ""
    course_index_url: str = ""
    document_url: str = ""


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

    for role, code in ROLE_PERSON.items():
        if code is None:
            continue
        client = Client()
        client.force_login(users[code])
        world.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
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
# The routes
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str
    method: str
    url: object  # callable(world) -> str
    data: object = None  # dict, or callable(world) -> dict
    expect: object = None  # a profile: callable(role) -> expected codes
    figures: object = None  # callable(text, role, world) -> list of problems
    guard: object = None  # callable(world) -> problem or None, for roles that may not change anything
    may_change: tuple = ()  # roles for whom the guard is not checked


def _r(name, *args, query=""):
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args]) + query


def P(code):
    return lambda w: w.pk[code]


def O(name):  # noqa: E743
    return lambda w: w.obj[name]


def _question_id(module_key, kind):
    def get(w):
        from elearning.models import ModulePage

        module = ModulePage.objects.get(pk=w.obj[f"module_{module_key}"])
        return getattr(module.structure, kind)[0].id

    return get


def _routes():
    wh, ws = O("workshop_h"), O("workshop_s")
    gh1, gh2, gs1 = O("group_h1"), O("group_h2"), O("group_s1")
    ma = O("module_a")
    q_quiz, q_reflect = _question_id("a", "quiz_questions"), _question_id("a", "reflection_questions")
    return [
        # --- The public site -------------------------------------------------------------------
        Route("home", "get", lambda w: "/"),
        Route("search", "get", _r("search", query="?q=Sundsvall")),
        Route("healthz", "get", _r("healthz")),
        Route("course_list", "get", _r("course_list")),
        Route("course_index_page", "get", lambda w: w.course_index_url),
        Route("course_page", "get", lambda w: w.course_url),
        Route("module_page", "get", lambda w: w.module_url),
        Route("module_step", "get", _r("module_step", ma, 2)),
        Route("module_resume", "get", _r("module_resume", ma)),
        Route(
            "module_answer",
            "post",
            _r("module_answer", ma, 1, q_quiz),
            {"option": ["x"], "seq": "0"},
        ),
        Route("module_reflect", "post", _r("module_reflect", ma, 2, q_reflect), {"text": "Ny tanke"}),
        Route("module_start_attempt", "post", _r("module_start_attempt", ma)),
        Route("module_finish", "post", _r("module_finish", ma)),
        Route("my_learning", "get", _r("my_learning")),
        Route("profile", "get", _r("profile")),
        Route("profile_post", "post", _r("profile"), {"preferred_language": "xx"}),
        Route("my_data", "get", _r("my_data")),
        Route("my_data_export", "get", _r("my_data_export")),
        Route("delete_account", "post", _r("delete_account"), {"password": "fel-losenord", "confirm": "on"}),
        Route("set_language", "post", _r("set_language"), {"language": "sv", "next": "/"}),
        Route("workshop_list", "get", _r("workshop_list")),
        Route("readiness", "get", _r("workshop_readiness", wh)),
        Route("readiness_csv", "get", _r("workshop_readiness", wh, query="?format=csv")),
        Route("readiness_xlsx", "get", _r("workshop_readiness", wh, query="?format=xlsx")),
        Route("readiness_other_org", "get", _r("workshop_readiness", ws)),
        Route("readiness_other_org_csv", "get", _r("workshop_readiness", ws, query="?format=csv")),
        Route("kit_group1", "get", _r("facilitator_kit", wh, gh1)),
        Route("kit_group2", "get", _r("facilitator_kit", wh, gh2)),
        Route("kit_other_org", "get", _r("facilitator_kit", ws, gs1)),
        Route("kit_group_of_other_workshop", "get", _r("facilitator_kit", wh, gs1)),
        Route("remind", "post", _r("workshop_remind", wh)),
        Route("remind_other_org", "post", _r("workshop_remind", ws)),
        Route("document_serve", "get", lambda w: w.document_url),
        Route("wagtailcore_login", "get", _r("wagtailcore_login")),
        # --- allauth ---------------------------------------------------------------------------
        Route("account_login", "get", _r("account_login")),
        Route("account_logout", "get", _r("account_logout")),
        Route("account_inactive", "get", _r("account_inactive")),
        Route("account_signup", "get", _r("account_signup")),
        Route("account_reauthenticate", "get", _r("account_reauthenticate")),
        Route("account_email", "get", _r("account_email")),
        Route("account_email_verification_sent", "get", _r("account_email_verification_sent")),
        Route("account_change_password", "get", _r("account_change_password")),
        Route("account_set_password", "get", _r("account_set_password")),
        Route("account_reset_password", "get", _r("account_reset_password")),
        Route("account_reset_password_done", "get", _r("account_reset_password_done")),
        Route("account_confirm_login_code", "get", _r("account_confirm_login_code")),
        Route("account_confirm_email", "get", _r("account_confirm_email", "bogus-key")),
        Route("account_reset_password_from_key", "get", _r("account_reset_password_from_key", "1", "bogus")),
        Route("account_reset_password_from_key_done", "get", _r("account_reset_password_from_key_done")),
        Route("mfa_index", "get", _r("mfa_index")),
        Route("mfa_authenticate", "get", _r("mfa_authenticate")),
        Route("mfa_reauthenticate", "get", _r("mfa_reauthenticate")),
        Route("mfa_activate_totp", "get", _r("mfa_activate_totp")),
        Route("mfa_deactivate_totp", "get", _r("mfa_deactivate_totp")),
        Route("mfa_view_recovery_codes", "get", _r("mfa_view_recovery_codes")),
        Route("mfa_generate_recovery_codes", "get", _r("mfa_generate_recovery_codes")),
        Route("mfa_download_recovery_codes", "get", _r("mfa_download_recovery_codes")),
        # --- Admin: dashboard, account --------------------------------------------------------
        Route("admin_login", "get", _r("wagtailadmin_login")),
        Route("admin_home", "get", _r("wagtailadmin_home")),
        Route("admin_account", "get", _r("wagtailadmin_account")),
        # --- Admin: people ---------------------------------------------------------------------
        Route("users_index", "get", _r("wagtailusers_users:index")),
        Route("users_search_sundsvall", "get", _r("wagtailusers_users:index", query="?q=sundsvall")),
        Route("users_results_sundsvall", "get", _r("wagtailusers_users:index_results", query="?q=sundsvall")),
        Route("users_results_markers", "get", _r("wagtailusers_users:index_results", query="?q=mrk")),
        Route("users_filter_other_org", "get", lambda w: reverse("wagtailusers_users:index") + f"?organisation={w.obj['org_s']}"),
        Route("users_export_csv", "get", _r("wagtailusers_users:index", query="?export=csv")),
        Route("users_export_xlsx", "get", _r("wagtailusers_users:index", query="?export=xlsx")),
        Route("users_add", "get", _r("wagtailusers_users:add")),
        Route("users_edit", "get", _r("wagtailusers_users:edit", P("h01"))),
        Route("users_edit_other_org", "get", _r("wagtailusers_users:edit", P("s01"))),
        Route("users_edit_post", "post", _r("wagtailusers_users:edit", P("h01")), {"email": ""}),
        Route("users_edit_other_org_post", "post", _r("wagtailusers_users:edit", P("s01")), {"email": ""}),
        Route("users_delete", "get", _r("wagtailusers_users:delete", P("h01"))),
        Route("users_delete_other_org", "get", _r("wagtailusers_users:delete", P("s01"))),
        Route("users_delete_other_org_post", "post", _r("wagtailusers_users:delete", P("s01"))),
        Route("users_history", "get", _r("wagtailusers_users:history", P("h01"))),
        Route("users_history_other_org", "get", _r("wagtailusers_users:history", P("s01"))),
        Route("users_history_results_other_org", "get", _r("wagtailusers_users:history_results", P("s01"))),
        Route("users_usage", "get", _r("wagtailusers_users:usage", P("h01"))),
        Route("users_usage_other_org", "get", _r("wagtailusers_users:usage", P("s01"))),
        Route("users_copy", "get", _r("wagtailusers_users:copy", P("h01"))),
        Route("users_copy_other_org", "get", _r("wagtailusers_users:copy", P("s01"))),
        Route("person_left", "get", _r("accounts_admin_mark_left", P("h02"))),
        Route("person_left_other_org", "get", _r("accounts_admin_mark_left", P("s02"))),
        Route("person_left_post", "post", _r("accounts_admin_mark_left", P("h02"))),
        Route("person_left_other_org_post", "post", _r("accounts_admin_mark_left", P("s02"))),
        Route("person_active", "get", _r("accounts_admin_reactivate", P("hx"))),
        Route("person_active_other_org", "get", _r("accounts_admin_reactivate", P("sx"))),
        Route("person_active_post", "post", _r("accounts_admin_reactivate", P("hx"))),
        Route("person_active_other_org_post", "post", _r("accounts_admin_reactivate", P("sx"))),
        # --- Admin: bulk actions ---------------------------------------------------------------
        Route("bulk_users_delete", "get", lambda w: _bulk("accounts", "user", "delete", w.pk["s01"], w.pk["h01"])),
        Route("bulk_users_delete_all", "get", lambda w: _bulk("accounts", "user", "delete", "all") + "&q=sundsvall"),
        Route("bulk_users_set_active", "get", lambda w: _bulk("accounts", "user", "set_active_state", w.pk["s01"])),
        Route(
            "bulk_users_set_active_post",
            "post",
            lambda w: _bulk("accounts", "user", "set_active_state", w.pk["s01"]),
            {"mark_as_active": "False"},
        ),
        Route("bulk_users_assign_role", "get", lambda w: _bulk("accounts", "user", "assign_role", w.pk["s01"])),
        Route("bulk_pages_delete", "get", lambda w: _bulk("wagtailcore", "page", "delete", w.obj["module_a"])),
        Route("bulk_documents_delete", "get", lambda w: _bulk("wagtaildocs", "document", "delete", w.obj["document"])),
        Route("bulk_images_delete", "get", lambda w: _bulk("wagtailimages", "image", "delete", w.obj["image"])),
        # --- Admin: roles (groups), sites, collections, workflows, redirects, forms, snippets, settings
        Route("roles_index", "get", _r("wagtailusers_groups:index")),
        Route("roles_results", "get", _r("wagtailusers_groups:index_results")),
        Route("roles_add", "get", _r("wagtailusers_groups:add")),
        Route("roles_edit", "get", _r("wagtailusers_groups:edit", O("role_group_manager"))),
        Route("roles_delete", "get", _r("wagtailusers_groups:delete", O("role_group_manager"))),
        Route("roles_history", "get", _r("wagtailusers_groups:history", O("role_group_manager"))),
        Route("roles_usage", "get", _r("wagtailusers_groups:usage", O("role_group_manager"))),
        Route("sites_index", "get", _r("wagtailsites:index")),
        Route("collections_index", "get", _r("wagtailadmin_collections:index")),
        Route("workflows_index", "get", _r("wagtailadmin_workflows:index")),
        Route("workflow_tasks_index", "get", _r("wagtailadmin_workflows:task_index")),
        Route("redirects_index", "get", _r("wagtailredirects:index")),
        Route("forms_index", "get", _r("wagtailforms:index")),
        Route("snippets_index", "get", _r("wagtailsnippets:index")),
        Route("settings_footer", "get", _r("wagtailsettings:edit", "home", "sitefooter")),
        # --- Admin: organisations (modeladmin) -------------------------------------------------
        Route("org_index", "get", _r("accounts_organisation_modeladmin_index")),
        Route("org_search", "get", _r("accounts_organisation_modeladmin_index", query="?q=sundsvall")),
        Route("org_export_csv", "get", _r("accounts_organisation_modeladmin_index", query="?export=csv")),
        Route("org_export_xlsx", "get", _r("accounts_organisation_modeladmin_index", query="?export=xlsx")),
        Route("org_create", "get", _r("accounts_organisation_modeladmin_create")),
        Route("org_edit", "get", _r("accounts_organisation_modeladmin_edit", O("org_h"))),
        Route("org_edit_other_org", "get", _r("accounts_organisation_modeladmin_edit", O("org_s"))),
        Route("org_edit_other_org_post", "post", _r("accounts_organisation_modeladmin_edit", O("org_s")), {"name": ""}),
        Route("org_delete", "get", _r("accounts_organisation_modeladmin_delete", O("org_h"))),
        Route("org_delete_other_org", "get", _r("accounts_organisation_modeladmin_delete", O("org_s"))),
        Route("org_history", "get", _r("accounts_organisation_modeladmin_history", O("org_h"))),
        Route("org_history_other_org", "get", _r("accounts_organisation_modeladmin_history", O("org_s"))),
        # --- Admin: workshops, groups, reminder log (modeladmin) -------------------------------
        Route("workshops_index", "get", _r("workshops_workshop_modeladmin_index")),
        Route(
            "workshops_filter_other_org",
            "get",
            lambda w: reverse("workshops_workshop_modeladmin_index") + f"?organisation__id__exact={w.obj['org_s']}",
        ),
        Route("workshops_search", "get", _r("workshops_workshop_modeladmin_index", query="?q=mrk")),
        Route("workshops_export_csv", "get", _r("workshops_workshop_modeladmin_index", query="?export=csv")),
        Route("workshops_export_xlsx", "get", _r("workshops_workshop_modeladmin_index", query="?export=xlsx")),
        Route("workshop_create", "get", _r("workshops_workshop_modeladmin_create")),
        Route("workshop_edit", "get", _r("workshops_workshop_modeladmin_edit", wh)),
        Route("workshop_edit_other_org", "get", _r("workshops_workshop_modeladmin_edit", ws)),
        Route("workshop_delete", "get", _r("workshops_workshop_modeladmin_delete", wh)),
        Route("workshop_delete_other_org", "get", _r("workshops_workshop_modeladmin_delete", ws)),
        Route("workshop_delete_other_org_post", "post", _r("workshops_workshop_modeladmin_delete", ws)),
        Route("workshop_history", "get", _r("workshops_workshop_modeladmin_history", wh)),
        Route("workshop_history_other_org", "get", _r("workshops_workshop_modeladmin_history", ws)),
        Route("groups_index", "get", _r("workshops_workshopgroup_modeladmin_index")),
        Route(
            "groups_filter_other_workshop",
            "get",
            lambda w: reverse("workshops_workshopgroup_modeladmin_index") + f"?workshop={w.obj['workshop_s']}",
        ),
        Route("groups_export_csv", "get", _r("workshops_workshopgroup_modeladmin_index", query="?export=csv")),
        Route("groups_export_xlsx", "get", _r("workshops_workshopgroup_modeladmin_index", query="?export=xlsx")),
        Route("group_create", "get", _r("workshops_workshopgroup_modeladmin_create")),
        Route("group_edit", "get", _r("workshops_workshopgroup_modeladmin_edit", gh1)),
        Route("group_edit_other_org", "get", _r("workshops_workshopgroup_modeladmin_edit", gs1)),
        Route(
            "group_edit_other_org_post",
            "post",
            _r("workshops_workshopgroup_modeladmin_edit", gs1),
            lambda w: {"workshop": w.obj["workshop_s"], "name": "Kapad", "room": ""},
        ),
        Route("group_delete", "get", _r("workshops_workshopgroup_modeladmin_delete", gh1)),
        Route("group_delete_other_org", "get", _r("workshops_workshopgroup_modeladmin_delete", gs1)),
        Route("group_history", "get", _r("workshops_workshopgroup_modeladmin_history", gh1)),
        Route("group_history_other_org", "get", _r("workshops_workshopgroup_modeladmin_history", gs1)),
        Route("reminders_index", "get", _r("workshops_reminder_modeladmin_index")),
        Route(
            "reminders_filter_other_workshop",
            "get",
            lambda w: reverse("workshops_reminder_modeladmin_index") + f"?workshop={w.obj['workshop_s']}",
        ),
        Route("reminders_search", "get", _r("workshops_reminder_modeladmin_index", query="?q=sundsvall")),
        Route("reminders_export_csv", "get", _r("workshops_reminder_modeladmin_index", query="?export=csv")),
        Route("reminder_create", "get", _r("workshops_reminder_modeladmin_create")),
        Route("reminder_edit", "get", _r("workshops_reminder_modeladmin_edit", O("reminder_h"))),
        Route("reminder_edit_other_org", "get", _r("workshops_reminder_modeladmin_edit", O("reminder_s"))),
        Route("reminder_delete", "get", _r("workshops_reminder_modeladmin_delete", O("reminder_h"))),
        Route("reminder_delete_other_org", "get", _r("workshops_reminder_modeladmin_delete", O("reminder_s"))),
        # --- Admin: the custom workshop views --------------------------------------------------
        Route("members", "get", _r("workshops_admin_group_members", gh1)),
        Route("members_other_org", "get", _r("workshops_admin_group_members", gs1)),
        Route("member_add", "post", _r("workshops_admin_member_add", gh1), lambda w: {"user": w.pk["s03"]}),
        Route("member_add_other_org", "post", _r("workshops_admin_member_add", gs1), lambda w: {"user": w.pk["h08"]}),
        Route("members_bulk", "post", _r("workshops_admin_members_bulk", gh1), {"emails": "epost.s03@sundsvall.se"}),
        Route(
            "members_bulk_other_org",
            "post",
            _r("workshops_admin_members_bulk", gs1),
            {"emails": "epost.h08@harnosand.se"},
        ),
        Route("members_import", "post", _r("workshops_admin_members_import", gh1)),
        Route("members_import_other_org", "post", _r("workshops_admin_members_import", gs1)),
        Route("member_remove", "post", _r("workshops_admin_member_remove", gh1, P("h03"))),
        Route("member_remove_other_org", "post", _r("workshops_admin_member_remove", gs1, P("s03"))),
        Route("propose_groups", "get", _r("workshops_admin_propose_groups", wh)),
        Route("propose_groups_proposal", "get", _r("workshops_admin_propose_groups", wh, query="?number=2")),
        Route("propose_groups_other_org", "get", _r("workshops_admin_propose_groups", ws)),
        Route(
            "propose_groups_other_org_proposal", "get", _r("workshops_admin_propose_groups", ws, query="?number=2")
        ),
        Route("propose_groups_other_org_post", "post", _r("workshops_admin_propose_groups", ws), {"group_count": "2"}),
        Route("admin_readiness_csv", "get", _r("workshops_admin_readiness_export", wh, query="?format=csv")),
        Route("admin_readiness_xlsx", "get", _r("workshops_admin_readiness_export", wh, query="?format=xlsx")),
        Route("admin_readiness_other_org_csv", "get", _r("workshops_admin_readiness_export", ws, query="?format=csv")),
        Route("completion", "get", _r("workshops_admin_completion")),
        Route("completion_csv", "get", _r("workshops_admin_completion", query="?format=csv")),
        Route("completion_xlsx", "get", _r("workshops_admin_completion", query="?format=xlsx")),
        Route(
            "completion_other_org",
            "get",
            lambda w: reverse("workshops_admin_completion") + f"?organisation={w.obj['org_s']}",
        ),
        Route(
            "completion_other_workshop_csv",
            "get",
            lambda w: reverse("workshops_admin_completion") + f"?workshop={w.obj['workshop_s']}&format=csv",
        ),
        # --- Admin: module reports -------------------------------------------------------------
        Route("module_reports", "get", _r("elearning_reports")),
        Route("module_report", "get", _r("elearning_report", ma)),
        # --- Admin: Wagtail's reports ----------------------------------------------------------
        Route("site_history", "get", _r("wagtailadmin_reports:site_history")),
        Route("site_history_results", "get", _r("wagtailadmin_reports:site_history_results")),
        Route("aging_pages", "get", _r("wagtailadmin_reports:aging_pages")),
        Route("locked_pages", "get", _r("wagtailadmin_reports:locked_pages")),
        Route("page_types_usage", "get", _r("wagtailadmin_reports:page_types_usage")),
        Route("workflow_report", "get", _r("wagtailadmin_reports:workflow")),
        # --- Admin: pages ----------------------------------------------------------------------
        Route("pages_explore_root", "get", _r("wagtailadmin_explore_root")),
        Route("pages_explore_course", "get", _r("wagtailadmin_explore", O("course"))),
        Route("pages_search", "get", _r("wagtailadmin_pages:search", query="?q=modul")),
        Route("page_edit", "get", _r("wagtailadmin_pages:edit", ma)),
        Route("page_history", "get", _r("wagtailadmin_pages:history", ma)),
        Route("page_revisions", "get", _r("wagtailadmin_pages:revisions_index", ma)),
        Route("page_usage", "get", _r("wagtailadmin_pages:usage", ma)),
        Route("page_delete", "get", _r("wagtailadmin_pages:delete", ma)),
        Route("page_copy", "get", _r("wagtailadmin_pages:copy", ma)),
        Route("page_move", "get", _r("wagtailadmin_pages:move", ma)),
        Route("page_unpublish", "get", _r("wagtailadmin_pages:unpublish", ma)),
        Route("page_add_subpage", "get", _r("wagtailadmin_pages:add_subpage", O("course"))),
        Route("page_view_draft", "get", _r("wagtailadmin_pages:view_draft", ma)),
        Route("page_workflow_history", "get", _r("wagtailadmin_pages:workflow_history", ma)),
        Route("choose_page", "get", _r("wagtailadmin_choose_page")),
        Route("admin_api_pages", "get", lambda w: "/admin/api/main/pages/"),
        Route("tag_autocomplete", "get", _r("wagtailadmin_tag_autocomplete", query="?term=a")),
        # --- Admin: documents and images -------------------------------------------------------
        Route("documents_index", "get", _r("wagtaildocs:index")),
        Route("documents_add", "get", _r("wagtaildocs:add")),
        Route("document_edit", "get", _r("wagtaildocs:edit", O("document"))),
        Route("document_delete", "get", _r("wagtaildocs:delete", O("document"))),
        Route("document_usage", "get", _r("wagtaildocs:document_usage", O("document"))),
        Route("document_chooser", "get", _r("wagtaildocs_chooser:choose")),
        Route("images_index", "get", _r("wagtailimages:index")),
        Route("images_add", "get", _r("wagtailimages:add")),
        Route("image_edit", "get", _r("wagtailimages:edit", O("image"))),
        Route("image_delete", "get", _r("wagtailimages:delete", O("image"))),
        Route("image_usage", "get", _r("wagtailimages:image_usage", O("image"))),
        Route("image_chooser", "get", _r("wagtailimages_chooser:choose")),
    ]


def _bulk(app_label, model_name, action, *ids):
    url = reverse("wagtail_bulk_action", args=[app_label, model_name, action])
    return url + "?" + "&".join(f"id={i}" for i in ids) + "&next=/admin/"


ROUTES = _routes()


# ---------------------------------------------------------------------------------------------
# Running a row
# ---------------------------------------------------------------------------------------------

LOGIN_PATHS = ("/konto/login/", "/admin/login/")


def _client(world, role):
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def outcome(response):
    """The status as the table writes it: "200", "404", "302>login", "302>admin", "302>/some/where/"."""
    status = response.status_code
    if status not in (301, 302, 303):
        return str(status)
    location = response["Location"]
    if location.startswith(LOGIN_PATHS):
        return f"{status}>login"
    if location == "/admin/":
        return f"{status}>admin"
    return f"{status}>{location.split('?')[0]}"


def body_text(response):
    """The body as text: HTML and JSON unescaped, CSV decoded, XLSX read cell by cell."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:4] == b"PK\x03\x04":
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        cells = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        return "\n".join(cells)
    text = content.decode("utf-8-sig", errors="replace")
    if "json" in response.get("Content-Type", ""):
        try:
            text = json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return html.unescape(text)


def leaks(text, role):
    lowered = text.lower()
    return sorted({why for marker, why in forbidden_markers(role).items() if marker in lowered})


def run_row(world, route, role):
    client = _client(world, role)
    url = route.url(world)
    data = route.data(world) if callable(route.data) else route.data
    response = client.post(url, data or {}) if route.method == "post" else client.get(url)
    text = body_text(response)
    problems = []
    if response.status_code >= 500:
        error = getattr(response, "exc_info", None)
        problems.append(f"server error: {error[1]!r}" if error else "server error")
    if __import__("os").environ.get("PERMISSION_TABLE_DUMP"):
        import pathlib

        dump = pathlib.Path(__import__("os").environ["PERMISSION_TABLE_DUMP"])
        dump.mkdir(exist_ok=True)
        (dump / f"{route.key}__{role}.txt").write_text(text)
    found = leaks(text, role)
    if found:
        problems.append("leaks: " + ", ".join(found))
    if route.figures and response.status_code == 200:
        problems += route.figures(text, role, world)
    if route.guard and role not in route.may_change:
        problem = route.guard(world)
        if problem:
            problems.append(problem)
    return url, outcome(response), problems


PROBE = __import__("os").environ.get("PERMISSION_TABLE_PROBE")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method.upper()} {r.key}")
def test_permission_table(world, db, route, role):
    url, got, problems = run_row(world, route, role)
    if PROBE:
        with open(PROBE, "a") as f:
            f.write(json.dumps({"route": route.key, "role": role, "url": url, "got": got, "problems": problems}) + "\n")
        return
