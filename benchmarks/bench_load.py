"""The evening before the chefsdag: 1,000 managers of one municipality take their module at home.

Each simulated learner logs in once, opens My learning and the module its workshop requires, takes
every step, answers every quiz question and finishes, then goes on with the next module (think time
5-15 s; benchmarks/learners.py). gunicorn with the production settings on PostgreSQL and Redis.

Target (issue 14): zero errors and p95 under 500 ms, on this 2-core machine, with a load generator
that leaves the server room (its CPU share is printed).
"""

import asyncio
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common

USERS = int(os.environ.get("BENCH_USERS", "1000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "300"))
# Learners arriving per second: the whole municipality within 100 s, each logging in once.
SPAWN_RATE = float(os.environ.get("BENCH_SPAWN_RATE", "10"))
PASSWORD = "Lasttest-2026!"  # noqa: S105 - the benchmark's own throwaway accounts
PAGES = ["login form", "login", "my learning", "module overview", "continue", "step", "answer", "finish"]


def ensure_learners():
    """USERS managers in Härnösand, members of a chefsdag that requires the demo course's modules."""
    import datetime

    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import Organisation, User
    from accounts.roles import LEARNER, group_for
    from elearning.models import Attempt, CoursePage, ModulePage, ModuleProgress, Reflection, StepVisit
    from workshops.models import Membership, Workshop, WorkshopGroup

    organisation = Organisation.objects.get(name="Härnösands kommun")
    emails = [f"load{n}@harnosand.se" for n in range(USERS)]
    with transaction.atomic():
        existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        User.objects.bulk_create(
            [
                User(email=email, first_name="Last", last_name=f"Test {n}", organisation=organisation)
                for n, email in enumerate(emails)
                if email not in existing
            ]
        )
        users = list(User.objects.filter(email__in=emails).order_by("pk"))
        # One hash for all, made with the first of PASSWORD_HASHERS, as a real login would leave it.
        User.objects.filter(pk__in=[u.pk for u in users]).update(password=make_password(PASSWORD))
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
            ignore_conflicts=True,
        )
        group_for(LEARNER).user_set.add(*users)
        course = CoursePage.objects.live().filter(title="Leda digital utveckling").first()
        modules = [m for m in ModulePage.objects.live().child_of(course) if not m.slug.startswith("bench-")][:2]
        workshop, created = Workshop.objects.get_or_create(
            title="Chefsdag lasttest",
            organisation=organisation,
            defaults={"starts_at": timezone.now() + datetime.timedelta(days=1), "place": "Härnösand"},
        )
        if created:
            workshop.required_modules.set(modules)
            workshop.save()
        groups = list(workshop.groups.order_by("pk"))
        if not groups:
            groups = WorkshopGroup.objects.bulk_create(
                [WorkshopGroup(workshop=workshop, name=f"Bord {n + 1}") for n in range((USERS + 7) // 8)]
            )
        # Every run is the same evening: nobody has started yet.
        for model in (ModuleProgress, Attempt, StepVisit, Reflection):
            model.objects.filter(user__in=users).delete()
        Membership.objects.bulk_create(
            [Membership(workshop=workshop, group=groups[(i // 8) % len(groups)], user=u) for i, u in enumerate(users)],
            ignore_conflicts=True,
        )
    return emails


def cpu_seconds(pid):
    """User + system CPU seconds of a process and its children (gunicorn's workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    pids = [pid]
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            pids += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    for each in pids:
        try:
            with open(f"/proc/{each}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            continue
    return total / ticks


def cpu_seconds_of(command):
    """CPU seconds of every process with this command name (the database server's backends)."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/comm") as handle:
                if handle.read().strip() != command:
                    continue
            total += cpu_seconds_single(int(entry))
        except OSError:
            continue
    return total


def cpu_seconds_single(pid):
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    from benchmarks import learners

    env = common.bench_env()
    if not os.environ.get("BENCH_REUSE_DATABASE"):  # set it to skip migrations, static files and demo content
        common.ensure_database(env)
    common.setup_django(env)
    emails = ensure_learners()
    random_seed = int(os.environ.get("BENCH_SEED", "2026"))
    learners.random.seed(random_seed)
    base = f"http://{common.HOST}:{common.PORT}"
    with common.Gunicorn(env, workers=int(env.get("BENCH_WORKERS", "4"))) as server:
        server_cpu_before = cpu_seconds(server.proc.pid)
        database_cpu_before = cpu_seconds_of("postgres")
        started = time.monotonic()
        stats, loadgen_cpu, wall = asyncio.run(learners.simulate(base, emails, PASSWORD, SECONDS, SPAWN_RATE))
        server_cpu = cpu_seconds(server.proc.pid) - server_cpu_before
        database_cpu = cpu_seconds_of("postgres") - database_cpu_before
        wall = time.monotonic() - started
    every = [latency for values in stats.latencies.values() for latency in values]
    requests = len(every) + sum(stats.errors.values())
    figures = {
        "users": USERS,
        "seconds": round(wall),
        "requests": requests,
        "rps": round(requests / wall, 1),
        "p50_ms": learners.percentile(every, 0.50),
        "p95_ms": learners.percentile(every, 0.95),
        "p99_ms": learners.percentile(every, 0.99),
        "errors": sum(stats.errors.values()),
    }
    for name in [*PAGES, "new attempt", "static"]:
        values = stats.latencies.get(name, [])
        if not values and not stats.errors.get(name):
            continue
        print(
            f"{name}: n={len(values)} errors={stats.errors.get(name, 0)} rps={len(values) / wall:.1f} "
            f"p50={learners.percentile(values, 0.5)} p95={learners.percentile(values, 0.95)} "
            f"max={learners.percentile(values, 1.0)}"
        )
        key = name.replace(" ", "_")
        figures[f"{key}_rps"] = round(len(values) / wall, 1)
        figures[f"{key}_p95_ms"] = learners.percentile(values, 0.95)
    window = 30
    for start in range(0, round(wall), window):
        values = [latency for at, latency in stats.timeline if start <= at < start + window]
        print(
            f"{start:>3}-{start + window} s: {len(values) / window:.0f} requests/s "
            f"p50={learners.percentile(values, 0.5)} p95={learners.percentile(values, 0.95)}"
        )
    for sample in stats.error_samples:
        print("error:", sample)
    # Share of one core over the run: 100 = one core busy all the time; the machine has two (200).
    figures["loadgen_cpu_pct"] = round(100 * loadgen_cpu / wall)
    figures["server_cpu_pct"] = round(100 * server_cpu / wall)
    figures["database_cpu_pct"] = round(100 * database_cpu / wall)
    common.last_line(figures)


if __name__ == "__main__":
    main()
