"""Build a module's StreamField data from a plain dict (demo content, tests, imports)."""

import uuid

NAMESPACE = uuid.UUID("6f1c1f9e-4c1a-4f3e-9a57-2f8f0c6d1e11")


def _id(*parts):
    """Stable block ids, so that demo progress stays keyed to the same questions across runs."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def raw_steps(module):
    """The module dict of demo_content as StreamField raw data."""
    steps = []
    for s_index, step in enumerate(module["steps"]):
        content = []
        for c_index, (kind, value) in enumerate(step["content"]):
            block_id = _id(module["slug"], s_index, c_index)
            if kind == "quiz":
                value = {
                    **value,
                    "options": [
                        {"type": "item", "id": _id(block_id, o_index), "value": option}
                        for o_index, option in enumerate(value["options"])
                    ],
                }
            content.append({"type": kind, "id": block_id, "value": value})
        steps.append(
            {"type": "step", "id": _id(module["slug"], s_index), "value": {"title": step["title"], "content": content}}
        )
    return steps
