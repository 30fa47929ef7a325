"""The last place of a cohort: 50 signed-in people press "Boka plats" at the same moment.

A cohort of a published programme has `CAPACITY` places, all but one booked. 50 different people, each
with their own session, POST to /program/omgang/<id>/boka/ at once (a barrier releases the threads
together), through the real view on gunicorn with the production settings on PostgreSQL and Redis.
The one rule (programmes/booking.py) locks the cohort's row, so exactly one gets the place and the
other 49 join the waiting list; nobody gets an error. Mails are queued in the database for the task
worker (TASKS_BACKEND=django_tasks_db), as in production, so the requests do not wait for a mail server.

Last line: requests, booked (of the 50), waiting, errors, overbooked (places taken beyond capacity:
must be 0), latency p50/p95/max and the wall time of the burst.
"""

import datetime
import http.client
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common

REQUESTS = int(os.environ.get("BENCH_BOOKERS", "50"))
CAPACITY = 20


def ensure_cohort():
    """The programme page and a cohort with one place left; earlier runs' bookings removed."""
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Site

    from accounts.models import Organisation, User
    from core.pagetree import ensure_child_page
    from programmes.models import Booking, BookingStatus, Cohort, ProgrammePage

    today = timezone.localdate()
    with transaction.atomic():
        page = ProgrammePage.objects.filter(slug="lasttest-program").first()
        if page is None:
            home = Site.objects.get(is_default_site=True).root_page
            page, _ = ensure_child_page(home, ProgrammePage, "lasttest-program", title="Lasttest: ledarprogram")
        cohort, _ = Cohort.objects.update_or_create(
            programme=page,
            title="Lasttest",
            defaults={
                "starts_on": today + datetime.timedelta(days=60),
                "ends_on": today + datetime.timedelta(days=120),
                "capacity": CAPACITY,
                "booking_deadline": today + datetime.timedelta(days=30),
                "cancellation_deadline": today + datetime.timedelta(days=30),
            },
        )
        Booking.objects.filter(cohort=cohort).delete()
        organisation = Organisation.objects.order_by("pk").first()
        emails = [f"bokare{n}@lasttest.se" for n in range(CAPACITY - 1 + REQUESTS)]
        existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        User.objects.bulk_create(
            [
                User(email=email, first_name="Bokare", last_name=str(n), organisation=organisation)
                for n, email in enumerate(emails)
                if email not in existing
            ]
        )
        users = {u.email: u for u in User.objects.filter(email__in=emails)}
        holders = [users[email] for email in emails[: CAPACITY - 1]]
        Booking.objects.bulk_create([Booking(cohort=cohort, user=u, status=BookingStatus.BOOKED) for u in holders])
        bookers = [users[email] for email in emails[CAPACITY - 1 :]]
    return cohort.pk, bookers


def post_all(path, cookies):
    """Every request on its own connection and thread, released together; (status, seconds) each."""
    barrier = threading.Barrier(len(cookies))
    results = [None] * len(cookies)

    def one(index):
        cookie, csrf = cookies[index]
        conn = http.client.HTTPConnection(common.HOST, common.PORT, timeout=60)
        headers = {
            "Host": f"{common.HOST}:{common.PORT}",
            "Cookie": cookie,
            "X-CSRFToken": csrf,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        barrier.wait()
        started = time.perf_counter()
        try:
            conn.request("POST", path, body="", headers=headers)
            response = conn.getresponse()
            response.read()
            results[index] = (response.status, time.perf_counter() - started)
        except (OSError, http.client.HTTPException):
            results[index] = (0, time.perf_counter() - started)
        finally:
            conn.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(cookies))]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def main():
    from benchmarks.learners import percentile

    env = common.bench_env()
    env.setdefault("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    if not os.environ.get("BENCH_REUSE_DATABASE"):  # set it to skip migrations, static files and demo content
        common.ensure_database(env)
    common.setup_django(env)
    from django.utils.crypto import get_random_string

    from programmes.models import Booking, BookingStatus

    cohort_id, bookers = ensure_cohort()
    cookies = []
    for user in bookers:
        csrf = get_random_string(32)
        cookies.append((f"{common.session_cookie_for(user)}; csrftoken={csrf}", csrf))
    with common.Gunicorn(env, workers=int(env.get("BENCH_WORKERS", "4"))):
        results, wall = post_all(f"/program/omgang/{cohort_id}/boka/", cookies)
    ok = [seconds for status, seconds in results if status == 302]
    errors = len(results) - len(ok)
    statuses = dict(Booking.objects.filter(cohort_id=cohort_id, user__in=bookers).values_list("user_id", "status"))
    booked = sum(1 for status in statuses.values() if status == BookingStatus.BOOKED)
    waiting = sum(1 for status in statuses.values() if status == BookingStatus.WAITING)
    taken = Booking.objects.filter(cohort_id=cohort_id, status=BookingStatus.BOOKED).count()
    for status in sorted({status for status, _ in results}):
        print(f"HTTP {status}: {sum(1 for s, _ in results if s == status)}")
    latencies = [seconds for _, seconds in results]
    common.last_line(
        {
            "requests": len(results),
            "booked": booked,
            "waiting": waiting,
            "errors": errors,
            "overbooked": max(taken - CAPACITY, 0),
            "p50_ms": percentile(latencies, 0.50),
            "p95_ms": percentile(latencies, 0.95),
            "max_ms": percentile(latencies, 1.0),
            "wall_ms": round(1000 * wall),
        }
    )
    return 0 if booked == 1 and waiting == len(results) - 1 and errors == 0 and taken == CAPACITY else 1


if __name__ == "__main__":
    sys.exit(main())
