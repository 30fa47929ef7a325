"""gunicorn's settings: `gunicorn -c config/gunicorn.py config.wsgi` (the README and the benchmarks use it).

The app is imported once in the master (preload) and its objects are frozen out of the garbage collector
before the workers fork: a Wagtail process holds a few hundred thousand long-lived objects (models,
templates, URL patterns, blocks) that every full collection would otherwise scan again in each worker,
and untouched pages stay shared between the workers. The young generation is collected less often:
a request makes and drops many objects, and collecting them every 700 allocations costs CPU that the
evening before a chefsdag needs for pages.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
preload_app = True
control_socket_disable = True  # gunicorn 25+: no control socket (nothing uses it, and it needs a writable dir)


def when_ready(server):
    gc.collect()
    gc.freeze()


def post_fork(server, worker):
    gc.set_threshold(50_000, 20, 20)
