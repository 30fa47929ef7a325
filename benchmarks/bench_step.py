"""Module step page vs a bare logged-in view: gunicorn (2 workers) on PostgreSQL, 10 clients.

Targets (issue 3): ratio >= 0.5 and at most 15 queries per step page.

The two alternate in short rounds and the ratio is the median of the rounds' ratios: this machine's
speed drifts by a fifth from one minute to the next, and a ratio of two runs a minute apart measured
the drift as much as the page. Each client sends the cookies a logged-in browser has: its session and
its CSRF cookie (set by the login form).
"""

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common, loadgen

CLIENTS = 10
ROUNDS = 5
SECONDS = 4.0  # per page and round: 20 s of each in all


def main():
    env = common.bench_env()
    common.ensure_database(env)
    common.setup_django(env)
    from django.utils.crypto import get_random_string

    from accounts.demo import ensure_person
    from elearning.models import ModulePage

    module = ModulePage.objects.live().get(slug="vad-ar-digitalisering")
    step_path = module.step_url(2)
    users = [
        ensure_person(f"bench{n}@harnosand.se", "Bench", f"Learner {n}", None, None, "chef") for n in range(CLIENTS)
    ]
    cookies = [f"{common.session_cookie_for(user)}; csrftoken={get_random_string(32)}" for user in users]
    queries = common.count_queries(step_path, users[0])
    rounds = {"bare": [], "step": []}
    with common.Gunicorn(env, workers=int(env.get("BENCH_WORKERS", "2"))):
        for _ in range(ROUNDS):
            rounds["bare"].append(loadgen.run(common.HOST, common.PORT, ["/bench/bare/"] * CLIENTS, SECONDS, cookies))
            rounds["step"].append(loadgen.run(common.HOST, common.PORT, [step_path] * CLIENTS, SECONDS, cookies))
    ratios = [step["rps"] / bare["rps"] for bare, step in zip(rounds["bare"], rounds["step"], strict=True)]
    bare, step = (loadgen.combine(rounds[name], SECONDS) for name in ("bare", "step"))
    print("ratios per round: " + " ".join(f"{ratio:.2f}" for ratio in ratios))
    for name, result in (("bare", bare), ("step", step)):
        print(f"{name}: " + " ".join(f"{key}={value}" for key, value in result.items() if key != "latencies"))
    common.last_line(
        {
            "step_rps": step["rps"],
            "bare_rps": bare["rps"],
            "ratio": round(statistics.median(ratios), 2),
            "p95_ms": step["p95_ms"],
            "bare_p95_ms": bare["p95_ms"],
            "queries": queries,
            "errors": step["errors"] + bare["errors"],
        }
    )


if __name__ == "__main__":
    main()
