"""Readiness report and its XLSX export for 5,000 members x 5 modules, on PostgreSQL.

Target (issue 4): the query count does not grow with the number of members.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common

MEMBERS = 5000
SMALL = 500
MODULES = 5


def build(size, tag):
    """A workshop with `size` members in groups of 6 and progress on 5 modules. Made once, reused."""
    import datetime

    from django.utils import timezone

    from accounts.models import Organisation, User
    from core.pagetree import ensure_child_page
    from elearning.models import CoursePage, ModulePage, ModuleProgress
    from workshops.models import Membership, Workshop, WorkshopGroup

    organisation, _ = Organisation.objects.get_or_create(
        name=f"Benchkommun {tag}", defaults={"kind": "kommun", "county": "Y"}
    )
    workshop = Workshop.objects.filter(title=f"Bench {tag}", organisation=organisation).first()
    if workshop is not None:
        return workshop
    course = CoursePage.objects.live().first()
    modules = []
    for n in range(MODULES):
        page, _ = ensure_child_page(course, ModulePage, f"bench-{n}", title=f"Benchmodul {n}", steps=[])
        modules.append(page)
    users = User.objects.bulk_create(
        [
            User(
                email=f"bench-{tag}-{n}@example.se", first_name="Bench", last_name=f"{n:05d}", organisation=organisation
            )
            for n in range(size)
        ]
    )
    workshop = Workshop.objects.create(
        title=f"Bench {tag}", organisation=organisation, starts_at=timezone.now() + datetime.timedelta(days=10)
    )
    workshop.required_modules.set(modules)
    workshop.save()
    groups = WorkshopGroup.objects.bulk_create(
        [WorkshopGroup(workshop=workshop, name=f"Bord {n + 1}") for n in range((size + 5) // 6)]
    )
    Membership.objects.bulk_create(
        [Membership(workshop=workshop, group=groups[i // 6], user=user) for i, user in enumerate(users)]
    )
    now = timezone.now()
    progress = []
    for i, user in enumerate(users):
        for m, module in enumerate(modules):
            if (i + m) % 4 == 0:
                continue  # not started
            progress.append(
                ModuleProgress(
                    user=user,
                    module=module,
                    completed_at=now if (i + m) % 4 != 1 else None,
                    best_score=80 if (i + m) % 4 != 1 else None,
                )
            )
    ModuleProgress.objects.bulk_create(progress, batch_size=2000)
    return workshop


def measure(workshop):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.exports import xlsx_response
    from workshops.readiness import workshop_readiness
    from workshops.reports import readiness_rows

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        result = workshop_readiness(workshop)
        readiness_ms = (time.perf_counter() - start) * 1000
    readiness_queries = len(ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        header, *rows = list(readiness_rows(workshop))
        response = xlsx_response("beredskap", header, rows)
        export_ms = (time.perf_counter() - start) * 1000
    return {
        "members": result.total,
        "ready": result.ready_count,
        "readiness_ms": round(readiness_ms),
        "readiness_queries": readiness_queries,
        "export_ms": round(export_ms),
        "export_queries": len(ctx.captured_queries),
        "xlsx_kb": round(len(response.content) / 1024),
    }


def main():
    env = common.bench_env()
    common.ensure_database(env)
    common.setup_django(env)
    big = measure(build(MEMBERS, "5000"))
    small = measure(build(SMALL, "500"))
    print(f"5000: {big}")
    print(f"500: {small}")
    common.last_line(
        {
            "members": big["members"],
            "modules": MODULES,
            "readiness_ms": big["readiness_ms"],
            "readiness_queries": big["readiness_queries"],
            "readiness_queries_500": small["readiness_queries"],
            "export_xlsx_ms": big["export_ms"],
            "export_queries": big["export_queries"],
            "export_queries_500": small["export_queries"],
            "xlsx_kb": big["xlsx_kb"],
        }
    )


if __name__ == "__main__":
    main()
