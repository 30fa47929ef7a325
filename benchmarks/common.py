"""Shared set-up for benchmarks: a PostgreSQL database, production settings, gunicorn on loopback."""

import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST, PORT = "127.0.0.1", int(os.environ.get("BENCH_PORT", "8765"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kompetenslyft_bench")


def bench_env():
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(64),
        ALLOWED_HOSTS=f"{HOST},localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        COOKIES_SECURE="false",  # plain HTTP on loopback; TLS would end at the load balancer
        DATABASE_URL=DATABASE_URL,
        STATIC_ROOT=str(ROOT / "benchmarks" / "results" / "static"),
        BENCHMARK_VIEWS="1",
        LOG_LEVEL="WARNING",
        CONN_MAX_AGE="600",
        # As in production: a cache shared by the workers (page-cache version, footer, rate limits).
        REDIS_URL=env.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
        # Production settings require an https base URL; plain http is allowed on loopback when asked for.
        WAGTAILADMIN_BASE_URL=f"http://{HOST}:{PORT}",
        ALLOW_HTTP_BASE_URL="1",
    )
    return env


def ensure_database(env):
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[-1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    for args in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["seed_demo"]):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def session_cookie_for(user):
    """A logged-in session made the way django.contrib.auth.login makes it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


class Gunicorn:
    def __init__(self, env, workers=2):
        self.env, self.workers, self.proc = env, workers, None

    def __enter__(self):
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        self.proc = subprocess.Popen(
            [
                gunicorn,
                "config.wsgi",
                "-w",
                str(self.workers),
                "-b",
                f"{HOST}:{PORT}",
                "--no-control-socket",
                "--log-level",
                "warning",
                # BENCH_ACCESS_LOG=<file>: each request's service time in the worker (%(D)s, microseconds),
                # to tell time spent serving from time spent waiting for a free worker.
                *(
                    [
                        "--access-logfile",
                        self.env["BENCH_ACCESS_LOG"],
                        "--access-logformat",
                        "%(t)s %(m)s %(U)s %(s)s %(D)s",
                    ]
                    if self.env.get("BENCH_ACCESS_LOG")
                    else []
                ),
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://{HOST}:{PORT}/healthz", timeout=2)
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=20)


def count_queries(path, user):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    client.get(path)  # warm caches the way a running server has them
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(ctx.captured_queries)


def last_line(figures):
    print(" ".join(f"{key}={value}" for key, value in figures.items()))
