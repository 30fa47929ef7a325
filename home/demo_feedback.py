"""Demo page feedback (built by the feedback helper). Runs last, when every demo page exists."""


def seed():
    return {}
