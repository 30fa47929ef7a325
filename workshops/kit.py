"""What a facilitator needs for one group at the chefsdag: readiness, questions, shared reflections, answers."""

from dataclasses import dataclass

from core.anonymity import is_reportable
from elearning.models import Answer, Reflection
from elearning.reports import answer_distributions

from .models import Membership
from .readiness import required_modules, workshop_readiness


@dataclass
class ModuleKit:
    module: object
    discussion_questions: list
    reflections: list
    distributions: list
    scope: str  # "group", "workshop" per question is in each distribution; this is the module default


def facilitator_kit(workshop, group):
    modules = required_modules(workshop)
    readiness = workshop_readiness(workshop, group=group, modules=modules)
    member_ids = [row.user.pk for row in readiness.rows]
    workshop_member_ids = Membership.objects.filter(workshop=workshop).values("user_id")
    module_ids = [m.pk for m in modules]
    reflections = list(
        Reflection.objects.filter(module_id__in=module_ids, user_id__in=member_ids, shared=True)
        .select_related("user")
        .order_by("updated_at")
    )
    rows = list(
        Answer.objects.filter(attempt__module_id__in=module_ids, attempt__user_id__in=workshop_member_ids).values_list(
            "attempt__module_id", "question_id", "first_selected", "attempt__user_id", "attempt__number"
        )
    )
    kits = []
    member_set = set(member_ids)
    for module in modules:
        module_rows = [r[1:] for r in rows if r[0] == module.pk]
        group_dist = answer_distributions(module.structure, [r for r in module_rows if r[2] in member_set])
        workshop_dist = answer_distributions(module.structure, module_rows)
        chosen = []
        for group_item, workshop_item in zip(group_dist, workshop_dist, strict=True):
            if is_reportable(group_item.answers):
                chosen.append(("group", group_item))
            else:
                chosen.append(("workshop", workshop_item))
        question_texts = {q.id: q.text for q in module.structure.reflection_questions}
        kits.append(
            ModuleKit(
                module=module,
                discussion_questions=module.structure.discussion_questions,
                reflections=[
                    (question_texts.get(r.question_id, ""), r) for r in reflections if r.module_id == module.pk
                ],
                distributions=chosen,
                scope="group",
            )
        )
    return readiness, kits
