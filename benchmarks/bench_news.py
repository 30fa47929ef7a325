"""The news archive and a news article for anonymous readers, against the bare anonymous view, in one run.

The demo's "Nyheter" with 40 more articles (images and tags, as the demo's): the archive's first page shows
ten cards, each with a picture in AVIF, WebP and JPEG at two widths; the article has a lead image at three
widths, quotes, a contact card and the page-feedback form. Served by gunicorn (2 workers) with the
production settings on PostgreSQL and Redis, no cookies (a reader who never signed in).

The baseline, as in bench_step.py: the bare anonymous view (/bench/bare-anonym/: 200, no page work) behind
the same middleware on the same server, measured with the same closed-loop tool (benchmarks/loadgen.py,
10 clients without cookies) in alternating short rounds.
`archive_ratio` and `page_ratio` are the medians of the rounds' ratios. `queries_archive` and
`queries_page` are one warm request in-process; `queries_archive_cold` one right after a content change.

Target (issue 18): both ratios >= 0.5, no errors.
"""

import datetime
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common, loadgen

CLIENTS = 10
ROUNDS = 5
SECONDS = 4.0  # per path and round
EXTRA_ARTICLES = 40
ARCHIVE = "/nyheter/"
ARTICLE_SLUG = "fem-chefer-fran-eskilstuna-gar-ledarprogrammet-tillsammans"


def ensure_articles():
    """EXTRA_ARTICLES more articles under the demo's news index, made once (found again by slug)."""
    from django.db import transaction

    from core.pagetree import ensure_child_page
    from home import demo_news
    from home.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.get(slug="nyheter")
    images = list(demo_news.IMAGES)
    tags = ["Ledarprogram", "Webbsändning", "Digital mognad", "Chefsdag"]
    with transaction.atomic():
        for n in range(EXTRA_ARTICLES):
            title = images[n % len(images)]
            page, created = ensure_child_page(
                index,
                NewsPage,
                f"lasttest-nyhet-{n}",
                title=f"Lasttest: nyhet {n}",
                published_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=17 * n),
                lead="En nyhet för lasttestet, med en ingress på ett par meningar som i en riktig artikel.",
                image=demo_news.ensure_image(title),
                image_alt=demo_news.IMAGES[title][0],
                body=[("paragraph", "<p>Brödtext.</p>")],
            )
            if created:
                page.tags.add(tags[n % len(tags)])
                page.save_revision().publish()
    return index


def count_queries(path):
    """Queries of one anonymous request, warm (as a running server has it)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=common.HOST)
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(ctx.captured_queries)


def count_cold_queries(path):
    """Queries of one anonymous request right after a content change (nothing kept in this process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core import versions

    versions.bump(versions.CONTENT)
    with CaptureQueriesContext(connection) as ctx:
        response = Client(HTTP_HOST=common.HOST).get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(ctx.captured_queries)


def run(paths, seconds, warmup=1.0):
    """benchmarks.loadgen.run for readers without cookies."""
    return loadgen.run(common.HOST, common.PORT, paths, seconds=seconds, warmup=warmup)


def main():
    env = common.bench_env()
    if not os.environ.get("BENCH_REUSE_DATABASE"):  # set it to skip migrations, static files and demo content
        common.ensure_database(env)
    common.setup_django(env)
    from home.models import NewsPage

    ensure_articles()
    article = NewsPage.objects.live().get(slug=ARTICLE_SLUG).url
    queries_archive_cold = count_cold_queries(ARCHIVE)
    queries = {"archive": count_queries(ARCHIVE), "page": count_queries(article)}
    rounds = {"bare": [], "archive": [], "page": []}
    paths = {"archive": ARCHIVE, "page": article}
    server = common.Gunicorn(env, workers=int(env.get("BENCH_WORKERS", "2"))).__enter__()
    try:
        for path in paths.values():  # renditions made and pages kept before measuring, as in a running site
            run([path] * CLIENTS, 1.0)
        for _ in range(ROUNDS):
            rounds["bare"].append(run(["/bench/bare-anonym/"] * CLIENTS, SECONDS))
            for name, path in paths.items():
                rounds[name].append(run([path] * CLIENTS, SECONDS))
    finally:
        server.__exit__(None, None, None)
    ratios = {
        name: [result["rps"] / bare["rps"] for bare, result in zip(rounds["bare"], rounds[name], strict=True)]
        for name in paths
    }
    combined = {name: loadgen.combine(results, SECONDS) for name, results in rounds.items()}
    for name in paths:
        print(f"{name} ratios per round: " + " ".join(f"{ratio:.2f}" for ratio in ratios[name]))
    for name, result in combined.items():
        print(f"{name}: " + " ".join(f"{key}={value}" for key, value in result.items() if key != "latencies"))
    common.last_line(
        {
            "archive_rps": combined["archive"]["rps"],
            "page_rps": combined["page"]["rps"],
            "bare_rps": combined["bare"]["rps"],
            "archive_ratio": round(statistics.median(ratios["archive"]), 2),
            "page_ratio": round(statistics.median(ratios["page"]), 2),
            "archive_p95_ms": combined["archive"]["p95_ms"],
            "page_p95_ms": combined["page"]["p95_ms"],
            "queries_archive": queries["archive"],
            "queries_page": queries["page"],
            "queries_archive_cold": queries_archive_cold,
            "errors": sum(result["errors"] for result in combined.values()),
        }
    )


if __name__ == "__main__":
    main()
