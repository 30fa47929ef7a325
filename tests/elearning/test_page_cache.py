"""Live modules are kept in memory per process, and nothing an editor or administrator changes is served
stale: revising, unpublishing or restricting a module shows on the next request (tests poll the shared
version on every read; other server processes see it within VERSION_POLL_SECONDS, tests/core/test_versions)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from elearning import page_cache
from elearning.building import raw_steps
from tests.builders import module_dict

pytestmark = pytest.mark.django_db


def step_url(module, number):
    return f"/e-modul/{module.pk}/steg/{number}/"


def test_a_kept_module_costs_no_page_queries(client, learner, module, django_assert_num_queries):
    client.force_login(learner)
    client.get(step_url(module, 2))
    # User, progress with attempts, this step's reflection and who would read it if shared (one query, asked
    # only on a step with a reflection: issue 14); the session comes from the cache (cached_db): no session,
    # page, view restriction, footer or role query.
    with django_assert_num_queries(4):
        response = client.get(step_url(module, 2))
    assert response.status_code == 200


def test_a_published_revision_shows_at_once(client, learner, module):
    client.force_login(learner)
    assert client.get(step_url(module, 1)).status_code == 200
    data = module_dict(slug=module.slug)
    data["steps"][0]["title"] = "Ett nytt namn på steget"
    module.steps = raw_steps(data)
    module.save_revision().publish()
    assert "Ett nytt namn på steget" in client.get(step_url(module, 1)).content.decode()


def test_an_unpublished_module_is_gone_at_once(client, learner, module):
    client.force_login(learner)
    assert client.get(step_url(module, 1)).status_code == 200
    module.unpublish()
    assert client.get(step_url(module, 1)).status_code == 404


def test_a_new_view_restriction_applies_at_once(client, learner, module):
    client.force_login(learner)
    assert client.get(step_url(module, 1)).status_code == 200
    restriction = PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.create(name="Endast styrelsen")])
    assert client.get(step_url(module, 1)).status_code == 403
    restriction.delete()
    assert client.get(step_url(module, 1)).status_code == 200


def test_a_cleared_cache_reloads_rather_than_serving_a_stale_copy(client, learner, module):
    from django.core.cache import cache

    client.force_login(learner)
    client.get(step_url(module, 1))
    before = page_cache.current_version()
    cache.clear()
    assert page_cache.current_version() != before
