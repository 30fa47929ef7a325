"""What a facilitator needs for one group at the chefsdag: readiness, questions, shared reflections, answers.

How the quiz questions were answered passes the anonymity rule (core.anonymity) per question,
across every kit of the workshop at once, so that someone who opens them all (a manager) cannot
subtract one from another:

- the cells are the workshop's groups (their counted members who answered) and the rest of the
  organisation: the other active people of the organisation who answered, whom the managers'
  module report adds to the same total (elearning.reports). Without that cell, the organisation's
  figure minus every group would describe the rest, however few they are;
- a group that passes (after complementary suppression) shows its own distribution;
- a hidden group, or one where nobody answered yet, shows the whole workshop instead, but only if
  showing that subtotal cannot isolate the hidden cells (core.anonymity.subtotal_is_safe), and
  the page says so; otherwise nothing.

Who counts is workshops.readiness.counted_memberships (active members of the organisation).
The kit's readiness carries scores only for a viewer who manages the workshop.
"""

from dataclasses import dataclass

from django.db.models import Count

from core.anonymity import REST, is_reportable, min_group_size, subtotal_is_safe, suppress
from elearning.models import Answer
from elearning.reports import distribution, latest_selections

from .readiness import counted_memberships, readiness_for, required_modules, workshop_readiness
from .sharing import shared_reflections

GROUP, WORKSHOP, HIDDEN, EMPTY = "group", "workshop", "hidden", "empty"


@dataclass
class KitDistribution:
    """One quiz question in a kit: whose answers are shown (`scope`) and the figures, if any.

    scope is GROUP (the group's own answers), WORKSHOP (the whole workshop, in place of a group
    that is hidden or has no answers yet), HIDDEN (nothing may be shown) or EMPTY (nobody in the
    workshop has answered yet). `group_hidden` says why a WORKSHOP figure stands in.
    """

    scope: str
    distribution: object
    group_hidden: bool = False

    @property
    def question(self):
        return self.distribution.question


@dataclass
class ModuleKit:
    module: object
    discussion_questions: list
    reflections: list
    distributions: list[KitDistribution]
    k: int


def facilitator_kit(workshop, group, viewer=None):
    """The readiness of one group and a kit per required module. A fixed number of queries (about eight).

    With a viewer, the readiness lists what they may see and scores only if they manage the workshop;
    without one, no scores.
    """
    k = min_group_size()
    modules = required_modules(workshop)
    if viewer is not None:
        readiness = readiness_for(viewer, workshop, group=group, modules=modules)
    else:
        readiness = workshop_readiness(workshop, group=group, modules=modules)
    module_ids = [m.pk for m in modules]
    members = counted_memberships().filter(workshop=workshop)
    group_of = dict(members.values_list("user_id", "group_id"))
    # The same rule as the promise on the step page (workshops.sharing): the kit and the offer cannot drift.
    reflections = list(shared_reflections(workshop, group, module_ids, [row.user.pk for row in readiness.rows]))
    answer_rows = list(
        Answer.objects.filter(attempt__module_id__in=module_ids, attempt__user_id__in=members.values("user_id"))
        .values_list("attempt__module_id", "question_id", "first_selected", "attempt__user_id", "attempt__number")
        .order_by()
    )
    rest = _rest_of_organisation(workshop, module_ids, members)
    kits = []
    for module in modules:
        per_question = latest_selections(row[1:] for row in answer_rows if row[0] == module.pk)
        question_texts = {q.id: q.text for q in module.structure.reflection_questions}
        kits.append(
            ModuleKit(
                module=module,
                discussion_questions=module.structure.discussion_questions,
                reflections=[
                    (question_texts.get(r.question_id, ""), r) for r in reflections if r.module_id == module.pk
                ],
                distributions=[
                    _question(
                        question,
                        per_question.get(question.id, {}),
                        group_of,
                        group,
                        rest.get((module.pk, question.id), 0),
                        k,
                    )
                    for question in module.structure.quiz_questions
                ],
                k=k,
            )
        )
    return readiness, kits


def _rest_of_organisation(workshop, module_ids, members):
    """{(module id, question id): people} of the organisation, active, not counted in the workshop, who answered.

    One query; the same people as the managers' module report minus the workshop's members.
    """
    rows = (
        Answer.objects.filter(
            attempt__module_id__in=module_ids,
            attempt__user__organisation_id=workshop.organisation_id,
            attempt__user__is_active=True,
        )
        .exclude(attempt__user_id__in=members.values("user_id"))
        .values("attempt__module_id", "question_id")
        .annotate(people=Count("attempt__user_id", distinct=True))
        .order_by()
    )
    return {(row["attempt__module_id"], row["question_id"]): row["people"] for row in rows}


def _question(question, selections, group_of, group, rest, k):
    """One question of one group's kit, decided from every group of the workshop at once."""
    by_group = {group_id: [] for group_id in sorted(set(group_of.values()) | {group.pk})}
    for user_id, selected in selections.items():
        by_group[group_of[user_id]].append(selected)
    cells = {group_id: len(chosen) for group_id, chosen in by_group.items()}
    cells[REST] = rest
    hidden = suppress(sum(cells.values()), cells, k)
    own = cells[group.pk]
    if own and group.pk not in hidden:
        return KitDistribution(GROUP, distribution(question, by_group[group.pk], shown=True))
    everyone = [chosen for answers in by_group.values() for chosen in answers]
    if not everyone:
        return KitDistribution(EMPTY, distribution(question, [], shown=False))
    # The same decision in every kit of the workshop: it depends on the cells, not on whose kit this is.
    if is_reportable(len(everyone), k) and subtotal_is_safe(cells, hidden, set(by_group), k):
        return KitDistribution(WORKSHOP, distribution(question, everyone, shown=True), group_hidden=own > 0)
    return KitDistribution(HIDDEN, distribution(question, everyone, shown=False), group_hidden=own > 0)
