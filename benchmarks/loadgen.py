"""A small closed-loop HTTP load generator: N clients on keep-alive connections, for a fixed time.

Used for every figure in one benchmark run, so ratios compare like with like.
"""

import http.client
import statistics
import threading
import time


def run(host, port, paths_per_client, seconds=10.0, cookies_per_client=None, warmup=1.0):
    """Each client loops over its own path with its own cookie. Returns dict of rps, p50/p95/p99 ms, errors."""
    clients = len(paths_per_client)
    latencies, errors, lock = [], [0], threading.Lock()
    stop_at = [0.0]
    start_measure = [0.0]

    def worker(index):
        conn = http.client.HTTPConnection(host, port, timeout=30)
        headers = {"Host": f"{host}:{port}", "Connection": "keep-alive"}
        if cookies_per_client:
            headers["Cookie"] = cookies_per_client[index]
        path = paths_per_client[index]
        local, local_errors = [], 0
        while True:
            now = time.perf_counter()
            if now >= stop_at[0]:
                break
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=30)
            elapsed = time.perf_counter() - now
            if now >= start_measure[0]:
                if ok:
                    local.append(elapsed)
                else:
                    local_errors += 1
        conn.close()
        with lock:
            latencies.extend(local)
            errors[0] += local_errors

    begin = time.perf_counter()
    start_measure[0] = begin + warmup
    stop_at[0] = begin + warmup + seconds
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return summary(latencies, errors[0], seconds)


def summary(latencies, errors, seconds):
    """rps, p50/p95/p99 and mean in ms, and errors, of latencies (s) measured over `seconds`."""
    latencies = sorted(latencies)

    def pct(p):
        return round(1000 * latencies[min(int(len(latencies) * p), len(latencies) - 1)], 1) if latencies else 0.0

    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": round(1000 * statistics.mean(latencies), 1) if latencies else 0.0,
        "errors": errors,
        "latencies": latencies,
    }


def combine(results, seconds_each):
    """One summary of several runs of `seconds_each` seconds."""
    latencies = [latency for result in results for latency in result["latencies"]]
    return summary(latencies, sum(result["errors"] for result in results), seconds_each * len(results))
