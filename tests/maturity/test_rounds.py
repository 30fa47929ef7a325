"""Maturity rounds for managers: create, open (invite), remind, close, saved selections, permissions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.models import Selection
from accounts.roles import PROGRAMME_OWNER
from maturity import selectors, services
from maturity.exceptions import AlreadyOpened, BadChoice, ClosingDateInPast, NoLiveRevision, NoRespondents
from maturity.models import Audience, Instrument, Respondent, Round, RoundKind, SurveyMail
from tests.factories import DepartmentFactory, UserFactory

TODAY = timezone.localdate


def in_days(n):
    return TODAY() + datetime.timedelta(days=n)


@pytest.fixture
def staff(organisation, roles):
    """Two departments: 3 managers ('chef') in A, 2 staff in B."""
    a = DepartmentFactory(organisation=organisation, name="Socialförvaltningen")
    b = DepartmentFactory(organisation=organisation, name="Kultur")
    people = [UserFactory(organisation=organisation, department=a, target_group="chef") for _ in range(3)]
    people += [UserFactory(organisation=organisation, department=b, target_group="medarbetare") for _ in range(2)]
    return {"a": a, "b": b, "people": people}


def draft(organisation, instrument, actor=None, **kwargs):
    kwargs.setdefault("title", "Nollmätning")
    kwargs.setdefault("closes_on", in_days(14))
    return services.create_round(organisation, instrument, actor=actor, **kwargs)


# --- Services -------------------------------------------------------------------------------------------


def test_first_round_is_a_baseline_then_follow_ups(organisation, instrument, staff, manager):
    first = draft(organisation, instrument, manager)
    assert first.kind == RoundKind.BASELINE and first.opened_at is None
    services.open_round(first, manager)
    second = draft(organisation, instrument, manager, title="Uppföljning 2027")
    assert second.kind == RoundKind.FOLLOW_UP


def test_closing_date_in_the_past_is_refused(organisation, instrument):
    with pytest.raises(ClosingDateInPast):
        draft(organisation, instrument, closes_on=in_days(-1))
    assert not Round.objects.exists()


def test_departments_of_another_organisation_are_refused(organisation, other_organisation, instrument):
    foreign = DepartmentFactory(organisation=other_organisation)
    with pytest.raises(BadChoice):
        draft(organisation, instrument, audience=Audience.DEPARTMENTS, departments=[foreign])
    assert not Round.objects.exists()


def test_respondents_follow_the_audience(organisation, instrument, staff, manager, learner):
    by_department = draft(organisation, instrument, audience=Audience.DEPARTMENTS, departments=[staff["a"]])
    assert set(services.respondents_for(by_department)) == set(staff["people"][:3])
    by_group = draft(organisation, instrument, audience=Audience.TARGET_GROUPS, target_groups=["medarbetare"])
    assert set(services.respondents_for(by_group)) == set(staff["people"][3:])
    selection = services.save_selection(organisation, "Kultur", [staff["b"]], ["medarbetare"])
    by_selection = draft(organisation, instrument, audience=Audience.SELECTION, selection=selection)
    assert set(services.respondents_for(by_selection)) == set(staff["people"][3:])
    everyone = draft(organisation, instrument)
    assert set(services.respondents_for(everyone)) == {*staff["people"], manager, learner}


def test_open_round_invites_pins_revision_and_snapshots(
    organisation, instrument, staff, django_capture_on_commit_callbacks
):
    round_ = draft(organisation, instrument, audience=Audience.DEPARTMENTS, departments=[staff["a"]])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.open_round(round_) == 3
    round_.refresh_from_db()
    assert round_.revision_id == instrument.live_revision_id and round_.opened_at is not None
    respondent = Respondent.objects.get(round=round_, user=staff["people"][0])
    assert respondent.department == staff["a"] and respondent.target_group == "chef"
    assert SurveyMail.objects.filter(round=round_, kind="invitation").count() == 3
    assert ModelLogEntry.objects.filter(action="maturity.opened", object_id=str(round_.pk)).exists()
    # Editing the instrument later does not move the round.
    instrument.title = "Ny version"
    instrument.save_revision().publish()
    round_.refresh_from_db()
    assert round_.revision_id != Instrument.objects.get(pk=instrument.pk).live_revision_id


def test_opening_twice_invites_nobody_twice(organisation, instrument, staff, django_capture_on_commit_callbacks):
    round_ = draft(organisation, instrument)
    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(round_)
    with pytest.raises(AlreadyOpened):
        services.open_round(round_)
    assert SurveyMail.objects.filter(kind="invitation").count() == Respondent.objects.count() == 5 + 0


def test_no_respondents_stores_nothing(organisation, instrument):
    round_ = draft(organisation, instrument, audience=Audience.TARGET_GROUPS, target_groups=["fortroendevald"])
    with pytest.raises(NoRespondents):
        services.open_round(round_)
    round_.refresh_from_db()
    assert round_.opened_at is None and not Respondent.objects.exists() and not SurveyMail.objects.exists()


def test_an_instrument_without_a_published_version_cannot_be_opened(organisation, instrument, staff):
    round_ = draft(organisation, instrument)
    instrument.unpublish()
    with pytest.raises(NoLiveRevision):
        services.open_round(round_)
    assert not Respondent.objects.exists()


def test_reminders_never_twice_a_day(organisation, instrument, staff, manager, django_capture_on_commit_callbacks):
    round_ = draft(organisation, instrument, audience=Audience.DEPARTMENTS, departments=[staff["a"]])
    services.open_round(round_)
    Respondent.objects.filter(user=staff["people"][0]).update(submitted_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind(round_, manager) == (2, 0)
        assert services.remind(round_, manager) == (0, 2)
    assert SurveyMail.objects.filter(kind="reminder").count() == 2
    # Tomorrow they may be reminded again.
    SurveyMail.objects.filter(kind="reminder").update(sent_on=in_days(-1))
    assert services.remind(round_, manager) == (2, 0)


def test_close_round(organisation, instrument, staff, manager):
    round_ = draft(organisation, instrument)
    services.open_round(round_)
    services.close_round(round_, manager)
    round_.refresh_from_db()
    assert round_.closed_at is not None and round_.is_closed()
    assert ModelLogEntry.objects.filter(action="maturity.closed").count() == 1


# --- Views ------------------------------------------------------------------------------------------


def test_manager_creates_a_round_with_a_preview_and_a_saved_selection(client, manager, instrument, staff):
    client.force_login(manager)
    data = {
        "title": "Nollmätning 2026",
        "instrument": instrument.pk,
        "closes_on": in_days(10).isoformat(),
        "audience": "departments",
        "departments": [staff["a"].pk],
        "save_as": "Socialtjänsten",
    }
    response = client.post(reverse("maturity_round_create"), {**data, "preview": "1"})
    assert response.status_code == 200 and response.context["preview"] == 3
    assert not Round.objects.exists()
    response = client.post(reverse("maturity_round_create"), {**data, "create": "1"})
    round_ = Round.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("maturity_round", args=[round_.pk])
    assert round_.organisation == manager.organisation and round_.opened_at is None
    assert list(round_.departments.all()) == [staff["a"]]
    assert Selection.objects.get(name="Socialtjänsten").organisation == manager.organisation


def test_create_form_refuses_bad_input(client, manager, instrument):
    client.force_login(manager)
    response = client.post(
        reverse("maturity_round_create"),
        {"title": "X", "instrument": instrument.pk, "closes_on": in_days(-2).isoformat(), "audience": "departments"},
    )
    assert response.status_code == 400
    assert "closes_on" in response.context["form"].errors and "departments" in response.context["form"].errors
    assert not Round.objects.exists()


def test_create_with_another_organisations_departments_is_404(client, manager, instrument, other_organisation):
    foreign = DepartmentFactory(organisation=other_organisation)
    client.force_login(manager)
    response = client.post(
        reverse("maturity_round_create"),
        {
            "title": "X",
            "instrument": instrument.pk,
            "closes_on": in_days(5).isoformat(),
            "audience": "departments",
            "departments": [foreign.pk],
        },
    )
    assert response.status_code == 404 and not Round.objects.exists()


def test_administrator_picks_the_organisation(client, administrator, instrument, organisation, staff):
    client.force_login(administrator)
    assert "organisation" in client.get(reverse("maturity_round_create")).context["form"].fields
    client.post(
        reverse("maturity_round_create"),
        {
            "organisation": organisation.pk,
            "title": "X",
            "instrument": instrument.pk,
            "closes_on": in_days(5).isoformat(),
            "audience": "everyone",
            "create": "1",
        },
    )
    assert Round.objects.get().organisation == organisation


def test_invite_remind_close_through_the_views(client, manager, instrument, staff, django_capture_on_commit_callbacks):
    round_ = draft(manager.organisation, instrument, audience=Audience.DEPARTMENTS, departments=[staff["a"]])
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("maturity_round_invite", args=[round_.pk]), follow=True)
    assert "3" in str(next(iter(response.context["messages"])))
    again = client.post(reverse("maturity_round_invite", args=[round_.pk]))
    assert again.status_code == 409 and SurveyMail.objects.filter(kind="invitation").count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("maturity_round_remind", args=[round_.pk]))
        response = client.post(reverse("maturity_round_remind", args=[round_.pk]), follow=True)
    text = str(list(response.context["messages"])[-1])
    assert "0" in text and "3" in text
    assert SurveyMail.objects.filter(kind="reminder").count() == 3
    page = client.get(reverse("maturity_round", args=[round_.pk]))
    assert page.context["invitations_sent"] == 3 and page.context["reminders_sent"] == 3
    for person in staff["people"]:  # counts only: no names, not even of those who have not answered
        assert person.last_name not in page.content.decode()
    client.post(reverse("maturity_round_close", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.closed_at is not None
    assert client.post(reverse("maturity_round_remind", args=[round_.pk])).status_code == 409


@pytest.mark.parametrize(
    "name", ["maturity_round", "maturity_round_invite", "maturity_round_remind", "maturity_round_close"]
)
def test_another_organisations_manager_gets_404(client, other_manager, organisation, instrument, staff, name):
    round_ = draft(organisation, instrument)
    client.force_login(other_manager)
    response = (
        client.post(reverse(name, args=[round_.pk]))
        if name != "maturity_round"
        else client.get(reverse(name, args=[round_.pk]))
    )
    assert response.status_code == 404
    round_.refresh_from_db()
    assert round_.opened_at is None and not SurveyMail.objects.exists()


@pytest.mark.parametrize("name", ["maturity_round_create", "maturity_selections"])
def test_learners_cannot_manage(client, learner, name):
    client.force_login(learner)
    assert client.get(reverse(name)).status_code == 404


def test_anonymous_goes_to_login(client):
    response = client.get(reverse("maturity_home"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_selections_list_and_delete(client, manager, other_manager, staff):
    selection = services.save_selection(manager.organisation, "Kultur", [staff["b"]], [])
    client.force_login(other_manager)
    assert client.post(reverse("maturity_selection_delete", args=[selection.pk])).status_code == 404
    assert client.get(reverse("maturity_selections")).context["rows"] == []
    client.force_login(manager)
    rows = client.get(reverse("maturity_selections")).context["rows"]
    assert [(r["selection"], r["count"]) for r in rows] == [(selection, 2)]
    client.post(reverse("maturity_selection_delete", args=[selection.pk]))
    assert not Selection.objects.exists()


def test_home_lists_rounds_with_response_rate(client, manager, organisation, make_round, staff):
    people = staff["people"]
    make_round(organisation, answers={people[0]: {0: 3}}, invited=people[1:4])
    client.force_login(manager)
    response = client.get(reverse("maturity_home"))
    (row,) = response.context["rounds"]
    assert row["status"] == "open" and row["rate"] == 25 and (row["round"].invited, row["round"].submitted) == (4, 1)


def test_programme_owner_sees_figures_of_all_organisations(client, roles, make_round, organisation, other_organisation):
    owner = UserFactory(organisation=other_organisation, roles=[PROGRAMME_OWNER])
    round_ = make_round(organisation)
    client.force_login(owner)
    response = client.get(reverse("maturity_home"))
    assert [row["round"] for row in response.context["all_rounds"]] == [round_]
    detail = client.get(reverse("maturity_round", args=[round_.pk]))
    assert detail.status_code == 200 and not detail.context["manages"]
    assert client.post(reverse("maturity_round_close", args=[round_.pk])).status_code == 404


def test_home_query_count_is_bounded(client, manager, organisation, make_round, django_assert_max_num_queries):
    people = [UserFactory(organisation=organisation, department=None) for _ in range(20)]
    for i in range(15):
        make_round(organisation, title=f"Omgång {i}", invited=people if i % 2 else ())
    for round_ in Round.objects.all()[:5]:
        Respondent.objects.get_or_create(round=round_, user=manager)
    client.force_login(manager)
    with django_assert_max_num_queries(14):  # ~10 for the layout (header, footer, session)
        response = client.get(reverse("maturity_home"))
    assert len(response.context["rounds"]) == 15 and len(response.context["open_surveys"]) == 5


def test_open_surveys_for(learner, organisation, make_round):
    open_round = make_round(organisation, invited=[learner], title="Öppen")
    make_round(organisation, invited=[learner], opened=False, title="Utkast")
    closed = make_round(organisation, invited=[learner], title="Stängd")
    Round.objects.filter(pk=closed.pk).update(closed_at=timezone.now())
    surveys = selectors.open_surveys_for(learner)
    assert [(s.round, s.submitted) for s in surveys] == [(open_round, False)]


def test_the_only_published_survey_is_chosen_already(client, manager, instrument):
    client.force_login(manager)
    form = client.get(reverse("maturity_round_create")).context["form"]
    assert form["instrument"].value() == instrument.pk
