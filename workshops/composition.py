"""Proposing workshop groups that mix departments and target groups as evenly as possible."""

from collections import defaultdict


def propose_groups(people, group_count):
    """Deal people into `group_count` groups so that each department and target group spreads out.

    People are ordered by department, then target group, and dealt like cards in a snake order
    (1..n, n..1, ...), which keeps group sizes within one of each other and spreads every
    department over as many groups as it has members. Returns a list of lists of people.
    """
    if group_count < 1:
        raise ValueError("group_count must be at least 1")
    by_department = defaultdict(list)
    for person in people:
        by_department[person.department_id or 0].append(person)
    ordered = []
    # Largest departments first so that they spread over every group.
    for _dept, members in sorted(by_department.items(), key=lambda item: (-len(item[1]), str(item[0]))):
        ordered.extend(sorted(members, key=lambda p: (p.target_group or "", p.last_name or "", p.pk or 0)))
    groups = [[] for _ in range(group_count)]
    for index, person in enumerate(ordered):
        lap, position = divmod(index, group_count)
        target = position if lap % 2 == 0 else group_count - 1 - position
        groups[target].append(person)
    return groups


def group_count_for(size, people_count):
    """How many groups of about `size` people."""
    if size < 1:
        raise ValueError("size must be at least 1")
    return max(1, round(people_count / size))


def mix_score(groups, key):
    """For tests and the UI: the largest share any single value of `key` takes in any group (lower is better)."""
    worst = 0.0
    for group in groups:
        if not group:
            continue
        counts = defaultdict(int)
        for person in group:
            counts[key(person)] += 1
        worst = max(worst, max(counts.values()) / len(group))
    return worst
