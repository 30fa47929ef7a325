"""A registry of personal data held by each app, so that "my data" and erasure reach all of it.

Apps register an exporter (user -> JSON-serialisable data) and an eraser (user -> None,
deleting or anonymising) in their AppConfig.ready(). accounts calls them without importing
the learning apps, keeping imports pointing downwards.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataSource:
    key: str
    label: str
    export: Callable
    erase: Callable
    kept_note: str = ""


_sources: dict[str, PersonalDataSource] = {}


def register(key, label, export, erase, kept_note=""):
    _sources[key] = PersonalDataSource(key, label, export, erase, kept_note)


def sources():
    return list(_sources.values())


def export_all(user):
    return {source.key: source.export(user) for source in _sources.values()}


def erase_all(user):
    for source in _sources.values():
        source.erase(user)
