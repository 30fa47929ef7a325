"""100 learners log in and take e-modules (benchmarks/bench_load.py drives it)."""

import random
import re

from locust import HttpUser, between, task

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = re.compile(r'<form method="post" action="(/e-modul/\d+/steg/\d+/svar/[^"]+/)"[^>]*>(.*?)</form>', re.S)
OPTION = re.compile(r'name="option" value="([^"]+)"')
SEQ = re.compile(r'name="seq" value="(\d+)"')
STEP_LINK = re.compile(r'href="(/e-modul/\d+/steg/\d+/)"')


class Learner(HttpUser):
    # A person reads a step and answers its questions in well over half a minute; 3-10 s between
    # requests makes each simulated learner several times busier than a real one.
    wait_time = between(3.0, 10.0)
    counter = 0

    def on_start(self):
        """Log in, then find the course and a module the way a person does, and open it."""
        Learner.counter += 1
        self.email = f"load{Learner.counter % 100}@harnosand.se"
        page = self.client.get("/konto/login/", name="login form")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            "/konto/login/",
            {"login": self.email, "password": "Lasttest-2026!", "csrfmiddlewaretoken": token},
            name="login",
        )
        self.client.get("/mitt-larande/", name="my learning")
        courses = self.client.get("/kurser/", name="course list")  # redirects to the course index page
        course_link = re.search(r'class="card__title"><a href="([^"]+)"', courses.text)
        course = self.client.get(course_link.group(1), name="course page")
        module_links = [
            link
            for link in re.findall(r'class="module-list__title"><a href="([^"]+)"', course.text)
            if "/bench-" not in link  # bench_readiness's own modules, which have no steps
        ]
        overview = self.client.get(random.choice(module_links), name="module overview")
        resume = re.search(r'href="(/e-modul/\d+/fortsatt/)"', overview.text)
        first_step = self.client.get(resume.group(1), name="continue")  # redirects to the step to take
        self.steps = sorted(set(STEP_LINK.findall(first_step.text)))

    @task(5)
    def take_step(self):
        if not self.steps:
            return
        path = random.choice(self.steps)
        page = self.client.get(path, name="step")
        for action, body in FORM.findall(page.text):
            options = OPTION.findall(body)
            token = CSRF.search(body)
            if not options or not token:
                continue
            seq = SEQ.search(body).group(1)
            with self.client.post(
                action,
                {"option": random.choice(options), "seq": seq, "csrfmiddlewaretoken": token.group(1)},
                name="answer",
                catch_response=True,
                allow_redirects=False,
            ) as response:
                # 302 after a stored answer; 409 when another of this user's sessions answered first.
                if response.status_code in (302, 409):
                    response.success()
            break
        number = int(path.rstrip("/").rsplit("/", 1)[-1])
        nxt = re.sub(r"/steg/\d+/$", f"/steg/{number + 1}/", path)
        if nxt not in self.steps and f'href="{nxt}"' in page.text:
            self.steps.append(nxt)

    @task(1)
    def my_learning(self):
        self.client.get("/mitt-larande/", name="my learning")
