"""My learning lists the maturity surveys a person is invited to while they are open."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from maturity.models import Respondent, Round
from tests.maturity.conftest import publish_instrument

pytestmark = pytest.mark.django_db


def _round(organisation, title, closes_in=7, opened=True):
    instrument = publish_instrument()
    return Round.objects.create(
        organisation=organisation,
        instrument=instrument,
        revision_id=instrument.live_revision_id,
        title=title,
        closes_on=timezone.localdate() + datetime.timedelta(days=closes_in),
        opened_at=timezone.now() if opened else None,
    )


def test_open_surveys_show_with_their_state(client, learner, other_learner, organisation):
    waiting = _round(organisation, "Mätning att svara på")
    done = _round(organisation, "Mätning redan besvarad")
    closed = _round(organisation, "Stängd mätning", closes_in=-1)
    not_mine = _round(organisation, "Någon annans mätning")
    Respondent.objects.create(round=waiting, user=learner)
    Respondent.objects.create(round=done, user=learner, submitted_at=timezone.now())
    Respondent.objects.create(round=closed, user=learner)
    Respondent.objects.create(round=not_mine, user=other_learner)
    client.force_login(learner)

    page = client.get(reverse("my_learning")).content.decode()

    assert "Enkäter om digital mognad" in page
    assert "Mätning att svara på" in page and "Mätning redan besvarad" in page
    assert "Stängd mätning" not in page and "Någon annans mätning" not in page
    assert reverse("maturity_answer", args=[waiting.pk]) in page
    assert "Inte inskickad" in page and "Ändra mina svar" in page


def test_no_survey_section_without_an_invitation(client, learner):
    client.force_login(learner)
    assert "Enkäter om digital mognad" not in client.get(reverse("my_learning")).content.decode()
