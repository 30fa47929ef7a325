"""Registering for a webcast, the waiting list, cancelling, and a manager registering people."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from tests.factories import OrganisationFactory, UserFactory
from webcasts import booking
from webcasts.audience import audience_of, is_invited
from webcasts.exceptions import NotInvited, NotYourRegistration, RegistrationClosed
from webcasts.models import Registration, RegistrationStatus, WebcastMail

REGISTERED, WAITING, CANCELLED = RegistrationStatus.REGISTERED, RegistrationStatus.WAITING, RegistrationStatus.CANCELLED


@pytest.fixture
def open_webcast(webcast_factory):
    """Invites Västernorrland (the test organisations' county)."""
    return webcast_factory(title="Digital ledning", counties=["Y"])


@pytest.fixture
def small_webcast(webcast_factory):
    return webcast_factory(title="Tre platser", counties=["Y"], capacity=3)


def people(organisation, count):
    return [UserFactory(organisation=organisation) for _ in range(count)]


def test_register_gives_a_place_and_queues_a_confirmation(learner, open_webcast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outcome = booking.register(learner, open_webcast)
    assert outcome.changed and outcome.registered
    registration = Registration.objects.get()
    assert registration.status == REGISTERED and registration.registered_by is None
    mail = WebcastMail.objects.get()
    assert (mail.kind, mail.user, mail.status) == ("confirmation", learner, "queued")
    assert callbacks  # sent after commit, never inside the transaction
    assert WebcastMail.objects.get().status == "queued"


def test_registering_twice_keeps_one_row_and_says_so(learner, open_webcast):
    booking.register(learner, open_webcast)
    again = booking.register(learner, open_webcast)
    assert not again.changed and again.registered
    assert Registration.objects.count() == 1
    assert WebcastMail.objects.count() == 1


def test_capacity_then_waiting_list_in_order(organisation, small_webcast):
    first, second, third, fourth, fifth = people(organisation, 5)
    for person in (first, second, third):
        assert booking.register(person, small_webcast).registered
    assert booking.register(fourth, small_webcast).waiting
    assert booking.register(fifth, small_webcast).waiting
    assert booking.figures(small_webcast) == {"registered": 3, "waiting": 2}
    assert booking.queue_position(Registration.objects.get(user=fourth)) == 1
    assert booking.queue_position(Registration.objects.get(user=fifth)) == 2
    assert set(WebcastMail.objects.filter(kind="waiting").values_list("user", flat=True)) == {fourth.pk, fifth.pk}


def test_cancel_promotes_the_first_in_the_queue(organisation, small_webcast):
    a, b, c, d, e = people(organisation, 5)
    for person in (a, b, c, d, e):
        booking.register(person, small_webcast)
    outcome = booking.cancel(user=b, webcast=small_webcast, by=b)
    assert outcome.changed and [r.user for r in outcome.promoted] == [d]
    assert Registration.objects.get(user=d).status == REGISTERED
    assert Registration.objects.get(user=d).promoted_at is not None
    assert Registration.objects.get(user=e).status == WAITING
    assert booking.queue_position(Registration.objects.get(user=e)) == 1
    assert WebcastMail.objects.filter(user=d, kind="promoted").exists()
    assert WebcastMail.objects.filter(user=b, kind="cancelled").exists()
    assert booking.figures(small_webcast) == {"registered": 3, "waiting": 1}


def test_leaving_the_queue_promotes_nobody(organisation, small_webcast):
    a, b, c, d, e = people(organisation, 5)
    for person in (a, b, c, d, e):
        booking.register(person, small_webcast)
    outcome = booking.cancel(user=d, webcast=small_webcast)
    assert outcome.promoted == []
    assert Registration.objects.get(user=e).status == WAITING


def test_cancel_twice_is_idempotent_and_register_again_reuses_the_row(learner, open_webcast):
    booking.register(learner, open_webcast)
    assert booking.cancel(user=learner, webcast=open_webcast).changed
    assert not booking.cancel(user=learner, webcast=open_webcast).changed
    again = booking.register(learner, open_webcast)
    assert again.changed and again.registered
    assert Registration.objects.count() == 1
    assert Registration.objects.get().cancelled_at is None


def test_someone_else_cannot_cancel_my_registration(learner, other_learner, other_manager, manager, open_webcast):
    booking.register(learner, open_webcast)
    registration = Registration.objects.get()
    for intruder in (other_learner, other_manager):
        with pytest.raises(NotYourRegistration):
            booking.cancel(registration, by=intruder)
    assert Registration.objects.get().status == REGISTERED
    assert booking.cancel(registration, by=manager).changed  # a manager of the person's organisation may


def test_closed_after_the_end_and_when_cancelled(learner, webcast_factory):
    ended = webcast_factory(starts_in=-datetime.timedelta(hours=3), counties=["Y"])
    cancelled = webcast_factory(counties=["Y"], cancelled=True)
    for webcast in (ended, cancelled):
        with pytest.raises(RegistrationClosed):
            booking.register(learner, webcast)
    assert Registration.objects.count() == 0 and WebcastMail.objects.count() == 0


def test_registration_stays_open_while_live(learner, webcast_factory):
    live = webcast_factory(starts_in=-datetime.timedelta(minutes=5), counties=["Y"])
    assert booking.register(learner, live).registered


def test_not_invited(learner, webcast, other_organisation, webcast_factory):
    # `webcast` belongs to the series for Uppsala län (C); the learner's organisation is in Västernorrland.
    with pytest.raises(NotInvited):
        booking.register(learner, webcast)
    assert Registration.objects.count() == 0
    invited_org = webcast_factory()
    invited_org.organisations.add(learner.organisation)
    invited_org.save()
    assert is_invited(learner, invited_org)
    assert booking.register(learner, invited_org).registered


def test_audience_rules(learner, webcast_index, webcast_factory, series):
    everyone = webcast_factory(parent=webcast_index, slug="for-alla")
    assert audience_of(everyone).everyone and is_invited(learner, everyone)
    from_series = webcast_factory()
    assert audience_of(from_series).counties == frozenset({"C"})
    own = webcast_factory(counties=["Y"])
    assert audience_of(own).counties == frozenset({"Y"}) and is_invited(learner, own)
    nobody = UserFactory(organisation=None)
    assert not is_invited(nobody, own) and is_invited(nobody, everyone)


def test_bulk_register_by_a_manager(manager, organisation, other_organisation, small_webcast):
    mine = people(organisation, 4)
    stranger = UserFactory(organisation=other_organisation)
    booking.register(mine[0], small_webcast)
    report = booking.bulk_register(manager, small_webcast, [*mine, stranger])
    outcomes = {row.user.pk: row.outcome for row in report.rows}
    assert outcomes[mine[0].pk] == "already"
    assert [outcomes[p.pk] for p in mine[1:]] == ["registered", "registered", "waiting"]
    assert outcomes[stranger.pk] == "refused"
    assert not Registration.objects.filter(user=stranger).exists()
    assert Registration.objects.get(user=mine[1]).registered_by == manager
    assert PageLogEntry.objects.filter(action="webcast.bulk_registered", page=small_webcast).count() == 1


def test_bulk_register_refuses_a_learner_acting_for_others(learner, other_learner, open_webcast):
    report = booking.bulk_register(learner, open_webcast, [other_learner])
    assert [row.outcome for row in report.rows] == ["refused"]
    assert Registration.objects.count() == 0


def test_every_change_is_audited(organisation, small_webcast, manager):
    a, b, c, d = people(organisation, 4)
    for person in (a, b, c, d):
        booking.register(person, small_webcast)
    booking.cancel(user=a, webcast=small_webcast, by=manager)
    actions = list(PageLogEntry.objects.filter(page=small_webcast).values_list("action", flat=True))
    assert actions.count("webcast.registered") == 4
    assert actions.count("webcast.cancelled") == 1
    assert actions.count("webcast.promoted") == 1
    entry = PageLogEntry.objects.get(page=small_webcast, action="webcast.cancelled")
    assert entry.user == manager and entry.data["person"] == a.email
    assert a.email in entry.message or "Cancelled" in entry.message or "Avbokade" in entry.message


def test_raising_the_capacity_fills_places_from_the_queue(organisation, small_webcast):
    group = people(organisation, 5)
    for person in group:
        booking.register(person, small_webcast)
    small_webcast.capacity = 4
    small_webcast.save()
    promoted = booking.fill_free_places(small_webcast)
    assert [r.user for r in promoted] == [group[3]]


# --- The views -------------------------------------------------------------------------------


def test_register_and_cancel_views(client, learner, open_webcast):
    client.force_login(learner)
    response = client.post(reverse("webcast_register", args=[open_webcast.pk]), follow=True)
    assert response.redirect_chain[0][0].endswith("#anmalan")
    assert "Du är anmäld" in response.content.decode()
    response = client.post(reverse("webcast_register", args=[open_webcast.pk]), follow=True)
    assert "redan anmäld" in response.content.decode()
    assert Registration.objects.count() == 1
    response = client.post(reverse("webcast_cancel", args=[open_webcast.pk]), follow=True)
    assert "avbokad" in response.content.decode()
    assert Registration.objects.get().status == CANCELLED


def test_full_goes_to_the_queue_and_says_so(client, organisation, learner, webcast_factory):
    full = webcast_factory(counties=["Y"], capacity=1)
    booking.register(UserFactory(organisation=organisation), full)
    client.force_login(learner)
    html = client.post(reverse("webcast_register", args=[full.pk]), follow=True).content.decode()
    assert "kö" in html and "nummer 1" in html
    assert Registration.objects.get(user=learner).status == WAITING


def test_view_messages_for_closed_and_not_invited(client, learner, webcast, webcast_factory):
    client.force_login(learner)
    html = client.post(reverse("webcast_register", args=[webcast.pk]), follow=True).content.decode()
    assert "inbjudna" in html
    ended = webcast_factory(starts_in=-datetime.timedelta(hours=3), counties=["Y"])
    html = client.post(reverse("webcast_register", args=[ended.pk]), follow=True).content.decode()
    assert "stängd" in html
    assert Registration.objects.count() == 0


def test_anonymous_is_sent_to_log_in_and_get_changes_nothing(client, learner, open_webcast):
    response = client.post(reverse("webcast_register", args=[open_webcast.pk]))
    assert response.status_code == 302 and "/konto/" in response["Location"]
    client.force_login(learner)
    assert client.get(reverse("webcast_register", args=[open_webcast.pk])).status_code == 302
    assert Registration.objects.count() == 0


def test_another_persons_registration_answers_404(client, learner, other_manager, open_webcast):
    booking.register(learner, open_webcast)
    registration = Registration.objects.get()
    client.force_login(other_manager)
    url = reverse("webcast_registration_cancel", args=[registration.pk])
    assert client.post(url).status_code == 404
    assert Registration.objects.get().status == REGISTERED


def test_unknown_webcast_answers_404(client, learner):
    client.force_login(learner)
    assert client.post(reverse("webcast_register", args=[999999])).status_code == 404


def test_register_people_screen(client, manager, organisation, other_organisation, open_webcast):
    mine = people(organisation, 3)
    stranger = UserFactory(organisation=other_organisation)
    client.force_login(manager)
    url = reverse("webcast_register_people", args=[open_webcast.pk])
    html = client.get(url, {"department": mine[0].department_id}).content.decode()
    assert mine[0].email in html or mine[0].get_full_name() in html
    assert stranger.get_full_name() not in html
    response = client.post(url, {"people": [p.pk for p in mine] + [stranger.pk]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 personer anmälda" in html
    assert Registration.objects.filter(user__in=mine).count() == 3
    assert not Registration.objects.filter(user=stranger).exists()


def test_register_people_screen_is_for_managers_only(client, learner, open_webcast):
    client.force_login(learner)
    assert client.get(reverse("webcast_register_people", args=[open_webcast.pk])).status_code == 404


def test_register_people_screen_query_bound(client, manager, organisation, open_webcast, django_assert_max_num_queries):
    group = people(organisation, 30)
    for person in group[:10]:
        booking.register(person, open_webcast)
    client.force_login(manager)
    client.get(reverse("webcast_register_people", args=[open_webcast.pk]))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("webcast_register_people", args=[open_webcast.pk])).status_code == 200


def test_other_organisation_visible_only_to_admin(administrator, other_organisation, open_webcast):
    stranger = UserFactory(organisation=other_organisation)
    report = booking.bulk_register(administrator, open_webcast, [stranger])
    assert [row.outcome for row in report.rows] == ["registered"]


def test_ics_download(client, open_webcast):
    response = client.get(reverse("webcast_ics", args=[open_webcast.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content


def test_org_factory_default_county_is_vasternorrland():
    # The tests above rely on it: the series invites Uppsala län, the test organisations are in Y.
    assert OrganisationFactory.county == "Y"


# --- The panel on the webcast page -------------------------------------------------------------


def render_panel(page, user):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/webbsandningar/")
    request.user = user or AnonymousUser()
    template = Template("{% load webcast_registration %}{% webcast_registration page %}")
    return template.render(Context({"page": page, "request": request}))


def test_panel_texts(learner, organisation, webcast_factory):
    roomy = webcast_factory(counties=["Y"], capacity=12)
    assert "12 platser kvar" in render_panel(roomy, learner)
    assert "Logga in för att anmäla dig" in render_panel(roomy, None)
    full = webcast_factory(counties=["Y"], capacity=2)
    for person in people(organisation, 4):
        booking.register(person, full)
    assert "Fullbokat – ställ dig i kö" in render_panel(full, learner)
    booking.register(learner, full)
    assert "Du står som nummer 3 i kön" in render_panel(full, learner)
    assert "Lämna kön" in render_panel(full, learner)


def test_panel_has_constant_queries(learner, organisation, webcast_factory, django_assert_max_num_queries):
    full = webcast_factory(counties=["Y"], capacity=20)
    for person in people(organisation, 40):
        booking.register(person, full)
    booking.register(learner, full)
    learner = type(learner).objects.select_related("organisation").get(pk=learner.pk)
    # Figures, my registration, my place in the queue, my roles (for the manager's link).
    with django_assert_max_num_queries(4):
        html = render_panel(full, learner)
    assert "nummer 21" in html


def test_publishing_a_larger_capacity_moves_the_queue_up(organisation, small_webcast):
    group = people(organisation, 5)
    for person in group:
        booking.register(person, small_webcast)
    page = type(small_webcast).objects.get(pk=small_webcast.pk)
    page.capacity = 10
    page.save_revision().publish()
    assert booking.figures(small_webcast) == {"registered": 5, "waiting": 0}
    assert WebcastMail.objects.filter(kind="promoted").count() == 2
