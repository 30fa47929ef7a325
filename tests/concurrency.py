"""Running functions at the same moment in threads, each on its own database connection (PostgreSQL tests)."""

import threading

from django.db import connections


def run_parallel(funcs):
    """Start every function at once (a barrier), wait for all; return the exceptions they raised."""
    barrier = threading.Barrier(len(funcs))
    errors = []

    def worker(func):
        try:
            barrier.wait()
            func()
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(func,)) for func in funcs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
