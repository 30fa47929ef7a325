"""The live server under parallel requests (tests/e2e/conftest.py, QuietServer).

On SQLite the live server shares the test thread's in-memory connection. Parallel requests that open
transactions (the webcast heartbeat does) once broke each other's transaction state ("pop from empty list")
and left the database locked for every later test in CI. A burst of parallel heartbeats must all succeed and
count, and a burst left running at the end of a test must not break the flush that follows.
"""

# ruff: noqa: F811  (the webcast fixtures come from tests/webcasts/conftest.py)

from webcasts.models import Attendance

from ..webcasts.conftest import series, webcast_factory, webcast_index  # noqa: F401  (fixtures)
from .test_webcast_live import on_air, people, signed_in  # noqa: F401  (fixtures)

BURST = """async ([count, wait]) => {
    const form = document.querySelector("[data-attendance-form]");
    const url = form.closest("[data-url]").getAttribute("data-url");
    const beat = () => {
        const body = new FormData(form);
        body.append("kind", "live");
        return fetch(url, {method: "POST", body, credentials: "same-origin"}).then((r) => r.status);
    };
    const requests = Array.from({length: count}, beat);
    return wait ? Promise.all(requests) : [];
}"""


def test_parallel_heartbeats_all_succeed(new_page, live_server, on_air, people):
    viewer = people[0]
    page = signed_in(new_page, live_server, viewer)
    page.goto(on_air.url)

    statuses = page.evaluate(BURST, [24, True])

    assert statuses == [204] * 24
    attendance = Attendance.objects.get(webcast=on_air, user=viewer)
    assert attendance.last_heartbeat_at is not None


def test_a_burst_left_running_at_the_end_does_not_break_the_flush(new_page, live_server, on_air, people):
    page = signed_in(new_page, live_server, people[0])
    page.goto(on_air.url)

    # Not awaited: the requests are still in flight when the test ends and its teardown flushes the database.
    page.evaluate(BURST, [24, False])
    assert page.locator("[data-attendance-form]").count() == 1


def test_the_next_test_finds_a_clean_database(new_page, live_server, on_air, people):
    assert Attendance.objects.count() == 0
    page = signed_in(new_page, live_server, people[0])
    page.goto(on_air.url)
    assert page.evaluate(BURST, [4, True]) == [204] * 4
    assert Attendance.objects.filter(webcast=on_air).count() == 1
