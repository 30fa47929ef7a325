"""Sharing a reflection: offered only when it reaches a facilitator's kit, naming the workshop, and never
stored as shared when it would reach nobody (issue 14). The rule is workshops.sharing; elearning asks it
through elearning.sharing."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import formats, timezone, translation

from elearning import services
from elearning.forms import audience_date
from elearning.models import ModulePage, Reflection
from elearning.sharing import Audience, sharing_audience
from tests.factories import OrganisationFactory
from workshops import sharing as workshop_sharing
from workshops.kit import facilitator_kit
from workshops.models import Membership, Workshop, WorkshopGroup

pytestmark = pytest.mark.django_db

REFLECTION_STEP = 2  # tests/builders.module_dict: step 2 holds the reflection, step 1 none


def make_workshop(organisation, modules, days=14, title="Chefsdag Härnösand", facilitator=None):
    workshop = Workshop.objects.create(
        title=title, organisation=organisation, starts_at=timezone.now() + datetime.timedelta(days=days)
    )
    workshop.required_modules.set(modules)
    workshop.save()  # a ClusterableModel keeps parental m2m changes in memory until saved
    group = WorkshopGroup.objects.create(workshop=workshop, name="Bord 1", facilitator=facilitator)
    return workshop, group


def join(group, user):
    return Membership.objects.create(workshop=group.workshop, group=group, user=user)


def step_html(client, user, module, number=REFLECTION_STEP):
    client.force_login(user)
    response = client.get(reverse("module_step", args=[module.pk, number]))
    assert response.status_code == 200
    return response.content.decode()


def reflect(client, module, question, data):
    prefix = f"r-{question.id}"
    payload = {f"{prefix}-{key}": value for key, value in data.items()}
    return client.post(reverse("module_reflect", args=[module.pk, REFLECTION_STEP, question.id]), payload)


def share_label(workshop):
    with translation.override("sv"):
        day = formats.date_format(timezone.localtime(workshop.starts_at).date(), "MONTH_DAY_FORMAT")
        if timezone.localtime(workshop.starts_at).year != timezone.localdate().year:
            day = formats.date_format(timezone.localtime(workshop.starts_at).date(), "DATE_FORMAT")
    return f"Dela med min grupp på {workshop.title} den {day}"


# --- the offer on the step page ------------------------------------------------------------------


def test_share_is_offered_naming_the_members_upcoming_workshop(client, learner, module, organisation, facilitator):
    workshop, group = make_workshop(organisation, [module], facilitator=facilitator)
    join(group, learner)
    html = step_html(client, learner, module)
    assert share_label(workshop) in html
    assert re.search(r'name="r-[^"]+-shared"', html) and re.search(r'name="r-[^"]+-show_name"', html)
    assert "Samtalsledaren för din grupp kan då läsa den på chefsdagen." in html
    assert "Bara du kan läsa din reflektion, om du inte väljer att dela den med din workshopgrupp." in html


def test_the_next_of_two_workshops_is_named(client, learner, module, organisation):
    later, later_group = make_workshop(organisation, [module], days=40, title="Chefsdag i mars")
    sooner, sooner_group = make_workshop(organisation, [module], days=10, title="Chefsdag i december")
    join(later_group, learner)
    join(sooner_group, learner)
    html = step_html(client, learner, module)
    assert share_label(sooner) in html and later.title not in html


@pytest.mark.parametrize("case", ["no membership", "module not required", "workshop past", "left", "other org"])
def test_share_is_not_offered_where_it_would_reach_nobody(client, learner, module, modules, organisation, case):
    required = modules if case == "module not required" else [module]
    _workshop, group = make_workshop(organisation, required, days=-1 if case == "workshop past" else 14)
    if case != "no membership":
        join(group, learner)
    if case == "other org":
        learner.organisation = OrganisationFactory(name="Kramfors kommun")
        learner.save()
    if case == "left":
        # A person marked as having left cannot log in, so the page cannot be asked; the rule can.
        learner.is_active = False
        learner.save()
        assert sharing_audience(learner, module) is None
        return
    html = step_html(client, learner, module)
    assert 'name="r-' in html  # the reflection form is there
    assert not re.search(r'name="r-[^"]+-(shared|show_name)"', html)
    assert "Dela med min grupp" not in html
    assert "Bara du kan läsa din reflektion." in html
    assert "om du inte väljer att dela" not in html


def test_a_workshop_today_still_counts_and_yesterdays_does_not(learner, module, organisation):
    workshop, group = make_workshop(organisation, [module])
    join(group, learner)
    day = timezone.localtime(workshop.starts_at).date()
    assert workshop_sharing.audience(learner, module, today=day) == Audience(workshop.title, workshop.starts_at)
    assert workshop_sharing.audience(learner, module, today=day + datetime.timedelta(days=1)) is None


def test_an_unpublished_module_reaches_no_kit(learner, module, organisation):
    _workshop, group = make_workshop(organisation, [module])
    join(group, learner)
    module.unpublish()
    assert sharing_audience(learner, ModulePage.objects.get(pk=module.pk)) is None


def test_the_date_is_written_the_swedish_way():
    this_year = timezone.localdate().year
    with translation.override("sv"):
        december = timezone.make_aware(datetime.datetime(this_year, 12, 8, 8, 30))
        assert audience_date(Audience("Chefsdag", december)) == "8 december"
        next_year = timezone.make_aware(datetime.datetime(this_year + 1, 3, 3, 8, 30))
        assert audience_date(Audience("Chefsdag", next_year)) == f"3 mars {this_year + 1}"


def test_a_shared_reflection_without_an_audience_says_so(client, learner, module, organisation):
    workshop, group = make_workshop(organisation, [module])
    join(group, learner)
    question = module.structure.reflection_questions[0]
    services.save_reflection(learner, module, question.id, "Min tanke", shared=True)
    Workshop.objects.filter(pk=workshop.pk).update(starts_at=timezone.now() - datetime.timedelta(days=2))
    html = step_html(client, learner, module)
    assert "Du delade den här reflektionen med din workshopgrupp." in html
    assert "Dela med min grupp" not in html


# --- storing ---------------------------------------------------------------------------------------


def test_a_forged_share_is_stored_private(client, learner, module):
    question = module.structure.reflection_questions[0]
    client.force_login(learner)
    response = reflect(client, module, question, {"text": "Min tanke", "shared": "on", "show_name": "on"})
    assert response.status_code == 302
    reflection = Reflection.objects.get(user=learner)
    assert reflection.text == "Min tanke"
    assert not reflection.shared and not reflection.show_name


def test_the_service_keeps_a_reflection_private_when_nobody_would_read_it(learner, module, organisation):
    question = module.structure.reflection_questions[0]
    # Called directly (as the demo and tests do), not through the form.
    assert not services.save_reflection(learner, module, question.id, "x", shared=True, show_name=True).shared
    _workshop, group = make_workshop(organisation, [module])
    join(group, learner)
    reflection = services.save_reflection(learner, module, question.id, "x", shared=True, show_name=True)
    assert reflection.shared and reflection.show_name


def test_a_shared_reflection_reaches_the_facilitators_kit(client, learner, module, organisation, facilitator):
    workshop, group = make_workshop(organisation, [module], facilitator=facilitator)
    join(group, learner)
    question = module.structure.reflection_questions[0]
    client.force_login(learner)
    response = reflect(client, module, question, {"text": "Vi behöver prata om styrning", "shared": "on"})
    assert response.status_code == 302
    assert Reflection.objects.get(user=learner).shared
    client.force_login(facilitator)
    html = client.get(reverse("facilitator_kit", args=[workshop.pk, group.pk])).content.decode()
    assert "Vi behöver prata om styrning" in html and "Delad utan namn" in html


@pytest.mark.parametrize("case", ["member", "module not required", "left", "other org", "workshop past"])
def test_the_offer_and_the_kit_agree(learner, module, modules, organisation, case):
    """Whether the step page promises a reader is whether the kit shows the reflection (past workshops keep
    their kit, but nothing new is promised for them)."""
    required = modules if case == "module not required" else [module]
    workshop, group = make_workshop(organisation, [*required, module] if case == "workshop past" else required)
    join(group, learner)
    question = module.structure.reflection_questions[0]
    Reflection.objects.create(user=learner, module=module, question_id=question.id, text="Delad", shared=True)
    if case == "left":
        learner.is_active = False
        learner.save()
    if case == "other org":
        learner.organisation = OrganisationFactory(name="Kramfors kommun")
        learner.save()
    _readiness, kits = facilitator_kit(workshop, group)
    in_kit = any(reflection.text == "Delad" for kit in kits for _prompt, reflection in kit.reflections)
    if case == "workshop past":
        day_after = timezone.localtime(workshop.starts_at).date() + datetime.timedelta(days=1)
        assert in_kit and workshop_sharing.audience(learner, module, today=day_after) is None
        return
    assert in_kit == (sharing_audience(learner, module) is not None) == (case == "member")


def test_another_groups_kit_does_not_show_it(learner, module, organisation):
    workshop, group = make_workshop(organisation, [module])
    other = WorkshopGroup.objects.create(workshop=workshop, name="Bord 2")
    join(group, learner)
    services.save_reflection(learner, module, module.structure.reflection_questions[0].id, "Delad", shared=True)
    _readiness, kits = facilitator_kit(workshop, other)
    assert not any(kit.reflections for kit in kits)


# --- query counts ----------------------------------------------------------------------------------


def test_the_audience_costs_one_query_and_only_on_a_step_with_a_reflection(
    client, learner, other_learner, module, organisation, django_assert_num_queries
):
    _workshop, group = make_workshop(organisation, [module])
    join(group, learner)
    for user in (learner, other_learner):  # with and without a workshop: the same count
        client.force_login(user)
        client.get(reverse("module_step", args=[module.pk, REFLECTION_STEP]))
        client.get(reverse("module_step", args=[module.pk, 1]))  # a reload of the current step records nothing
        # User, progress with attempts (the session comes from the cache): no reflection, no audience.
        with django_assert_num_queries(2):
            assert client.get(reverse("module_step", args=[module.pk, 1])).status_code == 200
        client.get(reverse("module_step", args=[module.pk, REFLECTION_STEP]))
        # ... and on the step with a reflection: this step's reflection and who would read it.
        with django_assert_num_queries(4):
            assert client.get(reverse("module_step", args=[module.pk, REFLECTION_STEP])).status_code == 200


def test_the_rule_is_one_query(learner, module, organisation, django_assert_num_queries):
    _workshop, group = make_workshop(organisation, [module])
    join(group, learner)
    with django_assert_num_queries(1):
        assert sharing_audience(learner, module) is not None


# --- demo ------------------------------------------------------------------------------------------


def test_demo_workshop_requires_the_module_with_the_workshop_questions_and_kits_show_reflections(client, db):
    call_command("seed_demo", stdout=StringIO())
    workshop = Workshop.objects.get(title="Chefsdag: Leda digital utveckling")
    required = list(workshop.required_modules.all())
    holding = [m for m in required if any(s.title == "Frågor till workshopen" for s in m.specific.structure.steps)]
    assert holding, "the demo workshop must require the module with the step 'Frågor till workshopen'"
    module = holding[0].specific
    shared = Reflection.objects.filter(module=module, shared=True, user__workshop_memberships__workshop=workshop)
    assert shared.count() >= 3
    # A member who shared sees the offer naming the workshop; their group's facilitator reads it in the kit.
    reflection = shared.select_related("user").first()
    membership = Membership.objects.select_related("group__facilitator").get(workshop=workshop, user=reflection.user)
    question = module.structure.reflection_questions[0]
    html = step_html(client, reflection.user, module, question.step_number)
    assert share_label(workshop) in html
    client.force_login(membership.group.facilitator)
    kit = client.get(reverse("facilitator_kit", args=[workshop.pk, membership.group.pk])).content.decode()
    assert reflection.text.split(".")[0] in kit
    # Every group's kit has something to read.
    for group in workshop.groups.all():
        _readiness, kits = facilitator_kit(workshop, group)
        assert any(kit.reflections for kit in kits), group.name


def test_demo_requirement_survives_a_second_seed_and_is_added_to_an_older_demo(db):
    call_command("seed_demo", stdout=StringIO())
    workshop = Workshop.objects.get(title="Chefsdag: Leda digital utveckling")
    through = Workshop.required_modules.through.objects.filter(workshop=workshop)
    before = set(through.values_list("modulepage_id", flat=True))
    holding = next(
        pk
        for pk in before
        if any(s.title == "Frågor till workshopen" for s in ModulePage.objects.get(pk=pk).structure.steps)
    )
    through.filter(modulepage_id=holding).delete()  # a demo seeded before the requirement
    call_command("seed_demo", stdout=StringIO())
    assert set(through.values_list("modulepage_id", flat=True)) == before
