from django.db import connection
from django.http import JsonResponse


def healthz(request):
    """For load balancers: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def bench_bare(request):
    """The baseline for benchmarks: the same middleware and session login, no page work.

    Only routed when BENCHMARK_VIEWS is on (see config/urls.py).
    """
    from django.http import HttpResponse

    if not request.user.is_authenticated:
        return HttpResponse("login required", status=403)
    return HttpResponse(f"ok {request.user.pk}")
