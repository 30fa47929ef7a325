"""The direction of imports (../shared/architecture.md): an app imports only apps on floors below it.

Read from the source with `ast`, so an import inside a function counts as much as one at the top.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. Apps on one floor do not import each other.
FLOORS = {
    "core": 0,
    "accounts": 1,
    "home": 1,
    "search": 1,
    "elearning": 2,
    # Challenges and the solutions organisations share: pages owned by an organisation (accounts).
    "challenges": 2,
    "webcasts": 3,
    "maturity": 3,
    "workshops": 4,
    # Leadership programmes build on modules and webcasts, beside workshops.
    "programmes": 4,
    # Gather from the domains below: My learning and the calendar (dashboard), rollout plans' live progress.
    "dashboard": 5,
    "rollout": 5,
    # Reach across organisations reads every domain through its selectors.
    "reach": 5,
    "demo": 6,
    "config": 7,
}


def _imported_apps(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in FLOORS:
                yield top, node.lineno


@pytest.mark.parametrize("app", sorted(FLOORS))
def test_imports_point_downwards(app):
    wrong = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for imported, line in _imported_apps(path):
            if imported != app and FLOORS[imported] >= FLOORS[app]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert not wrong, "\n".join(wrong)


def test_every_app_has_a_floor():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(FLOORS), apps - set(FLOORS)
