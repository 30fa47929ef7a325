"""Answering a maturity survey, one part (category) per page, and reading one's own answers.

Only the respondent reaches these pages: every lookup is the signed-in person's own Respondent row,
so there is no URL that shows another person's answers, to anyone. Not invited: 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from .. import services, structure
from ..exceptions import Incomplete, MaturityError, RoundClosed
from ..forms import AnswerForm
from ..models import Answer, Respondent, ScaleValue

ACTIONS = ("next", "previous", "later", "submit")


def _respondent_or_404(request, round_id):
    return get_object_or_404(
        Respondent.objects.select_related("round", "round__organisation"),
        round_id=round_id,
        user_id=request.user.pk,
        round__opened_at__isnull=False,
    )


def _parts(struct):
    """(dimension, category) per page, in the instrument's order."""
    return [(dimension, category) for dimension in struct.dimensions for category in dimension.categories]


def _part_number(value, count):
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 1
    return min(max(number, 1), max(count, 1))


def _resume_part(respondent, parts):
    """Where a person who has not submitted continues: the first part with a statement not yet answered."""
    answered = set(Answer.objects.filter(respondent=respondent).values_list("statement", flat=True))
    for number, (_dimension, category) in enumerate(parts, start=1):
        if any(statement.id not in answered for statement in category.statements):
            return number
    return len(parts)


def _url(round_id, number):
    return f"{reverse('maturity_answer', args=[round_id])}?del={number}"


def _closes(round_):
    return formats.date_format(round_.closes_on, "DATE_FORMAT")


@login_required
def answer(request, round_id):
    respondent = _respondent_or_404(request, round_id)
    round_ = respondent.round
    struct = structure.for_round(round_)
    parts = _parts(struct)
    if "del" in request.GET or respondent.submitted_at is not None:
        number = _part_number(request.GET.get("del"), len(parts))
    else:
        number = _resume_part(respondent, parts)
    dimension, category = parts[number - 1]
    is_open = round_.is_open()
    status = 200

    if request.method == "POST":
        if not is_open:
            messages.error(request, RoundClosed.message)
            return redirect(_url(round_.pk, number))
        form = AnswerForm(request.POST, statements=category.statements)
        action = request.POST.get("action")
        if form.is_valid() and action in ACTIONS:
            try:
                services.save_answers(round_, request.user, form.values())
            except MaturityError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return _after_save(request, round_, parts, number, action)
        else:
            if action not in ACTIONS:
                form.add_error(None, _("Choose one of the buttons at the bottom of the page."))
            status = 400
    else:
        answers = dict(
            Answer.objects.filter(respondent=respondent, statement__in=[s.id for s in category.statements]).values_list(
                "statement", "value"
            )
        )
        form = AnswerForm(
            initial={AnswerForm.field_name(k): v for k, v in answers.items()},
            statements=category.statements,
            disabled=not is_open,
        )

    answered = Answer.objects.filter(respondent=respondent).count()
    context = {
        "round": round_,
        "respondent": respondent,
        "structure": struct,
        "dimension": dimension,
        "category": category,
        "form": form,
        "number": number,
        "count": len(parts),
        "is_open": is_open,
        "answered": answered,
        "total": len(struct.statements),
        "previous_url": _url(round_.pk, number - 1) if number > 1 else None,
        "parts": [
            {"number": i, "name": c.name, "dimension": d.short_name, "current": i == number}
            for i, (d, c) in enumerate(parts, start=1)
        ],
    }
    return render(request, "maturity/answer.html", context, status=status)


def _after_save(request, round_, parts, number, action):
    if action == "previous":
        return redirect(_url(round_.pk, max(number - 1, 1)))
    if action == "later":
        messages.success(
            request,
            _("Your answers are saved. You can continue and change them until %(date)s.") % {"date": _closes(round_)},
        )
        return redirect("maturity_home")
    if action == "submit":
        try:
            _respondent, newly = services.submit(round_, request.user)
        except Incomplete as error:
            first = _first_part_with(parts, set(error.missing))
            messages.error(request, error.message)
            return redirect(_url(round_.pk, first))
        except MaturityError as error:
            messages.error(request, error.message)
            return redirect(_url(round_.pk, number))
        if newly:
            messages.success(
                request,
                _("Thank you! Your answers are submitted. You can change them until %(date)s.")
                % {"date": _closes(round_)},
            )
        else:
            messages.info(
                request,
                _("You have already submitted; you can still change answers until %(date)s. Your changes are saved.")
                % {"date": _closes(round_)},
            )
        return redirect("maturity_my_answers", round_id=round_.pk)
    return redirect(_url(round_.pk, min(number + 1, len(parts))))


def _first_part_with(parts, statement_ids):
    for number, (_dimension, category) in enumerate(parts, start=1):
        if any(s.id in statement_ids for s in category.statements):
            return number
    return 1


@login_required
def my_answers(request, round_id):
    respondent = _respondent_or_404(request, round_id)
    round_ = respondent.round
    struct = structure.for_round(round_)
    values = dict(Answer.objects.filter(respondent=respondent).values_list("statement", "value"))
    labels = dict(ScaleValue.choices)
    dimensions = [
        {
            "dimension": dimension,
            "categories": [
                {
                    "category": category,
                    "rows": [
                        {"statement": s, "value": values.get(s.id), "label": labels.get(values.get(s.id))}
                        for s in category.statements
                    ],
                }
                for category in dimension.categories
            ],
        }
        for dimension in struct.dimensions
    ]
    context = {
        "round": round_,
        "respondent": respondent,
        "structure": struct,
        "dimensions": dimensions,
        "is_open": round_.is_open(),
        "answered": len(values),
        "total": len(struct.statements),
    }
    return render(request, "maturity/my_answers.html", context)
