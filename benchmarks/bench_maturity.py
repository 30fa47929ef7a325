"""The maturity results page of an organisation with 2,000 respondents x 30 statements, on PostgreSQL.

Also in the data: a previous round (change per category), six departments (breakdowns) and six other
municipalities that answered (the comparison), so the page does all its work. Served by gunicorn with
the production settings, logged in as the organisation's manager, against the bare logged-in view
behind the same middleware (the same closed-loop tool, alternating short rounds, as bench_step.py);
`ratio` is the median of the rounds' ratios.

The round measured is still open: its scores are cached for a minute under a key holding its submitted
count (maturity.aggregates), so most requests read them, the previous round's scores and the comparison
from the cache in one round trip; `cold_ms` is one request in-process with those entries removed.

Target (issue 16): the query count does not depend on the number of respondents: `queries` (2,000)
equals `queries_200` (an organisation of 200 built the same way).
"""

import datetime
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common, loadgen

RESPONDENTS = 2000
SMALL = 200
OTHERS = 6  # other organisations of the same kind (5 needed for the comparison)
CLIENTS = 4
ROUNDS = 3
SECONDS = 4.0


def ensure_instrument():
    """Two dimensions x three categories x five statements: 30."""
    from elearning.models import ModulePage
    from maturity.models import Instrument

    instrument = Instrument.objects.filter(title="Benchmark: mognad").first()
    if instrument is not None:
        return instrument
    modules = list(ModulePage.objects.live().order_by("pk")[:2])
    body = []
    for d in (1, 2):
        categories = [
            {
                "name": f"Kategori {d}.{c}",
                "description": "",
                "statements": [{"text": f"Påstående {d}.{c}.{p}", "help_text": ""} for p in range(1, 6)],
                "recommended_modules": modules,
                "recommended_webcasts": [],
            }
            for c in (1, 2, 3)
        ]
        body.append(
            (
                "dimension",
                {"name": f"Dimension {d}", "short_name": f"D{d}", "description": "", "categories": categories},
            )
        )
    instrument = Instrument(title="Benchmark: mognad", body=body)
    instrument.save()
    instrument.save_revision().publish()
    instrument.refresh_from_db()
    return instrument


def add_round(instrument, organisation, users, departments, title, days_ago, shift):
    """An opened round where everyone in `users` has submitted all 30 answers (bulk)."""
    from django.utils import timezone

    from maturity import structure
    from maturity.models import Answer, Respondent, Round

    now = timezone.now()
    round_ = Round.objects.create(
        organisation=organisation,
        instrument=instrument,
        revision_id=instrument.live_revision_id,
        title=title,
        closes_on=timezone.localdate() + datetime.timedelta(days=14 - days_ago),
        opened_at=now - datetime.timedelta(days=days_ago),
    )
    statements = [statement.id for statement in structure.for_round(round_).statements]
    respondents = Respondent.objects.bulk_create(
        [
            Respondent(
                round=round_,
                user=user,
                department=departments[i % len(departments)] if departments and i % 50 else None,
                target_group=("chef", "medarbetare", "ledande", "")[i % 4],
                submitted_at=now,
            )
            for i, user in enumerate(users)
        ],
        batch_size=2000,
    )
    answers = [
        Answer(respondent=respondent, round=round_, statement=statement, value=(i * 7 + s * 3 + shift) % 7)
        for i, respondent in enumerate(respondents)
        for s, statement in enumerate(statements)
    ]
    Answer.objects.bulk_create(answers, batch_size=5000)
    return round_


def build(instrument, size, tag):
    """An organisation of `size` respondents with two rounds; returns (latest round, its manager). Made once."""
    from allauth.account.models import EmailAddress

    from accounts.models import Department, Organisation, User
    from accounts.roles import MANAGER, group_for
    from maturity.models import Round

    organisation, created = Organisation.objects.get_or_create(
        name=f"Benchkommun mognad {tag}", defaults={"kind": "kommun", "county": "Y"}
    )
    manager_email = f"mognad-chef-{tag}@bench.se"
    if not created and Round.objects.filter(organisation=organisation).exists():
        latest = Round.objects.filter(organisation=organisation).order_by("-opened_at").first()
        return latest, User.objects.get(email=manager_email)
    departments = [Department.objects.create(organisation=organisation, name=f"Förvaltning {n}") for n in range(6)]
    users = User.objects.bulk_create(
        [
            User(email=f"mognad-{tag}-{n}@bench.se", first_name="Bench", last_name=str(n), organisation=organisation)
            for n in range(size)
        ],
        batch_size=2000,
    )
    manager = User.objects.create(email=manager_email, first_name="Chef", last_name=tag, organisation=organisation)
    manager.groups.add(group_for(MANAGER))
    EmailAddress.objects.create(user=manager, email=manager.email, verified=True, primary=True)
    add_round(instrument, organisation, users[: size * 3 // 4], departments, "Nollmätning", 365, 0)
    latest = add_round(instrument, organisation, users, departments, "Uppföljning", 0, 2)
    return latest, manager


def ensure_others(instrument):
    from accounts.models import Organisation, User

    for n in range(OTHERS):
        organisation, created = Organisation.objects.get_or_create(
            name=f"Jämförelsekommun {n}", defaults={"kind": "kommun", "county": "Y"}
        )
        if created:
            users = User.objects.bulk_create(
                [User(email=f"jmf-{n}-{m}@bench.se", organisation=organisation) for m in range(12)]
            )
            add_round(instrument, organisation, users, [], "Mätning", 10, n)


def cold_request_ms(path, user):
    """One request in-process after removing the results' cache entries (scores, comparison, structure)."""
    import time

    from django.core.cache import cache
    from django.test import Client

    client = Client()
    client.force_login(user)
    client.get(path)  # the process's own start-up work is not part of it
    redis = cache._cache.get_client(None, write=True)
    keys = [key for pattern in ("*maturity:results:*", "*maturity:structure:*") for key in redis.scan_iter(pattern)]
    if keys:
        redis.delete(*keys)
    start = time.perf_counter()
    assert client.get(path).status_code == 200
    return round((time.perf_counter() - start) * 1000, 1)


def main():
    env = common.bench_env()
    if not os.environ.get("BENCH_REUSE_DATABASE"):  # set it to skip migrations, static files and demo content
        common.ensure_database(env)
    common.setup_django(env)
    from django.urls import reverse
    from django.utils.crypto import get_random_string

    instrument = ensure_instrument()
    ensure_others(instrument)
    big, manager = build(instrument, RESPONDENTS, "2000")
    small, small_manager = build(instrument, SMALL, "200")
    from django.db import connection

    with connection.cursor() as cursor:  # fresh statistics after the bulk inserts, as autovacuum would give
        cursor.execute("ANALYZE maturity_answer; ANALYZE maturity_respondent; ANALYZE accounts_user")
    path = reverse("maturity_results", args=[big.pk])
    queries = common.count_queries(path, manager)
    queries_small = common.count_queries(reverse("maturity_results", args=[small.pk]), small_manager)
    cold_ms = cold_request_ms(path, manager)
    cookies = [f"{common.session_cookie_for(manager)}; csrftoken={get_random_string(32)}" for _ in range(CLIENTS)]
    rounds = {"bare": [], "results": []}
    load_before = os.getloadavg()[0]
    with common.Gunicorn(env, workers=int(env.get("BENCH_WORKERS", "2"))):
        for _ in range(ROUNDS):
            rounds["bare"].append(loadgen.run(common.HOST, common.PORT, ["/bench/bare/"] * CLIENTS, SECONDS, cookies))
            rounds["results"].append(loadgen.run(common.HOST, common.PORT, [path] * CLIENTS, SECONDS, cookies))
    ratios = [page["rps"] / bare["rps"] for bare, page in zip(rounds["bare"], rounds["results"], strict=True)]
    bare, page = (loadgen.combine(rounds[name], SECONDS) for name in ("bare", "results"))
    print("ratios per round: " + " ".join(f"{ratio:.2f}" for ratio in ratios))
    for name, result in (("bare", bare), ("results", page)):
        print(f"{name}: " + " ".join(f"{key}={value}" for key, value in result.items() if key != "latencies"))
    common.last_line(
        {
            "p50_ms": page["p50_ms"],
            "p95_ms": page["p95_ms"],
            "rps": page["rps"],
            "bare_rps": bare["rps"],
            "ratio": round(statistics.median(ratios), 3),
            "queries": queries,
            "queries_200": queries_small,
            "cold_ms": cold_ms,
            "respondents": big.respondents.submitted().count(),
            "statements": 30,
            "errors": page["errors"] + bare["errors"],
            # The machine's 1-minute load average before the run (2 cores): other work competing for them.
            "load_before": round(load_before, 1),
        }
    )


if __name__ == "__main__":
    main()
