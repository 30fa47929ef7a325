"""A live webcast: 1,000 signed-in viewers poll the shared snapshot while 20 of them ask and vote.

Each viewer polls /webbsandning/<id>/live.json every 4 s (±1 s jitter) with If-None-Match, as
static/js/webcast-live.js does; 20 of them also ask a question, vote on questions and vote in the
open poll, each every 4-8 s (about 4 writes a second in all). The snapshot is rebuilt at most once a
second whatever the write rate (webcasts/snapshot.py). gunicorn with the production settings on
PostgreSQL and Redis, one asyncio load generator (benchmarks/learners.py explains why not locust).

The baseline, as in bench_step.py: a bare logged-in view behind the same middleware on the same server,
measured with the same closed-loop tool (10 clients) in alternating short rounds against live.json
served from the cache; `ratio` is the median of the rounds' ratios.

Target (issue 15): p95 < 200 ms and 0 errors on this 2-core machine. `server_cpu_pct` is the share of one
core gunicorn got and `load_before` the load average when the run began: on a machine busy with other
work the server gets a fraction of the two cores, and the viewers' latency says so.
"""

import asyncio
import datetime
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common, loadgen

VIEWERS = int(os.environ.get("BENCH_VIEWERS", "1000"))
ACTIVE = int(os.environ.get("BENCH_ACTIVE", "20"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "120"))
POLL_EVERY = 4.0
JITTER = 1.0
ROUNDS, ROUND_SECONDS, CLIENTS = 3, 3.0, 10
POLLS = [
    {
        "type": "poll",
        "id": "bench-poll",
        "value": {
            "question": "Hur digital är din förvaltning i dag?",
            "options": [
                {"type": "item", "id": "bench-a", "value": "Mycket"},
                {"type": "item", "id": "bench-b", "value": "Delvis"},
                {"type": "item", "id": "bench-c", "value": "Lite"},
            ],
        },
    }
]


def ensure_webcast():
    """A webcast live for the next three hours, its questions and votes from earlier runs removed."""
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Site

    from core.pagetree import ensure_child_page
    from webcasts.models import PollState, PollStatus, PollVote, Question, WebcastIndexPage, WebcastPage

    now = timezone.now()
    with transaction.atomic():
        index = WebcastIndexPage.objects.live().first()
        if index is None:
            home = Site.objects.get(is_default_site=True).root_page
            index, _ = ensure_child_page(home, WebcastIndexPage, "webbsandningar", title="Webbsändningar")
        page = WebcastPage.objects.filter(slug="lasttest-direkt").first()
        if page is None:
            page, _ = ensure_child_page(
                index,
                WebcastPage,
                "lasttest-direkt",
                title="Lasttest: direktsändning",
                starts_at=now - datetime.timedelta(minutes=5),
                ends_at=now + datetime.timedelta(hours=3),
                polls=POLLS,
            )
        WebcastPage.objects.filter(pk=page.pk).update(
            starts_at=now - datetime.timedelta(minutes=5), ends_at=now + datetime.timedelta(hours=3), cancelled=False
        )
        Question.objects.filter(webcast=page).delete()
        PollVote.objects.filter(webcast=page).delete()
        PollState.objects.update_or_create(
            webcast=page, poll_id="bench-poll", defaults={"status": PollStatus.OPEN, "opened_at": now}
        )
    return page.pk


def ensure_viewers():
    from allauth.account.models import EmailAddress
    from django.db import transaction

    from accounts.models import Organisation, User

    organisation = Organisation.objects.order_by("pk").first()
    emails = [f"tittare{n}@lasttest.se" for n in range(VIEWERS)]
    with transaction.atomic():
        existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        User.objects.bulk_create(
            [
                User(email=email, first_name="Tittare", last_name=str(n), organisation=organisation)
                for n, email in enumerate(emails)
                if email not in existing
            ]
        )
        users = list(User.objects.filter(email__in=emails).order_by("pk"))
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users], ignore_conflicts=True
        )
    return users


class Stats:
    def __init__(self):
        self.latencies = {"poll": [], "ask": [], "vote": [], "poll vote": []}
        self.errors = dict.fromkeys(self.latencies, 0)
        self.not_modified = 0
        self.samples = []
        self.timeline = []  # (seconds since the start, latency) of every poll, to see when it was slow
        self.started = time.monotonic()

    def record(self, name, seconds, ok, detail=""):
        if ok:
            self.latencies[name].append(seconds)
        else:
            self.errors[name] += 1
            if len(self.samples) < 10:
                self.samples.append(f"{name}: {detail}")


async def viewer(session, base, webcast_id, cookie, csrf, stats, deadline, active):
    import aiohttp

    live_url = f"{base}/webbsandning/{webcast_id}/live.json"
    etag, snapshot, asked, poll_voted, voted = None, None, 0, False, set()
    headers = {"Cookie": cookie, "Accept": "application/json"}
    post_headers = {**headers, "X-CSRFToken": csrf}
    await asyncio.sleep(random.uniform(0, POLL_EVERY))  # viewers arrive spread over the first interval
    next_action = time.monotonic() + random.uniform(2, 8)
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            request_headers = {**headers, **({"If-None-Match": etag} if etag else {})}
            async with session.get(live_url, headers=request_headers) as response:
                body = await response.read()
                status = response.status
                if status == 200:
                    etag = response.headers.get("ETag")
                    snapshot = json.loads(body)
            ok = status in (200, 304)
            stats.not_modified += status == 304
            stats.record("poll", time.perf_counter() - started, ok, f"{status}")
            stats.timeline.append((time.monotonic() - stats.started, time.perf_counter() - started))
        except (TimeoutError, aiohttp.ClientError) as error:
            stats.record("poll", time.perf_counter() - started, False, repr(error))
        if active and time.monotonic() >= next_action:
            next_action = time.monotonic() + random.uniform(4, 8)
            questions = [q for q in (snapshot or {}).get("questions", []) if q["id"] not in voted]
            if not poll_voted:
                name, url, data = (
                    "poll vote",
                    f"/webbsandning/{webcast_id}/omrostningar/bench-poll/rosta/",
                    {"option": random.choice(["bench-a", "bench-b", "bench-c"])},
                )
                poll_voted = True
            elif questions and (asked >= 3 or random.random() < 0.6):
                question = random.choice(questions)
                voted.add(question["id"])
                name, url, data = "vote", f"/webbsandning/{webcast_id}/fragor/{question['id']}/rosta/", {}
            else:
                asked += 1
                name, url, data = (
                    "ask",
                    f"/webbsandning/{webcast_id}/fragor/",
                    {
                        "text": f"Hur gör ni med fråga {random.randint(1, 10_000)}?",
                        "anonymous": "1" if random.random() < 0.3 else "",
                    },
                )
            started = time.perf_counter()
            try:
                async with session.post(base + url, data=data, headers=post_headers) as response:
                    await response.read()
                    stats.record(name, time.perf_counter() - started, response.status == 200, f"{response.status}")
            except (TimeoutError, aiohttp.ClientError) as error:
                stats.record(name, time.perf_counter() - started, False, repr(error))
        await asyncio.sleep(max(0.0, POLL_EVERY + random.uniform(-JITTER, JITTER)))


async def simulate(base, webcast_id, cookies, seconds):
    import aiohttp

    stats = Stats()
    connector = aiohttp.TCPConnector(limit=0, force_close=True)  # gunicorn's sync workers close each connection
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    deadline = started + seconds
    async with aiohttp.ClientSession(
        connector=connector, cookie_jar=aiohttp.DummyCookieJar(), timeout=aiohttp.ClientTimeout(total=30)
    ) as session:
        await asyncio.gather(
            *(
                viewer(session, base, webcast_id, cookie, csrf, stats, deadline, index < ACTIVE)
                for index, (cookie, csrf) in enumerate(cookies)
            )
        )
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return stats, cpu, time.monotonic() - started


def baseline(webcast_id, cookies):
    """Closed-loop rounds, alternating: the bare view and live.json served from the cache."""
    path = f"/webbsandning/{webcast_id}/live.json"
    rounds = {"bare": [], "live": []}
    for _ in range(ROUNDS):
        rounds["bare"].append(loadgen.run(common.HOST, common.PORT, ["/bench/bare/"] * CLIENTS, ROUND_SECONDS, cookies))
        rounds["live"].append(loadgen.run(common.HOST, common.PORT, [path] * CLIENTS, ROUND_SECONDS, cookies))
    ratios = [live["rps"] / bare["rps"] for bare, live in zip(rounds["bare"], rounds["live"], strict=True)]
    return (
        loadgen.combine(rounds["bare"], ROUND_SECONDS),
        loadgen.combine(rounds["live"], ROUND_SECONDS),
        statistics.median(ratios),
    )


def main():
    from benchmarks.bench_load import cpu_seconds
    from benchmarks.learners import percentile

    env = common.bench_env()
    if not os.environ.get("BENCH_REUSE_DATABASE"):  # set it to skip migrations, static files and demo content
        common.ensure_database(env)
    common.setup_django(env)
    from django.utils.crypto import get_random_string

    webcast_id = ensure_webcast()
    users = ensure_viewers()
    cookies = []
    for user in users:
        csrf = get_random_string(32)
        cookies.append((f"{common.session_cookie_for(user)}; csrftoken={csrf}", csrf))
    base = f"http://{common.HOST}:{common.PORT}"
    load_before = os.getloadavg()[0]
    with common.Gunicorn(env, workers=int(env.get("BENCH_WORKERS", "4"))) as server:
        cpu_before = cpu_seconds(server.proc.pid)
        stats, loadgen_cpu, wall = asyncio.run(simulate(base, webcast_id, cookies, SECONDS))
        server_cpu = cpu_seconds(server.proc.pid) - cpu_before
        bare, live_cached, ratio = baseline(webcast_id, [cookie for cookie, _ in cookies[:CLIENTS]])
    polls = stats.latencies["poll"]
    writes = [latency for name in ("ask", "vote", "poll vote") for latency in stats.latencies[name]]
    every = polls + writes
    errors = sum(stats.errors.values())
    for name, values in stats.latencies.items():
        print(
            f"{name}: n={len(values)} errors={stats.errors[name]} rps={len(values) / wall:.1f} "
            f"p50={percentile(values, 0.5)} p95={percentile(values, 0.95)} max={percentile(values, 1.0)}"
        )
    window = 15
    for start in range(0, round(wall), window):
        values = [latency for at, latency in stats.timeline if start <= at < start + window]
        print(
            f"{start:>3}-{start + window} s: {len(values) / window:.0f} polls/s "
            f"p50={percentile(values, 0.5)} p95={percentile(values, 0.95)}"
        )
    for sample in stats.samples:
        print("error:", sample)
    for name, result in (("bare", bare), ("live.json closed loop", live_cached)):
        print(f"{name}: " + " ".join(f"{key}={value}" for key, value in result.items() if key != "latencies"))
    common.last_line(
        {
            "viewers": VIEWERS,
            "active": ACTIVE,
            "seconds": round(wall),
            "requests": len(every) + errors,
            "rps": round((len(every) + errors) / wall, 1),
            "p50_ms": percentile(every, 0.50),
            "p95_ms": percentile(every, 0.95),
            "p99_ms": percentile(every, 0.99),
            "poll_p95_ms": percentile(polls, 0.95),
            "write_p95_ms": percentile(writes, 0.95),
            "writes": len(writes),
            "errors": errors,
            "not_modified_pct": round(100 * stats.not_modified / max(1, len(polls))),
            "bare_rps": bare["rps"],
            "bare_p95_ms": bare["p95_ms"],
            "live_rps": live_cached["rps"],
            "ratio": round(ratio, 2),
            "server_cpu_pct": round(100 * server_cpu / wall),
            "loadgen_cpu_pct": round(100 * loadgen_cpu / wall),
            # The machine's 1-minute load average before the run (2 cores): other work competing for them.
            "load_before": round(load_before, 1),
        }
    )


if __name__ == "__main__":
    main()
