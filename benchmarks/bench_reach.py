"""The reach dashboard over 300 organisations and 50,000 people, as a programme owner, on PostgreSQL.

The organisations lie in six counties and four kinds; about seven in ten have people who took part:
e-modules started and completed, memberships of workshops that have started, webcast registrations
and attendance, booked places in a cohort and certificates (when the demo has a programme). Built once
with bulk_create (a second run reuses it). Served by gunicorn with the production settings; clients
cycle over four filter combinations (all, one county, municipalities, webcasts only).

Figures:
- `queries`: the queries of one dashboard request that computes everything (its cache entries removed
  first), with 50,000 people; `queries_5000`: the same with 45,000 of them marked as having left (they
  do not count, so the figures cover 5,000 people with the same query plans). Equal: constant in people.
- `cold_ms`: that request's time in-process; `p50_ms`/`p95_ms`/`rps`: under load, where each filter's
  figures are kept for a minute in the shared cache (reach.figures.cached_reach), as in production.
"""

import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common, loadgen

ORGANISATIONS = 300
PEOPLE = 50_000
SMALL = 5_000
CLIENTS = 4
SECONDS = 6.0
PREFIX = "Räckviddsbänk"
COUNTIES = ["Y", "C", "D", "AB", "M", "O"]
KINDS = ["kommun", "kommun", "kommun", "region", "myndighet", "lansstyrelse"]
GROUPS = ["medarbetare", "medarbetare", "chef", "ledande", "fortroendevald", "medarbetare", ""]
PATHS = ["/rackvidd/", "/rackvidd/?county=Y", "/rackvidd/?kind=kommun", "/rackvidd/?activity=webbsandningar"]


def build():
    """300 organisations, 50,000 people and their activity (bulk). Returns the programme owner. Made once."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import Organisation, User
    from accounts.roles import PROGRAMME_OWNER, group_for
    from elearning.models import ModulePage, ModuleProgress
    from webcasts.models import Attendance, Registration, WebcastPage
    from workshops.models import Membership, Workshop, WorkshopGroup

    UNUSABLE = make_password(None)
    owner_email = "rackvidd-programagare@bench.se"
    owner = User.objects.filter(email=owner_email).first()
    if owner is not None:
        return owner
    now = timezone.now()
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(name=f"{PREFIX} {n:03d}", kind=KINDS[n % len(KINDS)], county=COUNTIES[n % len(COUNTIES)])
            for n in range(ORGANISATIONS)
        ]
    )
    users = User.objects.bulk_create(
        [
            User(
                email=f"rv-{n}@bench.se",
                first_name="Bänk",
                last_name=str(n),
                organisation=organisations[n % ORGANISATIONS],
                target_group=GROUPS[n % len(GROUPS)],
                password=UNUSABLE,
            )
            for n in range(PEOPLE)
        ],
        batch_size=5000,
    )
    # Seven in ten organisations take part; in them, people do different things.
    active = [u for n, u in enumerate(users) if (n % ORGANISATIONS) % 10 < 7]
    modules = list(ModulePage.objects.live().order_by("pk")[:3])
    progress = []
    for n, user in enumerate(active):
        if n % 5 < 2 and modules:  # two in five start a module; most of them finish it, over a year
            done = now - datetime.timedelta(days=(n * 7) % 360) if n % 5 == 0 else None
            progress.append(ModuleProgress(user=user, module=modules[n % len(modules)], completed_at=done))
    ModuleProgress.objects.bulk_create(progress, batch_size=5000)
    workshops = []
    for index, organisation in enumerate(organisations[:ORGANISATIONS:3]):
        if index % 10 < 7:
            workshops.append(
                Workshop(
                    title="Chefsdag", organisation=organisation, starts_at=now - datetime.timedelta(days=index % 200)
                )
            )
    workshops = Workshop.objects.bulk_create(workshops)
    groups = WorkshopGroup.objects.bulk_create([WorkshopGroup(workshop=w, name="Bord 1") for w in workshops])
    group_of = {g.workshop.organisation_id: g for g in groups}
    Membership.objects.bulk_create(
        [
            Membership(workshop=group_of[u.organisation_id].workshop, group=group_of[u.organisation_id], user=u)
            for n, u in enumerate(active)
            if u.organisation_id in group_of and n % 4 == 1
        ],
        batch_size=5000,
    )
    webcasts = list(WebcastPage.objects.live().order_by("pk")[:3])
    if webcasts:
        Registration.objects.bulk_create(
            [
                Registration(webcast=webcasts[n % len(webcasts)], user=u)
                for n, u in enumerate(active)
                if n % 9 == 2 and u.target_group in ("chef", "ledande", "fortroendevald")
            ],
            batch_size=5000,
        )
        Attendance.objects.bulk_create(
            [
                Attendance(webcast=webcasts[n % len(webcasts)], user=u, live_seconds=1800, attended_at=now)
                for n, u in enumerate(active)
                if n % 11 == 3
            ],
            batch_size=5000,
        )
    _programmes(active, now)
    owner = User.objects.create(
        email=owner_email, first_name="Programägare", last_name="Bänk", organisation=organisations[0]
    )
    owner.groups.add(group_for(PROGRAMME_OWNER))
    return owner


def _programmes(active, now):
    """Booked places and certificates in the demo's first cohort, if the demo has a programme."""
    try:
        from programmes.models import Booking, Certificate, Cohort
    except ImportError:
        return
    cohort = Cohort.objects.order_by("pk").first()
    if cohort is None:
        return
    chosen = [u for n, u in enumerate(active) if n % 37 == 5]
    Booking.objects.bulk_create(
        [Booking(cohort=cohort, user=u) for u in chosen], batch_size=5000, ignore_conflicts=True
    )
    Certificate.objects.bulk_create(
        [
            Certificate(
                cohort=cohort,
                user=u,
                code=f"RV{u.pk:08d}",
                name="Bänk",
                programme_title="Chefsprogram",
                cohort_title=cohort.title,
                starts_on=cohort.starts_on,
                ends_on=cohort.ends_on,
            )
            for u in chosen[::2]
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )


def forget_figures():
    from django.core.cache import cache

    redis = cache._cache.get_client(None, write=True)
    keys = list(redis.scan_iter("*reach:figures:*"))
    if keys:
        redis.delete(*keys)


def cold(path, user):
    """(queries, milliseconds) of one request that computes every figure (no cache entry for it)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    client.get(path)  # the process's own start-up work is not part of it
    forget_figures()
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries), round(elapsed, 1)


def main():
    env = common.bench_env()
    if not os.environ.get("BENCH_REUSE_DATABASE"):
        common.ensure_database(env)
    common.setup_django(env)
    from django.db import connection
    from django.utils.crypto import get_random_string

    from accounts.models import User

    owner = build()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE accounts_user; ANALYZE elearning_moduleprogress; ANALYZE workshops_membership")
    people = User.objects.filter(email__startswith="rv-", email__endswith="@bench.se")
    total = people.count()
    # 5,000 people: the others marked as having left for a moment (they do not count), same query plans.
    keep = list(people.order_by("pk").values_list("pk", flat=True)[:SMALL])
    people.exclude(pk__in=keep).update(is_active=False)
    try:
        queries_small, _ms = cold(PATHS[0], owner)
    finally:
        people.update(is_active=True)
    queries, cold_ms = cold(PATHS[0], owner)
    forget_figures()
    cookies = [f"{common.session_cookie_for(owner)}; csrftoken={get_random_string(32)}" for _ in range(CLIENTS)]
    load_before = os.getloadavg()[0]
    with common.Gunicorn(env, workers=int(env.get("BENCH_WORKERS", "2"))):
        result = loadgen.run(common.HOST, common.PORT, PATHS[:CLIENTS], SECONDS, cookies)
    print("reach: " + " ".join(f"{key}={value}" for key, value in result.items() if key != "latencies"))
    common.last_line(
        {
            "orgs": ORGANISATIONS,
            "people": total,
            "p50_ms": result["p50_ms"],
            "p95_ms": result["p95_ms"],
            "rps": result["rps"],
            "queries": queries,
            "queries_5000": queries_small,
            "cold_ms": cold_ms,
            "errors": result["errors"],
            "load_before": round(load_before, 1),
        }
    )


if __name__ == "__main__":
    main()
