"""Simulated learners for the evening before the chefsdag: one asyncio process, one core at most.

Each learner is a coroutine with its own cookie jar that does what a manager does at home: log in once,
open My learning, open the module the workshop requires, take every step in order, answer each quiz
question, finish, and go on with the next module of the course. Between two things a person does it
waits 5-15 s (think time); a redirect is followed at once, as a browser does. A browser with an empty
cache fetches the style sheets and scripts of the first page once.

Four learners in five have JavaScript, which answers a quiz in place (the answer view returns a
fragment); the fifth posts the form and follows the redirect back to the step, as without JavaScript.

Why not locust: at 1,000 users its gevent workers and request hooks took most of this machine's two
cores, so the figures measured the load generator as much as the server. This one needs a fraction of
one core (it reports its own CPU time), which leaves the server the rest.
"""

import asyncio
import random
import re
import resource
import time
from collections import defaultdict
from urllib.parse import urljoin

import aiohttp

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUIZ_FORM = re.compile(r'<form method="post" action="(/e-modul/\d+/steg/\d+/svar/[^"]+/)"[^>]*>(.*?)</form>', re.S)
OPTION = re.compile(r'name="option" value="([^"]+)"')
SEQ = re.compile(r'name="seq" value="(\d+)"')
NEXT_STEP = re.compile(r'rel="next" href="(/e-modul/\d+/steg/\d+/)"')
SUMMARY = re.compile(r'href="([^"#]+)#resultat"')
RESUME = re.compile(r'href="(/e-modul/\d+/fortsatt/)"')
FINISH = re.compile(r'<form method="post" action="(/e-modul/\d+/avsluta/)"[^>]*>(.*?)</form>', re.S)
ATTEMPT = re.compile(r'name="attempt" value="(\d+)"')
MODULE_LINK = re.compile(r'class="(?:learning-entry__title|module-list__title)"><a href="([^"]+)"')
ASSETS = re.compile(r'<(?:link rel="stylesheet" href|script src)="(/static/[^"]+)"')


class Stats:
    """Latency and outcome of every request, by the name of the page."""

    def __init__(self):
        self.latencies = defaultdict(list)
        self.errors = defaultdict(int)
        self.error_samples = []
        self.timeline = []  # (seconds since the start, latency) of every request, to see when it was slow
        self.started = time.monotonic()

    def record(self, name, seconds, ok, detail=""):
        if ok:
            self.latencies[name].append(seconds)
            self.timeline.append((time.monotonic() - self.started, seconds))
        else:
            self.errors[name] += 1
            if len(self.error_samples) < 10:
                self.error_samples.append(f"{name}: {detail}")


def percentile(values, p):
    if not values:
        return 0
    values = sorted(values)
    return round(1000 * values[min(int(len(values) * p), len(values) - 1)])


class Learner:
    def __init__(self, base, email, password, connector, stats, deadline, think, javascript):
        self.base, self.email, self.password = base, email, password
        self.stats, self.deadline, self.think_range, self.javascript = stats, deadline, think, javascript
        self.session = aiohttp.ClientSession(
            connector=connector,
            connector_owner=False,
            cookie_jar=aiohttp.CookieJar(unsafe=True),  # the server is an IP address
            timeout=aiohttp.ClientTimeout(total=60),
        )
        self.assets_fetched = False

    async def think(self):
        pause = random.uniform(*self.think_range)
        if time.monotonic() + pause >= self.deadline:
            raise TimeoutError
        await asyncio.sleep(pause)

    async def request(self, method, path, name, data=None, headers=None, expect=(200,)):
        """One request, redirects followed one by one (each is measured under the name of its target)."""
        url = urljoin(self.base, path)
        while True:
            started = time.perf_counter()
            try:
                async with self.session.request(
                    method, url, data=data, headers=headers, allow_redirects=False
                ) as response:
                    body = await response.text()
                    status = response.status
                    location = response.headers.get("Location")
            except (TimeoutError, aiohttp.ClientError) as error:
                self.stats.record(name, time.perf_counter() - started, False, repr(error))
                return None
            elapsed = time.perf_counter() - started
            if status in (301, 302, 303) and location:
                self.stats.record(name, elapsed, True)
                url, method, data, headers = urljoin(url, location), "GET", None, None
                name = redirect_name(url)
                continue
            ok = status in expect
            self.stats.record(name, elapsed, ok, f"{status} {url}")
            if ok and not self.assets_fetched and "text/html" in response.headers.get("Content-Type", ""):
                self.assets_fetched = True
                for asset in set(ASSETS.findall(body)):
                    await self.request("GET", asset, "static")
            return body if ok else None

    async def run(self):
        try:
            page = await self.request("GET", "/konto/login/", "login form")
            if page is None:
                return
            await self.think()
            token = CSRF.search(page).group(1)
            form = {"login": self.email, "password": self.password, "csrfmiddlewaretoken": token}
            my_learning = await self.request("POST", "/konto/login/", "login", data=form)
            while my_learning is not None:
                modules = modules_to_do(my_learning)
                if not modules:
                    return  # ready for the chefsdag: this learner is done for the evening
                await self.think()
                await self.take_module(modules[0])
                await self.think()
                my_learning = await self.request("GET", "/mitt-larande/", "my learning")
        except TimeoutError:
            pass
        finally:
            await self.session.close()

    async def take_module(self, module_path):
        overview = await self.request("GET", module_path, "module overview")
        if overview is None:
            return
        resume = RESUME.search(overview)
        if resume is None:  # finished and nothing to resume: start a new attempt from the overview
            finish = re.search(r'action="(/e-modul/\d+/nytt-forsok/)"', overview)
            if finish is None:
                return
            await self.think()
            page = await self.request(
                "POST", finish.group(1), "new attempt", data={"csrfmiddlewaretoken": CSRF.search(overview).group(1)}
            )
        else:
            await self.think()
            page = await self.request("GET", resume.group(1), "continue")
        while page is not None:
            page = await self.answer_all(page)
            if page is None:
                return
            await self.think()
            following = NEXT_STEP.search(page)
            if following:
                page = await self.request("GET", following.group(1), "step")
                continue
            summary = SUMMARY.search(page)
            overview = await self.request("GET", summary.group(1), "module overview")
            finish = FINISH.search(overview or "")
            if finish is None:
                return
            await self.think()
            action, form = finish.groups()
            data = {"csrfmiddlewaretoken": CSRF.search(form).group(1)}
            if attempt := ATTEMPT.search(form):
                data["attempt"] = attempt.group(1)
            await self.request("POST", action, "finish", data=data)
            return

    async def answer_all(self, page):
        """Answers every quiz question on the step page; returns the page as it is after the answers."""
        for action, body in QUIZ_FORM.findall(page):
            options = OPTION.findall(body)
            token = CSRF.search(body)
            if not options or not token:
                continue
            await self.think()
            data = {"option": random.choice(options), "seq": SEQ.search(body).group(1)}
            data["csrfmiddlewaretoken"] = token.group(1)
            if self.javascript:
                # 409: another tab of the same person answered first; the page says so, not an error.
                await self.request("POST", action, "answer", data=data, headers={"X-Requested-With": "fetch"})
            else:
                reloaded = await self.request("POST", action, "answer", data=data)
                if reloaded is not None:
                    page = reloaded
        return page


def modules_to_do(my_learning):
    """The modules My learning still offers to start or continue, in its order (their overview pages)."""
    found = []
    for entry in my_learning.split('<li class="learning-entry')[1:]:
        link = MODULE_LINK.search(entry)
        if link and RESUME.search(entry) and link.group(1) not in found:
            found.append(link.group(1))
    return found


def redirect_name(url):
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    path = "/" + path
    if path.startswith("/mitt-larande/"):
        return "my learning"
    if "/steg/" in path:
        return "step"
    if path.startswith("/konto/"):
        return "login form"
    return "module overview"


async def simulate(base, emails, password, seconds, spawn_rate, think=(5.0, 15.0), javascript_share=0.8):
    """Runs len(emails) learners arriving spawn_rate a second for `seconds`; returns (stats, cpu seconds)."""
    stats = Stats()
    stats.started = time.monotonic()
    connector = aiohttp.TCPConnector(limit=0, force_close=True)  # gunicorn's sync workers close each connection
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    deadline = started + seconds
    tasks = []
    for index, email in enumerate(emails):
        arrive = started + index / spawn_rate
        delay = arrive - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        learner = Learner(base, email, password, connector, stats, deadline, think, random.random() < javascript_share)
        tasks.append(asyncio.create_task(learner.run()))
    await asyncio.gather(*tasks)
    await connector.close()
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return stats, cpu, time.monotonic() - started
