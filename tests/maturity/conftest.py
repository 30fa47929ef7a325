"""Maturity fixtures: a published two-dimension instrument, and a builder for rounds with answers."""

import datetime

import pytest
from django.utils import timezone

from maturity import structure
from maturity.models import Answer, Instrument, Respondent, Round, RoundKind


def instrument_body(statements_per_category=(2, 2, 2, 2, 2, 2), module_ids=None):
    """Two dimensions of three categories each; statement texts 'D1 K1 P1' and so on."""
    module_ids = module_ids or {}
    body = []
    counts = iter(statements_per_category)
    for d in (1, 2):
        categories = []
        for c in (1, 2, 3):
            n = next(counts)
            number = (d - 1) * 3 + c
            categories.append(
                {
                    "name": f"Kategori {number}",
                    "description": "",
                    "statements": [{"text": f"D{d} K{c} P{p}", "help_text": ""} for p in range(1, n + 1)],
                    "recommended_modules": module_ids.get(number, []),
                    "recommended_webcasts": [],
                }
            )
        body.append(
            (
                "dimension",
                {"name": f"Dimension {d}", "short_name": f"Dim {d}", "description": "", "categories": categories},
            )
        )
    return body


def publish_instrument(title="Mognadsenkät", **kwargs):
    instrument = Instrument(title=title, body=instrument_body(**kwargs))
    instrument.save()
    instrument.save_revision().publish()
    instrument.refresh_from_db()
    return instrument


@pytest.fixture
def instrument(db):
    return publish_instrument()


@pytest.fixture
def make_round(instrument):
    """make_round(organisation, opened=True, closes_in=14, kind=..., title=...) -> an (open) round.

    `answers` maps a user to {statement_index: value} (index into structure.statements, value 0..6) and
    creates a submitted respondent with those answers; `invited` lists users invited without answering.
    """

    def make(organisation, answers=None, invited=(), opened=True, closes_in=14, kind=RoundKind.BASELINE, **fields):
        fields.setdefault("title", "Mätning")
        round_ = Round.objects.create(
            organisation=organisation,
            instrument=instrument,
            revision_id=instrument.live_revision_id,
            kind=kind,
            closes_on=timezone.localdate() + datetime.timedelta(days=closes_in),
            opened_at=timezone.now() if opened else None,
            **fields,
        )
        statements = structure.for_round(round_).statements
        for user, values in (answers or {}).items():
            respondent = Respondent.objects.create(
                round=round_,
                user=user,
                department=user.department,
                target_group=user.target_group,
                submitted_at=timezone.now(),
            )
            Answer.objects.bulk_create(
                Answer(respondent=respondent, round=round_, statement=statements[i].id, value=v)
                for i, v in values.items()
            )
        for user in invited:
            Respondent.objects.create(
                round=round_, user=user, department=user.department, target_group=user.target_group
            )
        return round_

    return make
