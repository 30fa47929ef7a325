"""Domain exceptions of accounts; views turn them into messages or 404."""


class NotAllowed(Exception):
    """The person is outside the actor's scope (answered as 404 so that it does not leak)."""
