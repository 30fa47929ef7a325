"""Real-browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Everything here is marked ``e2e`` (``make test-fast`` skips them). What they need beyond the venv is
installed by ``scripts/ensure_browser_deps.sh`` (``make browsers``): /usr/bin/chromium, a Java runtime
and the npm packages axe-core and vnu-jar (package-lock.json). Never ``playwright install``.

Helpers for the tests:

- ``login(page, live_server, email)``: logs in through the real form at /konto/login/.
- ``axe_violations(page)`` / ``assert_no_axe_violations(page)``: axe-core, WCAG 2.1 A and AA rules.
- ``html_errors(documents)`` / ``assert_valid_html(documents)``: the Nu Html Checker. Pass one HTML
  string, or a mapping of names to HTML: all of them are checked in one JVM start (about 1-2 s).
- ``csp_violations(page)``: what Chromium refused because of the Content-Security-Policy.
"""

import io
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from .fixtures import busy_group, module_workshop, site  # noqa: F401  (fixtures for the learning tests)

ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "kompetens2026"
LEARNER_EMAIL = "anna.lindqvist@harnosand.se"
DESKTOP = {"width": 1280, "height": 800}
# The accessibility tests run at both widths: a desktop and a 390 px phone (issue 14).
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
across_viewports = pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["desktop", "phone"])
MISSING_DEPS = "run `make browsers` (scripts/ensure_browser_deps.sh)"


def pytest_collection_modifyitems(config, items):
    """Marks everything in tests/e2e as ``e2e`` and runs it last. This runs after pytest-django's
    ordering (tryfirst) and before ``-m`` deselects: keep it a plain hook, not trylast. Last, because
    while the browser is open Playwright's event loop counts as running in this thread."""
    e2e = [item for item in items if E2E_DIR in Path(str(item.path)).resolve().parents]
    for item in e2e:
        item.add_marker(pytest.mark.e2e)
    chosen = set(e2e)
    items[:] = [item for item in items if item not in chosen] + e2e


# --- browser and pages ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: {MISSING_DEPS}")
    from playwright.sync_api import sync_playwright

    # While the browser is open, Playwright's sync API keeps an event loop running in this thread, and
    # Django refuses ORM calls (the tests', the live server's flush) unless this is set. It is removed
    # again when the browser closes: subprocesses such as `check --deploy` reject it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# --- the live server, made safe for a shared in-memory database ---------------------------------------


class QuietServer:
    """Wraps the live server's WSGI app: counts requests in flight, and on SQLite serialises them.

    With in-memory SQLite, pytest-django hands the server threads the test thread's own connection object,
    and that object's transaction state (``atomic_blocks``) is not thread-safe. A page that polls (the
    webcast player's heartbeat) could run a request inside another request's transaction, or during the
    flush after a test: "pop from empty list", "database table is locked", and every later test errors.
    So on SQLite one request runs at a time, the test thread's own statements wait for the request in
    flight, and a test's teardown waits until the server is quiet before the database is flushed.
    """

    def __init__(self, app, serialise):
        self.app = app
        self.lock = threading.RLock() if serialise else None
        self.in_flight = 0
        self.count_lock = threading.Lock()
        self.last_done = time.monotonic()

    def __call__(self, environ, start_response):
        with self.count_lock:
            self.in_flight += 1
        try:
            if self.lock is None:
                return list(self._run(environ, start_response))
            with self.lock:
                return list(self._run(environ, start_response))
        finally:
            with self.count_lock:
                self.in_flight -= 1
                self.last_done = time.monotonic()

    def _run(self, environ, start_response):
        """The whole response body, read inside the lock (no view here streams without end)."""
        response = self.app(environ, start_response)
        try:
            yield from response
        finally:
            if hasattr(response, "close"):
                response.close()

    def statement_guard(self, execute, sql, params, many, context):
        """An execute wrapper: the test thread's statements wait while a request holds the connection."""
        with self.lock:
            return execute(sql, params, many, context)

    def wait_until_quiet(self, quiet=0.3, timeout=15.0):
        """Returns once no request has been in flight for ``quiet`` seconds (or after ``timeout``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.count_lock:
                idle = self.in_flight == 0 and time.monotonic() - self.last_done >= quiet
            if idle:
                return
            time.sleep(0.05)


@pytest.fixture(scope="session")
def quiet_server(live_server):
    """The live server's app wrapped in `QuietServer` (once per session)."""
    httpd = live_server.thread.httpd
    app = httpd.get_app()
    if not isinstance(app, QuietServer):
        shared = list(live_server.thread.connections_override.values())
        app = QuietServer(app, serialise=bool(shared))
        httpd.set_app(app)
        for connection in shared:
            connection.execute_wrappers.append(app.statement_guard)
    return app


class BrowserPage:
    """Opens pages in a fresh context (no cookies, locale sv-SE) and records what the console reports."""

    def __init__(self, browser, base_url):
        self.browser = browser
        self.base_url = base_url
        self.contexts = []

    def new(self, viewport=None, **options):
        options.setdefault("locale", "sv-SE")
        context = self.browser.new_context(viewport=viewport or DESKTOP, base_url=self.base_url, **options)
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        _record_console(page)
        return page

    def close(self):
        for context in self.contexts:
            context.close()


def _record_console(page):
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(f"JavaScript error: {error}"))


@pytest.fixture
def viewport():
    """The viewport of `page` and of `new_page()` without one. ``@across_viewports`` parametrizes it."""
    return DESKTOP


@pytest.fixture
def new_page(browser, live_server, quiet_server, viewport):
    """Factory for extra pages (other viewports, a second person); each gets its own context.

    At teardown the pages close and the server is let finish what they asked for before the flush."""
    pages = BrowserPage(browser, live_server.url)

    def new(viewport=viewport, **options):
        return pages.new(viewport, **options)

    yield new
    pages.close()
    quiet_server.wait_until_quiet()


@pytest.fixture
def page(new_page):
    """A page in a fresh browser context (locale sv-SE, `viewport`), with the live server as base URL."""
    return new_page()


@pytest.fixture
def demo(live_server):
    """The demo site, organisations, people and courses in the live server's database.

    live_server tests are transactional and flush the database afterwards, so every test builds it again.
    """
    call_command("seed_demo", stdout=io.StringIO())


def login(page, live_server, email, password=DEMO_PASSWORD):
    """Logs in through the real login form and waits until the browser has left it."""
    page.goto(f"{live_server.url}/konto/login/")
    form = page.locator("form:has(input[name=login])")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: "/konto/login/" not in url)


def same_host(url, live_server):
    return urlsplit(url).netloc == urlsplit(live_server.url).netloc


def sideways_overflow(page):
    """How many CSS pixels the page scrolls sideways (0 when it fits). A table may still scroll inside its own
    region: only the document's own width counts (WCAG 1.4.10)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def layout_problems(page, where=""):
    """At a phone's width (under 600 px) the page must not scroll sideways."""
    width = page.viewport_size["width"] if page.viewport_size else 0
    if not width or width >= 600:
        return []
    overflow = sideways_overflow(page)
    if overflow <= 0:
        return []
    wide = page.evaluate(
        """() => [...document.querySelectorAll("body *")].filter((el) => {
            const box = el.getBoundingClientRect();
            if (box.right <= window.innerWidth + 1 || !box.width) return false;
            for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
                if (["auto", "scroll", "hidden"].includes(getComputedStyle(up).overflowX)) return false;
            }
            return true;
        }).slice(0, 5).map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).trim().split(/\\s+/).join(".") : "")
            + " (" + Math.round(el.getBoundingClientRect().right) + "px)")"""
    )
    return [f"{where}scrolls sideways by {overflow}px at {width}px; too wide: {', '.join(wide)}"]


# --- Content-Security-Policy -----------------------------------------------------------------------


def csp_violations(page):
    return [text for text in page.console_errors if "Content Security Policy" in text]


def assert_no_csp_violations(page):
    violations = csp_violations(page)
    assert not violations, "The Content-Security-Policy blocked something:\n" + "\n".join(violations)


# --- axe-core ------------------------------------------------------------------------------------

_AXE_RUN = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return results.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary, html: n.html})),
    }));
}"""


def _axe_source():
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS.relative_to(ROOT)} is missing: {MISSING_DEPS}")
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page, tags=AXE_TAGS):
    """axe-core's violations on the current page, as plain dicts."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # page.add_script_tag() would add an inline <script>, which the site's CSP (script-src 'self')
        # refuses. Evaluating through the DevTools protocol is not subject to the page's CSP.
        page.evaluate("() => {\n" + _axe_source() + "\n}")
    return page.evaluate(_AXE_RUN, list(tags))


def format_axe(violations, where=""):
    lines = []
    for v in violations:
        lines.append(f"{where}[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"    at {node['target']}: {node['html'][:200]}")
            lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines())
    return "\n".join(lines)


def assert_no_axe_violations(page, tags=AXE_TAGS):
    violations = axe_violations(page, tags)
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + format_axe(violations)


# --- Nu Html Checker (vnu) ------------------------------------------------------------------------


def html_errors(documents):
    """Checks HTML documents with the Nu Html Checker in one JVM start.

    ``documents`` is one HTML string or a mapping name -> HTML. Returns readable error lines; messages of
    type "info" (which includes warnings) are ignored.
    """
    if isinstance(documents, str):
        documents = {"document": documents}
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        pytest.fail(f"Java or {VNU_JAR.relative_to(ROOT)} is missing: {MISSING_DEPS}")
    with tempfile.TemporaryDirectory(prefix="vnu-") as tmp:
        names = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(tmp) / f"doc{number:03d}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
        result = subprocess.run(
            [java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR), "--stdout", "--format", "json"]
            + sorted(str(Path(tmp) / filename) for filename in names),
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"The Nu Html Checker failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    errors = []
    for message in messages:
        if message.get("type") == "info":
            continue
        name = names.get(Path(urlsplit(message.get("url", "")).path).name, message.get("url", "?"))
        line = message.get("lastLine", "?")
        extract = " ".join((message.get("extract") or "").split())
        errors.append(f"{name}, line {line}: {message.get('message')}" + (f"\n    {extract}" if extract else ""))
    return errors


def assert_valid_html(documents):
    errors = html_errors(documents)
    assert not errors, f"The Nu Html Checker found {len(errors)} error(s):\n" + "\n".join(errors)
