"""Load: 100 simulated learners log in and take modules for 60 s against gunicorn + PostgreSQL.

Target (issue 5): zero errors and p95 under 500 ms on this 2-core machine.
"""

import csv
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common

USERS = 100
SECONDS = 60
# Learners arriving per second: the whole organisation within 20 s, each logging in once.
# BENCH_SPAWN_RATE=100 has all of them log in within the first second.
SPAWN_RATE = int(os.environ.get("BENCH_SPAWN_RATE", "5"))
RESULTS = common.ROOT / "benchmarks" / "results"


def ensure_learners():
    from django.contrib.auth.hashers import make_password

    from accounts.demo import ensure_person
    from accounts.models import Organisation, User

    organisation = Organisation.objects.get(name="Härnösands kommun")
    password = make_password("Lasttest-2026!")
    emails = [f"load{n}@harnosand.se" for n in range(USERS)]
    for n, email in enumerate(emails):
        ensure_person(email, "Last", f"Test {n}", organisation, None, "chef")
    # One hash for all, made with the first of PASSWORD_HASHERS (Argon2), as a real login would leave it.
    User.objects.filter(email__in=emails).update(password=password)


def main():
    env = common.bench_env()
    common.ensure_database(env)
    common.setup_django(env)
    ensure_learners()
    RESULTS.mkdir(parents=True, exist_ok=True)
    prefix = RESULTS / "load"
    locust = str(Path(sys.executable).parent / "locust")
    with common.Gunicorn(env, workers=int(env.get("BENCH_WORKERS", "4"))):
        subprocess.run(
            [
                locust,
                "-f",
                str(common.ROOT / "benchmarks" / "locustfile.py"),
                "--headless",
                "-u",
                str(USERS),
                "-r",
                str(SPAWN_RATE),
                "-t",
                f"{SECONDS}s",
                "--host",
                f"http://{common.HOST}:{common.PORT}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            check=False,
            cwd=common.ROOT,
        )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    total = rows["Aggregated"]
    for name in ("login", "course page", "module overview", "step", "answer", "my learning"):
        if name in rows:
            row = rows[name]
            print(f"{name}: n={row['Request Count']} fail={row['Failure Count']} p50={row['50%']} p95={row['95%']}")
    common.last_line(
        {
            "users": USERS,
            "seconds": SECONDS,
            "requests": total["Request Count"],
            "rps": round(float(total["Requests/s"]), 1),
            "p50_ms": total["50%"],
            "p95_ms": total["95%"],
            "p99_ms": total["99%"],
            "errors": total["Failure Count"],
        }
    )


if __name__ == "__main__":
    main()
