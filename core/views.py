import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import Error as DatabaseError  # also InterfaceError, which is not a DatabaseError
from django.db import connection
from django.db.models import Case, Count, F, Min, When
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult, get_date_max

DATABASE_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
# A ready task that has waited this long means no worker is taking tasks (or too few): reminders are not
# sent and Wagtail's search index goes stale. The site still serves, so this is "degraded", not "down".
TASKS_BEHIND_SECONDS = 15 * 60


def _timed(check):
    started = time.perf_counter()
    result = check()
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return {"state": "down"}
    return {"state": "ok"}


def _check_cache():
    """A set and get of a key of its own: the same path a page's cache use takes."""
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
    except Exception:  # any backend error: reported, never raised
        ok = False
    return {"state": "ok" if ok else "down"}


def _check_tasks(database_ok):
    """Queued tasks and how long the oldest ready one has waited (only for the database queue)."""
    if settings.TASKS.get("default", {}).get("BACKEND") != DATABASE_TASKS_BACKEND:
        return {"state": "inline"}
    if not database_ok:
        return {"state": "unknown"}
    try:
        found = DBTaskResult.objects.ready().aggregate(
            ready=Count("pk"),
            # A task with no run_after waits from when it was queued; one with a run_after from then.
            since=Min(Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))),
        )
    except DatabaseError:
        return {"state": "unknown"}
    waited = max(0, int((timezone.now() - found["since"]).total_seconds())) if found["since"] else 0
    return {
        "state": "behind" if waited >= TASKS_BEHIND_SECONDS else "ok",
        "ready": found["ready"],
        "oldest_wait_seconds": waited,
    }


@never_cache
def healthz(request):
    """For load balancers and monitoring: each dependency's state, without secrets and without login.

    "down" (503) only when the database is: without it nothing works, so the balancer should take this
    server out. A lost cache or a task queue nobody works off is "degraded" with 200: pages still answer
    (core.cache), and taking every server out for a shared dependency would turn a slow site into none.
    """
    database = _timed(_check_database)
    checks = {
        "database": database,
        "cache": _timed(_check_cache),
        "tasks": _check_tasks(database["state"] == "ok"),
    }
    if database["state"] != "ok":
        status = "down"
    elif checks["cache"]["state"] != "ok" or checks["tasks"]["state"] == "behind":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse({"status": status, "checks": checks}, status=503 if status == "down" else 200)


def bench_bare(request):
    """The baseline for benchmarks: the same middleware and session login, no page work.

    Only routed when BENCHMARK_VIEWS is on (see config/urls.py).
    """
    from django.http import HttpResponse

    if not request.user.is_authenticated:
        return HttpResponse("login required", status=403)
    return HttpResponse(f"ok {request.user.pk}")


def bench_bare_anonymous(request):
    """The baseline for anonymous readers (bench_news): the same middleware, no page work, 200 for anyone.

    Not /bench/bare/ without a session: its 403 is logged as a warning on every request, which would make
    the baseline slower than a plain answer.
    """
    from django.http import HttpResponse

    return HttpResponse("ok" if not request.user.is_authenticated else f"ok {request.user.pk}")
