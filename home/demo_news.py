"""Demo news and contact people (built by the news helper)."""


def seed(home):
    return {}
