"""The test settings that let `make test` run in several processes at once (scripts/run_tests.sh)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection


def test_uploads_of_a_test_process_go_to_a_folder_of_its_own():
    """Two test processes writing renditions into the project's media/ could delete each other's files."""
    for folder in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        assert Path(folder).is_dir()
        assert Path(settings.BASE_DIR) not in Path(folder).parents
    assert settings.MEDIA_ROOT != settings.PRIVATE_MEDIA_ROOT


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting; CI runs this on it")
def test_postgres_test_connections_do_not_wait_for_the_disk(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "off"


SCRIPT = Path(settings.BASE_DIR) / "scripts" / "run_tests.sh"


def _run_tests(*args, workers="2"):
    import os
    import subprocess

    env = {**os.environ, "TEST_WORKERS": workers}
    env.pop("PYTEST_XDIST_WORKER", None)
    return subprocess.run(
        ["bash", str(SCRIPT), *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_make_test_passes_when_a_pass_selects_nothing():
    """`make test PYTEST_ARGS=tests/x.py` on a file without browser tests leaves the second pass empty."""
    result = _run_tests("-k", "no_test_is_called_like_this")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("test session starts") == 2, result.stdout


def test_make_test_fails_when_a_test_fails_and_stops_before_the_browser_tests(tmp_path):
    failing = tmp_path / "test_failing.py"
    failing.write_text("def test_fails():\n    assert 1 == 2\n")
    result = _run_tests(str(failing), "-c", str(Path(settings.BASE_DIR) / "pyproject.toml"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed" in result.stdout
    assert result.stdout.count("test session starts") == 1, result.stdout  # the browser pass did not run
