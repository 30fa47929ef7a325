from workshops.readiness import is_ready, workshop_readiness

from .conftest import complete


def test_matrix_and_share(workshop, group, other_group, members_factory, modules):
    a, b = members_factory(2, group=group)
    (c,) = members_factory(1, group=other_group)
    for module in modules:
        complete(a, module)
    complete(b, modules[0])
    result = workshop_readiness(workshop)
    assert result.total == 3 and result.ready_count == 1 and result.ready_percent == 33
    row_a = next(r for r in result.rows if r.user == a)
    assert row_a.ready and [c.status for c in row_a.cells] == ["completed", "completed"]
    row_b = next(r for r in result.rows if r.user == b)
    assert not row_b.ready and row_b.not_done_modules == [modules[1].pk]
    assert is_ready(a, workshop) and not is_ready(c, workshop)
    groups = {item["group"].name: (item["ready"], item["total"]) for item in result.by_group()}
    assert groups == {"Bord 1": (1, 2), "Bord 2": (0, 1)}
    assert workshop_readiness(workshop, group=other_group).total == 1


def test_readiness_query_count_is_constant(workshop, group, members_factory, modules, django_assert_num_queries):
    people = members_factory(40, group=group)
    for person in people[:10]:
        complete(person, modules[0])
    with django_assert_num_queries(3):
        result = workshop_readiness(workshop)
        assert result.total == 40
