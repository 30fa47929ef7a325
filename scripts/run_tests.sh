#!/usr/bin/env bash
# The whole suite in two passes (make test):
#   1. everything but the browser tests, spread over TEST_WORKERS processes (pytest-xdist; each has its
#      own test database: test_<name>_gw0, _gw1, ... on PostgreSQL, its own in-memory one on SQLite);
#   2. the browser tests (marked e2e) in one process: one Chromium and one live server, and no other
#      test process competing with their waits.
# Extra pytest arguments go to both passes; a pass that selects nothing (pytest's exit code 5) is fine.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTEST=".venv/bin/pytest"
WORKERS="${TEST_WORKERS:-auto}"
if [ "$WORKERS" = "auto" ]; then
  WORKERS=$(python3 -c 'import os; print(max(1, min(len(os.sched_getaffinity(0)), 4)))')
fi

run_pass() {
  "$PYTEST" "$@"
  local status=$?
  if [ "$status" -eq 5 ]; then
    return 0
  fi
  return "$status"
}

if [ "$WORKERS" -gt 1 ]; then
  run_pass --create-db -n "$WORKERS" -m "not e2e" "$@" || exit $?
else
  run_pass --create-db -m "not e2e" "$@" || exit $?
fi
run_pass --create-db -m e2e "$@"
