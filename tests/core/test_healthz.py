"""/healthz: each dependency's state for load balancers and monitoring; 503 only without the database."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from core import cache as resilient_cache
from core import versions

pytestmark = pytest.mark.django_db

DOWN_REDIS = {"default": {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": "redis://:hemligt@127.0.0.1:1/0"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def _fresh_process_state():
    resilient_cache.reset_circuits()
    versions.forget_snapshot()
    yield
    resilient_cache.reset_circuits()
    versions.forget_snapshot()


def test_all_well(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["state"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "tasks": "inline",  # the test settings run tasks inline
    }
    assert "no-store" in response["Cache-Control"]  # a balancer must see each answer fresh


def test_cache_down_is_degraded_but_still_200(client, settings):
    """Pages still answer without the cache, so the balancer must keep the server."""
    settings.CACHES = DOWN_REDIS
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"]["state"] == "down"
    assert response.json()["checks"]["database"]["state"] == "ok"
    assert "hemligt" not in response.content.decode()  # nothing from the URL, least of all a password
    assert "127.0.0.1" not in response.content.decode()


def test_a_cache_that_keeps_nothing_is_degraded(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert client.get("/healthz").json()["checks"]["cache"]["state"] == "down"


def test_database_down_is_503(client):
    with mock.patch.object(connections["default"], "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"]["state"] == "down"
    assert body["checks"]["cache"]["state"] == "ok"
    assert "connection refused" not in response.content.decode()


def _queue_task(enqueued_minutes_ago, run_after=None):
    task = DBTaskResult.objects.create(
        task_path="workshops.tasks.send_reminder",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=run_after or get_date_max(),
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=enqueued_minutes_ago)
    )


def test_database_queue_reports_ready_tasks(client, settings):
    settings.TASKS = DATABASE_TASKS
    _queue_task(enqueued_minutes_ago=1)
    _queue_task(enqueued_minutes_ago=600, run_after=timezone.now() + datetime.timedelta(hours=1))  # not due
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    tasks = body["checks"]["tasks"]
    assert tasks["state"] == "ok"
    assert tasks["ready"] == 1
    assert 50 <= tasks["oldest_wait_seconds"] <= 120


def test_a_queue_nobody_works_off_is_degraded(client, settings):
    """No worker running: reminders and Wagtail's search index wait. The site serves on: 200."""
    settings.TASKS = DATABASE_TASKS
    _queue_task(enqueued_minutes_ago=30)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["tasks"]["state"] == "behind"


def test_a_scheduled_task_waits_from_its_run_after_not_from_when_it_was_queued(client, settings):
    settings.TASKS = DATABASE_TASKS
    _queue_task(enqueued_minutes_ago=600, run_after=timezone.now() - datetime.timedelta(minutes=2))
    tasks = client.get("/healthz").json()["checks"]["tasks"]
    assert tasks["state"] == "ok"
    assert 100 <= tasks["oldest_wait_seconds"] <= 180
