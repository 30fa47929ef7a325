"""make bench: run every benchmark in turn; each prints its figures on its own last line."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = [
    "bench_step.py",
    "bench_readiness.py",
    "bench_load.py",
    "bench_webcast.py",
    "bench_maturity.py",
    "bench_reach.py",
    "bench_booking.py",
    "bench_news.py",
]

if __name__ == "__main__":
    selected = sys.argv[1:] or BENCHMARKS
    failed = 0
    for name in selected:
        print(f"== {name}", flush=True)
        failed |= subprocess.run([sys.executable, str(HERE / name)], check=False).returncode
    sys.exit(failed)
