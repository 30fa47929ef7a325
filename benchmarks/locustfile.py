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
    wait_time = between(0.5, 2.0)
    counter = 0

    def on_start(self):
        Learner.counter += 1
        self.email = f"load{Learner.counter % 100}@harnosand.se"
        page = self.client.get("/konto/login/", name="login form")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            "/konto/login/",
            {"login": self.email, "password": "Lasttest-2026!", "csrfmiddlewaretoken": token},
            name="login",
        )
        learning = self.client.get("/mitt-larande/", name="my learning")
        self.steps = sorted(set(STEP_LINK.findall(learning.text))) or []
        if not self.steps:
            modules = re.findall(r'href="(/e-modul/\d+/fortsatt/)"', learning.text)
            self.steps = [m.replace("fortsatt/", "steg/1/") for m in modules]

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
