"""Module step page vs a bare logged-in view: gunicorn (2 workers) on PostgreSQL, 10 clients.

Targets (issue 3): ratio >= 0.5 and at most 15 queries per step page.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common, loadgen

CLIENTS = 10
SECONDS = 10.0


def main():
    env = common.bench_env()
    common.ensure_database(env)
    common.setup_django(env)
    from accounts.demo import ensure_person
    from elearning.models import ModulePage

    module = ModulePage.objects.live().get(slug="vad-ar-digitalisering")
    step_path = module.step_url(2)
    users = [
        ensure_person(f"bench{n}@harnosand.se", "Bench", f"Learner {n}", None, None, "chef") for n in range(CLIENTS)
    ]
    cookies = [common.session_cookie_for(user) for user in users]
    queries = common.count_queries(step_path, users[0])
    with common.Gunicorn(env):
        bare = loadgen.run(common.HOST, common.PORT, ["/bench/bare/"] * CLIENTS, SECONDS, cookies)
        step = loadgen.run(common.HOST, common.PORT, [step_path] * CLIENTS, SECONDS, cookies)
    print(f"bare: {bare}")
    print(f"step: {step}  ({step_path})")
    common.last_line(
        {
            "step_rps": step["rps"],
            "bare_rps": bare["rps"],
            "ratio": round(step["rps"] / bare["rps"], 2),
            "p95_ms": step["p95_ms"],
            "bare_p95_ms": bare["p95_ms"],
            "queries": queries,
            "errors": step["errors"] + bare["errors"],
        }
    )


if __name__ == "__main__":
    main()
