"""Which of an organisation's people a choice of departments and target groups covers: one rule.

Maturity rounds (respondents) and rollout phases (their people) both ask here. Within a kind the
choices are alternatives (department A or B); across kinds they narrow (staff of department A).
No choice at all means everyone. Only active people count: those marked as having left drop out.
"""

from .models import TargetGroup, User

VALID_TARGET_GROUPS = frozenset(TargetGroup.values)


def clean_target_groups(values):
    """Known target-group codes, in the order of `TargetGroup`, without duplicates."""
    wanted = set(values or ())
    return [code for code in TargetGroup.values if code in wanted]


def people_matching(organisation, department_ids=(), target_groups=()):
    """Active people of the organisation in any of the departments and any of the target groups."""
    people = User.objects.active().filter(organisation=organisation)
    department_ids = list(department_ids or ())
    if department_ids:
        people = people.filter(department_id__in=department_ids)
    target_groups = clean_target_groups(target_groups)
    if target_groups:
        people = people.filter(target_group__in=target_groups)
    return people


def people_in(selection):
    """The active people a saved selection covers now."""
    return people_matching(
        selection.organisation_id,
        selection.departments.values_list("pk", flat=True),
        selection.target_groups,
    )


def describe(department_names=(), target_group_codes=()):
    """A short Swedish/English description of a choice, e.g. 'Chefer · Socialförvaltningen'."""
    labels = dict(TargetGroup.choices)
    parts = [str(labels[code]) for code in clean_target_groups(target_group_codes)]
    parts += list(department_names)
    return parts
